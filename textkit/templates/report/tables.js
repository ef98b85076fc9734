// textkit report: long tables get a search box and click-to-sort headers.
// Lives only in the nbconvert template, so stored notebook outputs stay as they are (nbval).
(function () {
  "use strict";
  var MIN_ROWS = 15;
  function text(cell) { return cell ? cell.textContent.trim() : ""; }
  function number(value) {
    var n = Number(value.replace(/[,\s%]/g, ""));
    return value !== "" && isFinite(n) ? n : null;
  }
  function compare(a, b) {
    var x = number(a), y = number(b);
    if (x !== null && y !== null) { return x - y; }
    return a.localeCompare(b, "zh");
  }
  function truncated(row) { return /^(\.\.\.|…)$/.test(text(row.cells[0])); }
  function enhance(table) {
    var body = table.tBodies[0];
    if (!body || body.rows.length <= MIN_ROWS) { return; }
    table.classList.add("tk-interactive");
    var box = document.createElement("input");
    box.type = "search";
    box.className = "tk-table-search";
    box.placeholder = "Filter rows…";
    box.setAttribute("aria-label", "Filter the rows of this table");
    table.parentNode.insertBefore(box, table);
    box.addEventListener("input", function () {
      var needle = box.value.trim().toLowerCase();
      Array.prototype.forEach.call(body.rows, function (row) {
        row.hidden = needle !== "" && row.textContent.toLowerCase().indexOf(needle) < 0;
      });
    });
    var head = table.tHead && table.tHead.rows[0];
    if (!head) { return; }
    var column = 0;
    Array.prototype.forEach.call(head.cells, function (th) {
      var at = column;
      column += th.colSpan || 1;
      if ((th.colSpan || 1) !== 1) { return; }
      th.classList.add("tk-sortable");
      th.setAttribute("role", "button");
      th.title = "Sort by this column";
      th.addEventListener("click", function () {
        var descending = th.getAttribute("aria-sort") === "ascending";
        Array.prototype.forEach.call(head.cells, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var rows = Array.prototype.slice.call(body.rows);
        var kept = rows.filter(function (r) { return !truncated(r); });
        var tail = rows.filter(truncated);  // pandas' "..." row stays last
        kept.sort(function (a, b) {
          var order = compare(text(a.cells[at]), text(b.cells[at]));
          return descending ? -order : order;
        });
        kept.concat(tail).forEach(function (row) { body.appendChild(row); });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("table.dataframe"), enhance);
  });
})();
