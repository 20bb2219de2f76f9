"""A Jupyter notebook for every optimizer page and every experiment page, in Korean and in English.

Each notebook is a list of Markdown and code cells, written as .ipynb by nbformat. Its code cells hold the
package's own files, read from disk at build time (never a copy that can drift): the optimizer's module
and ``base.py``, the problems, the runner or the data sets. Their relative imports (``from .base import
Optimizer``) are turned into comments, since those names are defined by an earlier cell; the files that an
import needs come first. So a notebook runs with NumPy and matplotlib alone (and scikit-learn, which Colab
has, on the data-set pages), with nothing of this repository installed and no network.

A notebook re-runs what its page reports, at the settings the build chose (a tuned learning rate is a
constant taken from the build, and a markdown cell says how it was tuned), and prints it as a table in
the format of the page: the same numbers, written by the same functions (``scripts/fmt.py``, and the table
cells of ``scripts/study_data.py``, included from their source). An optimizer page shows that table in a
folded block under its notebook link (:func:`page_block`, put there by ``scripts/mkdocs_hooks.py``).

``files()`` gives ``notebooks/<lang>/<section>/<page>.ipynb`` for the docs tree; the conversion is cached
under the hash of the notebook's cells.
"""

from __future__ import annotations

import ast
import functools
import importlib.metadata
import inspect
from pathlib import Path

from optimizers import OPTIMIZERS, PROBLEMS

from . import cache, experiments, fmt, studies, study_data, study_init
from .korean import fill
from .pages import protocol
from .text import LANGUAGES, TEXT, opt_label, problem_title

PACKAGE = cache.ROOT / "optimizers"
FOLDER = "notebooks"

