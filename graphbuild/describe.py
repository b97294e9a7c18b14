"""The VoID/DCAT description of the dataset, computed from what was built."""
from __future__ import annotations

from collections import Counter

from pyoxigraph import Literal, NamedNode

from ykg.foundation.constants import DESCRIPTION, GRAPHS, LICENSE, PREFIXES, VERSION
from ykg.foundation.rdf import curie, local_name

from .dataset import en, integer, ja
from .mapping import ENTITY_MAPS, Context
from .vocab import DCAT, DCT, PROV, RDF, VOID

# The vocabularies the description names, and the languages of the labels (ja, en translations).
VOCABULARIES = ("ykg", "org", "skos", "prov", "dcterms", "schema")
LANGUAGES = ("ja", "en")


def describe(ctx: Context) -> None:
    """Add the description: what dataset.csv says, then counts, sources and partitions."""
    g = ctx.graph
    content = [q for q in g.quads if q.graph_name != g.graph(DESCRIPTION)]
    d = g.minter.dataset
    for c in (DCAT.Dataset, VOID.Dataset):
        _add(ctx, d, RDF.type, c)
    row = ctx.single("dataset")
    if row is not None:
        for column, pred in (("title", DCT.title), ("description", DCT.description)):
            _add(ctx, d, pred, ja(row[f"{column}_ja"]))
            _add(ctx, d, pred, en(row[f"{column}_en"]))
    _add(ctx, d, DCT.license, NamedNode(LICENSE))
    for lang in LANGUAGES:
        _add(ctx, d, DCT.language, NamedNode(f"http://id.loc.gov/vocabulary/iso639-1/{lang}"))
    _add(ctx, d, DCAT.version, Literal(VERSION))
    _add(ctx, d, VOID.uriSpace, Literal(f"{g.minter.base}/id/"))
    for prefix in VOCABULARIES:
        _add(ctx, d, VOID.vocabulary, NamedNode(PREFIXES[prefix]))
    _counts(ctx, content)
    _sources(ctx, row)
    _partitions(ctx, content)


def _add(ctx: Context, s, p, o) -> None:
    ctx.graph.add(s, p, o, DESCRIPTION)


def _counts(ctx: Context, content: list) -> None:
    d = ctx.graph.minter.dataset
    triples = {q.triple for q in content}
    subjects = {t.subject for t in triples}
    _add(ctx, d, VOID.triples, integer(len(triples)))
    _add(ctx, d, VOID.entities, integer(len([s for s in subjects if "/id/" in s.value])))
    _add(ctx, d, VOID.distinctSubjects, integer(len(subjects)))
    _add(ctx, d, VOID.properties, integer(len({t.predicate for t in triples})))
    _add(ctx, d, VOID.classes,
         integer(len({t.object for t in triples if t.predicate == RDF.type})))


def _sources(ctx: Context, row) -> None:
    """Name the meetings and materials the data comes from and one example per example table."""
    d = ctx.graph.minter.dataset
    for m in ctx.tables["meetings"]:
        _add(ctx, d, PROV.wasDerivedFrom, ctx.iri("meetings", m["id"]))
    for m in ctx.tables["materials"]:
        _add(ctx, d, DCT.source, ctx.iri("materials", m["id"]))
    examples = row.get("example_tables") if row is not None else None
    for table in examples.split("|") if examples else ():
        if table not in ENTITY_MAPS:
            ctx.problem(row, "example_tables", f"{table!r} is not a table of entities")
        elif ctx.tables[table]:
            _add(ctx, d, VOID.exampleResource, ctx.iri(table, ctx.tables[table][0]["id"]))


def _partitions(ctx: Context, content: list) -> None:
    """Add one subset per named graph and one partition per class and per property."""
    g = ctx.graph
    d = g.minter.dataset
    for name in GRAPHS:
        n = sum(1 for q in content if q.graph_name == g.graph(name))
        if n:
            _add(ctx, d, VOID.subset, g.graph(name))
            _add(ctx, g.graph(name), RDF.type, VOID.Dataset)
            _add(ctx, g.graph(name), VOID.triples, integer(n))
    triples = {q.triple for q in content}
    types = Counter(t.object.value for t in triples if t.predicate == RDF.type)
    props = Counter(t.predicate.value for t in triples)
    for kind, counts, pred, count_pred in (("class", types, VOID["class"], VOID.entities),
                                           ("property", props, VOID.property, VOID.triples)):
        for iri, n in sorted(counts.items()):
            part = NamedNode(f"{d.value}/{kind}/{_partition_name(iri)}")
            _add(ctx, d, VOID.classPartition if kind == "class" else VOID.propertyPartition, part)
            _add(ctx, part, pred, NamedNode(iri))
            _add(ctx, part, count_pred, integer(n))


def _partition_name(iri: str) -> str:
    short = curie(iri, PREFIXES)
    return short.replace(":", "-", 1) if short != iri else local_name(iri)
