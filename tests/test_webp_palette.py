"""A lossless WebP's palette swapped in its bitstream (scripts/webp_palette.py) decodes, by libwebp through Pillow,
to exactly the image recoloured and encoded again; what the module does not expect is refused, not mangled."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from scripts import figures, webp_palette


def _webp(image: Image.Image, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, format="WEBP", lossless=True, **options)
    return out.getvalue()


def _decoded(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))


def _palette_image(colours: int, seed: int, size=(97, 61)) -> Image.Image:
    """Blocks and stripes of ``colours`` random colours (repeats for the encoder's backward references)."""
    rng = np.random.default_rng(seed)
    palette = rng.integers(0, 256, size=(colours, 3), dtype=np.uint8)
    index = (np.add.outer(np.arange(size[1]) // 7, np.arange(size[0]) // 5) * 3 + rng.integers(0, 2, size[::-1]))
    return Image.fromarray(palette[index % colours])


def _swapped(rgb: np.ndarray) -> np.ndarray:
    return (255 - rgb[:, [1, 2, 0]]).astype(np.uint8)        # any map of colours: inverted and rotated


@pytest.mark.parametrize("colours", [2, 3, 16, 17, 64, 200, 256])
@pytest.mark.parametrize("method", [0, 2, 4, 6])
def test_the_swapped_palette_decodes_to_the_recoloured_image(colours, method):
    image = _palette_image(colours, seed=colours * 10 + method)
    data = _webp(image, method=method, quality=100 if method == 6 else 25)
    got = _decoded(webp_palette.swap_palette(data, _swapped))
    light = _decoded(data)
    assert np.array_equal(light, np.asarray(image))
    assert np.array_equal(got, _swapped(light.reshape(-1, 3)).reshape(light.shape))


def test_a_figures_dark_sharp_copy_is_its_light_one_recoloured():
    """The figures' own recolouring (``darken``), on a figure's sharp copy: every pixel, by its colour."""
    fig, ax, rc = figures._figure(figures.STYLES["light"], size=(3, 2))
    ax.contourf(*np.meshgrid(np.linspace(0, 1, 30), np.linspace(0, 1, 30)), np.random.default_rng(0).random((30, 30)),
                cmap="Greys", alpha=0.35)
    ax.plot([0, 1], [0, 1], color=figures.STYLES["light"].palette[3])
    light = figures._png(fig)
    webp_palette.swap_palette(light.hidpi, figures._dark_colours)       # the fast way, not the fallback
    pixels = _decoded(light.hidpi)
    want = figures._dark_colours(pixels.reshape(-1, 3)).reshape(pixels.shape)
    assert np.array_equal(_decoded(light.dark.hidpi), want)


def test_an_image_of_many_colours_is_refused():
    rng = np.random.default_rng(1)
    data = _webp(Image.fromarray(rng.integers(0, 256, (40, 40, 3), dtype=np.uint8)))
    with pytest.raises(ValueError, match="colour indexing"):
        webp_palette.swap_palette(data, _swapped)


@pytest.mark.parametrize("data", [b"RIFF\0\0\0\0WEBPVP8 ", b"not an image at all", b""])
def test_what_is_not_a_simple_lossless_webp_is_refused(data):
    with pytest.raises(ValueError, match="not a simple lossless WebP"):
        webp_palette.swap_palette(data, _swapped)


def test_a_truncated_bitstream_is_refused():
    data = _webp(_palette_image(16, seed=3))
    cut = data[:40]
    with pytest.raises(ValueError):
        webp_palette.swap_palette(cut, _swapped)
