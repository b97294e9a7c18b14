"""The ontology declares every term the build uses, and the build conforms to the shapes."""
from __future__ import annotations

import rdflib

from graphbuild.build import ONTOLOGY_DIR
from graphbuild.validate import validate_build

YKG = "https://w3id.org/ykg/def#"


def test_every_ykg_term_used_is_declared(built):
    onto = rdflib.Graph().parse(ONTOLOGY_DIR / "ykg.ttl")
    declared = {str(s) for s in onto.subjects(rdflib.RDF.type, None) if str(s).startswith(YKG)}
    used = set()
    for q in built.quads:
        used.add(q.predicate.value)
        if q.predicate.value.endswith("#type"):
            used.add(q.object.value)
    used = {u for u in used if u.startswith(YKG)}
    assert used - declared == set()


def test_ontology_header(built):
    onto = rdflib.Graph().parse(ONTOLOGY_DIR / "ykg.ttl")
    o = rdflib.URIRef("https://w3id.org/ykg/def")
    titles = {t.language for t in onto.objects(o, rdflib.DCTERMS.title)}
    assert titles == {"ja", "en"}
    assert onto.value(o, rdflib.OWL.versionIRI) is not None
    assert onto.value(o, rdflib.DCTERMS.license) is not None
    assert not list(onto.objects(o, rdflib.OWL.imports))


def test_union_graph_conforms_to_the_shapes(built):
    report = validate_build(built)
    assert report.conforms, report.text()
    assert report.errors == []