#: every word of the notebooks and of their links, one dict per language
WORDS = {
    "ko": {
        "link": "📓 [이 페이지의 노트북 내려받기 (.ipynb)]({href}){{ download=\"{file}\" }}: 코드와 숫자가 이 페이지와 "
                "같습니다. NumPy와 matplotlib{sklearn} 말고는 따로 설치할 것이 없습니다. Colab에서는 "
                "**파일 → 노트 업로드**(File → Upload notebook)로 엽니다.",
        "with_sklearn": ", scikit-learn",
        "shown_title": "노트북이 다시 계산해 출력하는 값",
        "shown_intro": "노트북은 문제마다 기본 학습률과 튜닝한 학습률로 {name:을/를} 다시 돌려 이 표를 그대로 출력합니다. "
                       "각 문제 페이지의 결과 표에서 {name} 줄만 모은 것입니다.",
        "problem": "문제",
        "title": "{title}: 직접 돌려 보는 노트북",
        "intro": "옵티마이저 스터디의 **{title}** 페이지에 딸린 노트북입니다. 사이트를 빌드할 때 저장소의 소스에서 "
                 "만들어집니다. 코드 셀에는 `optimizers` 패키지의 파일이 그대로 들어 있어서, NumPy와 matplotlib{sklearn}만 "
                 "있으면 설치나 네트워크 없이 개인 컴퓨터에서도 Colab에서도 돌아갑니다. 위에서부터 차례로 실행하세요.\n\n"
                 "파일 안의 상대 import(`from .base import Optimizer` 같은 줄)는 주석으로 바꾸었습니다. 그 이름들은 앞 셀에서 "
                 "이미 정의되기 때문입니다.",
        "import_note": "앞 셀에서 정의한 이름입니다",
        "file_roles": {
            "base": "모든 옵티마이저가 함께 쓰는 부분입니다. 하이퍼파라미터 검사, 상태, 여러 실행을 한꺼번에 돌리는 처리가 "
                    "여기 있습니다.",
            "optimizer": "이 파일에 들어 있는 옵티마이저의 갱신 규칙입니다.",
            "functions": "2차원 벤치마크 문제입니다. 함수, 기울기, 시작점과 스텝 수가 들어 있습니다.",
            "runner": "옵티마이저를 2차원 문제 위에서 돌리고 궤적과 손실을 기록합니다.",
            "registry": "사이트의 모든 페이지가 도는 옵티마이저 표 `OPTIMIZERS`입니다.",
            "datasets": "데이터 세트와 모델(로지스틱 회귀, MLP), 그리고 미니배치 학습 `train`입니다. scikit-learn에 들어 있는 "
                        "데이터는 처음 쓸 때 불러옵니다.",
            "other": "위 파일들이 가져다 쓰는 패키지 파일입니다.",
        },
        "file_title": "패키지 파일 `{path}`",
        "helpers_title": "페이지의 숫자를 적는 함수",
        "helpers": "사이트를 만드는 코드에서 숫자와 표 칸을 적는 함수를 그대로 가져왔습니다({paths}). 그래서 출력되는 숫자의 "
                   "자릿수가 페이지와 같습니다.",
        "settings_title": "설정",
        "run_title": "다시 돌리기",
        "figure_title": "그림",
        "figure_note": "그림에는 한글을 쓰지 않고 기호만 적었습니다. 한글 글꼴이 없는 환경(Colab 등)에서도 글자가 깨지지 "
                       "않게 하기 위해서입니다.",
        # the optimizer pages
        "opt_settings": "기본 학습률은 torch.optim의 기본값, 곧 클래스 생성자의 기본 인자입니다. 튜닝한 학습률은 사이트를 "
                        "빌드할 때 정한 값을 상수로 옮겨 왔습니다. {protocol} 이 노트북은 그 학습률로 "
                        "다시 돌리기만 합니다.",
        "opt_run": "문제마다 기본 학습률과 튜닝한 학습률로 한 번씩 돌리고, 페이지의 표와 같은 형식으로 출력합니다. "
                   "숫자가 페이지와 같아야 합니다.",
        "opt_figure": "튜닝한 학습률에서 스텝마다 잰 남은 오차 $f(\\theta_t)-f^\\star$입니다. 두 축 모두 로그 축입니다. ",
        "head_default": "기본 학습률",
        "head_tuned": "튜닝한 학습률",
        "head_gap": "남은 오차",
        "head_steps": "{target} 아래로 내려간 스텝",
        "head_status": "상태",
        # the experiment pages
        "exp_settings": "설정과 튜닝한 학습률은 사이트를 빌드할 때 쓴 값을 상수로 옮겨 왔습니다. 학습률은 튜닝용 시드 "
                        "{tune_seed}에서 로그 격자를 한꺼번에 실행해, 마지막 {tail}% 스텝의 평균 손실이 가장 작은 값으로 "
                        "골랐습니다(가장 좋은 값이 격자의 끝이면 그쪽으로 10배 구간씩 넓힘). 이 노트북은 튜닝을 되풀이하지 "
                        "않고, 페이지가 보고하는 실행만 다시 합니다.",
        "exp_run": "페이지의 표와 같은 형식으로 출력하고, 숫자가 페이지와 같아야 합니다(페이지의 순위 표시는 뺐습니다).",
        "per_seed": "칸의 값은 시드 {n_seeds}개의 `중앙값 (사분위 범위)`입니다.",
        "optimizer": "옵티마이저",
        "lr": "학습률",
        "tuned_lr": "튜닝한 학습률",
        "default_lr": "기본 학습률",
        "acc_at": "정확도 (%), 학습률 {lr}",
        "acc_tuned": "정확도 (%), 튜닝한 학습률",
        "acc_default": "기본 학습률에서 정확도 (%)",
        "loss_at": "최종 학습 손실, 학습률 {lr}",
        "loss_tuned": "최종 학습 손실, 튜닝한 학습률",
        "final_loss": "최종 학습 손실",
        "test_acc": "테스트 정확도 (%)",
        "data_figure": "튜닝한 학습률에서 에폭마다 잰 학습 손실의 중앙값입니다(세로축은 로그 축).",
        "logistic_run": "옵티마이저마다 공통 학습률 {shared}와 튜닝한 학습률을 시드 {seeds}에서 한꺼번에 학습합니다. "
                        "첫 표는 테스트 정확도, 둘째 표는 최종 학습 손실입니다.",
        "mlp_run": "옵티마이저마다 기본 학습률과 튜닝한 학습률을 시드 {seeds}에서 한꺼번에 학습합니다.",
        "sparse_run": "옵티마이저마다 튜닝한 학습률을 시드 {seeds}에서 한꺼번에 학습합니다.",
        "init": "초기화",
        "std_layers": "{act}: 1층 → {layers}층 표준편차",
        "init_act_run": "입력 {n}개를 {layers}개 층(층마다 뉴런 {width}개)에 통과시키고, 층마다 활성값의 표준편차를 잽니다.",
        "init_train_run": "이어서 손글씨 숫자(digits) 데이터에서 MLP를 초기화 {n_init}가지 × 시드 {n_seeds}개로 한꺼번에 "
                          "SGD(학습률 {lr})로 학습합니다. 칸의 값은 "
                          "시드 {n_seeds}개의 `중앙값 (사분위 범위)`입니다. 시간을 아끼려고 활성화 함수는 {shown}만 "
                          "돌립니다. 페이지의 다른 열({more})도 보려면 `TRAIN_ACTIVATIONS`에 더하세요.",
        "init_figure": "초기화마다 층을 지나며 활성값의 표준편차가 어떻게 변하는지 그렸습니다(세로축은 로그 축).",
        "noise_run": "문제와 옵티마이저마다 잡음 속에서 튜닝한 학습률로, 잡음 시드 {seeds}의 실행 {repeats}개를 한꺼번에 "
                     "돌립니다. 칸의 값은 마지막 {tail}% 스텝의 평균 남은 오차에 대한 `중앙값 (사분위 범위)`와 학습률입니다.",
        "init_settings": "설정은 사이트를 빌드할 때 쓴 값을 상수로 옮겨 왔습니다. 이 실험에는 튜닝이 없습니다. 모든 "
                         "초기화가 같은 학습률로 학습합니다.",
        "noise_settings": "잡음의 크기와 실행 수, 그리고 문제와 옵티마이저마다 잡음 속에서 튜닝한 학습률은 사이트를 빌드할 때 "
                          "쓴 값을 상수로 옮겨 왔습니다. 빌드는 학습률 격자 전체를 같은 잡음 시드로 돌려, 실행들의 튜닝 기준값 "
                          "중앙값이 가장 작은 학습률을 골랐습니다. 이 노트북은 그 학습률만 다시 돌립니다.",
        "noise_figure": "{problem} 문제에서 옵티마이저마다 남은 오차의 중앙값을 스텝에 따라 그렸습니다.",
        "results_run": "2차원 문제 {n}개에서 옵티마이저마다 튜닝한 학습률로 돌려, 남은 오차로 매긴 순위와 "
                       "{target}에 닿은 문제 수, 닿은 스텝의 중앙값을 출력합니다. 페이지의 순위 표에 있는 잡음 실험과 데이터 세트 "
                       "열은 각 실험의 노트북이 다시 계산합니다.",
        "reached": "{target} 도달 (문제 수)",
        "median_steps": "도달 스텝 중앙값",
        "results_figure": "문제마다 옵티마이저의 순위입니다(1 = 남은 오차가 가장 작음).",
    },
    "en": {
        "link": "📓 [Download this page's notebook (.ipynb)]({href}){{ download=\"{file}\" }}: the same code and numbers "
                "as this page; it runs with NumPy and matplotlib{sklearn} and nothing to install. In Colab, open it with "
                "**File → Upload notebook**.",
        "with_sklearn": " and scikit-learn",
        "shown_title": "What the notebook computes again and prints",
        "shown_intro": "The notebook runs {name} again on every problem, at the default and at the tuned learning rate, "
                       "and prints this table as it is: the {name} rows of the results tables of the problem pages.",
        "problem": "Problem",
        "title": "{title}: a notebook to run",
        "intro": "The notebook of the **{title}** page of the Optimizer Study. It is made from the repository's "
                 "sources when the site is built. Its code cells hold the files of the `optimizers` package as they "
                 "are, so it runs with NumPy and matplotlib{sklearn} alone, with nothing to install and no network, "
                 "on a laptop or in Colab. Run the cells from the top.\n\n"
                 "Relative imports inside the files (lines such as `from .base import Optimizer`) are turned into "
                 "comments: those names are defined by an earlier cell.",
        "import_note": "defined in an earlier cell",
        "file_roles": {
            "base": "What every optimizer shares: checking hyperparameters, the state, and many runs at once.",
            "optimizer": "The update rules of the optimizers in this file.",
            "functions": "The 2-D benchmark problems: each function, its gradient, start point and number of steps.",
            "runner": "Runs an optimizer on a 2-D problem and records the path and the loss.",
            "registry": "The table of optimizers, `OPTIMIZERS`, that every page of the site loops over.",
            "datasets": "The data sets, the models (logistic regression, MLP) and minibatch training, `train`. "
                        "scikit-learn's bundled data is loaded when first used.",
            "other": "A file of the package that the files above use.",
        },
        "file_title": "Package file `{path}`",
        "helpers_title": "The functions that write the page's numbers",
        "helpers": "Taken as they are from the code that builds the site ({paths}), so the printed numbers have the "
                   "page's digits.",
        "settings_title": "Settings",
        "run_title": "Run it again",
        "figure_title": "Figure",
        "figure_note": "The figure uses symbols only, so it reads the same wherever it runs.",
        "opt_settings": "The default learning rate is torch.optim's default, the default argument of the class's "
                        "constructor. The tuned learning rates are constants taken from the site's build. {protocol} "
                        "This notebook only runs them again.",
        "opt_run": "One run per problem at the default and one at the tuned learning rate, printed in the format of "
                   "the page's table. The numbers should be the page's.",
        "opt_figure": "The gap $f(\\theta_t)-f^\\star$ at every step, at the tuned learning rate, on log axes. ",
        "head_default": "default lr",
        "head_tuned": "tuned lr",
        "head_gap": "final gap",
        "head_steps": "step it fell below {target}",
        "head_status": "status",
        "exp_settings": "The settings and the tuned learning rates are constants taken from the site's build. Each "
                        "learning rate was tuned on seed {tune_seed}, over a log grid run as one batch, as the one with "
                        "the lowest mean loss over the last {tail}% of steps (the grid grows a decade at a time while "
                        "the best value is one of its ends). This notebook does not tune again: it repeats the runs "
                        "the page reports.",
        "exp_run": "Printed in the format of the page's table; the numbers should be the page's (the page's ranks "
                   "are left out).",
        "per_seed": "Each cell is the `median (interquartile range)` over {n_seeds} seeds.",
        "optimizer": "Optimizer",
        "lr": "lr",
        "tuned_lr": "tuned lr",
        "default_lr": "default lr",
        "acc_at": "accuracy (%), lr {lr}",
        "acc_tuned": "accuracy (%), tuned lr",
        "acc_default": "accuracy at default lr (%)",
        "loss_at": "final training loss, lr {lr}",
        "loss_tuned": "final training loss, tuned lr",
        "final_loss": "final training loss",
        "test_acc": "test accuracy (%)",
        "data_figure": "The median training loss per epoch at the tuned learning rate (log axis).",
        "logistic_run": "For each optimizer, the shared learning rates {shared} and the tuned one train together on "
                        "seeds {seeds}. The first table is the test accuracy, the second the final training loss.",
        "mlp_run": "For each optimizer, the default and the tuned learning rate train together on seeds {seeds}.",
        "sparse_run": "For each optimizer, the tuned learning rate trains on seeds {seeds}, all at once.",
        "init": "Initialisation",
        "std_layers": "{act}: std, layer 1 → {layers}",
        "init_act_run": "{n} inputs go through {layers} layers of {width} units; the standard deviation of each "
                        "layer's activations is measured.",
        "init_train_run": "Then an MLP on the digits data trains from the {n_init} initialisations × {n_seeds} seeds "
                          "together, with SGD (lr {lr}). Each "
                          "cell is the `median (interquartile range)` over the {n_seeds} seeds. To save time only "
                          "{shown} trains; add the page's other columns ({more}) to `TRAIN_ACTIVATIONS` to see them.",
        "init_figure": "How the standard deviation of the activations changes from layer to layer (log axis).",
        "noise_run": "For each problem and optimizer, {repeats} runs with noise seeds {seeds} go at once at the lr "
                     "tuned under noise. Each cell is the `median (interquartile range)` of the mean gap over the last "
                     "{tail}% of steps, and the learning rate.",
        "init_settings": "The settings are constants taken from the site's build. Nothing is tuned here: every "
                         "initialisation trains with the same learning rate.",
        "noise_settings": "The noise, the number of runs, and the learning rate tuned under noise for each problem and "
                          "optimizer are constants taken from the site's build. The build ran the whole lr grid with the "
                          "same noise seeds and kept the lr with the lowest median objective over the runs. This "
                          "notebook runs that lr only.",
        "noise_figure": "The median gap per step of each optimizer on {problem}.",
        "results_run": "Each optimizer runs at its tuned learning rate on the {n} 2-D problems; printed are its rank "
                       "by final gap, on how many problems it reached {target}, and the median step when it did. The "
                       "page's rank table also has columns for noise and for the data sets: their notebooks compute "
                       "those again.",
        "reached": "reached {target} (problems)",
        "median_steps": "median steps when reached",
        "results_figure": "The rank of each optimizer on each problem (1 = smallest final gap).",
    },
}


