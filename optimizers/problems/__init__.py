"""Benchmark problems: 2-D test functions (``PROBLEMS``), small data sets (``DATASETS``) and a
matrix least-squares fit with a chosen condition number (``MATRIX_PROBLEMS``, for Muon).

``PROBLEMS`` holds only the 2-D functions, since every problem page loops over it.
The data sets and their models live in ``datasets.py``; ``datasets.load(name)``
loads one (scikit-learn's are imported only then).
"""

from .datasets import DATASETS
from .functions import FUNCTIONS, Problem2D
from .matrix import MATRIX_PROBLEMS

#: name → problem, in the order the site presents them.
PROBLEMS = dict(FUNCTIONS)

__all__ = ["PROBLEMS", "FUNCTIONS", "Problem2D", "DATASETS", "MATRIX_PROBLEMS"]
