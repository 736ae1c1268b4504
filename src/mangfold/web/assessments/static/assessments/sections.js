/* The form's list of indicators is a <details> element, closed so that the first question comes first on
   a narrow screen; on a wide screen, where the list stands beside the questions, it is opened. */
(function () {
  "use strict";
  var wide = window.matchMedia ? window.matchMedia("(min-width: 50rem)") : null;
  var lists = document.querySelectorAll("details[data-open-wide]");
  function apply() {
    Array.prototype.forEach.call(lists, function (list) { list.open = !wide || wide.matches; });
  }
  apply();
  if (wide && wide.addEventListener) { wide.addEventListener("change", apply); }
}());
