"""The worked example on the seed quadratic (problems/quadratic-by-hand.md, scripts/study_quadratic.py).

The eigenvalues and the bound η < 2/λ_max, the sweep that must agree with the bound, the page's table of first
iterates against the package run here, and the notebook's printed numbers (quoted on the page) against its own
arithmetic, rounded where it rounds.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import numpy as np
import pytest

from optimizers import NAG, PROBLEMS, SGD, AdaGrad, Adam, Momentum, RMSProp, run
from scripts import study_quadratic as sq

ROOT = Path(__file__).resolve().parent.parent
PAGES = {lang: ROOT / "docs" / lang / "problems" / "quadratic-by-hand.md" for lang in ("ko", "en")}


@pytest.fixture(scope="module")
def result():
    return sq.compute()


def test_hessian_eigenvalues_are_1_and_3(result):
    assert (result["h_xx"], result["h_xy"], result["h_yy"]) == (2.0, 1.0, 2.0)
    assert result["lam_min"] == pytest.approx(1.0, abs=1e-12)
    assert result["lam_max"] == pytest.approx(3.0, abs=1e-12)
    assert result["bound"] == pytest.approx(2 / 3, abs=1e-12)
    assert (result["grad_x0"], result["grad_y0"]) == (-4.0, -8.0)


def test_the_sweep_confirms_the_bound(result):
    assert result["stable_max_lr"] < result["bound"] < result["unstable_min_lr"]
    assert result["all_below_shrink"] and result["all_above_grow"]
    lrs, dist = np.asarray(result["sweep_lrs"]), np.asarray(result["sweep_dist"])
    assert np.all(np.isfinite(dist)) and not any(result["sweep_diverged"])
    assert np.all(dist[lrs < 2 / 3] < result["d0"]) and np.all(dist[lrs > 2 / 3] > result["d0"])


def test_the_sweep_is_one_vectorised_run_equal_to_single_runs(result):
    for i in (0, 32, 33, 44):                                # 0.02, 0.66, 0.68, 0.9
        h = run(SGD(lr=float(sq.SWEEP_LRS[i])), PROBLEMS["quadratic"], sq.SWEEP_STEPS, escape=1e15)
        d = np.linalg.norm(h.trajectory[-1, 0] - np.asarray(PROBLEMS["quadratic"].minima[0]))
        assert d == pytest.approx(result["sweep_dist"][i], rel=1e-12)


EXPECTED = {   # the notes' settings, written out here rather than read from the study; a fresh optimizer each call
    "SGD": lambda: SGD(lr=0.5), "Momentum": lambda: Momentum(lr=0.5, momentum=0.5),
    "NAG": lambda: NAG(lr=0.2, momentum=0.8), "AdaGrad": lambda: AdaGrad(lr=10, eps=1e-7),
    "RMSProp": lambda: RMSProp(lr=0.9, alpha=0.75, eps=1e-7), "Adam": lambda: Adam(lr=0.9),
}


def _package_iterates(name):
    h = run(EXPECTED[name](), PROBLEMS["quadratic"], sq.SHOWN, escape=1e6)
    return h.trajectory[1:, 0, :]


def test_sgd_and_momentum_by_hand(result):
    assert [result[f"sgd.{t}"] for t in (1, 2, 3, 4)] == ["(2, 4)", "(0, 3)", "(0.5, 4)", "(0, 3.75)"]
    assert [result[f"momentum.{t}"] for t in (1, 2, 3, 4)] == ["(2, 4)", "(1, 5)", "(-1, 4)", "(-1, 4)"]


def test_torch_form_momentum_and_nag_equal_the_notebook_form(result):
    assert result["momentum_forms_equal"]
    assert result["momentum_forms_maxdiff"] < 1e-12


def _table_rows(page_md: str, heading_id: str) -> list[list[str]]:
    section = page_md.split("{ #" + heading_id + " }", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [[c.strip() for c in r.strip("|").split("|")] for r in rows[2:]]


@pytest.mark.parametrize("lang", PAGES)
def test_the_page_table_quotes_each_optimizers_first_iterates(lang):
    rows = _table_rows(PAGES[lang].read_text(encoding="utf-8"), "iterates")
    assert [r[0] for r in rows] == list(EXPECTED)
    for name, *cells in rows:
        assert cells[1:] == [f"{{{{ value:study.quadratic-by-hand.{name.lower()}.{t} }}}}"
                             for t in range(1, sq.SHOWN + 1)]


def _points(text: str) -> list[tuple[float, float]]:
    return [(float(a), float(b)) for a, b in re.findall(r"\((-?[\d.]+), (-?[\d.]+)\)", text)]


#: printed by the original notebook (seeds/002): (optimizer, step) → its params (x, y); and NAG's, Adam's v
QUOTED = {
    ("sgd", 8): "3.9844",
    ("nag", 4): "(-0.2592623999999998, 4.485220800000002)",
    ("adagrad", 2): "(0.1163, 0.6021)",
    ("rmsprop", 2): "(1.1255, 2.4324)",
    ("adam", 2): "(1.68, 1.7728)",
    ("adam", 3): "(2.1122, 2.5807)",
}


@pytest.mark.parametrize("lang", PAGES)
def test_quoted_notebook_numbers_are_on_the_page(lang):
    text = PAGES[lang].read_text(encoding="utf-8")
    for quoted in QUOTED.values():
        assert f"`{quoted}`" in text
    assert "`(-0.0625, 0.0625)`" in text and "`(0.0177, 0.092)`" in text


def test_the_notebooks_rounding_reproduces_its_printout(result):
    for (name, t), quoted in QUOTED.items():
        got = result[f"{name}.notebook_rounded"][t - 1]
        if name == "sgd":
            assert repr(got[1]) == quoted
        else:
            assert f"({got[0]!r}, {got[1]!r})" == quoted
    # and without rounding, the notebook's rules agree with the package where the page says they do
    for name in ("sgd", "momentum", "nag", "adagrad", "rmsprop"):
        assert result[f"{name}.notebook_form_maxdiff"] < 1e-12
    assert result["adam_eps_maxdiff"] < 1e-4


@pytest.mark.parametrize("lang", PAGES)
def test_built_page_is_filled_and_its_table_equals_the_package(lang):
    from tests.site_build import built_site
    from tests.test_placeholders import leftovers

    site, _ = built_site()
    path = site / ("" if lang == "ko" else "en") / "problems" / "quadratic-by-hand" / "index.html"
    page = path.read_text(encoding="utf-8")
    assert not leftovers(page)
    assert "study-quadratic-by-hand-" + lang in page
    section = page.split('id="iterates"', 1)[1]
    table = section[section.index("<table"):section.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    assert len(rows) == len(EXPECTED)
    for name, row in zip(EXPECTED, rows):
        cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        assert cells[0] == name
        shown = np.array([_points(c)[0] for c in cells[2:]])
        np.testing.assert_allclose(shown, _package_iterates(name), atol=5e-7, rtol=0)
