"""Two-dimensional test functions, vectorised over any leading axes.

Every function takes ``xy`` of shape (..., 2) and returns f of shape (...); every
gradient returns shape (..., 2). So a batch of K runs, shape (K, 2), is evaluated
in one call, and so is a whole contour grid, shape (H, W, 2).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

__all__ = ["Problem2D", "FUNCTIONS"]


@dataclass(frozen=True)
class Problem2D:
    """A 2-D benchmark: the function, its gradient, and the settings to run it with."""

    name: str
    title: str                 # short English label used in figures
    formula: str               # LaTeX
    f: callable = field(repr=False)
    grad: callable = field(repr=False)
    minima: tuple              # ((x, y), ...) every global (or listed) minimum
    f_min: float
    bounds: tuple              # ((x_lo, x_hi), (y_lo, y_hi)) of the plots
    start: tuple               # default start point
    steps: int                 # default budget
    log_contours: bool = True  # draw contours of log(f - f_min)

    def __call__(self, xy):
        return self.f(np.asarray(xy))

    def gradient(self, xy):
        return self.grad(np.asarray(xy))

    def gap(self, xy):
        """f(xy) − f*, the optimality gap."""
        return self.f(np.asarray(xy)) - self.f_min

    def nearest_minimum(self, xy):
        """Index of the listed minimum closest to each point (for Himmelblau's four)."""
        m = np.asarray(self.minima)
        d = np.linalg.norm(np.asarray(xy)[..., None, :] - m, axis=-1)
        return np.argmin(d, axis=-1)


def _xy(p):
    return p[..., 0], p[..., 1]


# --8<-- [start:quadratic]
def quadratic(p):
    x, y = _xy(p)
    return x * x + y * y + x * y - 4 * x - 8 * y


def quadratic_grad(p):
    x, y = _xy(p)
    return np.stack([2 * x + y - 4, 2 * y + x - 8], axis=-1)
# --8<-- [end:quadratic]


# --8<-- [start:bowl]
def bowl(p):
    x, y = _xy(p)
    return x * x / 20 + y * y


def bowl_grad(p):
    x, y = _xy(p)
    return np.stack([x / 10, 2 * y], axis=-1)
# --8<-- [end:bowl]


# --8<-- [start:rosenbrock]
def rosenbrock(p):
    x, y = _xy(p)
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


def rosenbrock_grad(p):
    x, y = _xy(p)
    return np.stack([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)], axis=-1)
# --8<-- [end:rosenbrock]


# --8<-- [start:beale]
def beale(p):
    x, y = _xy(p)
    return ((1.5 - x + x * y) ** 2 + (2.25 - x + x * y ** 2) ** 2
            + (2.625 - x + x * y ** 3) ** 2)


def beale_grad(p):
    x, y = _xy(p)
    a = 1.5 - x + x * y
    b = 2.25 - x + x * y ** 2
    c = 2.625 - x + x * y ** 3
    dx = 2 * a * (y - 1) + 2 * b * (y ** 2 - 1) + 2 * c * (y ** 3 - 1)
    dy = 2 * a * x + 2 * b * 2 * x * y + 2 * c * 3 * x * y ** 2
    return np.stack([dx, dy], axis=-1)
# --8<-- [end:beale]


# --8<-- [start:saddle]
def saddle(p):
    x, y = _xy(p)
    return x * x + y ** 4 / 4 - y * y / 2


def saddle_grad(p):
    x, y = _xy(p)
    return np.stack([2 * x, y ** 3 - y], axis=-1)
# --8<-- [end:saddle]


# --8<-- [start:himmelblau]
def himmelblau(p):
    x, y = _xy(p)
    return (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2


def himmelblau_grad(p):
    x, y = _xy(p)
    a = x * x + y - 11
    b = x + y * y - 7
    return np.stack([4 * x * a + 2 * b, 2 * a + 4 * y * b], axis=-1)
# --8<-- [end:himmelblau]


# --8<-- [start:rastrigin]
def rastrigin(p):
    x, y = _xy(p)
    return 20 + x * x - 10 * np.cos(2 * np.pi * x) + y * y - 10 * np.cos(2 * np.pi * y)


def rastrigin_grad(p):
    x, y = _xy(p)
    return np.stack([2 * x + 20 * np.pi * np.sin(2 * np.pi * x),
                     2 * y + 20 * np.pi * np.sin(2 * np.pi * y)], axis=-1)
# --8<-- [end:rastrigin]


FUNCTIONS = {
    "quadratic": Problem2D(
        "quadratic", "Quadratic (seed notebook)", r"x^2 + y^2 + xy - 4x - 8y",
        quadratic, quadratic_grad, minima=((0.0, 4.0),), f_min=-16.0,
        bounds=((-3.0, 4.0), (-1.0, 7.0)), start=(0.0, 0.0), steps=100),
    "bowl": Problem2D(
        "bowl", "Skewed bowl (DLfS)", r"\tfrac{1}{20}x^2 + y^2",
        bowl, bowl_grad, minima=((0.0, 0.0),), f_min=0.0,
        bounds=((-10.0, 10.0), (-5.0, 5.0)), start=(-7.0, 2.0), steps=100),
    "rosenbrock": Problem2D(
        "rosenbrock", "Rosenbrock", r"(1 - x)^2 + 100\,(y - x^2)^2",
        rosenbrock, rosenbrock_grad, minima=((1.0, 1.0),), f_min=0.0,
        bounds=((-2.0, 2.0), (-1.0, 3.0)), start=(-1.2, 1.0), steps=1000),
    "beale": Problem2D(
        "beale", "Beale",
        r"(1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2",
        beale, beale_grad, minima=((3.0, 0.5),), f_min=0.0,
        bounds=((-4.5, 4.5), (-4.5, 4.5)), start=(1.0, 1.5), steps=1000),
    "saddle": Problem2D(
        "saddle", "Saddle", r"x^2 + \tfrac{1}{4}y^4 - \tfrac{1}{2}y^2",
        saddle, saddle_grad, minima=((0.0, 1.0), (0.0, -1.0)), f_min=-0.25,
        bounds=((-2.0, 2.0), (-2.0, 2.0)), start=(-1.5, 1e-3), steps=200),
    "himmelblau": Problem2D(
        "himmelblau", "Himmelblau", r"(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
        himmelblau, himmelblau_grad,
        minima=((3.0, 2.0), (-2.805118086952745, 3.131312518250573),
                (-3.779310253377747, -3.283185991286170), (3.584428340330492, -1.848126526964404)),
        f_min=0.0, bounds=((-5.0, 5.0), (-5.0, 5.0)), start=(0.0, 0.0), steps=300),
    "rastrigin": Problem2D(
        "rastrigin", "Rastrigin", r"20 + \sum_{i\in\{x,y\}} \big(i^2 - 10\cos 2\pi i\big)",
        rastrigin, rastrigin_grad, minima=((0.0, 0.0),), f_min=0.0,
        bounds=((-5.12, 5.12), (-5.12, 5.12)), start=(-3.2, 2.9), steps=300, log_contours=False),
}
