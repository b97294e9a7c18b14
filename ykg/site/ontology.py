"""The vocabulary: ontology.html (every ykg term with its axioms and use) and ontology.ttl|.jsonld|.nt."""
from __future__ import annotations

from collections import Counter, defaultdict

from ykg.foundation.constants import PREFIXES, YKG
from ykg.foundation.rdf import local_name, sorted_ntriples

from .context import SiteContext, rdf_links
from .rdf_files import jsonld_bytes, jsonld_document, to_rdfxml
from .vocabulary import AXIOMS, Term

DCT, OWL = PREFIXES["dcterms"], PREFIXES["owl"]
# Prefixes of the published JSON-LD of the ontology (the instance prefixes are not needed there).
ONTOLOGY_PREFIXES = ("ykg", "rdf", "rdfs", "owl", "xsd", "skos", "org", "prov", "dcterms", "dcat",
                     "schema", "foaf")
GROUPS = (("classes", "クラス / Classes", ("class",)),
          ("properties", "属性 / Properties",
           ("object property", "datatype property", "annotation property")))
PATH = "ontology.html"


def write_ontology(site: SiteContext) -> None:
    """Write the ontology file as it is, as N-Triples and JSON-LD, and its page."""
    v = site.vocab
    prefixes = {p: ns for p, ns in site.graph.prefixes.items() if p in ONTOLOGY_PREFIXES}
    site.write("ontology.ttl", v.path.read_bytes())
    site.write("ontology.nt", sorted_ntriples(v.triples))
    site.write("ontology.jsonld", jsonld_bytes(jsonld_document(v.triples, prefixes)))
    site.write("ontology.rdf", to_rdfxml(v.triples, prefixes))
    meta = defaultdict(list)
    for t in v.meta:
        meta[t.predicate.value].append(t.object)
    title = {o.language: o.value for o in reversed(meta[DCT + "title"])}
    site.write_page(
        PATH, "ontology.html", title="オントロジー / Ontology | ykg", iri=v.ontology_iri,
        namespace=YKG, ja=title.get("ja", ""), en=title.get("en", ""), formats=rdf_links("ontology"),
        descriptions=sorted(meta[DCT + "description"], key=lambda o: o.language != "ja"),
        facts=[(name, site.value(PATH, o)) for p, name in (
            (OWL + "versionInfo", "version"), (DCT + "license", "license")) for o in meta[p]],
        groups=groups(site))


def groups(site: SiteContext) -> list[dict]:
    """Return the classes and the properties of the ykg namespace, each with its rows."""
    counts = Counter(c for i in site.graph.resources for c in site.graph.types.get(i, ()))
    uses = Counter(t.predicate.value for t in site.graph.triples)
    out = []
    for anchor, heading, kinds in GROUPS:
        terms = sorted((t for t in site.vocab.terms.values()
                        if t.kind in kinds and t.iri.startswith(YKG)),
                       key=lambda t: local_name(t.iri).lower())
        out.append({"anchor": anchor, "heading": heading,
                    "terms": [term_rows(site, t, counts, uses) for t in terms]})
    return out


def term_rows(site: SiteContext, t: Term, counts: Counter, uses: Counter) -> dict:
    """Return one term as the page shows it: comments, axioms and how often the data uses it."""
    axioms = sorted(t.axioms, key=lambda a: (AXIOMS.get(a[0], a[0]), a[1]))
    if t.kind != "class":
        use = {"href": "", "text": f"{uses.get(t.iri, 0)} triples"}
    elif t.iri in site.class_pages:
        use = {"href": site.class_pages[t.iri], "text": f"{counts.get(t.iri, 0)} 件 / instances"}
    else:
        use = {"href": "", "text": "0"}
    return {"name": local_name(t.iri), "iri": t.iri, "kind": t.kind, "ja": t.label_ja,
            "en": t.label_en, "comments": sorted(t.comments, key=lambda c: c[0] != "ja"),
            "axioms": [(AXIOMS.get(p, site.graph.curie(p)), site.term(PATH, o)) for p, o in axioms],
            "use": use}
