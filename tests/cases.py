"""The one table of optimizer cases that every test loops over.

In the spirit of kozistr/pytorch_optimizer's ``tests/constants.py`` and optax's
``alias_test.py``: each name in :data:`optimizers.OPTIMIZERS` has a list of
constructor kwargs (the defaults first, then non-default settings, at least one
with ``weight_decay > 0``), and :data:`TORCH` says which ``torch.optim`` class
computes the same rule. ``test_every_optimizer_has_a_case`` fails the moment an
optimizer is registered without an entry here, so a new rule is never untested.

Adding an optimizer: add its cases and its torch counterpart (or ``None`` when
torch has none) below, then regenerate ``fixtures/torch_golden.json`` with
``.venv/bin/python tests/fixtures/make_torch_golden.py``.
"""

from __future__ import annotations

import inspect
from typing import Any

from optimizers import OPTIMIZERS

#: name → list of constructor kwargs. ``{}`` (the defaults) comes first.
CASES: dict[str, list[dict[str, Any]]] = {
    "SGD": [
        {},
        {"lr": 1e-3},
        {"lr": 2e-3, "weight_decay": 0.1},
    ],
    "Momentum": [
        {},
        {"lr": 1e-3, "momentum": 0.5},
        {"lr": 5e-4, "momentum": 0.95, "weight_decay": 0.05},
        {"lr": 2e-4, "momentum": 1.0},                       # the closed end of [0, 1]
    ],
    "NAG": [
        {},
        {"lr": 1e-3, "momentum": 0.5},
        {"lr": 5e-4, "momentum": 0.95, "weight_decay": 0.05},
        {"lr": 2e-4, "momentum": 1.0},                       # the closed end of [0, 1]
    ],
    "AdaGrad": [
        {},
        {"lr": 0.1, "eps": 1e-6},
        {"lr": 0.05, "initial_accumulator_value": 0.1, "weight_decay": 0.1},
    ],
    "RMSProp": [
        {},
        {"lr": 1e-3, "alpha": 0.9, "eps": 1e-6},
        {"lr": 3e-3, "alpha": 0.5, "weight_decay": 0.1},
        {"lr": 1e-3, "alpha": 0.0},                          # s = g²: a sign step
    ],
    "AdaDelta": [
        {},
        {"lr": 0.5, "rho": 0.95, "eps": 1e-4},
        {"rho": 0.5, "weight_decay": 0.1},
    ],
    "Adam": [
        {},
        {"lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-6},
        {"lr": 0.05, "betas": (0.0, 0.9), "weight_decay": 0.1},
    ],
    "AdamW": [
        {},
        {"lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.0},
        {"lr": 0.05, "betas": (0.5, 0.9), "weight_decay": 0.5},
    ],
    "Muon": [
        {},
        {"lr": 0.02, "momentum": 0.9, "nesterov": False, "weight_decay": 0.0},
        {"lr": 0.01, "ns_steps": 3, "adjust_lr_fn": "match_rms_adamw", "weight_decay": 0.05},
        {"lr": 0.01, "ns_coefficients": (1.5, -0.5, 0.0), "ns_steps": 8, "eps": 1e-3},
    ],
    "Adamax": [
        {},
        {"lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-6},
        {"lr": 0.05, "betas": (0.5, 0.9), "weight_decay": 0.1},
    ],
    # decoupled_weight_decay=True is checked against torch in tests/test_adam_variants.py: a flag is one value
    # for all K runs, so it cannot vary across the cases of this table (which are batched together)
    "NAdam": [
        {},
        {"lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-6, "momentum_decay": 0.05},
        {"lr": 0.05, "betas": (0.5, 0.9), "weight_decay": 0.1},
    ],
    "RAdam": [
        {},
        {"lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-6},      # β₂ = 0.99: rectified from step 6 too, rₜ grows faster
        {"lr": 0.05, "betas": (0.5, 0.9), "weight_decay": 0.1},
    ],
    "Lion": [
        {},
        {"lr": 1e-3, "betas": (0.8, 0.95)},
        {"lr": 5e-3, "betas": (0.95, 0.98), "weight_decay": 0.5},
        {"lr": 1e-3, "betas": (0.0, 1.0)},                   # the closed ends: sign(g) steps, a frozen momentum
    ],
    "Adafactor": [
        {},
        {"lr": 0.05, "beta2_decay": -0.5, "eps": (None, 1e-2)},
        {"lr": 0.02, "d": 2.0, "weight_decay": 0.1},
        {"lr": 0.5, "beta2_decay": -1.0, "eps": (None, 0.0), "d": 1.5},
    ],
    "SGDScheduleFree": [
        {},
        {"lr": 0.5, "momentum": 0.8, "warmup_steps": 3},
        {"lr": 0.1, "weight_decay": 0.1, "r": 1.0, "weight_lr_power": 1.0},
    ],
    "AdamWScheduleFree": [
        {},
        {"lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-6, "warmup_steps": 3},
        {"lr": 0.005, "weight_decay": 0.1, "r": 0.5, "weight_lr_power": 0.0},
    ],
}

#: name → (torch.optim class name, extra torch kwargs), or None if torch has no such rule.
#: The package's own defaults are always passed explicitly (torch's SGD defaults to
#: lr=1e-3 and momentum=0), and so is ``foreach=False``: the single-tensor code path.
TORCH: dict[str, tuple[str, dict[str, Any]] | None] = {
    "SGD": ("SGD", {}),
    "Momentum": ("SGD", {"nesterov": False}),
    "NAG": ("SGD", {"nesterov": True}),
    "AdaGrad": ("Adagrad", {}),
    "RMSProp": ("RMSprop", {}),
    "AdaDelta": ("Adadelta", {}),
    "Adam": ("Adam", {}),
    "AdamW": ("AdamW", {}),
    "Lion": None,                       # torch 2.13 has no Lion: tests/test_lion.py runs lion-pytorch
    "Adafactor": ("Adafactor", {}),
    # torch's Muon runs Newton–Schulz in bfloat16: compared in tests/test_muon.py with that cast removed
    "Muon": None,
    "Adamax": ("Adamax", {}),
    "NAdam": ("NAdam", {}),
    "RAdam": ("RAdam", {}),
    # torch has no schedule-free rule: compared with facebookresearch's schedulefree in tests/test_schedulefree.py
    "SGDScheduleFree": None,
    "AdamWScheduleFree": None,
}


def defaults(name: str) -> dict[str, Any]:
    """The constructor defaults of optimizer ``name``, read from its signature."""
    sig = inspect.signature(OPTIMIZERS[name].__init__)
    return {k: p.default for k, p in sig.parameters.items()
            if k != "self" and p.default is not inspect.Parameter.empty}


def full_kwargs(name: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    """Every hyperparameter of ``name``: its defaults, overridden by ``kwargs``."""
    return {**defaults(name), **kwargs}


def torch_spec(name: str, kwargs: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """(torch.optim class name, kwargs) computing the same rule as ``name(**kwargs)``."""
    entry = TORCH[name]
    if entry is None:
        return None
    cls, extra = entry
    kw = {k: tuple(v) if k == "betas" else v for k, v in full_kwargs(name, kwargs).items()}
    return cls, {**kw, **extra, "foreach": False}


def case_id(name: str, i: int) -> str:
    return f"{name}-{i}"


#: every (id, name, kwargs), flattened, in registry order.
ALL_CASES: list[tuple[str, str, dict[str, Any]]] = [
    (case_id(name, i), name, kwargs)
    for name in OPTIMIZERS if name in CASES and not OPTIMIZERS[name].matrix_only
    for i, kwargs in enumerate(CASES[name])
]
# The table's tests step vectors; a matrix-only rule (Muon) refuses them, and tests/test_muon.py runs its cases
# (golden file, torch live, float32, batched, bad input) on matrices instead.
