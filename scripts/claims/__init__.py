"""The pros and cons of the optimizer pages, each judged by an experiment that could say no.

Three things, each in one place:

* **numbers**: a claim's ``experiment()`` returns one dict of measurements per
  *setting* (a problem at the default or the tuned lr, a seed, a learning rate…),
  with the measurements of its *control* where the claim says "because";
* **verdicts**: the claim's ``holds(setting)`` is its rule, fixed before looking,
  with its thresholds as named constants in the claim's module; :func:`verdict`
  turns "held in k of n settings" into one of the verdict kinds below;
* **words**: the sentences, in Korean and English, live in ``scripts/claim_text.py``
  and only format these numbers (``scripts/claim_pages.py`` writes them out).

A claim that is true (or false) by the update rule itself has no experiment: it is
labelled so (``DEF_TRUE``/``DEF_FALSE``) and its ``facts()`` are what the page quotes.

Where is the experiment behind a verdict? In ``scripts/claims/<optimizer>.py``:
the function named in ``experiment=`` and the rule named in ``holds=``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Callable

from ..studies import Study, register as register_study

CONFIRMED, DEPENDS, REJECTED = "confirmed", "depends", "rejected"
DEF_TRUE, DEF_FALSE = "def_true", "def_false"
KINDS = (CONFIRMED, DEPENDS, REJECTED, DEF_TRUE, DEF_FALSE)

#: The one rule from settings to a verdict, the same for every claim.
CONFIRM_SHARE = 0.8     # held in at least 80 % of the settings where it applies: confirmed
REJECT_SHARE = 0.2      # held in at most 20 %: not confirmed in our runs; in between: it depends

#: optimizer pages, in registry order, and the modules that hold their claims
MODULES = ("sgd", "momentum", "nag", "adagrad", "rmsprop", "adadelta", "adam", "adamw", "data",
           "lion", "adafactor", "muon", "adamax", "nadam", "radam",
           "sgdschedulefree", "adamwschedulefree")


@dataclass(frozen=True)
class Claim:
    id: str                                          # anchor and value key: claim.<id>.*
    optimizer: str                                   # the page it sits on
    side: str                                        # "pro" or "con"
    experiment: Callable[[], list[dict]] | None = None   # numbers: one dict per setting
    holds: Callable[[dict], bool] | None = None      # the rule for one setting
    thresholds: dict = field(default_factory=dict)   # the rule's constants, quoted on the page
    facts: Callable[[], dict] | None = None          # numbers of a claim true or false by definition
    definition: str = ""                             # DEF_TRUE or DEF_FALSE for such a claim
    evidence: str = ""                               # where its figure or experiment page is, from docs/<lang>/
    reading: Callable[[list[dict]], dict] | None = None  # counts that say how to read the settings (judged ones)

    def __post_init__(self):
        if self.side not in ("pro", "con"):
            raise ValueError(f"claim {self.id!r}: side must be 'pro' or 'con', not {self.side!r}")
        if (self.experiment is None) == (self.definition == ""):
            raise ValueError(f"claim {self.id!r}: give either an experiment and a rule, or a definition kind")
        if self.experiment is not None and self.holds is None:
            raise ValueError(f"claim {self.id!r}: an experiment needs its rule (holds=)")


CLAIMS: dict[str, Claim] = {}


def claim(c: Claim) -> Claim:
    if c.id in CLAIMS and CLAIMS[c.id] is not c:
        raise ValueError(f"claim {c.id!r} is registered twice")
    CLAIMS[c.id] = c
    return c


def verdict(held: int, n: int) -> str:
    """The verdict of a claim that held in ``held`` of the ``n`` settings where it applies."""
    if n <= 0:
        raise ValueError("a verdict needs at least one setting where the claim applies")
    if not 0 <= held <= n:
        raise ValueError(f"held must be between 0 and n ({n}), not {held}")
    share = held / n
    if share >= CONFIRM_SHARE:
        return CONFIRMED
    if share <= REJECT_SHARE:
        return REJECTED
    return DEPENDS


def judge(c: Claim) -> dict:
    """Run the claim's experiment and apply its rule to every setting.

    A setting with ``"applies": False`` (say, Momentum did not overshoot, so "NAG
    overshoots less" has nothing to compare) is listed but not counted.
    """
    if c.experiment is None:
        return {"kind": c.definition, "held": 0, "n": 0, "settings": [], "facts": c.facts() if c.facts else {}}
    settings = c.experiment()
    for s in settings:
        s["held"] = bool(c.holds(s)) if s.get("applies", True) else None
    counted = [s for s in settings if s["held"] is not None]
    held = sum(1 for s in counted if s["held"])
    return {"kind": verdict(held, len(counted)), "held": held, "n": len(counted), "settings": settings,
            "facts": c.facts() if c.facts else {}, "reading": c.reading(settings) if c.reading else {}}


def _compute(optimizer: str) -> Callable[[], dict]:
    def compute() -> dict:
        return {"claims": {cid: judge(c) for cid, c in CLAIMS.items() if c.optimizer == optimizer}}
    compute.__name__ = f"compute_claims_{optimizer.lower()}"
    return compute


def load_all() -> dict[str, Claim]:
    """Import every claim module; each optimizer's verdicts are one cached study, ``claims-<optimizer>``."""
    for module in MODULES:
        importlib.import_module(f"{__name__}.{module}")
    from optimizers import OPTIMIZERS

    from ..studies import STUDIES
    for name in OPTIMIZERS:
        study = f"claims-{name.lower()}"
        if study not in STUDIES and any(c.optimizer == name for c in CLAIMS.values()):
            register_study(Study(name=study, compute=_compute(name)))
    return CLAIMS


def study_name(c: Claim) -> str:
    return f"claims-{c.optimizer.lower()}"
