"""Check and convert one cell by the type of its column."""
from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal

from .errors import Problem
from .specs import Column

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
SECTION_RE = re.compile(r"^[a-z0-9-]+(/[a-z0-9-]+)*$")
LINES_RE = re.compile(r"^(\d{1,6})(?:-(\d{1,6}))?$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIME_RE = re.compile(r"^(\d{2}):(\d{2})$")
TABLE_ID_RE = re.compile(r"^([a-z_]+):([a-z0-9][a-z0-9-]*)$")
# Whole numbers: plain digits, or digits grouped by three with commas (after NFKC, so that
# full-width ４５，５８６ reads as 45,586); 千円 may follow, as the document prints amounts.
AMOUNT_RE = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)$")
AMOUNT_SUFFIX = "千円"
# The document's amounts are in 千円: one 千円 up to a trillion yen, far above any budget line.
AMOUNT_MIN, AMOUNT_MAX = 1, 1_000_000_000
INT_MAX_DIGITS = 6
# Fiscal years are written as 西暦 years of the 令和 era (the labels give 令和N年度 = year - 2018).
YEAR_MIN, YEAR_MAX = 2019, 2099
# Characters that show nothing: a label made only of these (and spaces) has no visible text.
BLANKS = frozenset("\u2800\u3164\u115f\u1160\uffa0\u180e")
_BLANK_RE = re.compile("[" + "".join(sorted(BLANKS)) + "]")  # one pass in C over a cell
# Unicode categories refused in a cell: controls (NUL, vertical tab), format characters
# (zero-width space, BOM, direction marks), private use, line/paragraph separators. A line break
# (LF, or CR LF) is allowed in text only: printed texts keep the lines of the print.
REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Zl", "Zp"})


def parse_amount(text: str) -> Decimal:
    """Parse a printed whole amount in 千円: full-width digits, thousands commas and 千円 allowed."""
    clean = unicodedata.normalize("NFKC", text).strip()
    if clean.endswith(AMOUNT_SUFFIX):
        clean = clean[: -len(AMOUNT_SUFFIX)].strip()
    if not AMOUNT_RE.fullmatch(clean):
        if re.fullmatch(r"[\d,]*\.\d*", clean):
            raise ValueError(f"not a whole number: {text!r} (amounts are whole 千円)")
        if re.fullmatch(r"[\d,]+", clean):
            raise ValueError(f"commas only as thousands separators (1,234,567): {text!r}")
        raise ValueError(f"not a number: {text!r}")
    digits = clean.replace(",", "")
    if len(digits.lstrip("0")) > len(str(AMOUNT_MAX)):
        raise ValueError(f"amount {text!r} is out of range ({AMOUNT_MIN} to {AMOUNT_MAX:,} 千円)")
    value = Decimal(digits)
    if not AMOUNT_MIN <= value <= AMOUNT_MAX:
        raise ValueError(f"amount {text!r} is out of range ({AMOUNT_MIN} to {AMOUNT_MAX:,} 千円)")
    return value


def refused_character(raw: str, text: bool = False) -> str | None:
    """Return a description of the first character a cell may not hold, or None."""
    if text:
        raw = raw.replace("\r\n", "").replace("\n", "")
    # Fast path: a printable string holds no refused category (only Zs, allowed, is unprintable).
    if raw.isprintable() and _BLANK_RE.search(raw) is None:
        return None
    for ch in raw:
        if unicodedata.category(ch) in REFUSED_CATEGORIES or ch in BLANKS:
            if ch in "\r\n":
                return f"U+{ord(ch):04X} (a line break: only text may hold one; an unclosed quote?)"
            name = unicodedata.name(ch, "control character")
            return f"U+{ord(ch):04X} {name}"
    return None


def visible(raw: str) -> bool:
    """Return whether text shows something: not only spaces, marks and blank characters."""
    return any(not ch.isspace() and ch not in BLANKS
               and unicodedata.category(ch)[0] not in "CZM" for ch in raw)


def _int(raw: str) -> int:
    value = unicodedata.normalize("NFKC", raw)
    if not re.fullmatch(r"[0-9]+", value):
        raise ValueError(f"not a whole number: {raw!r}")
    if len(value.lstrip("0")) > INT_MAX_DIGITS:
        raise ValueError(f"number {raw!r} is out of range (at most {INT_MAX_DIGITS} digits)")
    return int(value)


