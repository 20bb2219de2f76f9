"""Benchmark problems: 2-D test functions (and, later, small real data sets)."""

from .functions import FUNCTIONS, Problem2D

#: name → problem, in the order the site presents them.
PROBLEMS = dict(FUNCTIONS)

__all__ = ["PROBLEMS", "FUNCTIONS", "Problem2D"]
