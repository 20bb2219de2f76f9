r"""Learning-rate schedules, with torch.optim.lr_scheduler's names, arguments and numbers.

Attached the way torch attaches them::

    opt = Adam(lr=1e-3)
    sched = CosineAnnealingLR(opt, T_max=100)
    for t in range(steps):
        opt.update(params, grads)
        sched.step()                  # after each update, as in torch
    opt.lr, sched.get_last_lr()       # the current learning rate

Each schedule computes its values with the same expressions, in the same order,
as torch 2.13 (including the recursive, "chainable" forms), so the sequences agree
with torch's to the last bit. That includes torch's own quirks, which the site
shows rather than hides: ``CosineAnnealingLR`` rises again after ``T_max`` (its
cosine has period ``2 T_max``), and ``OneCycleLR`` refuses to step past
``total_steps``.

With K batched runs (``lr`` a length-K array, or any hyperparameter batched) the
runs play the part of torch's K param groups: ``base_lrs`` holds the K values,
every run's lr is scaled by the schedule from its own starting value, and
``get_last_lr()`` returns K numbers. OneCycleLR's ``max_lr``, ``base_momentum``
and ``max_momentum`` may likewise be one number or K.

What is refused, and how: arguments are checked when the schedule is made, with
torch's messages where torch has a check and in torch's style where it has none
(torch lets ``T_max=0`` or ``step_size=0`` through and fails with a
ZeroDivisionError at some later step). A refused construction or step leaves the
optimizer and the schedule as they were: the new values are written to the
optimizer in one validated call (``Optimizer.set_hyperparameters``), last.

Not here: resuming with ``last_epoch >= 0`` (use ``state_dict`` /
``load_state_dict``), ``step(epoch)``, and torch's warnings about calling
``step()`` before the optimizer's step.
"""

from __future__ import annotations

import math
import numbers
from bisect import bisect_right
from collections import Counter
from typing import Any, Iterable

import numpy as np

from .base import Optimizer

__all__ = ["LRScheduler", "StepLR", "MultiStepLR", "ExponentialLR", "CosineAnnealingLR",
           "CosineAnnealingWarmRestarts", "LinearLR", "SequentialLR", "OneCycleLR"]


# -- argument checks (torch's messages where torch has them) --------------------------------------

def _is_int(value: Any) -> bool:
    return isinstance(value, numbers.Integral)


def _positive_int(name: str, value: Any) -> int:
    if not _is_int(value) or value <= 0:
        raise ValueError(f"Expected positive integer {name}, but got {value!r}")
    return int(value)


def _real(name: str, value: Any, low: float | None = 0.0, *, strict: bool = False) -> float:
    """A real number (not text, not NaN), at least ``low`` (above it if ``strict``)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, numbers.Real):
        raise TypeError(f"Expected float or int {name}, but got {value!r} of type {type(value).__name__}")
    value = float(value)
    if low is not None and not (value > low if strict else value >= low):
        raise ValueError(f"Expected {'positive' if strict and low == 0 else 'non-negative'} {name}, "
                         f"but got {value}")
    return value


def _check_optimizer(optimizer: Any) -> Optimizer:
    if not isinstance(optimizer, Optimizer):
        raise TypeError(f"{type(optimizer).__name__} is not an Optimizer")
    return optimizer


def _check_last_epoch(last_epoch: Any) -> None:
    if last_epoch != -1:
        raise ValueError(f"last_epoch={last_epoch!r}: only a fresh schedule (last_epoch=-1) is supported; "
                         "to resume one, use state_dict() and load_state_dict()")


def _runs(optimizer: Optimizer) -> int:
    """How many param groups torch would have: K batched runs, or one."""
    return optimizer.batch_size or 1


def _per_run(optimizer: Optimizer, value: Any) -> list[float]:
    """A hyperparameter's value for each run, as Python floats."""
    return [float(v) for v in np.broadcast_to(np.asarray(value, dtype=np.float64), (_runs(optimizer),))]


