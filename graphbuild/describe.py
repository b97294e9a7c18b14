"""The VoID/DCAT description of the dataset (DCAT-AP 3.0.1), computed from what was built.

What the description says about the dataset itself (titles, keywords, themes, publisher, period,
area, dates) comes from data/dataset.csv; counts, sources and partitions from the build.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import repeat

from pyoxigraph import Literal, NamedNode

from ykg.foundation.constants import (DESCRIPTION, GRAPHS, LICENSE, PREFIXES, RDF_TYPE, VERSION,
                                      XSD)
from ykg.foundation.rdf import curie, local_name

from .dataset import en, integer, ja
from .mapping import ENTITY_MAPS, Context
from .serialize import union_lines
from .vocab import DCAT, DCT, FOAF, PROV, RDF, RDFS, SKOS, VOID

# The vocabularies the description names, and the languages of the labels (ja, en translations).
VOCABULARIES = ("ykg", "org", "skos", "prov", "dcterms", "schema")
# The EU Publications Office authority tables that DCAT-AP prescribes for these properties.
AUTHORITY = "http://publications.europa.eu/resource/authority/"
LANGUAGES = {"ja": AUTHORITY + "language/JPN", "en": AUTHORITY + "language/ENG"}
THEMES = AUTHORITY + "data-theme"
# ADMS types (DCAT-AP dct:type of agents and licences) with the labels ADMS gives them.
ADMS = "http://purl.org/adms/"
PUBLISHER_TYPE = (ADMS + "publishertype/RegionalAuthority", "Regional authority")
LICENCE_TYPE = (ADMS + "licencetype/Attribution", "Attribution")


@dataclass
class Summary:
    """What the description counts in the content (every graph but the description's own)."""

    triples: int
    subjects: int
    entities: int
    per_graph: Counter    # graph IRI -> statements
    types: Counter        # class IRI -> distinct rdf:type statements
    props: Counter        # property IRI -> distinct statements
    ntriples: list[bytes]  # the content's distinct statements, sorted (UTF-8 "S P O" N-Triples)


RDF_TYPE_TERM = f"<{RDF_TYPE}>".encode()


def summarize(graphs: dict[str, list[bytes]], description_graph: str) -> Summary:
    """Count the content from each graph's sorted statement lines (UTF-8 "S P O" N-Triples).

    graphs maps the N-Triples text of each graph IRI to its lines; description_graph is the
    IRI of the description's own graph, which is not counted.
    """
    skip = f"<{description_graph}>"
    content = {g: lines for g, lines in graphs.items() if g != skip and lines}
    per_graph = Counter({g[1:-1]: len(lines) for g, lines in content.items()})
    union = union_lines(content.values())
    props: Counter = Counter()
    types: Counter = Counter()
    # The lines of a subject are neighbours (they share the prefix "<s> "): count the changes.
    n_subjects = n_entities = 0
    last = None
    for s, p, o in map(bytes.split, union, repeat(b" "), repeat(2)):
        if s != last:
            last = s
            n_subjects += 1
            if b"/id/" in s:
                n_entities += 1
        props[p] += 1
        if p == RDF_TYPE_TERM:
            types[o] += 1
    props = Counter({p.decode("utf-8")[1:-1]: n for p, n in props.items()})
    types = Counter({o.decode("utf-8")[1:-1]: n for o, n in types.items()})
    return Summary(len(union), n_subjects, n_entities, per_graph, types, props, union)


def describe(ctx: Context, plans: list[Context], summary: Summary) -> None:
    """Add the description: what dataset.csv (of ctx's plan) says, counts, sources, partitions."""
    g = ctx.graph
    d = g.minter.dataset
    for c in (DCAT.Dataset, VOID.Dataset):
        _add(ctx, d, RDF.type, c)
    row = ctx.single("dataset")
    if row is not None:
        _about(ctx, d, row)
    _add(ctx, d, DCT.license, NamedNode(LICENSE))
    _add(ctx, NamedNode(LICENSE), RDF.type, DCT.LicenseDocument)
    _type_concept(ctx, NamedNode(LICENSE), LICENCE_TYPE)
    for iri in LANGUAGES.values():
        _add(ctx, d, DCT.language, NamedNode(iri))
        _add(ctx, NamedNode(iri), RDF.type, DCT.LinguisticSystem)
    _add(ctx, d, DCAT.version, Literal(VERSION))
    _add(ctx, d, VOID.uriSpace, Literal(f"{g.minter.base}/id/"))
    for prefix in VOCABULARIES:
        _add(ctx, d, VOID.vocabulary, NamedNode(PREFIXES[prefix]))
    _counts(ctx, summary)
    for plan in plans:
        _sources(plan, row if plan is ctx else None)
    _partitions(ctx, summary)


def _about(ctx: Context, d: NamedNode, row) -> None:
    """Add titles, keywords, themes, agents, period, area and dates from the dataset row."""
    for column, pred in (("title", DCT.title), ("description", DCT.description)):
        _add(ctx, d, pred, ja(row[f"{column}_ja"]))
        _add(ctx, d, pred, en(row[f"{column}_en"]))
    for lang, make in (("ja", ja), ("en", en)):
        for word in _split(row.get(f"keywords_{lang}")):
            _add(ctx, d, DCAT.keyword, make(word))
    _themes(ctx, d, row)
    _agents(ctx, d, row)
    for column, pred in (("issued", DCT.issued), ("modified", DCT.modified)):
        _add(ctx, d, pred, Literal(row[column], datatype=NamedNode(XSD + "date")))
    if row.get("spatial"):
        area = NamedNode(row["spatial"])
        _add(ctx, d, DCT.spatial, area)
        _add(ctx, area, RDF.type, DCT.Location)
    if row.get("temporal_plan"):
        _temporal(ctx, d, ctx.tables.by_id("plans").get(row["temporal_plan"]))


def _themes(ctx: Context, d: NamedNode, row) -> None:
    """Add the themes: concepts of the EU data-theme table with the labels the row gives."""
    codes, labels = _split(row.get("themes")), _split(row.get("theme_labels_en"))
    if len(codes) != len(labels):
        ctx.problem(row, "theme_labels_en", "give one English label per theme code")
        return
    scheme = NamedNode(THEMES)
    for code, label in zip(codes, labels):
        theme = NamedNode(f"{THEMES}/{code}")
        _add(ctx, d, DCAT.theme, theme)
        _add(ctx, theme, RDF.type, SKOS.Concept)
        _add(ctx, theme, SKOS.prefLabel, en(label))
        _add(ctx, theme, SKOS.inScheme, scheme)
    if codes:
        _add(ctx, scheme, RDF.type, SKOS.ConceptScheme)
        for lang, make in (("ja", ja), ("en", en)):
            if row.get(f"theme_scheme_{lang}"):
                _add(ctx, scheme, DCT.title, make(row[f"theme_scheme_{lang}"]))
                _add(ctx, scheme, RDFS.label, make(row[f"theme_scheme_{lang}"]))


def _agents(ctx: Context, d: NamedNode, row) -> None:
    """Add the publisher (an organization of the graph) and the maintainer, both foaf:Agents."""
    org = ctx.tables.by_id("departments").get(row["publisher"])
    if org is not None:
        publisher = ctx.iri("departments", org["id"])
        _add(ctx, d, DCT.publisher, publisher)
        _agent(ctx, publisher, org["label_ja"], org["label_en"])
        _type_concept(ctx, publisher, PUBLISHER_TYPE)
    maintainer = maintainer_iri(ctx.graph.minter.base)
    _add(ctx, d, DCT.creator, maintainer)
    _agent(ctx, maintainer, row["maintainer_ja"], row["maintainer_en"])


def maintainer_iri(base: str) -> NamedNode:
    """Return the IRI of who makes and maintains the graph (resolves to the dataset page)."""
    return NamedNode(f"{base}/dataset/ykg/maintainer")


def _agent(ctx: Context, agent: NamedNode, name_ja: str, name_en: str) -> None:
    _add(ctx, agent, RDF.type, FOAF.Agent)
    _add(ctx, agent, FOAF.name, ja(name_ja))
    _add(ctx, agent, FOAF.name, en(name_en))


def _type_concept(ctx: Context, node: NamedNode, concept: tuple[str, str]) -> None:
    iri = NamedNode(concept[0])
    _add(ctx, node, DCT.type, iri)
    _add(ctx, iri, RDF.type, SKOS.Concept)
    _add(ctx, iri, SKOS.prefLabel, en(concept[1]))


def _temporal(ctx: Context, d: NamedNode, plan) -> None:
    """Add the period of a plan: April 1 of its first fiscal year to March 31 after its last."""
    if plan is None or not plan.get("start_fy") or not plan.get("end_fy"):
        ctx.missing("dataset", "temporal_plan names no plan with start_fy and end_fy")
        return
    period = NamedNode(f"{d.value}/temporal")
    _add(ctx, d, DCT.temporal, period)
    _add(ctx, period, RDF.type, DCT.PeriodOfTime)
    date = NamedNode(XSD + "date")
    _add(ctx, period, DCAT.startDate, Literal(f"{int(plan['start_fy']):04d}-04-01", datatype=date))
    _add(ctx, period, DCAT.endDate, Literal(f"{int(plan['end_fy']) + 1:04d}-03-31", datatype=date))


def _split(cell) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def _add(ctx: Context, s, p, o) -> None:
    ctx.graph.add(s, p, o, DESCRIPTION)


def _counts(ctx: Context, summary: Summary) -> None:
    d = ctx.graph.minter.dataset
    _add(ctx, d, VOID.triples, integer(summary.triples))
    _add(ctx, d, VOID.entities, integer(summary.entities))
    _add(ctx, d, VOID.distinctSubjects, integer(summary.subjects))
    _add(ctx, d, VOID.properties, integer(len(summary.props)))
    _add(ctx, d, VOID.classes, integer(len(summary.types)))


def _sources(ctx: Context, row) -> None:
    """Name the meetings and materials the data comes from and one example per example table."""
    d = ctx.graph.minter.dataset
    for m in ctx.tables["meetings"]:
        _add(ctx, d, PROV.wasDerivedFrom, ctx.iri("meetings", m["id"]))
    # prov:wasDerivedFrom, not dct:source: DCAT-AP reserves dct:source for catalogue records.
    for m in ctx.tables["materials"]:
        _add(ctx, d, PROV.wasDerivedFrom, ctx.iri("materials", m["id"]))
    examples = row.get("example_tables") if row is not None else None
    for table in examples.split("|") if examples else ():
        if table not in ENTITY_MAPS:
            ctx.problem(row, "example_tables", f"{table!r} is not a table of entities")
        elif ctx.tables[table]:
            _add(ctx, d, VOID.exampleResource, ctx.iri(table, ctx.tables[table][0]["id"]))


def _partitions(ctx: Context, summary: Summary) -> None:
    """Add one subset per named graph and one partition per class and per property."""
    g = ctx.graph
    d = g.minter.dataset
    for name in GRAPHS:
        n = summary.per_graph.get(g.graph(name).value, 0)
        if n:
            _add(ctx, d, VOID.subset, g.graph(name))
            _add(ctx, g.graph(name), RDF.type, VOID.Dataset)
            _add(ctx, g.graph(name), VOID.triples, integer(n))
    for kind, counts, pred, count_pred in (("class", summary.types, VOID["class"], VOID.entities),
                                           ("property", summary.props, VOID.property,
                                            VOID.triples)):
        for iri, n in sorted(counts.items()):
            part = NamedNode(f"{d.value}/{kind}/{_partition_name(iri)}")
            _add(ctx, d, VOID.classPartition if kind == "class" else VOID.propertyPartition, part)
            _add(ctx, part, pred, NamedNode(iri))
            _add(ctx, part, count_pred, integer(n))


def _partition_name(iri: str) -> str:
    short = curie(iri, PREFIXES)
    return short.replace(":", "-", 1) if short != iri else local_name(iri)
