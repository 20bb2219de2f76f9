"""Benchmark problems: 2-D test functions (``PROBLEMS``) and small data sets (``DATASETS``).

``PROBLEMS`` holds only the 2-D functions, since every problem page loops over it.
The data sets and their models live in ``datasets.py``; ``datasets.load(name)``
loads one (scikit-learn's are imported only then).
"""

from .datasets import DATASETS
from .functions import FUNCTIONS, Problem2D

#: name → problem, in the order the site presents them.
PROBLEMS = dict(FUNCTIONS)

__all__ = ["PROBLEMS", "FUNCTIONS", "Problem2D", "DATASETS"]
