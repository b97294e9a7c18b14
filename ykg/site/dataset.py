"""The dataset description: dataset.html|.ttl|.jsonld|.nt (VoID + DCAT 3 with the dumps).

graphbuild's description (triples, partitions, example resources, license) plus the catalogue and
the distributions with media types, byte sizes and SHA-256 checksums of the dumps as written.
The description files are not distributions themselves: a file cannot state its own size.
"""
from __future__ import annotations

from collections import defaultdict

from pyoxigraph import Literal, NamedNode, Triple

from ykg.foundation.constants import DESCRIPTION, EXTRA_PREFIXES, LICENSE, PREFIXES, RDF_TYPE, XSD
from ykg.foundation.rdf import BY_KEY, sorted_ntriples

from .context import GRAPH_NAMES, SiteContext, rdf_links
from .dumps import DISTRIBUTIONS, Dumps
from .graph import triple_key
from .paths import dataset_anchor
from .rdf_files import jsonld_bytes, jsonld_document, to_rdfxml, to_turtle

DCT, DCAT, VOID, FOAF = PREFIXES["dcterms"], PREFIXES["dcat"], PREFIXES["void"], PREFIXES["foaf"]
RDFS, SKOS = PREFIXES["rdfs"], PREFIXES["skos"]
SPDX, IANA = EXTRA_PREFIXES["spdx"], EXTRA_PREFIXES["iana"]
FEATURES = ("Turtle", "N_Triples", "JSON_LD", "TriG")
AUTHORITY = "http://publications.europa.eu/resource/authority/"
STABLE = AUTHORITY + "planned-availability/STABLE"
SPARQL_PROTOCOL = "https://www.w3.org/TR/sparql11-protocol/"
# What the catalogue says about itself (the dataset's own words come from data/dataset.csv).
CATALOG = {"title": ("ykg データカタログ", "ykg data catalogue"),
           "description": ("やまぐちデジタル改革基本方針 ナレッジグラフのデータセットとSPARQLサービスの目録。",
                           "The catalogue of the Yamaguchi Digital Reform Basic Policy knowledge graph: "
                           "its dataset and its SPARQL service."),
           "service": ("ykg SPARQL エンドポイント(読み取り専用)", "ykg SPARQL endpoint (read-only)")}
# Properties of the dataset that the catalogue shares (same values, same agents).
SHARED = ("issued", "modified", "language", "license", "spatial")


def _typed(node, cls: str) -> list[Triple]:
    return [Triple(node, NamedNode(RDF_TYPE), NamedNode(cls))]


def _both(node, pred: str, pair) -> list[Triple]:
    return [Triple(node, NamedNode(pred), Literal(text, language=lang))
            for lang, text in zip(("ja", "en"), pair)]


def catalog_triples(site: SiteContext, d: NamedNode, own: list[Triple]) -> list[Triple]:
    """Return the catalogue holding the dataset and the service, and the dataset's access points."""
    N = NamedNode
    catalog, home, service = N(f"{site.base}/catalog"), N(f"{site.site_url}/index.html"), \
        N(f"{site.base}/dataset/ykg/service")
    out = (_typed(catalog, DCAT + "Catalog") + _both(catalog, DCT + "title", CATALOG["title"])
           + _both(catalog, DCT + "description", CATALOG["description"])
           + [Triple(catalog, N(DCAT + "dataset"), d), Triple(catalog, N(DCAT + "service"), service),
              Triple(catalog, N(FOAF + "homepage"), home), Triple(d, N(DCAT + "landingPage"), home)]
           + _typed(home, FOAF + "Document"))
    for t in own:
        if t.subject == d and t.predicate.value in (DCT + "creator", DCAT + "theme"):
            pred = DCT + "publisher" if t.predicate.value == DCT + "creator" else None
            if pred:
                out.append(Triple(catalog, N(pred), t.object))
        if t.subject == d and t.predicate.value.removeprefix(DCT) in SHARED:
            out.append(Triple(catalog, t.predicate, t.object))
        if t.predicate.value == SKOS + "inScheme":
            out.append(Triple(catalog, N(DCAT + "themeTaxonomy"), t.object))
    root = f"{site.base}/id/plan/basic-policy"
    if root in site.graph.local:
        out.append(Triple(d, N(VOID + "rootResource"), N(root)))
    out += [Triple(d, N(VOID + "feature"), N(f"http://www.w3.org/ns/formats/{f}")) for f in FEATURES]
    return out + service_triples(site, d, service, own)


