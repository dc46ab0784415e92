/* Basisbaan: the bounded choice (core/choices.py) follows the typing.
 *
 * Without this script the "Zoeken" button posts the form (or, in a filter
 * above a list, submits it as a GET) and the page comes back with the list for
 * the search (and, being the form's first submit
 * button, Enter in any field searches too). With it, the button goes and every
 * pause in typing (or Enter) posts the same form in the background; the answer
 * is the widget alone, whose options and status replace the current ones. The
 * status paragraph is a live region, so a screen reader hears the count.
 */
(function () {
  "use strict";

  function enhance(root) {
    if (root.dataset.enhanced) {
      return;
    }
    var form = root.closest("form");
    var input = root.querySelector("input[type=search]");
    var button = root.querySelector("[data-search-select-button]");
    var select = root.querySelector("select");
    var status = root.querySelector("[role=status]");
    if (!form || !input || !button || !select || !status || !window.fetch || !window.DOMParser) {
      return;
    }
    root.dataset.enhanced = "true";
    // Out of the form, not just hidden: the first submit button of a form is the
    // one Enter presses, and Enter in any field should save, not search.
    var placeholder = document.createComment("search button");
    button.replaceWith(placeholder);
    var timer = null;
    var latest = 0;

    function search() {
      var body = new FormData(form);
      body.set(button.name, button.value);
      var mine = ++latest;
      var url = form.getAttribute("action") || window.location.href;
      var request = { credentials: "same-origin", headers: { "X-Search-Select": "1" } };
      if ((form.getAttribute("method") || "get").toLowerCase() === "post") {
        request.method = "POST";
        request.body = body;
      } else {
        // A filter above a list: the same search as a GET (the view answers
        // with the widget alone, core.choices.search_fragment).
        url = url.split("#")[0].split("?")[0] + "?" + new URLSearchParams(body).toString();
      }
      fetch(url, request)
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.text();
        })
        .then(function (html) {
          if (mine !== latest) {
            return; // an answer to an older search
          }
          var answer = new DOMParser().parseFromString(html, "text/html");
          var options = answer.querySelector("select");
          var count = answer.querySelector("[role=status]");
          if (options && count) {
            select.innerHTML = options.innerHTML;
            status.textContent = count.textContent;
          }
        })
        .catch(function () {
          if (placeholder.parentNode) {
            placeholder.replaceWith(button); // fall back to the button
          }
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 250);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault(); // search, do not submit the form
        window.clearTimeout(timer);
        search();
      }
    });
  }

  function enhanceAll() {
    document.querySelectorAll("[data-search-select]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceAll);
  } else {
    enhanceAll();
  }
})();
