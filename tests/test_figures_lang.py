"""Figures speak the language of their page, in a font that is pinned, not the machine's.

* ``FIGURE_WORDS`` has the same keys, and the same ``{placeholders}``, in every language;
* the Korean font is the file shipped by the package pinned in requirements.lock, and
  matplotlib resolves its family name to that file and no other;
* rendering a Korean figure of every kind (problem figures and study figures) draws
  no missing glyph: no "Glyph … missing from font" warning, no mathtext dummy symbol.
  A control shows that the detector does fire on Hangul drawn without the font;
* a Korean and an English figure differ, and rendering one twice gives the same bytes;
* the built pages show only their own language's figures.
"""

from __future__ import annotations

import contextlib
import logging
import re
import string
import warnings
from importlib import metadata
from pathlib import Path

import pytest

from optimizers import PROBLEMS
from scripts import experiments, figures, studies
from scripts.text import FIGURE_WORDS, LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
PROBLEM = "rosenbrock"          # has diverging runs: the "diverged" words are drawn
GLYPH = re.compile(r"missing from (current )?font|does not have a glyph", re.IGNORECASE)


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}


def test_figure_words_have_the_same_keys_and_placeholders_in_every_language():
    ko, en = FIGURE_WORDS["ko"], FIGURE_WORDS["en"]
    assert set(FIGURE_WORDS) == set(LANGUAGES)
    assert sorted(set(ko) - set(en)) == [] and sorted(set(en) - set(ko)) == []
    for key in ko:
        assert _fields(ko[key]) == _fields(en[key]), f"{key}: {ko[key]!r} and {en[key]!r} take different fields"
        assert ko[key].strip() and en[key].strip(), f"{key}: empty"


def test_korean_words_use_the_glossary_terms():
    """KOREAN.md: 최솟값과의 차이 (not 격차), 10배 구간 (not 자릿수), 학습/테스트 (not 훈련/시험), and 배치 only as
    the minibatch (미니배치), never for runs computed together."""
    for key, text in FIGURE_WORDS["ko"].items():
        for avoid in ("격차", "자릿수", "훈련", "시험", "수렴 중"):
            assert avoid not in text, f"FIGURE_WORDS['ko'][{key!r}] = {text!r} uses {avoid!r}"
        assert not re.search(r"(?<!미니)배치", text), f"FIGURE_WORDS['ko'][{key!r}] = {text!r}: 배치 not as 미니배치"


def _pin(package: str) -> str:
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        name, _, version = line.partition("==")
        if name.strip().lower().replace("_", "-") == package:
            return version.strip()
    raise AssertionError(f"{package} is not pinned in requirements.lock")


def test_the_korean_font_comes_from_the_pinned_package():
    from matplotlib import font_manager

    dist = metadata.distribution("koreanize-matplotlib")
    assert dist.version == _pin("koreanize-matplotlib")
    assert "koreanize-matplotlib" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    path = figures.korean_font_path()
    shipped = {Path(dist.locate_file(f)).resolve() for f in dist.files or ()}
    assert path.resolve() in shipped, f"{path} is not a file of koreanize-matplotlib {dist.version}"
    name = figures.korean_font()
    found = font_manager.findfont(font_manager.FontProperties(family=name), fallback_to_default=False)
    assert Path(found).resolve() == path.resolve()
    assert len(figures.font_hash()) == 64


@contextlib.contextmanager
def no_missing_glyphs(what: str):
    """Fail if matplotlib reports a glyph it could not draw (a warning, or a log record from mathtext)."""
    records: list[str] = []

    class Handler(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    handler = Handler(logging.WARNING)
    logger = logging.getLogger("matplotlib")
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
        records.extend(str(w.message) for w in caught)
    finally:
        logger.removeHandler(handler)
    missing = [r for r in records if GLYPH.search(r)]
    assert not missing, f"{what}: glyphs drawn as boxes:\n  " + "\n  ".join(missing[:5])


def test_the_glyph_check_fires_on_hangul_without_the_korean_font():
    """The control: Hangul in a Latin-only font must trip the check, or the check proves nothing."""
    import matplotlib.pyplot as plt

    fig, ax, rc = figures._figure(figures.STYLES["light"], size=(2, 1))
    rc = dict(rc, **{"font.family": ["DejaVu Sans"]})
    with pytest.raises(AssertionError, match="boxes"):
        with no_missing_glyphs("control"), plt.rc_context(rc):
            ax.set_xlabel("학습률")
            ax.set_title("학습률 $\\eta$")
            figures._png(fig)


@pytest.fixture(scope="module")
def runs():
    return experiments.problem_runs(PROBLEM)


@pytest.mark.parametrize("kind", list(figures.KINDS))
def test_korean_problem_figures_draw_every_glyph(runs, kind):
    with no_missing_glyphs(f"{PROBLEM}-{kind}-ko"):
        figures.render(kind, PROBLEM, runs, "light", "ko")


def _study_figures() -> list[str]:
    studies.load_all()
    return [n for n, s in studies.STUDIES.items() if s.figure is not None]


@pytest.mark.parametrize("name", _study_figures())
def test_korean_study_figures_draw_every_glyph(name):
    study = studies.STUDIES[name]
    result = studies.study_result(name)
    with no_missing_glyphs(f"study-{name}-ko"):
        study.figure(result, figures.STYLES["dark"], "ko")


def test_korean_and_english_figures_differ_and_each_is_deterministic(runs):
    ko = figures.render("loss-default", PROBLEM, runs, "light", "ko")
    en = figures.render("loss-default", PROBLEM, runs, "light", "en")
    assert ko != en
    assert figures.render("loss-default", PROBLEM, runs, "light", "ko") == ko


def test_pages_show_their_own_language_figures():
    from site_build import built_site

    site = built_site()[0]
    src = re.compile(r'<img [^>]*src="[^"]*assets/figures/([^"#]+)')
    seen = {"ko": 0, "en": 0}
    for page in site.rglob("index.html"):
        lang = "en" if page.relative_to(site).parts[:1] == ("en",) else "ko"
        for name in src.findall(page.read_text(encoding="utf-8")):
            other = "en" if lang == "ko" else "ko"
            assert f"-{lang}-" in name and f"-{other}-" not in name, f"{page.relative_to(site)} shows {name}"
            seen[lang] += 1
    assert seen["ko"] and seen["en"]
    assert (site / "assets" / "figures" / f"{PROBLEM}-paths-default-ko-light.png").is_file()
    assert all((site / "assets" / "figures" / f"{p}-sweep-en-dark.png").is_file() for p in PROBLEMS)
