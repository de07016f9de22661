// Optional "select all" for the bulk decisions on the applications list. Without it, each
// application is ticked on its own and the form works the same.
(function () {
  "use strict";

  var form = document.getElementById("bulk-form");
  var all = document.getElementById("select-all");
  if (!form || !all) return;
  var boxes = Array.prototype.slice.call(
    form.querySelectorAll("input[type=checkbox][name=applications]")
  );
  if (!boxes.length) return;

  // Ticked, unticked, or "mixed" when only some applications are selected.
  function sync() {
    var ticked = boxes.filter(function (box) { return box.checked; }).length;
    all.checked = ticked === boxes.length;
    all.indeterminate = ticked > 0 && ticked < boxes.length;
  }

  all.addEventListener("change", function () {
    boxes.forEach(function (box) { box.checked = all.checked; });
    all.indeterminate = false;
  });
  form.addEventListener("change", function (event) {
    if (event.target !== all) sync();
  });

  var fallback = form.querySelector(".js-select-all-fallback");
  if (fallback) fallback.hidden = true;
  all.closest(".js-select-all").hidden = false;
  sync();  // the browser may have restored some ticks when going back to the page
})();
