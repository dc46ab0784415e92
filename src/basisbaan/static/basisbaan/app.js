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

  // At phone width the main menu folds behind a menu button (the CSS shows the
  // button only then, and only when this script runs: without it the menu stays
  // open). The button says whether the menu is open (aria-expanded); Escape
  // closes it and puts the focus back on the button.
  function menuButton() {
    var nav = document.querySelector(".bb-nav");
    var button = nav && nav.querySelector(".bb-nav__toggle");
    if (!button) {
      return;
    }
    document.documentElement.classList.add("bb-js");
    function setOpen(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("bb-nav--open", open);
    }
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    nav.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        button.focus();
      }
    });
  }

  menuButton();
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusErrorSummary);
  } else {
    focusErrorSummary();
  }
  confirmForms();
})();
