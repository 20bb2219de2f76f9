"""Figures: pure functions of run results, a style and a language, rendered to PNG bytes.

Every figure comes in a light and a dark variant, and in the language of the page
that shows it: titles, axis labels, legends and annotations come from
``FIGURE_WORDS`` (scripts/text.py), Korean on Korean pages and English on English
ones. Hangul is drawn with NanumGothic from the pinned ``koreanize-matplotlib``
wheel, registered by file path, so a build never depends on the machine's fonts.
Optimizers are told apart by colour (Okabe–Ito, safe for colour-blind readers)
*and* by marker and line style, so no figure relies on colour alone.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import io
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import matplotlib.ticker

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.colors import LogNorm  # noqa: E402
from PIL import Image, PngImagePlugin  # noqa: E402

from optimizers import PLANAR, PROBLEMS, History  # noqa: E402

from . import webp_palette  # noqa: E402
from .experiments import SWEEP, OptimizerRuns  # noqa: E402
from .text import FIGURE_WORDS, opt_label, problem_title  # noqa: E402


@dataclass(frozen=True)
class Style:
    name: str
    background: str
    foreground: str
    grid: str
    contour_cmap: str
    palette: tuple


# Okabe–Ito, with its pale yellow swapped for Tol's wine (#882255), which stays visible on white.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#D55E00", "#0072B2", "#CC79A7", "#882255", "#000000")
STYLES = {
    "light": Style("light", "#ffffff", "#1f2328", "#d0d7de", "Greys", OKABE_ITO),
    # on the dark background the original yellow reads well, and black becomes white
    "dark": Style("dark", "#1e2129", "#e6e6e6", "#3a3f4b", "Greys_r", OKABE_ITO[:6] + ("#F0E442", "#ffffff")),
}
MARKERS = ("o", "s", "^", "v", "D", "P", "X", "*", "h", "p", "<", ">", "d", "H", "8", "x")
LINESTYLES = ("-", "--", "-.", ":", "-", "--", "-.", ":")
DPI = 100

#: The Korean font: NanumGothic, shipped inside the pinned koreanize-matplotlib wheel (requirements.lock).
#: The package is only *located*, never imported: its __init__ rewrites the global rcParams (and imports
#: distutils, gone in Python 3.12). Only the font file is used.
FONT_PACKAGE = "koreanize_matplotlib"
FONT_FILE = "fonts/NanumGothic.ttf"
#: matplotlib's own bundled font, for Latin text, math and what NanumGothic lacks (U+2212 minus)
LATIN_FONT = "DejaVu Sans"


@functools.lru_cache(maxsize=None)
def korean_font_path() -> Path:
    spec = importlib.util.find_spec(FONT_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"{FONT_PACKAGE} (the Korean font of the figures) is not installed: "
                                  "run `make setup`")
    path = Path(next(iter(spec.submodule_search_locations))) / FONT_FILE
    if not path.is_file():
        raise FileNotFoundError(f"the Korean font is missing at {path}")
    return path


@functools.lru_cache(maxsize=None)
def font_hash() -> str:
    """SHA-256 of the Korean font file: part of every figure's cache key."""
    return hashlib.sha256(korean_font_path().read_bytes()).hexdigest()


@functools.lru_cache(maxsize=None)
def korean_font() -> str:
    """Register the package's font file with matplotlib; return its family name.

    A copy of the same family installed on the machine is dropped from matplotlib's
    list, so the name can only resolve to the pinned file."""
    path = str(korean_font_path())
    fm = font_manager.fontManager
    fm.addfont(path)
    name = font_manager.FontProperties(fname=path).get_name()
    fm.ttflist = [f for f in fm.ttflist if f.name != name or f.fname == path]
    fm._findfont_cached.cache_clear()
    return name


