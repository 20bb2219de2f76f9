"""Numbers as the pages write them. The bottom of the house: imports nothing of scripts/.

Every module may use these; none of them imports a module that calls it.
"""

from __future__ import annotations

import numpy as np


def fmt_num(x: float) -> str:
    """A number for a table: 3 significant digits, scientific when small or large; a number of four digits in
    full (1999, not 2e+03)."""
    if x == 0:
        return "0"
    if 1e3 <= abs(round(x)) < 1e4:
        return f"{round(x)}"
    if 1e-3 <= abs(x) < 1e3:
        return f"{x:.3g}"
    mant, exp = f"{x:.2e}".split("e")
    return f"{mant}e{int(exp)}"


def fmt_tex(x: float) -> str:
    """A power of ten or number as TeX, e.g. 10^{-5}."""
    e = np.log10(x)
    if abs(e - round(e)) < 1e-12:
        return f"10^{{{int(round(e))}}}"
    return fmt_num(x)


def fmt_point(p) -> str:
    return "(" + ", ".join(f"{v:g}" for v in p) + ")"
