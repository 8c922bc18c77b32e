// Coding in the browser: turn a mouse or keyboard selection in the transcript into the
// positions the server stores. The page works without this file (type the positions).
//
// Positions are Unicode code points of the plain text. JavaScript strings count UTF-16 code
// units, so an emoji counts 2 there and 1 here: we count with Array.from, which iterates by
// code point, over the text from the start of the transcript to each end of the selection.
(function () {
  "use strict";

  function textRegion() { return document.getElementById("qda-text"); }

  function codePointsBefore(region, node, offset) {
    var range = document.createRange();
    range.setStart(region, 0);
    range.setEnd(node, offset);
    return Array.from(range.toString()).length;
  }

  function currentSelection() {
    var region = textRegion();
    var selection = window.getSelection();
    if (!region || !selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    var range = selection.getRangeAt(0);
    if (!region.contains(range.startContainer) || !region.contains(range.endContainer)) return null;
    var start = codePointsBefore(region, range.startContainer, range.startOffset);
    var end = codePointsBefore(region, range.endContainer, range.endOffset);
    if (end <= start) return null;
    return { start: start, end: end, text: range.toString() };
  }

  var pending = false;
  function showSelection() {
    pending = false;
    var found = currentSelection();
    var form = document.getElementById("qda-apply");
    if (!found || !form) return;
    form.elements.start.value = found.start;
    form.elements.end.value = found.end;
    var shown = found.text.length > 200 ? found.text.slice(0, 200) + "…" : found.text;
    var box = document.getElementById("qda-selected");
    box.textContent = "Selected (characters " + found.start + "–" + found.end + "): “" + shown + "”";
  }

  document.addEventListener("selectionchange", function () {
    if (!pending) { pending = true; window.requestAnimationFrame(showSelection); }
  });

  // Keyboard selection without caret browsing: arrows move a caret inside the transcript,
  // Shift+arrows extend the selection, Ctrl adds whole words; Enter goes to the codes.
  var moves = {
    ArrowLeft: ["backward", "character"], ArrowRight: ["forward", "character"],
    ArrowUp: ["backward", "line"], ArrowDown: ["forward", "line"],
    Home: ["backward", "lineboundary"], End: ["forward", "lineboundary"]
  };
  document.addEventListener("keydown", function (event) {
    var region = textRegion();
    if (!region || event.target !== region) return;
    var selection = window.getSelection();
    if (event.key === "Enter") {
      var first = document.querySelector("#qda-apply input[name=codes]");
      if (first && currentSelection()) { event.preventDefault(); first.focus(); }
      return;
    }
    var move = moves[event.key];
    if (!move || !selection.modify) return;
    if (selection.rangeCount === 0 || !region.contains(selection.anchorNode)) {
      selection.collapse(region.firstChild ? region.firstChild.firstChild || region.firstChild : region, 0);
    }
    var granularity = event.ctrlKey && move[1] === "character" ? "word" : move[1];
    selection.modify(event.shiftKey ? "extend" : "move", move[0], granularity);
    event.preventDefault();
  });

  // After codes are applied, clear the ticks so the next selection starts afresh; after a
  // refusal keep them, so nothing the person chose is lost.
  document.addEventListener("htmx:afterSettle", function (event) {
    var coded = document.getElementById("qda-coded");
    var form = document.getElementById("qda-apply");
    var config = event.detail && event.detail.requestConfig;
    if (!coded || !form || (config && config.elt !== form)) return;
    if (coded.querySelector(".nhsuk-error-summary")) return;
    Array.prototype.forEach.call(form.querySelectorAll("input[name=codes]"), function (box) {
      box.checked = false;
    });
    document.getElementById("qda-selected").textContent = "Coded. Select more text to code it.";
  });

  document.addEventListener("focusin", function (event) {
    var region = textRegion();
    if (!region || event.target !== region) return;
    var selection = window.getSelection();
    if (selection.rangeCount === 0 || !region.contains(selection.anchorNode)) {
      var first = region.firstChild && (region.firstChild.firstChild || region.firstChild);
      if (first) selection.collapse(first, 0);
    }
  });
})();
