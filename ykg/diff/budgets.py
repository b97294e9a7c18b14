"""Budgets per program, Sakigake project and 部局, in 千円, budget allocations and loans apart."""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ykg.foundation.constants import PREFIXES, RDF_TYPE, YKG

from .entities import local_of

SCHEMA_VALUE = PREFIXES["schema"] + "value"
LOAN = YKG + "LoanFacility"
KINDS = ("program", "sakigake", "org")  # the kinds a budget row is about


def _index(quads) -> dict:
    """Return {subject: {predicate: [objects]}} of every statement (graphs merged)."""
    out: dict = defaultdict(lambda: defaultdict(list))
    for q in quads:
        objs = out[q.subject.value][q.predicate.value]
        if q.object not in objs:
            objs.append(q.object)
    return out


def _kyen(value) -> Decimal:
    return Decimal(value) / 1000


def budget_totals(quads, base: str) -> dict[tuple[str, str], dict[str, Decimal]]:
    """Return {(kind, id): {"budget_kyen": n, "loan_kyen": n}} for programs, projects and 部局.

    A program's totals are its funding lines' amounts; a project's, the amounts printed on its
    lines (sub-lines left out: their title line carries the amount); a 部局's, the totals of the
    programs it is responsible for.
    """
    s = _index(quads)
    totals: dict = defaultdict(lambda: {"budget_kyen": Decimal(0), "loan_kyen": Decimal(0)})
    for funding, props in s.items():
        for program in props.get(YKG + "fundingOf", ()):
            key = "loan_kyen" if any(t.value == LOAN for t in props.get(RDF_TYPE, ())) else "budget_kyen"
            for amount in props.get(YKG + "amount", ()):
                for v in s[amount.value].get(SCHEMA_VALUE, ()):
                    local = local_of(base, program.value)
                    totals[tuple(local.split("/", 1))][key] += _kyen(v.value)
                    for org in s[program.value].get(YKG + "responsibleOrganization", ()):
                        totals[tuple(local_of(base, org.value).split("/", 1))][key] += _kyen(v.value)
    for line, props in s.items():
        if YKG + "partOfListing" in props:
            continue
        for project in props.get(YKG + "listedIn", ()):
            if not any(t.value == YKG + "SakigakeProject" for t in s[project.value].get(RDF_TYPE, ())):
                continue
            loan = any(t.value == LOAN for f in props.get(YKG + "fundingLine", ())
                       for t in s[f.value].get(RDF_TYPE, ()))
            for v in props.get(YKG + "statedAmountKyen", ()):
                key = "loan_kyen" if loan else "budget_kyen"
                totals[tuple(local_of(base, project.value).split("/", 1))][key] += Decimal(v.value)
    return dict(totals)


def budget_deltas(old, new, base: str) -> list[tuple[str, str, str, Decimal, Decimal]]:
    """Return (kind, id, measure, old, new) of every total that differs, sorted."""
    a, b = budget_totals(old, base), budget_totals(new, base)
    zero = {"budget_kyen": Decimal(0), "loan_kyen": Decimal(0)}
    rows = []
    for key in sorted(set(a) | set(b)):
        for measure in ("budget_kyen", "loan_kyen"):
            x, y = a.get(key, zero)[measure], b.get(key, zero)[measure]
            if x != y:
                rows.append((key[0], key[1], measure, x, y))
    return rows
