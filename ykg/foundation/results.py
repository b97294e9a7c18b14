"""Query results as text: an aligned table, CSV, TSV or JSON; and coercion to the column types."""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from decimal import Decimal
from typing import Any, Callable

from ykg.foundation.rdf import dumps_json
from ykg.foundation.sparql import QueryError, QueryResult


# Column type -> the Python type a value of it already has when nothing needs converting.
_PLAIN_TYPES = {"string": str, "integer": int, "boolean": bool, "decimal": Decimal}


def coerce(value: Any, ctype: str) -> Any:
    """Coerce a plain value to its declared column type (Virtuoso gives 0/1 for booleans)."""
    if value is None or ctype == "term" or type(value) is _PLAIN_TYPES.get(ctype):
        return value
    if ctype == "boolean":
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, Decimal)) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value in ("true", "false", "0", "1"):
            return value in ("true", "1")
    elif ctype == "integer":
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        if isinstance(value, (Decimal, float)) and value == int(value):
            return int(value)
    elif ctype == "decimal":
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return Decimal(value)
    elif ctype == "string":
        return value if isinstance(value, str) else str(value)
    raise QueryError(f"value {value!r} is not a {ctype}")


def cell(value: Any) -> str:
    """Write one value as the text of a cell (None is empty, booleans are true/false)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def to_csv(result: QueryResult, delimiter: str = ",") -> str:
    """Write the result as CSV (LF line ends, header row)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow([cell(v) for v in row])
    return buf.getvalue()


def to_tsv(result: QueryResult) -> str:
    """Write the result as TSV; tabs and line breaks inside values become spaces."""
    lines = ["\t".join(result.columns)]
    for row in result.rows:
        lines.append("\t".join(re.sub(r"[\t\r\n]", " ", cell(v)) for v in row))
    return "\n".join(lines) + "\n"


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == int(value) else float(value)
    return value


def to_json(result: QueryResult) -> str:
    """Write the result as a JSON list of objects (keys in column order)."""
    rows = [{c: _json_value(v) for c, v in zip(result.columns, row)} for row in result.rows]
    return dumps_json(rows, indent=1).decode("utf-8")


def width(text: str) -> int:
    """Return the width of text in a terminal: wide and full-width characters count double."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def to_table(result: QueryResult) -> str:
    """Write the result as an aligned text table (wide characters count double)."""
    cells = [[cell(v) for v in row] for row in result.rows]
    widths = [width(c) for c in result.columns]
    for row in cells:
        widths = [max(w, width(v)) for w, v in zip(widths, row)]

    def line(values):
        return "  ".join(v + " " * (w - width(v)) for v, w in zip(values, widths)).rstrip()
    out = [line(result.columns), "  ".join("-" * w for w in widths)]
    out += [line(row) for row in cells]
    out.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(out) + "\n"


FORMATS: dict[str, Callable[[QueryResult], str]] = {
    "table": to_table, "csv": to_csv, "tsv": to_tsv, "json": to_json}


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result in one of FORMATS."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    return FORMATS[fmt](result)
