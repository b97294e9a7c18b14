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
from .rdf_files import jsonld_bytes, jsonld_document, to_turtle

DCT, DCAT, VOID, FOAF = PREFIXES["dcterms"], PREFIXES["dcat"], PREFIXES["void"], PREFIXES["foaf"]
RDFS = PREFIXES["rdfs"]
SPDX, IANA = EXTRA_PREFIXES["spdx"], EXTRA_PREFIXES["iana"]
FEATURES = ("Turtle", "N_Triples", "JSON_LD", "TriG")


def catalog_triples(site: SiteContext, d: NamedNode) -> list[Triple]:
    """Return the catalogue holding the dataset and the dataset's access points."""
    N = NamedNode
    catalog = N(f"{site.base}/catalog")
    home = N(f"{site.site_url}/index.html")
    out = [Triple(catalog, N(RDF_TYPE), N(DCAT + "Catalog")),
           Triple(catalog, N(DCT + "title"), Literal("ykg データカタログ", language="ja")),
           Triple(catalog, N(DCT + "title"), Literal("ykg data catalogue", language="en")),
           Triple(catalog, N(DCAT + "dataset"), d), Triple(catalog, N(FOAF + "homepage"), home),
           Triple(d, N(DCAT + "landingPage"), home),
           Triple(d, N(VOID + "uriLookupEndpoint"), Literal(f"{site.base}/id/"))]
    root = f"{site.base}/id/plan/basic-policy"
    if root in site.graph.local:
        out.append(Triple(d, N(VOID + "rootResource"), N(root)))
    out += [Triple(d, N(VOID + "feature"), N(f"http://www.w3.org/ns/formats/{f}")) for f in FEATURES]
    return out


def distribution_triples(site: SiteContext, d: NamedNode, dumps: Dumps) -> list[Triple]:
    """Return each dump as a dcat:Distribution with its media type, size and checksum."""
    N, out = NamedNode, []
    for dist in DISTRIBUTIONS:
        node = N(f"{site.base}/dataset/ykg/distribution/{dist.slug}")
        url = N(f"{site.site_url}/dumps/{dist.name}")
        checksum = N(f"{node.value}/checksum")
        out += [Triple(d, N(DCAT + "distribution"), node), Triple(d, N(VOID + "dataDump"), url),
                Triple(node, N(RDF_TYPE), N(DCAT + "Distribution")),
                Triple(node, N(DCT + "title"), Literal(dist.title_en, language="en")),
                Triple(node, N(DCT + "title"), Literal(dist.title_ja, language="ja")),
                Triple(node, N(DCAT + "downloadURL"), url), Triple(node, N(DCAT + "accessURL"), url),
                Triple(node, N(DCAT + "mediaType"), N(IANA + BY_KEY[dist.format].media_type)),
                Triple(node, N(DCAT + "byteSize"), Literal(
                    str(dumps.sizes[dist.name]), datatype=N(XSD + "nonNegativeInteger"))),
                Triple(node, N(DCT + "license"), N(LICENSE)),
                Triple(node, N(SPDX + "checksum"), checksum),
                Triple(checksum, N(RDF_TYPE), N(SPDX + "Checksum")),
                Triple(checksum, N(SPDX + "algorithm"), N(SPDX + "checksumAlgorithm_sha256")),
                Triple(checksum, N(SPDX + "checksumValue"),
                       Literal(dumps.hashes[dist.name], datatype=N(XSD + "hexBinary")))]
        if dist.compress:
            out.append(Triple(node, N(DCAT + "compressFormat"), N(IANA + dist.compress)))
        if dist.format == "jsonld":
            out.append(Triple(node, N(RDFS + "seeAlso"), N(f"{site.site_url}/context.jsonld")))
    return out


def description_triples(site: SiteContext, dumps: Dumps) -> list[Triple]:
    """Return graphbuild's VoID/DCAT description plus the catalogue and the dumps, sorted."""
    graph = NamedNode(f"{site.base}/graph/{DESCRIPTION}")
    d = NamedNode(f"{site.base}/dataset/ykg")
    triples = {q.triple for q in site.build.quads if q.graph_name == graph}
    triples.update(catalog_triples(site, d), distribution_triples(site, d, dumps))
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
            "examples": [site.link(path, x) for x in objects(VOID + "exampleResource")]}
