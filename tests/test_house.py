"""The house has one direction of flow: optimizers ← scripts ← docs, and inside scripts/ no circles.

Words and formatting sit at the bottom, where every module may use them; they import
nothing of the build. No module imports (even inside a function) a module that
imports it back, directly or through others.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
#: the bottom layer: may import each other, nothing else of scripts/
BOTTOM = {"fmt", "korean", "text", "claim_text", "cache"}


def module_name(path: Path) -> str:
    rel = path.relative_to(SCRIPTS).with_suffix("")
    parts = [p for p in rel.parts if p != "__init__"]
    return ".".join(parts)


def local_imports(path: Path) -> set[str]:
    """scripts modules that ``path`` imports anywhere in its body, as names relative to scripts/."""
    here = module_name(path).split(".") if module_name(path) else []
    package = here if path.name == "__init__.py" else here[:-1]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = base + (node.module.split(".") if node.module else [])
                if node.module:
                    out.add(".".join(target))
                else:
                    out.update(".".join(target + [a.name]) for a in node.names)
            elif node.module and node.module.startswith("scripts."):
                out.add(node.module[len("scripts."):])
        elif isinstance(node, ast.Import):
            out.update(a.name[len("scripts."):] for a in node.names if a.name.startswith("scripts."))
    known = {module_name(p) for p in SCRIPTS.rglob("*.py")}
    return {m for m in out if m in known and m != module_name(path)}


def graph() -> dict[str, set[str]]:
    return {module_name(p): local_imports(p) for p in SCRIPTS.rglob("*.py")
            if "__pycache__" not in p.parts and module_name(p)}


def test_the_package_never_imports_the_build():
    for path in (ROOT / "optimizers").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "scripts" not in {n.split(".")[0] for n in _imported(text)}, f"{path} imports the build"


def _imported(text: str) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.add(node.module)
    return out


def test_words_and_formatting_sit_at_the_bottom():
    g = graph()
    for m in BOTTOM:
        assert g[m] <= BOTTOM, f"scripts/{m}.py imports {sorted(g[m] - BOTTOM)}: words and formatting import no build module"


def test_no_module_imports_one_that_imports_it_back():
    g = graph()
    state: dict[str, int] = {}

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for n in sorted(g.get(m, ())):
            if state.get(n) == 1:
                cycle = path[path.index(n):] + [n] if n in path else [m, n]
                raise AssertionError("import cycle: " + " → ".join(cycle))
            if n not in state:
                visit(n, path + [n])
        state[m] = 2

    for m in sorted(g):
        if m not in state:
            visit(m, [m])
