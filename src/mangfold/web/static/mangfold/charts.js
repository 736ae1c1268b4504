/* Draw every chart on the page: <figure class="chart"><script type="application/json">SPEC</script></figure>.
 * Without JavaScript the table beside each chart carries the same numbers. */
(function () {
  "use strict";
  var locales = {
    da: { decimal: ",", thousands: ".", grouping: [3], currency: ["", " kr."] },
    en: { decimal: ".", thousands: ",", grouping: [3], currency: ["£", ""] }
  };
  function draw() {
    var lang = document.documentElement.lang || "da";
    document.querySelectorAll("figure.chart").forEach(function (figure) {
      var source = figure.querySelector("script[type='application/json']");
      var target = figure.querySelector(".chart-canvas");
      if (!source || !target || !window.vegaEmbed) { return; }
      var spec = JSON.parse(source.textContent);
      // A single or layered view wider than its place takes the place's width (labels keep their size);
      // other charts scroll inside their own box (.chart-canvas), never the page.
      var room = target.clientWidth || figure.clientWidth;
      if (typeof spec.width === "number" && room && spec.width > room - 40 && (spec.mark || spec.layer)) {
        spec.width = "container";
        spec.autosize = { type: "fit-x", contains: "padding" };
      }
      window.vegaEmbed(target, spec, {
        renderer: "svg", actions: false, formatLocale: locales[lang] || locales.en,
        // Under the site's content security policy: expressions by Vega's interpreter (no eval) and no
        // <style> element from vega-embed or its tooltips (their few rules are in site.css).
        ast: true, defaultStyle: false, tooltip: { disableDefaultStyle: true }
      }).then(function () { figure.setAttribute("data-drawn", "true"); })
        .catch(function (error) { figure.setAttribute("data-error", String(error)); });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
