// Tap to zoom a figure, with glightbox loaded only when a reader reaches for a figure.
//
// The glightbox plugin (mkdocs.yml, `manual`) copies glightbox's script and style into the site and puts them in
// every page's <head>, where the script blocked the first paint of every page (56 KB, parsed on the main thread).
// scripts/mkdocs_hooks.py takes both out of <head> and leaves the plugin's options as JSON in
// <script id="init-glightbox" type="application/json">; the figures are already wrapped in <a class="glightbox">
// links to their sharp copies by that hook. Here the script and style are fetched when a pointer or the keyboard
// comes near a figure link, and the first click opens the figure once they are in. Without JavaScript, or if
// glightbox cannot load, the link still opens the sharp copy itself.
(function () {
  "use strict";

  // The site's root is two folders above this script (assets/javascripts/), on every page and offline.
  const ROOT = new URL("../../", document.currentScript ? document.currentScript.src : location.href);
  const LINK = "a.glightbox";
  let lightbox = null;
  let loading = null;

  function options() {
    const tag = document.getElementById("init-glightbox");
    if (!tag || tag.type !== "application/json") return null;
    try { return JSON.parse(tag.textContent); } catch (e) { return null; }
  }

  function fetchTag(tag) {
    return new Promise((resolve, reject) => {
      tag.onload = resolve;
      tag.onerror = () => reject(new Error(tag.src || tag.href));
      document.head.appendChild(tag);
    });
  }

  function load() {
    if (!loading) {
      const css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = new URL("assets/stylesheets/glightbox.min.css", ROOT).href;
      const js = document.createElement("script");
      js.src = new URL("assets/javascripts/glightbox.min.js", ROOT).href;
      loading = Promise.all([fetchTag(css), fetchTag(js)]).then(() => {
        lightbox = window.GLightbox(Object.assign(options() || {}, { selector: LINK }));
        return lightbox;
      });
      loading.catch(() => {});
    }
    return loading;
  }

  // The plugin's own set-up is still in place (the hook did not find it): leave everything to it.
  if (!options() || typeof window.GLightbox === "function") return;

  // Fetch early: a finger on the screen or a pointer over a figure comes a moment before the click.
  const warm = (event) => {
    if (event.target instanceof Element && event.target.closest(LINK)) load();
  };
  for (const type of ["pointerover", "pointerdown", "touchstart", "focusin"]) {
    document.addEventListener(type, warm, { passive: true, capture: true });
  }

  // The first click on a figure before glightbox is in: open it once loaded (glightbox handles later clicks).
  document.addEventListener("click", (event) => {
    if (lightbox || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey
        || event.shiftKey || event.altKey || !(event.target instanceof Element)) return;
    const link = event.target.closest(LINK);
    if (!link) return;
    event.preventDefault();
    load().then((box) => box.open(link), () => { location.href = link.href; });
  });

  // Material's instant navigation (if it is ever turned on) swaps the page: look for its figures again.
  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(() => { if (lightbox) lightbox.reload(); });
  }
})();
