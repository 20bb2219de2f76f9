"""The update rules: known answers, torch.optim, batching, dtype, validation, in-place.

Every parametrized test loops over the one table in ``cases.py``, so an optimizer is
tested the moment it is registered in ``optimizers.OPTIMIZERS``.
"""

from __future__ import annotations

import copy
import inspect
import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

from cases import ALL_CASES, CASES, TORCH, case_id, defaults, full_kwargs, torch_spec
from helpers import assert_same_tree, assert_update_refused, quadratic_grad, read_only
from optimizers import OPTIMIZERS, PLANAR, PROBLEMS, Optimizer

pytestmark = pytest.mark.filterwarnings("error")

GOLDEN_PATH = Path(__file__).parent / "fixtures" / "torch_golden.json"
REGENERATE = "regenerate it: .venv/bin/python tests/fixtures/make_torch_golden.py"

CASE_PARAMS = [pytest.param(name, kwargs, id=cid) for cid, name, kwargs in ALL_CASES]
#: every case of every optimizer, matrix-only ones too (ALL_CASES, which the golden file and the torch runs
#: use, leaves those out: tests/test_muon.py runs Muon's against torch on matrices)
EVERY_CASE_PARAMS = [pytest.param(name, kwargs, id=case_id(name, i))
                     for name in OPTIMIZERS for i, kwargs in enumerate(CASES[name])]
GOLDEN_PARAMS = [pytest.param(cid, name, kwargs, id=cid) for cid, name, kwargs in ALL_CASES]
NAMES = list(OPTIMIZERS)


def shared_keys(name):
    """The hyperparameters an optimizer holds as one value for all K runs: whatever it keeps as other than a
    float (or a tuple of them): flags (Adam's amsgrad), choices (Muon's adjust_lr_fn, a name or None) and
    counts (Muon's ns_steps). The rest may each be a length-K array."""
    return {k for k, v in OPTIMIZERS[name]().hyperparameters.items()
            if not (type(v) is float or isinstance(v, tuple))}


def batched_kwargs(name, cases):
    """One optimizer holding K = len(cases) runs: every hyperparameter a length-K array, except the shared
    ones (:func:`shared_keys`), which take the first case's value for all K runs."""
    full = [full_kwargs(name, kw) for kw in cases]
    shared = shared_keys(name)
    out = {}
    for key in full[0]:
        if key in shared:
            out[key] = full[0][key]
        elif isinstance(full[0][key], tuple):
            # betas, Muon's Newton–Schulz (a, b, c), Adafactor's eps pair: ε₁ may be None (the dtype's ε) in all
            out[key] = tuple(None if all(c[key][i] is None for c in full) else np.array([c[key][i] for c in full])
                             for i in range(len(full[0][key])))
        else:
            out[key] = np.array([c[key] for c in full], dtype=np.float64)
    return out


def flag_settings(name, cases):
    """The distinct settings of the shared hyperparameters among ``cases``, in order: one batch per setting
    (Muon's cases vary nesterov, adjust_lr_fn and ns_steps, which K batched runs cannot)."""
    shared = sorted(shared_keys(name))
    out = []
    for kw in cases:
        setting = {k: full_kwargs(name, kw)[k] for k in shared}
        if setting not in out:
            out.append(setting)
    return out


#: the parameters the shared tests step: a matrix and a vector, or two matrices for a rule defined only on
#: matrices (Muon refuses a vector, as torch.optim.Muon does). K batched runs add a leading axis.
SHAPES = {"w": (3, 2), "b": (2,)}
MATRIX_SHAPES = {"w": (3, 2), "v": (2, 4)}


def shapes_for(name):
    return MATRIX_SHAPES if OPTIMIZERS[name].matrix_only else SHAPES


# ---------------------------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------------------------

def test_every_optimizer_has_a_case():
    missing = [name for name in OPTIMIZERS if not CASES.get(name)]
    assert not missing, f"add cases for {missing} to tests/cases.py"
    assert not set(CASES) - set(OPTIMIZERS), "tests/cases.py lists optimizers that are not registered"
    no_torch = [name for name in OPTIMIZERS if name not in TORCH]
    assert not no_torch, f"say in tests/cases.py TORCH which torch.optim class matches {no_torch} (or None)"


@pytest.mark.parametrize("name", NAMES)
def test_cases_cover_defaults_and_weight_decay(name):
    cases = CASES[name]
    assert cases[0] == {}, "the first case is the defaults"
    assert len(cases) >= 3
    for kw in cases:
        assert set(kw) <= set(defaults(name)), f"unknown hyperparameter in {kw}"
    if "weight_decay" in defaults(name):
        assert any(full_kwargs(name, kw)["weight_decay"] > 0 for kw in cases)
    # flags (Adam's amsgrad, decoupled_weight_decay) are one value for all K runs, so this table, batched
    # whole, cannot vary them: tests/test_adam_variants.py runs them against torch
    never_varied = {k for k, v in defaults(name).items()
                    if not isinstance(v, bool) and all(kw.get(k, v) == v for kw in cases)}
    assert not never_varied, f"{name}: give a case with a non-default {never_varied}"


@pytest.mark.parametrize("name, kwargs", EVERY_CASE_PARAMS)
def test_case_constructs_with_float_hyperparameters(name, kwargs):
    opt = OPTIMIZERS[name](**kwargs)
    assert isinstance(opt, Optimizer)
    assert opt.batch_size is None
    for key, value in opt.hyperparameters.items():
        if key in shared_keys(name) and not isinstance(defaults(name)[key], bool):
            # a choice or a count, kept as given: Muon's adjust_lr_fn (a name or None), ns_steps (an int)
            given = full_kwargs(name, kwargs)[key]
            assert value == given and type(value) is type(given), (key, value)
            continue
        # Python floats, never np.float64: under NumPy 2 a np.float64 promotes float32 arrays
        for v in value if isinstance(value, tuple) else (value,):
            if v is None and (name, key) == ("Adafactor", "eps"):
                continue                  # ε₁ = None: the machine ε of the parameter's dtype, as in torch
            assert type(v) is (bool if isinstance(defaults(name)[key], bool) else float), (key, type(v))
    assert opt.lr == full_kwargs(name, kwargs)["lr"]            # attribute access, as torch's param_groups
    assert name in repr(opt)


def test_defaults_match_torch():
    torch = pytest.importorskip("torch")
    # where the package keeps "Deep Learning from Scratch"'s defaults (torch: SGD lr=1e-3, momentum=0)
    known = {("SGD", "lr"), ("Momentum", "lr"), ("Momentum", "momentum"), ("NAG", "lr"), ("NAG", "momentum")}
    for name in OPTIMIZERS:
        if TORCH[name] is None:
            continue
        cls = getattr(torch.optim, TORCH[name][0])
        theirs = {k: p.default for k, p in inspect.signature(cls.__init__).parameters.items()}
        for key, ours in defaults(name).items():
            assert key in theirs, f"{name}.{key} has no torch.optim.{cls.__name__} counterpart"
            if (name, key) in known:
                continue
            if key == "betas":
                ours, theirs[key] = tuple(ours), tuple(theirs[key])
            assert ours == theirs[key], (name, key, ours, theirs[key])


# ---------------------------------------------------------------------------------------------
# First steps computed by hand, on the seed notebook's f(x, y) = x² + y² + xy − 4x − 8y from (0, 0)
# ∇f = (2x + y − 4, 2y + x − 8), so g₀ = ∇f(0, 0) = (−4, −8).
# ---------------------------------------------------------------------------------------------

def hand_sgd():
    # θ₁ = (0, 0) − 0.5·(−4, −8) = (2, 4);  g₁ = (2·2 + 4 − 4, 2·4 + 2 − 8) = (4, 2)
    # θ₂ = (2, 4) − 0.5·(4, 2) = (0, 3)      (the seed notebook prints exactly these)
    yield dict(kwargs=dict(lr=0.5), steps=[(2, 4), (0, 3)], state={})
    # coupled decay: θ₁ = (2, 4) as λθ₀ = 0;  g₁ + λθ₁ = (4, 2) + 0.1·(2, 4) = (4.2, 2.4)
    # θ₂ = (2, 4) − 0.5·(4.2, 2.4) = (−0.1, 2.8)
    yield dict(kwargs=dict(lr=0.5, weight_decay=0.1), steps=[(2, 4), (-0.1, 2.8)], state={})


