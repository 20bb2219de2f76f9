"""The home page teaches at a glance, in both languages (issue 12, part 1).

The built home page shows the compact animation (its data and contour images published), the learning-rate
sensitivity grid, and three verdicts against folklore, each a link to a claim's anchor that exists on its optimizer
page. The verdicts are chosen by ``claim_pages.folklore``, a rule that is tested here on made-up verdicts. In a phone
viewport (390 px) the animation starts, keeps its size, and nothing in the page moves while it loads and plays.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from site_build import built_site

from optimizers import PLANAR  # the explorer and animations run every optimizer that can step a 2-D point
from scripts import claim_pages, claims, interactive

LANGS = {"ko": "", "en": "en/"}


class _Page(HTMLParser):
    """Elements by id and class, and the links under each h2 (by its id)."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.by_class: dict[str, list[dict]] = {}
        self.section = ""
        self.links: dict[str, list[str]] = {}
        self.imgs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
            if tag == "h2":
                self.section = a["id"]
        for c in (a.get("class") or "").split():
            self.by_class.setdefault(c, []).append({"tag": tag, **a})
        if tag == "a" and a.get("href") and "headerlink" not in (a.get("class") or ""):
            self.links.setdefault(self.section, []).append(a["href"])
        if tag == "img" and a.get("src"):
            self.imgs.append(a["src"])


def _parse(path: Path) -> _Page:
    p = _Page()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def _file(site: Path, prefix: str, href: str) -> tuple[Path, str]:
    """The built file a link from the home page (``/<prefix>``) points to, and its fragment."""
    parts = urlsplit(urljoin("http://site.invalid/" + prefix, href))
    assert parts.netloc == "site.invalid", href
    path = site / parts.path.lstrip("/")
    return (path / "index.html" if parts.path.endswith("/") else path), parts.fragment


@pytest.fixture(scope="module")
def site() -> Path:
    return built_site()[0]


@pytest.mark.parametrize("lang", LANGS)
def test_home_shows_the_animation(site, lang):
    page = _parse(site / LANGS[lang] / "index.html")
    anims = page.by_class.get("ix-compact", [])
    assert len(anims) == 1, f"{lang}: {len(anims)} compact animations on the home page"
    anim = anims[0]
    assert "ix-anim" in anim["class"].split() and "ix" in anim["class"].split()
    for key in ("data-data", "data-image-light", "data-image-dark"):
        assert (site / anim[key]).is_file(), f"{lang}: {key}={anim[key]} is not published"
    assert anim["data-data"] == interactive.anim_data_name(interactive.HOME_PROBLEM)
    # the legend is laid out before the script runs (no layout shift): one item per optimizer
    assert len(page.by_class.get("ix-name", [])) == len(PLANAR)
    assert page.by_class.get("ix-main"), f"{lang}: no canvas"


def test_the_animation_data_is_the_problem_data_without_the_sweeps(site):
    problem = interactive.HOME_PROBLEM
    full = interactive.from_script((site / interactive.data_name(problem)).read_bytes())
    light = (site / interactive.anim_data_name(problem)).read_bytes()
    assert f"[{interactive.anim_key(problem)!r}]".replace("'", '"') in light.decode("utf-8")[:200]
    assert interactive.from_script(light) == interactive.anim_only(full)
    assert len(light) < len(interactive.to_script(problem, full)) / 4


@pytest.mark.parametrize("lang", LANGS)
def test_home_shows_the_sensitivity_grid(site, lang):
    page = _parse(site / LANGS[lang] / "index.html")
    assert "fig-lr-robustness" in page.ids, f"{lang}: the lr sensitivity grid is missing"
    grids = [src for src in page.imgs if "study-lr-robustness" in src]
    assert grids and all(f"-{lang}-" in src for src in grids), grids
    for src in grids:
        path, _ = _file(site, LANGS[lang], src.split("#")[0])
        assert path.is_file(), src


@pytest.mark.parametrize("lang", LANGS)
def test_home_links_three_verdicts_to_their_evidence(site, lang):
    page = _parse(site / LANGS[lang] / "index.html")
    links = [h for h in page.links.get("folklore", []) if "#claim-" in h]
    assert len(links) == claim_pages.HOME_FOLKLORE == 3, f"{lang}: verdict links {links}"
    chosen = claim_pages.folklore()
    assert [h.split("#")[1] for h in links] == [f"claim-{c.replace('_', '-')}" for c in chosen]
    for href in links:
        path, anchor = _file(site, LANGS[lang], href)
        assert path.is_file(), f"{lang}: {href} leads nowhere"
        assert anchor in _parse(path).ids, f"{lang}: {href}: no #{anchor} on that page"


@pytest.mark.parametrize("lang", LANGS)
def test_home_gives_three_paths(site, lang):
    page = _parse(site / LANGS[lang] / "index.html")
    hrefs = page.links.get("start", [])
    for target in ("guide/", "dlfs/", "overview/", "comparison/", "experiments/results/"):
        assert any(h.rstrip("/").endswith(target.rstrip("/")) for h in hrefs), f"{lang}: no path to {target}"


# ------------------------------------------------------------------ the rule that picks the verdicts