def service_triples(site: SiteContext, d: NamedNode, service: NamedNode, own) -> list[Triple]:
    """Return the SPARQL endpoint as a dcat:DataService serving the dataset (and void:sparqlEndpoint)."""
    N = NamedNode
    endpoint = N(f"{site.site_url}/sparql")
    out = (_typed(service, DCAT + "DataService") + _both(service, DCT + "title", CATALOG["service"])
           + [Triple(service, N(DCAT + "endpointURL"), endpoint),
              Triple(service, N(DCAT + "endpointDescription"), endpoint),
              Triple(service, N(DCAT + "servesDataset"), d),
              Triple(service, N(DCT + "conformsTo"), N(SPARQL_PROTOCOL)),
              Triple(service, N(DCT + "license"), N(LICENSE)),
              Triple(d, N(VOID + "sparqlEndpoint"), endpoint)]
           + _typed(N(SPARQL_PROTOCOL), DCT + "Standard") + _typed(endpoint, RDFS + "Resource"))
    copied = {DCT + "creator": DCT + "publisher", DCAT + "keyword": DCAT + "keyword",
              DCAT + "theme": DCAT + "theme"}
    out += [Triple(service, N(copied[t.predicate.value]), t.object) for t in own
            if t.subject == d and t.predicate.value in copied]
    return out


def distribution_triples(site: SiteContext, d: NamedNode, dumps: Dumps) -> list[Triple]:
    """Return each dump as a dcat:Distribution with its format, media type, size and checksum."""
    N = NamedNode
    out = _typed(N(STABLE), SKOS + "Concept") + [
        Triple(N(STABLE), N(SKOS + "prefLabel"), Literal("stable", language="en")),
        *_typed(N(SPDX + "checksumAlgorithm_sha256"), SPDX + "ChecksumAlgorithm")]
    for dist in DISTRIBUTIONS:
        node = N(f"{site.base}/dataset/ykg/distribution/{dist.slug}")
        url = N(f"{site.site_url}/dumps/{dist.name}")
        checksum, media = N(f"{node.value}/checksum"), N(IANA + BY_KEY[dist.format].media_type)
        out += [Triple(d, N(DCAT + "distribution"), node), Triple(d, N(VOID + "dataDump"), url),
                *_typed(node, DCAT + "Distribution"),
                *_both(node, DCT + "title", (dist.title_ja, dist.title_en)),
                *_both(node, DCT + "description", (dist.about_ja, dist.about_en)),
                Triple(node, N(DCAT + "downloadURL"), url), Triple(node, N(DCAT + "accessURL"), url),
                Triple(node, N(DCAT + "mediaType"), media), *_typed(media, DCT + "MediaType"),
                Triple(node, N(DCT + "format"), N(AUTHORITY + "file-type/" + dist.file_type)),
                *_typed(N(AUTHORITY + "file-type/" + dist.file_type), DCT + "MediaTypeOrExtent"),
                Triple(node, N("http://data.europa.eu/r5r/availability"), N(STABLE)),
                Triple(node, N(DCAT + "byteSize"), Literal(
                    str(dumps.sizes[dist.name]), datatype=N(XSD + "nonNegativeInteger"))),
                Triple(node, N(DCT + "license"), N(LICENSE)),
                Triple(node, N(SPDX + "checksum"), checksum), *_typed(checksum, SPDX + "Checksum"),
                Triple(checksum, N(SPDX + "algorithm"), N(SPDX + "checksumAlgorithm_sha256")),
                Triple(checksum, N(SPDX + "checksumValue"),
                       Literal(dumps.hashes[dist.name], datatype=N(XSD + "hexBinary")))]
        if dist.compress:
            out += [Triple(node, N(DCAT + "compressFormat"), N(IANA + dist.compress)),
                    *_typed(N(IANA + dist.compress), DCT + "MediaType")]
        if dist.format == "jsonld":
            out.append(Triple(node, N(RDFS + "seeAlso"), N(f"{site.site_url}/context.jsonld")))
    return out


def description_triples(site: SiteContext, dumps: Dumps) -> list[Triple]:
    """Return graphbuild's VoID/DCAT description plus the catalogue and the dumps, sorted."""
    graph = NamedNode(f"{site.base}/graph/{DESCRIPTION}")
    d = NamedNode(f"{site.base}/dataset/ykg")
    own = [q.triple for q in site.build.quads if q.graph_name == graph]
    triples = set(own)
    triples.update(catalog_triples(site, d, own), distribution_triples(site, d, dumps))
    return sorted(triples, key=triple_key)


def used_prefixes(prefixes: dict[str, str], triples) -> dict[str, str]:
    """Return the prefixes whose namespace starts some IRI or datatype of the triples."""
    def uses(ns, x):
        return str(x).startswith("<" + ns) or (isinstance(x, Literal)
                                               and x.datatype.value.startswith(ns))
    return {p: ns for p, ns in sorted(prefixes.items())
            if any(uses(ns, x) for t in triples for x in (t.subject, t.predicate, t.object))}


