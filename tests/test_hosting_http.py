"""`ykg serve` as a cache, a browser and a harvester expect: Service Description, validators and 304,
CORS preflight, minted IRIs that resolve, SPARQL errors that point at the culprit."""
from __future__ import annotations

import json
import urllib.parse

import pyoxigraph as ox
import pytest

from tests.test_serve import request, sparql
from ykg.foundation.constants import GRAPHS

pytestmark = pytest.mark.server
SD = "http://www.w3.org/ns/sparql-service-description#"


@pytest.mark.parametrize("accept, fmt", [("text/turtle", ox.RdfFormat.TURTLE),
                                         ("application/rdf+xml", ox.RdfFormat.RDF_XML),
                                         ("application/ld+json", ox.RdfFormat.JSON_LD),
                                         ("application/n-triples", ox.RdfFormat.N_TRIPLES)])
def test_service_description(site_server, site, accept, fmt):
    status, h, body = request(f"{site_server.url}/sparql", headers={"Accept": accept})
    assert status == 200 and h["content-type"].split(";")[0] == accept and h["vary"] == "Accept"
    triples = list(ox.parse(body, format=fmt))
    by_p: dict = {}
    for t in triples:
        by_p.setdefault(t.predicate.value, set()).add(t.object.value)
    assert by_p[SD + "endpoint"] == {f"{site.base}/sparql"}
    assert by_p[SD + "supportedLanguage"] == {SD + "SPARQL11Query"}  # no SPARQL11Update
    assert {f"{site.base}/graph/{g}" for g in GRAPHS} <= by_p[SD + "name"]
    assert "http://www.w3.org/ns/formats/SPARQL_Results_JSON" in by_p[SD + "resultFormat"]
    comment = " ".join(v for v in by_p["http://www.w3.org/2000/01/rdf-schema#comment"])
    assert "Read-only" in comment and "at most 3 s" in comment and "at most 200 rows" in comment


def test_validators_and_304_on_negotiated_answers(site_server):
    url = f"{site_server.url}/doc/program/p0001"
    tags = {}
    for accept in ("text/turtle", "application/ld+json", "text/html"):
        status, h, _ = request(url, headers={"Accept": accept})
        assert status == 200 and h["etag"] and h["last-modified"] and h["cache-control"]
        tags[accept] = h["etag"]
        status, h2, body = request(url, headers={"Accept": accept, "If-None-Match": h["etag"]})
        assert status == 304 and body == b"" and h2["etag"] == h["etag"]
        assert h2["vary"] == "Accept"
    assert len(set(tags.values())) == 3  # one tag per representation
    # the tag of the file is the tag of the negotiated answer that served it
    assert request(url + ".ttl")[1]["etag"] == tags["text/turtle"]


def test_sparql_get_answers_carry_validators(site_server):
    q = "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    status, h, body = request(site_server.url + q)
    assert status == 200 and json.loads(body)["boolean"] is True
    status, _, body = request(site_server.url + q, headers={"If-None-Match": h["etag"]})
    assert status == 304 and body == b""


def test_cors_preflight(site_server):
    status, h, _ = request(f"{site_server.url}/sparql", "OPTIONS", {
        "Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status == 204
    assert h["access-control-allow-origin"] == "*"
    assert "POST" in h["access-control-allow-methods"]
    assert "content-type" in h["access-control-allow-headers"].lower()
    assert request(f"{site_server.url}/index.html", "OPTIONS")[0] == 204


@pytest.mark.parametrize("path, target", [("/catalog", "/dataset"), ("/def/0.1.0", "/ontology"),
                                          ("/graph/dataset", "/dataset"),
                                          ("/dataset/ykg", "/dataset"), ("/def", "/ontology")])
def test_minted_iris_resolve(site_server, path, target):
    status, h, _ = request(site_server.url + path, headers={"Accept": "text/turtle"})
    assert (status, h["location"]) == (303, target + ".ttl")
    assert request(site_server.url + h["location"])[0] == 200


@pytest.mark.parametrize("query, where, found", [
    ("SELEKT * WHERE { ?s ?p ?o }", "1:1", "'SELEKT'"),
    ("PREFIX ex: <http://e/>\n# a comment\nSELEKT * { ?s ?p ?o }", "3:1", "'SELEKT'"),
    ("SELECT * WHERE { ?s ?p ?o } LIMT 5", "1:29", "'LIMT'"),
    ("SELECT * WHERE {\n  ?s ?p ?o ,, }", "2:12", "','"),
    ("SELECT * WHERE { ?s ?p ?o ", "1:", "the end of the query"),
])
def test_sparql_errors_point_at_the_culprit(site_server, query, where, found):
    status, _, body = sparql(site_server, query)
    text = body.decode("utf-8")
    assert status == 400 and f"error at {where}" in text and f"found {found}" in text, text
    assert "expected CONSTRUCT" not in text


def test_ask_only_in_formats_that_define_it(site_server):
    for accept in ("text/csv", "text/tab-separated-values"):
        status, _, body = sparql(site_server, "ASK { ?s ?p ?o }", accept)
        assert status == 406 and b"application/sparql-results+json" in body
    status, h, body = sparql(site_server, "ASK { ?s ?p ?o }", "application/sparql-results+xml")
    assert status == 200 and b"<boolean>true</boolean>" in body
    # SELECT still comes as CSV
    assert sparql(site_server, "SELECT * { ?s ?p ?o } LIMIT 1", "text/csv")[0] == 200


def test_update_words_are_named(site_server):
    status, _, body = sparql(site_server, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert status == 400 and b"found 'INSERT', an update" in body and b"read-only" in body
