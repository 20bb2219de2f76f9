"""The shared machinery of every update rule: validation, state, batching.

An optimizer here is called the way "Deep Learning from Scratch" calls one::

    opt = Adam(lr=1e-3)
    opt.update(params, grads)      # dicts of ndarrays, updated in place

Hyperparameters use torch.optim's names and defaults. Any of them may be a
length-K array instead of a float: then every parameter carries a leading axis
of K independent runs, and run k uses the k-th value. A learning-rate sweep is
therefore one call per step, not K.
"""

from __future__ import annotations

import inspect
import numbers
from functools import lru_cache
from typing import Any, Callable, Mapping

import numpy as np

__all__ = ["Optimizer", "check_hyperparameter", "torch_label"]

# numpy 2 moved byte_bounds out of the main namespace
_byte_bounds = getattr(np, "byte_bounds", None) or np.lib.array_utils.byte_bounds


def _is_text(value: Any) -> bool:
    """True for a string, or a list, tuple or array that holds one: numbers given as text."""
    if isinstance(value, (str, bytes)):
        return True
    if isinstance(value, np.ndarray):
        return value.dtype.kind in "US" or (value.dtype.kind == "O" and any(_is_text(x) for x in value.flat))
    if isinstance(value, (list, tuple)):
        return any(_is_text(x) for x in value)
    return False


def torch_label(name: str, index: int | None = None) -> str:
    """How torch.optim names a hyperparameter in its messages ("Invalid momentum value: ...")."""
    if name == "betas" and index is not None:
        return f"beta parameter at index {index}"
    return {"lr": "learning rate", "eps": "epsilon value"}.get(name, f"{name} value")


def check_hyperparameter(label: str, value: Any, low: float = 0.0, high: float | None = None,
                         *, high_open: bool = False) -> float | np.ndarray:
    """Check ``low <= value <= high`` (``< high`` if ``high_open``) the way torch does.

    Returns a Python float for a scalar (so float32 parameters stay float32 under
    NumPy 2's promotion rules) or a 1-D float64 array for a batch of values. NaN
    fails every comparison and is therefore rejected, as in torch.

    A value that is not a real number (a string such as ``"0.9"``, ``None``, a
    complex number) raises TypeError, as torch's comparison ``"0.9" < 0.0`` does,
    instead of being converted by ``np.asarray``. Booleans count as 0 and 1, as
    they do in torch (``torch.optim.SGD(params, lr=True)`` is accepted).
    """
    if _is_text(value):
        raise TypeError(f"Invalid {label}: {value!r} is text, not a number") from None
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError):           # ragged nesting
        raise ValueError(f"Invalid {label}: {value!r}") from None
    if arr.dtype.kind == "O" and all(isinstance(x, numbers.Real) for x in arr.flat):
        arr = arr.astype(np.float64)          # e.g. a list of fractions.Fraction
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"Invalid {label}: {value!r} is not a real number")
    arr = arr.astype(np.float64)
    if arr.ndim > 1 or arr.size == 0:
        raise ValueError(f"Invalid {label}: {value!r} (give a float or a 1-D array of K values)")
    ok = low <= arr
    if high is not None:
        ok &= (arr < high) if high_open else (arr <= high)
    if not np.all(ok):
        raise ValueError(f"Invalid {label}: {value!r}")
    return float(arr) if arr.ndim == 0 else arr


@lru_cache(maxsize=None)
def _constructor_signature(cls: type) -> inspect.Signature | None:
    """The signature of ``cls.__init__`` without ``self``; None if it takes ``*args``."""
    sig = inspect.signature(cls.__init__)
    params = list(sig.parameters.values())[1:]
    if any(p.kind is inspect.Parameter.VAR_POSITIONAL for p in params):
        return None
    return sig.replace(parameters=params)


def _is_number(default: Any) -> bool:
    return isinstance(default, (numbers.Real, np.bool_)) and not isinstance(default, np.ndarray)


