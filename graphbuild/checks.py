"""Checks across rows and tables that a single cell cannot show: cycles, amounts, years, terms."""
from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from .cells import AMOUNT_RE
from .errors import Problem
from .specs import SPECS
from .terms import object_properties

if TYPE_CHECKING:
    from .tables import Row, Tables

# A curated relation is the local name of a ykg: property: letters and digits only.
TERM_RE = re.compile(r"^[a-z][A-Za-z0-9]*$")
# The mark the document prints before a loan facility's amount (融資枠：500,000千円).
LOAN_MARK = "融資枠"
PRINTED_AMOUNT_RE = re.compile(r"(\d[\d,]*)\s*(\S*)$")


def check_tables(tables: Tables, problems: list[Problem]) -> None:
    """Run every check across rows on the tables that could be read."""
    for name, spec in SPECS.items():
        for col in spec.columns:
            if col.kind == "ref" and col.arg == name and _ready(tables, name):
                check_cycles(tables, name, col.name, problems)
    if _ready(tables, "sakigake_components", "programs", "budgets"):
        check_amounts(tables, problems)
    if _ready(tables, "plans", "budgets"):
        check_years(tables, problems)
    if _ready(tables, "curated_links"):
        check_relations(tables, problems)


def _ready(tables: Tables, *names: str) -> bool:
    return not tables.broken.intersection(names)


def _problem(tables: Tables, row: Row, column: str, message: str) -> Problem:
    return Problem(tables.path(row.table), row.line, column, message)


def check_cycles(tables: Tables, table: str, column: str, problems: list[Problem]) -> None:
    """Report each loop of a parent chain once, at its first row in the file."""
    rows = tables.by_id(table)
    reported: set[str] = set()
    for start in tables[table]:
        chain: list[str] = []
        rid = start["id"]
        while rid and rid in rows and rid not in chain:
            chain.append(rid)
            rid = rows[rid].get(column)
        if not rid or rid not in chain:
            continue
        loop = chain[chain.index(rid):]
        if reported.intersection(loop):
            continue
        reported.update(loop)
        first = min((rows[i] for i in loop), key=lambda r: r.line)
        at = loop.index(first["id"])
        path = loop[at:] + loop[:at] + [first["id"]]
        what = "its own parent" if len(loop) == 1 else "a loop of parents"
        problems.append(_problem(tables, first, column, f"{what}: {' → '.join(path)} "
                                 "(a parent chain must end at a row without parent)"))


def check_amounts(tables: Tables, problems: list[Problem]) -> None:
    """Check each 資料4 line: its printed amount, its kind and its program's kind agree."""
    budgets = tables["budgets"]
    unit = budgets[0]["unit_ja"] if budgets else "千円"
    programs = tables.by_id("programs")
    flagged = {(p.file, p.row) for p in problems if p.column.startswith("amount_")}
    for row in tables["sakigake_components"]:
        if (tables.path(row.table), row.line) not in flagged:  # a bad cell reads as empty
            problems.extend(_printed_amount(tables, row, unit))
        program = programs.get(row["program"])
        loan_program = program is not None and program["kind"] == "loan-program"
        if row["kind"] == "budget" and loan_program:
            problems.append(_problem(
                tables, row, "kind", f"a budget line of loan program {row['program']!r} "
                f"({tables.path('programs')} kind loan-program): a loan facility is never "
                "budget; write kind loan"))
        if row["kind"] == "loan" and program is not None and not loan_program:
            problems.append(_problem(
                tables, row, "kind", f"a loan line of program {row['program']!r}, whose kind in "
                f"{tables.path('programs')} is {program['kind']!r}, not loan-program"))
        marked = LOAN_MARK in (row.get("amount_printed") or "")
        if marked != (row["kind"] == "loan") and row.get("amount_printed"):
            problems.append(_problem(
                tables, row, "kind", f"kind {row['kind']!r} but the printed amount "
                f"{row['amount_printed']!r} {'is' if marked else 'is not'} marked {LOAN_MARK}"))


def _printed_amount(tables: Tables, row: Row, unit: str) -> list[Problem]:
    printed, kyen = row.get("amount_printed"), row.get("amount_kyen")
    if printed is None and kyen is None:
        return []
    if printed is None:
        return [_problem(tables, row, "amount_printed", "an amount needs its printed form")]
    if kyen is None:
        return [_problem(tables, row, "amount_kyen",
                         f"the printed amount {printed!r} needs amount_kyen")]
    m = PRINTED_AMOUNT_RE.search(unicodedata.normalize("NFKC", printed))
    if m is None or not AMOUNT_RE.match(m.group(1)) or m.group(2) != unit:
        return [_problem(tables, row, "amount_printed", f"the printed amount {printed!r} does not "
                         f"end with an amount in {unit} (e.g. 45,586{unit})")]
    if int(m.group(1).replace(",", "")) != kyen:
        return [_problem(tables, row, "amount_printed", f"the printed amount {printed!r} differs "
                         f"from amount_kyen {kyen:,}")]
    return []


def check_years(tables: Tables, problems: list[Problem]) -> None:
    """Check that plan periods run forward and the budget's year is in the basic policy's period."""
    for row in tables["plans"]:
        start, end = row.get("start_fy"), row.get("end_fy")
        if start and end and end < start:
            problems.append(_problem(tables, row, "end_fy",
                                     f"the period ends ({end}) before it starts ({start})"))
    policy = next((r for r in tables["plans"] if r["kind"] == "basic-policy"), None)
    if policy is None or not policy.get("start_fy") or not policy.get("end_fy"):
        return
    start, end = policy["start_fy"], policy["end_fy"]
    if end < start:
        return  # reported above: there is no period to hold the budget's year
    for row in tables["budgets"]:
        year = row.get("fiscal_year")
        if year and not start <= year <= end:
            problems.append(_problem(
                tables, row, "fiscal_year", f"fiscal year {year} is outside the period of the "
                f"basic policy, {start} to {end} ({policy.where})"))


def check_relations(tables: Tables, problems: list[Problem]) -> None:
    """Check that every curated relation is an object property of the ontology."""
    rows = [r for r in tables["curated_links"] if r.get("relation")]
    if not rows:
        return
    known = object_properties()
    for row in rows:
        relation = row["relation"]
        if not TERM_RE.match(relation):
            problems.append(_problem(tables, row, "relation", f"relation {relation!r} is not the "
                                     "name of a term (letters and digits, e.g. carriedOutBy)"))
        elif relation not in known:
            problems.append(_problem(tables, row, "relation", f"relation {relation!r} is not an "
                                     "object property of the ontology (ykg:…)"))
