"""Schedule-free SGD and AdamW, as facebookresearch's ``schedulefree`` 1.4.1.

Schedule-free training keeps two sequences and shows a third:

* ``z``, the plain SGD (or AdamW) iterate, kept in ``state["z"]``;
* ``x``, a weighted average of the ``z`` so far: the point to evaluate, test and save;
* ``y = (1 − β) z + β x``, between the two: the point where gradients are taken.

The parameters hold ``y`` in train mode and ``x`` in eval mode. Like the reference's
``optimizer.train()`` / ``optimizer.eval()``, ``opt.train(params)`` and ``opt.eval(params)``
move the parameters between the two points, in place; and as in the reference, an optimizer
starts in eval mode and ``update`` refuses to run until ``train`` was called::

    opt = AdamWScheduleFree(lr=1e-3, warmup_steps=100)
    opt.train(params)                  # before training: params hold y
    for batch in data:
        opt.update(params, grads_at(params, batch))    # gradients taken at y, in train mode
    opt.eval(params)                   # before evaluating or saving: params hold x

Gradients must be taken in train mode, at the point the parameters then hold (``y``): a
gradient taken at ``x`` (after ``eval``) is a gradient at the wrong point.
"""

from __future__ import annotations

import math
from typing import Any, Mapping

import numpy as np

from .base import Optimizer, check_hyperparameter, weight_decay_gradient

__all__ = ["SGDScheduleFree", "AdamWScheduleFree"]


def _scalar(x):
    """A 0-d result as a Python float (float32 parameters stay float32), an array as it is."""
    return float(x) if np.ndim(x) == 0 else x


def _pow(a, b):
    """a ** b with Python's float power, as the reference computes its weights, element by element
    for K runs (NumPy's vectorised power may differ in the last bit, and a batched run must equal
    a single one)."""
    if np.ndim(a) == 0 and np.ndim(b) == 0:
        return float(a) ** float(b)
    a, b = np.broadcast_arrays(np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64))
    return np.array([x ** y for x, y in zip(a.ravel().tolist(), b.ravel().tolist())]).reshape(a.shape)


def _check_schedule(warmup_steps, r, weight_lr_power):
    """warmup_steps a whole number ≥ 0; r and weight_lr_power finite and ≥ 0 (the reference checks none)."""
    checked = warmup_steps = check_hyperparameter("warmup_steps value", warmup_steps, 0.0, math.inf, high_open=True)
    if not np.all(np.mod(checked, 1) == 0):
        raise ValueError(f"Invalid warmup_steps value: {warmup_steps!r} (a whole number of steps)")
    return dict(warmup_steps=checked,
                r=check_hyperparameter("r value", r, 0.0, math.inf, high_open=True),
                weight_lr_power=check_hyperparameter("weight_lr_power value", weight_lr_power, 0.0, math.inf,
                                                     high_open=True))


def _check_open_beta(label, value, what):
    """0 < value < 1: eval() divides by it, so 0 is refused too (the reference fails on it later)."""
    value = check_hyperparameter(label, value, 0.0, 1.0, high_open=True)
    if np.any(np.asarray(value) == 0):
        raise ValueError(f"Invalid {label}: {value!r} (schedule-free needs 0 < {what} < 1)")
    return value