def font_family(lang: str) -> list[str]:
    """Font stack of a figure: Korean first on Korean figures; on English ones Latin first, with Hangul
    (should any reach an English figure) still drawn by the pinned font rather than as boxes."""
    korean = korean_font()
    return [korean, LATIN_FONT] if lang == "ko" else [LATIN_FONT, korean]


def words(lang: str) -> dict[str, str]:
    """The words drawn in figures, in ``lang`` (scripts/text.py, FIGURE_WORDS)."""
    return FIGURE_WORDS[lang]


def short_title(problem: str, lang: str) -> str:
    """A problem's name without its bracketed note, for ticks and panel titles."""
    return problem_title(problem, lang).split(" (")[0]


def look(name: str, style: Style) -> dict:
    """Colour, marker and line style of an optimizer: fixed by its place in the registry."""
    i = PLANAR.index(name) % len(MARKERS)
    # colours repeat after eight: the second optimizer of a colour has its own marker and another line style
    line = LINESTYLES[i % len(LINESTYLES)] if i < len(style.palette) else LINESTYLES[(i + 2) % 4]
    return dict(color=style.palette[i % len(style.palette)], marker=MARKERS[i], linestyle=line)


def _figure(style: Style, size=(6.4, 4.8), nrows=1, ncols=1, lang: str = "en", **kw):
    rc = {
        "font.family": font_family(lang),
        "figure.facecolor": style.background, "axes.facecolor": style.background,
        "savefig.facecolor": style.background, "text.color": style.foreground,
        "axes.labelcolor": style.foreground, "axes.edgecolor": style.foreground,
        "xtick.color": style.foreground, "ytick.color": style.foreground,
        "grid.color": style.grid, "legend.facecolor": style.background,
        "legend.edgecolor": style.grid, "font.size": 10, "svg.hashsalt": "optimizers",
    }
    with plt.rc_context(rc):
        fig, axes = plt.subplots(nrows, ncols, figsize=size, dpi=DPI, **kw)
    # Tick labels are numbers: Latin first in every language. Log ticks are $\mathdefault{10^{-6}}$, drawn in
    # the first font of the stack, and NanumGothic has no minus sign (U+2212).
    for ax in np.atleast_1d(axes).ravel():
        ax.tick_params(which="both", labelfontfamily=font_family("en"))
    return fig, axes, rc


#: colours kept per figure: plots have few, and a palette PNG is ~4x smaller (page weight)
COLOURS = 64
#: the sharp copy for 2x and 3x screens (``srcset`` and the tap-to-zoom view): twice the pixels per inch,
#: but never wider than twice the widest column a figure is shown in (Material's content column is at most
#: ~800 CSS px), which it could not use. WebP lossless of the same palette: ~15% lighter than PNG, so a page
#: of contour plots stays within its budget on a 2x screen too (tests/test_page_weight.py).
HIDPI = 2
HIDPI_MAX_WIDTH = 1600
#: libwebp's effort for the sharp copy (lossless: ``method`` 0–6 and ``quality`` 0–100 both buy effort): 2 and
#: 25 take half the time of 1 and 100, and the bytes of 4 and 100 (6 and 100: 20x the time for 1% less)
WEBP_EFFORT = {"method": 2, "quality": 25}
#: PNG text chunk with the size of the smallest text drawn, in points: tests/test_figures_phone.py reads it
FONT_CHUNK = "min-font-pt"


class Rendered(bytes):
    """The 1x PNG bytes of a figure (what every caller stores and compares), carrying its sharp copy
    (``.hidpi``, WebP at ``HIDPI`` times the pixels) for scripts/build.py to publish beside it, and, for a
    light figure, its dark variant (``.dark``, a Rendered too)."""

    hidpi: bytes
    dark: "Rendered | None"

    def __new__(cls, png: bytes, hidpi: bytes, dark: "Rendered | None" = None):
        self = super().__new__(cls, png)
        self.hidpi = hidpi
        self.dark = dark
        return self

    def __reduce__(self):                      # through the worker processes' pipes, sharp copy included
        return Rendered, (bytes(self), self.hidpi, self.dark)


