"""Check and convert one cell by the type of its column."""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from .errors import Problem
from .specs import Column

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
LINES_RE = re.compile(r"^\d+(-\d+)?$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIME_RE = re.compile(r"^\d{2}:\d{2}$")
TABLE_ID_RE = re.compile(r"^([a-z_]+):([a-z0-9][a-z0-9-]*)$")


def parse_amount(text: str) -> Decimal:
    """Parse a printed amount: full-width digits, commas and a 千円 suffix are allowed."""
    clean = unicodedata.normalize("NFKC", text).replace(",", "").replace("千円", "").strip()
    if not re.fullmatch(r"\d+(\.\d+)?", clean):
        raise ValueError(f"not a number: {text!r}")
    try:
        return Decimal(clean)
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards
        raise ValueError(f"not a number: {text!r}") from exc


def convert(col: Column, raw: str, file: str, line: int, problems: list[Problem]):
    """Return the typed value of one cell, appending a problem when it does not fit its column."""
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
    if kind == "refs":
        return tuple(part.strip() for part in raw.split("|"))
    return raw
