"""Imports point down the layers of CONTRIBUTING.md, and no two modules import each other.

Every import of every module of ykg and graphbuild is read with ast, function-local ones too; a
module that no layer claims fails the test, so a new package has to be placed before it lands.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

import graphbuild
import ykg

# Package prefix -> layer. Longest prefix wins; "ykg" alone is the top package's __init__.
LAYERS = {
    "ykg": 0,
    "ykg.foundation": 0,
    "graphbuild": 1,
    "ykg.store": 2,
    "ykg.entities": 2,
    "ykg.catalogue": 3,
    "ykg.diff": 3,
    "ykg.network": 3,
    "ykg.views": 4,
    "ykg.site": 4,
    "ykg.app": 5,
    "ykg.cli": 6,
}
# The only sideways arrows between different packages of one layer.
SIDEWAYS = {("ykg.views", "ykg.network"), ("ykg.site", "ykg.catalogue")}
ROOTS = {"ykg": Path(ykg.__file__).parent, "graphbuild": Path(graphbuild.__file__).parent}


@dataclass(frozen=True)
class Import:
    """One import statement: who imports what, where, and whether it runs at module import time."""

    source: str
    target: str
    line: int
    top_level: bool
    type_only: bool


def module_files() -> dict[str, Path]:
    """Return every module of ykg and graphbuild by dotted name (packages by their own name)."""
    modules = {}
    for top, folder in ROOTS.items():
        for path in sorted(folder.rglob("*.py")):
            parts = path.relative_to(folder).with_suffix("").parts
            if any(p.startswith(".") or p == "__pycache__" for p in parts) or "_resources" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join((top, *parts))] = path
    return modules


MODULES = module_files()


def package_of(module: str) -> str:
    """Return the layer prefix that claims a module, or '' when none does."""
    for prefix in sorted(LAYERS, key=len, reverse=True):
        if module == prefix or (prefix != "ykg" and module.startswith(prefix + ".")):
            return prefix
    return ""


def resolve(name: str) -> str | None:
    """Return the module of ykg/graphbuild that an imported name refers to, None if third-party."""
    if name.split(".")[0] not in ROOTS:
        return None
    while name not in MODULES and "." in name:
        name = name.rsplit(".", 1)[0]
    return name if name in MODULES else None


def _absolute(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    is_package = MODULES[module].name == "__init__.py"
    base = module.split(".")
    base = base[:len(base) - node.level + (1 if is_package else 0)]
    return ".".join(base + ([node.module] if node.module else []))


def _is_type_checking(node: ast.AST) -> bool:
    test = node.test if isinstance(node, ast.If) else None
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports_of(module: str) -> list[Import]:
    """Return the imports of one module with their targets resolved to modules of the product."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found: list[Import] = []

    def visit(node: ast.AST, top_level: bool, type_only: bool):
        for child in ast.iter_child_nodes(node):
            nested = not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            child_type_only = type_only or _is_type_checking(child)
            if isinstance(child, ast.Import):
                names = [a.name for a in child.names]
            elif isinstance(child, ast.ImportFrom):
                base = _absolute(module, child)
                # `from pkg import sub` imports the submodule when there is one, else pkg itself.
                names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base
                         for a in child.names]
            else:
                visit(child, top_level and nested, child_type_only)
                continue
            for name in names:
                target = resolve(name)
                if target and target != module:
                    found.append(Import(module, target, child.lineno, top_level, child_type_only))

    visit(tree, True, False)
    return found


ALL_IMPORTS = [imp for m in MODULES for imp in imports_of(m)]


def allowed(source: str, target: str) -> bool:
    """Say whether module source may import module target."""
    a, b = package_of(source), package_of(target)
    if a == "ykg":
        return target == "ykg.foundation.constants"
    if a == b or b == "ykg":
        return True  # within one package (cycles are checked apart); `ykg` holds only the version
    if a == "ykg.foundation":
        return False
    return LAYERS[b] < LAYERS[a] or (a, b) in SIDEWAYS


def test_the_walk_sees_the_packages():
    assert "ykg.foundation.constants" in MODULES
    assert "graphbuild" in MODULES
    assert any(imp.source.startswith("graphbuild") and imp.target.startswith("ykg.foundation")
               for imp in ALL_IMPORTS)


def test_every_module_has_a_layer():
    stray = sorted(m for m in MODULES if not package_of(m))
    assert stray == [], "modules no layer claims (move them into a package or add it to LAYERS)"


def test_imports_point_down():
    wrong = [f"{i.source} ({MODULES[i.source].relative_to(ROOTS['ykg'].parent)}:{i.line}) imports {i.target}"
             for i in ALL_IMPORTS
             if package_of(i.source) and package_of(i.target) and not allowed(i.source, i.target)]
    assert wrong == []


def test_the_foundation_and_the_builder_stand_alone():
    wrong = [(i.source, i.target) for i in ALL_IMPORTS
             if (i.source.startswith("ykg.foundation") and not i.target.startswith("ykg.foundation"))
             or (i.source.startswith("graphbuild") and not i.target.startswith(("graphbuild", "ykg.foundation")))]
    assert wrong == []


def test_the_top_package_imports_only_the_constants():
    assert {i.target for i in ALL_IMPORTS if i.source == "ykg"} <= {"ykg.foundation.constants"}


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Return the strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(v: str):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(MODULES):
        if v not in index:
            connect(v)
    return found


@pytest.mark.parametrize("scope", ["module level", "with function-local imports"])
def test_no_import_cycles(scope):
    # A local import that closes a cycle only hides it: local imports are for heavy libraries.
    edges: dict[str, set[str]] = {}
    for i in ALL_IMPORTS:
        if not i.type_only and (i.top_level or scope != "module level"):
            edges.setdefault(i.source, set()).add(i.target)
    assert _cycles(edges) == []