def hand_momentum():
    # b₁ = g₀ = (−4, −8);  θ₁ = −0.5·b₁ = (2, 4);  g₁ = (4, 2)
    # b₂ = 0.5·(−4, −8) + (4, 2) = (2, −2);  θ₂ = (2, 4) − 0.5·(2, −2) = (1, 5)   (seed notebook: (1, 5))
    yield dict(kwargs=dict(lr=0.5, momentum=0.5), steps=[(2, 4), (1, 5)], state={"momentum_buffer": (2, -2)})


def hand_nag():
    # b₁ = g₀ = (−4, −8);  step = g₀ + 0.8·b₁ = (−7.2, −14.4);  θ₁ = −0.2·step = (1.44, 2.88)
    # g₁ = (2·1.44 + 2.88 − 4, 2·2.88 + 1.44 − 8) = (1.76, −0.8)
    # b₂ = 0.8·(−4, −8) + (1.76, −0.8) = (−1.44, −7.2);  step = g₁ + 0.8·b₂ = (0.608, −6.56)
    # θ₂ = (1.44, 2.88) − 0.2·(0.608, −6.56) = (1.3184, 4.192)
    # The seed notebook's Nesterov (θ += μ²v − (1 + μ)·lr·g, v ← μv − lr·g) agrees:
    #   θ₂ = (1.44, 2.88) + 0.64·(0.8, 1.6) − 0.36·(1.76, −0.8) = (1.3184, 4.192)
    yield dict(kwargs=dict(lr=0.2, momentum=0.8), steps=[(1.44, 2.88), (1.3184, 4.192)],
               state={"momentum_buffer": (-1.44, -7.2)})


def hand_adagrad():
    # s₁ = g₀² = (16, 64);  θ₁ = 0.5·(4/√16, 8/√64) = (0.5, 0.5)   (ε = 1e−10 is below rel 1e−9)
    # g₁ = (2·0.5 + 0.5 − 4, 2·0.5 + 0.5 − 8) = (−2.5, −6.5);  s₂ = (16 + 6.25, 64 + 42.25) = (22.25, 106.25)
    # θ₂ = (0.5 + 0.5·2.5/√22.25, 0.5 + 0.5·6.5/√106.25)
    yield dict(kwargs=dict(lr=0.5),
               steps=[(0.5, 0.5), (0.5 + 0.5 * 2.5 / math.sqrt(22.25), 0.5 + 0.5 * 6.5 / math.sqrt(106.25))],
               state={"sum": (22.25, 106.25)})
    # initial_accumulator_value 9: s₁ = (9 + 16, 9 + 64) = (25, 73);  θ₁ = 0.5·(4/5, 8/√73)
    yield dict(kwargs=dict(lr=0.5, initial_accumulator_value=9.0),
               steps=[(0.4, 4 / math.sqrt(73))], state={"sum": (25, 73)})


def hand_rmsprop():
    # s₁ = 0.1·g₀² = (1.6, 6.4);  θ₁ = 0.1·(4/(√1.6 + ε), 8/(√6.4 + ε)) ≈ (√0.1, √0.1) = (0.316228, 0.316228)
    #   (the first step is lr/√(1 − α) whatever the gradient; ε = 1e−8 shifts it by ~1e−9)
    # g₁ = (2x + y − 4, 2y + x − 8) at θ₁ ≈ (−3.0513, −7.0513);  s₂ = 0.9·s₁ + 0.1·g₁²;  θ₂ = θ₁ − 0.1·g₁/(√s₂ + ε)
    eps = 1e-8
    theta1 = 0.1 * np.array([4 / (math.sqrt(1.6) + eps), 8 / (math.sqrt(6.4) + eps)])
    assert theta1 == pytest.approx([math.sqrt(0.1)] * 2, rel=1e-8)
    g1 = quadratic_grad(theta1)
    assert g1 == pytest.approx([-3.0513167, -7.0513167])
    s2 = 0.9 * np.array([1.6, 6.4]) + 0.1 * g1 ** 2
    yield dict(kwargs=dict(lr=0.1, alpha=0.9), steps=[theta1, theta1 - 0.1 * g1 / (np.sqrt(s2) + eps)],
               state={"square_avg": s2})


def hand_adadelta():
    # s₁ = 0.1·g₀² = (1.6, 6.4);  Δ₁ = √(u₀ + ε)/√(s₁ + ε)·g₀ with u₀ = 0, ε = 1e−6:
    #   Δ₁ = −(√1e−6·4/√1.600001, √1e−6·8/√6.400001) ≈ −(√ε/√0.1)·(1, 1) = −0.0031623·(1, 1)
    #   so θ₁ = −1.0·Δ₁ ≈ (0.0031623, 0.0031623): the tiny √ε first step, whatever lr and g
    # u₁ = 0.1·Δ₁² ≈ 0.1·1e−5 = 1e−6;  then g₁ = ∇f(θ₁), s₂ = 0.9·s₁ + 0.1·g₁²,
    #   Δ₂ = √(u₁ + ε)/√(s₂ + ε)·g₁,  θ₂ = θ₁ − Δ₂,  u₂ = 0.9·u₁ + 0.1·Δ₂²
    eps = 1e-6
    d1 = -np.array([math.sqrt(eps) * 4 / math.sqrt(1.6 + eps), math.sqrt(eps) * 8 / math.sqrt(6.4 + eps)])
    theta1 = -d1
    assert theta1 == pytest.approx(math.sqrt(eps / 0.1) * np.ones(2), rel=1e-6)
    u1 = 0.1 * d1 ** 2
    assert u1 == pytest.approx([1e-6, 1e-6], rel=1e-6)
    g1 = np.array([3 * theta1[0] - 4, 3 * theta1[1] - 8])      # 2x + y − 4 with x = y
    s2 = 0.9 * np.array([1.6, 6.4]) + 0.1 * g1 ** 2
    d2 = np.sqrt(u1 + eps) / np.sqrt(s2 + eps) * g1
    yield dict(kwargs=dict(), steps=[theta1, theta1 - d2],
               state={"square_avg": s2, "acc_delta": 0.9 * u1 + 0.1 * d2 ** 2})


def _adam_by_hand(decay):
    # β = (0.9, 0.999), lr = 0.1, ε = 1e−8.  m₁ = 0.1·g₀ = (−0.4, −0.8);  v₁ = 0.001·g₀² = (0.016, 0.064)
    # bias correction: m̂₁ = m₁/(1 − 0.9) = g₀,  v̂₁ = v₁/(1 − 0.999) = g₀²,
    #   so θ₁ = −0.1·g₀/(|g₀| + ε) ≈ (0.1, 0.1)   (weight decay does nothing at θ₀ = 0)
    # g₁ ≈ (0.3 − 4, 0.3 − 8) = (−3.7, −7.7), plus λθ₁ ≈ (0.05, 0.05) for Adam's coupled (L2) decay
    # m₂ = 0.9·m₁ + 0.1·g₁;  v₂ = 0.999·v₁ + 0.001·g₁²;  m̂₂ = m₂/(1 − 0.9²) = m₂/0.19,
    #   v̂₂ = v₂/(1 − 0.999²) = v₂/0.001999;  θ₂ = θ₁·(1 − lr·λ for AdamW) − 0.1·m̂₂/(√v̂₂ + ε)
    # Plain Adam: m₂ ≈ (−0.36 − 0.37, −0.72 − 0.77) = (−0.73, −1.49),
    #   v₂ ≈ (0.015984 + 0.01369, 0.063936 + 0.05929) = (0.029674, 0.123226),  θ₂ ≈ (0.199721, 0.199882)
    eps = 1e-8
    theta1 = 0.1 * np.array([4 / (4 + eps), 8 / (8 + eps)])
    g1 = quadratic_grad(theta1)
    if decay == "L2":                  # Adam(weight_decay=0.5): g₁ ≈ (−3.65, −7.65)
        g1 = g1 + 0.5 * theta1
    m2 = 0.9 * np.array([-0.4, -0.8]) + 0.1 * g1
    v2 = 0.999 * np.array([0.016, 0.064]) + 0.001 * g1 ** 2
    shrink = 1 - 0.1 * 0.5 if decay == "decoupled" else 1.0      # AdamW: θ₁·0.95 ≈ (0.095, 0.095)
    theta2 = theta1 * shrink - 0.1 * (m2 / 0.19) / (np.sqrt(v2 / 0.001999) + eps)
    if decay is None:
        assert m2 == pytest.approx([-0.73, -1.49]) and v2 == pytest.approx([0.029674, 0.123226])
        assert theta2 == pytest.approx([0.1997212, 0.1998822], abs=1e-7)
    return dict(steps=[theta1, theta2], state={"exp_avg": m2, "exp_avg_sq": v2})


