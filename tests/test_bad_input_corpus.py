"""The corpus of bad input (tests/corpus/*.toml): exit 2, the location named, no traceback, no output changed."""
from __future__ import annotations

import csv
import re
import shutil
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from ykg.cli import main
from ykg.foundation.paths import DATA_DIR, ONTOLOGY_DIR

CORPUS = Path(__file__).parent / "corpus"


def _cases(name: str) -> list[dict]:
    return tomllib.loads((CORPUS / f"{name}.toml").read_text(encoding="utf-8"))["case"]


TABLES, ONTOLOGY, CLI = _cases("tables"), _cases("ontology"), _cases("cli")


def _ids(cases):
    return [c["name"] for c in cases]


# -- running ykg and checking what it left ----------------------------------------------------------

def ykg(*args: str):
    """Run ykg in this process; return (exit code, output) after checking nothing escaped."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"{type(result.exception).__name__}: {result.exception}"
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.fixture(scope="module")
def previous(tmp_path_factory):
    """A folder holding a good build: every bad run must leave it byte-identical."""
    out = tmp_path_factory.mktemp("previous") / "out"
    code, output = ykg("build", "--out", out)
    assert code == 0, output
    files = snapshot(out)  # the graph files and whatever the writer keeps beside them
    assert {"graph.jsonld", "graph.nt", "graph.trig", "graph.ttl"} <= set(files)
    return out, files


def assert_refused(code: int, output: str, location: str, says: str, *, first: bool = True,
                   lines: int | None = None) -> None:
    assert code == 2, output
    problems = [line for line in output.splitlines() if line and not line.startswith(" ")]
    assert any(line.startswith(location) and says in line for line in problems) or (
        location in output and says in output), output
    if first:
        assert problems[0].startswith(location), output
    if lines is not None:
        assert len([p for p in problems if re.match(r"^.+:\d+:[^:]+: ", p)]) == lines, output


# -- editing a copy of the tables ---------------------------------------------------------------

def _read(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _write(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def _index(rows: list[list[str]], edit: dict) -> int:
    """Return the index in rows of the row an edit names by id or by row number (1 = header)."""
    if "row" in edit:
        return edit["row"] - 1
    return next(n for n, r in enumerate(rows) if n and r[0] == edit["id"])


def apply(data: Path, edit: dict) -> None:
    """Apply one edit of a corpus case to the copy of the tables in data."""
    op = next(k for k in ("set", "delete", "encode", "replace", "append", "header_only", "write",
                          "folder", "add") if k in edit)
    path = data / edit[op]
    if op == "set":
        rows = _read(path)
        rows[_index(rows, edit)][rows[0].index(edit["column"])] = \
            edit["value"] * edit.get("repeat", 1)
        _write(path, rows)
    elif op == "append":
        rows = _read(path)
        rows.append(list(rows[_index(rows, edit)]))
        _write(path, rows)
    elif op == "header_only":
        _write(path, _read(path)[:1])
    elif op == "delete":
        path.unlink()
    elif op == "folder":
        path.unlink()
        path.mkdir()
    elif op == "encode":
        path.write_bytes(path.read_text(encoding="utf-8").encode(edit["encoding"]))
    elif op == "replace":
        text = path.read_text(encoding="utf-8")
        assert edit["old"] in text
        path.write_text(text.replace(edit["old"], edit["new"], edit.get("count", -1)),
                        encoding="utf-8", newline="")
    elif op == "add":
        text = path.read_text(encoding="utf-8")
        path.write_text(text + ("" if text.endswith("\n") else "\n") + edit["text"] + "\n",
                        encoding="utf-8", newline="")
    else:
        path.write_text(edit["text"], encoding="utf-8", newline="")


def locate(at: str, data: Path) -> str:
    """Fill in {ID} in the row of FILE:ROW:COLUMN with the line of that id in the original file."""
    file, _, rest = at.partition(":")

    def line(m: re.Match) -> str:
        rows = _read(DATA_DIR / file)
        return str(next(n for n, r in enumerate(rows, start=1) if n > 1 and r[0] == m.group(1)))
    return f"{data}/{file}:" + re.sub(r"\{([^}]+)\}", line, rest)


@pytest.mark.parametrize("case", TABLES, ids=_ids(TABLES))
def test_bad_table(case, tmp_path, previous):
    out, files = previous
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    for edit in case["edit"]:
        apply(data, edit)
    code, output = ykg("build", "--out", out, "--data", data)
    assert_refused(code, output, locate(case["at"], data), case["says"],
                   first=case.get("first", True), lines=case.get("lines"))
    assert snapshot(out) == files


def test_the_corpus_is_large_enough():
    assert len(TABLES) + len(ONTOLOGY) + len(CLI) >= 80
    assert len({c["name"] for c in TABLES + ONTOLOGY + CLI}) == len(TABLES + ONTOLOGY + CLI)


# -- a broken ontology or shapes file ---------------------------------------------------------------

@pytest.mark.parametrize("case", ONTOLOGY, ids=_ids(ONTOLOGY))
def test_bad_ontology(case, tmp_path, previous, monkeypatch):
    out, files = previous
    ontology = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY_DIR, ontology)
    for edit in case["edit"]:
        apply(ontology, edit)
    monkeypatch.setattr("graphbuild.terms.ONTOLOGY_FILE", ontology / "ykg.ttl")
    monkeypatch.setattr("graphbuild.validate.ONTOLOGY_DIR", ontology)
    args = [a.replace("{out}", str(out)) for a in case["args"]]
    code, output = ykg(*args)
    file = case["at"].partition(":")[0]
    end = len((ONTOLOGY_DIR / file).read_text(encoding="utf-8").splitlines())
    at = re.sub(r"\{end\+(\d+)\}", lambda m: str(end + int(m.group(1))), case["at"])
    assert_refused(code, output, f"error: {ontology}/{at}", case["says"])
    assert snapshot(out) == files


# -- bad command lines ------------------------------------------------------------------------------

@pytest.mark.parametrize("case", CLI, ids=_ids(CLI))
def test_bad_command_line(case, tmp_path, previous):
    out, files = previous
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    for edit in case.get("edit", ()):
        apply(data, edit)
    fill = {"{tmp}": str(tmp_path), "{data}": str(data), "{out}": str(out)}

    def filled(text: str) -> str:
        for key, value in fill.items():
            text = text.replace(key, value)
        return text
    code, output = ykg(*[filled(a) for a in case["args"]])
    assert code == 2, output
    assert filled(case["at"]) in output and filled(case["says"]) in output, output
    assert len([line for line in output.splitlines() if line.startswith("error")]) <= 1
    assert snapshot(out) == files
