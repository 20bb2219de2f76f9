"""Numbers as the pages write them. The bottom of the house: imports nothing of scripts/.

Every module may use these; none of them imports a module that calls it.
"""

from __future__ import annotations

import numpy as np


def fmt_num(x: float) -> str:
    """A number for a table: 3 significant digits, scientific when small or large (a power of ten as 1e-4); a number
    of four digits in full (1999, not 2e+03)."""
    if x == 0:
        return "0"
    if 1e3 <= abs(round(x)) < 1e4:
        return f"{round(x)}"
    if 1e-3 <= abs(x) < 1e3:
        return f"{x:.3g}"
    mant, exp = f"{x:.2e}".split("e")
    if mant in ("1.00", "-1.00") and abs(x / 10.0 ** int(exp) - round(x / 10.0 ** int(exp))) < 1e-9:
        return f"{mant[:-3]}e{int(exp)}"          # a power of ten reads as code writes it: 1e-4 (not 1.00e-4)
    return f"{mant}e{int(exp)}"


#: a final gap at or below this has reached the minimum: every page prints it as one value (``fmt_gap``), and such
#: gaps tie in a rank (``shown_gap``). The notebooks copy the functions below, so they spell the number out.
GAP_FLOOR = 1e-12


def fmt_gap(x: float, lang: str = "en") -> str:
    """A final gap (f − f*) as every table and sentence writes it: at or below 10⁻¹² (GAP_FLOOR, exact 0 included)
    one value, "10⁻¹² 이하" / "≤ 10⁻¹²"; above it as ``fmt_num``."""
    if x <= 1e-12:
        return "10⁻¹² 이하" if lang == "ko" else "≤ 10⁻¹²"
    return fmt_num(x)


def shown(x: float) -> float:
    """``x`` as a table prints it (3 significant digits), so two values that print alike rank alike."""
    if not np.isfinite(x) or x == 0:
        return float(x)
    return float(f"{x:.3g}")


def shown_gap(x: float) -> float:
    """A final gap as ``fmt_gap`` prints it: every gap at or below 10⁻¹² (GAP_FLOOR) is one value, 0."""
    return 0.0 if x <= 1e-12 else shown(x)


def fmt_tex(x: float) -> str:
    """A power of ten or number as TeX, e.g. 10^{-5}."""
    e = np.log10(x)
    if abs(e - round(e)) < 1e-12:
        return f"10^{{{int(round(e))}}}"
    return fmt_num(x)


def fmt_power(x: float) -> str:
    """A power of ten as plain text with superscripts, e.g. 10⁻¹² (for tables and sentences outside TeX)."""
    return "10" + str(int(round(np.log10(x)))).translate(str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻"))


def fmt_point(p) -> str:
    return "(" + ", ".join(f"{v:g}" for v in p) + ")"
