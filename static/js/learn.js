// Optional enhancements of the learning pages; every page works without them.
(function () {
  "use strict";

  document.querySelectorAll(".js-print").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // "Mark as done" without reloading the page: the server answers HX-Request with the
  // replacement block; on any failure the form is submitted the ordinary way.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("js-done-form") || !window.fetch) return;
    event.preventDefault();
    var block = form.closest("#lesson-done");
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "HX-Request": "true" }
    }).then(function (response) {
      if (!response.ok) throw new Error(response.statusText);
      return response.text();
    }).then(function (html) {
      var template = document.createElement("template");
      template.innerHTML = html.trim();
      var replacement = template.content.firstElementChild;
      block.replaceWith(replacement);
      replacement.setAttribute("tabindex", "-1");
      replacement.focus();
    }).catch(function () {
      form.submit();
    });
  });
})();
