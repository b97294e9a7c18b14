"""Read the CSV tables of data/, check every cell, id and reference, and return typed rows."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace
from pathlib import Path

from ykg.foundation.errors import UserError
from ykg.foundation.paths import DATA_DIR

from .checks import check_tables
from .cells import TABLE_ID_RE, convert, parse_amount
from .errors import FILE_RANK, DataError, Problem
from .specs import (CORE_TABLES, OPTIONAL_TABLES, REQUIRED_TABLES, SETTINGS_TABLES, SPECS, Column,
                    TableSpec)

__all__ = ["CORE_TABLES", "OPTIONAL_TABLES", "REQUIRED_TABLES", "SETTINGS_TABLES", "SPECS",
           "Column", "Row", "TableSpec", "Tables", "folder_label", "parse_amount", "read_table",
           "read_tables"]

# The csv module's own limit, named in the message when a cell is longer.
MAX_CELL = csv.field_size_limit()


@dataclass
class Row:
    """One data row: its typed values and where it stands."""

    table: str
    line: int
    values: dict
    file: str = ""

    def __getitem__(self, key):
        return self.values[key]

    def get(self, key, default=None):
        value = self.values.get(key)
        return default if value in (None, "") else value

    @property
    def where(self) -> str:
        return f"{self.file or f'data/{self.table}.csv'}:{self.line}"


@dataclass
class Tables:
    """All rows of all tables, by table name, in file order."""

    rows: dict[str, list[Row]] = field(default_factory=dict)
    _index: dict[str, dict[str, Row]] = field(default_factory=dict, repr=False)
    folder: str = "data"
    # Tables that could not be read: nothing that refers to them is checked.
    broken: set[str] = field(default_factory=set)
    # Ids of rows that could not be read (a cell too many or too few): not dangling.
    unread: dict[str, set[str]] = field(default_factory=dict)

    def __getitem__(self, table: str) -> list[Row]:
        return self.rows.get(table, [])

    def by_id(self, table: str) -> dict[str, Row]:
        """Return the rows of a table by id (indexed once; tables are not changed after reading)."""
        if table not in self._index:
            self._index[table] = {r["id"]: r for r in self[table]}
        return self._index[table]

    def path(self, table: str) -> str:
        """Return the file of a table as the user named its folder (for messages)."""
        return f"{self.folder}/{SPECS[table].filename}"


def folder_label(data_dir: Path) -> str:
    """Return the folder of the tables as messages name it: as given, `data` for the default."""
    try:
        if Path(data_dir).resolve() == DATA_DIR.resolve():
            return "data"
    except OSError:
        pass
    return str(Path(data_dir))


def _decode(data: bytes, file: str, problems: list[Problem]) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.append(Problem(file, line, f"byte {col}",
                                f"file is not UTF-8 (byte 0x{data[exc.start]:02x}); "
                                "save it as UTF-8", FILE_RANK))
        return None


def _header(header: list[str], spec: TableSpec, file: str, problems: list[Problem]) -> bool:
    """Check the header line; return whether every column of the spec is there."""
    expected = [c.name for c in spec.columns]
    if any("\n" in name or "\r" in name for name in header):
        problems.append(Problem(file, 1, "-", "the header line has an unclosed quote (a column "
                                "name runs over a line break)", FILE_RANK))
        return False
    missing = [c for c in expected if c not in header]
    for name in missing:
        problems.append(Problem(file, 1, name, f"missing column {name!r}", FILE_RANK))
    for name in header:
        if name not in expected:
            problems.append(Problem(file, 1, name, f"unknown column {name!r} "
                                    f"(expected {', '.join(expected)})"))
    return not missing


def _records(text: str, file: str, problems: list[Problem]):
    """Yield (row, cells) of every record; a record the csv module refuses ends the file."""
    reader = csv.reader(io.StringIO(text, newline=""))
    row = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            reason = str(exc)
            if "field larger than field limit" in reason:
                reason = f"a cell is longer than {MAX_CELL:,} characters"
            problems.append(Problem(file, row, "-", f"cannot read the row: {reason}; "
                                    "the rows after it were not read", FILE_RANK))
            return
        row += 1
        yield row - 1, record


def read_table(path: Path, spec: TableSpec, problems: list[Problem], file: str | None = None,
               unread: set[str] | None = None) -> list[Row] | None:
    """Read one table, appending every problem found; return its rows, None if unreadable.

    The ids of rows that are skipped (a wrong number of cells) are added to unread.
    """
    file = file or str(path)
    try:
        text = _decode(Path(path).read_bytes(), file, problems)
    except OSError as exc:
        problems.append(Problem(file, 0, "-", f"cannot read the file: {exc.strerror}", FILE_RANK))
        return None
    if text is None:
        return None
    records = _records(text.removeprefix("\ufeff"), file, problems)
    first = next(records, None)
    if first is None:
        if not any(p.file == file for p in problems):
            problems.append(Problem(file, 1, "-", "file is empty (no header row)", FILE_RANK))
        return None
    header = first[1]
    if not _header(header, spec, file, problems):
        return None
    rows = []
    for line, record in records:
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            if any("\n" in cell for cell in record):
                problems.append(Problem(file, line, "-", "a cell opens a quote that does not "
                                        "close before the next row: the rows after it were "
                                        "not read", FILE_RANK))
                break
            problems.append(Problem(file, line, "-", f"{len(record)} cells, header has "
                                    f"{len(header)}"))
            if unread is not None and spec.has_id and "id" in header:
                unread.add(record[header.index("id")].strip() if len(record) > header.index("id")
                           else "")
            continue
        cells = dict(zip(header, record))
        values = {c.name: convert(c, cells[c.name], file, line, problems) for c in spec.columns}
        rows.append(Row(spec.name, line, values, file))
    if any(p.file == file and p.rank == FILE_RANK for p in problems):
        return None
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
                problems.append(Problem(tables.path(name), r.line, "id",
                                        f"duplicate id {rid!r} (first on row {seen[rid]})"))
            seen.setdefault(rid, r.line)


def _targets(tables: Tables, col: Column) -> set[str] | None:
    """Return the ids a ref or concept column may hold, or None when the column refers to nothing."""
    if col.kind in ("ref", "refs"):
        return {r["id"] for r in tables[col.arg]} | tables.unread.get(col.arg, set())
    if col.kind == "concept":
        return {r["id"] for r in tables["concepts"] if r["scheme"] == col.arg}
    return None


def _unknown(tables: Tables, col: Column, value: str) -> str:
    if col.kind == "concept":
        return (f"unknown {col.arg} concept {value!r} "
                f"(not an id of scheme {col.arg!r} in {tables.path('concepts')})")
    what = "department" if col.arg == "departments" else col.arg.rstrip("s")
    return f"unknown {what} {value!r} (not an id in {tables.path(col.arg)})"


def _check_refs(tables: Tables, problems: list[Problem]) -> None:
    # A table that could not be read would make every reference to it dangle: it is left out.
    broken = tables.broken
    ids = {name: {r["id"] for r in rows} | tables.unread.get(name, set())
           for name, rows in tables.rows.items() if SPECS[name].has_id}
    _check_ids(tables, problems)
    for name, rows in tables.rows.items():
        file = tables.path(name)
        for col in SPECS[name].columns:
            target = _targets(tables, col)
            if target is not None and (col.arg if col.kind != "concept" else "concepts") \
                    not in broken:
                for r in rows:
                    values = r.values[col.name]
                    for value in (values if isinstance(values, tuple) else (values,)):
                        if value and value not in target:
                            problems.append(Problem(file, r.line, col.name,
                                                    _unknown(tables, col, value)))
            if col.kind == "tableref":
                for r in rows:
                    value = r.values[col.name]
                    m = TABLE_ID_RE.match(value) if value else None
                    if not m:
                        continue
                    if m.group(1) not in SPECS or not SPECS[m.group(1)].has_id:
                        problems.append(Problem(file, r.line, col.name,
                                                f"{m.group(1)!r} is not a table with ids"))
                    elif m.group(1) not in broken and m.group(2) not in ids.get(m.group(1), ()):
                        problems.append(Problem(file, r.line, col.name,
                                                f"dangling reference {value!r}"))


def _read_all(data_dir: Path, tables: Tables, problems: list[Problem]) -> None:
    for name, spec in SPECS.items():
        path = data_dir / spec.filename
        file = tables.path(name)
        if not path.is_file():
            if name not in OPTIONAL_TABLES:
                what = "is a folder, not a file" if path.exists() else "is missing"
                problems.append(Problem(file, 0, "-", f"file {what} (every table is required; "
                                        "a table without rows holds its header line only)",
                                        FILE_RANK))
                tables.broken.add(name)
            continue
        rows = read_table(path, spec, problems, file, tables.unread.setdefault(name, set()))
        if rows is None:
            tables.broken.add(name)
            rows = []
        elif not rows and name in CORE_TABLES:
            problems.append(Problem(file, 0, "-", "the table has no rows: the build needs them",
                                    FILE_RANK))
            tables.broken.add(name)
        tables.rows[name] = rows


def _referenced(name: str) -> bool:
    """Say whether a column of some table refers to the rows of this table."""
    linkable = SPECS[name].has_id and name not in SETTINGS_TABLES  # curated links' ends
    return any((c.kind in ("ref", "refs") and c.arg == name) or (c.kind == "concept"
               and name == "concepts") or (c.kind == "tableref" and linkable)
               for spec in SPECS.values() for c in spec.columns)


def _say_what_it_hides(tables: Tables, problems: list[Problem]) -> None:
    """Add to the first problem of each unreadable table that references to it were not checked."""
    for name in sorted(n for n in tables.broken if _referenced(n)):
        file = tables.path(name)
        first = min((p for p in problems if p.file == file and p.rank == FILE_RANK),
                    key=Problem.key, default=None)
        if first is not None:
            problems[problems.index(first)] = replace(
                first, message=f"{first.message}; the references to its rows were not checked")


def read_tables(data_dir: Path) -> Tables:
    """Read and check every table in data_dir; raise DataError listing every problem."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        what = "is not a folder" if data_dir.exists() else "does not exist"
        raise UserError(f"--data: the folder of the tables {str(data_dir)!r} {what}")
    problems: list[Problem] = []
    tables = Tables(folder=folder_label(data_dir))
    _read_all(data_dir, tables, problems)
    _check_refs(tables, problems)
    check_tables(tables, problems)
    _say_what_it_hides(tables, problems)
    if problems:
        raise DataError(problems)
    return tables
