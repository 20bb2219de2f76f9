"""The runner: history shapes, divergence as a result (never NaN, never a warning), sweeps, noise."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from cases import CASES
from optimizers import OPTIMIZERS, PLANAR, PROBLEMS, SGD, AdaGrad, History, Momentum, run

pytestmark = pytest.mark.filterwarnings("error")

#: the runner steps points (x, y) of 2-D problems: every optimizer but the matrix-only ones (Muon)
NAMES = list(PLANAR)


def assert_finite(history: History):
    assert np.isfinite(history.trajectory).all(), "NaN or inf in the trajectory"
    assert np.isfinite(history.loss).all(), "NaN or inf in the loss"
    for name, values in history.state.items():
        assert np.isfinite(values).all(), f"NaN or inf in the recorded state {name!r}"


def test_history_shapes_single_run():
    problem = PROBLEMS["quadratic"]
    h = run(SGD(lr=0.1), problem, steps=25)
    assert h.trajectory.shape == (26, 1, 2) and h.loss.shape == (26, 1) and h.diverged_at.shape == (1,)
    np.testing.assert_array_equal(h.trajectory[0, 0], problem.start)
    np.testing.assert_allclose(h.loss, problem.f(h.trajectory), rtol=1e-15)
    assert h.f_min == problem.f_min and h.state == {}
    assert h.diverged_at[0] == -1 and not h.diverged.any()
    assert (h.gap >= 0).all() and h.gap.shape == h.loss.shape


def test_history_defaults_come_from_the_problem():
    problem = PROBLEMS["saddle"]
    h = run(SGD(lr=0.01), problem)
    assert h.trajectory.shape == (problem.steps + 1, 1, 2)
    np.testing.assert_array_equal(h.trajectory[0, 0], problem.start)
    assert run(SGD(), problem, steps=0).trajectory.shape == (1, 1, 2)


def test_history_shapes_batched():
    problem = PROBLEMS["rosenbrock"]
    lrs = np.array([1e-4, 1e-3, 2e-3])
    h = run(AdaGrad(lr=lrs), problem, steps=30, record_state=("sum",))
    assert h.trajectory.shape == (31, 3, 2) and h.loss.shape == (31, 3) and h.diverged_at.shape == (3,)
    assert h.state["sum"].shape == (30, 3, 2)
    np.testing.assert_array_equal(h.trajectory[0], np.broadcast_to(problem.start, (3, 2)))
    # the recorded state is the optimizer's, step by step: s_t − s_{t−1} = g_t²
    g = problem.grad(h.trajectory[:-1])
    np.testing.assert_allclose(np.diff(h.state["sum"], axis=0), g[1:] ** 2, rtol=1e-12)


def test_several_starts_with_scalar_hyperparameters():
    problem = PROBLEMS["himmelblau"]
    starts = np.array([[0.0, 0.0], [-1.0, 1.0], [1.0, -1.0], [-4.0, -4.0]])
    h = run(SGD(lr=0.01), problem, steps=300, start=starts)
    assert h.trajectory.shape == (301, 4, 2)
    np.testing.assert_array_equal(h.trajectory[0], starts)
    for k, start in enumerate(starts):
        single = run(SGD(lr=0.01), problem, steps=300, start=start)
        np.testing.assert_allclose(h.trajectory[:, k], single.trajectory[:, 0], rtol=1e-12, atol=1e-12)
    # every start ends at one of Himmelblau's four minima
    np.testing.assert_allclose(h.gap[-1], 0.0, atol=1e-10)


@pytest.mark.parametrize("bad", [dict(steps=-1), dict(start=(1.0, 2.0, 3.0)), dict(start=np.zeros((2, 2, 2)))])
def test_bad_arguments_raise(bad):
    with pytest.raises(ValueError):
        run(SGD(), PROBLEMS["quadratic"], **{"steps": 5, **bad})


def test_seed_notebook_sgd_and_steps_to():
    """SGD lr=0.5 on the seed notebook's quadratic: f − f* = 16·4^(−t), exactly (powers of 2)."""
    h = run(SGD(lr=0.5), PROBLEMS["quadratic"], steps=10)
    np.testing.assert_array_equal(h.trajectory[:3, 0], [[0, 0], [2, 4], [0, 3]])
    np.testing.assert_array_equal(h.gap[:, 0], 16.0 * 4.0 ** -np.arange(11))
    assert h.steps_to(100.0)[0] == 0
    assert h.steps_to(16.0)[0] == 0
    assert h.steps_to(4.0)[0] == 1
    assert h.steps_to(1.0)[0] == 2
    assert h.steps_to(1e-3)[0] == 7                 # 16/4⁷ = 9.8e−4
    assert h.steps_to(0.0)[0] == -1                 # never, within 10 steps


