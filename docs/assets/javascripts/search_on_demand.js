// The search index is fetched when a reader reaches for search, not while the page starts.
//
// Material's script requests search/search_index.json (~220 KB compressed, parsed on the main thread) as soon as
// it starts on http:// (from file:// it already waits for search to be opened). On a phone that download and
// parse fall into the page's own start: they competed with the first paint and added a long task (Lighthouse,
// mobile). scripts/mkdocs_hooks.py puts this script inline just before Material's, which sends its request with
// XMLHttpRequest: that one request is held back until search is opened (the header's search toggle, its
// keyboard shortcut or a ?q= link: Material checks the toggle in each case), or a pointer or the keyboard comes
// near the search box, a moment before. Every other request goes out at once.
(function () {
  "use strict";
  const INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  const index = new WeakSet();   // the requests for the index
  const held = [];
  let open = false;
  const send = XMLHttpRequest.prototype.send;
  const openRequest = XMLHttpRequest.prototype.open;

  XMLHttpRequest.prototype.open = function (method, url) {
    if (INDEX.test(String(url))) index.add(this); else index.delete(this);
    return openRequest.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!open && index.has(this)) { held.push([this, arguments]); return undefined; }
    return send.apply(this, arguments);
  };

  function release() {
    if (open) return;
    open = true;
    for (const [request, args] of held.splice(0)) send.apply(request, args);
  }

  const SEARCH = ".md-search, label[for='__search']";
  const near = (event) => {
    if (event.target instanceof Element && event.target.closest(SEARCH)) release();
  };
  for (const type of ["pointerover", "pointerdown", "touchstart", "focusin"]) {
    document.addEventListener(type, near, { passive: true, capture: true });
  }
  document.addEventListener("change", (event) => {
    if (event.target instanceof HTMLInputElement && event.target.id === "__search" && event.target.checked) release();
  }, true);
})();
