"""The dark variant of a figure is its light drawing recoloured (scripts/figures.py ``darken``): the background,
the ink and the palette must land on the dark style's colours, and the recolouring must keep every pixel's place."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from scripts import figures


def rgb(colour: str) -> np.ndarray:
    return figures._rgb_of(colour)


LIGHT, DARK = figures.STYLES["light"], figures.STYLES["dark"]


@pytest.mark.parametrize("part", ["background", "foreground"])
def test_background_and_ink_become_the_dark_style(part):
    out = figures.darken(rgb(getattr(LIGHT, part))[None])[0]
    assert np.abs(out - rgb(getattr(DARK, part))).max() < 0.04


@pytest.mark.parametrize("i", range(len(LIGHT.palette)))
def test_each_palette_colour_becomes_its_dark_counterpart(i):
    out = figures.darken(rgb(LIGHT.palette[i])[None])[0]
    assert np.abs(out - rgb(DARK.palette[i])).max() < 0.12, (LIGHT.palette[i], DARK.palette[i], out)


def test_greys_reverse_their_order():
    """The contour shading (Greys) must come out as Greys reversed: lighter on light → darker on dark."""
    greys = np.linspace(0.2, 1.0, 9)[:, None].repeat(3, axis=1)
    lum = figures.darken(greys) @ figures._LUMA
    assert np.all(np.diff(lum) < 0)


def test_a_rendered_figure_carries_its_dark_variant_pixel_for_pixel():
    fig, ax, rc = figures._figure(LIGHT, size=(3, 2))
    ax.plot([0, 1], [0, 1], color=LIGHT.palette[6])
    ax.set_title("제목 title")
    light = figures._png(fig)
    assert light.dark is not None and figures.styled(light, "dark") is light.dark
    a, b = Image.open(io.BytesIO(light)), Image.open(io.BytesIO(light.dark))
    assert a.size == b.size and a.mode == b.mode == "P"
    assert np.array_equal(np.asarray(a), np.asarray(b))          # same palette indices: the same drawing
    corner = np.asarray(b.convert("RGB"))[0, 0] / 255
    assert np.abs(corner - rgb(DARK.background)).max() < 0.04
    with pytest.raises(KeyError, match="unknown style 'sepia'"):
        figures.styled(light, "sepia")
