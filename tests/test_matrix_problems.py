"""The matrix least-squares problem (optimizers/problems/matrix.py): gradient by central finite differences,
the condition number it promises, batching over K runs, and the runner `descend`."""

from __future__ import annotations

import numpy as np
import pytest

from optimizers import AdamW, Muon, SGD
from optimizers.problems import MATRIX_PROBLEMS
from optimizers.problems.matrix import descend, least_squares, stack


@pytest.mark.parametrize("kappa", [1.0, 10.0, 1000.0])
@pytest.mark.parametrize("shape", [(5, 3), (3, 5), (4, 4)])
def test_gradient_by_finite_differences(kappa, shape):
    p = least_squares(kappa, seed=3, shape=shape)
    W = np.random.default_rng(0).standard_normal(shape)
    g = p.grad(W)
    h = 1e-6
    fd = np.zeros(shape)
    for i in np.ndindex(shape):
        E = np.zeros(shape)
        E[i] = h
        fd[i] = (p.loss(W + E) - p.loss(W - E)) / (2 * h)
    np.testing.assert_allclose(g, fd, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("kappa", [1.0, 10.0, 100.0, 1000.0])
def test_condition_number_is_the_one_asked_for(kappa):
    p = least_squares(kappa, seed=1)
    np.testing.assert_allclose(p.condition_number(), kappa, rtol=1e-9)
    lam = np.linalg.eigvalsh(p.Sigma)
    np.testing.assert_allclose(lam.max(), 1.0, rtol=1e-12)
    np.testing.assert_allclose(p.Sigma, p.Sigma.T)
    # the basis is rotated: Σ is not diagonal unless κ = 1
    off = np.abs(p.Sigma - np.diag(np.diag(p.Sigma))).max()
    assert (off < 1e-12) == (kappa == 1.0)


def test_minimum_and_seeds():
    p = least_squares(100.0, seed=2)
    assert p.loss(p.W_star) == 0.0 and np.all(p.grad(p.W_star) == 0)
    assert p.loss(p.start) > 0
    q = least_squares(100.0, seed=2)
    np.testing.assert_array_equal(p.Sigma, q.Sigma)
    assert not np.allclose(least_squares(100.0, seed=5).W_star, p.W_star)
    with pytest.raises(ValueError):
        least_squares(0.5)
    assert MATRIX_PROBLEMS["least_squares"] is least_squares


def test_batched_equals_one_by_one():
    problems = [least_squares(k, seed=s) for k, s in [(1, 0), (10, 1), (1000, 2)]]
    P = stack(problems)
    W = np.random.default_rng(1).standard_normal(P.start.shape)
    for k, p in enumerate(problems):
        np.testing.assert_allclose(P.loss(W)[k], p.loss(W[k]), rtol=1e-12)
        np.testing.assert_allclose(P.grad(W)[k], p.grad(W[k]), rtol=1e-12)
    R = problems[1].repeat(4)
    assert R.Sigma.shape == (4, 16, 16) and R.W_star.shape == (4, 16, 8)
    np.testing.assert_array_equal(P.repeat(2).kappa, [1, 1, 10, 10, 1000, 1000])


def test_descend_sweeps_and_marks_divergence():
    p = least_squares(10.0, seed=0).repeat(3)
    lrs = np.array([0.1, 1.0, 10.0])                  # 2/λ_max = 2: the last diverges
    h = descend(SGD(lr=lrs), p, 50)
    assert h.loss.shape == (51, 3)
    assert h.loss[-1, 0] < h.loss[0, 0] and h.loss[-1, 1] < h.loss[-1, 0]
    assert h.diverged.tolist() == [False, False, True] and np.isinf(h.loss[-1, 2])
    for opt in (Muon(lr=np.full(3, 0.05)), AdamW(lr=np.full(3, 0.05))):
        h = descend(opt, least_squares(10.0, seed=0).repeat(3), 30)
        assert np.all(h.loss[-1] < h.loss[0])
