// Progressive enhancement: search as you type on inputs marked data-live-search.
(function () {
  document.querySelectorAll("input[data-live-search]").forEach(function (input) {
    var target = document.querySelector(input.getAttribute("data-live-search"));
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var url = input.form.action + "?" + new URLSearchParams(new FormData(input.form));
        fetch(url, { headers: { "X-Requested-With": "fetch" } })
          .then(function (r) { return r.text(); })
          .then(function (html) { target.innerHTML = html; history.replaceState(null, "", url); });
      }, 150);
    });
  });
})();
