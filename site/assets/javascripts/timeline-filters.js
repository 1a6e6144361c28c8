/* AccessWatch timeline filters: plain script, no dependencies, works from file:// and static hosting.
   A <form data-aw-filters> holds <select data-aw-filter="company|category|kind|doctype|was|announced">; the next
   table's rows carry data-company, data-category (space separated), data-kind, data-doctype, data-was, data-announced. */
(function () {
  "use strict";
  function setup(form) {
    var table = document.querySelector("table.aw-timeline");
    if (!table) { return; }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-aw-filter]"));
    var count = form.querySelector("[data-aw-count]");
    var empty = document.querySelector("[data-aw-empty]");
    function apply() {
      var wanted = {};
      selects.forEach(function (s) { wanted[s.getAttribute("data-aw-filter")] = s.value; });
      var shown = 0;
      rows.forEach(function (row) {
        var ok = Object.keys(wanted).every(function (key) {
          var value = wanted[key];
          if (!value) { return true; }
          var have = (row.getAttribute("data-" + key) || "").split(" ");
          return have.indexOf(value) !== -1;
        });
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      if (count) { count.textContent = shown + " of " + rows.length + " shown"; }
      if (empty) { empty.hidden = shown !== 0; }
    }
    // filters can be linked: ?company=anthropic&announced=silent preselects them
    var params = {};
    window.location.search.replace(/^\?/, "").split("&").forEach(function (pair) {
      var kv = pair.split("=");
      if (kv[0]) { params[decodeURIComponent(kv[0])] = decodeURIComponent((kv[1] || "").replace(/\+/g, " ")); }
    });
    selects.forEach(function (s) {
      var wanted = params[s.getAttribute("data-aw-filter")];
      if (wanted && Array.prototype.some.call(s.options, function (o) { return o.value === wanted; })) { s.value = wanted; }
    });
    selects.forEach(function (s) { s.addEventListener("change", apply); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-aw-filters]"), setup);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