def hand_adam():
    yield dict(kwargs=dict(lr=0.1), **_adam_by_hand(None))
    yield dict(kwargs=dict(lr=0.1, weight_decay=0.5), **_adam_by_hand("L2"))


def hand_adamw():
    # AdamW's θ₂ is Adam's θ₂ − 0.005·(1, 1): the decoupled decay shifts θ, it does not enter m, v
    yield dict(kwargs=dict(lr=0.1, weight_decay=0.5), **_adam_by_hand("decoupled"))
    yield dict(kwargs=dict(lr=0.1, weight_decay=0.0), **_adam_by_hand(None))


def hand_adamax():
    # lr = 0.1:  m₁ = 0.1·g₀ = (−0.4, −0.8);  u₁ = |g₀| + ε;  θ₁ = −0.1/(1 − 0.9)·m₁/u₁ ≈ (0.1, 0.1)
    # g₁ = ∇f(θ₁);  m₂ = 0.9·m₁ + 0.1·g₁;  u₂ = max(0.999·u₁, |g₁| + ε) ≈ (3.996, 7.992), the decayed maximum;
    #   θ₂ = θ₁ − 0.1/(1 − 0.81)·m₂/u₂
    eps = 1e-8
    u1 = np.array([4 + eps, 8 + eps])
    theta1 = 0.1 / (1 - 0.9) * np.array([0.4, 0.8]) / u1
    g1 = quadratic_grad(theta1)
    m2 = 0.9 * np.array([-0.4, -0.8]) + 0.1 * g1
    u2 = np.maximum(0.999 * u1, np.abs(g1) + eps)
    assert u2 == pytest.approx([3.996, 7.992])
    yield dict(kwargs=dict(lr=0.1), steps=[theta1, theta1 - 0.1 / 0.19 * m2 / u2],
               state={"exp_avg": m2, "exp_inf": u2})


def hand_nadam():
    # lr = 0.1, ψ = 0.004:  μₜ = 0.9·(1 − ½·0.96^(0.004 t)) ≈ 0.45 (torch's schedule starts at β₁/2);  Π₁ = μ₁
    # θ₁ = −0.1·(1 − μ₁)/(1 − Π₁)·g₀/(√v̂₁ + ε) − 0.1·μ₂/(1 − Π₁μ₂)·m₁/(√v̂₁ + ε),  √v̂₁ = |g₀|,  m₁ = 0.1·g₀
    #   ≈ 0.1·(1 + 0.1·μ₂/(1 − μ₁μ₂))·(1, 1) ≈ (0.1056452, 0.1056452)
    eps = 1e-8

    def mu(t):
        return 0.9 * (1 - 0.5 * 0.96 ** (0.004 * t))

    g0 = np.array([-4.0, -8.0])
    m1, v1 = 0.1 * g0, 0.001 * g0 * g0
    d1 = np.sqrt(v1 / 0.001) + eps
    theta1 = -0.1 * g0 / d1 - 0.1 * mu(2) / (1 - mu(1) * mu(2)) * m1 / d1
    assert theta1 == pytest.approx([0.1056452, 0.1056452], abs=1e-7)
    g1 = quadratic_grad(theta1)
    m2, v2, pi2 = 0.9 * m1 + 0.1 * g1, 0.999 * v1 + 0.001 * g1 * g1, mu(1) * mu(2)
    d2 = np.sqrt(v2 / (1 - 0.999 ** 2)) + eps
    theta2 = theta1 - 0.1 * (1 - mu(2)) / (1 - pi2) * g1 / d2 - 0.1 * mu(3) / (1 - pi2 * mu(3)) * m2 / d2
    yield dict(kwargs=dict(lr=0.1), steps=[theta1, theta2], state={"exp_avg": m2, "exp_avg_sq": v2})


def hand_radam():
    # lr = 0.1: ρ∞ = 1999, ρ₁ = 1 and ρ₂ ≈ 2 are ≤ 5, so both steps are momentum alone, θ ← θ − η m̂ (no √v):
    #   θ₁ = −0.1·g₀ = (0.4, 0.8);  g₁ = (−2.4, −6);  m₂ = 0.9·(−0.4, −0.8) + 0.1·(−2.4, −6) = (−0.6, −1.32)
    #   θ₂ = θ₁ − 0.1·m₂/0.19 = (0.4 + 6/19, 0.8 + 13.2/19)
    yield dict(kwargs=dict(lr=0.1), steps=[(0.4, 0.8), (0.4 + 6 / 19, 0.8 + 13.2 / 19)],
               state={"exp_avg": (-0.6, -1.32), "exp_avg_sq": 0.999 * 0.001 * np.array([16.0, 64.0])
                      + 0.001 * np.array([2.4 ** 2, 6.0 ** 2])})


def hand_sgdschedulefree():
    # In train mode the parameters hold y. lr = 0.1, β = 0.9, no warm-up: w_t = η², so c₁ = 1, c₂ = 1/2.
    # Step 1: y₁ = z₁ = −0.1·g₀ = (0.4, 0.8).  g₁ = ∇f(y₁) = (−2.4, −6).
    # Step 2: y₂ = ½y₁ + ½z₁ + 0.1·(0.9·½ − 1)·g₁ = y₁ − 0.055·g₁ = (0.532, 1.13);  z₂ = z₁ − 0.1·g₁ = (0.64, 1.4)
    yield dict(kwargs=dict(lr=0.1), steps=[(0.4, 0.8), (0.532, 1.13)], state={"z": (0.64, 1.4)})
    # warm-up over 2 steps: η₁ = 0.05, η₂ = 0.1; w₁ = 0.05², w₂ = 0.1², so c₂ = 0.01/0.0125 = 0.8
    # Step 1: y₁ = z₁ = −0.05·g₀ = (0.2, 0.4).  g₁ = (−3.2, −7).
    # Step 2: y₂ = 0.2·y₁ + 0.8·z₁ + 0.1·(0.9·0.2 − 1)·g₁ = y₁ − 0.082·g₁ = (0.4624, 0.974);  z₂ = z₁ − 0.1·g₁
    yield dict(kwargs=dict(lr=0.1, warmup_steps=2), steps=[(0.2, 0.4), (0.4624, 0.974)], state={"z": (0.52, 1.1)})


def hand_adamwschedulefree():
    # lr = 0.1, β = (0.9, 0.999), ε = 1e−8: v̂₁ = g₀², so ĝ₀ = g₀/(|g₀| + ε) ≈ (−1, −1) and y₁ = z₁ = −0.1·ĝ₀ ≈ (0.1, 0.1)
    # g₁ = ∇f(y₁) ≈ (−3.7, −7.7);  v₂ = 0.999·v₁ + 0.001·g₁²;  ĝ₁ = g₁/(√(v₂/(1 − 0.999²)) + ε)
    # c₂ = 1/2: y₂ = ½y₁ + ½z₁ + 0.1·(0.9·½ − 1)·ĝ₁ = y₁ − 0.055·ĝ₁;  z₂ = z₁ − 0.1·ĝ₁ (no first moment: the
    #   average x plays its part)
    eps = 1e-8
    g0 = np.array([-4.0, -8.0])
    v1 = 0.001 * g0 ** 2
    y1 = -0.1 * g0 / (np.abs(g0) + eps)
    g1 = quadratic_grad(y1)
    assert g1 == pytest.approx([-3.7, -7.7])
    v2 = 0.999 * v1 + 0.001 * g1 ** 2
    gh = g1 / (np.sqrt(v2 / (1 - 0.999 ** 2)) + eps)
    yield dict(kwargs=dict(lr=0.1), steps=[y1, y1 - 0.055 * gh], state={"z": y1 - 0.1 * gh, "exp_avg_sq": v2})


