"""The core's layers import one way: session -> comparison -> editing -> comments -> review -> oxml -> opc,
and errors/wording (shared, importing nothing of the core) from anywhere. No module of the core imports Qt,
and no import cycle exists.

The graph is read with ast from the source (imports inside functions count too), so a wrong import fails here
before anything runs it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "redliner" / "core"
LAYERS = ["opc", "oxml", "review", "comments", "editing", "comparison", "session"]  # lowest first
SHARED = {"errors", "wording"}  # at the core's root, below every layer
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6")


def module_name(path: Path, core: Path = CORE) -> str:
    parts = path.relative_to(core.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, core: Path = CORE) -> set[str]:
    """Every module the file imports, relative imports resolved (`from . import x` as package.x)."""
    name = module_name(path, core)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def graph(root: Path = CORE) -> dict[str, set[str]]:
    modules = {module_name(p, root): p for p in root.rglob("*.py")}
    imported = {name: imports_of(path, root) for name, path in modules.items()}
    return {name: {i for i in found if (i in modules and i != name) or i.startswith(QT_MODULES)}
            for name, found in imported.items()}


def rank(module: str) -> int:
    """0 for the shared modules and the core's own __init__ (which re-exports), 1.. for the layers."""
    parts = module.split(".")
    if len(parts) == 2 or parts[2] in SHARED:
        return 0
    return LAYERS.index(parts[2]) + 1


def violations(edges: dict[str, set[str]]) -> list[str]:
    found = []
    for module, targets in sorted(edges.items()):
        for target in sorted(targets):
            if target.startswith(QT_MODULES):
                found.append(f"{module} imports Qt ({target})")
            elif module != "redliner.core" and target != "redliner.core" and rank(target) > rank(module):
                found.append(f"{module} (layer {rank(module)}) imports the higher {target} (layer {rank(target)})")
            elif module != "redliner.core" and target == "redliner.core":
                found.append(f"{module} imports the core's front door redliner.core (import the module itself)")
    return found


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected group of modules (Tarjan), the core's __init__ left out."""
    edges = {m: {t for t in ts if t in edges and t != "redliner.core"} for m, ts in edges.items()
             if m != "redliner.core"}
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def test_every_core_module_sits_in_a_layer():
    for path in CORE.rglob("*.py"):
        parts = path.relative_to(CORE).parts
        assert (len(parts) == 1 and (path.stem in SHARED or path.name == "__init__.py")) or parts[0] in LAYERS, path
        if len(parts) == 2 and path.name == "__init__.py":
            assert ast.get_docstring(ast.parse(path.read_text())), f"{path}: say what the layer owns and imports"


def test_layers_import_only_downwards_and_never_qt():
    assert violations(graph()) == []


def test_no_import_cycle():
    assert cycles(graph()) == []


# -- the check itself catches what it is for -----------------------------------------------------------------


@pytest.fixture
def tree(tmp_path):
    """A copy of the core to break on purpose."""
    import shutil

    shutil.copytree(CORE, tmp_path / "redliner" / "core")
    return tmp_path / "redliner" / "core"


def add_import(path: Path, line: str) -> None:
    text = path.read_text()
    head, _, rest = text.partition("from __future__ import annotations\n")
    path.write_text(f"{head}from __future__ import annotations\n{line}\n{rest}")


def test_a_lower_layer_importing_a_higher_one_is_caught(tree):
    add_import(tree / "opc" / "package.py", "from redliner.core.review.model import Change")
    assert violations(graph(tree)) == [
        "redliner.core.opc.package (layer 1) imports the higher redliner.core.review.model (layer 3)"]


def test_qt_in_the_core_is_caught(tree):
    add_import(tree / "review" / "model.py", "from PySide6.QtCore import QObject")
    assert any("imports Qt" in v for v in violations(graph(tree)))


def test_a_cycle_is_caught(tree):
    add_import(tree / "oxml" / "ns.py", "from redliner.core.oxml.wordml import W_P")
    assert ["redliner.core.oxml.ns", "redliner.core.oxml.wordml"] in cycles(graph(tree))
