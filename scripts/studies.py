"""Focused experiments behind the claims of the tutorial pages ("studies").

A study is one question ("does Momentum overshoot?") answered by runs of the
package. It yields numbers (``values``) that pages quote with ``{{ study.<name>.<key> }}``
and, optionally, a figure drawn in both styles. Register a study in ``STUDIES``;
``scripts/build.py`` renders, caches and publishes every one:

* the figure as ``assets/figures/study-<name>-<style>.png``;
* a fragment ``<lang>/study-<name>.md`` (figure, alt text, caption) that a
  hand-written page includes with ``--8<-- "<lang>/study-<name>.md"``.

Modules that define studies (``scripts/study_*.py``) import ``register`` and are
listed in ``MODULES`` below.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Callable


@dataclass(frozen=True)
class Study:
    name: str                                   # id: file names, anchors, value keys
    compute: Callable[[], dict]                 # runs the experiment → {"key": number or str}
    figure: Callable[[dict, object], bytes] | None = None   # (result, Style) → PNG bytes
    alt: dict = field(default_factory=dict)     # {"ko": ..., "en": ...}, may use {key} of the result
    caption: dict = field(default_factory=dict)  # same, states the settings that made the figure


STUDIES: dict[str, Study] = {}

#: modules whose import registers studies, in page order
MODULES: tuple[str, ...] = ("study_adaptive", "study_claims", "study_data", "study_init")


def register(study: Study) -> Study:
    if study.name in STUDIES and STUDIES[study.name] is not study:
        raise ValueError(f"study {study.name!r} is registered twice")
    STUDIES[study.name] = study
    return study


def load_all() -> dict[str, Study]:
    for module in MODULES:
        importlib.import_module(f"scripts.{module}")
    return STUDIES