# -- the package's files, as code cells ---------------------------------------------------------------

def _module_file(package_file: Path, level: int, module: str | None) -> Path:
    """The file a relative import in ``package_file`` names (a package's ``__init__.py`` for a folder)."""
    base = package_file.parent
    for _ in range(level - 1):
        base = base.parent
    target = base.joinpath(*module.split(".")) if module else base
    return target / "__init__.py" if target.is_dir() else target.with_suffix(".py")


def _defining_file(path: Path, name: str) -> Path:
    """The file that defines ``name`` when it is imported from ``path``: through a package's ``__init__``."""
    if path.name != "__init__.py":
        return path
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.level and any(a.name == name for a in node.names):
            return _defining_file(_module_file(path, node.level, node.module), name)
    return path                            # defined in the package's __init__ itself


@functools.lru_cache(maxsize=None)
def _relative_imports(path: Path) -> tuple:
    """((first line, last line, indent, files the import needs), ...) for every relative import of a file."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            target = _module_file(path, node.level, node.module)
            needs = tuple(dict.fromkeys(_defining_file(target, a.name) for a in node.names))
            out.append((node.lineno, node.end_lineno, node.col_offset, needs))
    return tuple(sorted(out))


def files_needed(roots: list[Path]) -> list[Path]:
    """``roots`` and every package file their relative imports need, each after the files it needs."""
    order: list[Path] = []

    def visit(path: Path, seen: tuple) -> None:
        if path in order:
            return
        if path in seen:
            raise ValueError(f"import cycle through {path}")
        for *_, needs in _relative_imports(path):
            for need in needs:
                visit(need, seen + (path,))
        order.append(path)

    for root in roots:
        visit(Path(root), ())
    return order


def cell_source(path: Path, lang: str) -> str:
    """A package file as a code cell: its relative imports commented out (an earlier cell defines the names)."""
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    note = WORDS[lang]["import_note"]
    for first, last, indent, _ in _relative_imports(path):
        for i in range(first - 1, last):
            head, body = lines[i][:indent], lines[i][indent:]
            lines[i] = head + ("pass  # " if i == first - 1 and indent else "# ") + body
        lines[first - 1] += f"  ← {note}"
    return "\n".join(lines)


def _rel(path: Path) -> str:
    return path.relative_to(cache.ROOT).as_posix()


@functools.lru_cache(maxsize=None)
def _role(path: Path) -> str:
    name = path.relative_to(PACKAGE).as_posix()
    known = {"base.py": "base", "problems/functions.py": "functions", "runner.py": "runner",
             "registry.py": "registry", "problems/datasets.py": "datasets"}
    if name in known:
        return known[name]
    defined = {inspect.getsourcefile(c) for c in OPTIMIZERS.values()}
    return "optimizer" if str(path) in defined else "other"


# -- cells ------------------------------------------------------------------------------------

def _markdown(text: str) -> tuple[str, str]:
    """A Markdown cell; the site's inline math \\( … \\) is written $ … $, as Jupyter and Colab read it."""
    return "markdown", text.strip("\n").replace("\\(", "$").replace("\\)", "$")


