"""Focused experiments behind the claims of the tutorial pages ("studies").

A study is one question ("does Momentum overshoot?") answered by runs of the
package. It yields numbers (``values``) that pages quote with ``{{ study.<name>.<key> }}``
and, optionally, a figure drawn in both styles. Register a study in ``STUDIES``;
``scripts/build.py`` renders, caches and publishes every one:

* the figure as ``assets/figures/study-<name>-<lang>-<style>.png``, its words in the page's language;
* a fragment ``<lang>/study-<name>.md`` (figure, alt text, caption) that a
  hand-written page includes with ``--8<-- "<lang>/study-<name>.md"``.

Modules that define studies (``scripts/study_*.py``) import ``register`` and are
listed in ``MODULES`` below.
"""

from __future__ import annotations

import functools
import importlib
import json
import sys
from dataclasses import dataclass, field
from types import ModuleType
from typing import Callable

from . import cache


@dataclass(frozen=True)
class Study:
    name: str                                   # id: file names, anchors, value keys
    compute: Callable[[], dict]                 # runs the experiment → {"key": number or str}
    figure: Callable[[dict, object, str], bytes] | None = None  # (result, Style, lang) → PNG bytes, words in lang
    alt: dict = field(default_factory=dict)     # {"ko": ..., "en": ...}, may use {key} of the result
    caption: dict = field(default_factory=dict)  # same, states the settings that made the figure


STUDIES: dict[str, Study] = {}

#: modules whose import registers studies, in page order
MODULES: tuple[str, ...] = ("study_adaptive", "study_claims", "study_data", "study_init", "study_libraries",
                            "study_dlfs", "study_quadratic", "study_exercises", "study_handout", "study_muon",
                            "study_lion_adafactor", "study_schedules", "study_adam_variants")


def register(study: Study) -> Study:
    if study.name in STUDIES and STUDIES[study.name] is not study:
        raise ValueError(f"study {study.name!r} is registered twice")
    STUDIES[study.name] = study
    return study


def load_all() -> dict[str, Study]:
    for module in MODULES:
        importlib.import_module(f"scripts.{module}")
    return STUDIES


def _local_modules(module: ModuleType, seen: dict[str, ModuleType]) -> dict[str, ModuleType]:
    """The build's own modules (scripts.*) that ``module`` uses, directly or not."""
    for value in vars(module).values():
        used = value if isinstance(value, ModuleType) else sys.modules.get(getattr(value, "__module__", "") or "")
        if used is not None and used.__name__.startswith("scripts.") and used.__name__ not in seen:
            seen[used.__name__] = used
            _local_modules(used, seen)
    return seen


@functools.lru_cache(maxsize=None)
def _study_key(name: str) -> str:
    """Hash of the study's code, of every build module it draws on, and of the package."""
    study = STUDIES[name]
    module = sys.modules[study.compute.__module__]
    local = _local_modules(module, {module.__name__: module})
    return cache.key_of("study", name, [cache.source_of(local[m]) for m in sorted(local)],
                        cache.source_of(importlib.import_module("scripts.figures")), cache.package_source(cache.ROOT / "optimizers"),
                        cache.versions("numpy", "matplotlib"))


def study_result(name: str) -> dict:
    """The numbers of one study, computed once and cached as JSON. Always as read back from the JSON, also
    just after computing them: a figure drawn from the computed numbers themselves (numpy scalars, tuples)
    could differ in its bytes from the same figure drawn from the cache."""
    path = cache.path_for("studies", _study_key(name), ".json")
    if not path.exists():
        with cache.computing(path):           # a build worker may be computing it: wait for its result
            if not path.exists():
                result = STUDIES[name].compute()
                cache.atomic_write(path, json.dumps(result, sort_keys=True, indent=1).encode("utf-8"))
    return json.loads(path.read_text(encoding="utf-8"))
