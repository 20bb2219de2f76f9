"""The animation and the learning-rate explorer in a real browser (Debian's Chromium).

The animation plays and pauses, the scrubber moves the points, the explorer's slider
changes the drawn trajectory and the numbers shown (which are the package's), all
with the keyboard only; reduced motion means no autoplay and the final frame; the
colour scheme switches the background; without JavaScript the static figures remain.
No request leaves 127.0.0.1 and no console error appears.
"""

from __future__ import annotations


import pytest
from browser import Traffic, chromium, require_chromium, serve
from site_build import built_site

from optimizers import PLANAR  # the explorer and animations run every optimizer that can step a 2-D point
from scripts import experiments, interactive, pages

PAGE = "problems/beale/"


@pytest.fixture(scope="module")
def browser_site():
    require_chromium()
    from playwright.sync_api import sync_playwright

    site = built_site()[0]
    with serve(site) as base, sync_playwright() as pw:
        browser = chromium(pw)
        yield base, browser, site
        browser.close()


class Session:
    """One page in a fresh context, with its console errors and foreign requests collected."""

    def __init__(self, browser, base, path, **ctx_options):
        self.ctx = browser.new_context(viewport={"width": 1280, "height": 900}, **ctx_options)
        self.traffic = Traffic(self.ctx)
        self.page = self.ctx.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        self.page.goto(base + path, wait_until="load")

    def close(self):
        self.traffic.settle(self.page)
        errors, foreign, failed = self.errors, self.traffic.foreign, self.traffic.failed
        self.ctx.close()
        assert not errors, errors
        assert not foreign, foreign
        assert not failed, failed


def _ready(page, which: str):
    """The widget, brought into view: it loads its data only when it comes near the screen."""
    page.locator(f".ix-{which}").scroll_into_view_if_needed()
    page.wait_for_selector(f".ix-{which}[data-ready='true']", state="visible", timeout=10_000)
    return page.locator(f".ix-{which}")


def _pixels(page, selector: str) -> str:
    return page.eval_on_selector(selector, "c => c.toDataURL()")


def _frame(page) -> int:
    return int(page.locator(".ix-anim .ix-scrubber").input_value())


def test_reduced_motion_shows_the_final_frame_without_autoplay(browser_site):
    base, browser, site = browser_site
    s = Session(browser, base, PAGE, reduced_motion="reduce")
    page = s.page
    anim = _ready(page, "anim")
    anim.locator("canvas.ix-main").scroll_into_view_if_needed()
    data = interactive.from_script((site / interactive.data_name("beale")).read_bytes())
    last = len(data["frames"]) - 1
    page.wait_for_timeout(600)
    assert _frame(page) == last
    assert anim.locator(".ix-play").inner_text() == "재생"
    assert anim.locator(".ix-step").inner_text().endswith(f"{data['steps']} / {data['steps']}")
    assert anim.locator("canvas.ix-main").get_attribute("role") == "img"
    assert anim.locator("canvas.ix-main").get_attribute("aria-label")
    assert anim.locator(".ix-legend li").count() == len(PLANAR)
    s.close()


def test_animation_plays_pauses_and_scrubs_with_the_keyboard(browser_site):
    base, browser, _ = browser_site
    s = Session(browser, base, PAGE, reduced_motion="no-preference")
    page = s.page
    anim = _ready(page, "anim")
    canvas = ".ix-anim canvas.ix-main"
    anim.locator("canvas.ix-main").scroll_into_view_if_needed()
    # autoplay once in view
    page.wait_for_function("() => +document.querySelector('.ix-anim .ix-scrubber').value > 2", timeout=10_000)
    button = anim.locator(".ix-play")
    assert button.inner_text() == "일시정지"
    button.focus()
    page.keyboard.press("Space")                      # pause
    assert button.inner_text() == "재생"
    held = _frame(page)
    page.wait_for_timeout(400)
    assert _frame(page) == held
    page.keyboard.press("Tab")                        # -> which-lr select
    page.keyboard.press("Tab")                        # -> scrubber
    assert page.evaluate("document.activeElement.classList.contains('ix-scrubber')")
    page.keyboard.press("Home")
    assert _frame(page) == 0
    start = _pixels(page, canvas)
    assert anim.locator(".ix-step").inner_text().startswith("스텝 0 ")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert _frame(page) == 3
    assert _pixels(page, canvas) != start, "the scrubber did not move the points"
    button.focus()
    page.keyboard.press("Enter")                      # play again
    page.wait_for_function("() => +document.querySelector('.ix-anim .ix-scrubber').value > 6", timeout=10_000)
    page.keyboard.press("Enter")
    assert button.inner_text() == "재생"
    s.close()


def test_widgets_load_their_data_only_when_near_the_screen(browser_site):
    """A problem page's widgets are far below its first screen: their data (a few hundred KB of script to parse)
    is not fetched while the page starts, only when the reader comes near them."""
    base, browser, _ = browser_site
    s = Session(browser, base, PAGE, reduced_motion="reduce")
    page = s.page
    page.wait_for_timeout(500)
    fetched = "() => performance.getEntriesByType('resource').filter(e => e.name.includes('/interactive/')).length"
    assert page.evaluate(fetched) == 0, "the widgets' data was fetched at the top of the page"
    assert page.locator(".ix-anim").get_attribute("data-ready") is None
    _ready(page, "anim")
    assert page.evaluate(fetched) > 0
    s.close()