def write_dataset(site: SiteContext, dumps: Dumps) -> None:
    """Write the description in three RDF formats and its page."""
    triples = description_triples(site, dumps)
    used = used_prefixes({**site.graph.prefixes, "spdx": SPDX}, triples)
    site.write("dataset.ttl", to_turtle(triples, used))
    site.write("dataset.nt", sorted_ntriples(triples))
    site.write("dataset.jsonld", jsonld_bytes(jsonld_document(triples, used)))
    site.write("dataset.rdf", to_rdfxml(triples, used))
    site.write_page("dataset.html", "dataset.html", title="データセット / Dataset | ykg",
                    **page_data(site, triples))


def page_data(site: SiteContext, triples) -> dict:
    """Return what the dataset page shows, read back from the description triples."""
    by_s = defaultdict(lambda: defaultdict(list))
    for t in triples:
        by_s[t.subject.value][t.predicate.value].append(t.object)

    def one(s, p, lang=None):
        vals = [o for o in by_s[s][p] if lang is None or getattr(o, "language", None) == lang]
        return vals[0].value if vals else ""

    def objects(p):
        return sorted(o.value for o in by_s[d][p])

    d, path, anchor = f"{site.base}/dataset/ykg", "dataset.html", lambda i: dataset_anchor(site.base, i)
    dists = [{"anchor": anchor(x), "name": one(x, DCAT + "downloadURL").rsplit("/", 1)[-1],
              "ja": one(x, DCT + "title", "ja"), "en": one(x, DCT + "title", "en"),
              "media": one(x, DCAT + "mediaType").replace(IANA, ""),
              "compress": one(x, DCAT + "compressFormat").replace(IANA, ""),
              "bytes": f"{int(one(x, DCAT + 'byteSize')):,}",
              "checksum": one(one(x, SPDX + "checksum"), SPDX + "checksumValue")[:16]}
             for x in objects(DCAT + "distribution")]
    stats = [(name, one(d, VOID + p)) for name, p in (
        ("triples", "triples"), ("entities", "entities"), ("distinct subjects", "distinctSubjects"),
        ("classes", "classes"), ("properties", "properties"))]
    graphs = [(name, x, GRAPH_NAMES.get(name, (name,))[0], one(x, VOID + "triples"))
              for x in objects(VOID + "subset") for name in [x.rsplit("/", 1)[-1]]]
    return {"iri": d, "ja": one(d, DCT + "title", "ja"), "en": one(d, DCT + "title", "en"),
            "description_ja": one(d, DCT + "description", "ja"),
            "description_en": one(d, DCT + "description", "en"),
            "license": one(d, DCT + "license"), "version": one(d, DCAT + "version"),
            "formats": rdf_links("dataset"), "stats": stats, "dumps": dists, "graphs": graphs,
            "classes": [(anchor(x), site.link(path, one(x, VOID + "class")), one(x, VOID + "entities"))
                        for x in objects(VOID + "classPartition")],
            "properties": [(anchor(x), site.term(path, one(x, VOID + "property")),
                            one(x, VOID + "triples")) for x in objects(VOID + "propertyPartition")],
            "examples": [site.link(path, x) for x in objects(VOID + "exampleResource")],
            "about": about_rows(site, by_s, d, path), "catalog": f"{site.base}/catalog", "endpoint": one(d, VOID + "sparqlEndpoint"),
            "agents": [(anchor(x), one(x, FOAF + "name", "ja"), one(x, FOAF + "name", "en"))
                       for x in objects(DCT + "creator")]}


def about_rows(site: SiteContext, by_s, d: str, path: str) -> list[tuple[str, list]]:
    """Return (name, values) of the DCAT-AP properties the page lists about the dataset."""
    rows = []
    for name, pred in (("publisher", DCT + "publisher"), ("creator", DCT + "creator"),
                       ("issued", DCT + "issued"), ("modified", DCT + "modified"),
                       ("temporal", DCT + "temporal"), ("spatial", DCT + "spatial"),
                       ("language", DCT + "language"), ("theme", DCAT + "theme"),
                       ("keyword", DCAT + "keyword")):
        values = sorted(by_s[d][pred], key=str)
        if pred == DCT + "temporal":
            values = [Literal(f"{by_s[v.value][DCAT + 'startDate'][0].value} – "
                              f"{by_s[v.value][DCAT + 'endDate'][0].value}") for v in values]
        rows.append((name, [site.value(path, v) for v in values]))
    return rows
