// The redaction review: a checkbox shows at once on the original whether its
// proposal is replaced. The preview (with the numbers renumbered) follows on
// "Voorstel bijwerken"; the page works the same without this script.
(function () {
  "use strict";
  function init() {
    var form = document.getElementById("tr-review");
    if (!form) return;
    form.addEventListener("change", function (event) {
      var box = event.target;
      if (!box || box.name !== "accept") return;
      var mark = document.getElementById("m-" + box.value);
      if (mark) mark.classList.toggle("tr-mark--rejected", !box.checked);
      var tag = form.querySelector('.tr-tag[data-for="' + box.value + '"]');
      if (tag) {
        if (!tag.dataset.label) tag.dataset.label = tag.textContent;
        tag.textContent = box.checked ? tag.dataset.label : form.dataset.keep || "(blijft staan)";
      }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
