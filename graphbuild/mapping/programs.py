"""Programs (事業): their kinds and the printed variants of their names."""
from __future__ import annotations

import hashlib

from pyoxigraph import Literal

from ykg.foundation.constants import DOCUMENT

from ..dataset import en, ja
from ..tables import Row
from ..vocab import PROV, RDFS, SKOS, Y
from .context import Context

# The classes of each kind of program (programs.csv kind), besides ykg:Program.
PROGRAM_KIND_CLASSES = {"program": (), "sub-program": (Y.SubProgram,),
                        "activity": (Y.Activity,), "loan-program": (Y.LoanProgram,)}


def map_programs(ctx: Context) -> None:
    """Type programs by kind and add each printed variant of a name as a NameVariant."""
    g = ctx.graph
    for row in ctx.tables["programs"]:
        g.typed(ctx.iri("programs", row["id"]), *PROGRAM_KIND_CLASSES[row["kind"]])
    for row in sorted(ctx.tables["program_aliases"], key=lambda r: (r["program"], r["alias_ja"])):
        prog = ctx.iri("programs", row["program"])
        g.add(prog, SKOS.altLabel, ja(row["alias_ja"]))
        v = ctx.minter.id("name-variant", f"{row['program']}-{alias_key(row)}")
        g.note_origin(v, row.where)
        g.typed(v, Y.NameVariant)
        g.add(v, RDFS.label, ja(row["alias_ja"]))
        program_en = ctx.tables.by_id("programs")[row["program"]]["label_en"]
        g.add(v, RDFS.label, en(ctx.text("name-variant", "en", program_en=program_en)))
        g.add(v, Y.variantOf, prog)
        g.add(v, Y.reason, en(row["reason"]), DOCUMENT)
        g.add(v, PROV.wasDerivedFrom, ctx.iri("sections", row["section"]))
        g.add(v, Y.sourceLines, Literal(row["lines"]))


def alias_key(row: Row) -> str:
    """Return a stable ASCII key per alias text, so that reordering rows keeps the IRI."""
    return hashlib.sha1(row["alias_ja"].encode("utf-8")).hexdigest()[:10]
