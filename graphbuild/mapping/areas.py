"""The areas, goals and measures of 資料2: listings of programs and what they imply."""
from __future__ import annotations

from ..dataset import boolean, en
from ..vocab import RDFS, Y
from .context import Context


def map_goal_listings(ctx: Context) -> None:
    """Label each listing; give its program the measure, goal and future area it serves."""
    g = ctx.graph
    measures = ctx.tables.by_id("measures")
    goals = ctx.tables.by_id("goals")
    areas = ctx.tables.by_id("policy_areas")
    for row in ctx.tables["goal_programs"]:
        listing = ctx.iri("goal_programs", row["id"])
        g.add(listing, Y.isRelisting, boolean(row["relisting"]))
        program_en = ctx.tables.by_id("programs")[row["program"]]["label_en"]
        g.add(listing, RDFS.label, en(ctx.text("goal-listing", "en", id=row["id"],
                                               program_en=program_en)))
        prog = ctx.iri("programs", row["program"])
        goal = goals[measures[row["measure"]]["goal"]]
        g.add(prog, Y.implementsMeasure, ctx.iri("measures", row["measure"]))
        g.add(prog, Y.servesGoal, ctx.iri("goals", goal["id"]))
        g.add(prog, Y.inFutureArea, ctx.iri("areas", areas[goal["policy_area"]]["area"]))
    for row in ctx.tables["goals"]:
        g.add(ctx.iri("goals", row["id"]), Y.inArea,
              ctx.iri("areas", areas[row["policy_area"]]["area"]))
