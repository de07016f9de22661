// Optional enhancement of the lesson editor: a live preview while typing. Without it, the
// "Preview" button renders the same preview on the server.
(function () {
  "use strict";

  var form = document.querySelector(".js-lesson-form");
  if (!form || !window.fetch || !window.FormData) return;
  var body = form.querySelector("textarea[name=body]");
  var section = document.getElementById("preview");
  var target = section && section.querySelector(".js-preview");
  if (!body || !target) return;

  var timer = null;
  var latest = 0;

  function refresh() {
    var request = ++latest;
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    data.append("body", body.value);
    fetch(form.dataset.previewUrl, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.statusText);
        return response.text();
      })
      .then(function (html) {
        if (request !== latest) return;
        target.innerHTML = html;
        section.hidden = false;
      })
      .catch(function () { /* the Preview button still works */ });
  }

  body.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 500);
  });
})();