def _refuse_text(cls: type, sig: inspect.Signature, arguments: dict[str, Any]) -> None:
    """TypeError for text given where the constructor's default is a number or a flag.

    This is the backstop for every class, old and new, whatever its own
    validation does: ``Momentum(momentum="0.9")``, ``Adam(betas=("0.9", 0.999))``
    or ``Adam(amsgrad="False")`` (a non-empty string is true) never reach a rule.
    Arguments whose default is None or text (e.g. a method's name) are left alone.
    """
    for name, value in arguments.items():
        param = sig.parameters.get(name)
        default = param.default if param is not None else inspect.Parameter.empty
        if _is_number(default):
            if _is_text(value):
                raise TypeError(f"Invalid {torch_label(name)}: {value!r} is text, not a number "
                                f"({cls.__name__}({name}=...) takes a number)")
        elif isinstance(default, tuple) and isinstance(value, (tuple, list)):
            for i, (d, v) in enumerate(zip(default, value)):
                if _is_number(d) and _is_text(v):
                    raise TypeError(f"Invalid {torch_label(name, i)}: {v!r} is text, not a number "
                                    f"({cls.__name__}({name}=...) takes numbers)")


class Optimizer:
    """Base class. Subclasses set ``state_names`` and implement ``_update``.

    ``self.state[key]`` holds the per-parameter state (e.g. ``exp_avg``), created
    lazily with ``np.zeros_like(param)`` so it has the parameter's dtype and shape,
    plus ``step``, the number of updates that parameter has had.
    """

    #: names of the arrays kept per parameter, e.g. ("exp_avg", "exp_avg_sq")
    state_names: tuple[str, ...] = ()
    #: the key used when ``update`` is given a single ndarray instead of a dict
    SINGLE_KEY = "param"
    #: True for rules defined only on matrices (Muon): they refuse a vector or a 2-D point
    matrix_only = False

    def __new__(cls, *args: Any, **kwargs: Any):
        """Refuse numbers given as text, for every subclass, before its ``__init__`` runs.

        Also keeps the constructor's arguments, so that ``set_hyperparameters``
        can re-run the class's own validation on a changed value.
        """
        self = super().__new__(cls)
        sig = _constructor_signature(cls)
        arguments = None
        if sig is not None:
            try:
                bound = sig.bind(*args, **kwargs)
            except TypeError:
                pass                              # let __init__ raise its own error
            else:
                bound.apply_defaults()
                arguments = dict(bound.arguments)
                for name, param in sig.parameters.items():
                    if param.kind is inspect.Parameter.VAR_KEYWORD:
                        arguments.update(arguments.pop(name, {}))
                _refuse_text(cls, sig, arguments)
        self.__dict__["_init_arguments"] = arguments
        return self

    def __init__(self, **hyperparameters: Any) -> None:
        self.hyperparameters = hyperparameters
        self.state: dict[Any, dict[str, Any]] = {}
        #: what learning-rate schedules keep beside the optimizer, as torch keeps it in each
        #: param_group: ``initial_lr`` (and OneCycleLR's ``max_lr`` ...), one value per run
        self.schedule_values: dict[str, list[float]] = {}
        sizes = {np.size(v) for v in self._flat_hyperparameters().values() if np.ndim(v) == 1}
        if len(sizes) > 1:
            raise ValueError(f"Batched hyperparameters of {type(self).__name__} have different lengths: "
                             f"{ {k: np.size(v) for k, v in self._flat_hyperparameters().items() if np.ndim(v)} }")
        #: K, the number of independent runs, when a hyperparameter is an array
        self.batch_size: int | None = sizes.pop() if sizes else None

    def __getattr__(self, name: str) -> Any:
        hyper = self.__dict__.get("hyperparameters", {})
        if name in hyper:
            return hyper[name]
        raise AttributeError(f"{type(self).__name__!s} has no attribute {name!r}")

    def __setattr__(self, name: str, value: Any) -> None:
        """``opt.lr = 0.01`` goes through ``set_hyperparameters`` (validated), never around it."""
        if name in self.__dict__.get("hyperparameters", {}):
            self.set_hyperparameters(**{name: value})
        else:
            super().__setattr__(name, value)

    def set_hyperparameters(self, **changes: Any) -> None:
        """Change hyperparameters between steps (what a learning-rate schedule does).

        The new values go through the class's own constructor, so they are checked
        exactly as at construction, with the same messages; and all of them are
        checked before any is stored, so a refused change leaves the optimizer as it
        was. The number of runs K cannot change.
        """
        unknown = [k for k in changes if k not in self.hyperparameters]
        if unknown:
            raise AttributeError(f"{type(self).__name__} has no hyperparameter {unknown[0]!r} "
                                 f"(it has {', '.join(self.hyperparameters)})")
        if self._init_arguments is None:
            raise TypeError(f"{type(self).__name__}'s constructor cannot be re-run to check new values")
        arguments = {**self._init_arguments, **changes}
        probe = type(self)(**arguments)            # the class's own validation, or its error
        if probe.batch_size != self.batch_size:
            raise ValueError(f"{', '.join(f'{k}={v!r}' for k, v in changes.items())} would make "
                             f"{type(self).__name__} hold {probe.batch_size or 1} run(s), but it holds "
                             f"{self.batch_size or 1}; give one value per run")
        for key in changes:
            self.hyperparameters[key] = probe.hyperparameters[key]
        self.__dict__["_init_arguments"] = arguments

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.hyperparameters.items())
        return f"{type(self).__name__}({args})"

    def _flat_hyperparameters(self) -> dict[str, Any]:
        flat = {}
        for k, v in self.hyperparameters.items():
            if isinstance(v, tuple):
                flat.update({f"{k}[{i}]": x for i, x in enumerate(v)})
            else:
                flat[k] = v
        return flat

    # -- the public call ---------------------------------------------------
    def update(self, params, grads):
        """Apply one step to every parameter, in place.

        ``params`` and ``grads`` are dicts with the same keys (or two ndarrays).
        Every key, shape and dtype is checked before any array is touched, so a
        bad call raises and leaves the parameters and the state as they were.
        Returns ``params``.
        """
        single = isinstance(params, np.ndarray)
        if single:
            if not isinstance(grads, np.ndarray):
                raise TypeError(f"params is an ndarray, so grads must be one too, not {type(grads).__name__}")
            pairs = {self.SINGLE_KEY: (params, grads)}
        else:
            if not isinstance(params, Mapping) or not isinstance(grads, Mapping):
                raise TypeError("update(params, grads) takes two dicts of ndarrays (or two ndarrays), "
                                f"not {type(params).__name__} and {type(grads).__name__}")
            missing = [k for k in params if k not in grads]
            if missing:
                raise KeyError(f"no gradient for parameter {missing[0]!r}")
            extra = [k for k in grads if k not in params]
            if extra:
                raise KeyError(f"gradient {extra[0]!r} has no matching parameter")
            pairs = {k: (params[k], grads[k]) for k in params}
        # a 0-d parameter's gradient often arrives as a NumPy scalar: read it as an array
        pairs = {k: (p, np.asarray(g) if isinstance(g, np.generic) else g) for k, (p, g) in pairs.items()}
        for key, (p, g) in pairs.items():
            self._check_pair(key, p, g)
        self._check_distinct({key: p for key, (p, g) in pairs.items()})
        for key, (p, g) in pairs.items():
            state = self.state.get(key)
            if state is None:
                state = self.state[key] = {"step": 0}
                for name in self.state_names:
                    state[name] = self._initial_state(name, p)
            state["step"] += 1
            self._apply(p, g.astype(p.dtype, copy=False), state)
        return params

    #: elements per block when a large parameter is updated block by block (see ``_apply``)
    BLOCK = 1 << 17

    def _apply(self, p: np.ndarray, g: np.ndarray, state: dict[str, Any]) -> None:
        """Run the rule on ``p``, in cache-sized blocks when it is large.

        Every rule acts element by element, so a large contiguous parameter can be
        updated one block at a time: the few arrays of a block stay in the CPU cache
        across the rule's several NumPy operations, instead of each operation
        streaming the whole array through memory. Batched hyperparameters (K runs)
        broadcast along the leading axis, so those parameters go in one piece.
        """
        hyper = self._hyperparameters_for(p)
        n = p.size
        arrays = [p, g] + [v for v in state.values() if isinstance(v, np.ndarray)]
        if n <= 2 * self.BLOCK or self.batch_size is not None or not all(a.flags.c_contiguous for a in arrays):
            self._update(p, g, state, **hyper)
            return
        flat_p, flat_g = p.reshape(-1), g.reshape(-1)
        flat_state = {k: (v.reshape(-1) if isinstance(v, np.ndarray) else v) for k, v in state.items()}
        for lo in range(0, n, self.BLOCK):
            sl = slice(lo, lo + self.BLOCK)
            block = {k: (v[sl] if isinstance(v, np.ndarray) else v) for k, v in flat_state.items()}
            self._update(flat_p[sl], flat_g[sl], block, **hyper)

    # -- helpers for subclasses -------------------------------------------
    def _initial_state(self, name: str, param: np.ndarray) -> np.ndarray:
        return np.zeros_like(param)

    def _check_pair(self, key: Any, p: Any, g: Any) -> None:
        if not isinstance(p, np.ndarray):
            raise TypeError(f"parameter {key!r} is a {type(p).__name__}, not an ndarray; "
                            "it must be an array so that it can be updated in place (e.g. np.array(0.0))")
        if p.dtype.kind != "f":                        # np.issubdtype(p.dtype, np.floating), a tenth of the time
            raise TypeError(f"parameter {key!r} has dtype {p.dtype}; in-place updates need a floating dtype "
                            f"(an integer array would silently truncate every step): use p.astype(np.float64)")
        if not p.flags.writeable:
            raise ValueError(f"parameter {key!r} is read-only and cannot be updated in place")
        if not isinstance(g, np.ndarray) or g.dtype.kind not in "fiu":      # floating or integer
            raise TypeError(f"gradient {key!r} must be a real ndarray, not {type(g).__name__}"
                            f"{'' if not isinstance(g, np.ndarray) else ' of dtype ' + str(g.dtype)}")
        if g.shape != p.shape:
            raise ValueError(f"gradient {key!r} has shape {g.shape} but the parameter has shape {p.shape}")
        state = self.state.get(key)
        if state is not None and self.state_names and state[self.state_names[0]].shape != p.shape:
            raise ValueError(f"parameter {key!r} has shape {p.shape} but its optimizer state has shape "
                             f"{state[self.state_names[0]].shape}; use a new optimizer for new parameters")
        if self.batch_size is not None and (p.ndim == 0 or p.shape[0] != self.batch_size):
            raise ValueError(f"parameter {key!r} has shape {p.shape}, but the hyperparameters hold "
                             f"K={self.batch_size} runs: its leading axis must be {self.batch_size}")

    @staticmethod
    def _check_distinct(params: dict[Any, np.ndarray]) -> None:
        """Refuse one array (or two views of the same memory) under two keys.

        It would be updated twice per step, silently; torch.optim refuses duplicate
        parameters too. Arrays are sorted by the bytes they span, so only neighbours
        whose spans overlap are checked exactly (``np.shares_memory``): interleaved
        views such as ``w[::2]`` and ``w[1::2]`` are distinct parameters.
        """
        if len(params) < 2:
            return
        spans = sorted((_byte_bounds(p), i, key) for i, (key, p) in enumerate(params.items()) if p.size)
        open_spans: list[tuple[int, Any]] = []            # (end, key) of spans that may still overlap
        for (lo, hi), _, key in spans:
            open_spans = [(end, other) for end, other in open_spans if end > lo]
            for _, other in open_spans:
                if params[other] is params[key] or np.shares_memory(params[other], params[key]):
                    first, second = sorted((other, key), key=list(params).index)
                    what = "the same array" if params[other] is params[key] else "views of the same memory"
                    raise ValueError(f"parameters {first!r} and {second!r} are {what}: each would be updated "
                                     "twice per step. Pass every array once (torch.optim refuses duplicate "
                                     "parameters too)")
            open_spans.append((hi, key))
        seen: dict[int, Any] = {}
        for key, p in params.items():                     # empty arrays span no bytes: compare identity
            if p.size == 0:
                if id(p) in seen:
                    raise ValueError(f"parameters {seen[id(p)]!r} and {key!r} are the same array: each would "
                                     "be updated twice per step. Pass every array once (torch.optim refuses "
                                     "duplicate parameters too)")
                seen[id(p)] = key

    def _hyperparameters_for(self, p: np.ndarray) -> dict[str, Any]:
        """Broadcast batched hyperparameters to shape (K, 1, ..., 1).

        They stay float64, like a single run's Python floats (float32 would turn
        β₂ = 0.999 into 0.99900001); every rule writes into p and its state in
        place, so p's dtype is kept all the same.
        """
        def fit(v):
            if isinstance(v, np.ndarray):
                return v.reshape(v.shape + (1,) * (p.ndim - 1))
            return v
        return {k: tuple(fit(x) for x in v) if isinstance(v, tuple) else fit(v)
                for k, v in self.hyperparameters.items()}

    def _update(self, p: np.ndarray, g: np.ndarray, state: dict[str, Any], **hyper: Any) -> None:
        raise NotImplementedError


def weight_decay_gradient(p: np.ndarray, g: np.ndarray, weight_decay) -> np.ndarray:
    """torch's coupled (L2) weight decay: g ← g + λθ (a new array; g is never modified)."""
    if weight_decay.any() if isinstance(weight_decay, np.ndarray) else weight_decay != 0:
        return g + weight_decay * p
    return g


Rule = Callable[..., None]
