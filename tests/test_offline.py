"""The offline copy (site.zip) works from file:// with no server.

The offline variant (mkdocs.offline.yml) is built into a temporary folder, zipped by
scripts/offline_zip.py, unpacked, and opened in Chromium over file://. A reader
there must be able to follow links, read formulas and figures, and search; no
request may go anywhere but the unpacked files.
"""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path

import pytest
from browser import PAGE_REPORT_JS, chromium, require_chromium, wait_for_math
from site_build import ROOT

_spec = importlib.util.spec_from_file_location("offline_zip", ROOT / "scripts" / "offline_zip.py")
offline_zip = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(offline_zip)


def _plugins(value) -> list[tuple[str, object]]:
    """A ``plugins`` setting, list or mapping form, as [(name, settings)]."""
    items = value.items() if isinstance(value, dict) else (
        next(iter(v.items())) if isinstance(v, dict) else (v, None) for v in value)
    return [(name, settings or {}) for name, settings in items]


def test_offline_config_is_the_main_one_plus_offline():
    """INHERIT merges mappings but replaces lists: the merged offline config must keep every plugin and hook."""
    from mkdocs.utils.yaml import yaml_load

    def load(name):
        with open(ROOT / name, encoding="utf-8") as fh:
            return yaml_load(fh)

    main, offline = load("mkdocs.yml"), load("mkdocs.offline.yml")
    assert _plugins(offline["plugins"]) == _plugins(main["plugins"]) + [("offline", {})], \
        "mkdocs.offline.yml's plugins drifted from mkdocs.yml's: copy mkdocs.yml's list and keep `- offline` last"
    assert offline["hooks"] == main.get("hooks", []) + ["scripts/offline_zip.py"], \
        "mkdocs.offline.yml's hooks drifted from mkdocs.yml's"
    assert offline["use_directory_urls"] is False


@pytest.fixture(scope="module")
def offline(tmp_path_factory) -> tuple[Path, Path]:
    """(zip file, unpacked site folder)."""
    tmp = tmp_path_factory.mktemp("offline")
    built = tmp / "built"
    proc = offline_zip.build_offline(built)
    assert proc.returncode == 0, "offline build failed:\n" + proc.stdout[-3000:] + proc.stderr[-3000:]
    archive = tmp / "site.zip"
    offline_zip.write_zip(built, archive)
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(tmp / "unpacked")
    return archive, tmp / "unpacked" / offline_zip.FOLDER


def test_zip_is_deterministic(offline, tmp_path):
    archive, site = offline
    again = tmp_path / "again.zip"
    offline_zip.write_zip(site, again)
    assert again.read_bytes() == archive.read_bytes()
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        assert names == sorted(names)
        assert all(n.startswith(offline_zip.FOLDER + "/") for n in names)
        assert {i.date_time for i in zf.infolist()} == {offline_zip.EPOCH_1980}


def test_offline_site_has_its_pieces(offline):
    _, site = offline
    assert (site / "index.html").is_file() and (site / "en" / "index.html").is_file()
    assert (site / "problems" / "rosenbrock.html").is_file(), "directory URLs should be off offline"
    assert (site / "search" / "search_index.js").is_file(), "search index not inlined for file://"
    assert (site / offline_zip.SHIM_IN_SITE).is_file(), "iframe-worker shim missing"
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for host in ("unpkg.com", "cdn.jsdelivr", "cdnjs", "fonts.googleapis"):
            assert host not in text, f"{page.relative_to(site)} refers to {host}"


@pytest.fixture(scope="module")
def browser_page(offline):
    require_chromium()
    from playwright.sync_api import sync_playwright

    findings = {"foreign": [], "failed": [], "console": []}
    with sync_playwright() as pw:
        browser = chromium(pw)
        ctx = browser.new_context(viewport={"width": 1280, "height": 900})
        ctx.on("request", lambda r: r.url.startswith(("file://", "data:", "blob:", "about:"))
               or findings["foreign"].append(r.url))
        ctx.on("requestfailed", lambda r: findings["failed"].append(f"{r.url} ({r.failure})"))
        page = ctx.new_page()
        page.on("console", lambda m: m.type == "error" and findings["console"].append(f"{page.url}: {m.text}"))
        page.on("pageerror", lambda e: findings["console"].append(f"{page.url}: uncaught {e}"))
        yield page, offline[1], findings
        browser.close()


def _open(page, site: Path, rel: str) -> dict:
    page.goto((site / rel).as_uri(), wait_until="load")
    wait_for_math(page)
    return page.evaluate(PAGE_REPORT_JS)


@pytest.mark.parametrize("rel", ["optimizers/adam.html", "en/optimizers/adam.html",
                                 "problems/rosenbrock.html", "en/problems/rosenbrock.html"])
def test_formulas_and_figures_render_from_file(browser_page, rel):
    page, site, _ = browser_page
    r = _open(page, site, rel)
    assert r["mathCount"] > 0 and r["katexCount"] > 0, f"{rel}: no rendered math"
    assert not r["unrendered"] and not r["errors"] and not r["rawTex"], (r["unrendered"], r["errors"], r["rawTex"])
    broken = [i["src"] for i in r["images"] if i["visible"] and not i["loaded"]]
    assert not broken, f"{rel}: images not loaded: {broken}"
    if rel.startswith(("problems", "en/problems")):
        assert any(i["visible"] and i["loaded"] for i in r["images"]), f"{rel}: no figure shown"
    langs = {link["lang"]: link["href"] for link in r["langLinks"]}
    other = rel[3:] if rel.startswith("en/") else "en/" + rel
    assert langs.get("en" if not rel.startswith("en/") else "ko") == (site / other).as_uri(), langs


def test_links_navigate_from_file(browser_page):
    page, site, _ = browser_page
    _open(page, site, "index.html")
    link = page.locator("a.md-footer__link--next")
    link.click()
    page.wait_for_load_state("load")
    assert page.url.startswith("file://") and page.url.endswith(".html"), page.url
    assert page.locator("article h1").count() == 1, f"{page.url} has no article heading"


def test_search_works_from_file(browser_page):
    page, site, _ = browser_page
    _open(page, site, "en/index.html")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("Rosenbrock", delay=20)  # Material searches on key events, not on fill()
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="attached", timeout=15_000)
    assert results.count() > 0
    assert "rosenbrock" in page.locator(".md-search-result").inner_text().lower()


def test_nothing_left_the_files_and_no_console_error(browser_page, request):
    # runs last in this module (pytest keeps file order): it reads what the visits above recorded
    _, _, findings = browser_page
    assert not findings["foreign"], f"requests that left file://: {findings['foreign']}"
    assert not findings["failed"], f"failed requests: {findings['failed']}"
    assert not findings["console"], "console errors:\n  " + "\n  ".join(findings["console"])
