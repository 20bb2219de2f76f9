"""Every page of the built site, in a real browser, the way a reader sees it.

Debian's Chromium (through Playwright) loads every page of both languages, once in
the light colour scheme and once in the dark one at desktop width, and once more on
a 390 px phone screen. Each load is checked for: formulas rendered by KaTeX (no raw
TeX left, no KaTeX error), every visible image loaded, the light figure shown in the
light scheme and the dark one in the dark scheme (the other hidden and not reachable
by keyboard), no request to any host but 127.0.0.1 (Chromium resolves no other host, so
none is sent), no
failed request, no console error, a language switch that leads to the same page, and
no sideways scrolling of the page on a phone; and axe-core (from npm) finds no
accessibility violation in either scheme ("needs review" items are printed only). The pages are crawled once per module;
each test then reads one kind of finding, so a failure names the kind and every page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin

import pytest
from browser import (AXE_JS, PAGE_REPORT_JS, Traffic, chromium, require_chromium, run_axe, serve, site_pages,
                     wait_for_math)
from site_build import built_site

#: (colour scheme, width, height) of each pass over the site
PASSES = {"light": ("light", 1280, 900), "dark": ("dark", 1280, 900), "phone": ("light", 390, 844)}
#: passes where axe-core checks accessibility (colour contrast differs between the schemes)
AXE_PASSES = ("light", "dark")
#: Material's name for each colour scheme (the body's data-md-color-scheme)
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}
#: console messages that are understood and harmless (substring match), each with its reason
ALLOWED_CONSOLE: dict[str, str] = {}


@dataclass
class Visit:
    report: dict = field(default_factory=dict)
    console: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    axe: dict | None = None


@pytest.fixture(scope="module")
def crawl():
    """{pass: {page path: Visit}} and the base URL, for every page of the site."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    site = built_site()[0]
    pages = site_pages(site)
    out: dict[str, dict[str, Visit]] = {}
    with serve(site) as base, sync_playwright() as pw:
        browser = chromium(pw)
        for name, (scheme, width, height) in PASSES.items():
            ctx = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": height},
                                      reduced_motion="reduce")
            traffic = Traffic(ctx)
            page = ctx.new_page()
            console: list[str] = []
            page.on("console", lambda msg: msg.type == "error" and console.append(msg.text))
            page.on("pageerror", lambda exc: console.append(f"uncaught: {exc}"))
            out[name] = {}
            for path in pages:
                traffic.reset()
                console.clear()
                page.goto(base + path, wait_until="load")
                wait_for_math(page)
                report = page.evaluate(PAGE_REPORT_JS)
                traffic.settle(page)
                axe = run_axe(page) if name in AXE_PASSES and AXE_JS.is_file() else None
                out[name][path] = Visit(report, list(console), traffic.foreign, traffic.failed, axe)
            ctx.close()
        browser.close()
    return base, out


def _fail_if(problems: list[str], what: str) -> None:
    if problems:
        pytest.fail(f"{what} ({len(problems)}):\n  " + "\n  ".join(problems), pytrace=False)


def _name(path: str) -> str:
    return "/" + path


def test_every_page_was_visited(crawl):
    _, visits = crawl
    n = len(visits["light"])
    assert n >= 2 * 10, f"only {n} pages found in the built site"
    assert any(p.startswith("en/") for p in visits["light"]) and "" in visits["light"]


@pytest.mark.parametrize("name", PASSES)
def test_formulas_rendered(crawl, name):
    _, visits = crawl
    problems = []
    for path, v in visits[name].items():
        r = v.report
        for tex in r["unrendered"]:
            problems.append(f"{_name(path)}: formula not rendered: {tex!r}")
        for err in r["errors"]:
            problems.append(f"{_name(path)}: KaTeX error: {err!r}")
        for text in r["rawTex"]:
            problems.append(f"{_name(path)}: raw TeX in the text: {text!r}")
        if r["mathCount"] and not r["katexCount"]:
            problems.append(f"{_name(path)}: {r['mathCount']} formulas but no KaTeX output")
    _fail_if(problems, f"formulas not rendered [{name}]")


def test_pages_with_math_have_katex(crawl):
    """The check above must not pass vacuously: the formula pages do have math, and KaTeX drew it."""
    _, visits = crawl
    with_math = [p for p, v in visits["light"].items() if v.report["mathCount"]]
    assert any(p.startswith("optimizers/") for p in with_math), with_math
    assert any(p.startswith("en/problems/") for p in with_math), with_math
    assert all(visits["light"][p].report["katexCount"] for p in with_math)


@pytest.mark.parametrize("name", PASSES)
def test_every_visible_image_loaded(crawl, name):
    _, visits = crawl
    problems = [f"{_name(path)}: {img['src']} did not load"
                for path, v in visits[name].items() for img in v.report["images"]
                if img["visible"] and not img["loaded"]]
    _fail_if(problems, f"images not loaded [{name}]")


@pytest.mark.parametrize("name", ["light", "dark"])
def test_figure_variant_matches_the_colour_scheme(crawl, name):
    _, visits = crawl
    shown, hidden = ("#only-light", "#only-dark") if name == "light" else ("#only-dark", "#only-light")
    problems, figures = [], 0
    for path, v in visits[name].items():
        r = v.report
        if r["scheme"] != MATERIAL_SCHEME[name]:
            problems.append(f"{_name(path)}: colour scheme is {r['scheme']!r}, expected {MATERIAL_SCHEME[name]!r}")
        for img in r["images"]:
            src = img["src"] or ""
            if src.endswith(shown):
                figures += 1
                if not img["visible"]:
                    problems.append(f"{_name(path)}: {src} is hidden in the {name} scheme")
            elif src.endswith(hidden):
                if img["visible"]:
                    problems.append(f"{_name(path)}: {src} is visible in the {name} scheme")
                if img["focusable"]:
                    problems.append(f"{_name(path)}: hidden {src} sits in a focusable element")
    _fail_if(problems, f"figure variants [{name}]")
    assert figures > 0, "no figure with a #only-light / #only-dark variant on any page"


