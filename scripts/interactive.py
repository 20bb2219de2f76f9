"""Animated trajectories and the learning-rate explorer (issue 6): data computed at build time.

``files()`` returns {docs path: bytes} to publish: per problem, a compact JSON of the
runs (``assets/data/interactive/<problem>.js``, JSON wrapped in one assignment) and a bare contour image per colour
scheme (``assets/data/interactive/<problem>-contour-<style>.png``).
``problem_section(name, lang, depth)`` returns the HTML block placed on a problem page;
``home_section(lang)`` the home page's compact animation of ``HOME_PROBLEM``, which reads
``assets/data/interactive/<problem>-anim.js`` (the same format, every ``sweep`` left empty);
``docs/assets/javascripts/explorer.js`` draws it. The browser only displays these
precomputed numbers: every point comes from ``experiments.problem_runs``.

What the JSON holds (``SCHEMA`` = 1):

* ``bounds`` ``[[x0, x1], [y0, y1]]``: the data area, which fills the contour image edge
  to edge (no axes), so pixel = linear map of the coordinates;
* ``frames``: the steps shown by the animation (every step for short runs; for long
  ones every early step, then evenly spaced), and ``samples``: the steps kept for each
  run of the explorer (fewer, same idea);
* per optimizer: its look (colour per scheme, dash pattern, marker: the figures' own),
  ``default_lr``, ``tuned_index``; ``anim`` {``tuned``, ``default``} with the path at
  ``frames``; ``sweep``: for every lr of the grid, the path and log10(f − f*) at
  ``samples``, the tuning objective ``score`` (mean gap over the last 10 % of steps,
  the number of the sweep figure and tables; ``null`` when diverged) and
  ``diverged_at`` (−1: never).

Compact, so that a page stays light: a path is kept in grid units of 1/``quant`` of the
plot's extent (x = x0 + q·(x1 − x0)/quant, about 4 significant digits), a log gap in
hundredths of a decade, and each as the differences from the previous point
(``decode_path`` / ``decode_log_gap`` undo it, as the script does). A path stops at
the step it diverged at (the run is frozen there); that one point may lie far outside
the plot and is clamped to the divergence region (the plot enlarged ``ESCAPE`` times),
the only point that is not the package's number.
"""

from __future__ import annotations

import functools
import html
import io
import json

import numpy as np

from optimizers import PLANAR, PROBLEMS, History

from . import cache, experiments, figures
from .text import opt_label, problem_title

SCHEMA = 1
DATA_DIR = "assets/data/interactive"
#: animation frames per problem at most, and points per explorer run at most
MAX_FRAMES = 201
MAX_SAMPLES = 45                   # × 41 learning rates: the explorer data stays within 20 KB an optimizer
#: steps shown one by one at the start of a long run (the fast early moves)
DENSE_FRAMES = 50
DENSE_SAMPLES = 20
#: coordinates are kept in units of 1/QUANT of the plot's extent; log10 gaps in 1/LOG_SCALE
QUANT = 10_000
LOG_SCALE = 100
ESCAPE = 10.0
#: gaps below this are drawn at it (log axis)
GAP_FLOOR = 1e-16
#: contour image size in pixels (4:3, as the figures)
IMAGE_SIZE = (640, 480)

DASHES = {"-": [], "--": [6, 4], "-.": [7, 3, 1.5, 3], ":": [1.5, 3]}

