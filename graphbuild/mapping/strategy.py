"""The revision of the comprehensive strategy (資料5) as a PROV activity, and what it changed."""
from __future__ import annotations

from ..dataset import en, ja
from ..vocab import PROV, RDFS, Y
from .context import Context

# Tables whose change column marks what the revision changed.
CHANGED_TABLES = ("strategy_measures", "strategy_actions")


def map_revision(ctx: Context) -> None:
    """Add the revision of revisions.csv: the plan it used, the plan it generated, its changes."""
    row = ctx.single("revisions")
    if row is None:
        return
    g = ctx.graph
    old, new = ctx.iri("plans", row["revises"]), ctx.iri("plans", row["result"])
    rev = ctx.minter.id("revision", row["id"])
    g.note_origin(rev, row.where)
    g.typed(rev, Y.StrategyRevision, PROV.Activity)
    g.add(rev, RDFS.label, ja(row["label_ja"]))
    g.add(rev, RDFS.label, en(row["label_en"]))
    g.add(rev, PROV.used, old)
    g.add(rev, PROV.generated, new)
    g.add(new, PROV.wasRevisionOf, old)
    g.add(new, PROV.wasGeneratedBy, rev)
    if row.get("section"):
        g.add(rev, PROV.wasDerivedFrom, ctx.iri("sections", row["section"]))
    for table in CHANGED_TABLES:
        for changed in ctx.tables[table]:
            if changed.get("change"):
                g.add(ctx.iri(table, changed["id"]), PROV.wasGeneratedBy, rev)
                g.add(rev, Y.changed, ctx.iri(table, changed["id"]))
    for goal in ctx.tables["strategy_goals"]:
        g.add(new, Y.hasBasicGoal, ctx.iri("strategy_goals", goal["id"]))
