"""The basic policy (資料1): its periods, its parts, and the chains of its basic stances."""
from __future__ import annotations

from ..tables import Row
from ..vocab import Y
from .context import Context

# What the plan of kind basic-policy holds: every row of these tables.
BASIC_POLICY_PARTS = (("stances", Y.hasBasicStance), ("pillars", Y.hasPillar),
                      ("areas", Y.hasFutureArea), ("sakigake_projects", Y.hasSakigakeProject))


def map_plans(ctx: Context) -> None:
    """Give plans their fiscal years and the basic policy its stances, pillars, areas, projects."""
    g = ctx.graph
    for row in ctx.tables["plans"]:
        s = ctx.iri("plans", row["id"])
        if row.get("start_fy"):
            g.add(s, Y.startFiscalYear, ctx.fiscal_year(row["start_fy"]))
        if row.get("end_fy"):
            g.add(s, Y.endFiscalYear, ctx.fiscal_year(row["end_fy"]))
    policies = [r for r in ctx.tables["plans"] if r["kind"] == "basic-policy"]
    for extra in policies[1:]:
        ctx.problem(extra, "kind", f"a second basic-policy plan (the first is on row "
                    f"{policies[0].line}): there is one basic policy")
    if not policies:
        return
    policy = ctx.iri("plans", policies[0]["id"])
    for table, pred in BASIC_POLICY_PARTS:
        for row in ctx.tables[table]:
            g.add(policy, pred, ctx.iri(table, row["id"]))


def map_stance_chains(ctx: Context) -> None:
    """Link each item of a stance's chain to the items of the next step."""
    by_stance: dict[str, dict[int, list[Row]]] = {}
    for row in ctx.tables["stance_steps"]:
        by_stance.setdefault(row["stance"], {}).setdefault(row["step"], []).append(row)
    for steps in by_stance.values():
        for step, items in steps.items():
            for item in items:
                for nxt in steps.get(step + 1, []):
                    ctx.graph.add(ctx.iri("stance_steps", item["id"]), Y.leadsTo,
                                  ctx.iri("stance_steps", nxt["id"]))
