"""Map every row of every entity table by its EntityMap: type, labels, values and source."""
from __future__ import annotations

import functools

from pyoxigraph import Literal, NamedNode

from ykg.foundation.constants import DOCUMENT

from ..dataset import en, integer, ja
from ..tables import SPECS, Row
from ..vocab import PROV, RDFS, SKOS, Y
from .context import Context
from .entities import ENTITY_MAPS, EntityMap

PRINTED_COLUMNS = ("printed_ja", "printed_title_ja", "printed_holder_ja")


def map_rows(ctx: Context) -> None:
    """Map the rows of every table that has an EntityMap, table by table."""
    for table in ENTITY_MAPS:
        for row in ctx.tables[table]:
            map_row(ctx, table, row)


def map_row(ctx: Context, table: str, row: Row) -> NamedNode:
    """Add the entity of one row and return its IRI."""
    em = ENTITY_MAPS[table]
    s = ctx.iri(table, row["id"])
    ctx.graph.note_origin(s, row.where)
    ctx.graph.typed(s, *em.types)
    _labels(ctx, s, em, row)
    _values(ctx, s, table, em, row)
    _source(ctx, s, row)
    return s


def _labels(ctx: Context, s: NamedNode, em: EntityMap, row: Row) -> None:
    g = ctx.graph
    for column, make in ((em.label, ja), (em.label_en, en)):
        if column and row.get(column):
            g.add(s, RDFS.label, make(row[column]))
            if em.concept_scheme:
                g.add(s, SKOS.prefLabel, make(row[column]))
    if em.concept_scheme:
        g.add(s, SKOS.inScheme, ctx.scheme(em.concept_scheme))


def _values(ctx: Context, s: NamedNode, table: str, em: EntityMap, row: Row) -> None:
    g = ctx.graph
    for col, pred in em.texts.items():
        if row.get(col):
            g.add(s, pred, en(row[col]) if col.endswith("_en") else ja(row[col]))
    for col, (pred, target) in em.refs.items():
        value = row.get(col)
        for rid in value if isinstance(value, tuple) else (value,):
            if rid:
                g.add(s, pred, ctx.iri(target, rid))
    if em.concepts:
        schemes = _concept_schemes(table)
        for col, pred in em.concepts.items():
            if row.get(col):
                g.add(s, pred, ctx.concept(schemes[col], row[col]))
    for col, pred in em.ints.items():
        if row.get(col) not in (None, ""):
            g.add(s, pred, integer(row[col]))
    for col, pred in em.plain.items():
        if row.get(col):
            g.add(s, pred, Literal(row[col]))


@functools.lru_cache(maxsize=None)
def _concept_schemes(table: str) -> dict[str, str]:
    """Return the scheme of each concept column of a table."""
    return {c.name: c.arg for c in SPECS[table].columns if c.kind == "concept"}


def _source(ctx: Context, s: NamedNode, row: Row) -> None:
    """Add the printed and corrected texts and where in the document the row stands."""
    g = ctx.graph
    for col in PRINTED_COLUMNS:
        if row.get(col):
            g.add(s, Y.printedText, ja(row[col]))
    if row.get("corrected_ja"):
        g.add(s, Y.correctedText, ja(row["corrected_ja"]))
        g.add(s, SKOS.hiddenLabel, ja(row["corrected_ja"]))
    if row.get("section"):
        g.add(s, PROV.wasDerivedFrom, ctx.iri("sections", row["section"]))
    if row.get("lines"):
        g.add(s, Y.sourceLines, Literal(row["lines"]))
    if row.get("note"):
        # The curators' reading of the print belongs with the facts it qualifies.
        g.add(s, SKOS.editorialNote, en(row["note"]), DOCUMENT)