def _code(text: str) -> tuple[str, str]:
    return "code", text.strip("\n")


def _package_cells(roots: list[Path], lang: str) -> list[tuple[str, str]]:
    w = WORDS[lang]
    cells = []
    for path in files_needed(roots):
        cells.append(_markdown(f"## {w['file_title'].format(path=_rel(path))}\n\n{w['file_roles'][_role(path)]}"))
        cells.append(_code(cell_source(path, lang)))
    return cells


def _helper_cells(functions: list, lang: str) -> list[tuple[str, str]]:
    """The build's own formatting functions, from their source."""
    w = WORDS[lang]
    paths = ", ".join(dict.fromkeys(f"`{_rel(Path(inspect.getsourcefile(f)))}`" for f in functions))
    return [_markdown(f"## {w['helpers_title']}\n\n{w['helpers'].format(paths=paths)}"),
            _code("\n\n\n".join(cache.source_of(f).strip("\n") for f in functions))]


def _constants(**values) -> str:
    """``NAME = literal`` lines, one per value (dicts one entry per line)."""
    out = []
    for name, value in values.items():
        if isinstance(value, dict) and value:
            body = "".join(f"    {k!r}: {_literal(v)},\n" for k, v in value.items())
            out.append(f"{name} = {{\n{body}}}")
        else:
            out.append(f"{name} = {_literal(value)}")
    return "\n".join(out)