TEXT = {
    "ko": {
        "anim_title": "움직이는 궤적",
        "anim_intro": "모든 옵티마이저가 같은 시작점에서 한 스텝씩 함께 움직입니다. 재생 단추를 누르거나, 스텝 "
                      "슬라이더(←/→ 키)로 원하는 스텝을 고르세요. 점 하나하나가 빌드할 때 패키지가 계산한 위의 실행 그대로입니다.",
        "explorer_title": "학습률 탐색기",
        "explorer_intro": "옵티마이저를 고르고, 슬라이더로 학습률 격자 {n}개 중 하나를 고르세요. 그 학습률로 실행한 궤적과 "
                          "손실 곡선이 바로 바뀝니다. 옆에 나오는 남은 오차는 위 학습률 민감도 그림의 값으로, 마지막 "
                          "{tail}% 스텝 동안 최솟값과의 차이를 평균한 것입니다.",
        "noscript": "이 부분은 JavaScript가 있어야 움직입니다. 같은 실행은 위의 그림과 표에서 볼 수 있습니다.",
        "play": "재생", "pause": "일시정지", "step": "스텝", "scrubber": "애니메이션 스텝",
        "which": "학습률", "tuned": "튜닝한 학습률", "default": "기본 학습률",
        "optimizer": "옵티마이저", "lr": "학습률", "lr_slider": "학습률 격자에서 고르기", "lr_note": "학습률",
        "final": "남은 오차 (마지막 {tail}% 평균)", "status": "상태",
        "diverged": "{step}스텝째에 발산", "diverged_short": "발산", "ok": "발산하지 않음",
        "is_tuned": "튜닝한 값", "is_default": "기본값",
        "anim_canvas": "{problem} 등고선 위에서 옵티마이저 {n}개가 함께 움직이는 애니메이션",
        "path_canvas": "{problem} 등고선 위에 그린, 고른 옵티마이저와 학습률의 궤적",
        "loss_canvas": "고른 실행에서 스텝마다 잰 최솟값과의 차이 f − f* (로그 축)",
        "legend": "범례",
        "loss_axis": "f − f*", "step_axis": "스텝",
    },
    "en": {
        "anim_title": "See it move",
        "anim_intro": "Every optimizer moves from the same start, one step at a time. Use the play button or the scrubber "
                      "(←/→ keys) to pick a step. Every point is from the runs above, computed by the package at build time.",
        "explorer_title": "Learning-rate explorer",
        "explorer_intro": "Pick an optimizer, then move the slider over the {n} learning rates of the grid: the trajectory and "
                          "the loss curve of that run show at once. The final gap is the number of the sensitivity figure "
                          "above: the mean gap $f-f^\\star$ over the last {tail}% of steps.",
        "noscript": "This part needs JavaScript. The figures and the table on this page show the same runs.",
        "play": "Play", "pause": "Pause", "step": "step", "scrubber": "Animation step",
        "which": "Learning rate", "tuned": "tuned lr", "default": "default lr",
        "optimizer": "Optimizer", "lr": "Learning rate", "lr_slider": "Pick from the learning-rate grid", "lr_note": "lr",
        "final": "Final gap (mean of last {tail}%)", "status": "Status",
        "diverged": "diverged at step {step}", "diverged_short": "diverged", "ok": "did not diverge",
        "is_tuned": "tuned", "is_default": "default",
        "anim_canvas": "Animation of {n} optimizers moving together over the contours of the {problem}",
        "path_canvas": "Trajectory of the chosen optimizer and learning rate over the contours of the {problem}",
        "loss_canvas": "Gap f − f* against step for the chosen run (log axis)",
        "legend": "Legend",
        "loss_axis": "f − f*", "step_axis": "step",
    },
}


# ---------------------------------------------------------------- data


def pick_steps(steps: int, limit: int, dense: int) -> np.ndarray:
    """Steps to keep of a run of ``steps`` steps: all if they fit in ``limit``, else the
    first ``dense`` one by one and the rest evenly spaced, always ending at the last."""
    if steps + 1 <= limit:
        return np.arange(steps + 1)
    tail = np.linspace(dense, steps, limit - dense).round().astype(int)
    return np.unique(np.concatenate([np.arange(dense), tail]))


def _region(problem: str) -> tuple[np.ndarray, np.ndarray]:
    """The divergence region: the plot enlarged ESCAPE times about its centre."""
    b = np.asarray(PROBLEMS[problem].bounds, dtype=float)
    centre, half = b.mean(axis=1), (b[:, 1] - b[:, 0]) / 2
    return centre - ESCAPE * half, centre + ESCAPE * half


def _kept(steps: np.ndarray, diverged_at: int) -> np.ndarray:
    """``steps`` up to the divergence, which is always kept (the run is frozen after it)."""
    return steps if diverged_at < 0 else np.append(steps[steps < diverged_at], diverged_at)


