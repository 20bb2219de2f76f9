// Names and keyboard access that Material's markup leaves out (checked by axe-core in tests/test_browser.py).
(function () {
  function label(el) {
    for (let n = el; n; n = n.previousElementSibling || n.parentElement) {
      if (/^H[1-6]$/.test(n.tagName)) return n.textContent.replace("¶", "").trim();
    }
    return document.title;
  }
  // a table or a formula that scrolls sideways must be reachable by keyboard
  const SCROLLERS = ".md-typeset__scrollwrap, .md-typeset .arithmatex";
  // a block the browser has not drawn yet (content-visibility: auto, extra.css; its children are skipped) has no
  // width of its own: it is looked at when it comes near the screen, and its width is never forced out before then
  const drawn = (box) => {
    const probe = box.firstElementChild || box;
    return !probe.checkVisibility || probe.checkVisibility({ contentVisibilityAuto: true });
  };
  function reachable(boxes) {
    // every width first, then every change: one layout for all of them, not one each
    const wide = boxes.filter((box) => !box.hasAttribute("role") && drawn(box) && box.scrollWidth > box.clientWidth);
    for (const box of wide) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", label(box));
    }
  }
  function fix() {
    // the search overlay is a dialog: give it the name of its input
    const search = document.querySelector(".md-search[role=dialog]");
    const input = document.querySelector(".md-search__input");
    if (search && input) search.setAttribute("aria-label", input.getAttribute("aria-label"));
    // every code block's navigation landmark needs a name of its own
    document.querySelectorAll(".md-code__nav").forEach((nav, i) => {
      const title = nav.closest(".highlight")?.querySelector(".filename")?.textContent;
      nav.setAttribute("aria-label", `${title || "code"} (${i + 1})`);
    });
    reachable([...document.querySelectorAll(SCROLLERS)]);
  }
  document.addEventListener("contentvisibilityautostatechange", (event) => {
    const block = event.target;
    if (event.skipped || !(block instanceof Element)) return;
    reachable([...(block.matches(SCROLLERS) ? [block] : []), ...block.querySelectorAll(SCROLLERS)]);
  }, true);
  if (typeof document$ !== "undefined") document$.subscribe(fix);
  else document.addEventListener("DOMContentLoaded", fix);
})();
