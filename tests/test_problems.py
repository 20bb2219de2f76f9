"""The benchmark problems: gradients against central differences, minima, bounds, shapes."""

from __future__ import annotations

import numpy as np
import pytest

from optimizers import PROBLEMS

pytestmark = pytest.mark.filterwarnings("error")

NAMES = list(PROBLEMS)


def points(problem, rng, shape):
    """Uniform points over the problem's plot bounds, shape (*shape, 2)."""
    (xlo, xhi), (ylo, yhi) = problem.bounds
    return np.stack([rng.uniform(xlo, xhi, shape), rng.uniform(ylo, yhi, shape)], axis=-1)


def central_differences(f, xy):
    """∂f/∂x and ∂f/∂y by central differences, step ∝ ε^(1/3) (the optimum for this formula)."""
    h = np.cbrt(np.finfo(np.float64).eps) * np.maximum(1.0, np.abs(xy))
    out = np.empty_like(xy)
    for i in range(2):
        e = np.zeros_like(xy)
        e[..., i] = h[..., i]
        out[..., i] = (f(xy + e) - f(xy - e)) / (2 * h[..., i])
    return out


def test_registry_names():
    assert NAMES, "no problems registered"
    for name, problem in PROBLEMS.items():
        assert problem.name == name
        assert problem.title and problem.formula


@pytest.mark.parametrize("shape", [(200,), (9, 11)], ids=["N,2", "H,W,2"])
@pytest.mark.parametrize("name", NAMES)
def test_gradient_matches_central_differences(name, shape, rng):
    problem = PROBLEMS[name]
    xy = points(problem, rng, shape)
    g = problem.grad(xy)
    assert g.shape == xy.shape
    fd = central_differences(problem.f, xy)
    # ε^(2/3) ≈ 4e-11 relative to the size of f and its third derivative: 1e-6 leaves a wide margin,
    # while a wrong term in a gradient is off by O(1).
    scale = 1.0 + np.abs(problem.f(xy))[..., None]
    np.testing.assert_allclose(g, fd, rtol=1e-6, atol=1e-6 * scale.max())
    assert np.all(np.abs(g - fd) <= 1e-6 * (np.abs(fd) + scale))


@pytest.mark.parametrize("name", NAMES)
def test_gradient_at_special_points(name):
    """The start, the minima and the origin, where a sign slip would hide in a random sample."""
    problem = PROBLEMS[name]
    xy = np.array([problem.start, *problem.minima, (0.0, 0.0), (1.0, -1.0)], dtype=np.float64)
    scale = 1.0 + np.abs(problem.f(xy))[..., None]
    np.testing.assert_allclose(problem.grad(xy), central_differences(problem.f, xy), rtol=1e-6,
                               atol=1e-6 * scale.max())


@pytest.mark.parametrize("name", NAMES)
def test_minima(name):
    problem = PROBLEMS[name]
    minima = np.array(problem.minima, dtype=np.float64)
    assert minima.ndim == 2 and minima.shape[1] == 2 and len(minima) >= 1
    np.testing.assert_allclose(problem.f(minima), problem.f_min, rtol=0, atol=1e-12)
    np.testing.assert_allclose(problem.grad(minima), 0.0, rtol=0, atol=1e-9)
    np.testing.assert_allclose(problem.gap(minima), 0.0, rtol=0, atol=1e-12)
    (xlo, xhi), (ylo, yhi) = problem.bounds
    assert np.all((xlo <= minima[:, 0]) & (minima[:, 0] <= xhi) & (ylo <= minima[:, 1]) & (minima[:, 1] <= yhi))
    np.testing.assert_array_equal(problem.nearest_minimum(minima), np.arange(len(minima)))


@pytest.mark.parametrize("name", NAMES)
def test_f_min_is_the_minimum_over_the_plot(name):
    """f ≥ f* on a fine grid over the bounds (so log(f − f*) contours are defined), with equality
    near a listed minimum only."""
    problem = PROBLEMS[name]
    (xlo, xhi), (ylo, yhi) = problem.bounds
    xy = np.stack(np.meshgrid(np.linspace(xlo, xhi, 401), np.linspace(ylo, yhi, 401)), axis=-1)
    f = problem.f(xy)
    assert f.min() >= problem.f_min - 1e-12
    lowest = xy.reshape(-1, 2)[np.argmin(f)]
    nearest = np.array(problem.minima)[problem.nearest_minimum(lowest)]
    cell = max((xhi - xlo), (yhi - ylo)) / 400
    assert np.linalg.norm(lowest - nearest) <= 2 * cell


@pytest.mark.parametrize("name", NAMES)
def test_settings(name):
    problem = PROBLEMS[name]
    (xlo, xhi), (ylo, yhi) = problem.bounds
    assert xlo < xhi and ylo < yhi
    x, y = problem.start
    assert xlo <= x <= xhi and ylo <= y <= yhi, "the start must be inside the plot"
    assert isinstance(problem.steps, int) and problem.steps > 0
    assert np.isfinite(problem.f(np.array(problem.start))) and problem.f(np.array(problem.start)) > problem.f_min


@pytest.mark.parametrize("shape", [(), (1,), (5,), (4, 3), (2, 3, 4)])
@pytest.mark.parametrize("name", NAMES)
def test_shapes_over_leading_axes(name, shape, rng):
    problem = PROBLEMS[name]
    xy = points(problem, rng, shape)
    f, g = problem.f(xy), problem.grad(xy)
    assert np.shape(f) == shape and g.shape == shape + (2,)
    # the same numbers as point by point (to an ulp: NumPy's SIMD loops may round differently)
    flat = xy.reshape(-1, 2)
    np.testing.assert_allclose(np.reshape(f, -1), [problem.f(p) for p in flat], rtol=1e-14, atol=1e-14)
    np.testing.assert_allclose(g.reshape(-1, 2), [problem.grad(p) for p in flat], rtol=1e-14, atol=1e-13)
    # the convenience methods take lists and tuples too
    assert problem(xy.tolist()) == pytest.approx(f)
    assert problem.gradient(xy.tolist()) == pytest.approx(g)
    assert np.shape(problem.nearest_minimum(xy)) == shape


@pytest.mark.parametrize("name", NAMES)
def test_float32_stays_float32(name, rng):
    problem = PROBLEMS[name]
    xy = points(problem, rng, (6,)).astype(np.float32)
    assert problem.f(xy).dtype == np.float32
    assert problem.grad(xy).dtype == np.float32
