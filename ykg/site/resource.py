"""One page and three RDF files per resource: doc/{local}.html|.ttl|.jsonld|.nt."""
from __future__ import annotations

import posixpath
import re
from collections import defaultdict

import pyoxigraph as ox

from ykg.foundation.constants import LICENSE, PREFIXES, RDF_TYPE, RDFS_LABEL, YKG
from ykg.foundation.templating import render

from .context import SiteContext, rdf_links
from .paths import doc_path
from .rdf_files import rdf_files

DERIVED_FROM = PREFIXES["prov"] + "wasDerivedFrom"
FOAF, DCT, VOID = PREFIXES["foaf"], PREFIXES["dcterms"], PREFIXES["void"]


def document_triples(site: SiteContext, iri: str, local: str) -> list[ox.Triple]:
    """Return what a resource's document says about itself: its topic, licence and dataset."""
    N = ox.NamedNode
    doc = N(f"{site.site_url}/{doc_path(local, '')}")
    return [ox.Triple(doc, N(RDF_TYPE), N(FOAF + "Document")),
            ox.Triple(doc, N(FOAF + "primaryTopic"), N(iri)),
            ox.Triple(doc, N(DCT + "license"), N(LICENSE)),
            ox.Triple(doc, N(VOID + "inDataset"), N(f"{site.base}/dataset/ykg"))]


RDF_EXTENSIONS = (".ttl", ".nt", ".jsonld", ".rdf")  # the files rdf_files makes


def write_resource(site: SiteContext, iri: str) -> None:
    """Write a resource's description (every triple it is subject or object of) and its page."""
    g = site.graph
    local = g.local[iri]
    triples = list(g.description(iri)) + document_triples(site, iri, local)
    path = doc_path(local)
    folder = posixpath.dirname(path)
    ja, en = g.label(iri)
    page = site.page_context(
        path, "resource.html", title=f"{ja or en or g.curie(iri)} | ykg",
        heading=ja or en or g.curie(iri), en=en if ja else "", iri=iri,
        classes=[site.link_html(folder, c) for c in sorted(set(g.types.get(iri, ())))],
        plan=plan_link(site, iri, path),
        formats=rdf_links(posixpath.basename(local)),
        source=source(site, iri, path), properties=properties(site, iri, path),
        curated=curated(site, iri, path), inverse=inverse(site, iri, path))
    # Over an earlier site, files made from the same triples and page context are linked, not made.
    cache = site.cache
    paths = [doc_path(local, ext) for ext in RDF_EXTENSIONS] + [path]
    fingerprint = cache.fingerprint(triples, page) if cache is not None else ""
    if cache is not None and cache.keep(site, local, fingerprint, paths):
        return
    files, document = rdf_files(triples, g.used_prefixes(triples), g.curie)
    for ext in RDF_EXTENSIONS:
        site.write(doc_path(local, ext), files[ext])
    site.write(path, render("site/resource.html", jsonld=document, **page))
    if cache is not None:
        cache.record(site, local, fingerprint, paths)


def plan_link(site: SiteContext, iri: str, path: str):
    """Return a link to the plan (set) the resource belongs to (ykg:inPlanSet), or None."""
    folder = posixpath.dirname(path)
    plan = site.graph.first(iri, YKG + "inPlanSet")
    return site.link_html(folder, plan.value) if isinstance(plan, ox.NamedNode) else None


def properties(site: SiteContext, iri: str, path: str) -> list[tuple]:
    """Return the HTML of (term, value, graph tags) of each statement about the resource."""
    folder = posixpath.dirname(path)
    g = site.graph
    order = {RDF_TYPE: 0, RDFS_LABEL: 1}
    triples = sorted(g.out.get(iri, ()), key=lambda t: (order.get(t.predicate.value, 2),
                                                        g.curie(t.predicate.value), str(t.object)))
    return [(site.term_html(folder, t.predicate.value), site.value_html(folder, t.object),
             site.tags_html(t)) for t in triples]


def inverse(site: SiteContext, iri: str, path: str) -> list[tuple]:
    """Return the HTML of (subject link, term, graph tags) of each statement naming the resource."""
    folder = posixpath.dirname(path)
    g = site.graph
    triples = sorted(g.inv.get(iri, ()), key=lambda t: (g.curie(t.predicate.value), t.subject.value))
    return [(site.link_html(folder, t.subject.value), site.term_html(folder, t.predicate.value),
             site.tags_html(t)) for t in triples]


def curated(site: SiteContext, iri: str, path: str) -> list[dict]:
    """Return the curated links (ykg:CuratedLink) whose subject or object is the resource."""
    folder = posixpath.dirname(path)
    g = site.graph
    rows = []
    for t in g.inv.get(iri, ()):
        if t.predicate.value not in (YKG + "linkSubject", YKG + "linkObject"):
            continue
        link = t.subject.value
        props = defaultdict(list)
        for lt in g.out.get(link, ()):
            props[lt.predicate.value].append(lt.object)
        forward = t.predicate.value == YKG + "linkSubject"
        other = YKG + ("linkObject" if forward else "linkSubject")
        basis = sorted(props.get(YKG + "basis", ()), key=lambda b: (b.language != "ja", b.value))
        rows.append({"iri": link, "arrow": "→" if forward else "←",
                     "relation": [site.term_html(folder, r.value)
                                  for r in props.get(YKG + "linkRelation", ())
                                  if isinstance(r, ox.NamedNode)],
                     "other": [site.value_html(folder, o) for o in props.get(other, ())],
                     "basis": [site.value_html(folder, b) for b in basis],
                     "href": site.href(path, link) or link, "curie": g.curie(link)})
    return sorted(rows, key=lambda r: r["iri"])


def source_span(site: SiteContext, iri: str) -> tuple[int, int] | None:
    """Return the first and last line of the source text the resource was read from."""
    lines = site.graph.first(iri, YKG + "sourceLines")
    if isinstance(lines, ox.Literal):
        m = re.match(r"^\s*(\d+)\s*(?:-\s*(\d+))?\s*$", lines.value)
        return (int(m.group(1)), int(m.group(2) or m.group(1))) if m else None
    first = site.graph.first(iri, YKG + "firstLine")
    last = site.graph.first(iri, YKG + "lastLine")
    if isinstance(first, ox.Literal) and isinstance(last, ox.Literal):
        return int(first.value), int(last.value)
    return None


def source(site: SiteContext, iri: str, path: str) -> dict | None:
    """Return where the resource comes from: its sections, its lines and the text printed there."""
    folder = posixpath.dirname(path)
    g = site.graph
    sections = sorted(t.object.value for t in g.out.get(iri, ()) if t.predicate.value == DERIVED_FROM
                      and isinstance(t.object, ox.NamedNode))
    span = source_span(site, iri)
    if not sections and span is None:
        return None
    listed = []
    for sec in sections:
        material = g.first(sec, YKG + "inMaterial")
        listed.append((site.link_html(folder, sec), site.link_html(folder, material.value, with_en=False)
                       if isinstance(material, ox.NamedNode) else None))
    quote = ""
    if span is not None:
        printed = g.first(iri, YKG + "printedText")
        ja, en = g.label(iri)
        quote = printed.value if isinstance(printed, ox.Literal) else (ja or en)
    lines = None if span is None else (
        str(span[0]) if span[0] == span[1] else f"{span[0]}–{span[1]}")
    return {"sections": listed, "lines": lines, "quote": quote}
