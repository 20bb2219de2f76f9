"""Shared helpers for the tests that look at the site the way a reader does.

- ``serve(folder)``: the folder over HTTP on 127.0.0.1, a free port, in a thread.
- ``chromium(playwright)``: Debian's Chromium, quiet (no background traffic of its own).
- ``require_chromium()``: skip when Chromium or Playwright is missing on a workstation,
  but *fail* under CI (``CI=true``), where a silently skipped browser test would hide
  every regression it exists to catch.
- ``site_pages(site)``: every page of the built site, as URL paths.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
HOST = "127.0.0.1"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync",
                 # Every other host resolves to nothing: a stray request is seen (and fails) but never
                 # leaves the machine. Unlike Playwright's request routing, this keeps the HTTP cache on.
                 f"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {HOST}"]
ROOT = Path(__file__).resolve().parent.parent
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def _missing(what: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} (CI=true: the browser tests must run in CI)")
    pytest.skip(what)


def require_chromium() -> None:
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        _missing(f"Chromium not found at {CHROMIUM}; `apt-get install chromium`")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _missing("playwright is not installed; `make setup`")


def chromium(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """Yield the base URL (ending in /) of ``folder`` served on 127.0.0.1."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer((HOST, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def site_pages(site: Path) -> list[str]:
    """URL paths (``""``, ``"en/problems/rosenbrock/"``, ...) of every index.html, sorted."""
    out = []
    for f in sorted(site.rglob("index.html")):
        rel = f.parent.relative_to(site).as_posix()
        out.append("" if rel == "." else rel + "/")
    return out


def is_local(url: str) -> bool:
    """Whether a request stays on this machine (the test server, or no network at all)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "file"):
        return True
    return parts.hostname == HOST


# The checks run inside the page. Text of code blocks is excluded from the raw-TeX
# check: the optimizer pages show their source, whose docstrings hold LaTeX on purpose.
PAGE_REPORT_JS = r"""
async () => {
  const visible = (el) => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  // formulas
  const math = [...document.querySelectorAll(".arithmatex")];
  const unrendered = math.filter((el) => !el.querySelector(".katex")).map((el) => el.textContent.slice(0, 80));
  const errors = [...document.querySelectorAll(".katex-error, .katex .mord.error, mjx-merror")]
    .map((el) => (el.getAttribute("title") || el.textContent).slice(0, 120));
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      const p = node.parentElement;
      if (!p || p.closest("pre, code, script, style, noscript, .katex, textarea")) return NodeFilter.FILTER_REJECT;
      return visible(p) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
    },
  });
  const rawTex = [];
  const pattern = /\$\$|\\\(|\\\)|\\\[|\\\]|\\frac|\\sqrt|\\theta|\\nabla|\\begin\{/;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const m = n.textContent.match(pattern);
    if (m) rawTex.push(n.textContent.trim().slice(0, 100));
  }
  // images: scroll every visible one into view so lazy ones load, then wait for it
  const images = [];
  for (const img of document.images) {
    const shown = visible(img);
    if (shown && !img.complete) {
      img.scrollIntoView({block: "center"});
      await new Promise((resolve) => {
        img.addEventListener("load", resolve, {once: true});
        img.addEventListener("error", resolve, {once: true});
        setTimeout(resolve, 10000);
      });
    }
    const trap = img.closest("a[href], button, [tabindex]");
    images.push({
      src: img.getAttribute("src"), url: img.currentSrc || img.src, alt: img.getAttribute("alt"),
      visible: shown, loaded: img.complete && img.naturalWidth > 0,
      focusable: !!trap && visible(trap) && trap.tabIndex >= 0,
    });
  }
  window.scrollTo(0, 0);
  const langLinks = [...document.querySelectorAll(".md-select a[hreflang]")]
    .map((a) => ({lang: a.getAttribute("hreflang"), href: a.href}));
  const se = document.scrollingElement;
  return {
    scheme: document.body.getAttribute("data-md-color-scheme"),
    mathCount: math.length, katexCount: document.querySelectorAll(".katex").length,
    unrendered, errors, rawTex, images, langLinks,
    scrollWidth: se.scrollWidth, clientWidth: se.clientWidth,
  };
}
"""


class Traffic:
    """Requests of a browser context, sorted into the current page's findings.

    ``settle(page)`` waits until no request has been in flight for ``quiet`` seconds:
    the late ones (search index, lunr, favicon) belong to the page that caused them.
    It is a cheaper ``networkidle``, which always waits half a second.
    """

    def __init__(self, ctx):
        import time
        self._now = time.monotonic
        self.inflight, self.last = 0, self._now()
        self.foreign: list[str] = []
        self.failed: list[str] = []
        self.requests = 0
        ctx.on("request", self._start)
        ctx.on("requestfinished", self._end)
        ctx.on("requestfailed", self._failed)
        ctx.on("response", self._response)

    def reset(self):
        self.foreign, self.failed, self.requests = [], [], 0

    def _start(self, req):
        self.inflight += 1
        self.requests += 1
        self.last = self._now()
        if not is_local(req.url):
            self.foreign.append(req.url)

    def _end(self, req):
        self.inflight -= 1
        self.last = self._now()

    def _failed(self, req):
        self._end(req)
        if is_local(req.url):
            self.failed.append(f"{req.url} ({req.failure})")

    def _response(self, res):
        if res.status >= 400:
            self.failed.append(f"{res.url} (HTTP {res.status})")

    def settle(self, page, quiet: float = 0.15, limit: float = 10.0) -> None:
        start = self._now()
        while self._now() - start < limit:
            if self.inflight <= 0 and self._now() - self.last >= quiet:
                return
            page.wait_for_timeout(25)


# axe-core on the whole page as the reader gets it (theme included: a reader feels that too).
AXE_RUN_JS = r"""
async () => {
  const r = await axe.run(document, {resultTypes: ["violations", "incomplete"]});
  const brief = (x) => ({
    id: x.id, impact: x.impact, help: x.help,
    nodes: x.nodes.map((n) => ({target: n.target.join(" "), summary: (n.failureSummary || "").split("\n").slice(0, 2).join(" ")})),
  });
  return {violations: r.violations.map(brief), incomplete: r.incomplete.map(brief)};
}
"""


def run_axe(page) -> dict:
    """axe-core's violations and "needs review" items for the loaded page."""
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(AXE_RUN_JS)


def wait_for_math(page, timeout: float = 10_000) -> None:
    """Wait until every formula has been handed to KaTeX (or the timeout; the report says which failed)."""
    try:
        page.wait_for_function(
            "() => [...document.querySelectorAll('.arithmatex')].every((el) => el.querySelector('.katex, .katex-error'))",
            timeout=timeout)
    except Exception:  # noqa: BLE001 - reported by the checks, with the page name
        pass
