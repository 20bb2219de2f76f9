"""Links of the built site: every internal link, heading anchor and image resolves.

The HTML of every page (both languages) is read, not fetched. Each ``a[href]``,
``img[src]``, ``script[src]``, ``link[href]`` and ``source[srcset]`` that stays on the
site must name a file of the build; a ``#fragment`` on a link to a page must be an
``id`` of that page. Links that leave the site are listed (``pytest -s -k external``)
and must be https; they are never fetched.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from site_build import built_site

#: URL attributes a reader's browser follows, by tag
URL_ATTRS = {"a": ("href",), "img": ("src",), "script": ("src",), "link": ("href",), "source": ("srcset",),
             "iframe": ("src",), "video": ("src", "poster"), "audio": ("src",)}
#: <link rel=...> that are metadata for machines, not something the page loads
META_RELS = {"canonical", "alternate"}
#: schemes that are not a place to go
NON_LINKS = ("javascript:", "data:", "blob:")
#: #fragments that are not anchors: Material's light / dark figure markers
IMAGE_MARKERS = {"only-light", "only-dark"}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[tuple[str, str]] = []  # (tag, url)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if a.get(key):
                self.ids.add(a[key])
        if tag == "link" and META_RELS & set((a.get("rel") or "").split()):
            return
        for attr in URL_ATTRS.get(tag, ()):
            value = a.get(attr)
            if not value:
                continue
            if attr == "srcset":
                for part in value.split(","):
                    if part.strip():
                        self.urls.append((tag, part.strip().split()[0]))
            else:
                self.urls.append((tag, value.strip()))


@lru_cache(maxsize=None)
def _parse(path: Path) -> _Page:
    p = _Page()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _url_of(site: Path, page: Path) -> str:
    """The site-relative URL of a page: ``/en/problems/beale/`` for .../index.html."""
    rel = page.relative_to(site).as_posix()
    if rel.endswith("index.html"):
        rel = rel[: -len("index.html")]
    return "/" + rel


def _target(site: Path, path: str) -> Path | None:
    """The file a site-relative URL path serves, or None."""
    rel = PurePosixPath(unquote(path).lstrip("/"))
    if ".." in rel.parts:
        return None
    f = site / rel
    if path.endswith("/") or f.is_dir():
        f = f / "index.html"
    return f if f.is_file() else None


def _check(site: Path) -> tuple[list[str], dict[str, set[str]]]:
    broken: list[str] = []
    external: dict[str, set[str]] = defaultdict(set)
    for page in _pages(site):
        here = _url_of(site, page)
        name = page.relative_to(site).as_posix()
        if name == "404.html":
            here = "/"  # served at any depth, so its links are root-absolute

        for tag, url in _parse(page).urls:
            if url.startswith(NON_LINKS):
                continue
            full = urljoin("http://site.invalid" + here, url)
            parts = urlsplit(full)
            if parts.netloc != "site.invalid":
                external[url].add(name)
                continue
            path = parts.path
            target = _target(site, path)
            if target is None:
                broken.append(f"{name}: <{tag}> {url} -> {path} does not exist")
                continue
            frag = unquote(parts.fragment)
            if frag and target.suffix == ".html" and frag not in IMAGE_MARKERS:
                if frag not in _parse(target).ids:
                    broken.append(f"{name}: <{tag}> {url} -> no id {frag!r} in {target.relative_to(site)}")
    return broken, external


@pytest.fixture(scope="module")
def checked():
    site = built_site()[0]
    return _check(site)


def test_no_broken_internal_link_anchor_or_image(checked):
    broken, _ = checked
    if broken:
        pytest.fail(f"{len(broken)} broken links:\n  " + "\n  ".join(broken), pytrace=False)


def test_external_links_are_listed_and_https(checked):
    _, external = checked
    print(f"\n{len(external)} external links (not fetched):")
    for url in sorted(external):
        pages = sorted(external[url])
        print(f"  {url}  <- {pages[0]}" + (f" and {len(pages) - 1} more" if len(pages) > 1 else ""))
    insecure = [f"{url} (on {sorted(pages)[0]})" for url, pages in sorted(external.items())
                if not url.startswith(("https://", "mailto:"))]
    if insecure:
        pytest.fail("external links that are not https:\n  " + "\n  ".join(insecure), pytrace=False)


def test_the_checker_sees_links_and_anchors(checked, tmp_path):
    """The checker itself: it must catch a missing page, a missing anchor and a missing image."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="x">x</h2><a href="../b/">b</a><a href="#x">ok</a>'
                                               '<a href="#nope">bad</a><img src="../i.png#only-dark">'
                                               '<a href="http://example.com/">insecure</a>', encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<a href="../a/#x">ok</a><a href="../c/">bad</a>', encoding="utf-8")
    broken, external = _check(tmp_path)
    assert len(broken) == 3, broken
    assert any("'nope'" in b for b in broken) and any("/c/" in b for b in broken)
    assert any("i.png" in b for b in broken)
    assert set(external) == {"http://example.com/"}