def hand_lion():
    # lr = 0.1, β = (0.9, 0.99): c₁ = 0.1·g₀ = (−0.4, −0.8), so θ₁ = −0.1·sign(c₁) = (0.1, 0.1);  m₁ = 0.01·g₀
    # g₁ = ∇f(θ₁) = (−3.7, −7.7);  c₂ = 0.9·m₁ + 0.1·g₁ = (−0.406, −0.842) → θ₂ = (0.2, 0.2)
    # m₂ = 0.99·(−0.04, −0.08) + 0.01·(−3.7, −7.7) = (−0.0766, −0.1562): every step is ±η, whatever |g|
    yield dict(kwargs=dict(lr=0.1), steps=[(0.1, 0.1), (0.2, 0.2)], state={"exp_avg": (-0.0766, -0.1562)})
    # decoupled decay λ = 0.5 first: θ₁ is the same (θ₀ = 0); θ₂ = 0.95·(0.1, 0.1) + (0.1, 0.1) = (0.195, 0.195)
    yield dict(kwargs=dict(lr=0.1, weight_decay=0.5), steps=[(0.1, 0.1), (0.195, 0.195)],
               state={"exp_avg": (-0.0766, -0.1562)})


def hand_adafactor():
    # A vector: V̂ unfactored.  Step 1: β̂₂ = 1 − 1^τ = 0, so V̂₁ = g₀² and U = g₀/|g₀| = (−1, −1), RMS(U) = 1 ≤ d.
    # From θ₀ = 0 the relative step is set by ε₂: α₁ = max(ε₂, RMS(θ₀))·min(η, 1/√1) = ε₂·η.
    # Step 2: β̂₂ = 1 − 2^τ, ρ₂ = min(η, 1/√2), α₂ = max(ε₂, RMS(θ₁))·ρ₂; V̂₂ = β̂₂V̂₁ + (1 − β̂₂)g₁²;
    #   U = g₁/√V̂₂, clipped by max(1, RMS(U)/d) (here |U| stays about 1 in both coordinates, so the vector and
    #   the two scalars give the same steps)
    for lr, eps2 in ((1e-2, 1e-3), (0.5, 0.1)):
        g0 = np.array([-4.0, -8.0])
        theta1 = -(eps2 * min(lr, 1.0)) * g0 / np.abs(g0)
        g1 = quadratic_grad(theta1)
        b2 = 1 - 2 ** -0.8
        V2 = b2 * g0 ** 2 + (1 - b2) * g1 ** 2
        U = g1 / np.sqrt(V2)
        assert np.all(np.abs(U) <= 1.0)
        U_hat = U / max(1.0, float(np.sqrt(np.mean(U * U))))
        alpha2 = max(eps2, float(np.sqrt(np.mean(theta1 ** 2)))) * min(lr, 2 ** -0.5)
        yield dict(kwargs=dict(lr=lr, eps=(None, eps2)), steps=[theta1, theta1 - alpha2 * U_hat],
                   state={"variance": V2})


HAND = {"SGD": hand_sgd, "Momentum": hand_momentum, "NAG": hand_nag, "AdaGrad": hand_adagrad,
        "RMSProp": hand_rmsprop, "AdaDelta": hand_adadelta, "Adam": hand_adam, "AdamW": hand_adamw,
        "Adamax": hand_adamax, "NAdam": hand_nadam, "RAdam": hand_radam,
        "SGDScheduleFree": hand_sgdschedulefree, "AdamWScheduleFree": hand_adamwschedulefree,
        "Lion": hand_lion, "Adafactor": hand_adafactor}
HAND_PARAMS = [pytest.param(name, case, id=f"{name}-{i}")
               for name, make in HAND.items() for i, case in enumerate(make())]


@pytest.fixture(autouse=True)
def _schedule_free_starts_in_train_mode(monkeypatch):
    """The shared tests call ``update`` on fresh optimizers, and a schedule-free one refuses to step until
    ``train(params)`` was called. On parameters it has never updated, ``train`` only switches the mode (there
    x = y = z), so starting in train mode is the same thing. The train/eval contract itself is tested in
    tests/test_schedulefree.py."""
    from optimizers.schedulefree import _ScheduleFree
    init = _ScheduleFree.__init__

    def init_in_train_mode(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self.train_mode = True
    monkeypatch.setattr(_ScheduleFree, "__init__", init_in_train_mode)


#: matrix-only rules, whose first steps by hand are on a matrix, not on the 2-D point (x, y) above
HAND_ELSEWHERE = {"Muon": "tests/test_muon.py::test_first_step_by_hand"}


def test_every_optimizer_has_steps_by_hand():
    assert set(HAND) == set(PLANAR), f"compute the first steps of {set(PLANAR) - set(HAND)} by hand"
    assert set(HAND_ELSEWHERE) == set(OPTIMIZERS) - set(PLANAR)
    root = Path(__file__).parent.parent
    for where in HAND_ELSEWHERE.values():
        path, test = where.split("::")
        assert f"def {test}(" in (root / path).read_text(), where


@pytest.mark.parametrize("name, case", HAND_PARAMS)
@pytest.mark.parametrize("form", ["vector", "scalars"])
def test_first_steps_by_hand(name, case, form):
    opt = OPTIMIZERS[name](**case["kwargs"])
    xy = np.zeros(2)
    # the seed notebook's call: a dict of scalars, here 0-d arrays (updated in place like any array)
    scalars = {"x": np.array(0.0), "y": np.array(0.0)}
    for t, expected in enumerate(case["steps"], start=1):
        if form == "vector":
            opt.update(xy, quadratic_grad(xy))
        else:
            g = quadratic_grad(np.array([scalars["x"], scalars["y"]]))
            opt.update(scalars, {"x": np.array(g[0]), "y": np.array(g[1])})
            xy = np.array([scalars["x"], scalars["y"]])
        assert xy == pytest.approx(np.asarray(expected, dtype=float), rel=1e-9, abs=1e-12), f"step {t}"
    for state_name, expected in case["state"].items():           # after the last step
        got = (opt.state[Optimizer.SINGLE_KEY][state_name] if form == "vector"
               else np.array([opt.state[k][state_name] for k in "xy"]))
        assert got == pytest.approx(np.asarray(expected, dtype=float), rel=1e-9, abs=1e-15), state_name


# ---------------------------------------------------------------------------------------------
# torch.optim: the golden file (always) and a live comparison (when torch is installed)
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def golden():
    return json.loads(GOLDEN_PATH.read_text())


def test_golden_file_is_current(golden):
    expected = {cid: kw for cid, name, kw in ALL_CASES if TORCH[name] is not None}
    assert set(golden["cases"]) == set(expected), f"the golden file's cases differ from tests/cases.py; {REGENERATE}"
    for cid, kw in expected.items():
        assert golden["cases"][cid]["kwargs"] == json.loads(json.dumps(kw)), f"{cid} changed; {REGENERATE}"
    assert GOLDEN_PATH.stat().st_size < 300_000


def _golden_case(golden, cid, name):
    if TORCH[name] is None:
        pytest.skip(f"{name} has no torch.optim counterpart")
    return golden["cases"][cid]


@pytest.mark.parametrize("cid, name, kwargs", GOLDEN_PARAMS)
def test_golden_rosenbrock(golden, cid, name, kwargs):
    expected = np.array(_golden_case(golden, cid, name)["rosenbrock"])
    problem = PROBLEMS["rosenbrock"]
    opt = OPTIMIZERS[name](**kwargs)
    x = np.array(problem.start, dtype=np.float64)
    path = [x.copy()]
    for _ in range(len(expected) - 1):       # shorter than 30 steps where torch left the plot bounds
        opt.update(x, problem.grad(x))
        path.append(x.copy())
    np.testing.assert_allclose(np.array(path), expected, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("block", [None, 2], ids=["whole", "blocked"])
@pytest.mark.parametrize("cid, name, kwargs", GOLDEN_PARAMS)
def test_golden_random_gradients(golden, cid, name, kwargs, block):
    expected = _golden_case(golden, cid, name)["random"]
    params = {k: np.array(v, dtype=np.float64) for k, v in golden["random"]["start"].items()}
    opt = OPTIMIZERS[name](**kwargs)
    if block:
        opt.BLOCK = block              # 'w' (6 elements) then goes through the block-by-block path
    path = {k: [p.copy()] for k, p in params.items()}
    for g in golden["random"]["grads"]:
        opt.update(params, {k: np.array(v) for k, v in g.items()})
        for k, p in params.items():
            path[k].append(p.copy())
    assert len(path["w"]) == golden["meta"]["steps"] + 1
    for k in params:
        np.testing.assert_allclose(np.array(path[k]), np.array(expected[k]), rtol=1e-9, atol=1e-12, err_msg=k)


TOL = {np.float64: dict(rtol=1e-10, atol=1e-13), np.float32: dict(rtol=2e-5, atol=1e-6)}


@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["float64", "float32"])
@pytest.mark.parametrize("name, kwargs", CASE_PARAMS)
def test_matches_torch_live(name, kwargs, dtype, rng):
    torch = pytest.importorskip("torch")
    spec = torch_spec(name, kwargs)
    if spec is None:
        pytest.skip(f"{name} has no torch.optim counterpart")
    cls, tkw = spec
    shapes = {"w": (3, 2), "b": (2,), "s": ()}
    params = {k: np.asarray(rng.standard_normal(s), dtype=dtype) for k, s in shapes.items()}
    tensors = {k: torch.tensor(p) for k, p in params.items()}
    # torch keeps NAdam's mu_product in a 0-d tensor of the default dtype: float64 runs need float64 there too
    old_default = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64 if dtype == np.float64 else old_default)
    try:
        topt = getattr(torch.optim, cls)(list(tensors.values()), **tkw)
        opt = OPTIMIZERS[name](**kwargs)
        for t in range(25):
            grads = {k: np.asarray(rng.standard_normal(s) * (0.0 if t == 7 else 3.0), dtype=dtype)
                     for k, s in shapes.items()}
            opt.update(params, grads)
            for k, tensor in tensors.items():
                tensor.grad = torch.from_numpy(grads[k].copy())
            with torch.no_grad():
                topt.step()
    finally:
        torch.set_default_dtype(old_default)
    for k, tensor in tensors.items():
        assert params[k].dtype == dtype
        np.testing.assert_allclose(params[k], tensor.numpy(), **TOL[dtype], err_msg=k)
        for state_name in OPTIMIZERS[name].state_names:            # the state, by torch's own names
            np.testing.assert_allclose(opt.state[k][state_name], topt.state[tensor][state_name].numpy(),
                                       **TOL[dtype], err_msg=f"{k}: {state_name}")