def _rgb_of(colour: str) -> np.ndarray:
    return np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=float) / 255


#: relative luminance weights (sRGB, Rec. 709)
_LUMA = np.array([0.2126, 0.7152, 0.0722])
#: chroma (max − min channel) up to which a colour counts as grey (the ink, #1f2328, has 0.035) and from which it
#: counts as fully coloured (the palette's lines)
_GREY_CHROMA, _FULL_CHROMA = 0.05, 0.35
#: a colour this close to a light-palette colour takes that colour's dark-palette counterpart
_SWAP_DISTANCE = 0.2


def darken(colours: np.ndarray) -> np.ndarray:
    """The dark-scheme counterparts of light-figure colours ((n, 3) in [0, 1]).

    Greys follow the text: white becomes the dark background and the light foreground the dark one, linearly
    in luminance between them, so the grid, the contour shading (Greys becomes Greys reversed) and every
    anti-aliased edge of text keep their place between the two. A coloured pixel is read as a palette colour
    blended with white by its chroma: the colour is kept (or swapped where the dark palette differs: wine
    becomes yellow, black white) and the white part becomes the dark background."""
    light, dark = STYLES["light"], STYLES["dark"]
    bg, fg = _rgb_of(dark.background), _rgb_of(dark.foreground)
    lum_bg, lum_fg = _rgb_of(light.background) @ _LUMA, _rgb_of(light.foreground) @ _LUMA
    lum = colours @ _LUMA
    s = np.clip((lum - lum_fg) / (lum_bg - lum_fg), 0, 1)[:, None]     # 1 on the background, 0 on the ink
    grey = s * bg + (1 - s) * fg
    chroma = colours.max(axis=1) - colours.min(axis=1)
    share = np.clip((chroma - _GREY_CHROMA) / (_FULL_CHROMA - _GREY_CHROMA), 0, 1)[:, None]
    a = np.maximum(share, 1e-3)
    pure = np.clip((colours - (1 - a)) / a, 0, 1)
    for was, now in zip(light.palette, dark.palette):
        if was != now:
            near = np.linalg.norm(pure - _rgb_of(was), axis=1) < _SWAP_DISTANCE
            pure[near] = _rgb_of(now)
    coloured = a * pure + (1 - a) * bg
    return share * coloured + (1 - share) * grey


def _dark_colours(rgb: np.ndarray) -> np.ndarray:
    """The dark counterparts (``darken``) of light-figure colours given as (n, 3) bytes, as bytes."""
    return (np.clip(darken(rgb.reshape(-1, 3) / 255), 0, 1) * 255).round().astype(np.uint8)


def _recoloured(image: Image.Image) -> Image.Image:
    """A palette image with every palette entry replaced by its dark counterpart (the pixels keep their index)."""
    out = image.copy()
    out.putpalette(_dark_colours(np.array(out.getpalette(), dtype=np.uint8)).tobytes())
    return out


def _darkened(png: bytes) -> bytes:
    """The dark variant of a palette PNG: its palette (the PLTE chunk) recoloured and the pixels, which keep
    their index, left as they were encoded (as ``_recoloured`` then encoding, at no cost)."""
    at = png.index(b"PLTE") - 4
    length = int.from_bytes(png[at:at + 4], "big")
    palette = _dark_colours(np.frombuffer(png, np.uint8, length, at + 8)).tobytes()
    crc = zlib.crc32(b"PLTE" + palette).to_bytes(4, "big")
    return png[:at + 8] + palette + crc + png[at + 12 + length:]


def _darkened_webp(webp: bytes, image: Image.Image) -> bytes:
    """The dark variant of the lossless WebP ``webp`` of the palette image ``image``: its colour table swapped in
    the bitstream (scripts/webp_palette.py), or, for a bitstream that module does not expect, ``image``
    recoloured and encoded again (ten times the time)."""
    try:
        return webp_palette.swap_palette(webp, _dark_colours)
    except ValueError:
        out = io.BytesIO()
        _recoloured(image).save(out, format="WEBP", lossless=True, **WEBP_EFFORT)
        return out.getvalue()


