"""The defaults the printable handout quotes (docs/<lang>/handout.md), as values, so the sheet types no number.

* This package's defaults, which are torch.optim's, read from each class's signature
  (``study.handout.package.<Optimizer>.<argument>``; ``betas`` split into ``beta1`` and ``beta2``).
* Keras 3 and optax defaults (``study.handout.keras.<Optimizer>.<argument>``,
  ``study.handout.optax.<Optimizer>.<argument>``) are data, transcribed from the libraries exactly as the
  optimizer pages state them; ``tests/test_handout.py`` checks each against the table that
  ``tests/test_libraries.py`` verifies on the real libraries.

No figure: the handout is one table of numbers, not a plot.
"""

from __future__ import annotations

import inspect

from optimizers import GROUPS, OPTIMIZERS

from .studies import Study, register

#: Keras 3 defaults by our optimizer name: (Keras class, {argument: default}); Momentum and NAG are SGD's options
KERAS = {
    "SGD": ("SGD", {"learning_rate": 0.01}),
    "Momentum": ("SGD", {"learning_rate": 0.01}),
    "NAG": ("SGD", {"learning_rate": 0.01}),
    "AdaGrad": ("Adagrad", {"learning_rate": 0.001, "initial_accumulator_value": 0.1, "epsilon": 1e-7}),
    "RMSProp": ("RMSprop", {"learning_rate": 0.001, "rho": 0.9, "epsilon": 1e-7}),
    "AdaDelta": ("Adadelta", {"learning_rate": 0.001, "rho": 0.95, "epsilon": 1e-7}),
    "Adam": ("Adam", {"learning_rate": 0.001, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7}),
    "AdamW": ("AdamW", {"learning_rate": 0.001, "weight_decay": 0.004, "epsilon": 1e-7}),
}
#: optax defaults by our optimizer name: (optax function, {argument: default}); optax has no default lr
OPTAX = {
    "SGD": ("sgd", {}),
    "Momentum": ("sgd", {}),
    "NAG": ("sgd", {}),
    "AdaGrad": ("adagrad", {"initial_accumulator_value": 0.1, "eps": 1e-7}),
    "RMSProp": ("rmsprop", {"decay": 0.9, "eps": 1e-8}),
    "AdaDelta": ("adadelta", {"rho": 0.9, "eps": 1e-6}),
    "Adam": ("adam", {"b1": 0.9, "b2": 0.999, "eps": 1e-8}),
    "AdamW": ("adamw", {"weight_decay": 1e-4, "eps": 1e-8}),
}


def package_defaults(name: str) -> dict[str, float]:
    """The numeric defaults of one of our classes (torch.optim's), ``betas`` as ``beta1``/``beta2``."""
    out: dict[str, float] = {}
    for arg, p in inspect.signature(OPTIMIZERS[name].__init__).parameters.items():
        d = p.default
        if isinstance(d, tuple):
            out.update({f"beta{i}": float(b) for i, b in enumerate(d, 1)})
        elif isinstance(d, (int, float)) and not isinstance(d, bool):
            out[arg] = float(d)
    return out


def compute() -> dict:
    out: dict = {}
    for name in GROUPS["classic"]:          # the sheet holds the classics: two A4 pages at most
        out.update({f"package.{name}.{k}": v for k, v in package_defaults(name).items()})
        out.update({f"keras.{name}.{k}": float(v) for k, v in KERAS[name][1].items()})
        out.update({f"optax.{name}.{k}": float(v) for k, v in OPTAX[name][1].items()})
    return out


register(Study(name="handout", compute=compute))
