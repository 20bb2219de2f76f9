"""Every figure can be read on a 390 px phone: its text reaches ≥ 10 CSS px, as shown or after a tap.

Debian's Chromium (through Playwright) opens a sample of pages (a problem page, an
optimizer page, an experiment page, in both languages and both colour schemes) on a
390 × 844 touch screen at 2 device pixels per CSS px. For every figure shown, the size
of its smallest text is read from the figure itself (the ``min-font-pt`` chunk that
scripts/figures.py writes into the 1x PNG) and scaled as the page shows it:

    text px = font pt × DPI / 72 × displayed width / width of the 1x PNG.

A figure whose text is already ≥ 10 CSS px passes. Any other is tapped: the zoomed view
(glightbox, scripts/mkdocs_hooks.py) must open the sharp copy (the figure's HiDPI file,
twice the 1x pixels, or as wide as figures.HIDPI_MAX_WIDTH) with its text ≥ 10 CSS px, panning to the figure's far
edge where it is wider than the screen, and close again. The HiDPI screen must also
have loaded the sharp copy in the page (``srcset``). No request may leave 127.0.0.1.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser import Traffic, chromium, require_chromium, serve
from PIL import Image
from site_build import built_site

from scripts import figures

MIN_TEXT_PX = 10
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
#: a problem page, an optimizer page and an experiment page, in both languages
PAGES = ["problems/rosenbrock/", "en/problems/rosenbrock/", "optimizers/adam/", "en/optimizers/adam/",
         "experiments/logistic/", "en/experiments/logistic/"]
SCHEMES = ("light", "dark")

FIGURES_JS = r"""
async () => {
  const shown = [...document.querySelectorAll("article img")].filter((img) => img.checkVisibility());
  for (const img of shown) {                               // lazy ones load once scrolled to
    img.scrollIntoView({block: "center"});
    if (!img.complete) await new Promise((ok) => { img.onload = img.onerror = ok; setTimeout(ok, 10000); });
  }
  window.scrollTo(0, 0);
  return shown.map((img, i) => {
  img.dataset.phoneTest = String(i);
  const r = img.getBoundingClientRect();
  const link = img.closest("a.glightbox");
  return {index: i, src: img.getAttribute("src"), current: img.currentSrc, alt: img.getAttribute("alt"),
          shown: r.width, zoom: link ? link.getAttribute("href") : null};
  });
}
"""

ZOOMED_JS = r"""
() => {
  const img = document.querySelector(".glightbox-container .gslide.current .gslide-image img");
  if (!img || !img.complete || !img.naturalWidth) return null;
  const media = img.closest(".gslide-media");
  media.scrollLeft = media.scrollWidth;                    // pan to the far edge
  const r = img.getBoundingClientRect();
  return {src: img.currentSrc, natural: img.naturalWidth, shown: r.width, right: r.right,
          viewport: document.documentElement.clientWidth};
}
"""


@dataclass
class Finding:
    page: str
    scheme: str
    src: str
    text_px: float
    zoomed_px: float | None = None
    problem: str = ""


def _site_file(site: Path, url: str) -> Path:
    return site / unquote(urlsplit(url).path).lstrip("/")


def _text_px(font_pt: float, shown: float, width_1x: int) -> float:
    return font_pt * figures.DPI / 72 * shown / width_1x


@pytest.fixture(scope="module")
def findings() -> list[Finding]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    site = built_site()[0]
    out: list[Finding] = []
    with serve(site) as base, sync_playwright() as pw:
        browser = chromium(pw)
        for scheme in SCHEMES:
            ctx = browser.new_context(color_scheme=scheme, reduced_motion="reduce", **PHONE)
            traffic = Traffic(ctx)
            page = ctx.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            for path in PAGES:
                traffic.reset()
                errors.clear()
                page.goto(base + path, wait_until="load")
                shown = page.evaluate(FIGURES_JS)
                if not shown:
                    out.append(Finding(path, scheme, "-", 0, problem="no figure shown"))
                for fig in shown:
                    png = _site_file(site, page.evaluate("(s) => new URL(s, location.href).href", fig["src"]))
                    with Image.open(png) as im:
                        width_1x, font_pt = im.width, float(im.text[figures.FONT_CHUNK])
                    f = Finding(path, scheme, fig["src"], _text_px(font_pt, fig["shown"], width_1x))
                    out.append(f)
                    if not fig["alt"]:
                        f.problem = "no alt text"
                        continue
                    if not fig["current"].endswith(".webp"):
                        f.problem = f"a 2x screen loaded {fig['current']}, not the sharp copy"
                        continue
                    if f.text_px >= MIN_TEXT_PX:
                        continue
                    if not fig["zoom"]:
                        f.problem = "text too small and no zoom"
                        continue
                    img = page.locator(f'img[data-phone-test="{fig["index"]}"]')
                    img.scroll_into_view_if_needed()
                    img.tap()
                    try:
                        page.wait_for_function(f"({ZOOMED_JS})() !== null", timeout=10_000)
                    except Exception:  # noqa: BLE001 - reported below
                        f.problem = "tapping did not open the zoomed view"
                        continue
                    z = page.evaluate(ZOOMED_JS)
                    f.zoomed_px = _text_px(font_pt, z["shown"], width_1x)
                    if z["src"].split("#")[0] != page.evaluate("(s) => new URL(s, location.href).href",
                                                                fig["zoom"]).split("#")[0]:
                        f.problem = f"zoom shows {z['src']}, not {fig['zoom']}"
                    elif z["natural"] < 0.98 * min(figures.HIDPI * width_1x, figures.HIDPI_MAX_WIDTH):  # bbox rounding
                        f.problem = f"zoom image is {z['natural']} px wide, 1x is {width_1x}"
                    elif f.zoomed_px < MIN_TEXT_PX:
                        f.problem = "zoomed text too small"
                    elif z["right"] > z["viewport"] + 1:
                        f.problem = f"zoomed figure cannot be panned to its right edge ({z['right']:.0f} px)"
                    page.keyboard.press("Escape")
                    page.wait_for_function("() => !document.querySelector('.glightbox-container')", timeout=10_000)
                traffic.settle(page)
                for url in traffic.foreign:
                    out.append(Finding(path, scheme, url, 0, problem="request left 127.0.0.1"))
                for url in traffic.failed:
                    out.append(Finding(path, scheme, url, 0, problem="failed request"))
                for e in errors:
                    out.append(Finding(path, scheme, "-", 0, problem=f"uncaught: {e}"))
            ctx.close()
        browser.close()
    return out


def test_every_figure_readable_on_a_phone(findings):
    print(f"\n{'page':28} {'scheme':6} {'as shown':>8} {'zoomed':>7}  figure")
    for f in findings:
        zoomed = f"{f.zoomed_px:7.1f}" if f.zoomed_px is not None else "      -"
        print(f"{f.page:28} {f.scheme:6} {f.text_px:8.1f} {zoomed}  {f.src.rsplit('/', 1)[-1]}  {f.problem}")
    problems = [f"{f.page} [{f.scheme}] {f.src}: {f.problem}" for f in findings if f.problem]
    if problems:
        pytest.fail(f"{len(problems)} figure(s) not readable on a 390 px phone:\n  " + "\n  ".join(problems),
                    pytrace=False)
    assert any(f.zoomed_px for f in findings), "no figure needed the zoom: the sample no longer tests it"
