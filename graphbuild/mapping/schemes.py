"""SKOS concept schemes: their names, their top concepts and the concepts of concepts.csv."""
from __future__ import annotations

from ..dataset import en, ja
from ..tables import SPECS
from ..vocab import PROV, RDFS, SKOS
from .context import Context
from .entities import ENTITY_MAPS


# The roles that posts hold (本部長, 副本部長, 本部員) are the concepts of this scheme.
ROLES_SCHEME = "roles"


def used_schemes(ctx: Context) -> set[str]:
    """Return the schemes of the concept tables and concept columns that hold rows."""
    used = {em.concept_scheme for table, em in ENTITY_MAPS.items()
            if em.concept_scheme and ctx.tables[table]}
    used |= {col.arg for name, spec in SPECS.items() for col in spec.columns
             if col.kind == "concept" and ctx.tables[name]}
    if ctx.tables["posts"]:
        used.add(ROLES_SCHEME)
    return used


def _name(ctx: Context, s, row) -> None:
    """Label a scheme or concept in ja and en and say where it is printed."""
    for pred in (SKOS.prefLabel, RDFS.label):
        ctx.graph.add(s, pred, ja(row["label_ja"]))
        ctx.graph.add(s, pred, en(row["label_en"]))
    if row.get("section"):
        ctx.graph.add(s, PROV.wasDerivedFrom, ctx.iri("sections", row["section"]))


def map_schemes(ctx: Context) -> None:
    """Describe every scheme in use, its top concepts and the concepts of concepts.csv."""
    g = ctx.graph
    used = used_schemes(ctx)
    schemes = ctx.tables.by_id("schemes")
    for sid in sorted(used):
        if sid not in schemes:
            ctx.missing("schemes", f"no scheme {sid!r}, which the build uses")
            continue
        g.typed(ctx.scheme(sid), SKOS.ConceptScheme)
        _name(ctx, ctx.scheme(sid), schemes[sid])
    for table, em in ENTITY_MAPS.items():
        if em.concept_scheme and em.top_concepts:
            for row in ctx.tables[table]:
                g.add(ctx.iri(table, row["id"]), SKOS.topConceptOf, ctx.scheme(em.concept_scheme))
                g.add(ctx.scheme(em.concept_scheme), SKOS.hasTopConcept, ctx.iri(table, row["id"]))
    for row in ctx.tables["concepts"]:
        if row["scheme"] not in used:
            continue
        c, scheme = ctx.concept(row["scheme"], row["id"]), ctx.scheme(row["scheme"])
        g.typed(c, SKOS.Concept)
        _name(ctx, c, row)
        g.add(c, SKOS.inScheme, scheme)
        g.add(c, SKOS.topConceptOf, scheme)
        g.add(scheme, SKOS.hasTopConcept, c)