_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_MATHTEXT_POWER = re.compile(r"(\d+)\^\{(-?\d+)\}")


class PlainLogFormatter(matplotlib.ticker.LogFormatterSciNotation):
    """Matplotlib's log-axis labels (which ticks, which values) written as plain text, "10⁻⁶" and "2×10⁻³", instead
    of mathtext: parsing "$\\mathdefault{10^{-6}}$" for every tick of every figure was a tenth of the build's
    drawing time. The superscripts are DejaVu Sans's own glyphs."""

    def __call__(self, x, pos=None):
        label = super().__call__(x, pos)
        if not (label.startswith("$\\mathdefault{") and label.endswith("}$")):
            return label
        inner = label[len("$\\mathdefault{"):-2].replace("\\times", "×")
        inner = _MATHTEXT_POWER.sub(lambda m: m.group(1) + m.group(2).translate(_SUPERSCRIPT), inner)
        return inner.replace("-", "\u2212")


def _plain_log_labels(fig) -> None:
    """Every log axis of ``fig`` labelled by ``PlainLogFormatter``, keeping its formatter's settings."""
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for fmt in (axis.get_major_formatter(), axis.get_minor_formatter()):
                if type(fmt) is matplotlib.ticker.LogFormatterSciNotation:
                    fmt.__class__ = PlainLogFormatter


#: inches of canvas drawn around a figure (left, bottom, right, top) for what lies outside it, such as a legend
#: beside the axes; the picture is then cropped to its ink. The site's figures reach 0.7, 0.5, 1.4 and 0.1 inches
#: out; one whose ink touches the edge of this canvas, or that places text beyond it, is drawn again the slow way,
#: with ``bbox_inches="tight"``
ROOM = (1.0, 0.8, 2.0, 0.5)