def _delta(q: np.ndarray) -> list[int]:
    """Integers (n, c) → flat list of differences from the previous row (first row as is)."""
    return np.diff(q, axis=0, prepend=0).ravel().astype(int).tolist()


def encode_path(problem: str, trajectory: np.ndarray, diverged_at: int, steps: np.ndarray) -> list[int]:
    """``trajectory`` (steps+1, 2) at ``steps``: grid units of the plot (``QUANT`` per side), as differences."""
    b = np.asarray(PROBLEMS[problem].bounds, dtype=float)
    pts = np.clip(trajectory[_kept(steps, diverged_at)], *_region(problem))
    return _delta(np.round((pts - b[:, 0]) / (b[:, 1] - b[:, 0]) * QUANT))


def decode_path(problem: str, codes: list[int]) -> np.ndarray:
    """The inverse of ``encode_path`` (what explorer.js does): (n, 2) coordinates."""
    b = np.asarray(PROBLEMS[problem].bounds, dtype=float)
    q = np.cumsum(np.asarray(codes, dtype=float).reshape(-1, 2), axis=0)
    return b[:, 0] + q / QUANT * (b[:, 1] - b[:, 0])


def encode_log_gap(gap: np.ndarray, steps: np.ndarray, diverged_at: int) -> list[int]:
    """log10(f − f*) at ``steps`` in hundredths, as differences."""
    lg = np.log10(np.maximum(gap[_kept(steps, diverged_at)], GAP_FLOOR))
    return _delta(np.round(lg * LOG_SCALE)[:, None])


def decode_log_gap(codes: list[int]) -> np.ndarray:
    return np.cumsum(np.asarray(codes, dtype=float)) / LOG_SCALE


def sig(x: float, digits: int = 4) -> float | None:
    """``x`` to ``digits`` significant digits; None for inf/NaN (a diverged score)."""
    if not np.isfinite(x):
        return None
    return float(f"{x:.{digits - 1}e}")


def problem_data(problem: str) -> dict:
    runs = experiments.problem_runs(problem)
    p = PROBLEMS[problem]
    steps = next(iter(runs.values())).sweep.loss.shape[0] - 1
    frames = pick_steps(steps, MAX_FRAMES, DENSE_FRAMES)
    samples = pick_steps(steps, MAX_SAMPLES, DENSE_SAMPLES)
    opts = []
    for name, r in runs.items():
        lk = {s: figures.look(name, figures.STYLES[s]) for s in figures.STYLES}

        def anim(h: History) -> dict:
            d = int(h.diverged_at[0])
            return {"xy": encode_path(problem, h.trajectory[:, 0], d, frames), "diverged_at": d}

        sweep = []
        gap = r.sweep.gap
        shown = r.on_grid(experiments.SWEEP.lrs)     # the shared grid, even where this one grew
        for k in shown:
            d = int(r.sweep.diverged_at[k])
            sweep.append({"xy": encode_path(problem, r.sweep.trajectory[:, k], d, samples),
                          "lg": encode_log_gap(gap[:, k], samples, d),
                          "score": sig(r.score[k]), "diverged_at": d})
        opts.append({
            "name": name,
            "color": {s: lk[s]["color"] for s in lk},
            "dash": DASHES[lk["light"]["linestyle"]],
            "marker": lk["light"]["marker"],
            "default_lr": sig(r.default_lr),
            "tuned_index": int(np.argmin(np.abs(shown - r.tuned_index))),
            "anim": {"tuned": anim(r.tuned()), "default": anim(r.default)},
            "sweep": sweep,
        })
    (x0, x1), (y0, y1) = p.bounds
    lrs = experiments.SWEEP.lrs
    return {
        "schema": SCHEMA, "problem": problem, "bounds": [[x0, x1], [y0, y1]], "steps": int(steps),
        "quant": QUANT, "log_scale": LOG_SCALE, "target_gap": experiments.SWEEP.target_gap,
        "theme": {s: {"background": st.background, "foreground": st.foreground, "grid": st.grid}
                  for s, st in figures.STYLES.items()},
        "minima": [list(m) for m in p.minima], "start": list(p.start),
        "lrs": [sig(v) for v in lrs], "frames": frames.tolist(), "samples": samples.tolist(),
        "optimizers": opts,
    }


