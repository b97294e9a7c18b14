"""data/ is in canonical form, readings.tsv is current, graphbuild stands on ykg.foundation."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from graphbuild.canonical import FIX_COMMAND, canonical_text, non_canonical, rewrite
from graphbuild.readings import READINGS_FILE, readings_cache_text
from ykg.foundation.paths import DATA_DIR, REPOSITORY_DIR

MINI = REPOSITORY_DIR / "tests" / "fixtures" / "mini"


@pytest.mark.parametrize("folder", [DATA_DIR, MINI], ids=["data", "mini"])
def test_every_table_is_in_canonical_form(folder):
    bad = [p.name for p in non_canonical(folder)]
    assert bad == [], f"not in canonical form: {bad}; run `{FIX_COMMAND} {folder}`"


def test_canonical_form_sorts_rows_and_uses_lf(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(b'id,label\r\nb,"x"\r\n\r\na,"y, z"\r\n')
    assert non_canonical(tmp_path) == [path]
    assert rewrite(tmp_path) == [path]
    assert path.read_bytes() == b'id,label\na,"y, z"\nb,x\n'
    assert non_canonical(tmp_path) == []
    assert canonical_text(path.read_text(encoding="utf-8")) == path.read_text(encoding="utf-8")


def test_readings_cache_is_current(built):
    # Regenerate in memory, every reading computed by pykakasi, and compare with the file.
    assert READINGS_FILE.read_text(encoding="utf-8") == readings_cache_text(built), \
        "graphbuild/readings.tsv is stale: run `ykg registry`"


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_graphbuild_imports_only_the_foundation_of_ykg():
    package = REPOSITORY_DIR / "graphbuild"
    wrong = {f"{p.relative_to(package)}: {name}" for p in package.rglob("*.py")
             for name in _imports(p)
             if name.split(".")[0] == "ykg" and not name.startswith("ykg.foundation")}
    assert wrong == set()
    assert not (package / "text.py").exists()
