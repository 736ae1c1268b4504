/* mangfold autosave (progressive enhancement; the form works without it).
 *
 * Each question is a <fieldset data-question="CODE">. When an answer changes, the fields of that
 * question (and any chosen files) are posted to the form's data-autosave address with the version the
 * page was loaded with (ver-CODE). The server answers with the new version, the progress and the live
 * scores; a 409 means someone else changed the answer meanwhile: the message is shown, nothing is
 * overwritten, and this question stops autosaving until the page is reloaded. Answers still waiting
 * when the page is left (reload, another page, closed tab) are sent with keepalive.
 */
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) { return; }
  var url = form.getAttribute("data-autosave");
  var texts = form.dataset;
  var live = document.getElementById("autosave-status");
  var questions = {};
  var DELAY = 500;

  function stateOf(fieldset) {
    var code = fieldset.getAttribute("data-question");
    if (!questions[code]) {
      questions[code] = { fieldset: fieldset, timer: null, busy: false, again: false, dirty: false, conflict: false };
    }
    return questions[code];
  }

  function collect(q, withFiles) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.querySelector("input[name=csrfmiddlewaretoken]").value);
    data.append("question", q.fieldset.getAttribute("data-question"));
    var fields = q.fieldset.querySelectorAll("input, textarea, select");
    for (var i = 0; i < fields.length; i++) {
      var el = fields[i];
      if (!el.name || el.disabled) { continue; }
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) { continue; }
      if (el.type === "file") {
        if (withFiles) { for (var j = 0; j < el.files.length; j++) { data.append(el.name, el.files[j]); } }
        continue;
      }
      data.append(el.name, el.value);
    }
    return data;
  }

  function show(q, text, kind) {
    var el = q.fieldset.querySelector(".save-state");
    if (el) { el.textContent = text; el.className = "save-state" + (kind ? " " + kind : ""); }
  }

  function announce(text) {
    if (live) { live.textContent = text; }
  }

  function setText(id, text) {
    var el = document.getElementById(id);
    if (el && text !== undefined) { el.textContent = text; }
  }

  function saved(q, body) {
    var version = q.fieldset.querySelector("input[name^='ver-']");
    if (version) { version.value = body.version; }
    var files = q.fieldset.querySelector("input[type=file]");
    if (files && files.files.length) { files.value = ""; }
    var box = q.fieldset.querySelector(".attachments-box");
    if (box && body.attachments_html !== undefined) { box.innerHTML = body.attachments_html; }
    setText("section-progress", body.progress);
    setText("live-indicator", body.indicator_score);
    setText("live-overall", body.overall);
    var nav = document.querySelector("[data-current-progress]");
    if (nav && body.progress) { nav.textContent = body.progress; }
    show(q, texts.msgSaved, "ok");
    announce(texts.msgSaved);
  }

  function refused(q, body) {
    q.conflict = true;
    var box = q.fieldset.querySelector(".conflict-message");
    if (box) { box.textContent = body.message || texts.msgConflict; }
    show(q, texts.msgConflict, "error");
  }

  function failed(q, body) {
    q.dirty = true;
    var message = texts.msgFailed;
    if (body && body.errors) {
      message = Object.keys(body.errors).map(function (key) { return body.errors[key]; }).join(" ");
    } else if (body && body.message) {
      message = body.message;
    }
    show(q, message, "error");
    announce(message);
  }

  function send(q) {
    if (q.conflict) { return; }
    if (q.busy) { q.again = true; return; }
    clearTimeout(q.timer);
    q.timer = null;
    q.dirty = false;
    q.busy = true;
    show(q, texts.msgSaving);
    fetch(url, {
      method: "POST",
      body: collect(q, true),
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-Requested-With": "XMLHttpRequest" }
    }).then(function (response) {
      return response.json().then(
        function (body) { return { status: response.status, body: body }; },
        function () { return { status: response.status, body: null }; }
      );
    }).then(function (result) {
      if (result.status === 200) { saved(q, result.body); }
      else if (result.status === 409) { refused(q, result.body); }
      else { failed(q, result.body); }
    }, function () {
      failed(q, null);
    }).then(function () {
      q.busy = false;
      if (q.again) { q.again = false; send(q); }
    });
  }

  function changed(event, immediately) {
    var fieldset = event.target.closest ? event.target.closest("fieldset[data-question]") : null;
    if (!fieldset) { return; }
    var q = stateOf(fieldset);
    if (q.conflict) { return; }
    q.dirty = true;
    clearTimeout(q.timer);
    if (immediately) { send(q); } else {
      show(q, texts.msgUnsaved);
      q.timer = setTimeout(function () { send(q); }, DELAY);
    }
  }

  form.addEventListener("input", function (event) {
    if (event.target.type !== "file") { changed(event, event.target.type === "radio" || event.target.type === "checkbox"); }
  });
  form.addEventListener("change", function (event) {
    var type = event.target.type;
    if (type === "file" || type === "radio" || type === "checkbox") { changed(event, true); }
  });

  function flush() {
    Object.keys(questions).forEach(function (code) {
      var q = questions[code];
      if (!q.dirty || q.conflict) { return; }  // if a save is under way, this one may be refused (kept in the history)
      clearTimeout(q.timer);
      q.timer = null;
      q.dirty = false;
      var data = collect(q, false);
      try {
        fetch(url, { method: "POST", body: data, credentials: "same-origin", keepalive: true });
      } catch (error) {
        if (navigator.sendBeacon) { navigator.sendBeacon(url, data); }
      }
    });
  }
  window.addEventListener("beforeunload", flush);
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { flush(); }
  });
  form.addEventListener("submit", function () {
    // the form posts every answer itself
    Object.keys(questions).forEach(function (code) {
      clearTimeout(questions[code].timer);
      questions[code].dirty = false;
    });
  });
  form.setAttribute("data-autosave-ready", "");
})();