def _year(raw: str) -> int:
    if not re.fullmatch(r"[0-9]{4}", raw):
        raise ValueError(f"expected a fiscal year as four ASCII digits (e.g. 2021), got {raw!r}")
    year = int(raw)
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValueError(f"fiscal year {year} is out of range ({YEAR_MIN} to {YEAR_MAX})")
    return year


def _lines(raw: str) -> str:
    m = LINES_RE.match(raw)
    if not m:
        raise ValueError(f"expected a line number N or range N-M, got {raw!r}")
    lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
    if lo < 1 or hi < lo:
        raise ValueError(f"line range {raw!r} must run forward from line 1 or later (N ≤ M)")
    return raw


def _date(raw: str) -> str:
    if not DATE_RE.match(raw):
        raise ValueError(f"expected an ISO date YYYY-MM-DD, got {raw!r}")
    try:
        datetime.date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"no such date: {raw!r}") from None
    return raw


def _time(raw: str) -> str:
    m = TIME_RE.match(raw)
    if not m:
        raise ValueError(f"expected a time HH:MM, got {raw!r}")
    if int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise ValueError(f"no such time: {raw!r} (00:00 to 23:59)")
    return raw


def _checked(col: Column, raw: str):
    """Return the typed value of a non-empty, stripped cell; raise ValueError when it does not fit."""
    kind = col.kind
    if kind == "id" and not ID_RE.match(raw):
        raise ValueError(f"id {raw!r} is not stable ASCII ([a-z0-9-])")
    if kind == "section" and not SECTION_RE.match(raw):
        raise ValueError(f"section id {raw!r} is not [a-z0-9-] segments joined by /")
    if kind == "bool" and raw not in ("true", "false"):
        raise ValueError(f"expected true or false, got {raw!r}")
    if kind == "enum" and raw not in col.arg.split("|"):
        raise ValueError(f"expected one of {col.arg.replace('|', ', ')}, got {raw!r}")
    if kind == "tableref" and not TABLE_ID_RE.match(raw):
        raise ValueError(f"expected table:id, got {raw!r}")
    if kind == "text" and not visible(raw):
        raise ValueError("no visible text (only spaces or invisible characters)")
    return _CONVERTERS.get(kind, str)(raw)


_CONVERTERS = {"int": _int, "year": _year, "amount": parse_amount, "lines": _lines,
               "date": _date, "time": _time, "bool": lambda v: v == "true",
               "text": lambda v: unicodedata.normalize("NFC", v),
               "refs": lambda v: tuple(part.strip() for part in v.split("|"))}


# Checked values of cells that are not text, by (kind, arg, required, cell): ids, references
# and numbers repeat from plan to plan, and a cell that fits its column is checked once.
_CHECKED: dict = {}
_CHECKED_MAX = 500_000
_UNSEEN = object()


def convert(col: Column, raw: str, file: str, line: int, problems: list[Problem]):
    """Return the typed value of one cell, appending a problem when it does not fit its column."""
    if col.kind == "text":
        return _convert(col, raw, file, line, problems)
    key = (col.kind, col.arg, col.required, raw)
    value = _CHECKED.get(key, _UNSEEN)
    if value is not _UNSEEN:
        return value
    found = len(problems)
    value = _convert(col, raw, file, line, problems)
    if len(problems) == found:  # only a value that fits: a problem is reported at every row
        if len(_CHECKED) >= _CHECKED_MAX:
            _CHECKED.clear()
        _CHECKED[key] = value
    return value


def _convert(col: Column, raw: str, file: str, line: int, problems: list[Problem]):
    bad = refused_character(raw, col.kind == "text")
    if bad is not None:
        problems.append(Problem(file, line, col.name, f"invisible or control character {bad}"))
        return ""
    if raw != raw.strip():
        problems.append(Problem(file, line, col.name, "leading or trailing space"))
        raw = raw.strip()
    if raw == "":
        if col.required:
            problems.append(Problem(file, line, col.name, "required value is empty"))
        return ""
    try:
        return _checked(col, raw)
    except ValueError as exc:
        problems.append(Problem(file, line, col.name, str(exc)))
        return ""
