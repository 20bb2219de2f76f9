"""Every page is light enough to open on a phone: its own HTML and images ≤ 600 KB.

"Own" means what this page alone brings: its HTML file and the images its <img>
tags load. The theme's CSS, JavaScript, fonts and KaTeX are shared by every page
(cached after the first) and not counted. A figure has a light and a dark variant
and a reader loads only the one of their colour scheme (the other is hidden, and
lazy), and a figure offers a sharp copy to HiDPI screens (``srcset``), which a 2x or
3x screen loads instead of the 1x PNG (and which the tap-to-zoom view shows, so
zooming costs nothing more). A page weighs the heaviest of its schemes × screens.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from site_build import built_site

BUDGET = 600 * 1024  # bytes
SCHEMES = {"light": "#only-dark", "dark": "#only-light"}  # scheme: images it does not load
DENSITIES = (1, 2, 3)  # device pixels per CSS px of the screens counted


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.srcs: list[tuple[str, dict[float, str]]] = []   # (src, {density: url} of its srcset)

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            a = dict(attrs)
            if a.get("src"):
                self.srcs.append((a["src"], parse_srcset(a.get("srcset") or "")))


def parse_srcset(srcset: str) -> dict[float, str]:
    """{density: url} of an ``x``-descriptor srcset ("a.png 1x, a@2x.webp 1.99x")."""
    out = {}
    for candidate in filter(None, (c.strip() for c in srcset.split(","))):
        url, _, descriptor = candidate.partition(" ")
        descriptor = descriptor.strip() or "1x"
        assert descriptor.endswith("x"), f"only x descriptors are counted: {candidate!r}"
        out[float(descriptor[:-1])] = url
    return out


def chosen(src: str, srcset: dict[float, str], density: float) -> str:
    """The file a screen of ``density`` loads: the least dense candidate at or above it, else the densest."""
    if not srcset:
        return src
    enough = [d for d in srcset if d >= density - 0.02]     # 1.99x serves a 2x screen (bbox rounding)
    return srcset[min(enough) if enough else max(srcset)]


def page_weight(site: Path, page: Path) -> tuple[int, dict[str, int]]:
    """(bytes, {"<scheme> <density>x": bytes}) of one page: HTML plus the images each scheme loads on
    each kind of screen."""
    html = page.read_bytes()
    parser = _Images()
    parser.feed(html.decode("utf-8"))
    here = "/" + page.parent.relative_to(site).as_posix() + "/"
    by_scheme = {}
    for (scheme, skipped), density in ((s, d) for s in SCHEMES.items() for d in DENSITIES):
        files = set()
        for src, srcset in parser.srcs:
            if src.endswith(skipped):
                continue
            parts = urlsplit(urljoin("http://site.invalid" + here.replace("/./", "/"), chosen(src, srcset, density)))
            if parts.netloc != "site.invalid" or parts.scheme == "data":
                continue  # inline data is in the HTML already; external images are the link test's business
            f = site / PurePosixPath(unquote(parts.path).lstrip("/"))
            if f.is_file():
                files.add(f)
        by_scheme[f"{scheme} {density}x"] = len(html) + sum(f.stat().st_size for f in files)
    return max(by_scheme.values()), by_scheme


def test_every_page_within_the_budget():
    site = built_site()[0]
    weights = {p.relative_to(site).as_posix(): page_weight(site, p) for p in sorted(site.rglob("index.html"))}
    heaviest = sorted(weights.items(), key=lambda kv: -kv[1][0])
    print("\nheaviest pages (HTML + own images, KB):")
    for name, (w, by) in heaviest[:5]:
        print(f"  {w / 1024:7.0f}  {name}  " + ", ".join(f"{s} {b / 1024:.0f}" for s, b in by.items()))
    over = [f"{name}: {w / 1024:.0f} KB (" + ", ".join(f"{s} {b / 1024:.0f} KB" for s, b in by.items()) + ")"
            for name, (w, by) in heaviest if w > BUDGET]
    if over:
        pytest.fail(f"{len(over)} pages over {BUDGET // 1024} KB of their own HTML and images:\n  "
                    + "\n  ".join(over), pytrace=False)


class _Figures(HTMLParser):
    """The attributes of every figure image of a page (``assets/figures/``), in order."""

    def __init__(self):
        super().__init__()
        self.imgs: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img" and "assets/figures/" in (a.get("src") or ""):
            self.imgs.append(a)


def test_a_pages_first_figure_is_fetched_first_and_the_rest_wait():
    """A page's first figure is usually its largest paint on a phone (Lighthouse blamed a lazy one for a second of
    load delay): it is fetched at once and first; its other-scheme copy and every later figure load lazily."""
    site = built_site()[0]
    wrong = []
    for page in sorted(site.rglob("*.html")):
        parser = _Figures()
        parser.feed(page.read_text(encoding="utf-8"))
        if not parser.imgs:
            continue
        first, rest = parser.imgs[0], parser.imgs[1:]
        name = page.relative_to(site).as_posix()
        if first.get("fetchpriority") != "high" or "loading" in first:
            wrong.append(f"{name}: first figure {first.get('src')} is not eager with fetchpriority=high")
        wrong += [f"{name}: {a.get('src')} is not lazy" for a in rest if a.get("loading") != "lazy"]
    assert not wrong, "\n".join(wrong[:20])