def test_a_frame_draws_only_the_new_segments(browser_site):
    """While the animation plays, a frame copies what is drawn so far and adds each run's new segment and its
    head: a phone's main thread is not spent on drawing every path again on every frame."""
    base, browser, site = browser_site
    data = interactive.from_script((site / interactive.data_name("beale")).read_bytes())
    s = Session(browser, base, PAGE, reduced_motion="no-preference")
    page = s.page
    page.evaluate("""() => {
      window.__lines = 0;
      const lineTo = CanvasRenderingContext2D.prototype.lineTo;
      CanvasRenderingContext2D.prototype.lineTo = function (...a) { window.__lines++; return lineTo.apply(this, a); };
    }""")
    _ready(page, "anim")
    page.wait_for_function("() => +document.querySelector('.ix-anim .ix-scrubber').value > 2", timeout=10_000)
    per_frame = page.evaluate("""() => new Promise((done) => {
      const scrubber = document.querySelector('.ix-anim .ix-scrubber'), counts = [];
      let frame = +scrubber.value, lines = window.__lines;
      const watch = () => {
        const now = +scrubber.value;
        if (now === frame + 1) counts.push(window.__lines - lines);
        if (now !== frame) { frame = now; lines = window.__lines; }
        if (counts.length >= 20 || now >= +scrubber.max) done(counts); else requestAnimationFrame(watch);
      };
      requestAnimationFrame(watch);
    })""")
    assert len(per_frame) >= 10, per_frame
    # a head marker is at most 12 lines (the plus), a new segment 2 (one drawn again at the join), a marker 12
    bound = len(PLANAR) * (12 + 2 + 12)
    assert max(per_frame) <= bound, (per_frame, bound)
    # drawing every path again would be at least the points drawn so far, which pass the bound within the run
    assert len(data["frames"]) * len(PLANAR) > 4 * bound
    s.close()


def test_explorer_shows_the_package_numbers(browser_site):
    base, browser, _ = browser_site
    s = Session(browser, base, "en/" + PAGE, reduced_motion="reduce")
    page = s.page
    ex = _ready(page, "explorer")
    runs = experiments.problem_runs("beale")
    lrs = experiments.SWEEP.lrs
    canvas = ".ix-explorer canvas.ix-main"
    loss = ".ix-explorer canvas.ix-loss"

    def shown():
        return (ex.locator(".ix-lr-value").inner_text(), ex.locator(".ix-score").inner_text(),
                ex.locator(".ix-status").inner_text())

    # starts at the first optimizer's tuned lr
    first = list(PLANAR)[0]
    r = runs[first]
    lr, score, status = shown()
    assert lr.startswith(pages.fmt_num(r.tuned_lr)) and "tuned" in lr
    assert score == pages.fmt_num(float(r.score[r.tuned_index]))
    # keyboard only: the select, then the slider
    ex.locator(".ix-opt").focus()
    for name in PLANAR:
        if name == "Adam":
            break
        page.keyboard.press("ArrowDown")
    assert ex.locator(".ix-opt").input_value() == str(list(PLANAR).index("Adam"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('ix-lr')")
    r = runs["Adam"]
    page.keyboard.press("Home")
    before = (_pixels(page, canvas), _pixels(page, loss))
    assert shown()[0] == pages.fmt_num(lrs[0])
    assert shown()[1] == pages.fmt_num(float(r.score[0]))
    for _ in range(15):
        page.keyboard.press("ArrowRight")
    assert int(ex.locator(".ix-lr").input_value()) == 15
    lr, score, status = shown()
    assert lr.startswith(pages.fmt_num(lrs[15]))
    assert score == pages.fmt_num(float(r.score[15]))
    assert status == "did not diverge"
    after = (_pixels(page, canvas), _pixels(page, loss))
    assert after[0] != before[0] and after[1] != before[1], "the slider did not change the drawing"
    # a diverged run: SGD at the largest lr
    sgd = runs["SGD"]
    assert sgd.sweep.diverged_at[-1] >= 0
    ex.locator(".ix-opt").select_option(str(list(PLANAR).index("SGD")))
    ex.locator(".ix-lr").focus()
    page.keyboard.press("End")
    lr, score, status = shown()
    assert lr.startswith(pages.fmt_num(lrs[-1]))
    assert status == f"diverged at step {int(sgd.sweep.diverged_at[-1])}"
    assert score == "∞"
    assert ex.locator(".ix-lr").get_attribute("aria-valuetext").startswith("lr ")
    s.close()


def test_colour_scheme_switches_the_background(browser_site):
    base, browser, _ = browser_site
    s = Session(browser, base, PAGE, color_scheme="light", reduced_motion="reduce")
    page = s.page
    _ready(page, "anim")
    urls: list[str] = []
    page.on("request", lambda req: urls.append(req.url))
    canvas = ".ix-anim canvas.ix-main"
    light = _pixels(page, canvas)
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    page.wait_for_function(
        "() => performance.getEntriesByType('resource').some(e => e.name.endsWith('beale-contour-dark.png'))",
        timeout=10_000)
    page.wait_for_timeout(200)
    assert _pixels(page, canvas) != light
    assert any(u.endswith("beale-contour-dark.png") for u in urls)
    s.close()


def test_without_javascript_the_static_figures_remain(browser_site):
    base, browser, _ = browser_site
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(base + PAGE, wait_until="load")
    assert page.locator(".ix-anim").is_hidden() and page.locator(".ix-explorer").is_hidden()
    assert page.locator(".ix-noscript").first.is_visible()
    figure = page.locator("#fig-beale-panels-tuned img").first
    figure.scroll_into_view_if_needed()
    figure.wait_for(state="visible")
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", figure.element_handle())
    ctx.close()