def _literal(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        inner = ", ".join(_literal(v) for v in value)
        return f"({inner},)" if isinstance(value, tuple) and len(value) == 1 else (
            f"({inner})" if isinstance(value, tuple) else f"[{inner}]")
    if isinstance(value, float):
        return repr(float(value))
    return repr(value)


PRINT_TABLE = '''def print_table(head, rows, names=None):
    """A table as the page writes it: | cell | cell |, a row's first cell named as the page names it (names)"""
    names = names or {}
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for row in rows:
        print("| " + " | ".join([str(names.get(row[0], row[0]))] + [str(c) for c in row[1:]]) + " |")'''


# -- the optimizer pages --------------------------------------------------------------------------------

def _optimizer_cells(name: str, lang: str) -> list[tuple[str, str]]:
    w, t = WORDS[lang], TEXT[lang]
    cls = OPTIMIZERS[name]
    runs = _runs_of(name)
    target = fmt.fmt_num(experiments.SWEEP.target_gap)
    head = [w["problem"], w["head_default"], w["head_gap"], w["head_steps"].format(target=target), w["head_status"],
            w["head_tuned"], w["head_gap"], w["head_steps"].format(target=target), w["head_status"]]
    settings = f"OPTIMIZER = {name}\n" + _constants(
        TUNED_LR={p: r.tuned_lr for p, r in runs.items()},
        TARGET_GAP=experiments.SWEEP.target_gap, PROBLEM_TITLES={p: problem_title(p, lang) for p in PROBLEMS},
        HEAD=head, NEVER=t["never"], OK=t["ok"], DIVERGED=t["diverged"], LANG=lang)
    run = f'''{PRINT_TABLE}


def row(history, lr):
    """lr, final gap, step it fell below TARGET_GAP, status: the cells of one run on the page."""
    gap, reached = history.gap[-1, 0], history.steps_to(TARGET_GAP)[0]
    diverged_at = history.diverged_at[0]
    return [fmt_num(lr), fmt_gap(gap, LANG), reached if reached >= 0 else NEVER,
            DIVERGED.format(step=diverged_at) if diverged_at >= 0 else OK]


histories, rows = {{}}, []
for problem_name, tuned_lr in TUNED_LR.items():
    problem = FUNCTIONS[problem_name]
    default_run = run(OPTIMIZER(), problem)                 # torch's defaults
    tuned_run = run(OPTIMIZER(lr=tuned_lr), problem)
    histories[problem_name] = tuned_run
    rows.append([PROBLEM_TITLES[problem_name]] + row(default_run, OPTIMIZER().lr) + row(tuned_run, tuned_lr))
print_table(HEAD, rows)'''
    figure = '''import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(7, 4))
for problem_name, history in histories.items():
    steps = np.arange(1, len(history.gap) + 1)
    ax.plot(steps, np.maximum(history.gap[:, 0], 1e-16), label=problem_name)
ax.set_xscale("log")
ax.set_yscale("log")
ax.set_xlabel("t + 1")
ax.set_ylabel(r"$f(\\theta_t) - f^\\star$")
ax.set_title(f"{OPTIMIZER.__name__}, tuned lr")
ax.legend(fontsize=8)
plt.show()'''
    cells = [_markdown(f"# {w['title'].format(title=name)}\n\n{w['intro'].format(title=name, sklearn='')}")]
    cells += _package_cells([Path(inspect.getsourcefile(cls)), PACKAGE / "runner.py"], lang)
    if not runs:                         # an optimizer the 2-D problems do not run: its code only
        return cells
    cells += _helper_cells([fmt.fmt_num, fmt.fmt_gap], lang)
    cells += [_markdown(f"## {w['settings_title']}\n\n" + fill(w["opt_settings"], lang, protocol=protocol(t, lang))),
              _code(settings),
              _markdown(f"## {w['run_title']}\n\n{w['opt_run']}"), _code(run),
              _markdown(f"## {w['figure_title']}\n\n{w['opt_figure']}{w['figure_note']}"), _code(figure)]
    return cells


def _runs_of(name: str) -> dict:
    """{problem: the build's runs of ``name``} on the 2-D problems that run it."""
    return {p: runs[name] for p in PROBLEMS for runs in [experiments.problem_runs(p)] if name in runs}


def optimizer_table(name: str, lang: str) -> str:
    """The table an optimizer's notebook prints, as its page shows it (the build's own numbers); "" when the
    2-D problems do not run it."""
    w, t = WORDS[lang], TEXT[lang]
    if not _runs_of(name):
        return ""
    target = fmt.fmt_tex(experiments.SWEEP.target_gap)
    reach = fill(t["steps_to"], lang, target=target)
    head = [w["problem"], t["default_lr"], t["final_gap"], reach, t["status"],
            t["tuned_lr"], t["final_gap"], reach, t["status"]]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for p in _runs_of(name):
        cells = [f"[{problem_title(p, lang)}](../problems/{p}.md)"]
        for which in ("default", "tuned"):
            s = experiments.summaries(p)[which][name]
            cells += [fmt.fmt_num(s.lr), fmt.fmt_gap(s.final_gap, lang),
                      str(s.steps_to_target) if s.steps_to_target >= 0 else t["never"],
                      fill(t["diverged"], lang, step=s.diverged_at) if s.diverged_at >= 0 else t["ok"]]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


# -- the experiment pages -------------------------------------------------------------------------------

def _data_notebook(lang: str, title: str, run_intro: str, settings: dict, run: str, figure: str,
                   helpers: list, figure_words: str, sklearn: bool = True, roots=("registry.py", "problems/datasets.py"),
                   settings_intro: str | None = None) -> list[tuple[str, str]]:
    w = WORDS[lang]
    if settings_intro is None:
        settings_intro = fill(w["exp_settings"], lang, tune_seed=study_data.TUNE_SEED,
                              tail=int(100 * experiments.SWEEP.tail))
    cells = [_markdown(f"# {w['title'].format(title=title)}\n\n"
                       + w["intro"].format(title=title, sklearn=w["with_sklearn"] if sklearn else ""))]
    cells += _package_cells([PACKAGE / r for r in roots], lang)
    cells += _helper_cells(helpers, lang)
    cells += [_markdown(f"## {w['settings_title']}\n\n{settings_intro}"),
              _code(_constants(LANG=lang, NAMES={n: opt_label(n, lang) for n in OPTIMIZERS if opt_label(n, lang) != n},
                               **settings)),
              _markdown(f"## {w['run_title']}\n\n{run_intro}"),
              _code(run)]
    cells += [_markdown(f"## {w['figure_title']}\n\n{figure_words} {w['figure_note']}"), _code(figure)]
    return cells


def _run_intro(lang: str, key: str, per_seed: bool = True, **values) -> str:
    """What a data notebook's run does, then how its table reads (the page's, without the ranks)."""
    w = WORDS[lang]
    seeds = " " + fill(w["per_seed"], lang, n_seeds=len(study_data.SEEDS)) if per_seed else ""
    return fill(w[key], lang, **values) + seeds + " " + w["exp_run"]


@functools.lru_cache(maxsize=None)
def _study(name: str) -> dict:
    """A study's cached result, read once per build (both languages use it)."""
    return studies.study_result(name)


def _tuned(result: dict) -> dict:
    """A data study's tuned learning rates, in the registry's order."""
    return {n: result["tuning"][n]["value"] for n in OPTIMIZERS if n in result["tuning"]}


DATA_FIGURE = '''import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(7, 4))
for name, curve in curves.items():
    ax.plot(np.arange(len(curve)), curve, marker="o", markersize=3, label=NAMES.get(name, name))
ax.set_yscale("log")
ax.set_xlabel("epoch")
ax.set_ylabel("L")
ax.legend(fontsize=8)
plt.show()'''


def _logistic(lang: str) -> list[tuple[str, str]]:
    w = WORDS[lang]
    r = _study("data-logreg")
    shared = [fmt.fmt_num(lr) for lr in study_data.SHARED_LRS]
    head_acc = [w["optimizer"]] + [w["acc_at"].format(lr=s) for s in shared] + [w["tuned_lr"], w["acc_tuned"]]
    head_loss = [w["optimizer"]] + [w["loss_at"].format(lr=s) for s in shared] + [w["tuned_lr"], w["loss_tuned"]]
    run = f'''{PRINT_TABLE}


data = load("breast_cancer")
model = LogisticRegression(data.n_features)
S = len(SEEDS)
acc_rows, loss_rows, curves = [], [], {{}}
for name, tuned_lr in TUNED_LR.items():
    lrs = list(SHARED_LRS) + [tuned_lr]
    lr_k = np.repeat(lrs, S)                  # run j·S + s: lrs[j] on SEEDS[s], all in one batch
    seeds_k = list(SEEDS) * len(lrs)
    params = model.init(seeds_k, std=SETTINGS["init_std"])
    h = train(model, OPTIMIZERS[name](lr=lr_k), params, data, epochs=SETTINGS["epochs"],
              batch_size=SETTINGS["batch_size"], seeds=seeds_k)
    acc = h.test_accuracy[-1].reshape(len(lrs), S)
    loss = np.where(h.diverged, np.inf, h.train_loss[-1]).reshape(len(lrs), S)
    acc_cells = [cell(quartiles(a), True, LANG) for a in acc]
    loss_cells = [cell(quartiles(l), lang=LANG) for l in loss]
    acc_rows.append([name] + acc_cells[:-1] + [fmt_num(tuned_lr), acc_cells[-1]])
    loss_rows.append([name] + loss_cells[:-1] + [fmt_num(tuned_lr), loss_cells[-1]])
    curves[name] = np.median(h.train_loss.reshape(-1, len(lrs), S)[:, -1], axis=1)
print_table(HEAD_ACC, acc_rows, NAMES)
print()
print_table(HEAD_LOSS, loss_rows, NAMES)'''
    return _data_notebook(
        lang, _page_title("experiments/logistic", lang),
        _run_intro(lang, "logistic_run", shared=", ".join(shared), seeds=r["seeds"]),
        dict(SETTINGS=study_data.LOGREG, SHARED_LRS=tuple(study_data.SHARED_LRS), SEEDS=tuple(study_data.SEEDS),
             TUNED_LR=_tuned(r), HEAD_ACC=head_acc, HEAD_LOSS=head_loss),
        run, DATA_FIGURE, [fmt.fmt_num, study_data.quartiles, study_data.cell], w["data_figure"])


def _mlp(lang: str) -> list[tuple[str, str]]:
    w = WORDS[lang]
    r = _study("data-mlp")
    head = [w["optimizer"], w["default_lr"], w["acc_default"], w["tuned_lr"], w["final_loss"], w["test_acc"]]
    run = f'''{PRINT_TABLE}


data = load("digits")
model = MLP(SETTINGS["sizes"], SETTINGS["activation"])
S = len(SEEDS)
rows, curves = [], {{}}
for name, tuned_lr in TUNED_LR.items():
    lrs = [OPTIMIZERS[name]().lr, tuned_lr]     # torch's default lr, then the tuned one
    lr_k = np.repeat(lrs, S)
    seeds_k = list(SEEDS) * len(lrs)
    params = model.init(seeds_k, scheme=SETTINGS["init"])
    h = train(model, OPTIMIZERS[name](lr=lr_k), params, data, epochs=SETTINGS["epochs"],
              batch_size=SETTINGS["batch_size"], seeds=seeds_k)
    acc = h.test_accuracy[-1].reshape(len(lrs), S)
    loss = np.where(h.diverged, np.inf, h.train_loss[-1]).reshape(len(lrs), S)
    rows.append([name, fmt_num(lrs[0]), cell(quartiles(acc[0]), True, LANG), fmt_num(tuned_lr),
                 cell(quartiles(loss[1]), lang=LANG), cell(quartiles(acc[1]), True, LANG)])
    curves[name] = np.median(h.train_loss.reshape(-1, len(lrs), S)[:, -1], axis=1)
print_table(HEAD, rows, NAMES)'''
    return _data_notebook(
        lang, _page_title("experiments/mlp", lang), _run_intro(lang, "mlp_run", seeds=r["seeds"]),
        dict(SETTINGS=study_data.MLP_SETTINGS, SEEDS=tuple(study_data.SEEDS), TUNED_LR=_tuned(r), HEAD=head),
        run, DATA_FIGURE, [fmt.fmt_num, study_data.quartiles, study_data.cell], w["data_figure"])


def _sparse(lang: str) -> list[tuple[str, str]]:
    w = WORDS[lang]
    r = _study("data-sparse")
    head = [w["optimizer"], w["tuned_lr"], w["final_loss"], w["test_acc"]]
    run = f'''{PRINT_TABLE}


data = load("sparse")
model = LogisticRegression(data.n_features)
rows, curves = [], {{}}
for name, tuned_lr in TUNED_LR.items():
    lr_k = np.repeat([tuned_lr], len(SEEDS))
    params = model.init(list(SEEDS), std=SETTINGS["init_std"])
    h = train(model, OPTIMIZERS[name](lr=lr_k), params, data, epochs=SETTINGS["epochs"],
              batch_size=SETTINGS["batch_size"], seeds=list(SEEDS))
    loss = np.where(h.diverged, np.inf, h.train_loss[-1])
    rows.append([name, fmt_num(tuned_lr), cell(quartiles(loss), lang=LANG),
                 cell(quartiles(h.test_accuracy[-1]), True, LANG)])
    curves[name] = np.median(h.train_loss, axis=1)
print_table(HEAD, rows, NAMES)'''
    return _data_notebook(
        lang, _page_title("experiments/sparse", lang), _run_intro(lang, "sparse_run", seeds=r["seeds"]),
        dict(SETTINGS=study_data.SPARSE, SEEDS=tuple(study_data.SEEDS), TUNED_LR=_tuned(r), HEAD=head),
        run, DATA_FIGURE, [fmt.fmt_num, study_data.quartiles, study_data.cell], w["data_figure"], sklearn=False)


def _init(lang: str) -> list[tuple[str, str]]:
    w = WORDS[lang]
    h, tr = study_init.HIST, study_init.TRAIN
    head_std = [w["init"]] + [w["std_layers"].format(act=a, layers=h["layers"]) for a in study_init.ACT_NAMES]
    acts = study_init.TRAIN_ACTS[:1]        # the page trains more; each one costs a few seconds
    head_train = [w["init"]] + [f"{act}: {w[k]}" for act in acts for k in ("final_loss", "test_acc")]
    run = f'''{PRINT_TABLE}


# 1. activations of five layers, for every initialisation and activation
stds = {{}}
for act in ACTIVATION_NAMES:
    for init in INITS:
        model = MLP((HIST["width"],) * (HIST["layers"] + 1), act)
        x = np.random.default_rng(HIST["seed"]).standard_normal((HIST["n_samples"], HIST["width"]))
        params = model.init([HIST["seed"] + 1], scheme=init)
        phi = ACTIVATIONS[act][0]
        h, stds[act, init] = x, []
        for l in range(1, HIST["layers"] + 1):
            h = phi(h @ params[f"W{{l}}"][0])
            stds[act, init].append(h.std())
print_table(HEAD_STD, [[init] + [f"{{fmt_num(stds[act, init][0])}} → {{fmt_num(stds[act, init][-1])}}"
                                 for act in ACTIVATION_NAMES] for init in INITS])
print()

# 2. training on digits from each initialisation: 4 initialisations × 5 seeds in one batch per activation
data = load("digits")
S = len(TRAIN_SEEDS)
cells = {{init: [] for init in INITS}}
for act in TRAIN_ACTIVATIONS:
    model = MLP(TRAIN["sizes"], act)
    schemes = [init for init in INITS for _ in TRAIN_SEEDS]
    seeds = list(TRAIN_SEEDS) * len(INITS)
    params = model.init(seeds, scheme=schemes)
    hist = train(model, SGD(lr=TRAIN["lr"]), params, data, epochs=TRAIN["epochs"], batch_size=TRAIN["batch_size"],
                 seeds=seeds)
    for i, init in enumerate(INITS):
        part = slice(i * S, (i + 1) * S)
        loss = np.where(hist.diverged[part], np.inf, hist.train_loss[-1, part])
        cells[init] += [cell(quartiles(loss), lang=LANG), cell(quartiles(hist.test_accuracy[-1, part]), True, LANG)]
print_table(HEAD_TRAIN, [[init] + c for init, c in cells.items()])'''
    figure = '''import matplotlib.pyplot as plt

fig, axes = plt.subplots(1, len(ACTIVATION_NAMES), figsize=(10, 3.2), sharey=True)
for ax, act in zip(axes, ACTIVATION_NAMES):
    for init in INITS:
        ax.plot(range(1, HIST["layers"] + 1), stds[act, init], marker="o", label=init)
    ax.set_yscale("log")
    ax.set_title(act)
    ax.set_xlabel("layer")
axes[0].set_ylabel("std")
axes[-1].legend(fontsize=8)
plt.show()'''
    return _data_notebook(
        lang, _page_title("experiments/init", lang),
        fill(w["init_act_run"], lang, n=h["n_samples"], layers=h["layers"], width=h["width"]) + " "
        + fill(w["init_train_run"], lang, n_init=len(study_init.INIT_NAMES), n_seeds=len(study_init.TRAIN_SEEDS),
               lr=fmt.fmt_num(tr["lr"]), shown=", ".join(acts),
               more=", ".join(study_init.TRAIN_ACTS[len(acts):]) or "-"),
        dict(HIST={k: v for k, v in h.items() if k != "bins"}, ACTIVATION_NAMES=tuple(study_init.ACT_NAMES),
             TRAIN=tr, TRAIN_SEEDS=tuple(study_init.TRAIN_SEEDS), TRAIN_ACTIVATIONS=tuple(acts),
             HEAD_STD=head_std, HEAD_TRAIN=head_train),
        run, figure, [fmt.fmt_num, study_data.quartiles, study_data.cell], w["init_figure"],
        roots=("sgd.py", "problems/datasets.py"), settings_intro=w["init_settings"])


def _noise(lang: str) -> list[tuple[str, str]]:
    w = WORDS[lang]
    r = _study("noise-2d")
    # in the order of the registries (the cached result's keys are sorted)
    lrs = {p: {n: r["problems"][p]["opt"][n]["lr"] for n in OPTIMIZERS if n in r["problems"][p]["opt"]}
           for p in PROBLEMS if p in r["problems"]}
    head = [w["optimizer"]] + [problem_title(p, lang).split(" (")[0] for p in lrs]
    run = f'''{PRINT_TABLE}


R = NOISE["repeats"]
rows, medians = [], {{}}
for name in next(iter(NOISE_LR.values())):
    row = [name]
    for problem_name, tuned in NOISE_LR.items():
        problem, lr, optimizer = FUNCTIONS[problem_name], tuned[name], OPTIMIZERS[name]
        # R runs at once, run k with its own noise seed k: every lr met the same R noise sequences in the sweep
        h = run(optimizer(lr=np.repeat([lr], R)), problem, noise=NOISE["sigma"], seed=np.arange(R))
        tail = max(1, int(round(problem.steps * TAIL)))
        score = np.where(h.diverged, np.inf, h.gap[-tail:].mean(axis=0))   # the tuning objective of each run
        row.append(f"{{cell(quartiles(score), lang=LANG)}} · {{LR_WORD}} {{fmt_num(lr)}}")
        if problem_name == "rosenbrock":
            medians[name] = np.median(h.gap, axis=1)
    rows.append(row)
print_table(HEAD, rows, NAMES)'''
    figure = '''import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(7, 4))
for name, gap in medians.items():
    ax.plot(np.arange(1, len(gap) + 1), np.maximum(gap, 1e-12), label=NAMES.get(name, name))
ax.set_xscale("log")
ax.set_yscale("log")
ax.set_xlabel("t + 1")
ax.set_ylabel(r"$f(\\theta_t) - f^\\star$")
ax.set_title(f"rosenbrock, sigma = {NOISE['sigma']}")
ax.legend(fontsize=8)
plt.show()'''
    noise = {"sigma": r["sigma"], "repeats": r["repeats"]}
    return _data_notebook(
        lang, _page_title("experiments/noise", lang),
        _run_intro(lang, "noise_run", False, seeds=r["seed"], repeats=r["repeats"], tail=r["tail_pct"]),
        dict(NOISE=noise, TAIL=experiments.SWEEP.tail, NOISE_LR=lrs, LR_WORD=w["lr"], HEAD=head),
        run, figure, [fmt.fmt_num, study_data.quartiles, study_data.cell],
        fill(w["noise_figure"], lang, problem=problem_title("rosenbrock", lang).split(" (")[0]), sklearn=False,
        roots=("registry.py", "runner.py"), settings_intro=w["noise_settings"])


def _results(lang: str) -> list[tuple[str, str]]:
    w = WORDS[lang]
    target = fmt.fmt_num(experiments.SWEEP.target_gap)
    # every optimizer that steps a point: the results page's 2-D table and steps table
    tuned = {p: {n: r.tuned_lr for n, r in experiments.problem_runs(p).items()} for p in PROBLEMS}
    head_rank = [w["optimizer"]] + [problem_title(p, lang).split(" (")[0] for p in PROBLEMS]
    head_steps = [w["optimizer"], w["reached"].format(target=target), w["median_steps"]]
    run = f'''{PRINT_TABLE}


names = list(next(iter(TUNED_LR.values())))
final_gap, reached = {{}}, {{name: [] for name in names}}
for problem_name, tuned in TUNED_LR.items():
    final_gap[problem_name] = {{}}
    for name in names:
        h = run(OPTIMIZERS[name](lr=tuned[name]), FUNCTIONS[problem_name])
        # as the page prints it (equal prints share a rank); a diverged run ranks last
        final_gap[problem_name][name] = np.inf if h.diverged[0] else shown_gap(h.gap[-1, 0])
        if h.steps_to(TARGET_GAP)[0] >= 0:
            reached[name].append(h.steps_to(TARGET_GAP)[0])
rank = {{p: ranks(gaps) for p, gaps in final_gap.items()}}
print_table(HEAD_RANK, [[name] + [rank[p][name] for p in TUNED_LR] for name in names], NAMES)
print()
print_table(HEAD_STEPS, [[name, f"{{len(r)}}/{{len(TUNED_LR)}}", int(np.median(r)) if r else "—"]
                         for name, r in reached.items()], NAMES)'''
    figure = '''import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(7, 3.5))
image = ax.imshow([[rank[p][n] for p in TUNED_LR] for n in names], cmap="viridis_r")
ax.set_xticks(range(len(TUNED_LR)), list(TUNED_LR), rotation=30, fontsize=8)
ax.set_yticks(range(len(names)), [NAMES.get(n, n) for n in names], fontsize=8)
fig.colorbar(image, ax=ax, label="rank")
plt.show()'''
    return _data_notebook(
        lang, _page_title("experiments/results", lang),
        fill(w["results_run"], lang, n=len(PROBLEMS), target=target),
        dict(TUNED_LR=tuned, TARGET_GAP=experiments.SWEEP.target_gap, HEAD_RANK=head_rank, HEAD_STEPS=head_steps),
        run, figure, [fmt.fmt_num, fmt.shown, fmt.shown_gap, study_data.ranks], w["results_figure"], sklearn=False,
        roots=("registry.py", "runner.py"),
        settings_intro=fill(w["opt_settings"], lang, protocol=protocol(TEXT[lang], lang)))


#: experiment page → its notebook's text (every page of docs/<lang>/experiments/ but the index has one)
EXPERIMENTS = {"logistic": _logistic, "mlp": _mlp, "sparse": _sparse, "init": _init, "noise": _noise,
               "results": _results}
#: the experiment notebooks that need scikit-learn (its bundled data sets)
NEEDS_SKLEARN = {"logistic", "mlp", "init"}


@functools.lru_cache(maxsize=None)
def _page_title(page: str, lang: str) -> str:
    """A hand-written page's title: its first heading, without the ``{ #id }``."""
    first = (cache.ROOT / "docs" / lang / f"{page}.md").read_text(encoding="utf-8").split("\n", 1)[0]
    return first.lstrip("# ").split(" { #")[0].strip()


def pages() -> dict[str, str]:
    """{page inside docs/<lang>/ without .md: its notebook's path in the docs tree, less the language}."""
    out = {f"optimizers/{n.lower()}": f"optimizers/{n.lower()}.ipynb" for n in OPTIMIZERS}
    out.update({f"experiments/{e}": f"experiments/{e}.ipynb" for e in EXPERIMENTS})
    return out


def notebook_path(page: str, lang: str) -> str:
    return f"{FOLDER}/{lang}/{pages()[page]}"


def cells(page: str, lang: str) -> list[tuple[str, str]]:
    """A page's notebook as [(kind, source)], kind "markdown" or "code"."""
    section, name = page.split("/")
    if section == "optimizers":
        return _optimizer_cells(next(n for n in OPTIMIZERS if n.lower() == name), lang)
    return EXPERIMENTS[name](lang)


# -- .ipynb ---------------------------------------------------------------------------------------------

def to_ipynb(cells: list[tuple[str, str]], lang: str) -> bytes:
    """The notebook's JSON, written and validated by nbformat, with fixed cell ids and metadata so the same
    cells always give the same bytes."""
    from nbformat import v4, validate, writes
    make = {"markdown": v4.new_markdown_cell, "code": v4.new_code_cell}
    nb = v4.new_notebook(cells=[make[kind](source, id=f"cell-{i}") for i, (kind, source) in enumerate(cells)],
                         metadata={"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                                   "language_info": {"name": "python"}})
    validate(nb)
    return (writes(nb) + "\n").encode("utf-8")


@functools.lru_cache(maxsize=None)
def _versions() -> dict:
    return {m: importlib.metadata.version(m) for m in ("nbformat",)}


def files() -> dict[str, bytes]:
    """{docs-tree path: .ipynb bytes} for every page's notebook in every language; the JSON comes from the
    cache when the notebook's cells are unchanged."""
    studies.load_all()
    out = {}
    converter = cache.source_of(to_ipynb)
    for page in pages():
        for lang in LANGUAGES:
            content = cells(page, lang)
            key = cache.key_of("notebook", content, lang, converter, _versions())
            path = cache.path_for("notebooks", key, ".ipynb")
            if path.exists():
                data = path.read_bytes()
            else:
                data = to_ipynb(content, lang)
                cache.atomic_write(path, data)
            out[notebook_path(page, lang)] = data
    return out


# -- the link on the page -------------------------------------------------------------------------------

def page_block(src_uri: str) -> str:
    """The Markdown put under a page's title: a link to its notebook and, on an optimizer page, the table the
    notebook prints. "" for a page without a notebook. ``src_uri`` is e.g. ``ko/optimizers/adam.md``."""
    lang, _, page = src_uri.removesuffix(".md").partition("/")
    if lang not in LANGUAGES or page not in pages():
        return ""
    w = WORDS[lang]
    depth = src_uri.count("/")
    file = f"{page.split('/')[1]}-{lang}.ipynb"
    sklearn = page.startswith("experiments/") and page.split("/")[1] in NEEDS_SKLEARN
    out = w["link"].format(href="../" * depth + notebook_path(page, lang), file=file,
                           sklearn=w["with_sklearn"] if sklearn else "") + "\n"
    if page.startswith("optimizers/"):
        name = next(n for n in OPTIMIZERS if n.lower() == page.split("/")[1])
        table = optimizer_table(name, lang)
        if not table:
            return out
        body = fill(w["shown_intro"], lang, name=opt_label(name, lang)) + "\n\n" + table
        out += f'\n??? note "{w["shown_title"]}"\n\n' + "".join(
            f"    {line}\n" if line else "\n" for line in body.split("\n")).rstrip() + "\n"
    return out


__all__ = ["WORDS", "EXPERIMENTS", "files", "files_needed", "cell_source", "page_block", "pages", "cells",
           "to_ipynb", "notebook_path", "optimizer_table"]
