/* Report files made in the background: poll their state and show the progress, then the download link.
   Progressive enhancement: without JavaScript the page has a refresh link and works the same. */
(function () {
  "use strict";
  if (!window.fetch) { return; }
  var boxes = document.querySelectorAll('[data-report-status][data-state="queued"], [data-report-status][data-state="running"]');
  Array.prototype.forEach.call(boxes, function (box) {
    var url = box.getAttribute("data-status-url");
    var bar = box.querySelector("progress");
    var label = bar ? box.querySelector('label[for="' + bar.id + '"]') : null;
    var ready = box.querySelector("[data-when-ready]");
    function poll() {
      fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          if (bar) { bar.value = data.progress; bar.textContent = data.progress + " %"; }
          if (label) { label.textContent = data.step; }
          if (data.done && ready) {
            ready.hidden = false;
            box.setAttribute("data-state", "done");
            var link = ready.querySelector("a");
            if (link) { link.focus(); }
            return;
          }
          if (data.failed) { window.location.reload(); return; }
          window.setTimeout(poll, 1500);
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    }
    window.setTimeout(poll, 1000);
  });
}());
