// The workbook's small enhancements; every page works without them.
(function () {
  "use strict";
  // After htmx swaps the logic model builder, keyboard users would lose their place:
  // move focus to the status message (or the error) that says what happened.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (!event.detail.target || event.detail.target.id !== "builder") return;
    var builder = document.getElementById("builder");
    if (!builder) return;
    var target = builder.querySelector(".nhsuk-error-summary") || document.getElementById("builder-status");
    if (target) target.focus();
  });
})();
