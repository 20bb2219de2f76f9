"""The animation and explorer data (scripts/interactive.py): the numbers the browser shows
are the package's runs, decoded exactly as explorer.js decodes them."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest

from optimizers import PLANAR, PROBLEMS  # the explorer and animations run every optimizer that can step a 2-D point
from scripts import experiments, interactive

#: the problems the issue names; the others go through the same code
NAMED = ("bowl", "saddle", "beale", "rosenbrock")


@pytest.fixture(scope="module")
def published() -> dict[str, bytes]:
    return interactive.files()


def data(published, problem: str) -> dict:
    return interactive.from_script(published[interactive.data_name(problem)])


def _tolerance(problem: str) -> np.ndarray:
    b = np.asarray(PROBLEMS[problem].bounds, dtype=float)
    return (b[:, 1] - b[:, 0]) / interactive.QUANT * 0.5 + 1e-12


def _expected_path(problem: str, trajectory: np.ndarray, diverged_at: int, steps: np.ndarray) -> np.ndarray:
    kept = steps if diverged_at < 0 else np.append(steps[steps < diverged_at], diverged_at)
    return np.clip(trajectory[kept], *interactive._region(problem))


def test_every_problem_is_published(published):
    for problem in PROBLEMS:
        d = data(published, problem)
        assert d["problem"] == problem and d["schema"] == interactive.SCHEMA
        assert [o["name"] for o in d["optimizers"]] == list(PLANAR)
        for style in ("light", "dark"):
            assert interactive.image_name(problem, style) in published


@pytest.mark.parametrize("problem", NAMED)
def test_sweep_numbers_are_the_package_runs(published, problem):
    """Every lr of every optimizer: path, log gap, score, divergence and the tuned index."""
    d = data(published, problem)
    runs = experiments.problem_runs(problem)
    samples = np.asarray(d["samples"])
    np.testing.assert_allclose(d["lrs"], experiments.SWEEP.lrs, rtol=5e-4)
    tol = _tolerance(problem)
    for o in d["optimizers"]:
        r = runs[o["name"]]
        shown = r.on_grid(experiments.SWEEP.lrs)          # the shared grid, where this optimizer's grew
        if r.tuned_index in shown:
            assert shown[o["tuned_index"]] == r.tuned_index
        assert o["default_lr"] == pytest.approx(r.default_lr, rel=5e-4)
        for j, s in enumerate(o["sweep"]):
            k = int(shown[j])
            d_at = int(r.sweep.diverged_at[k])
            assert s["diverged_at"] == d_at
            if d_at >= 0:
                assert s["score"] is None and not np.isfinite(r.score[k])
            else:
                assert s["score"] == pytest.approx(r.score[k], rel=5e-4, abs=1e-300)
            got = interactive.decode_path(problem, s["xy"])
            want = _expected_path(problem, r.sweep.trajectory[:, k], d_at, samples)
            assert got.shape == want.shape
            assert np.all(np.abs(got - want) <= tol), (o["name"], k)
            lg = interactive.decode_log_gap(s["lg"])
            kept = samples if d_at < 0 else np.append(samples[samples < d_at], d_at)
            want_lg = np.log10(np.maximum(r.sweep.gap[kept, k], interactive.GAP_FLOOR))
            np.testing.assert_allclose(lg, want_lg, atol=0.5 / interactive.LOG_SCALE + 1e-9)


@pytest.mark.parametrize("problem", NAMED)
def test_animation_is_the_tuned_and_default_runs(published, problem):
    d = data(published, problem)
    runs = experiments.problem_runs(problem)
    frames = np.asarray(d["frames"])
    tol = _tolerance(problem)
    for o in d["optimizers"]:
        r = runs[o["name"]]
        for which, h in (("tuned", r.tuned()), ("default", r.default)):
            run = o["anim"][which]
            d_at = int(h.diverged_at[0])
            assert run["diverged_at"] == d_at
            got = interactive.decode_path(problem, run["xy"])
            want = _expected_path(problem, h.trajectory[:, 0], d_at, frames)
            assert np.all(np.abs(got - want) <= tol), (o["name"], which)


def test_a_few_points_by_hand(published):
    """Spot checks straight from the package, without the helpers above."""
    runs = experiments.problem_runs("beale")
    d = data(published, "beale")
    adam = d["optimizers"][list(PLANAR).index("Adam")]
    k = adam["tuned_index"]
    xy = interactive.decode_path("beale", adam["sweep"][k]["xy"])
    assert xy[0] == pytest.approx(PROBLEMS["beale"].start, abs=1e-3)
    last = runs["Adam"].sweep.trajectory[-1, k]
    assert xy[-1] == pytest.approx(last, abs=1e-3)
    final = experiments.summaries("beale")["tuned"]["Adam"]
    assert runs["Adam"].tuned_lr == pytest.approx(d["lrs"][k], rel=5e-4)
    assert final.lr == pytest.approx(d["lrs"][k], rel=5e-4)


def test_frames_and_samples():
    for steps in (0, 5, 100, 200, 1000, 12345):
        for limit, dense in ((interactive.MAX_FRAMES, interactive.DENSE_FRAMES),
                             (interactive.MAX_SAMPLES, interactive.DENSE_SAMPLES)):
            s = interactive.pick_steps(steps, limit, dense)
            assert s[0] == 0 and s[-1] == steps and len(s) <= limit
            assert np.all(np.diff(s) > 0)
            if steps + 1 <= limit:
                assert len(s) == steps + 1


#: the explorer's data per optimizer it shows (41 learning rates × MAX_SAMPLES points, and the tuned run's frames),
#: uncompressed; served compressed it is about a fifth of this
DATA_PER_OPTIMIZER = 20_000


def test_page_weight(published):
    """The data of a page: its JSON plus the heavier of its two contour images (the script loads one)."""
    budget = DATA_PER_OPTIMIZER * len(PLANAR)
    for problem in PROBLEMS:
        size = len(published[interactive.data_name(problem)])
        image = max(len(published[interactive.image_name(problem, s)]) for s in ("light", "dark"))
        assert size <= budget, (problem, size, budget)
        assert size + image <= budget + 40_000, (problem, size, image)


def test_contour_image_is_the_bounds_edge_to_edge(published):
    """explorer.js maps the bounds onto the whole image: it must have exactly the planned size."""
    from PIL import Image
    for problem in PROBLEMS:
        for style in ("light", "dark"):
            img = Image.open(io.BytesIO(published[interactive.image_name(problem, style)]))
            assert img.size == interactive.IMAGE_SIZE


def test_json_is_strict_and_deterministic(published):
    for problem in NAMED:
        raw = published[interactive.data_name(problem)]
        assert b"NaN" not in raw and b"Infinity" not in raw
        assert interactive.to_script(problem, interactive.problem_data(problem)) == raw


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_section_points_at_published_files(published, lang):
    html = interactive.problem_section("beale", lang, 2)
    for name in (interactive.data_name("beale"), interactive.image_name("beale", "light"),
                 interactive.image_name("beale", "dark")):
        assert f'"{name}"' in html and name in published
    assert html.count("<noscript>") == 2
    assert 'role="img"' in html and "<noscript><style>" in html
    word = interactive.TEXT[lang]["diverged"]
    assert "{step}" in word          # explorer.js puts the step there
    assert f'data-diverged="{word}"' in html