def test_diverging_run_is_flagged_not_raised():
    problem = PROBLEMS["rosenbrock"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        h = run(SGD(lr=10.0), problem, steps=50)
    assert_finite(h)
    d = h.diverged_at[0]
    assert d >= 1 and h.diverged[0]
    # frozen where it was last seen: every later row repeats row d
    np.testing.assert_array_equal(h.trajectory[d:, 0], np.broadcast_to(h.trajectory[d, 0], (51 - d, 2)))
    np.testing.assert_array_equal(h.loss[d:, 0], h.loss[d, 0])
    assert h.steps_to(1e-3)[0] == -1


@pytest.mark.parametrize("lr", [1e3, 1e150, 1e300], ids=["1e3", "1e150", "1e300"])
@pytest.mark.parametrize("name", NAMES)
def test_no_nan_reaches_the_history(name, lr):
    """Absurd learning rates on every problem: overflow to inf or NaN inside the step must be caught."""
    opt_cls = OPTIMIZERS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for problem in PROBLEMS.values():
            h = run(opt_cls(**{**CASES[name][-1], "lr": np.array([1e-3, lr])}), problem, steps=40,
                    record_state=opt_cls.state_names)
            assert_finite(h)
            assert h.diverged_at[0] == -1, problem.name            # while lr=1e-3 is fine


@pytest.mark.parametrize("lr", [
    pytest.param(np.array([1e-3, 1e-2]), id="batched"),
    pytest.param(1e-3, id="single"),
])
@pytest.mark.parametrize("name", [n for n in OPTIMIZERS if n not in PLANAR])
def test_matrix_only_rules_refuse_a_2d_point(name, lr):
    """A point (x, y) is not a matrix: the run stops at the first step with the rule's own message."""
    with pytest.raises(ValueError, match="only supports 2D parameters.*'param'"):
        run(OPTIMIZERS[name](lr=lr), PROBLEMS["quadratic"], steps=3)


def test_divergence_outside_the_region_but_finite():
    """A run that leaves the plot (bounds enlarged `escape` times) diverges even while finite."""
    problem = PROBLEMS["quadratic"]
    h = run(SGD(lr=np.array([0.5, 1.1])), problem, steps=100, escape=3.0)
    assert h.diverged_at[0] == -1 and h.diverged_at[1] > 0
    (xlo, xhi), (ylo, yhi) = problem.bounds
    centre = np.array([(xlo + xhi) / 2, (ylo + yhi) / 2])
    reach = 3.0 * np.array([(xhi - xlo) / 2, (yhi - ylo) / 2])
    d = h.diverged_at[1]
    assert np.all(np.abs(h.trajectory[:d, 1] - centre) <= reach)
    assert np.any(np.abs(h.trajectory[d, 1] - centre) > reach)   # the first point outside, kept


@pytest.mark.parametrize("name", NAMES)
def test_batched_lr_sweep_equals_single_runs(name):
    problem = PROBLEMS["rosenbrock"]
    lrs = [1e-4, 1e-3, 1e-2, 0.1, 10.0]              # the big ones diverge for some rules
    kwargs = CASES[name][-1]
    h = run(OPTIMIZERS[name](**{**kwargs, "lr": np.array(lrs)}), problem, steps=150)
    assert_finite(h)
    for k, lr in enumerate(lrs):
        single = run(OPTIMIZERS[name](**{**kwargs, "lr": lr}), problem, steps=150)
        assert h.diverged_at[k] == single.diverged_at[0], f"lr={lr}"
        np.testing.assert_allclose(h.trajectory[:, k], single.trajectory[:, 0], rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(h.loss[:, k], single.loss[:, 0], rtol=1e-12, atol=1e-14)
        assert h.steps_to(1e-2)[k] == single.steps_to(1e-2)[0]


def test_steps_to_ignores_hits_after_divergence():
    # run 0 converges; run 1 gets within 1.0 at step 1, diverges at step 2, then (in this made-up
    # history) its loss drops again: hits after divergence do not count
    loss = np.array([[5, 5], [3, 0.5], [2, 9], [0.5, 0.1], [0.1, 0.0], [0, 0]], dtype=float)
    h = History(trajectory=np.zeros((6, 2, 2)), loss=loss, diverged_at=np.array([-1, 2]), f_min=0.0)
    np.testing.assert_array_equal(h.diverged, [False, True])
    np.testing.assert_array_equal(h.steps_to(1.0), [3, 1])        # before diverging: counts
    np.testing.assert_array_equal(h.steps_to(0.2), [4, -1])       # only after: never
    np.testing.assert_array_equal(h.steps_to(-1.0), [-1, -1])
    np.testing.assert_array_equal(History(np.zeros((2, 1, 2)), np.array([[1.0], [-1e-16]]), np.array([-1]),
                                          0.0).gap, [[1.0], [0.0]])    # clipped at 0


def test_noise_is_reproducible():
    problem = PROBLEMS["bowl"]
    a = run(Momentum(lr=0.05, momentum=0.9), problem, steps=60, noise=0.5, seed=7)
    b = run(Momentum(lr=0.05, momentum=0.9), problem, steps=60, noise=0.5, seed=7)
    c = run(Momentum(lr=0.05, momentum=0.9), problem, steps=60, noise=0.5, seed=8)
    clean = run(Momentum(lr=0.05, momentum=0.9), problem, steps=60)
    np.testing.assert_array_equal(a.trajectory, b.trajectory)
    np.testing.assert_array_equal(a.loss, b.loss)
    assert not np.array_equal(a.trajectory, c.trajectory)
    assert not np.array_equal(a.trajectory, clean.trajectory)
    # no noise: the seed does not matter
    np.testing.assert_array_equal(clean.trajectory,
                                  run(Momentum(lr=0.05, momentum=0.9), problem, steps=60, seed=99).trajectory)


def test_noise_is_independent_per_run():
    """K identical runs in one batch get different noise: a sweep over seeds in one call."""
    h = run(SGD(lr=np.full(3, 0.05)), PROBLEMS["bowl"], steps=20, noise=1.0, seed=0)
    assert not np.array_equal(h.trajectory[:, 0], h.trajectory[:, 1])
    assert not np.array_equal(h.trajectory[:, 1], h.trajectory[:, 2])


def test_one_seed_per_run_makes_run_k_equal_a_single_run():
    from optimizers import PROBLEMS, SGD, run
    problem = PROBLEMS["bowl"]
    batch = run(SGD(lr=0.05), problem, 30, start=np.tile(problem.start, (3, 1)), noise=0.5, seed=[4, 5, 6])
    for k, s in enumerate([4, 5, 6]):
        single = run(SGD(lr=0.05), problem, 30, noise=0.5, seed=s)
        np.testing.assert_array_equal(batch.trajectory[:, k], single.trajectory[:, 0])


def test_seed_count_must_match_the_runs():
    from optimizers import PROBLEMS, SGD, run
    with pytest.raises(ValueError, match="seed must be"):
        run(SGD(lr=np.array([0.1, 0.2])), PROBLEMS["bowl"], 5, noise=1.0, seed=[1, 2, 3])