@pytest.mark.parametrize("name, kwargs", CASE_PARAMS)
def test_matches_torch_live_rosenbrock(name, kwargs):
    torch = pytest.importorskip("torch")
    spec = torch_spec(name, kwargs)
    if spec is None:
        pytest.skip(f"{name} has no torch.optim counterpart")
    cls, tkw = spec
    problem = PROBLEMS["rosenbrock"]
    (xlo, xhi), (ylo, yhi) = problem.bounds
    x = np.array(problem.start)
    t = torch.tensor(problem.start, dtype=torch.float64)
    topt = getattr(torch.optim, cls)([t], **tkw)
    opt = OPTIMIZERS[name](**kwargs)
    for step in range(40):
        opt.update(x, problem.grad(x))
        t.grad = torch.from_numpy(problem.grad(t.numpy().copy()))
        with torch.no_grad():
            topt.step()
        np.testing.assert_allclose(x, t.numpy(), rtol=1e-9, atol=1e-12, err_msg=f"step {step + 1}")
        if not (xlo <= x[0] <= xhi and ylo <= x[1] <= yhi):
            break                                                  # diverged: compare no further


# ---------------------------------------------------------------------------------------------
# Many runs at once: a leading axis of K runs, hyperparameters as length-K arrays
# ---------------------------------------------------------------------------------------------

def _batch_and_singles(name, batch_kwargs, cases, dtype, rng, steps=12):
    """Run one optimizer holding K runs and K optimizers of one run each on the same gradients."""
    k = len(cases)
    shapes = shapes_for(name)
    batch = {key: rng.standard_normal((k, *s)).astype(dtype) for key, s in shapes.items()}
    singles = [{key: batch[key][i].copy() for key in shapes} for i in range(k)]
    opt = OPTIMIZERS[name](**batch_kwargs)
    assert opt.batch_size == k
    single_opts = [OPTIMIZERS[name](**kw) for kw in cases]
    for _ in range(steps):
        grads = {key: (rng.standard_normal((k, *s)) * 2).astype(dtype) for key, s in shapes.items()}
        opt.update(batch, grads)
        for i in range(k):
            single_opts[i].update(singles[i], {key: grads[key][i] for key in shapes})
    return batch, singles, opt, single_opts


def _assert_batch_equals_singles(name, batch, singles, opt, single_opts, **tol):
    for i, (single, sopt) in enumerate(zip(singles, single_opts)):
        for key in batch:
            np.testing.assert_allclose(batch[key][i], single[key], **tol, err_msg=f"run {i}: {key}")
            for state_name in OPTIMIZERS[name].state_names:
                np.testing.assert_allclose(opt.state[key][state_name][i], sopt.state[key][state_name],
                                           **tol, err_msg=f"run {i}: {key}: {state_name}")


def _cases_with(name, setting):
    """CASES[name] with the shared hyperparameters (flags, choices, counts) set to ``setting``."""
    return [{**kw, **setting} for kw in CASES[name]]


@pytest.mark.parametrize("name", NAMES)
def test_batch_equals_separate_runs(name, rng):
    """Every hyperparameter (lr, momentum, betas, alpha, rho, eps, weight_decay, ...) a length-K array; the
    shared ones (flags, choices, counts) once for each setting the cases give them."""
    for setting in flag_settings(name, CASES[name]):
        cases = _cases_with(name, setting)
        _assert_batch_equals_singles(name, *_batch_and_singles(name, batched_kwargs(name, cases), cases,
                                                               np.float64, rng), rtol=1e-12, atol=0)


@pytest.mark.parametrize("name", NAMES)
def test_learning_rate_sweep_equals_separate_runs(name, rng):
    """The common case: lr alone is an array, every other hyperparameter a float."""
    lrs = [1e-3, 1e-2, 0.1, 0.3]
    kw = CASES[name][-1]
    cases = [{**kw, "lr": lr} for lr in lrs]
    _assert_batch_equals_singles(name, *_batch_and_singles(name, {**kw, "lr": np.array(lrs)}, cases,
                                                           np.float64, rng), rtol=1e-12, atol=0)


@pytest.mark.parametrize("name", NAMES)
def test_batch_equals_separate_runs_float32(name, rng):
    """float32 runs in a batch equal float32 runs one by one, parameters and state, to a few float32
    roundings (not bit for bit: the order of roundings differs). The absolute tolerance is a few roundings
    of the terms, which are of size ~1 (gradients ~2): where terms cancel (a momentum buffer near 0), the
    result keeps their absolute error, ~2e-7 at worst over 20 seeds (Momentum, NAG, Muon)."""
    for setting in flag_settings(name, CASES[name]):
        cases = _cases_with(name, setting)
        _assert_batch_equals_singles(name, *_batch_and_singles(name, batched_kwargs(name, cases), cases,
                                                               np.float32, rng), rtol=1e-5, atol=1e-6)


