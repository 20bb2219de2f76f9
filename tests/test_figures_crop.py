"""A figure is drawn once, on a canvas with room around it, and cropped to its ink (scripts/figures.py ``_draw``):
the picture must hold what ``bbox_inches="tight"`` would have kept, also ink far outside the figure."""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
import numpy as np
import pytest
from PIL import Image

from scripts import figures

LIGHT = figures.STYLES["light"]
DPI = figures.DPI * figures.HIDPI


def _tight_size(fig) -> tuple[int, int]:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight")
    return Image.open(buf).size


def _figure(outside: tuple[float, float] | None = None):
    fig, ax, rc = figures._figure(LIGHT, size=(4, 3))
    with plt.rc_context(rc):
        ax.plot([0, 1], [0, 1], color=LIGHT.palette[0], label="a line")
        ax.set_xlabel("단계 step")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))     # beside the axes, as the site's figures
        if outside is not None:                                       # inches from the figure's lower left corner
            fig.text(outside[0] / 4, outside[1] / 3, "far out", fontsize=8)
    return fig


@pytest.mark.parametrize("outside", [None, (9.0, 1.5), (-3.0, 1.5), (2.0, -2.5), (2.0, 5.0)],
                         ids=["legend-beside", "far-right", "far-left", "far-below", "far-above"])
def test_the_crop_keeps_what_a_tight_bbox_keeps(outside):
    fig = _figure(outside)
    try:
        image, font_pt = figures._draw(fig, DPI)
        width, height = _tight_size(fig)
    finally:
        plt.close(fig)
    # the tight box measures text by its layout box, the crop by its ink: a few pixels apart at most
    assert abs(image.width - width) <= 6 and abs(image.height - height) <= 6, (image.size, (width, height))
    assert font_pt == (10 if outside is None else 8)         # the smallest text, read while drawing


def test_the_crop_leaves_the_padding_around_the_ink():
    fig = _figure()
    try:
        image, _ = figures._draw(fig, DPI)
    finally:
        plt.close(fig)
    pixels = np.asarray(image)
    ink = (pixels != pixels[0, 0]).any(axis=2)
    pad = round(plt.rcParams["savefig.pad_inches"] * DPI)
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    assert (rows[0], cols[0]) == (pad, pad)
    assert (image.height - 1 - rows[-1], image.width - 1 - cols[-1]) == (pad, pad)