def to_json(data: dict) -> bytes:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


# ---------------------------------------------------------------- contour images


def _image_key(problem: str, style: str) -> str:
    """Cache key of a contour image (``style``) or of the JSON (``style="data"``)."""
    return cache.key_of("interactive", SCHEMA, problem, style, IMAGE_SIZE,
                        experiments._key(problem, experiments.SWEEP),
                        cache.source_of(__import__(__name__, fromlist=["_"])), cache.source_of(figures),
                        cache.versions("numpy", "matplotlib"))


def contour_png(problem: str, style_name: str) -> bytes:
    """The contour of ``problem`` filling the whole image (no axes): pixel ↔ ``bounds``."""
    import matplotlib.pyplot as plt
    from PIL import Image

    style = figures.STYLES[style_name]
    w, h = IMAGE_SIZE
    fig, ax, rc = figures._figure(style, size=(w / figures.DPI, h / figures.DPI))
    with plt.rc_context(rc):
        ax.set_position([0, 0, 1, 1])
        figures._contour(ax, problem, style)
        ax.set_axis_off()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=figures.DPI, metadata={"Software": None})
    plt.close(fig)
    image = Image.open(buf).convert("RGB")
    image = image.quantize(colors=figures.COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def contour_image(problem: str, style: str) -> bytes:
    path_ = cache.path_for("figures", _image_key(problem, style), ".png")
    if path_.exists():
        return path_.read_bytes()
    data = contour_png(problem, style)
    cache.atomic_write(path_, data)
    return data


def image_name(problem: str, style: str) -> str:
    return f"{DATA_DIR}/{problem}-contour-{style}.png"


def data_name(problem: str) -> str:
    return f"{DATA_DIR}/{problem}.js"


#: the data ships as a script, not as JSON fetched by the page: a <script> tag also loads
#: from file://, where fetch() is refused (the offline copy, site.zip, is opened that way)
_SCRIPT_HEAD = "window.OPTIMIZER_DATA=window.OPTIMIZER_DATA||{{}};window.OPTIMIZER_DATA[{key}]="


def to_script(problem: str, data: dict) -> bytes:
    return _SCRIPT_HEAD.format(key=json.dumps(problem)).encode("utf-8") + to_json(data) + b";\n"


def from_script(raw: bytes) -> dict:
    """The data of a published data script (for tests and tools)."""
    text = raw.decode("utf-8")
    return json.loads(text[text.index("]=") + 2:].rstrip().rstrip(";"))


def data_json(problem: str) -> bytes:
    """The published data script of one problem (cached)."""
    path_ = cache.path_for("interactive", _image_key(problem, "data"), ".js")
    if path_.exists():
        return path_.read_bytes()
    data = to_script(problem, problem_data(problem))
    cache.atomic_write(path_, data)
    return data


@functools.lru_cache(maxsize=None)
def _files() -> dict[str, bytes]:
    out = {}
    for problem in PROBLEMS:
        out[data_name(problem)] = data_json(problem)
        for style in figures.STYLES:
            out[image_name(problem, style)] = contour_image(problem, style)
    out[anim_data_name(HOME_PROBLEM)] = anim_json(HOME_PROBLEM)
    return out


def files() -> dict[str, bytes]:
    return dict(_files())


# ---------------------------------------------------------------- page block


def _attrs(**kw) -> str:
    return " ".join(f'data-{k.replace("_", "-")}="{html.escape(str(v), quote=True)}"' for k, v in kw.items())


def _anim_block(problem: str, lang: str, common: str, pid: str, extra_class: str = "", legend: str = "") -> str:
    """The animation widget (explorer.js's ``Animation``): ``common`` holds its data attributes, ``pid`` makes its
    ids unique on the page, ``legend`` is the legend's items if the page lays them out before the script runs."""
    t = TEXT[lang]
    e = html.escape
    title = problem_title(problem, lang)
    cls = f"ix ix-anim {extra_class}".strip()
    return (
        f'<div class="{cls}" {common}>\n'
        f'<div class="ix-controls">'
        f'<button type="button" class="md-button ix-play">{e(t["play"])}</button> '
        f'<label class="ix-field"><span>{e(t["which"])}</span> <select class="ix-which">'
        f'<option value="tuned">{e(t["tuned"])}</option><option value="default">{e(t["default"])}</option>'
        f'</select></label>'
        f'</div>\n'
        f'<div class="ix-scrub"><label for="{pid}-scrub" class="ix-step-label">{e(t["scrubber"])}</label>'
        f'<input type="range" id="{pid}-scrub" class="ix-scrubber" min="0" max="0" value="0" step="1">'
        f'<output class="ix-step" for="{pid}-scrub" aria-live="off"></output></div>\n'
        f'<canvas class="ix-canvas ix-main" role="img" '
        f'aria-label="{e(t["anim_canvas"].format(problem=title, n=len(PLANAR)))}"></canvas>\n'
        f'<ul class="ix-legend" aria-label="{e(t["legend"])}">{legend}</ul>\n'
        f'</div>\n'
    )


def problem_section(problem: str, lang: str, depth: int) -> str:
    t = TEXT[lang]
    title = problem_title(problem, lang)
    tail = int(experiments.SWEEP.tail * 100)
    e = html.escape
    labels = _attrs(play=t["play"], pause=t["pause"], step=t["step"], diverged=t["diverged"],
                    diverged_short=t["diverged_short"], ok=t["ok"], is_tuned=t["is_tuned"],
                    is_default=t["is_default"], loss_axis=t["loss_axis"], step_axis=t["step_axis"],
                    lr_note=t["lr_note"])
    # Paths from the site's root: explorer.js resolves them against its own URL, so they hold
    # on every page whatever its language folder (``depth`` is not needed).
    paths = _attrs(data=data_name(problem), problem=problem, image_light=image_name(problem, "light"),
                   image_dark=image_name(problem, "dark"))
    common = f"{paths} {labels}"
    pid = f"ix-{problem}"
    options = "".join(f'<option value="{i}">{e(opt_label(name, lang))}</option>' for i, name in enumerate(PLANAR))
    anim = _anim_block(problem, lang, common, pid)
    explorer = (
        f'<div class="ix ix-explorer" {common}>\n'
        f'<div class="ix-controls">'
        f'<label class="ix-field"><span>{e(t["optimizer"])}</span> <select class="ix-opt">{options}</select></label>'
        f'<label class="ix-field ix-lr-field"><span>{e(t["lr_slider"])}</span> '
        f'<input type="range" class="ix-lr" min="0" max="0" value="0" step="1"></label>'
        f'</div>\n'
        f'<dl class="ix-readout" aria-live="polite">'
        f'<div><dt>{e(t["lr"])}</dt><dd class="ix-lr-value"></dd></div>'
        f'<div><dt>{e(t["final"].format(tail=tail))}</dt><dd class="ix-score"></dd></div>'
        f'<div><dt>{e(t["status"])}</dt><dd class="ix-status"></dd></div>'
        f'</dl>\n'
        f'<div class="ix-pair">'
        f'<canvas class="ix-canvas ix-main" role="img" aria-label="{e(t["path_canvas"].format(problem=title))}"></canvas>'
        f'<canvas class="ix-canvas ix-loss" role="img" aria-label="{e(t["loss_canvas"])}"></canvas>'
        f'</div>\n'
        f'</div>\n'
    )
    # Laid out from the start (the canvases keep their aspect ratio while the data loads), so
    # nothing below them moves; without JavaScript the widgets are not shown at all.
    note = (f'<noscript><style>.md-typeset .ix {{ display: none; }}</style>'
            f'<p class="ix-noscript">{e(t["noscript"])}</p></noscript>\n')
    return "\n".join([
        f"## {t['anim_title']} {{ #animation }}\n",
        f"{t['anim_intro']}\n",
        note, anim,
        f"## {t['explorer_title']} {{ #explorer }}\n",
        t["explorer_intro"].format(n=len(experiments.SWEEP.lrs), tail=tail) + "\n",
        note, explorer,
    ])


# ---------------------------------------------------------------- the home page's animation

#: the problem the home page animates (the skewed bowl of "Deep Learning from Scratch")
HOME_PROBLEM = "bowl"


#: what the home page says instead when JavaScript is off (there are no figures of the problem above it)
HOME_NOSCRIPT = {
    "ko": "이 애니메이션은 JavaScript가 있어야 움직입니다. 같은 실행은 벤치마크 문제 '{problem}' 페이지의 그림에서 "
          "볼 수 있습니다.",
    "en": "This animation needs JavaScript. The page of the benchmark problem '{problem}' shows the same runs as figures.",
}


def anim_key(problem: str) -> str:
    """The animation-only data's key on ``window.OPTIMIZER_DATA`` (the widget's ``data-problem``): not the
    problem's own key, so a page that later loads the full data never finds this lighter copy under it."""
    return f"{problem}-anim"


def anim_data_name(problem: str) -> str:
    return f"{DATA_DIR}/{problem}-anim.js"


def anim_only(data: dict) -> dict:
    """The problem's data in the same format, with every optimizer's ``sweep`` left empty: all the animation
    reads, at a tenth of the weight (the home page does not carry the explorer)."""
    return {**data, "optimizers": [{**o, "sweep": []} for o in data["optimizers"]]}


def anim_json(problem: str) -> bytes:
    """The published animation-only data script of ``problem`` (cached)."""
    path_ = cache.path_for("interactive", _image_key(problem, "anim-data"), ".js")
    if path_.exists():
        return path_.read_bytes()
    raw = to_script(anim_key(problem), anim_only(from_script(data_json(problem))))
    cache.atomic_write(path_, raw)
    return raw


def _fmt(x: float) -> str:
    """A learning rate as explorer.js's ``fmt`` writes it (scripts/fmt.py's ``fmt_num``)."""
    if x == 0:
        return "0"
    if 1e-3 <= abs(x) < 1e4:
        return f"{x:.3g}"
    mant, exp = f"{x:.2e}".split("e")
    return f"{mant}e{int(exp)}"


def home_section(lang: str, problem: str = HOME_PROBLEM) -> str:
    """The home page's animation: the problem pages' widget, compact, on the animation-only data.

    The legend's items are written here as explorer.js writes them (a 40 × 14 swatch, the name, the tuned lr),
    and the canvas keeps its aspect ratio while the data loads, so nothing on the page moves when the script
    draws. The script replaces the legend with its own (same size) and starts playing when the widget is in view.
    """
    t = TEXT[lang]
    e = html.escape
    data = from_script(anim_json(problem))
    labels = _attrs(play=t["play"], pause=t["pause"], step=t["step"], diverged=t["diverged"],
                    diverged_short=t["diverged_short"], ok=t["ok"], is_tuned=t["is_tuned"],
                    is_default=t["is_default"], loss_axis=t["loss_axis"], step_axis=t["step_axis"],
                    lr_note=t["lr_note"])
    paths = _attrs(data=anim_data_name(problem), problem=anim_key(problem),
                   image_light=image_name(problem, "light"), image_dark=image_name(problem, "dark"))
    legend = "".join(
        f'<li><span class="ix-swatch" aria-hidden="true"></span><span class="ix-name">{e(opt_label(o["name"], lang))}</span> '
        f'<span class="ix-lr-note">{e(t["lr_note"])} {_fmt(data["lrs"][o["tuned_index"]])}</span> '
        f'<span class="ix-diverged"></span></li>'
        for o in data["optimizers"])
    note = (f'<noscript><style>.md-typeset .ix {{ display: none; }}</style>'
            f'<p class="ix-noscript">{e(HOME_NOSCRIPT[lang].format(problem=problem_title(problem, lang)))}</p>'
            f'</noscript>\n')
    return note + _anim_block(problem, lang, f"{paths} {labels}", f"ix-home-{problem}", "ix-compact", legend)

