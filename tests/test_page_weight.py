"""Every page is light enough to open on a phone: its own HTML and images ≤ 600 KB.

"Own" means what this page alone brings: its HTML file and the images its <img>
tags load. The theme's CSS, JavaScript, fonts and KaTeX are shared by every page
(cached after the first) and not counted. A figure has a light and a dark variant
and a reader loads only the one of their colour scheme (the other is hidden, and
lazy), so a page weighs the heavier of its two schemes.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from site_build import built_site

BUDGET = 600 * 1024  # bytes
SCHEMES = {"light": "#only-dark", "dark": "#only-light"}  # scheme: images it does not load


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.srcs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            src = dict(attrs).get("src")
            if src:
                self.srcs.append(src)


def page_weight(site: Path, page: Path) -> tuple[int, dict[str, int]]:
    """(bytes, {scheme: bytes}) of one page: HTML plus the images each scheme loads."""
    html = page.read_bytes()
    parser = _Images()
    parser.feed(html.decode("utf-8"))
    here = "/" + page.parent.relative_to(site).as_posix() + "/"
    by_scheme = {}
    for scheme, skipped in SCHEMES.items():
        files = set()
        for src in parser.srcs:
            if src.endswith(skipped):
                continue
            parts = urlsplit(urljoin("http://site.invalid" + here.replace("/./", "/"), src))
            if parts.netloc != "site.invalid" or parts.scheme == "data":
                continue  # inline data is in the HTML already; external images are the link test's business
            f = site / PurePosixPath(unquote(parts.path).lstrip("/"))
            if f.is_file():
                files.add(f)
        by_scheme[scheme] = len(html) + sum(f.stat().st_size for f in files)
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
