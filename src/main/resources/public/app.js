// PingBase's own script: small, no framework, loaded from this server only (no inline script,
// so pages work under a strict Content-Security-Policy). htmx does the requests and swaps.
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }

  // A secret in the URL's fragment (setup and invitation links) never reaches a server log:
  // copy it into its field, then take it out of the address bar.
  function fromHash(root) {
    var hash = window.location.hash ? decodeURIComponent(window.location.hash.substring(1)) : "";
    root.querySelectorAll("input[data-from-hash]").forEach(function (input) {
      if (!input.value && hash) input.value = hash;
    });
    if (hash && root.querySelector("input[data-from-hash]")) {
      history.replaceState(null, "", window.location.pathname + window.location.search);
    }
  }

  // Times are written as UTC instants; show them in the viewer's time zone.
  function localTimes(root) {
    root.querySelectorAll("time[data-local]").forEach(function (t) {
      var d = new Date(t.getAttribute("datetime"));
      if (!isNaN(d)) {
        t.textContent = t.getAttribute("data-local") === "date" ? d.toLocaleDateString() : d.toLocaleString();
        t.title = t.getAttribute("datetime");
      }
    });
  }

  function wire(root) {
    root.querySelectorAll("select[data-submit-on-change]").forEach(function (s) {
      if (s.dataset.wired) return;
      s.dataset.wired = "1";
      s.addEventListener("change", function () { s.form.requestSubmit(); });
    });
    localTimes(root);
    if (window.PingBaseCharts) window.PingBaseCharts.wire(root);
  }

  ready(function () {
    fromHash(document);
    wire(document);
    document.body.addEventListener("htmx:afterSettle", function (e) { wire(e.target); });
  });
})();
