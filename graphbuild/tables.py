"""Read the CSV tables of data/, check every cell, id and reference, and return typed rows."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from .cells import TABLE_ID_RE, convert, parse_amount
from .errors import DataError, Problem
from .specs import CORE_TABLES, SETTINGS_TABLES, SPECS, Column, TableSpec

__all__ = ["CORE_TABLES", "SETTINGS_TABLES", "SPECS", "Column", "Row", "TableSpec", "Tables",
           "parse_amount", "read_table", "read_tables"]


@dataclass
class Row:
    """One data row: its typed values and where it stands."""

    table: str
    line: int
    values: dict

    def __getitem__(self, key):
        return self.values[key]

    def get(self, key, default=None):
        value = self.values.get(key)
        return default if value in (None, "") else value

    @property
    def where(self) -> str:
        return f"data/{self.table}.csv:{self.line}"


@dataclass
class Tables:
    """All rows of all tables, by table name, in file order."""

    rows: dict[str, list[Row]] = field(default_factory=dict)
    _index: dict[str, dict[str, Row]] = field(default_factory=dict, repr=False)

    def __getitem__(self, table: str) -> list[Row]:
        return self.rows.get(table, [])

    def by_id(self, table: str) -> dict[str, Row]:
        """Return the rows of a table by id (indexed once; tables are not changed after reading)."""
        if table not in self._index:
            self._index[table] = {r["id"]: r for r in self[table]}
        return self._index[table]



def _decode(path: Path, file: str, problems: list[Problem]) -> str | None:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.append(Problem(file, line, f"byte {col}",
                                f"file is not UTF-8 (byte 0x{data[exc.start]:02x}); "
                                "save it as UTF-8"))
        return None


def read_table(path: Path, spec: TableSpec, problems: list[Problem]) -> list[Row]:
    """Read one table, appending every problem found; return the rows that could be read."""
    file = f"data/{spec.filename}"
    text = _decode(path, file, problems)
    if text is None:
        return []
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        problems.append(Problem(file, 1, "-", "file is empty (no header row)"))
        return []
    expected = [c.name for c in spec.columns]
    missing = [c for c in expected if c not in header]
    for name in missing:
        problems.append(Problem(file, 1, name, f"missing column {name!r}"))
    for name in header:
        if name not in expected:
            problems.append(Problem(file, 1, name, f"unknown column {name!r} "
                                    f"(expected {', '.join(expected)})"))
    if missing:
        return []
    rows = []
    for line, record in enumerate(reader, start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            problems.append(Problem(file, line, "-", f"{len(record)} cells, header has "
                                    f"{len(header)}"))
            continue
        cells = dict(zip(header, record))
        values = {c.name: convert(c, cells[c.name], file, line, problems) for c in spec.columns}
        rows.append(Row(spec.name, line, values))
    return rows


def _check_ids(tables: Tables, problems: list[Problem]) -> None:
    for name, rows in tables.rows.items():
        spec = SPECS[name]
        if not spec.has_id:
            continue
        seen: dict[str, int] = {}
        for r in rows:
            rid = r["id"]
            if rid and rid in seen:
                problems.append(Problem(f"data/{spec.filename}", r.line, "id",
                                        f"duplicate id {rid!r} (first on row {seen[rid]})"))
            seen.setdefault(rid, r.line)


def _targets(tables: Tables, col: Column) -> set[str] | None:
    """Return the ids a ref or concept column may hold, or None when the column refers to nothing."""
    if col.kind in ("ref", "refs"):
        return {r["id"] for r in tables[col.arg]}
    if col.kind == "concept":
        return {r["id"] for r in tables["concepts"] if r["scheme"] == col.arg}
    return None


def _unknown(col: Column, value: str) -> str:
    if col.kind == "concept":
        return (f"unknown {col.arg} concept {value!r} "
                f"(not an id of scheme {col.arg!r} in data/concepts.csv)")
    what = "department" if col.arg == "departments" else col.arg.rstrip("s")
    return f"unknown {what} {value!r} (not an id in data/{col.arg}.csv)"


def _check_refs(tables: Tables, problems: list[Problem], broken: set[str]) -> None:
    # A table that could not be read would make every reference to it dangle: say it once.
    ids = {name: {r["id"] for r in rows} for name, rows in tables.rows.items()
           if SPECS[name].has_id}
    _check_ids(tables, problems)
    for name, rows in tables.rows.items():
        file = f"data/{SPECS[name].filename}"
        for col in SPECS[name].columns:
            target = _targets(tables, col)
            if target is not None and (col.arg if col.kind != "concept" else "concepts") \
                    not in broken:
                for r in rows:
                    values = r.values[col.name]
                    for value in (values if isinstance(values, tuple) else (values,)):
                        if value and value not in target:
                            problems.append(Problem(file, r.line, col.name, _unknown(col, value)))
            if col.kind == "tableref":
                for r in rows:
                    value = r.values[col.name]
                    m = TABLE_ID_RE.match(value) if value else None
                    if m and m.group(1) not in broken and m.group(2) not in ids.get(m.group(1), set()):
                        problems.append(Problem(file, r.line, col.name,
                                                f"dangling reference {value!r}"))


def read_tables(data_dir: Path) -> Tables:
    """Read and check every table in data_dir; raise DataError listing every problem."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    broken: set[str] = set()
    tables = Tables()
    for name, spec in SPECS.items():
        path = data_dir / spec.filename
        if not path.exists():
            if name in CORE_TABLES:
                problems.append(Problem(f"data/{spec.filename}", 0, "-", "file is missing"))
                broken.add(name)
            continue
        before = len(problems)
        tables.rows[name] = read_table(path, spec, problems)
        if any(p.row <= 1 for p in problems[before:]):
            broken.add(name)
    _check_refs(tables, problems, broken)
    if problems:
        raise DataError(problems)
    return tables
