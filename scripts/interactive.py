"""Animated trajectories and the learning-rate explorer (issue 6): data computed at build time.

``files()`` returns {docs path: bytes} to publish (data, contour backgrounds);
``problem_section(name, lang, depth)`` returns the Markdown/HTML block placed on a
problem page. The browser only displays these precomputed numbers.
"""

from __future__ import annotations


def files() -> dict[str, bytes]:
    return {}


def problem_section(problem: str, lang: str, depth: int) -> str:
    return ""
