// Optional countdown on a quiz attempt with a time limit. The server enforces the deadline;
// this only shows the time left and submits the attempt when it runs out.
(function () {
  "use strict";

  var box = document.getElementById("quiz-deadline");
  var form = document.getElementById("quiz-form");
  if (!box || !form) return;
  var deadline = Number(box.getAttribute("data-deadline"));  // milliseconds since 1970
  var output = box.querySelector(".quiz-countdown");
  if (isNaN(deadline) || !output) return;
  var label = (output.getAttribute("data-label") || "") + " ";
  var submitted = false;

  function pad(n) { return n < 10 ? "0" + n : String(n); }

  function tick() {
    var left = Math.max(0, Math.floor((deadline - Date.now()) / 1000));
    var minutes = Math.floor(left / 60);
    // Announce at most once a minute to screen readers; show the seconds to everyone.
    output.textContent = label + minutes + ":" + pad(left % 60);
    output.setAttribute("aria-live", left % 60 === 0 || left < 60 ? "polite" : "off");
    if (left === 0 && !submitted) {
      submitted = true;
      var button = form.querySelector("button[name=action][value=submit]");
      if (button) button.click();
      return;
    }
    window.setTimeout(tick, 1000);
  }
  tick();
})();