class _ScheduleFree(Optimizer):
    """What both schedule-free rules share: the averaging weights, train/eval, and the mode.

    Besides the arrays of ``state_names``, each parameter's state holds the reference's
    per-group numbers, here per parameter like ``step``: ``lr_max`` (the largest scheduled
    learning rate so far, −1 before the first step) and ``weight_sum`` (the sum of the
    averaging weights so far): floats, or for K batched runs arrays of K values shaped to
    broadcast against the parameter, (K, 1, ..., 1).
    """

    def __init__(self, **hyperparameters: Any) -> None:
        super().__init__(**hyperparameters)
        #: True when the parameters hold y (train mode); False when they hold x (eval mode)
        self.train_mode = False
        #: scratch memory for the step's products, reused from step to step (see ``_scratch``)
        self._scratch_arrays: dict[tuple[np.dtype, int], np.ndarray] = {}

    def _scratch(self, like: np.ndarray, i: int = 0) -> np.ndarray:
        """Scratch array number ``i``, shaped and typed like ``like``, its contents undefined.

        A product such as ``c * z`` would otherwise be a new array on every step: memory to
        allocate and one more pass over it. Large parameters are updated block by block (``_apply``),
        so these arrays are the size of one block, kept on the optimizer and reused (not in
        ``state``: they hold nothing from one step to the next).
        """
        key = (like.dtype, i)
        flat = self._scratch_arrays.get(key)
        if flat is None or flat.size < like.size:
            flat = self._scratch_arrays[key] = np.empty(like.size, like.dtype)
        return flat[:like.size].reshape(like.shape)

    def _beta(self, hyper: dict[str, Any]):
        """β of y = (1 − β) z + β x, from the hyperparameters as ``_hyperparameters_for`` gives them."""
        raise NotImplementedError

    def _initial_state(self, name: str, param: np.ndarray) -> np.ndarray:
        if name == "z":
            return param.copy()                       # z₁ = x₁ = y₁: the starting point
        return super()._initial_state(name, param)

    # -- train / eval ------------------------------------------------------
    def train(self, params):
        r"""Put the parameters at :math:`y = (1-\beta) z + \beta x` (where gradients are taken).

        In place, like the reference's ``optimizer.train()``; does nothing in train mode.
        ``params`` must hold every parameter this optimizer has updated (a parameter it has
        not updated yet is at x = y = z and is left as it is). Everything is checked before
        any array is touched. Returns ``params``.
        """
        return self._switch(params, to_train=True)

    def eval(self, params):
        r"""Put the parameters at :math:`x`, the average (to evaluate, test or save).

        In place, like the reference's ``optimizer.eval()``; does nothing in eval mode.
        Same checks as ``train``. Returns ``params``.
        """
        return self._switch(params, to_train=False)

    def averaged(self, params):
        r"""A copy of ``params`` moved to :math:`x`, the average: what ``eval`` would give, without moving
        the parameters or leaving train mode. The 2-D runner plots and scores this point, as a user of the
        reference evaluates after ``optimizer.eval()``."""
        copy = params.copy() if isinstance(params, np.ndarray) else {k: np.array(v) for k, v in params.items()}
        mode = self.train_mode
        try:
            return self._switch(copy, to_train=False)
        finally:
            self.train_mode = mode

    def _switch(self, params, to_train: bool):
        call = "train" if to_train else "eval"
        if isinstance(params, np.ndarray):
            pairs = {self.SINGLE_KEY: params}
        elif isinstance(params, Mapping):
            pairs = dict(params)
        else:
            raise TypeError(f"{call}(params) takes the dict of ndarrays (or the ndarray) given to update, "
                            f"not {type(params).__name__}")
        missing = [k for k in self.state if k not in pairs]
        if missing:
            raise KeyError(f"{call}(params): parameter {missing[0]!r} has been updated by this optimizer but "
                           "is not in params; pass every parameter, or it would be left at the wrong point")
        held = [k for k in pairs if k in self.state]
        for key in held:
            p, z = pairs[key], self.state[key]["z"]
            if not isinstance(p, np.ndarray):
                raise TypeError(f"parameter {key!r} is a {type(p).__name__}, not an ndarray; "
                                f"{call} moves the parameters in place")
            if not np.issubdtype(p.dtype, np.floating):
                raise TypeError(f"parameter {key!r} has dtype {p.dtype}; it must be floating")
            if not p.flags.writeable:
                raise ValueError(f"parameter {key!r} is read-only and cannot be moved in place")
            if p.shape != z.shape:
                raise ValueError(f"parameter {key!r} has shape {p.shape} but its optimizer state has shape "
                                 f"{z.shape}")
        self._check_distinct({key: pairs[key] for key in held})
        if self.train_mode != to_train:
            for key in held:
                p, z = pairs[key], self.state[key]["z"]
                beta = self._beta(self._hyperparameters_for(p))
                if to_train:
                    p += (1 - beta) * (z - p)         # y ← x + (1 − β)(z − x) = (1 − β) z + β x
                else:
                    p += (1 - 1 / beta) * (z - p)     # x ← y + (1 − 1/β)(z − y) = (y − (1 − β) z) / β
            self.train_mode = to_train
        return params

    # -- the step ----------------------------------------------------------
    def update(self, params, grads):
        """One step, in place, with gradients taken at y: only in train mode (call ``train`` first)."""
        if not self.train_mode:
            raise RuntimeError(f"{type(self).__name__} is in eval mode: call opt.train(params) before "
                               "update (and take the gradients after it, at the point the parameters then "
                               "hold); the reference refuses a step in eval mode too")
        return super().update(params, grads)

    # --8<-- [start:schedulefree_schedule]
    def _schedule(self, state, lr, warmup_steps, r, weight_lr_power, **_):
        """The step's learning rate η_t and averaging weight c_t; updates lr_max and weight_sum."""
        t = state["step"]                                          # t = k + 1
        with np.errstate(divide="ignore"):
            lr_t = lr * np.minimum(1.0, np.divide(t, warmup_steps))  # η_t ← η min(1, t / T)
        lr_max = np.maximum(lr_t, state.get("lr_max", -1.0))       # η_max ← max(η_max, η_t)
        w = _pow(t, r) * _pow(lr_max, weight_lr_power)             # w_t ← t^r η_max^p
        weight_sum = state.get("weight_sum", 0.0) + w              # Σw ← Σw + w_t
        c = np.divide(w, weight_sum, out=np.zeros_like(weight_sum), where=weight_sum != 0)  # c ← w_t / Σw
        state["lr_max"], state["weight_sum"] = _scalar(lr_max), _scalar(weight_sum)
        return _scalar(lr_t), _scalar(c)
    # --8<-- [end:schedulefree_schedule]

    def _apply(self, p: np.ndarray, g: np.ndarray, state: dict[str, Any]) -> None:
        """The schedule once per parameter and step, then the rule, in blocks when large.

        The base class's blocking would run the schedule once per block; here it runs first,
        and ``_update`` (which acts element by element) gets η_t and c_t.
        """
        hyper = self._hyperparameters_for(p)
        lr_t, c = self._schedule(state, **hyper)
        rule = {k: v for k, v in hyper.items() if k not in ("lr", "warmup_steps", "r", "weight_lr_power")}
        arrays = [p, g] + [state[name] for name in self.state_names]
        n = p.size
        if n <= 2 * self.BLOCK or self.batch_size is not None or not all(a.flags.c_contiguous for a in arrays):
            self._update(p, g, state, lr_t=lr_t, c=c, **rule)
            return
        flat_p, flat_g = p.reshape(-1), g.reshape(-1)
        flat_state = {k: (v.reshape(-1) if k in self.state_names else v) for k, v in state.items()}
        for lo in range(0, n, self.BLOCK):
            sl = slice(lo, lo + self.BLOCK)
            block = {k: (v[sl] if k in self.state_names else v) for k, v in flat_state.items()}
            self._update(flat_p[sl], flat_g[sl], block, lr_t=lr_t, c=c, **rule)


