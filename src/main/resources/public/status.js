// Status pages: while the tab is visible, fetch the page every 60 s and swap the main content in
// place (no reload: scroll position and focus stay). The server answers from its cache.
(function () {
  "use strict";
  var EVERY = 60000;
  function refresh() {
    if (document.visibilityState !== "visible") return;
    fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) return;
        var next = new DOMParser().parseFromString(html, "text/html").querySelector("main");
        var now = document.querySelector("main");
        if (next && now) now.replaceChildren.apply(now, Array.prototype.slice.call(next.childNodes));
      })
      .catch(function () { /* offline for a moment: try again next time */ });
  }
  window.setInterval(refresh, EVERY);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") refresh();
  });
})();