@pytest.mark.parametrize("name", PASSES)
def test_no_request_leaves_the_machine(crawl, name):
    _, visits = crawl
    problems = [f"{_name(path)}: {url}" for path, v in visits[name].items() for url in v.foreign]
    _fail_if(problems, f"requests to hosts other than 127.0.0.1 [{name}]")


@pytest.mark.parametrize("name", PASSES)
def test_no_failed_request(crawl, name):
    _, visits = crawl
    problems = [f"{_name(path)}: {what}" for path, v in visits[name].items() for what in v.failed]
    _fail_if(problems, f"failed requests [{name}]")


@pytest.mark.parametrize("name", PASSES)
def test_no_console_error(crawl, name):
    _, visits = crawl
    problems = [f"{_name(path)}: {msg}" for path, v in visits[name].items() for msg in v.console
                if not any(allowed in msg for allowed in ALLOWED_CONSOLE)]
    _fail_if(problems, f"console errors [{name}]")


def test_language_switch_leads_to_the_same_page(crawl):
    base, visits = crawl
    problems = []
    for path, v in visits["light"].items():
        links = {link["lang"]: link["href"] for link in v.report["langLinks"]}
        same = path[3:] if path.startswith("en/") else path
        expected = {"ko": urljoin(base, same), "en": urljoin(base, "en/" + same)}
        if set(links) != set(expected):
            problems.append(f"{_name(path)}: language links {sorted(links)}")
            continue
        for lang, url in expected.items():
            if links[lang] != url:
                problems.append(f"{_name(path)}: {lang} link goes to {links[lang]}, expected {url}")
    _fail_if(problems, "language switch")


def test_phone_has_no_sideways_scroll(crawl):
    _, visits = crawl
    problems = [f"{_name(path)}: page is {v.report['scrollWidth']} px wide in a {v.report['clientWidth']} px screen"
                for path, v in visits["phone"].items() if v.report["scrollWidth"] > v.report["clientWidth"]]
    _fail_if(problems, "horizontal scroll on a 390 px phone")


def test_clicking_the_language_switch():
    """A real click on the header's language menu, on a generated page, lands on its English twin."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with serve(built_site()[0]) as base, sync_playwright() as pw:
        browser = chromium(pw)
        page = browser.new_page()
        page.goto(base + "problems/rosenbrock/")
        page.locator(".md-header .md-select").first.hover()
        page.locator(".md-header .md-select a[hreflang='en']").first.click()
        page.wait_for_load_state("load")
        assert page.url == base + "en/problems/rosenbrock/"
        assert page.locator("html").get_attribute("lang") == "en"
        browser.close()


@pytest.mark.parametrize("how", ["click", "shortcut"])
def test_search_index_waits_for_search(how):
    """The search index (assets/javascripts/search_on_demand.js) is not fetched while a page starts; opening search
    with a click on the search box or with its keyboard shortcut fetches it, and search finds the page."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with serve(built_site()[0]) as base, sync_playwright() as pw:
        browser = chromium(pw)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        index: list[str] = []
        page.on("request", lambda r: "search_index" in r.url and index.append(r.url))
        page.goto(base + "en/", wait_until="load")
        page.wait_for_timeout(800)
        assert index == [], "the search index was fetched before search was opened"
        if how == "click":
            page.locator("label.md-search__icon[for='__search'], .md-search__input").first.click()
        else:
            page.keyboard.press("/")
        box = page.locator("input.md-search__input")
        box.wait_for(state="visible")
        box.press_sequentially("Rosenbrock", delay=20)  # Material searches on key events, not on fill()
        page.locator(".md-search-result__item").first.wait_for(state="attached", timeout=15_000)
        assert "rosenbrock" in page.locator(".md-search-result").inner_text().lower()
        assert len(index) == 1, index
        assert not errors, errors
        browser.close()


@pytest.mark.parametrize("name", AXE_PASSES)
def test_no_accessibility_violation(crawl, name):
    """axe-core: zero violations on every page; its "needs review" items are printed (``-s``), not failed."""
    if not AXE_JS.is_file():
        pytest.fail(f"axe-core is missing at {AXE_JS}: run `make setup` (npm ci)")
    _, visits = crawl
    rules: dict[str, dict] = {}
    review: dict[str, int] = {}
    for path, v in visits[name].items():
        for x in v.axe["violations"]:
            rule = rules.setdefault(x["id"], {"impact": x["impact"], "help": x["help"], "pages": [], "examples": {}})
            rule["pages"].append(_name(path))
            for node in x["nodes"]:
                if len(rule["examples"]) < 3 and node["summary"] not in rule["examples"]:
                    rule["examples"][node["summary"]] = f"{_name(path)} {node['target']}"
        for x in v.axe["incomplete"]:
            review[x["id"]] = review.get(x["id"], 0) + len(x["nodes"])
    if review:
        print(f"\naxe 'needs review' [{name}]: " + ", ".join(f"{k} ({n} elements)" for k, n in sorted(review.items())))
    problems = []
    for rule_id, r in sorted(rules.items()):
        examples = "".join(f"\n      e.g. {where}: {summary}" for summary, where in r["examples"].items())
        pages = r["pages"]
        problems.append(f"{rule_id} ({r['impact']}): {r['help']}{examples}\n      on {len(pages)} pages: "
                        + ", ".join(pages[:6]) + (" ..." if len(pages) > 6 else ""))
    _fail_if(problems, f"accessibility violations [{name}]")