class SGDScheduleFree(_ScheduleFree):
    r"""Schedule-free SGD (Defazio et al., 2024, "The Road Less Scheduled"), as
    ``schedulefree.SGDScheduleFree`` 1.4.1.

    .. math::

        z \leftarrow z - \eta_t\, g \qquad
        x \leftarrow (1 - c_t)\, x + c_t\, z \qquad
        y \leftarrow (1 - \beta)\, z + \beta\, x

    with :math:`g` the gradient at :math:`y` plus :math:`\lambda y`. The parameters hold
    :math:`y` in train mode, and the step moves them without computing :math:`x`:

    .. math::

        g \leftarrow g + \lambda y \qquad
        y \leftarrow (1 - c_t)\, y + c_t\, z + \eta_t\,(\beta(1 - c_t) - 1)\, g \qquad
        z \leftarrow z - \eta_t\, g

    Let :math:`\eta` be ``lr`` (1.0 by default, as the reference), :math:`\beta` be
    ``momentum``, :math:`\lambda` be ``weight_decay`` (an L2 term added to the gradient),
    :math:`z` be ``state["z"]`` (``z`` in the code), :math:`y` the parameters (``y``) and
    :math:`c_t` be ``c``; :math:`x = (y - (1-\beta) z)/\beta` is where ``eval`` puts them.

    The learning rate and the averaging weight of step :math:`t = 1, 2, \dots` (``_schedule``):

    .. math::

        \eta_t = \eta\,\min(1, t/T) \qquad
        \eta_{\max} \leftarrow \max(\eta_{\max}, \eta_t) \qquad
        w_t = t^{\,r}\,\eta_{\max}^{\,p} \qquad
        c_t = \frac{w_t}{\sum_{i \le t} w_i}

    with :math:`T` = ``warmup_steps`` (a linear warm-up; none when 0), :math:`r` = ``r`` (later
    points weigh more in the average when :math:`r > 0`) and :math:`p` = ``weight_lr_power``
    (points of the warm-up weigh less); :math:`\eta_{\max}` is ``state["lr_max"]`` and
    :math:`\sum w` is ``state["weight_sum"]``. :math:`c_t = 0` while every weight is 0 (``lr`` = 0).

    Validation as the reference's (``lr`` ≥ 0, ``weight_decay`` ≥ 0, 0 < ``momentum`` < 1), with
    torch.optim's words; also ``warmup_steps`` a whole number ≥ 0, ``r`` and
    ``weight_lr_power`` finite and ≥ 0 (the reference does not check those three).
    """

    state_names = ("z",)

    def _beta(self, hyper):
        return hyper["momentum"]

    def __init__(self, lr=1.0, momentum=0.9, weight_decay=0.0, warmup_steps=0, r=0.0, weight_lr_power=2.0):
        super().__init__(lr=check_hyperparameter("learning rate", lr),
                         momentum=_check_open_beta("momentum value", momentum, "momentum"),
                         weight_decay=check_hyperparameter("weight_decay value", weight_decay),
                         **_check_schedule(warmup_steps, r, weight_lr_power))

    # --8<-- [start:sgdschedulefree]
    def _update(self, p, g, state, lr_t, c, momentum, weight_decay):
        y, z, beta = p, state["z"], momentum
        buf = self._scratch(y)                                  # for each product: no new arrays
        g = weight_decay_gradient(y, g, weight_decay)           # g ← g + λ y
        y *= 1 - c                                              # y ← (1 − c) y
        y += np.multiply(c, z, out=buf)                         #     + c z
        y += np.multiply(lr_t * (beta * (1 - c) - 1), g, out=buf)   #     + η_t (β (1 − c) − 1) g
        z -= np.multiply(lr_t, g, out=buf)                      # z ← z − η_t g
    # --8<-- [end:sgdschedulefree]


