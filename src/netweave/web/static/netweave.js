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
  // Copy buttons (hidden without JS): copy the target field's text.
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.querySelector(button.getAttribute("data-copy"));
    if (!field) return;
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      function done(ok) {
        button.textContent = ok ? "Copied" : "Select and copy";
        setTimeout(function () { button.textContent = label; }, 1500);
      }
      function fallback() {
        field.focus();
        field.select();
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
        done(ok);
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(function () { done(true); }, fallback);
      } else {
        fallback();
      }
    });
  });
  // Fragments loaded after the page (slow lists): the link inside stays if loading fails.
  // 202 means "being prepared": show what came and ask again a few seconds later.
  function loadFragment(box) {
    fetch(box.getAttribute("data-fragment"), {
      headers: { "X-Requested-With": "fetch" }, credentials: "same-origin"
    })
      .then(function (r) {
        return r.ok ? r.text().then(function (html) { return { status: r.status, html: html }; }) : null;
      })
      .then(function (got) {
        if (got !== null) box.innerHTML = got.html;
        if (got !== null && got.status === 202) {
          box.setAttribute("data-loaded", "pending");
          setTimeout(function () { loadFragment(box); }, 3000);
          return;
        }
        box.setAttribute("data-loaded", got !== null ? "yes" : "failed");
      }, function () { box.setAttribute("data-loaded", "failed"); });
  }
  document.querySelectorAll("[data-fragment]").forEach(loadFragment);
  // Open the edit panel when the address says #edit.
  if (location.hash === "#edit") {
    var edit = document.getElementById("edit");
    if (edit) edit.open = true;
  }
})();
