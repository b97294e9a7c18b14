"""The lines of the Sakigake projects (資料4): their checks, labels, programs and stated amounts."""
from __future__ import annotations

from decimal import Decimal

from ..dataset import boolean, decimal, en
from ..tables import Row
from ..vocab import RDFS, Y
from .context import Context
from .funding import funding_path

FUNDED_KINDS = ("budget", "loan")

Amounts = dict[tuple[str, str], tuple[Decimal, Row]]


def check_listings(ctx: Context) -> None:
    """Check the rules of 資料4 lines that a single cell cannot show."""
    rows = ctx.tables["sakigake_components"]
    originals = {r["program"] for r in rows if not r["relisting"]}
    for row in rows:
        kind, amount = row["kind"], row.get("amount_kyen")
        if kind in FUNDED_KINDS and not row.get("department"):
            ctx.problem(row, "department", f"a {kind} line needs a department")
        if kind in FUNDED_KINDS and amount is None:
            ctx.problem(row, "amount_kyen", f"a {kind} line needs an amount")
        if kind in ("sub-line", "unbudgeted") and amount is not None:
            ctx.problem(row, "amount_kyen", f"a {kind} line has no amount of its own")
        if kind == "sub-line" and not row.get("parent"):
            ctx.problem(row, "parent", "a sub-line needs the id of the line it belongs to")
        if row["relisting"] and row["program"] not in originals:
            ctx.problem(row, "relisting", "a 再掲 line whose program is listed nowhere "
                        "without 再掲")


def funding_kind(row: Row) -> str:
    """Return the kind of funding line a 資料4 line's amount belongs to: loan or budget."""
    return "loan" if row["kind"] == "loan" else "budget"


def map_listings(ctx: Context, year: int | None) -> Amounts:
    """Label each line and link it to its project and program; return one amount per funding line.

    When a program's amount is printed on several lines the original (not 再掲) line is kept;
    amounts that differ are a problem.
    """
    g = ctx.graph
    amounts: Amounts = {}
    for row in ctx.tables["sakigake_components"]:
        listing = ctx.iri("sakigake_components", row["id"])
        g.add(listing, Y.isRelisting, boolean(row["relisting"]))
        program_en = ctx.tables.by_id("programs")[row["program"]]["label_en"]
        g.add(listing, RDFS.label, en(ctx.text("sakigake-listing", "en", id=row["id"],
                                               project_no=int(row["project"]),
                                               program_en=program_en)))
        project = ctx.iri("sakigake_projects", row["project"])
        g.add(project, Y.hasListing, listing)
        if row["kind"] in ("budget", "loan", "unbudgeted") and not row.get("parent"):
            g.add(project, Y.hasComponentProgram, ctx.iri("programs", row["program"]))
        if row.get("amount_kyen") is None:
            continue
        key = (row["program"], funding_kind(row))
        if key in amounts and amounts[key][0] != row["amount_kyen"]:
            first = amounts[key][1]
            ctx.problem(row, "amount_kyen", f"amount {row['amount_kyen']} differs from "
                        f"{first['amount_kyen']} on row {first.line} for the same program")
        if key not in amounts or (amounts[key][1]["relisting"] and not row["relisting"]):
            amounts[key] = (row["amount_kyen"], row)
        g.add(listing, Y.fundingLine, ctx.minter.id("funding", funding_path(*key, year)))
        g.add(listing, Y.statedAmountKyen, decimal(row["amount_kyen"]))
    return amounts