# ---------------------------------------------------------------------------------------------
# dtype
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("batched", [False, True], ids=["float-hyper", "array-hyper"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float32", "float64"])
@pytest.mark.parametrize("name", NAMES)
def test_dtype_is_preserved(name, dtype, batched, rng):
    cases = CASES[name]
    kwargs = batched_kwargs(name, cases) if batched else cases[-1]
    k = len(cases)
    if OPTIMIZERS[name].matrix_only:          # matrices, or K of them
        lead = (k,) if batched else ()
        params = {key: rng.standard_normal(lead + s).astype(dtype) for key, s in MATRIX_SHAPES.items()}
    else:                                     # a (k, 3) matrix and a k-vector, or K runs of a 3-vector and a scalar
        params = {"w": rng.standard_normal((k, 3)).astype(dtype), "b": rng.standard_normal(k).astype(dtype)}
    opt = OPTIMIZERS[name](**kwargs)
    grad_dtypes = [np.float64, np.float32, np.int64]          # the gradient's dtype must not leak in
    for gd in grad_dtypes:
        grads = {key: (rng.standard_normal(p.shape) * 3).astype(gd) for key, p in params.items()}
        opt.update(params, grads)
        for key, p in params.items():
            assert p.dtype == dtype, (key, p.dtype)
            for state_name in OPTIMIZERS[name].state_names:
                s = opt.state[key][state_name]
                assert isinstance(s, np.ndarray) and s.dtype == dtype and s.shape == p.shape, (key, state_name)
            assert np.isfinite(p).all()
    x = params[list(params)[-1]].copy()        # a single array, not a dict ('b', or Muon's matrix 'v')
    assert OPTIMIZERS[name](**kwargs).update(x, np.ones(x.shape, dtype=np.float64)).dtype == dtype


# ---------------------------------------------------------------------------------------------
# Validation at construction
# ---------------------------------------------------------------------------------------------

NAN = float("nan")
#: (hyperparameter, bad value, torch's message). Each applies to every optimizer that has that argument.
BAD_HYPERPARAMETERS = [
    ("lr", -0.1, "Invalid learning rate: -0.1"),
    ("lr", NAN, "Invalid learning rate: nan"),
    ("lr", -1, "Invalid learning rate: -1"),
    ("eps", -1e-08, "Invalid epsilon value: -1e-08"),
    ("eps", NAN, "Invalid epsilon value: nan"),
    ("weight_decay", -0.01, "Invalid weight_decay value: -0.01"),
    ("weight_decay", NAN, "Invalid weight_decay value: nan"),
    ("momentum", -0.1, "Invalid momentum value: -0.1"),
    ("momentum", 1.5, "Invalid momentum value: 1.5"),
    ("momentum", NAN, "Invalid momentum value: nan"),
    ("alpha", -0.1, "Invalid alpha value: -0.1"),
    ("alpha", 1.5, "Invalid alpha value: 1.5"),
    ("rho", -0.1, "Invalid rho value: -0.1"),
    ("rho", 1.5, "Invalid rho value: 1.5"),
    ("initial_accumulator_value", -1.0, "Invalid initial_accumulator_value value: -1.0"),
    ("betas", (1.0, 0.999), "Invalid beta parameter at index 0: 1.0"),
    ("betas", (-0.1, 0.999), "Invalid beta parameter at index 0: -0.1"),
    ("betas", (0.9, 1.0), "Invalid beta parameter at index 1: 1.0"),
    ("betas", (0.9, NAN), "Invalid beta parameter at index 1: nan"),
    ("betas", (0.9,), "Invalid betas"),
    ("betas", (0.9, 0.99, 0.999), "Invalid betas"),
    ("betas", 0.9, "Invalid betas"),
    ("betas", None, "Invalid betas"),
]
# Not torch's: batches of values, and values that are not numbers.
BAD_BATCHES = [
    ("lr", [0.1, -0.1], "Invalid learning rate"),
    ("lr", [0.1, NAN], "Invalid learning rate"),
    ("lr", [[0.1, 0.2]], "Invalid learning rate"),
    ("lr", [], "Invalid learning rate"),
    # text and None raise TypeError, as in torch: tests/test_bad_input.py
    ("weight_decay", np.array([0.0, -1.0]), "Invalid weight_decay value"),
    ("momentum", [0.5, 1.5], "Invalid momentum value"),
    ("betas", (np.array([0.9, 1.0]), 0.999), "Invalid beta parameter at index 0"),
]

#: values torch lets through and the package rejects: torch.optim.SGD checks `lr < 0.0` (False for NaN)
#: rather than `not 0.0 <= lr`; momentum and alpha have no upper bound; betas are indexed, not unpacked
TORCH_ACCEPTS = [("SGD", "lr", NAN), ("SGD", "weight_decay", NAN), ("SGD", "momentum", NAN),
                 ("SGD", "momentum", 1.5), ("RMSprop", "alpha", 1.5),
                 ("Adam", "betas", (0.9, 0.99, 0.999)), ("AdamW", "betas", (0.9, 0.99, 0.999)),
                 ("Adamax", "betas", (0.9, 0.99, 0.999)), ("NAdam", "betas", (0.9, 0.99, 0.999)),
                 ("RAdam", "betas", (0.9, 0.99, 0.999))]


#: optimizers whose refusals are worded as torch's newer optimizers word them ("Learning rate should be >= 0
#: but is: -0.1"), checked message by message against torch in their own test file
OWN_MESSAGES = {"Adafactor": "tests/test_adafactor.py", "Muon": "tests/test_muon.py"}
#: ... and the name each gives a hyperparameter there: the tables below check that each refuses the same bad
#: values, with a message starting "<name> should be". Adafactor's eps is a pair, not the tables' number.
OWN_WORDING = {"Adafactor": {"lr": "Learning rate", "weight_decay": "weight_decay"},
               "Muon": {"lr": "Learning rate", "weight_decay": "weight decay", "momentum": "momentum",
                        "eps": "epsilon"}}
#: Lion's betas lie in the closed [0, 1], as lion-pytorch asserts (tests/test_lion.py)
CLOSED_BETAS = ("Lion",)


def _a_beta_is_one(value) -> bool:
    return any(np.any(np.asarray(b, dtype=float) == 1.0) for b in value)


def _bad_params(table, own=True):
    """(name, key, value, message) for each optimizer taking ``key``; for one with its own wording (if
    ``own``), the message is the start of its own: "<its name for key> should be"."""
    out = []
    for key, value, message in table:
        for name in NAMES:
            if name in OWN_MESSAGES:
                if own and key in OWN_WORDING[name]:
                    out.append(pytest.param(name, key, value, f"{OWN_WORDING[name][key]} should be ",
                                            id=f"{name}-{key}={value!r}"))
                continue
            if name in CLOSED_BETAS and key == "betas" and "index" in message and _a_beta_is_one(value):
                continue
            if key in defaults(name):
                out.append(pytest.param(name, key, value, message, id=f"{name}-{key}={value!r}"))
    return out


@pytest.mark.parametrize("name, key, value, message", _bad_params(BAD_HYPERPARAMETERS + BAD_BATCHES))
def test_bad_hyperparameter_raises(name, key, value, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        OPTIMIZERS[name](**{key: value})


def test_own_wording_covers_the_tables():
    for name, wording in OWN_WORDING.items():
        assert set(wording) <= set(defaults(name)), name
    assert set(OWN_WORDING) == set(OWN_MESSAGES)


@pytest.mark.parametrize("name, key, value, message", _bad_params(BAD_HYPERPARAMETERS, own=False))
def test_bad_hyperparameter_messages_are_torchs(name, key, value, message):
    """The table above quotes torch: where torch rejects the value too, it says exactly that."""
    torch = pytest.importorskip("torch")
    if TORCH[name] is None:
        pytest.skip(f"{name} has no torch.optim counterpart")
    cls, tkw = torch_spec(name, {})
    tkw[key] = value
    try:
        getattr(torch.optim, cls)([torch.zeros(1)], **tkw)
    except ValueError as e:
        assert str(e) == message
    except (TypeError, IndexError):
        assert message == "Invalid betas"               # torch fails on the unpacking, less helpfully
    else:   # torch accepts it; the package is stricter
        assert any(cls == c and key == k and (value is v or value == v) for c, k, v in TORCH_ACCEPTS), \
            (cls, key, value)


ACCEPTED = {"lr": [0.0, 1e6], "eps": [0.0], "weight_decay": [0.0], "momentum": [0.0, 1.0], "alpha": [0.0, 1.0],
            "rho": [0.0, 1.0], "initial_accumulator_value": [0.0], "betas": [(0.0, 0.0), (0.999999, 0.999999)],
            "amsgrad": [False, True], "decoupled_weight_decay": [False, True],
            "warmup_steps": [0, 10 ** 6], "r": [0.0], "weight_lr_power": [0.0], "momentum_decay": [0.0]}
#: boundaries that differ by optimizer: Adafactor's eps is a pair (ε₁ may be None), its β̂₂ exponent ≤ 0 and its
#: clipping threshold d ≥ 1; Lion's betas include 1
ACCEPTED_FOR = {"Adafactor": {"eps": [(None, 0.0), (0.0, 0.0)], "beta2_decay": [0.0, -1e6], "d": [1.0],
                              "maximize": [False, True]},
                "Lion": {"betas": [(0.0, 0.0), (1.0, 1.0)]},
                # Muon: any finite Newton–Schulz coefficients, 0 to 99 iterations (torch: fewer than 100)
                "Muon": {"nesterov": [False, True], "ns_coefficients": [(0.0, 0.0, 0.0), (-1e6, 1e6, -0.5)],
                         "ns_steps": [0, 99], "adjust_lr_fn": [None, "original", "match_rms_adamw"]}}
#: schedule-free's β of y = (1 − β) z + β x lies in the open interval (0, 1): eval() divides by it
#: (tests/test_schedulefree.py checks the refusal)
OPEN_BETA = ("SGDScheduleFree", "AdamWScheduleFree")


@pytest.mark.parametrize("name", NAMES)
def test_boundary_hyperparameters_are_accepted(name):
    for key in defaults(name):
        for value in ACCEPTED_FOR.get(name, {}).get(key) or ACCEPTED[key]:
            if name == "NAG" and key == "momentum" and value == 0.0:
                continue                     # torch: "Nesterov momentum requires a momentum"
            if name in OPEN_BETA and ((key == "momentum" and value in (0.0, 1.0))
                                      or (key == "betas" and value[0] == 0.0)):
                continue
            assert OPTIMIZERS[name](**{key: value}).hyperparameters[key] == value


def test_nag_without_momentum_is_refused_like_torch():
    with pytest.raises(ValueError, match="Nesterov momentum requires a momentum"):
        OPTIMIZERS["NAG"](momentum=0.0)


@pytest.mark.parametrize("name", NAMES)
def test_batched_hyperparameters_of_different_lengths(name):
    shared = shared_keys(name)                                   # flags, choices, counts: not batched
    keys = [k for k, v in defaults(name).items() if k not in shared and not isinstance(v, tuple)]
    assert len(keys) >= 2
    first, second = keys[0], keys[-1]
    value = {first: np.full(2, full_kwargs(name, {})[first]), second: np.full(3, full_kwargs(name, {})[second])}
    with pytest.raises(ValueError, match="different lengths") as err:
        OPTIMIZERS[name](**value)
    assert first in str(err.value) and second in str(err.value)
    for key, v in defaults(name).items():                       # betas, Muon's (a, b, c): element by element
        if isinstance(v, tuple) and key not in shared and all(type(x) is float for x in v):
            bad = (np.full(2, v[0]), np.full(3, v[1])) + v[2:]
            with pytest.raises(ValueError, match=rf"different lengths.*{key}\[0\].*{key}\[1\]"):
                OPTIMIZERS[name](**{key: bad})


# ---------------------------------------------------------------------------------------------
# Validation in update(): every key checked before any array is touched
# ---------------------------------------------------------------------------------------------

def _good(rng, k=None, matrices=False):
    """Good params and grads: a matrix and two vectors, or three matrices for a matrix-only rule (Muon)."""
    lead = () if k is None else (k,)
    shapes = {"a": (3, 2), "b": (2, 4), "z": (4, 3)} if matrices else {"a": (3, 2), "b": (2,), "z": (4,)}
    params = {key: rng.standard_normal(lead + s) for key, s in shapes.items()}
    grads = {key: rng.standard_normal(p.shape) for key, p in params.items()}
    return params, grads


def _new_shape(p, matrices):
    """A known parameter's new shape: a vector grows an axis; a matrix is transposed (a matrix still, so that
    it is its shape, not its being a matrix, that a matrix-only rule must refuse)."""
    return p.swapaxes(-1, -2).shape if matrices else p.shape + (2,)


def _one_run(k, matrices):
    """A parameter with no leading axis of K runs: a number, or one (K, 3) matrix for a matrix-only rule, whose
    first axis happens to be K (so that only its missing third axis gives it away)."""
    return np.ones((k, 3)) if matrices else np.array(1.0)


#: (label, how to break a call, error, the key its message must name). The mutation acts on shallow
#: copies of good dicts, so the untouched keys are the very arrays of the good call. The broken key is
#: the last one ('z', or a new 'zz'): a rule that updated 'a' and 'b' before checking it would show.
#: ``m`` says whether the parameters are matrices (a matrix-only rule) and each case then breaks a matrix.
BAD_CALLS = [
    ("missing gradient", lambda p, g, k, m: g.pop("z"), KeyError, "'z'"),
    ("extra gradient", lambda p, g, k, m: g.update(zz=np.ones(g["z"].shape)), KeyError, "'zz'"),
    ("gradient shape", lambda p, g, k, m: g.update(z=np.ones(g["z"].shape + (1,))), ValueError, "'z'"),
    ("gradient transposed", lambda p, g, k, m: g.update(a=g["a"].swapaxes(-1, -2)), ValueError, "'a'"),
    ("gradient as a list", lambda p, g, k, m: g.update(z=g["z"].tolist()), TypeError, "'z'"),
    ("complex gradient", lambda p, g, k, m: g.update(z=g["z"] + 1j), TypeError, "'z'"),
    ("integer param", lambda p, g, k, m: p.update(z=np.ones(p["z"].shape, dtype=np.int64)), TypeError, "'z'"),
    ("Python float param", lambda p, g, k, m: p.update(z=1.5), TypeError, "'z'"),
    ("read-only param", lambda p, g, k, m: p.update(z=read_only(p["z"])), ValueError, "'z'"),
    ("known param, new shape", lambda p, g, k, m: (p.update(z=np.ones(_new_shape(p["z"], m))),
                                                   g.update(z=np.ones(_new_shape(p["z"], m)))), ValueError, "'z'"),
    ("leading axis not K", lambda p, g, k, m: (p.update(zz=np.ones((k + 1,) + p["z"].shape[1:])),
                                               g.update(zz=np.ones((k + 1,) + p["z"].shape[1:]))),
     ValueError, "'zz'"),
    ("no leading axis", lambda p, g, k, m: (p.update(zz=_one_run(k, m)), g.update(zz=_one_run(k, m))),
     ValueError, "'zz'"),
]
BATCH_ONLY = {"leading axis not K", "no leading axis"}


def _bad_call_params():
    out = []
    for batched in (False, True):
        for name in NAMES:
            for label, mutate, error, key in BAD_CALLS:
                if label in BATCH_ONLY and not batched:
                    continue
                if label == "known param, new shape" and not OPTIMIZERS[name].state_names:
                    continue                      # no state to disagree with: SGD takes any shape
                out.append(pytest.param(name, batched, mutate, error, key,
                                        id=f"{name}-{'batched' if batched else 'single'}-{label}"))
    return out


@pytest.mark.parametrize("name, batched, mutate, error, key", _bad_call_params())
def test_bad_update_raises_and_changes_nothing(name, batched, mutate, error, key, rng):
    k = len(CASES[name]) if batched else None
    matrices = OPTIMIZERS[name].matrix_only
    opt = OPTIMIZERS[name](**(batched_kwargs(name, CASES[name]) if batched else CASES[name][-1]))
    params, grads = _good(rng, k, matrices)
    for _ in range(2):                                         # so that the state holds something
        opt.update(params, grads)
    bad_params, bad_grads = dict(params), dict(grads)
    mutate(bad_params, bad_grads, k, matrices)
    before_grads = copy.deepcopy(grads)
    assert_update_refused(opt, params, bad_params, bad_grads, error, key)
    assert_same_tree(before_grads, grads)
    opt.update(params, grads)                                  # and the optimizer still works
    assert opt.state["a"]["step"] == 3


@pytest.mark.parametrize("name", [n for n in NAMES if OPTIMIZERS[n].matrix_only])
@pytest.mark.parametrize("batched", [False, True], ids=["single", "batched"])
@pytest.mark.parametrize("shape", [(), (4,), (2, 3, 2)], ids=["scalar", "vector", "3-axis"])
def test_matrix_only_refuses_what_is_not_a_matrix(name, batched, shape, rng):
    """Refused at the first call, with a message naming the parameter and its shape, before any array moves."""
    k = len(CASES[name]) if batched else None
    lead = () if k is None else (k,)
    opt = OPTIMIZERS[name](**(batched_kwargs(name, CASES[name]) if batched else {}))
    params = {"W": rng.standard_normal(lead + (3, 2)), "bias": rng.standard_normal(lead + shape)}
    grads = {key: np.ones_like(p) for key, p in params.items()}
    before = copy.deepcopy(params)
    with pytest.raises(ValueError, match=r"only supports 2D parameters") as err:
        opt.update(params, grads)
    assert "'bias'" in str(err.value) and str(lead + shape) in str(err.value), str(err.value)
    assert_same_tree(before, params)
    assert opt.state == {}
    with pytest.raises(ValueError, match=r"'param'"):          # a single array too, under its SINGLE_KEY
        opt.update(params["bias"], grads["bias"])


@pytest.mark.parametrize("name", NAMES)
def test_update_rejects_containers_that_are_not_dicts(name, rng):
    opt = OPTIMIZERS[name]()
    x = rng.standard_normal(3)
    before = x.copy()
    with pytest.raises(TypeError, match="grads"):
        opt.update(x, x.tolist())
    with pytest.raises(TypeError, match="dict"):
        opt.update({"x": x}, [x])
    with pytest.raises(TypeError, match="dict"):
        opt.update([x], [x])
    with pytest.raises(TypeError, match="dict"):
        opt.update({"x": x}, x)
    np.testing.assert_array_equal(x, before)
    assert opt.state == {}


# ---------------------------------------------------------------------------------------------
# In place, and grads untouched
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("block", [None, 2], ids=["whole", "blocked"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float32", "float64"])
@pytest.mark.parametrize("name, kwargs", EVERY_CASE_PARAMS)
def test_updates_in_place_and_leaves_grads_alone(name, kwargs, dtype, block, rng):
    matrices = OPTIMIZERS[name].matrix_only
    params = {"w": rng.standard_normal((3, 2)).astype(dtype), "s": np.array(0.5, dtype=dtype),
              "t": rng.standard_normal((4, 3)).astype(dtype)[:, ::2]}      # not contiguous
    if matrices:                             # the same, less the number: a matrix-only rule refuses it
        del params["s"]
    same = dict(params)                      # the very objects a network's layers would hold
    views = {"row": params["w"][1]}          # ... or a view into one
    opt = OPTIMIZERS[name](**kwargs)
    if block:
        opt.BLOCK = block
    for _ in range(3):
        # |g| in [1, 2], so even the smallest step moves a float32 0.5
        grads = {k: np.asarray(rng.uniform(1, 2, p.shape) * rng.choice([-1, 1], p.shape), dtype=dtype)
                 for k, p in params.items()}
        saved = copy.deepcopy(grads)
        before = copy.deepcopy(params)
        assert opt.update(params, grads) is params
        for k in params:
            assert params[k] is same[k]
            assert not np.array_equal(params[k], before[k]), f"{k} did not move"
            assert_same_tree(saved[k], grads[k])
        np.testing.assert_array_equal(views["row"], params["w"][1])

    shape = (4, 3) if matrices else (4,)
    w = rng.standard_normal(shape).astype(dtype)
    w0 = w
    dw = rng.standard_normal(shape).astype(dtype)
    dw_saved = dw.copy()
    opt = OPTIMIZERS[name](**kwargs)
    w = opt.update(w, dw)
    assert w is w0
    np.testing.assert_array_equal(dw, dw_saved)
    assert set(opt.state) == {Optimizer.SINGLE_KEY}


# ---------------------------------------------------------------------------------------------
# State: named for what it is, created lazily, one per parameter
# ---------------------------------------------------------------------------------------------

STATE_NAMES = {
    "SGD": (),
    "Momentum": ("momentum_buffer",),
    "NAG": ("momentum_buffer",),
    "AdaGrad": ("sum",),
    "RMSProp": ("square_avg",),
    "AdaDelta": ("square_avg", "acc_delta"),
    "Adam": ("exp_avg", "exp_avg_sq"),
    "AdamW": ("exp_avg", "exp_avg_sq"),
    "Adamax": ("exp_avg", "exp_inf"),
    "NAdam": ("exp_avg", "exp_avg_sq"),
    "RAdam": ("exp_avg", "exp_avg_sq"),
    "SGDScheduleFree": ("z",),
    "AdamWScheduleFree": ("z", "exp_avg_sq"),
    "Lion": ("exp_avg",),
    "Adafactor": (),            # created at the first update, by the parameter's shape: STATE_BY_SHAPE
    "Muon": ("momentum_buffer",),
}
#: state arrays whose names depend on the parameter's shape: Adafactor factors a matrix's second moment
STATE_BY_SHAPE = {"Adafactor": {2: ("row_var", "col_var"), 1: ("variance",)}}
#: numbers (not arrays) kept per parameter beside the arrays: schedule-free's largest lr so far and sum of weights
STATE_NUMBERS = {"SGDScheduleFree": ("lr_max", "weight_sum"), "AdamWScheduleFree": ("lr_max", "weight_sum"),
                 "NAdam": ("mu_product",)}     # NAdam's Π = μ₁ ⋯ μₜ, torch's 0-d tensor


def test_every_optimizer_has_its_state_names_listed():
    assert set(STATE_NAMES) == set(OPTIMIZERS)


@pytest.mark.parametrize("name", NAMES)
def test_state_names(name, rng):
    assert OPTIMIZERS[name].state_names == STATE_NAMES[name]
    opt = OPTIMIZERS[name]()
    assert opt.state == {}, "state is created lazily, at the first update"
    params = {k: rng.standard_normal(s) for k, s in shapes_for(name).items()}
    for t in range(1, 4):
        opt.update(params, {k: np.ones_like(p) for k, p in params.items()})
        assert list(opt.state) == list(params)
        for k, p in params.items():
            by_shape = STATE_BY_SHAPE.get(name, {}).get(p.ndim, ())
            assert set(opt.state[k]) == {"step", *STATE_NAMES[name], *STATE_NUMBERS.get(name, ()), *by_shape}
            assert opt.state[k]["step"] == t
            for s in STATE_NAMES[name]:
                assert opt.state[k][s].shape == p.shape and opt.state[k][s] is not p


def test_state_values_after_one_step():
    g = np.array([3.0, -4.0])

    def one(name, **kw):
        opt = OPTIMIZERS[name](**kw)
        opt.update(np.zeros(2), g)
        return opt.state[Optimizer.SINGLE_KEY]

    np.testing.assert_array_equal(one("Momentum")["momentum_buffer"], g)            # b₁ = g
    np.testing.assert_array_equal(one("NAG")["momentum_buffer"], g)
    np.testing.assert_array_equal(one("AdaGrad")["sum"], g * g)                      # s₁ = g²
    np.testing.assert_array_equal(one("AdaGrad", initial_accumulator_value=0.5)["sum"], 0.5 + g * g)
    np.testing.assert_allclose(one("RMSProp")["square_avg"], 0.01 * g * g, rtol=1e-14)  # (1 − α) g²
    np.testing.assert_allclose(one("AdaDelta")["square_avg"], 0.1 * g * g, rtol=1e-14)
    state = one("Adam")
    np.testing.assert_allclose(state["exp_avg"], 0.1 * g, rtol=1e-14)              # (1 − β₁) g
    np.testing.assert_allclose(state["exp_avg_sq"], 0.001 * g * g, rtol=1e-12)     # (1 − β₂) g²


def test_adagrad_effective_step_size_only_shrinks(rng):
    """The figure's quantity, η/(√s + ε), from state['sum']."""
    opt = OPTIMIZERS["AdaGrad"](lr=0.1)
    x = rng.standard_normal(5)
    sizes = []
    for _ in range(20):
        opt.update(x, rng.standard_normal(5))
        sizes.append(0.1 / (np.sqrt(opt.state[Optimizer.SINGLE_KEY]["sum"]) + 1e-10))
    assert np.all(np.diff(np.array(sizes), axis=0) <= 0)


def test_adamw_decay_is_decoupled(rng):
    """AdamW's decay never enters m and v; Adam's L2 decay does."""
    g = [rng.standard_normal(3) for _ in range(5)]
    x0 = rng.standard_normal(3) + 2
    runs = {}
    for label, opt in [("adam", OPTIMIZERS["Adam"](lr=0.1)), ("adamw", OPTIMIZERS["AdamW"](lr=0.1, weight_decay=0.5)),
                       ("l2", OPTIMIZERS["Adam"](lr=0.1, weight_decay=0.5))]:
        x = x0.copy()
        for gt in g:
            opt.update(x, gt)
        runs[label] = opt.state[Optimizer.SINGLE_KEY]
    np.testing.assert_array_equal(runs["adamw"]["exp_avg"], runs["adam"]["exp_avg"])
    np.testing.assert_array_equal(runs["adamw"]["exp_avg_sq"], runs["adam"]["exp_avg_sq"])
    assert not np.allclose(runs["l2"]["exp_avg"], runs["adam"]["exp_avg"])
