"""Funding lines of programs (one per program and kind, from 資料4), their amounts, fiscal years."""
from __future__ import annotations

from decimal import Decimal

from pyoxigraph import Literal

from ..dataset import decimal, en, integer, ja
from ..tables import Row
from ..vocab import PROV, RDFS, SDO, XSD, Y
from .context import Context, reiwa


def funding_path(program: str, kind: str, year: int | None) -> str:
    """Return the local IRI path of a program's funding line (and its amount) of one year."""
    return f"{program}/fy{year}-{kind}"


def map_funding(ctx: Context, budget: Row | None,
                amounts: dict[tuple[str, str], tuple[Decimal, Row]]) -> None:
    """Add each program's funding line per kind with its amount, in the budget of budgets.csv."""
    if amounts and budget is None:
        ctx.missing("budgets", "no budget, which the amounts of sakigake_components.csv need")
        return
    g = ctx.graph
    for (program, kind), (kyen, row) in sorted(amounts.items()):
        year = budget["fiscal_year"]
        f = ctx.minter.id("funding", funding_path(program, kind, year))
        amount = ctx.minter.id("amount", funding_path(program, kind, year))
        g.note_origin(f, row.where)
        g.note_origin(amount, row.where)
        prog = ctx.iri("programs", program)
        g.add(prog, Y.hasFunding, f)
        g.typed(f, Y.FundingLine, Y.LoanFacility if kind == "loan" else Y.BudgetAllocation)
        g.add(f, Y.fundingOf, prog)
        g.add(f, Y.fiscalYear, ctx.fiscal_year(year))
        g.add(f, Y.amount, amount)
        g.add(f, Y.budgetBasis, ja(budget["basis_ja"]))
        g.add(f, Y.budgetBasis, en(budget["basis_en"]))
        fields = {"program": program, "year": year, "reiwa": reiwa(year),
                  "program_ja": ctx.tables.by_id("programs")[program]["label_ja"]}
        g.add(f, RDFS.label, ja(ctx.text(f"funding-{kind}", "ja", **fields)))
        g.add(f, RDFS.label, en(ctx.text(f"funding-{kind}", "en", **fields)))
        g.add(f, PROV.wasDerivedFrom, ctx.iri("sections", row["section"]))
        g.add(f, Y.sourceLines, Literal(row["lines"]))
        g.add(f, Y.printedAmount, Literal(row["amount_printed"]))
        map_amount(ctx, amount, kyen, budget, row)


def map_amount(ctx: Context, amount, stated: Decimal, budget: Row, row: Row) -> None:
    """Describe an amount as stated (in the budget's unit) and as a value in its currency."""
    g = ctx.graph
    value = stated * budget["unit_multiplier"]
    fields = {"kyen": stated, "value": value, "unit_ja": budget["unit_ja"],
              "currency": budget["currency"]}
    g.typed(amount, Y.MonetaryAmount, SDO.MonetaryAmount)
    g.add(amount, SDO.value, decimal(value))
    g.add(amount, SDO.currency, Literal(budget["currency"]))
    g.add(amount, Y.statedValue, decimal(stated))
    g.add(amount, Y.unitMultiplier, integer(budget["unit_multiplier"]))
    g.add(amount, Y.statedUnit, ja(budget["unit_ja"]))
    g.add(amount, RDFS.label, ja(ctx.text("amount", "ja", **fields)))
    g.add(amount, RDFS.label, en(ctx.text("amount", "en", **fields)))
    g.add(amount, PROV.wasDerivedFrom, ctx.iri("sections", row["section"]))


def map_fiscal_years(ctx: Context, budget: Row | None, funded: bool) -> None:
    """Describe every fiscal year a plan period or a funding line points to."""
    years = {r[c] for r in ctx.tables["plans"] for c in ("start_fy", "end_fy") if r.get(c)}
    if funded and budget is not None:
        years.add(budget["fiscal_year"])
    g = ctx.graph
    for year in sorted(years):
        fy = ctx.fiscal_year(year)
        fields = {"year": year, "next_year": year + 1, "reiwa": reiwa(year)}
        g.typed(fy, Y.FiscalYear)
        g.add(fy, RDFS.label, en(ctx.text("fiscal-year", "en", **fields)))
        g.add(fy, RDFS.label, ja(ctx.text("fiscal-year", "ja", **fields)))
        g.add(fy, Y.yearNumber, integer(year))
        g.add(fy, SDO.startDate, Literal(f"{year}-04-01", datatype=XSD.date))
        g.add(fy, SDO.endDate, Literal(f"{year + 1}-03-31", datatype=XSD.date))
