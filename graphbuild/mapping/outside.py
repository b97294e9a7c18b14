"""Links to outside datasets (outside_links.csv): each as a fact and as a CuratedLink with its basis.

Only identities a row can cite: the table names the source of every identifier, and the build
refuses an object that is not an absolute http(s) IRI (or, for an identifier, a plain code).
"""
from __future__ import annotations

import re

from pyoxigraph import Literal, NamedNode

from ykg.foundation.constants import CURATED

from ..dataset import en, ja
from ..vocab import DCT, ORG, OWL, RDFS, SKOS, Y
from .context import Context

RELATIONS = {"sameAs": OWL.sameAs, "exactMatch": SKOS.exactMatch, "closeMatch": SKOS.closeMatch,
             "spatial": DCT.spatial, "identifier": ORG.identifier}
IRI_RE = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
CODE_RE = re.compile(r"^[0-9A-Za-z-]+$")
SOURCE_IRI_RE = re.compile(r"https?://[^\s<>\"{}|\\^`();]+")


def map_outside_links(ctx: Context) -> None:
    """Add every outside link to the curated graph, with its basis and its sources."""
    g = ctx.graph
    for row in ctx.tables["outside_links"]:
        table, rid = row["subject"].split(":")
        obj = _object(ctx, row)
        if obj is None:
            continue
        s, pred = ctx.iri(table, rid), RELATIONS[row["relation"]]
        g.add(s, pred, obj, CURATED)
        link = ctx.minter.id("link", row["id"])
        g.note_origin(link, row.where)
        g.typed(link, Y.CuratedLink, graph=CURATED)
        for triple in ((link, Y.linkSubject, s), (link, Y.linkRelation, pred),
                       (link, Y.basis, ja(row["basis_ja"])), (link, Y.basis, en(row["basis_en"])),
                       (link, DCT.source, Literal(row["source"]))):
            g.add(*triple, CURATED)
        if isinstance(obj, NamedNode):
            g.add(link, Y.linkObject, obj, CURATED)
        for iri in SOURCE_IRI_RE.findall(row["source"]):
            g.add(link, RDFS.seeAlso, NamedNode(iri.rstrip(".,")), CURATED)
        for lang, make in (("ja", ja), ("en", en)):
            text = ctx.text("curated-link", lang, relation=row["relation"],
                            subject=ctx.row_label(table, rid, lang), object=row["object"])
            g.add(link, RDFS.label, make(text), CURATED)
        if row.get("note"):
            g.add(link, SKOS.editorialNote, en(row["note"]), CURATED)


def _object(ctx: Context, row):
    """Return the link's object: an IRI, or a plain code for an identifier; None when malformed."""
    value = row["object"]
    if row["relation"] == "identifier":
        if CODE_RE.match(value):
            return Literal(value)
        ctx.problem(row, "object", f"an identifier is a plain code ([0-9A-Za-z-]), got {value!r}")
        return None
    if IRI_RE.match(value):
        return NamedNode(value)
    ctx.problem(row, "object", f"expected an absolute http(s) IRI, got {value!r}")
    return None
