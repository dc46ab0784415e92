/* Basisbaan: small progressive enhancements. Everything works without it. */
(function () {
  "use strict";

  // Move focus to the error summary after a failed form submit, so a screen
  // reader user hears what to fix (WCAG 3.3.1).
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  // Ask before a destructive action (forms with data-confirm).
  function confirmForms() {
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (form instanceof HTMLFormElement && form.dataset.confirm) {
        if (!window.confirm(form.dataset.confirm)) {
          event.preventDefault();
        }
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusErrorSummary);
  } else {
    focusErrorSummary();
  }
  confirmForms();
})();
