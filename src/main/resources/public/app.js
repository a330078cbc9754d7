// PingBase's own script: small, no framework, loaded from this server only (no inline script,
// so pages work under a strict Content-Security-Policy). htmx does the requests and swaps.
(function () {
  "use strict";

  // This script is deferred: it runs before later deferred scripts (uPlot on a monitor's page),
  // so it waits for DOMContentLoaded, which comes after all of them.
  function ready(fn) {
    if (document.readyState === "complete") fn(); else document.addEventListener("DOMContentLoaded", fn);
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

  // Forms that destroy something ask first.
  function confirmForms(root) {
    root.querySelectorAll("form[data-confirm]").forEach(function (f) {
      if (f.dataset.wired) return;
      f.dataset.wired = "1";
      f.addEventListener("submit", function (e) {
        if (!window.confirm(f.getAttribute("data-confirm"))) e.preventDefault();
      });
    });
  }

  // The monitor form's well-known ports: a click fills the port and the protocol PingBase speaks.
  function knownPorts(root) {
    root.querySelectorAll("button[data-port]").forEach(function (b) {
      if (b.dataset.wired) return;
      b.dataset.wired = "1";
      b.addEventListener("click", function () {
        var form = b.closest("form");
        var port = form.querySelector("[name=port]");
        var protocol = form.querySelector("[name=protocol]");
        if (port) port.value = b.getAttribute("data-port");
        if (protocol) protocol.value = b.getAttribute("data-protocol") || "";
        var name = form.querySelector("[name=name]");
        if (name && !name.value) name.value = b.textContent.replace(/\s+\d+$/, "");
        if (port) port.focus();
      });
    });
  }

  // Response-time charts: uPlot (served by PingBase) over /monitors/{id}/series.
  function charts(root) {
    root.querySelectorAll("[data-series]").forEach(function (el) {
      if (el.dataset.wired || !window.uPlot) return;
      el.dataset.wired = "1";
      fetch(el.getAttribute("data-series"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (d) {
          var threshold = d["degraded-after-ms"];
          var data = [d.t, d.avg, d.dns, d.connect, d.tls, d["first-byte"], d.t.map(function () { return threshold; })];
          var style = getComputedStyle(document.documentElement);
          function color(name) { return style.getPropertyValue(name).trim(); }
          var opts = {
            width: Math.max(280, el.clientWidth), height: 260,
            scales: { x: { time: true, range: [d.from, d.to] } },
            axes: [{ stroke: color("--muted"), grid: { stroke: color("--line") } },
                   { stroke: color("--muted"), grid: { stroke: color("--line") }, label: "ms" }],
            series: [
              {},
              { label: "response", stroke: color("--accent"), width: 2, spanGaps: false },
              { label: "DNS", stroke: "#8b5cf6", width: 1 },
              { label: "connect", stroke: "#0ea5e9", width: 1 },
              { label: "TLS", stroke: "#14b8a6", width: 1 },
              { label: "first byte", stroke: "#f59e0b", width: 1 },
              { label: "degraded after", stroke: color("--degraded"), width: 1, dash: [6, 4], show: threshold != null }
            ]
          };
          if (d.t.length === 0) {
            el.textContent = "No checks in this range yet.";
            return;
          }
          var chart = new window.uPlot(opts, data, el);
          window.addEventListener("resize", function () { chart.setSize({ width: Math.max(280, el.clientWidth), height: 260 }); });
        })
        .catch(function () { el.textContent = "The chart could not be loaded."; });
    });
  }

  function wire(root) {
    confirmForms(root);
    knownPorts(root);
    charts(root);
    root.querySelectorAll("select[data-submit-on-change]").forEach(function (s) {
      if (s.dataset.wired) return;
      s.dataset.wired = "1";
      s.addEventListener("change", function () { s.form.requestSubmit(); });
    });
    localTimes(root);
  }

  ready(function () {
    fromHash(document);
    wire(document);
    document.body.addEventListener("htmx:afterSettle", function (e) { wire(e.target); });
  });
})();
