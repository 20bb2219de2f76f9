"""How far other libraries' ε conventions move a step: the numbers behind the pages' library notes.

The facts about the libraries are data here (``KERAS``), transcribed from their code;
``tests/test_libraries.py`` checks each against the real library (Keras on the JAX backend),
and checks every number computed below against a real Keras step. The numbers themselves are
computed from the formulas with this package, so a page quotes ``{{ value:study.libraries.<key> }}``
and never types one.

* Keras' Adam (and the book's) folds the bias correction into the learning rate and adds its
  ε̂ to √v, not to √v̂. It is torch's Adam with ε_t = ε̂ / √(1 − β₂ᵗ), an ε that changes every
  step: at t = 1 it is ε̂ / √(1 − β₂) ≈ 31.6 ε̂. With our package that is one ``Adam`` step with
  that ε, next to one with torch's default.
* Keras' RMSprop puts ε inside the square root, √(s + ε), so ε acts as a floor √ε on the
  denominator, not as ε. Our package has ε outside only, so that form is the one-line formula
  below.
"""

from __future__ import annotations

import numpy as np

from optimizers import Adam, RMSProp

from .studies import Study, register

#: Keras 3 defaults the pages quote (checked against keras.optimizers by tests/test_libraries.py)
KERAS = {
    "adam_epsilon": 1e-7,          # keras.optimizers.Adam(epsilon=1e-7), added to √v (folded form)
    "rmsprop_epsilon": 1e-7,       # keras.optimizers.RMSprop(epsilon=1e-7), inside √(s + ε)
}
#: gradient sizes at which the first steps are compared
PROBE_GRADS = (1e-3, 1e-4, 1e-5, 1e-6)


def _first_step(opt, g: float) -> float:
    p = np.zeros(1)
    opt.update(p, np.full(1, g))
    return float(-p[0])


def keras_adam_first_step_ratio(g: float, eps_hat: float = KERAS["adam_epsilon"]) -> float:
    """Keras' first Adam step over torch's (both at their default ε), at gradient ``g``."""
    torch_like = Adam()
    beta2 = torch_like.betas[1]
    keras_like = Adam(eps=eps_hat / np.sqrt(1 - beta2))     # ε_1 = ε̂ / √(1 − β₂¹)
    return _first_step(keras_like, g) / _first_step(torch_like, g)


def keras_rmsprop_first_step_ratio(g: float, eps: float = KERAS["rmsprop_epsilon"]) -> float:
    """Keras' first RMSprop step (ε inside the root) over torch's, the same α and lr for both."""
    torch_like = RMSProp()
    alpha, lr = torch_like.alpha, torch_like.lr
    s = (1 - alpha) * g * g
    keras_step = lr * g / np.sqrt(s + eps)                 # η g / √(s + ε)
    return keras_step / _first_step(torch_like, g)


def _key(g: float) -> str:
    return f"{-int(round(np.log10(g)))}"                   # 1e-5 → "5"


def compute() -> dict:
    adam, rms = Adam(), RMSProp()
    beta2 = adam.betas[1]
    out: dict = {
        "keras_adam_epsilon": KERAS["adam_epsilon"], "torch_adam_eps": adam.eps,
        "beta2": beta2,
        # ε̂ in torch's terms: ε_t = ε̂ / √(1 − β₂ᵗ)
        "keras_adam_eps_t1": float(KERAS["adam_epsilon"] / np.sqrt(1 - beta2)),
        "keras_adam_eps_t100": float(KERAS["adam_epsilon"] / np.sqrt(1 - beta2 ** 100)),
        "keras_adam_eps_t1000": float(KERAS["adam_epsilon"] / np.sqrt(1 - beta2 ** 1000)),
        "keras_rmsprop_epsilon": KERAS["rmsprop_epsilon"], "torch_rmsprop_eps": rms.eps,
        "keras_rmsprop_sqrt_eps": float(np.sqrt(KERAS["rmsprop_epsilon"])),
        "rmsprop_alpha": rms.alpha,
    }
    for g in PROBE_GRADS:
        out[f"g{_key(g)}"] = g
        out[f"keras_adam_ratio_g{_key(g)}"] = keras_adam_first_step_ratio(g)
        out[f"keras_rmsprop_ratio_g{_key(g)}"] = keras_rmsprop_first_step_ratio(g)
    return out


register(Study(name="libraries", compute=compute))
