"""Curated cross-links (curated_links.csv): each as a fact and as a CuratedLink with its basis."""
from __future__ import annotations

from ykg.foundation.constants import CURATED

from ..dataset import en, ja
from ..vocab import RDFS, SKOS, Y
from .context import Context


def map_curated_links(ctx: Context) -> None:
    """Add every curated link to the curated graph, labelled with the names of both ends."""
    g = ctx.graph
    for row in ctx.tables["curated_links"]:
        stable, sid = row["subject"].split(":")
        otable, oid = row["object"].split(":")
        s, o = ctx.iri(stable, sid), ctx.iri(otable, oid)
        pred = Y[row["relation"]]
        g.add(s, pred, o, CURATED)
        link = ctx.minter.id("link", row["id"])
        g.note_origin(link, row.where)
        for triple in ((link, Y.linkSubject, s), (link, Y.linkRelation, pred),
                       (link, Y.linkObject, o), (link, Y.basis, ja(row["basis_ja"]))):
            g.add(*triple, CURATED)
        for lang, make in (("ja", ja), ("en", en)):
            text = ctx.text("curated-link", lang, relation=row["relation"],
                            subject=ctx.row_label(stable, sid, lang),
                            object=ctx.row_label(otable, oid, lang))
            g.add(link, RDFS.label, make(text), CURATED)
        g.typed(link, Y.CuratedLink, graph=CURATED)
        if row.get("basis_en"):
            g.add(link, Y.basis, en(row["basis_en"]), CURATED)
        if row.get("note"):
            g.add(link, SKOS.editorialNote, en(row["note"]), CURATED)