def _fake(monkeypatch, verdicts: dict[str, tuple[str, int, int]]):
    """Replace the judged claims by made-up ones: {id: (kind, held, n)}; untested ones have n = 0."""
    claims.load_all()
    results = {cid: {"kind": claims.DEF_TRUE, "held": 0, "n": 0} for cid in claims.CLAIMS}
    results.update({cid: {"kind": k, "held": h, "n": n} for cid, (k, h, n) in verdicts.items()})
    monkeypatch.setattr(claim_pages, "judged", lambda: results)


def test_folklore_takes_the_most_clearly_rejected_one_per_optimizer(monkeypatch):
    _fake(monkeypatch, {
        "adam_fast": (claims.REJECTED, 2, 14),          # 14 %
        "adam_robust": (claims.REJECTED, 0, 7),          # 0 %: Adam's clearer one
        "sgd_oscillates": (claims.REJECTED, 2, 14),      # 14 %, ties with momentum_escape below on share...
        "momentum_escape": (claims.REJECTED, 1, 7),      # ...14 %, fewer settings: after SGD
        "adamw_lambda": (claims.REJECTED, 1, 5),         # 20 %
        "nag_less": (claims.CONFIRMED, 0, 1),            # share 0 but confirmed? never before a rejected one
    })
    assert claim_pages.folklore() == ["adam_robust", "sgd_oscillates", "momentum_escape"]


def test_folklore_fills_in_with_the_least_supported_when_few_are_rejected(monkeypatch):
    _fake(monkeypatch, {
        "adam_fast": (claims.REJECTED, 1, 14),
        "sgd_slow": (claims.DEPENDS, 8, 14),
        "rmsprop_stable": (claims.DEPENDS, 5, 14),
        "adagrad_sparse": (claims.CONFIRMED, 5, 5),
    })
    chosen = claim_pages.folklore()
    assert chosen == ["adam_fast", "rmsprop_stable", "sgd_slow"]
    values = claim_pages.home_values()
    assert values["home.folklore_2.kind"] == claims.DEPENDS      # the page shows its own verdict, not "rejected"
    assert values["home.claims_rejected"] == 1


def test_folklore_refuses_when_too_few_optimizers_have_a_tested_claim(monkeypatch):
    _fake(monkeypatch, {"adam_fast": (claims.REJECTED, 1, 14), "adam_robust": (claims.REJECTED, 0, 7)})
    with pytest.raises(ValueError, match="only 1 optimizers"):
        claim_pages.folklore()


def test_home_values_link_to_the_claim_anchor(monkeypatch):
    _fake(monkeypatch, {"adamw_generalise": (claims.REJECTED, 0, 5), "sgd_oscillates": (claims.REJECTED, 2, 14),
                        "adam_fast": (claims.REJECTED, 2, 14)})
    v = claim_pages.home_values()
    assert [v[f"home.folklore_{i}.link"] for i in (1, 2, 3)] == [
        "optimizers/adamw.md#claim-adamw-generalise", "optimizers/sgd.md#claim-sgd-oscillates",
        "optimizers/adam.md#claim-adam-fast"]
    assert v["home.folklore_1.verdict_ko"] == "이번 실험에선 확인 안 됨"
    assert re.fullmatch(r"5개 중 하나도 없음", v["home.folklore_1.count_ko"])


# ------------------------------------------------------------------ in a phone's browser


def test_home_on_a_phone_animates_without_moving_the_page(site):
    from browser import Traffic, chromium, require_chromium, serve
    require_chromium()
    from playwright.sync_api import sync_playwright

    with serve(site) as base, sync_playwright() as pw:
        browser = chromium(pw)
        try:
            for lang, prefix in LANGS.items():
                ctx = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
                traffic = Traffic(ctx)
                page = ctx.new_page()
                errors: list[str] = []
                page.on("console", lambda m: m.type == "error" and errors.append(m.text))
                page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
                # layout shifts inside the article (the theme's header is not this page's business)
                page.add_init_script("""
                  window.__shifts = [];
                  new PerformanceObserver((list) => { for (const e of list.getEntries())
                    for (const s of e.sources) if (s.node && s.node.closest && s.node.closest('article'))
                      window.__shifts.push(s.node.className || s.node.tagName); })
                    .observe({type: 'layout-shift', buffered: true});""")
                page.goto(base + prefix, wait_until="load")
                canvas = page.locator(".ix-compact canvas.ix-main")
                before = canvas.bounding_box()
                assert before and before["height"] > 200, f"{lang}: the canvas has no size before the data loads"
                page.wait_for_selector(".ix-compact[data-ready='true']", timeout=10_000)
                page.wait_for_function("+document.querySelector('.ix-compact .ix-scrubber').value > 5",
                                       timeout=10_000)           # it plays by itself: it is in the first screen
                assert canvas.bounding_box() == before, f"{lang}: the animation moved or resized"
                assert page.locator(".ix-compact .ix-legend li").count() == len(PLANAR)
                assert page.evaluate("document.documentElement.scrollWidth") <= 390
                assert page.evaluate("window.__shifts") == [], f"{lang}: layout shifts in the page"
                traffic.settle(page)
                assert not errors, errors
                assert not traffic.foreign and not traffic.failed, (traffic.foreign, traffic.failed)
                ctx.close()
        finally:
            browser.close()