class AdamWScheduleFree(_ScheduleFree):
    r"""Schedule-free AdamW (Defazio et al., 2024, "The Road Less Scheduled"), as
    ``schedulefree.AdamWScheduleFree`` 1.4.1.

    The step of ``SGDScheduleFree`` with the gradient divided by Adam's bias-corrected
    root mean square (and no first moment: the averaging plays its part):

    .. math::

        v \leftarrow \beta_2 v + (1-\beta_2)\, g^2 \qquad
        \hat v \leftarrow \frac{v}{1-\beta_2^t} \qquad
        \hat g \leftarrow \frac{g}{\sqrt{\hat v} + \epsilon} + \lambda y \\
        y \leftarrow (1 - c_t)\, y + c_t\, z + \eta_t\,(\beta_1(1 - c_t) - 1)\, \hat g \qquad
        z \leftarrow z - \eta_t\, \hat g

    Let :math:`\eta` be ``lr`` (0.0025 by default, as the reference), :math:`\beta_1, \beta_2`
    be ``betas`` (:math:`\beta_1` is the :math:`\beta` of :math:`y = (1-\beta_1) z + \beta_1 x`),
    :math:`\epsilon` be ``eps``, :math:`\lambda` be ``weight_decay`` (outside :math:`\hat v`,
    taken at :math:`y`), :math:`v` be ``state["exp_avg_sq"]``, :math:`z` be ``state["z"]``,
    :math:`y` the parameters and :math:`c_t` be ``c``; :math:`x = (y - (1-\beta_1) z)/\beta_1` is
    where ``eval`` puts them.

    The learning rate and the averaging weight of step :math:`t = 1, 2, \dots` (``_schedule``):

    .. math::

        \eta_t = \eta\,\min(1, t/T) \qquad
        \eta_{\max} \leftarrow \max(\eta_{\max}, \eta_t) \qquad
        w_t = t^{\,r}\,\eta_{\max}^{\,p} \qquad
        c_t = \frac{w_t}{\sum_{i \le t} w_i}

    with :math:`T` = ``warmup_steps`` (a linear warm-up; none when 0), :math:`r` = ``r`` (later
    points weigh more in the average when :math:`r > 0`) and :math:`p` = ``weight_lr_power``
    (points of the warm-up weigh less); :math:`\eta_{\max}` is ``state["lr_max"]`` and
    :math:`\sum w` is ``state["weight_sum"]``. :math:`c_t = 0` while every weight is 0 (``lr`` = 0).

    The reference checks none of its arguments; here they are checked with torch.optim's
    words: ``lr``, ``eps``, ``weight_decay`` ≥ 0, 0 < β₁ < 1 (``eval`` divides by β₁),
    0 ≤ β₂ < 1, ``warmup_steps`` a whole number ≥ 0, ``r`` and ``weight_lr_power`` finite and ≥ 0.
    """

    state_names = ("z", "exp_avg_sq")

    def __init__(self, lr=0.0025, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, warmup_steps=0, r=0.0,
                 weight_lr_power=2.0):
        try:
            beta1, beta2 = betas
        except (TypeError, ValueError):
            raise ValueError(f"Invalid betas: {betas!r} (expected a pair (beta1, beta2))") from None
        super().__init__(lr=check_hyperparameter("learning rate", lr),
                         betas=(_check_open_beta("beta parameter at index 0", beta1, "beta1"),
                                check_hyperparameter("beta parameter at index 1", beta2, 0.0, 1.0, high_open=True)),
                         eps=check_hyperparameter("epsilon value", eps),
                         weight_decay=check_hyperparameter("weight_decay value", weight_decay),
                         **_check_schedule(warmup_steps, r, weight_lr_power))

    def _beta(self, hyper):
        return hyper["betas"][0]

    # --8<-- [start:adamwschedulefree]
    def _update(self, p, g, state, lr_t, c, betas, eps, weight_decay):
        beta1, beta2 = betas
        y, z, v, t = p, state["z"], state["exp_avg_sq"], state["step"]
        buf, g_hat = self._scratch(y), self._scratch(y, 1)     # no new arrays
        v *= beta2
        v += np.multiply(1 - beta2, np.square(g, out=buf), out=buf)   # v ← β₂ v + (1 − β₂) g²
        v_hat = np.divide(v, 1 - beta2 ** t, out=buf)           # v̂ ← v / (1 − β₂ᵗ)
        denom = np.add(np.sqrt(v_hat, out=buf), eps, out=buf)   # √v̂ + ε
        g_hat = np.divide(g, denom, out=g_hat)                  # ĝ ← g / (√v̂ + ε)
        g_hat = weight_decay_gradient(y, g_hat, weight_decay)   #     + λ y
        y *= 1 - c                                              # y ← (1 − c) y
        y += np.multiply(c, z, out=buf)                         #     + c z
        y += np.multiply(lr_t * (beta1 * (1 - c) - 1), g_hat, out=buf)   #     + η_t (β₁ (1 − c) − 1) ĝ
        z -= np.multiply(lr_t, g_hat, out=buf)                  # z ← z − η_t ĝ
    # --8<-- [end:adamwschedulefree]