def _format_param(name: str, optimizer: Optimizer, param: Any) -> list[float]:
    """torch's _format_param: one value for every run, or a list with one per run."""
    if isinstance(param, (list, tuple, np.ndarray)):
        values = list(np.asarray(param).reshape(-1)) if isinstance(param, np.ndarray) else list(param)
        if len(values) != _runs(optimizer):
            raise ValueError(f"{name} must have the same length as optimizer.param_groups. "
                             f"{name} has {len(values)} values, param_groups has {_runs(optimizer)}.")
    else:
        values = [param] * _runs(optimizer)
    return [_real(name, v) for v in values]


def _pack(optimizer: Optimizer, values: list[float]) -> float | np.ndarray:
    """What the optimizer stores: a Python float for one run, a float64 array for K."""
    return float(values[0]) if optimizer.batch_size is None else np.array(values, dtype=np.float64)


class LRScheduler:
    """Base class, as torch's: ``step()`` after each update, ``get_last_lr()``, ``base_lrs``.

    A subclass implements ``get_lr()`` (the next values, from ``last_epoch`` and the
    optimizer's current lr) in torch's words, and optionally ``_get_closed_form_lr()``.
    """

    _is_initial: bool = False

    def __init__(self, optimizer: Optimizer, last_epoch: int = -1) -> None:
        _check_optimizer(optimizer)
        _check_last_epoch(last_epoch)
        self.optimizer = optimizer
        # torch: group.setdefault("initial_lr", group["lr"]). Kept here, and written to the
        # optimizer only once the first step has succeeded.
        self._group: dict[str, list[float]] = {**optimizer.schedule_values,
                                               **getattr(self, "_group_updates", {})}
        self._group.setdefault("initial_lr", self._current_lrs())
        self.base_lrs: list[float] = list(self._group["initial_lr"])
        self.last_epoch = last_epoch
        self._initial_step()
        optimizer.schedule_values.update(self._group)

    # -- torch's protocol ----------------------------------------------------------------------
    def _initial_step(self) -> None:
        self._step_count = 0
        self._is_initial = True
        try:
            self.step()
        finally:
            self._is_initial = False

    def step(self) -> None:
        """Advance one step and write the new learning rate (and momentum) to the optimizer."""
        saved = dict(self.__dict__)
        try:
            self._step_count += 1
            self._update_lr()
        except BaseException:
            self.__dict__.clear()
            self.__dict__.update(saved)
            raise

    def _update_lr(self, epoch: int | None = None) -> None:
        saved = dict(self.__dict__)
        try:
            self._next_momentum: list[float] | None = None
            if epoch is None:
                self.last_epoch += 1
                values = self.get_lr()
            else:
                self.last_epoch = epoch
                closed = getattr(self, "_get_closed_form_lr", None)
                values = closed() if closed is not None else self.get_lr()
            self._write(values, self._next_momentum)
        except BaseException:
            self.__dict__.clear()
            self.__dict__.update(saved)
            raise
        self._last_lr = self._current_lrs()

    def get_lr(self) -> list[float]:
        raise NotImplementedError

    def get_last_lr(self) -> list[float]:
        """The learning rate of each run (one value unless the optimizer holds K runs)."""
        return list(self._last_lr)

    def state_dict(self) -> dict[str, Any]:
        """Everything but the optimizer, as torch's."""
        return {k: v for k, v in self.__dict__.items() if k != "optimizer"}

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        self.__dict__.update(state_dict)

    # -- reading and writing the optimizer -----------------------------------------------------
    def _current_lrs(self) -> list[float]:
        return _per_run(self.optimizer, self.optimizer.lr)

    def _write(self, lrs: list[float], momentum: list[float] | None = None) -> None:
        """Set lr (and momentum or β₁) in one validated call: all of it, or none of it."""
        lrs = [float(v) for v in lrs]
        if len(lrs) != _runs(self.optimizer):
            raise ValueError(f"{type(self).__name__} computed {len(lrs)} learning rates for "
                             f"{_runs(self.optimizer)} run(s)")
        changes: dict[str, Any] = {"lr": _pack(self.optimizer, lrs)}
        if momentum is not None:
            if "betas" in self.optimizer.hyperparameters:
                changes["betas"] = (_pack(self.optimizer, momentum), *self.optimizer.betas[1:])
            else:
                changes["momentum"] = _pack(self.optimizer, momentum)
        try:
            self.optimizer.set_hyperparameters(**changes)
        except ValueError as e:
            shown = ", ".join(f"{k}={v!r}" for k, v in changes.items())
            raise ValueError(f"{type(self).__name__} at step {self.last_epoch} computed {shown}, which "
                             f"{type(self.optimizer).__name__} refuses: {e}") from e

    def _group_lrs(self) -> list[float]:
        """torch's [group["lr"] for group in optimizer.param_groups]."""
        return self._current_lrs()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(last_epoch={self.last_epoch}, lr={self.get_last_lr()})"


