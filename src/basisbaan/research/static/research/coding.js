/* Coding an exact text selection (progressive enhancement of the segment form).
 *
 * Without this script the researcher ticks consecutive segments. With it, the text
 * region becomes a read-only caret region: a mouse selection, or Shift plus the
 * arrow keys, fills the hidden start/end fields with code-point offsets into the
 * pseudonymised text (each segment's text carries its offset in data-start). The
 * result is announced in the aria-live region. No inline script (CSP).
 */
(function () {
  "use strict";
  var region = document.getElementById("rc-text");
  var form = document.getElementById("rc-coding-form");
  var live = document.getElementById("rc-live");
  if (!region || !form || !live) { return; }
  var startField = form.querySelector("input[name=start]");
  var endField = form.querySelector("input[name=end]");
  if (!startField || !endField) { return; }

  function codePoints(text) { return Array.from(text).length; }

  function segmentOf(node) {
    var el = node.nodeType === 1 ? node : node.parentElement;
    return el ? el.closest(".rc-seg-text") : null;
  }

  // The offset in the transcript of a (node, offset) point inside a segment's text.
  function pointOffset(node, offset) {
    var seg = segmentOf(node);
    if (!seg || !region.contains(seg)) { return null; }
    var range = document.createRange();
    range.setStart(seg, 0);
    range.setEnd(node, offset);
    return parseInt(seg.dataset.start, 10) + codePoints(range.toString());
  }

  function clear() { startField.value = ""; endField.value = ""; }

  function announce(message) { live.textContent = message; }

  function update() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) { clear(); return; }
    var range = selection.getRangeAt(0);
    if (!region.contains(range.commonAncestorContainer)) { return; }
    var start = pointOffset(range.startContainer, range.startOffset);
    var end = pointOffset(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) { clear(); return; }
    startField.value = String(start);
    endField.value = String(end);
    var text = selection.toString().replace(/\s+/g, " ").trim();
    if (text.length > 80) { text = text.slice(0, 77) + "…"; }
    announce(region.dataset.announce
      ? region.dataset.announce.replace("%(start)s", start).replace("%(end)s", end).replace("%(text)s", text)
      : "Selectie: tekens " + start + " tot " + end + " (‘" + text + "’). Kies een code en druk op Coderen.");
  }

  // A read-only caret region: arrow keys move, Shift+arrows select, nothing is typed.
  region.setAttribute("contenteditable", "true");
  region.setAttribute("spellcheck", "false");
  region.setAttribute("aria-label", region.dataset.label || "Tekst van het transcript");
  ["beforeinput", "paste", "drop", "cut"].forEach(function (name) {
    region.addEventListener(name, function (event) { event.preventDefault(); });
  });
  region.addEventListener("keydown", function (event) {
    if (event.key === "Enter" || event.key === "Backspace" || event.key === "Delete") {
      if (event.target === region) { event.preventDefault(); }
    }
  });
  document.addEventListener("selectionchange", update);

  // Ticking a segment clears an exact selection: the segments decide then.
  region.addEventListener("change", function (event) {
    if (event.target && event.target.name === "segments") {
      clear();
      var selection = window.getSelection();
      if (selection) { selection.removeAllRanges(); }
    }
  });
})();
