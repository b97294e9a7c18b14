"""Read the CSV tables of data/, check every cell, and return typed rows."""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .errors import DataError, Problem

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
LINES_RE = re.compile(r"^\d+(-\d+)?$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIME_RE = re.compile(r"^\d{2}:\d{2}$")
TABLE_ID_RE = re.compile(r"^([a-z_]+):([a-z0-9][a-z0-9-]*)$")
SOURCE = "section:ref=sections! lines:lines! note:text"


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, type and whether a value is required."""

    name: str
    kind: str
    required: bool = False
    arg: str = ""


@dataclass(frozen=True)
class TableSpec:
    """The columns of one table, in order."""

    name: str
    columns: tuple[Column, ...]

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def has_id(self) -> bool:
        return self.columns[0].name == "id"


def _spec(name: str, text: str) -> TableSpec:
    cols = []
    for token in text.split():
        required = token.endswith("!")
        token = token.rstrip("!")
        cname, _, kind = token.partition(":")
        kind, _, arg = kind.partition("=")
        cols.append(Column(cname, kind, required or kind == "id", arg))
    return TableSpec(name, tuple(cols))


# Column types: id, text, int, bool, amount, lines, date, time, ref=TABLE, enum=a|b, tableref.
# Required columns end with "!".
_SPECS = {
    "materials": "id:id identifier:text! kind:enum=agenda|material|handout|seating-chart|roster! "
                 "title_ja:text! title_en:text! lines:lines! note:text",
    "sections": "id:section! material:ref=materials! parent:ref=sections label_ja:text! "
                "label_en:text! lines:lines! note:text",
    "meetings": "id:id label_ja:text! label_en:text! date:date! start_time:time place_ja:text! "
                "place_en:text! " + SOURCE,
    "agenda_items": "id:id meeting:ref=meetings! no:int! label_ja:text! label_en:text! "
                    "material:ref=materials " + SOURCE,
    "plans": "id:id kind:enum=basic-policy|national-plan|strategy|prefectural-plan! label_ja:text! "
             "label_en:text! start_fy:int end_fy:int " + SOURCE,
    "statements": "id:id subject:ref=plans! kind:text! seq:int! text_ja:text! printed_ja:text "
                  "text_en:text! " + SOURCE,
    "visions": "id:id plan:ref=plans! lead_ja:text label_ja:text! lead_en:text label_en:text! "
               + SOURCE,
    "areas": "id:id no:int! numeral:text! label_ja:text! label_en:text! " + SOURCE,
    "future_images": "id:id area:ref=areas! material:ref=materials! seq:int! text_ja:text! "
                     "printed_ja:text text_en:text! " + SOURCE,
    "stances": "id:id no:int! label_ja:text! printed_ja:text label_en:text! " + SOURCE,
    "stance_steps": "id:id stance:ref=stances! step:int! item:int! text_ja:text! printed_ja:text "
                    "corrected_ja:text text_en:text! " + SOURCE,
    "pillars": "id:id no:int! label_ja:text! label_en:text! description_ja:text! "
               "description_en:text! " + SOURCE,
    "initiatives": "id:id pillar:ref=pillars! seq:int! parent:ref=initiatives "
                   "block:enum=hub|field label_ja:text! printed_ja:text corrected_ja:text "
                   "label_en:text! " + SOURCE,
    "departments": "id:id kind:enum=prefecture|department|bureau|committee|police|office|"
                   "headquarters|division|external! label_ja:text! label_en:text! "
                   "parent:ref=departments " + SOURCE,
    "programs": "id:id kind:enum=program|sub-program|activity|loan-program! label_ja:text! "
                "label_en:text! department:ref=departments! parent:ref=programs " + SOURCE,
    "program_aliases": "program:ref=programs! alias_ja:text! reason:text! section:ref=sections! "
                       "lines:lines!",
    "sakigake_projects": "id:id no:int! label_ja:text! label_en:text! description_ja:text! "
                         "description_en:text! " + SOURCE,
    "sakigake_components": "id:id project:ref=sakigake_projects! seq:int! "
                           "parent:ref=sakigake_components program:ref=programs! printed_ja:text! "
                           "department:ref=departments kind:enum=budget|loan|sub-line|unbudgeted! "
                           "relisting:bool! amount_kyen:amount amount_printed:text contents_ja:text "
                           "contents_en:text " + SOURCE,
    "policy_areas": "id:id area:ref=areas! seq:int! label_ja:text! printed_ja:text label_en:text! "
                    + SOURCE,
    "goals": "id:id policy_area:ref=policy_areas! seq:int! title_ja:text! printed_title_ja:text "
             "title_en:text! description_ja:text! description_en:text! " + SOURCE,
    "measures": "id:id goal:ref=goals! seq:int! text_ja:text! printed_ja:text text_en:text! "
                + SOURCE,
    "goal_programs": "id:id measure:ref=measures! seq:int! program:ref=programs! "
                     "department:ref=departments! printed_ja:text! relisting:bool! "
                     "contents_ja:text " + SOURCE,
    "strategy_goals": "id:id no:int! label_ja:text! label_en:text! " + SOURCE,
    "strategy_pillars": "id:id goal:ref=strategy_goals! seq:int! label_ja:text! label_en:text! "
                        + SOURCE,
    "strategy_measures": "id:id pillar:ref=strategy_pillars! seq:int! label_ja:text! "
                         "printed_ja:text change:enum=revised label_en:text! " + SOURCE,
    "strategy_actions": "id:id measure:ref=strategy_measures! seq:int! label_ja:text! "
                        "printed_ja:text change:enum=new|revised label_en:text! content_ja:text! "
                        "content_en:text! " + SOURCE,
    "posts": "id:id organization:ref=departments! role:enum=honbucho|fuku-honbucho|honbuin! "
             "seq:int! label_ja:text! label_en:text! heads:ref=departments holder_ja:text "
             "printed_holder_ja:text " + SOURCE,
    "seats": "id:id seq:int! label_ja:text! printed_ja:text label_en:text! group_ja:text "
             "post:ref=posts " + SOURCE,
    "technologies": "id:id label_ja:text! label_en:text! patterns:text! note:text",
    "curated_links": "id:id subject:tableref! relation:text! object:tableref! basis_ja:text! "
                     "basis_en:text note:text",
    "registry": "table:text! id:text! label_ja:text",
}
SPECS: dict[str, TableSpec] = {name: _spec(name, text) for name, text in _SPECS.items()}
# Tables whose absence is an error; the others are optional so that a small fixture can omit them.
CORE_TABLES = ("materials", "sections", "departments", "programs")


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


def parse_amount(text: str) -> Decimal:
    """Parse a printed amount: full-width digits, commas and a 千円 suffix are allowed."""
    clean = unicodedata.normalize("NFKC", text).replace(",", "").replace("千円", "").strip()
    if not re.fullmatch(r"\d+(\.\d+)?", clean):
        raise ValueError(f"not a number: {text!r}")
    try:
        return Decimal(clean)
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards
        raise ValueError(f"not a number: {text!r}") from exc


def _convert(col: Column, raw: str, file: str, line: int, problems: list[Problem]):
    if raw != raw.strip():
        problems.append(Problem(file, line, col.name, "leading or trailing space"))
        raw = raw.strip()
    if raw == "":
        if col.required:
            problems.append(Problem(file, line, col.name, "required value is empty"))
        return ""
    kind = col.kind
    try:
        if kind == "id" and not ID_RE.match(raw):
            raise ValueError(f"id {raw!r} is not stable ASCII ([a-z0-9-])")
        if kind == "section" and not re.fullmatch(r"[a-z0-9-]+(/[a-z0-9-]+)*", raw):
            raise ValueError(f"section id {raw!r} is not [a-z0-9-] segments joined by /")
        if kind == "int":
            value = unicodedata.normalize("NFKC", raw)
            if not value.isdigit():
                raise ValueError(f"not a whole number: {raw!r}")
            return int(value)
        if kind == "bool":
            if raw not in ("true", "false"):
                raise ValueError(f"expected true or false, got {raw!r}")
            return raw == "true"
        if kind == "amount":
            return parse_amount(raw)
        if kind == "lines" and not LINES_RE.match(raw):
            raise ValueError(f"expected a line number N or range N-M, got {raw!r}")
        if kind == "date" and not DATE_RE.match(raw):
            raise ValueError(f"expected an ISO date YYYY-MM-DD, got {raw!r}")
        if kind == "time" and not TIME_RE.match(raw):
            raise ValueError(f"expected a time HH:MM, got {raw!r}")
        if kind == "enum" and raw not in col.arg.split("|"):
            raise ValueError(f"expected one of {col.arg.replace('|', ', ')}, got {raw!r}")
        if kind == "tableref" and not TABLE_ID_RE.match(raw):
            raise ValueError(f"expected table:id, got {raw!r}")
    except ValueError as exc:
        problems.append(Problem(file, line, col.name, str(exc)))
        return ""
    if kind == "text":
        return unicodedata.normalize("NFC", raw)
    return raw


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
        values = {c.name: _convert(c, cells[c.name], file, line, problems) for c in spec.columns}
        rows.append(Row(spec.name, line, values))
    return rows


def _check_refs(tables: Tables, problems: list[Problem], broken: set[str]) -> None:
    # A table that could not be read would make every reference to it dangle: say it once.
    ids = {name: {r["id"] for r in rows} for name, rows in tables.rows.items()
           if SPECS[name].has_id}
    for name, rows in tables.rows.items():
        spec = SPECS[name]
        if spec.has_id:
            seen: dict[str, int] = {}
            for r in rows:
                rid = r["id"]
                if rid and rid in seen:
                    problems.append(Problem(f"data/{spec.filename}", r.line, "id",
                                            f"duplicate id {rid!r} (first on row {seen[rid]})"))
                seen.setdefault(rid, r.line)
        for col in spec.columns:
            if col.kind == "ref" and col.arg not in broken:
                target = ids.get(col.arg, set())
                for r in rows:
                    value = r.values[col.name]
                    if value and value not in target:
                        what = "department" if col.arg == "departments" else col.arg.rstrip("s")
                        problems.append(Problem(
                            f"data/{spec.filename}", r.line, col.name,
                            f"unknown {what} {value!r} (not an id in data/{col.arg}.csv)"))
            if col.kind == "tableref":
                for r in rows:
                    value = r.values[col.name]
                    m = TABLE_ID_RE.match(value) if value else None
                    if m and m.group(1) not in broken and m.group(2) not in ids.get(m.group(1), set()):
                        problems.append(Problem(f"data/{spec.filename}", r.line, col.name,
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