def _draw(fig, dpi: float) -> tuple[Image.Image, float]:
    """The figure drawn at ``dpi``, cropped to its ink with ``savefig.pad_inches`` around it, and the size in
    points of the smallest text drawn (ticks, legends, annotations, titles), read off the renderer as it draws:
    walking the figure's artists for it afterwards cost a fifth as much as the drawing.

    Drawn once, on a canvas with ``ROOM`` around the figure: ``bbox_inches="tight"`` lays the figure out and
    measures every artist before drawing it, which was 40% of the drawing's time."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.transforms import Bbox
    sizes, beyond = [], []
    draw_text = RendererAgg.draw_text

    def measured(self, gc, x, y, s, prop, *args, **kw):
        if s.strip():
            sizes.append(prop.get_size_in_points())
            # text placed off the canvas leaves no ink to crop to (text across its edge does, at the edge)
            beyond.append(not (0 <= x <= self.width and 0 <= y <= self.height))
        return draw_text(self, gc, x, y, s, prop, *args, **kw)

    def pixels(bbox_inches) -> np.ndarray:
        # the pixels themselves ("raw" RGBA), not an encoded intermediate to decode at once; the renderer the
        # figure was drawn on tells their width and height
        buf = io.BytesIO()
        fig.savefig(buf, format="raw", dpi=dpi, bbox_inches=bbox_inches)
        renderer = fig.canvas.renderer
        return np.frombuffer(buf.getbuffer(), np.uint8).reshape(int(renderer.height), int(renderer.width), 4)

    width, height = fig.get_size_inches()
    left, bottom, right, top = ROOM
    RendererAgg.draw_text = measured       # one figure at a time per process (the build's workers are processes)
    try:
        rgba = pixels(Bbox.from_extents(-left, -bottom, width + right, height + top))
        ink = rgba.view(np.uint32)[..., 0] != rgba.view(np.uint32)[0, 0, 0]     # a pixel as one number
        rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
        inside = rows.size > 0 and 0 < rows[0] and rows[-1] < ink.shape[0] - 1 \
            and 0 < cols[0] and cols[-1] < ink.shape[1] - 1
        if inside and not any(beyond):
            pad = round(plt.rcParams["savefig.pad_inches"] * dpi)
            rgba = rgba[max(rows[0] - pad, 0):rows[-1] + 1 + pad, max(cols[0] - pad, 0):cols[-1] + 1 + pad]
        else:                              # ink at the canvas's edge, or text beyond it
            sizes.clear()
            rgba = pixels("tight")
    finally:
        RendererAgg.draw_text = draw_text
    image = Image.fromarray(np.ascontiguousarray(rgba[..., :3]))
    return image, float(min(sizes, default=plt.rcParams["font.size"]))


def _palette(image: Image.Image) -> Image.Image:
    return image.quantize(colors=COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)


def _png(fig) -> Rendered:
    """PNG bytes of a figure at 1x (``DPI``), deterministic (no metadata but the size of its smallest
    text) and palette-compressed, with its sharp copy for HiDPI screens (``Rendered.hidpi``)."""
    _plain_log_labels(fig)
    # drawn once, at 2x: the 1x image is that drawing scaled down (matplotlib's rasterising is most of a
    # figure's cost, so a second drawing at 1x would nearly double the cold build). A figure wider than
    # HIDPI_MAX_WIDTH at 2x is drawn at that width: its 1x copy, half of it, still fills the widest column.
    widest = fig.get_figwidth() + 2 * plt.rcParams["savefig.pad_inches"]
    sharp, font_pt = _draw(fig, min(DPI * HIDPI, HIDPI_MAX_WIDTH / widest))
    plt.close(fig)
    # each 1x pixel the mean of its HIDPI x HIDPI block (box filter): a ninth of Lanczos's time, and the PNG 12% lighter
    image = sharp.reduce(HIDPI)
    info = PngImagePlugin.PngInfo()
    info.add_text(FONT_CHUNK, f"{font_pt:g}")

    small, large = _palette(image), _palette(sharp)
    png, hidpi = io.BytesIO(), io.BytesIO()
    small.save(png, format="PNG", pnginfo=info)
    large.save(hidpi, format="WEBP", lossless=True, **WEBP_EFFORT)
    # the dark variant is this drawing recoloured (``darken``), not a second drawing: a third of the cost. Only
    # the palettes of the encoded images change; their pixels, as palette indices, are the light ones
    return Rendered(png.getvalue(), hidpi.getvalue(),
                    Rendered(_darkened(png.getvalue()), _darkened_webp(hidpi.getvalue(), large)))


#: grid points per side of a contour plot; a panel of the small multiples is a quarter as wide and needs half
CONTOUR_POINTS = 240


@functools.lru_cache(maxsize=None)
def contour_grid(problem_name: str, points: int = CONTOUR_POINTS) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                                          np.ndarray | None]:
    """(xs, ys, f − f* on the grid, log levels or None): computed once per problem, shared by every
    figure, style and language that draws the problem's contours."""
    problem = PROBLEMS[problem_name]
    (x0, x1), (y0, y1) = problem.bounds
    xs, ys = np.linspace(x0, x1, points), np.linspace(y0, y1, points)
    grid = np.stack(np.meshgrid(xs, ys), axis=-1)
    z = problem.gap(grid)
    levels = None
    if problem.log_contours:
        z = np.maximum(z, 1e-6)
        levels = np.logspace(np.log10(max(z.min(), 1e-3)), np.log10(z.max()), 14)
    for a in (xs, ys, z) + ((levels,) if levels is not None else ()):
        a.flags.writeable = False
    return xs, ys, z, levels


