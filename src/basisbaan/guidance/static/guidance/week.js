/* The week grid's live totals: per row, per day and for the week, as the hours
 * are typed. Progressive enhancement: the server renders the same totals, and
 * the form works without this script. A day over the day's maximum is marked. */
(function () {
  "use strict";
  var form = document.querySelector("[data-week-grid]");
  if (!form) return;
  var max = parseFloat(form.getAttribute("data-max-day") || "12");
  var format = new Intl.NumberFormat("nl-NL", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  function hours(input) {
    var text = input.value.trim().replace(",", ".");
    if (text === "" || !/^\d+(\.\d+)?$/.test(text)) return 0;
    return parseFloat(text);
  }

  function update() {
    var rows = {};
    var days = [0, 0, 0, 0, 0, 0, 0];
    var week = 0;
    form.querySelectorAll("tr[data-row]").forEach(function (row) {
      var total = 0;
      row.querySelectorAll("input.bb-hours").forEach(function (input) {
        var value = hours(input);
        total += value;
        days[parseInt(input.getAttribute("data-day"), 10)] += value;
      });
      rows[row.getAttribute("data-row")] = total;
      week += total;
    });
    Object.keys(rows).forEach(function (index) {
      var output = form.querySelector('[data-row-total="' + index + '"]');
      if (output) output.textContent = format.format(rows[index]);
    });
    days.forEach(function (total, day) {
      var output = form.querySelector('[data-day-total="' + day + '"]');
      if (!output) return;
      output.textContent = format.format(total);
      output.classList.toggle("bb-total--over", total > max);
    });
    var weekOutput = form.querySelector("[data-week-total]");
    if (weekOutput) weekOutput.textContent = format.format(week);
  }

  form.addEventListener("input", function (event) {
    if (event.target.classList && event.target.classList.contains("bb-hours")) update();
  });
})();
