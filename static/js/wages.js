// Metro table filter: narrows the rows as you type. Without JavaScript the form filters on the server.
(function () {
  var input = document.querySelector("[data-filter-table]");
  if (!input) return;
  var table = document.getElementById(input.getAttribute("data-filter-table"));
  var count = document.getElementById("metro-count");
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var total = count ? count.textContent.replace(/^\d+ of /, "") : "";
  input.addEventListener("input", function () {
    var needle = input.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var match = row.cells[0].textContent.toLowerCase().indexOf(needle) !== -1;
      row.hidden = !match;
      if (match) shown += 1;
    });
    if (count) count.textContent = shown + " of " + total;
  });
})();
