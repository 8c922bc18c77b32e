// coeval's small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // Glossary tooltips (WCAG 1.4.13): Escape hides the tooltip that is showing,
  // without moving focus or the pointer. It comes back on the next hover or focus.
  function openTerms() {
    return Array.prototype.filter.call(
      document.querySelectorAll("[data-coeval-term]"),
      function (term) { return term.matches(":hover") || term.matches(":focus-within"); }
    );
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") return;
    var open = openTerms().filter(function (t) {
      return !t.classList.contains("coeval-term--dismissed");
    });
    if (open.length === 0) return;
    open.forEach(function (term) { term.classList.add("coeval-term--dismissed"); });
    event.preventDefault();
  });

  function reset(event) {
    var term = event.target.closest && event.target.closest("[data-coeval-term]");
    if (!term) return;
    if (event.type === "mouseout" && term.contains(event.relatedTarget)) return;
    if (event.type === "focusout" && term.contains(event.relatedTarget)) return;
    term.classList.remove("coeval-term--dismissed");
  }
  document.addEventListener("mouseout", reset);
  document.addEventListener("focusout", reset);
})();
