"""The meeting, its agenda and materials, and the line ranges of materials and sections."""
from __future__ import annotations

from pyoxigraph import Literal

from ..dataset import integer
from ..vocab import DCT, SDO, XSD, Y
from .context import Context


def map_meetings(ctx: Context) -> None:
    """Date the meetings and give each its agenda items and every material."""
    g = ctx.graph
    for row in ctx.tables["meetings"]:
        s = ctx.iri("meetings", row["id"])
        g.add(s, SDO.startDate, Literal(row["date"], datatype=XSD.date))
        if row.get("start_time"):
            g.add(s, Y.startTime, Literal(row["start_time"] + ":00", datatype=XSD.time))
        for m in ctx.tables["materials"]:
            g.add(s, Y.hasMaterial, ctx.iri("materials", m["id"]))
            g.add(ctx.iri("materials", m["id"]), Y.presentedAt, s)
    for row in ctx.tables["agenda_items"]:
        g.add(ctx.iri("meetings", row["meeting"]), Y.hasAgendaItem,
              ctx.iri("agenda_items", row["id"]))


def map_sections(ctx: Context) -> None:
    """Put top sections in their material and give sections and materials their line ranges."""
    g = ctx.graph
    for row in ctx.tables["sections"]:
        s = ctx.iri("sections", row["id"])
        if not row.get("parent"):
            g.add(s, DCT.isPartOf, ctx.iri("materials", row["material"]))
        _line_range(ctx, s, row["lines"])
    for row in ctx.tables["materials"]:
        _line_range(ctx, ctx.iri("materials", row["id"]), row["lines"])


def _line_range(ctx: Context, s, lines: str) -> None:
    lo, _, hi = lines.partition("-")
    ctx.graph.add(s, Y.firstLine, integer(int(lo)))
    ctx.graph.add(s, Y.lastLine, integer(int(hi or lo)))