def _check_gamma(gamma: Any) -> float:
    return _real("gamma", gamma)


class StepLR(LRScheduler):
    r"""Multiply the learning rate by ``gamma`` every ``step_size`` steps.

    .. math:: \eta_t = \eta_0\,\gamma^{\lfloor t / s \rfloor}

    Let :math:`\eta_0` be the optimizer's lr when the schedule is made, :math:`s` be
    ``step_size`` and :math:`\gamma` be ``gamma``.
    """

    def __init__(self, optimizer: Optimizer, step_size: int, gamma: float = 0.1, last_epoch: int = -1) -> None:
        self.step_size = _positive_int("step_size", step_size)
        self.gamma = _check_gamma(gamma)
        super().__init__(optimizer, last_epoch)

    def get_lr(self) -> list[float]:
        if (self.last_epoch == 0) or (self.last_epoch % self.step_size != 0):
            return self._group_lrs()
        return [lr * self.gamma for lr in self._group_lrs()]

    def _get_closed_form_lr(self) -> list[float]:
        return [base_lr * self.gamma ** (self.last_epoch // self.step_size) for base_lr in self.base_lrs]


class MultiStepLR(LRScheduler):
    r"""Multiply the learning rate by ``gamma`` at each of the ``milestones``.

    .. math:: \eta_t = \eta_0\,\gamma^{\#\{m \in \text{milestones} : m \le t\}}

    Milestones must not decrease (torch's documentation: "Must be increasing"); one
    given twice decays twice, as in torch.
    """

    def __init__(self, optimizer: Optimizer, milestones: Iterable[int], gamma: float = 0.1,
                 last_epoch: int = -1) -> None:
        milestones = _check_milestones(milestones)
        self.milestones = Counter(milestones)
        self.gamma = _check_gamma(gamma)
        super().__init__(optimizer, last_epoch)

    def get_lr(self) -> list[float]:
        if self.last_epoch not in self.milestones:
            return self._group_lrs()
        return [lr * self.gamma ** self.milestones[self.last_epoch] for lr in self._group_lrs()]

    def _get_closed_form_lr(self) -> list[float]:
        milestones = sorted(self.milestones.elements())
        return [base_lr * self.gamma ** bisect_right(milestones, self.last_epoch) for base_lr in self.base_lrs]


def _check_milestones(milestones: Any, strictly: bool = False) -> list[int]:
    """A list of integers in increasing order (old torch's message; torch 2 no longer checks)."""
    if isinstance(milestones, (str, bytes)) or not isinstance(milestones, Iterable):
        raise TypeError(f"Milestones should be a list of increasing integers. Got {milestones!r}")
    values = list(milestones)
    if not all(_is_int(m) and not isinstance(m, bool) for m in values):
        raise TypeError(f"Milestones should be a list of increasing integers. Got {values!r}")
    ordered = all(a < b if strictly else a <= b for a, b in zip(values, values[1:]))
    if not ordered:
        raise ValueError(f"Milestones should be a list of increasing integers. Got {values!r}")
    return [int(m) for m in values]


class ExponentialLR(LRScheduler):
    r"""Multiply the learning rate by ``gamma`` every step: :math:`\eta_t = \eta_0\,\gamma^t`."""

    def __init__(self, optimizer: Optimizer, gamma: float, last_epoch: int = -1) -> None:
        self.gamma = _check_gamma(gamma)
        super().__init__(optimizer, last_epoch)

    def get_lr(self) -> list[float]:
        if self._is_initial:
            return self._group_lrs()
        return [lr * self.gamma for lr in self._group_lrs()]

    def _get_closed_form_lr(self) -> list[float]:
        return [base_lr * self.gamma ** self.last_epoch for base_lr in self.base_lrs]


class CosineAnnealingLR(LRScheduler):
    r"""Cosine annealing from the initial lr down to ``eta_min`` over ``T_max`` steps.

    .. math::

        \eta_t = \eta_{\min} + \tfrac12(\eta_0 - \eta_{\min})\bigl(1 + \cos(\pi t / T_{\max})\bigr)

    computed, as torch computes it, by the recursion
    :math:`\eta_{t} = \eta_{\min} + (\eta_{t-1} - \eta_{\min})\,
    \frac{1 + \cos(\pi t/T_{\max})}{1 + \cos(\pi (t-1)/T_{\max})}`.
    Pitfall: nothing stops at ``T_max``. The cosine goes on, so after ``T_max`` steps
    the learning rate rises again, back to :math:`\eta_0` at ``2 T_max`` (torch does
    the same; stop stepping, or use SequentialLR, to hold the minimum).
    """

    def __init__(self, optimizer: Optimizer, T_max: int, eta_min: float = 0.0, last_epoch: int = -1) -> None:
        self.T_max = _positive_int("T_max", T_max)
        self.eta_min = _real("eta_min", eta_min)
        super().__init__(optimizer, last_epoch)

    # --8<-- [start:cosine]
    def get_lr(self) -> list[float]:
        if self._is_initial:
            return self._group_lrs()
        elif self._step_count == 1 and self.last_epoch > 0:
            return [self.eta_min + (base_lr - self.eta_min) * (1 + math.cos((self.last_epoch) * math.pi / self.T_max))
                    / 2 for base_lr in self.base_lrs]
        elif (self.last_epoch - 1 - self.T_max) % (2 * self.T_max) == 0:
            return [lr + (base_lr - self.eta_min) * (1 - math.cos(math.pi / self.T_max)) / 2
                    for base_lr, lr in zip(self.base_lrs, self._group_lrs(), strict=True)]
        return [(1 + math.cos(math.pi * self.last_epoch / self.T_max))
                / (1 + math.cos(math.pi * (self.last_epoch - 1) / self.T_max))
                * (lr - self.eta_min) + self.eta_min
                for lr in self._group_lrs()]

    def _get_closed_form_lr(self) -> list[float]:
        return [self.eta_min + (base_lr - self.eta_min) * (1 + math.cos(math.pi * self.last_epoch / self.T_max)) / 2
                for base_lr in self.base_lrs]
    # --8<-- [end:cosine]


class CosineAnnealingWarmRestarts(LRScheduler):
    r"""Cosine annealing restarted every :math:`T_i` steps (SGDR), :math:`T_{i+1} = T_{\text{mult}}\,T_i`.

    .. math::

        \eta_t = \eta_{\min} + \tfrac12(\eta_0 - \eta_{\min})\bigl(1 + \cos(\pi T_{cur} / T_i)\bigr)

    Let :math:`T_0` be ``T_0``, :math:`T_{\text{mult}}` be ``T_mult`` and
    :math:`T_{cur}` the steps since the last restart.
    """

    def __init__(self, optimizer: Optimizer, T_0: int, T_mult: int = 1, eta_min: float = 0.0,
                 last_epoch: int = -1) -> None:
        if not isinstance(T_0, int) or T_0 <= 0:
            raise ValueError(f"Expected positive integer T_0, but got {T_0}")
        if not isinstance(T_mult, int) or T_mult < 1:
            raise ValueError(f"Expected integer T_mult >= 1, but got {T_mult}")
        if not isinstance(eta_min, (float, int)):
            raise ValueError(f"Expected float or int eta_min, but got {eta_min} of type {type(eta_min)}")
        self.T_0 = T_0
        self.T_i = T_0
        self.T_mult = T_mult
        self.eta_min = _real("eta_min", eta_min)
        self.T_cur = last_epoch
        super().__init__(optimizer, last_epoch)

    def get_lr(self) -> list[float]:
        return [self.eta_min + (base_lr - self.eta_min) * (1 + math.cos(math.pi * self.T_cur / self.T_i)) / 2
                for base_lr in self.base_lrs]

    def step(self) -> None:
        saved = dict(self.__dict__)
        try:
            if self.last_epoch < 0:
                epoch = 0
                self.T_i = self.T_0
                self.T_cur = epoch
            else:
                epoch = self.last_epoch + 1
                self.T_cur = self.T_cur + 1
                if self.T_cur >= self.T_i:
                    self.T_cur = self.T_cur % self.T_i
                    self.T_i = self.T_i * self.T_mult
            self.last_epoch = math.floor(epoch)
            self._write(self.get_lr())
        except BaseException:
            self.__dict__.clear()
            self.__dict__.update(saved)
            raise
        self._last_lr = self._current_lrs()


class LinearLR(LRScheduler):
    r"""Scale the learning rate linearly from ``start_factor`` to ``end_factor`` over ``total_iters`` steps.

    .. math::

        \eta_t = \eta_0\Bigl(s + (e - s)\,\frac{\min(t, T)}{T}\Bigr)

    Let :math:`s` be ``start_factor``, :math:`e` be ``end_factor`` and :math:`T` be
    ``total_iters``. With ``start_factor`` small and ``end_factor=1`` it is the usual
    linear warm-up.
    """

    def __init__(self, optimizer: Optimizer, start_factor: float = 1.0 / 3, end_factor: float = 1.0,
                 total_iters: int = 5, last_epoch: int = -1) -> None:
        start_factor = _real("start_factor", start_factor, None)
        end_factor = _real("end_factor", end_factor, None)
        if start_factor > 1.0 or start_factor <= 0:
            raise ValueError("Starting multiplicative factor expected to be greater than 0 and less or equal to 1.")
        if end_factor > 1.0 or end_factor < 0:
            raise ValueError("Ending multiplicative factor expected to be between 0 and 1.")
        self.start_factor = start_factor
        self.end_factor = end_factor
        self.total_iters = _positive_int("total_iters", total_iters)
        super().__init__(optimizer, last_epoch)

    def get_lr(self) -> list[float]:
        if self.last_epoch == 0:
            return [lr * self.start_factor for lr in self._group_lrs()]
        if self._is_initial or self.last_epoch > self.total_iters:
            return self._group_lrs()
        return [lr * (1.0 + (self.end_factor - self.start_factor)
                      / (self.total_iters * self.start_factor
                         + (self.last_epoch - 1) * (self.end_factor - self.start_factor)))
                for lr in self._group_lrs()]

    # --8<-- [start:linear]
    def _get_closed_form_lr(self) -> list[float]:
        return [base_lr * (self.start_factor + (self.end_factor - self.start_factor)
                           * min(self.total_iters, self.last_epoch) / self.total_iters)
                for base_lr in self.base_lrs]
    # --8<-- [end:linear]


class SequentialLR(LRScheduler):
    """Run ``schedulers`` one after another, switching at ``milestones`` (e.g. warm-up, then cosine).

    ``SequentialLR(opt, [LinearLR(opt, 0.1, total_iters=5), CosineAnnealingLR(opt, T_max=95)],
    milestones=[5])``: at each milestone the next schedule starts from its own step 0
    (its closed form), as in torch.
    """

    def __init__(self, optimizer: Optimizer, schedulers: list[LRScheduler], milestones: list[int],
                 last_epoch: int = -1) -> None:
        _check_optimizer(optimizer)
        _check_last_epoch(last_epoch)
        schedulers = list(schedulers)
        if len(schedulers) < 1:
            raise ValueError(f"{self.__class__.__name__} expects at least one scheduler, but got no scheduler.")
        for scheduler_idx, scheduler in enumerate(schedulers):
            if not hasattr(scheduler, "optimizer"):
                raise TypeError(f"{self.__class__.__name__} at index {scheduler_idx} should have `optimizer` "
                                "as its attribute.")
            if not isinstance(scheduler, LRScheduler):
                raise TypeError(f"{self.__class__.__name__} at index {scheduler_idx} is a "
                                f"{type(scheduler).__name__}, not a schedule of this package")
            if optimizer is not scheduler.optimizer:
                raise ValueError(f"{self.__class__.__name__} expects all schedulers to belong to the same "
                                 f"optimizer, but got scheduler {scheduler.__class__.__name__} at index "
                                 f"{scheduler_idx} has {scheduler.optimizer}, which is different from "
                                 f"{optimizer.__class__.__name__}.")
        milestones = _check_milestones(milestones, strictly=True)
        if len(milestones) != len(schedulers) - 1:
            raise ValueError("Sequential Schedulers expects number of schedulers provided to be one more than the "
                             f"number of milestone points, but got number of schedulers {len(schedulers)} and the "
                             f"number of milestones to be equal to {len(milestones)}")
        self._schedulers = schedulers
        self._milestones = milestones
        self.optimizer = optimizer
        saved = [dict(s.__dict__) for s in self._all_schedulers()]
        saved_lr = optimizer.lr
        try:
            self.last_epoch = last_epoch + 1
            # Reset learning rates back to initial values
            self._write(optimizer.schedule_values["initial_lr"])
            # "Undo" the step performed by other schedulers
            self.recursive_undo()
            # Perform the initial step for only the scheduler meant to run at step 0.
            idx = bisect_right(self._milestones, 0)
            self._schedulers[idx]._initial_step()
        except BaseException:
            for s, d in zip(self._all_schedulers(), saved):
                s.__dict__.clear()
                s.__dict__.update(d)
            optimizer.lr = saved_lr
            raise
        self._last_lr = schedulers[idx].get_last_lr()

    def _all_schedulers(self, sched: Any = None) -> list[LRScheduler]:
        out = []
        for s in (self if sched is None else sched)._schedulers:
            out.append(s)
            if hasattr(s, "_schedulers"):
                out.extend(self._all_schedulers(s))
        return out

    def recursive_undo(self, sched: Any = None) -> None:
        """Undo the initial step each wrapped schedule took when it was made."""
        scheds = self if sched is None else sched
        if hasattr(scheds, "_schedulers"):
            for s in scheds._schedulers:
                self.recursive_undo(s)
        elif hasattr(scheds, "last_epoch"):
            scheds.last_epoch -= 1

    def step(self) -> None:
        epoch = self.last_epoch + 1
        idx = bisect_right(self._milestones, epoch)
        scheduler = self._schedulers[idx]
        if idx > 0 and self._milestones[idx - 1] == epoch:
            scheduler._update_lr(0)
        else:
            scheduler.step()
        self.last_epoch = epoch                      # only once the wrapped schedule has stepped
        self._last_lr = scheduler.get_last_lr()

    def state_dict(self) -> dict[str, Any]:
        state = {k: v for k, v in self.__dict__.items() if k not in ("optimizer", "_schedulers")}
        state["_schedulers"] = [s.state_dict() for s in self._schedulers]
        return state

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        state = dict(state_dict)
        schedulers = state.pop("_schedulers")
        self.__dict__.update(state)
        for s, d in zip(self._schedulers, schedulers):
            s.load_state_dict(d)


class OneCycleLR(LRScheduler):
    r"""The 1cycle policy (Smith & Topin, 2017), as torch's: up to ``max_lr``, then far below the start.

    The lr anneals from ``max_lr / div_factor`` up to ``max_lr`` over the first
    ``pct_start`` of ``total_steps``, then down to ``initial_lr / final_div_factor``
    (cosine by default, ``anneal_strategy="linear"`` for straight lines). With
    ``cycle_momentum`` the momentum moves the other way, between ``max_momentum`` and
    ``base_momentum``: the optimizer's ``momentum`` (Momentum, NAG) or its β₁ (Adam-type,
    ``betas[0]``). ``three_phase=True`` is the paper's form. Like torch, it cannot be
    stepped past ``total_steps``.

    Pitfall, torch's too: the last step allowed (``last_epoch == total_steps``) lies one
    step beyond the end of the last phase, so the schedule extrapolates. With
    ``anneal_strategy="linear"`` that gives a negative learning rate, which torch sets
    silently; here the optimizer refuses it (ValueError, nothing changed). Stop after
    ``total_steps - 1`` steps, as a training loop of ``total_steps`` updates does.
    """

    def __init__(self, optimizer: Optimizer, max_lr: float | list[float], total_steps: int | None = None,
                 epochs: int | None = None, steps_per_epoch: int | None = None, pct_start: float = 0.3,
                 anneal_strategy: str = "cos", cycle_momentum: bool = True,
                 base_momentum: float | list[float] = 0.85, max_momentum: float | list[float] = 0.95,
                 div_factor: float = 25.0, final_div_factor: float = 1e4, three_phase: bool = False,
                 last_epoch: int = -1) -> None:
        _check_optimizer(optimizer)
        _check_last_epoch(last_epoch)
        if total_steps is not None:
            if not isinstance(total_steps, int) or total_steps <= 0:
                raise ValueError(f"Expected positive integer total_steps, but got {total_steps}")
            self.total_steps = total_steps
        elif epochs is not None and steps_per_epoch is not None:
            if not isinstance(epochs, int) or epochs <= 0:
                raise ValueError(f"Expected positive integer epochs, but got {epochs}")
            if not isinstance(steps_per_epoch, int) or steps_per_epoch <= 0:
                raise ValueError(f"Expected positive integer steps_per_epoch, but got {steps_per_epoch}")
            self.total_steps = epochs * steps_per_epoch
        else:
            raise ValueError("You must define either total_steps OR (epochs AND steps_per_epoch)")
        if not isinstance(pct_start, float) or pct_start < 0 or pct_start > 1:
            raise ValueError(f"Expected float between 0 and 1 pct_start, but got {pct_start}")
        if anneal_strategy not in ["cos", "linear"]:
            raise ValueError(f"anneal_strategy must be one of 'cos' or 'linear', instead got {anneal_strategy}")
        if not isinstance(cycle_momentum, (bool, np.bool_)) or not isinstance(three_phase, (bool, np.bool_)):
            raise TypeError(f"cycle_momentum and three_phase are True or False, not {cycle_momentum!r} "
                            f"and {three_phase!r}")
        div_factor = _real("div_factor", div_factor, 0.0, strict=True)
        final_div_factor = _real("final_div_factor", final_div_factor, 0.0, strict=True)
        if three_phase:
            self._schedule_phases = [
                {"end_step": float(pct_start * self.total_steps) - 1, "start_lr": "initial_lr",
                 "end_lr": "max_lr", "start_momentum": "max_momentum", "end_momentum": "base_momentum"},
                {"end_step": float(2 * pct_start * self.total_steps) - 2, "start_lr": "max_lr",
                 "end_lr": "initial_lr", "start_momentum": "base_momentum", "end_momentum": "max_momentum"},
                {"end_step": self.total_steps - 1, "start_lr": "initial_lr", "end_lr": "min_lr",
                 "start_momentum": "max_momentum", "end_momentum": "max_momentum"},
            ]
        else:
            self._schedule_phases = [
                {"end_step": float(pct_start * self.total_steps) - 1, "start_lr": "initial_lr",
                 "end_lr": "max_lr", "start_momentum": "max_momentum", "end_momentum": "base_momentum"},
                {"end_step": self.total_steps - 1, "start_lr": "max_lr", "end_lr": "min_lr",
                 "start_momentum": "base_momentum", "end_momentum": "max_momentum"},
            ]
        self._anneal_func_type = anneal_strategy
        max_lrs = _format_param("max_lr", optimizer, max_lr)
        group = {"initial_lr": [m / div_factor for m in max_lrs], "max_lr": max_lrs}
        group["min_lr"] = [lr / final_div_factor for lr in group["initial_lr"]]
        self.cycle_momentum = bool(cycle_momentum)
        if self.cycle_momentum:
            if "momentum" not in optimizer.hyperparameters and "betas" not in optimizer.hyperparameters:
                raise ValueError("optimizer must support momentum or beta1 with `cycle_momentum` option enabled")
            self.use_beta1 = "betas" in optimizer.hyperparameters
            group["max_momentum"] = _format_param("max_momentum", optimizer, max_momentum)
            group["base_momentum"] = _format_param("base_momentum", optimizer, base_momentum)
        self._group_updates = group            # torch writes these into each param_group
        super().__init__(optimizer, last_epoch)
        del self._group_updates

    @staticmethod
    def _annealing_cos(start: float, end: float, pct: float) -> float:
        """Cosine anneal from `start` to `end` as pct goes from 0.0 to 1.0."""
        cos_out = math.cos(math.pi * pct) + 1
        return end + (start - end) / 2.0 * cos_out

    @staticmethod
    def _annealing_linear(start: float, end: float, pct: float) -> float:
        """Linearly anneal from `start` to `end` as pct goes from 0.0 to 1.0."""
        return (end - start) * pct + start

    def _anneal_func(self, *args: float) -> float:
        if self._anneal_func_type == "cos":
            return self._annealing_cos(*args)
        return self._annealing_linear(*args)

    def get_lr(self) -> list[float]:
        lrs, momenta = [], []
        step_num = self.last_epoch
        if step_num > self.total_steps:
            raise ValueError(f"Tried to step {step_num} times. The specified number of total steps is "
                             f"{self.total_steps}")
        for run in range(_runs(self.optimizer)):
            group = {k: v[run] for k, v in self._group.items()}
            start_step = 0.0
            for i, phase in enumerate(self._schedule_phases):
                end_step = phase["end_step"]
                if step_num <= end_step or i == len(self._schedule_phases) - 1:
                    pct = (step_num - start_step) / (end_step - start_step)
                    computed_lr = self._anneal_func(group[phase["start_lr"]], group[phase["end_lr"]], pct)
                    if self.cycle_momentum:
                        computed_momentum = self._anneal_func(group[phase["start_momentum"]],
                                                              group[phase["end_momentum"]], pct)
                    break
                start_step = phase["end_step"]
            lrs.append(computed_lr)
            if self.cycle_momentum:
                momenta.append(computed_momentum)
        self._next_momentum = momenta if self.cycle_momentum else None
        return lrs