def _contour_lines(ax, problem_name: str, style: Style, points: int = CONTOUR_POINTS, every: int = 1) -> None:
    """Filled contours and their lines; ``every``: keep one level in that many (the small panels)."""
    xs, ys, z, levels = contour_grid(problem_name, points)
    if levels is not None:
        levels = levels[::every]
        ax.contourf(xs, ys, z, levels=levels, norm=LogNorm(), cmap=style.contour_cmap, alpha=0.35)
        ax.contour(xs, ys, z, levels=levels, norm=LogNorm(), colors=style.grid, linewidths=0.5)
    else:
        ax.contourf(xs, ys, z, levels=14 // every, cmap=style.contour_cmap, alpha=0.35)
        ax.contour(xs, ys, z, levels=14 // every, colors=style.grid, linewidths=0.5)


#: size in inches of the contour picture a panel of the small multiples shows (about a panel's axes)
PANEL_PICTURE = (2.3, 2.1)
#: a panel shows every second contour level: half the lines at a quarter of the size still read as the
#: landscape, and fifteen panels of Rastrigin's bumps kept every level at 400 KB (the page's budget is 600 KB)
PANEL_LEVEL_STEP = 2


@functools.lru_cache(maxsize=None)
def contour_picture(problem_name: str, style: Style, points: int = CONTOUR_POINTS // 2) -> np.ndarray:
    """The filled contours and their lines drawn once, as RGBA pixels at the sharp copy's resolution: the
    fifteen panels of a problem show this picture instead of drawing the same contours fifteen times."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    (x0, x1), (y0, y1) = PROBLEMS[problem_name].bounds
    fig = Figure(figsize=PANEL_PICTURE, dpi=DPI * HIDPI, facecolor=style.background)
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1), facecolor=style.background)
    ax.set_axis_off()
    _contour_lines(ax, problem_name, style, points, every=PANEL_LEVEL_STEP)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    canvas.draw()
    picture = np.asarray(canvas.buffer_rgba()).copy()
    picture.flags.writeable = False
    return picture


def _contour(ax, problem_name: str, style: Style, points: int = CONTOUR_POINTS, picture: bool = False) -> None:
    """The problem's contours, its minima (stars) and its start (ring); ``picture``: the contours as the cached
    ``contour_picture`` (the small multiples)."""
    problem = PROBLEMS[problem_name]
    (x0, x1), (y0, y1) = problem.bounds
    if picture:
        ax.imshow(contour_picture(problem_name, style, points), extent=(x0, x1, y0, y1), aspect="auto",
                  interpolation="nearest", zorder=0)
    else:
        _contour_lines(ax, problem_name, style, points)
    for mx, my in problem.minima:
        ax.plot(mx, my, marker="*", markersize=12, color=style.foreground, linestyle="none", zorder=5)
    ax.plot(*problem.start, marker="o", markersize=6, markerfacecolor="none",
            color=style.foreground, zorder=5)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")


def _visible(history: History, k: int = 0) -> np.ndarray:
    """The part of the path to draw: up to and including the step it diverged at."""
    end = history.diverged_at[k] + 1 if history.diverged_at[k] >= 0 else None
    return history.trajectory[:end, k]


def _path(ax, name: str, history: History, style: Style, lang: str, label: bool = True) -> None:
    path = _visible(history)
    lk = look(name, style)
    w = words(lang)
    n = len(path)
    every = max(1, n // 12)
    shown = opt_label(name, lang)
    text = w["name_diverged"].format(name=shown) if history.diverged[0] else shown
    ax.plot(path[:, 0], path[:, 1], color=lk["color"], linestyle=lk["linestyle"], linewidth=1.4,
            marker=lk["marker"], markevery=every, markersize=4, label=text if label else None)
    if history.diverged[0]:
        ex, ey = path[-1]
        xlo, xhi = ax.get_xlim()
        ylo, yhi = ax.get_ylim()
        ex, ey = np.clip(ex, xlo, xhi), np.clip(ey, ylo, yhi)
        ax.plot(ex, ey, marker="x", markersize=10, markeredgewidth=2, color=lk["color"], zorder=6)
        ax.annotate(w["diverged"], (ex, ey), textcoords="offset points", xytext=(4, 4),
                    color=lk["color"], fontsize=8, clip_on=True)


def trajectories(problem_name: str, runs: dict[str, OptimizerRuns], which: str, style: Style,
                 lang: str) -> bytes:
    """All optimizers on one contour plot; ``which`` is "default" or "tuned"."""
    fig, ax, rc = _figure(style, size=(6.4, 5.0), lang=lang)
    with plt.rc_context(rc):
        _contour(ax, problem_name, style)
        for name, r in runs.items():
            _path(ax, name, r.default if which == "default" else r.tuned(), style, lang)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, borderaxespad=0)
        return _png(fig)


def panels(problem_name: str, runs: dict[str, OptimizerRuns], which: str, style: Style, lang: str) -> bytes:
    """Small multiples: one panel per optimizer."""
    n = len(runs)
    ncols = 4
    nrows = -(-n // ncols)
    w = words(lang)
    fig, axes, rc = _figure(style, size=(10, 2.6 * nrows), nrows=nrows, ncols=ncols, sharex=True, sharey=True,
                            lang=lang)
    with plt.rc_context(rc):
        axes = np.atleast_1d(axes).ravel()
        # the panels share their axes: ticks computed once and fixed, margins set once (no tight_layout, which
        # measures every panel's text), so fifteen panels cost little more than eight
        (x0, x1), (y0, y1) = PROBLEMS[problem_name].bounds
        axes[0].set_xticks(matplotlib.ticker.MaxNLocator(5).tick_values(x0, x1))
        axes[0].set_yticks(matplotlib.ticker.MaxNLocator(5).tick_values(y0, y1))
        for ax, (name, r) in zip(axes, runs.items()):
            history = r.default if which == "default" else r.tuned()
            _contour(ax, problem_name, style, CONTOUR_POINTS // 2, picture=True)
            _path(ax, name, history, style, lang, label=False)
            lr = r.default_lr if which == "default" else r.tuned_lr
            ax.set_title(w["name_lr"].format(name=name, lr=f"{lr:.3g}"), fontsize=9, color=style.foreground)
            ax.label_outer()
        for ax in axes[n:]:
            ax.set_visible(False)
        height = 2.6 * nrows
        fig.subplots_adjust(left=0.6 / 10, right=1 - 0.1 / 10, bottom=0.5 / height, top=1 - 0.3 / height,
                            wspace=0.12, hspace=0.45 / 2.6 * nrows / max(nrows - 1, 1) if nrows > 1 else 0)
        return _png(fig)


def loss_curves(problem_name: str, runs: dict[str, OptimizerRuns], which: str, style: Style, lang: str) -> bytes:
    """f − f* against step on a log axis."""
    w = words(lang)
    fig, ax, rc = _figure(style, size=(6.4, 4.2), lang=lang)
    with plt.rc_context(rc):
        floor = 1e-16
        for name, r in runs.items():
            history = r.default if which == "default" else r.tuned()
            gap = np.maximum(history.gap[:, 0], floor)
            end = history.diverged_at[0] + 1 if history.diverged[0] else len(gap)
            lk = look(name, style)
            steps = np.arange(end)
            shown = opt_label(name, lang)
            text = w["name_diverged"].format(name=shown) if history.diverged[0] else shown
            ax.plot(steps, gap[:end], color=lk["color"], linestyle=lk["linestyle"], marker=lk["marker"],
                    markevery=max(1, end // 10), markersize=4, linewidth=1.4, label=text)
            if history.diverged[0]:
                ax.plot(end - 1, gap[end - 1], marker="x", markersize=9, markeredgewidth=2, color=lk["color"])
        ax.set_yscale("log")
        ax.set_ylim(bottom=floor / 2)
        ax.axhline(SWEEP.target_gap, color=style.grid, linewidth=1, linestyle=":")
        ax.set_xlabel(w["step_axis"])
        ax.set_ylabel(w["gap_axis"])
        ax.grid(True, which="major", alpha=0.5)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, borderaxespad=0)
        return _png(fig)


def sweep(problem_name: str, runs: dict[str, OptimizerRuns], style: Style, lang: str) -> bytes:
    """Tuning objective against lr for every optimizer; defaults and tuned lrs marked."""
    w = words(lang)
    fig, ax, rc = _figure(style, size=(7.0, 4.4), lang=lang)
    with plt.rc_context(rc):
        finite = np.concatenate([r.score[np.isfinite(r.score)] for r in runs.values()])
        floor = 1e-16
        top = max(float(finite.max()) if finite.size else 1.0, floor) * 10
        for name, r in runs.items():
            lk = look(name, style)
            score = np.maximum(r.score, floor)
            ok = np.isfinite(score)
            ax.plot(r.lrs[ok], score[ok], color=lk["color"], linestyle=lk["linestyle"], linewidth=1.3,
                    marker=lk["marker"], markersize=3, label=opt_label(name, lang))
            ax.plot(r.lrs[~ok], np.full((~ok).sum(), top), linestyle="none", marker="x", color=lk["color"],
                    markersize=6)
            ax.plot(r.tuned_lr, score[r.tuned_index], marker=lk["marker"], markersize=10,
                    markerfacecolor="none", markeredgewidth=1.8, color=lk["color"], linestyle="none")
            ax.axvline(r.default_lr, color=lk["color"], linewidth=0.8, linestyle=":", alpha=0.8)
        ax.axhline(top, color=style.grid, linewidth=0.8)
        ax.text(r_lrs_min(runs), top, " " + w["diverged_marks"], va="bottom", fontsize=8, color=style.foreground)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_ylim(floor / 2, top * 10)
        ax.set_xlabel(w["lr_axis"])
        ax.set_ylabel(w["tail_gap_axis"].format(tail=round(SWEEP.tail * 100)))
        ax.grid(True, which="major", alpha=0.5)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, borderaxespad=0)
        return _png(fig)


def r_lrs_min(runs: dict[str, OptimizerRuns]) -> float:
    return float(min(r.lrs.min() for r in runs.values()))


def warm_up() -> None:
    """Load the fonts and the math parser once, in the parent, so that forked workers inherit them."""
    for lang in FIGURE_WORDS:
        fig, ax, rc = _figure(STYLES["light"], size=(2, 1), lang=lang)
        with plt.rc_context(rc):
            ax.set_yscale("log")
            ax.set_xlabel(words(lang)["lr_axis"])
            ax.set_title(words(lang)["diverged"])
            _png(fig)


#: figure kind → (function, takes ``which``)
KINDS = {
    "paths-default": (trajectories, "default"),
    "panels-tuned": (panels, "tuned"),
    "loss-default": (loss_curves, "default"),
    "loss-tuned": (loss_curves, "tuned"),
    "sweep": (sweep, None),
}


def styled(light: Rendered, style_name: str) -> Rendered:
    """The variant ``style_name`` of a figure drawn in the light style."""
    if style_name not in STYLES:
        raise KeyError(f"unknown style {style_name!r}; the styles are {', '.join(STYLES)}")
    return light if style_name == "light" else light.dark


def render(kind: str, problem_name: str, runs: dict[str, OptimizerRuns], style_name: str, lang: str) -> Rendered:
    """A problem figure in ``style_name``: every figure is drawn in the light style, its dark variant derived
    from that drawing (``Rendered.dark``)."""
    func, which = KINDS[kind]
    light = STYLES["light"]
    drawn = func(problem_name, runs, light, lang) if which is None else func(problem_name, runs, which, light, lang)
    return styled(drawn, style_name)


def draw_study(draw, result: dict, style_name: str, lang: str) -> Rendered:
    """A study's figure in ``style_name``, drawn in the light style like every figure."""
    return styled(draw(result, STYLES["light"], lang), style_name)
