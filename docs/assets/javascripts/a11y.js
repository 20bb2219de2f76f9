// Names and keyboard access that Material's markup leaves out (checked by axe-core in tests/test_browser.py).
(function () {
  function label(el) {
    for (let n = el; n; n = n.previousElementSibling || n.parentElement) {
      if (/^H[1-6]$/.test(n.tagName)) return n.textContent.replace("¶", "").trim();
    }
    return document.title;
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
    // a table or a formula that scrolls sideways must be reachable by keyboard
    document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset .arithmatex").forEach((box) => {
      if (box.scrollWidth > box.clientWidth) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", label(box));
      }
    });
  }
  if (typeof document$ !== "undefined") document$.subscribe(fix);
  else document.addEventListener("DOMContentLoaded", fix);
})();
