// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Search as you type: a form marked data-live-form refreshes its results on input/change.
  document.querySelectorAll("form[data-live-form]").forEach(function (form) {
    var target = document.querySelector(form.getAttribute("data-live-form"));
    var timer = null, seq = 0;
    function refresh() {
      var params = new URLSearchParams(new FormData(form));
      Array.from(params.keys()).forEach(function (k) { if (!params.get(k)) params.delete(k); });
      var url = form.action + (params.toString() ? "?" + params : "");
      var mine = ++seq;
      fetch(url, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
        .then(function (r) { return r.text(); })
        .then(function (html) {
          if (mine !== seq) return; // a newer request has been sent
          target.innerHTML = html;
          history.replaceState(null, "", url);
        });
    }
    form.addEventListener("input", function (e) {
      if (!e.target.matches("[data-live-search]")) return;
      clearTimeout(timer);
      timer = setTimeout(refresh, 150);
    });
    form.addEventListener("change", function (e) {
      if (e.target.tagName === "SELECT") refresh();
    });
  });
  // Open the edit panel when the address says #edit.
  if (location.hash === "#edit") {
    var edit = document.getElementById("edit");
    if (edit) edit.open = true;
  }
})();
