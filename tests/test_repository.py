"""The repository holds the product and nothing else, and the product reads nothing outside it.

(queries/README.md being current is checked in tests/test_queries.py, the readings cache in
tests/test_registry.py, the resources inside the wheel in tests/test_wheel.py.)
"""
from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

from ykg.foundation.constants import VERSION
from ykg.foundation.paths import REPOSITORY_DIR

PACKAGES = ("ykg", "graphbuild")
# Markup inside a Python string: pages and views are Jinja2 templates under ykg/templates/.
MARKUP = re.compile(r"</?(?:html|head|body|div|table|tr|td|th|script|style|span|li|ul|ol|p|h[1-6]|a|nav|form"
                    r"|svg|br|code|pre|section)\b[^<>]*>?", re.IGNORECASE)
# Paths that exist on one machine only (the source text sits next to the repository there).
OUTSIDE = re.compile(r"\.\./shared|shared/source")


def product_files(suffix: str = "") -> list[Path]:
    """Return the files of the packages (no caches, no build output), optionally of one suffix."""
    return sorted(p for name in PACKAGES for p in (REPOSITORY_DIR / name).rglob(f"*{suffix}")
                  if p.is_file() and "__pycache__" not in p.parts and "_resources" not in p.parts)


def strings_outside_docstrings(tree: ast.AST) -> list[ast.Constant]:
    """Return the string constants of a module that are not docstrings (f-string parts included)."""
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and id(n) not in docstrings]


def test_no_notes_folder():
    assert not (REPOSITORY_DIR / "notes").exists()


def test_no_bundled_resources_in_the_source_tree():
    # setup.py writes ykg/_resources/ into the build folder only; in the tree it would shadow data/.
    assert not (REPOSITORY_DIR / "ykg" / "_resources").exists()


def test_the_product_names_nothing_outside_the_repository():
    found = [f"{p.relative_to(REPOSITORY_DIR)}:{i}" for p in product_files()
             for i, line in enumerate(p.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
             if OUTSIDE.search(line)]
    assert found == []


def test_no_markup_in_python_strings():
    files = product_files(".py")
    assert files, "no module found"
    found = []
    for path in files:
        for node in strings_outside_docstrings(ast.parse(path.read_text(encoding="utf-8"))):
            match = MARKUP.search(node.value)
            if match:
                found.append(f"{path.relative_to(REPOSITORY_DIR)}:{node.lineno}: {match.group(0)[:40]}")
    assert found == []


def test_the_markup_check_sees_markup():
    tree = ast.parse('"""A <div> in a docstring is prose."""\nX = "<div class=\'x\'>"\nY = f"<a href={1}>"\n')
    hits = [n.value for n in strings_outside_docstrings(tree) if MARKUP.search(n.value)]
    assert hits == ["<div class='x'>", "<a href="]


def test_the_version_is_written_once():
    project = tomllib.loads((REPOSITORY_DIR / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "ykg.foundation.constants.VERSION"}
    written = [f"{p.relative_to(REPOSITORY_DIR)}:{i}" for p in product_files(".py")
               for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
               if re.search(rf"""['"]{re.escape(VERSION)}['"]""", line)]
    assert written == ["ykg/foundation/constants.py:" + str(_line_of(
        REPOSITORY_DIR / "ykg/foundation/constants.py", f'VERSION = "{VERSION}"'))]


def _line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_every_package_is_shipped():
    # pyproject.toml finds packages by pattern; each folder of modules is a regular package, so the
    # wheel, the editable install and tests/test_layers.py all see the same modules.
    project = tomllib.loads((REPOSITORY_DIR / "pyproject.toml").read_text(encoding="utf-8"))
    include = project["tool"]["setuptools"]["packages"]["find"]["include"]
    assert sorted(include) == ["graphbuild", "graphbuild.*", "ykg", "ykg.*"]
    folders = {p.parent for p in product_files(".py")}
    assert sorted(str(f.relative_to(REPOSITORY_DIR)) for f in folders if not (f / "__init__.py").is_file()) == []
