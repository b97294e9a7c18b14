"""`ykg serve`: content negotiation, a real LOD client, the read-only SPARQL endpoint, path safety."""
from __future__ import annotations

import csv
import gzip
import http.client
import io
import json
import os
import signal
import socket
import subprocess
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox
import pytest
import rdflib

from tests.support.net import free_port, serve_in_thread, wait_until
from tests.support.servers import stop, wait_http
from ykg.foundation.constants import RDF_TYPE
from ykg.foundation.sparql import uses_service
from ykg.site.negotiation import choose_representation
from ykg.site.paths import resource_local
from ykg.site.serve import make_server

pytestmark = [pytest.mark.server,
              pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")]

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
RDFLIB_DEFAULT = ("application/rdf+xml, text/n3, text/turtle, application/n-triples, "
                  "application/ld+json, application/n-quads, application/trix, application/trig")

# Accept header -> the representation the server must choose (None: 406 Not Acceptable).
MATRIX = [
    ("text/html", ".html"), ("application/xhtml+xml", ".html"), (BROWSER, ".html"),
    ("text/turtle", ".ttl"), ("application/x-turtle", ".ttl"),
    ("application/ld+json", ".jsonld"), ("application/json", ".jsonld"),
    ("application/n-triples", ".nt"), ("text/plain", ".nt"),
    ("*/*", ".html"), (None, ".html"), ("text/*", ".html"), ("application/*", ".jsonld"),
    ("text/turtle;q=0.5, application/ld+json", ".jsonld"),
    ("text/html;q=0.1, text/turtle", ".ttl"),
    ("text/turtle, */*;q=0.1", ".ttl"), ("application/ld+json, application/json;q=0.9, */*;q=0.1", ".jsonld"),
    ("text/plain, */*;q=0.1", ".nt"), (RDFLIB_DEFAULT, ".ttl"),
    ("image/png", None), ("text/turtle;q=0", None), ("application/rdf+xml", ".rdf"),
]
CONTENT_TYPES = {".html": "text/html", ".ttl": "text/turtle", ".jsonld": "application/ld+json",
                 ".nt": "application/n-triples", ".rdf": "application/rdf+xml"}


def request(url: str, method: str = "GET", headers: dict | None = None, body: bytes | None = None,
            raw_path: str | None = None):
    """Send one request without following redirects; return (status, headers, body)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        path = raw_path if raw_path is not None else (parts.path or "/") + (
            f"?{parts.query}" if parts.query else "")
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def dump(site):
    data = gzip.decompress((site.root / "dumps/ykg.nt.gz").read_bytes())
    return {q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)}


@pytest.fixture(scope="module")
def sample(site, dump):
    """Two resources of every class (first and last by IRI): what the client tests dereference."""
    members = defaultdict(set)
    for t in dump:
        if t.predicate.value == RDF_TYPE and resource_local(site.base, t.subject.value):
            members[t.object.value].add(t.subject.value)
    chosen = {}
    for cls, iris in sorted(members.items()):
        ordered = sorted(iris)
        for iri in {ordered[0], ordered[-1]}:
            chosen.setdefault(iri, cls)
    return chosen


def expected_graph(dump, iri) -> rdflib.Graph:
    """The resource's triples from the dump, as an rdflib graph (same literal normalization)."""
    lines = [str(t) + " ." for t in dump if t.subject.value == iri
             or (isinstance(t.object, ox.NamedNode) and t.object.value == iri)]
    g = rdflib.Graph()
    g.parse(data="\n".join(lines), format="nt")
    return g


@pytest.mark.parametrize("accept, ext", MATRIX, ids=[str(a) for a, _ in MATRIX])
def test_content_negotiation_matrix(site_server, accept, ext):
    url = f"{site_server.url}/id/program/p0001"
    headers = {"Accept": accept} if accept is not None else {}
    status, h, body = request(url, headers=headers)
    assert h.get("vary") == "Accept"
    root = Path(site_server_root(site_server))
    if ext is not None and not (root / f"doc/program/p0001{ext}").is_file():
        ext = None  # a representation the site does not have (RDF/XML before it is written)
    if ext is None:
        assert status == 406
        assert b"text/turtle" in body
        return
    assert status == 303
    assert h["location"] == f"/doc/program/p0001{ext}"
    status, h, body = request(site_server.url + h["location"], headers=headers)
    assert status == 200
    assert h["content-type"].split(";")[0] == CONTENT_TYPES[ext]
    assert body == (Path(site_server_root(site_server)) / f"doc/program/p0001{ext}").read_bytes()
    # the generic document answers 200 with the same choice
    status, h, body = request(f"{site_server.url}/doc/program/p0001", headers=headers)
    assert status == 200 and h["vary"] == "Accept"
    assert h["content-location"] == f"/doc/program/p0001{ext}"


def site_server_root(server) -> str:
    args = server.proc.args
    return args[args.index("--site") + 1]


def test_choose_representation_weighs_q_values():
    assert choose_representation("text/turtle;q=0.9, application/n-triples") == "nt"
    assert choose_representation("application/n-triples;q=0.2, text/html;q=0.3") == "html"
    assert choose_representation("garbage, text/turtle") == "ttl"
    assert choose_representation("text/turtle;q=abc") is None


@pytest.mark.parametrize("path, ext, target", [
    ("/dataset/ykg", ".ttl", "/dataset.ttl"), ("/dataset/ykg", ".html", "/dataset.html"),
    ("/.well-known/void", ".ttl", "/dataset.ttl"), ("/graph/document", ".jsonld", "/dataset.jsonld"),
    ("/def", ".ttl", "/ontology.ttl"), ("/def", ".html", "/ontology.html"),
])
def test_dataset_graph_and_vocabulary_iris_negotiate(site_server, path, ext, target):
    accept = {".ttl": "text/turtle", ".html": "text/html", ".jsonld": "application/ld+json"}[ext]
    status, h, _ = request(site_server.url + path, headers={"Accept": accept})
    assert (status, h["location"], h["vary"]) == (303, target, "Accept")
    status, h, body = request(site_server.url + target)
    assert status == 200 and body


def test_head_and_unknown_resources(site_server):
    status, h, body = request(f"{site_server.url}/id/program/p0001", "HEAD",
                              {"Accept": "text/turtle"})
    assert status == 303 and body == b"" and h["location"].endswith(".ttl")
    assert request(f"{site_server.url}/id/program/zzzz")[0] == 404
    assert request(f"{site_server.url}/doc/program/zzzz")[0] == 404
    assert request(f"{site_server.url}/nothing.html")[0] == 404
    assert request(f"{site_server.url}/id/program/p0001", "PUT", body=b"x")[0] == 405
    status, h, _ = request(f"{site_server.url}/class")
    assert status == 301 and h["location"] == "/class/"
    status, h, body = request(f"{site_server.url}/class/")
    assert status == 200 and b"<h1>" in body
    status, h, _ = request(f"{site_server.url}/index.html")
    assert "script-src 'self'" in h["content-security-policy"]
    assert h["x-content-type-options"] == "nosniff"


class _Accept(urllib.request.BaseHandler):
    """Force one Accept header on every request rdflib makes, and record what came back."""

    handler_order = 999

    def __init__(self, accept: str | None):
        self.accept = accept
        self.seen: list[tuple[str, str]] = []

    def http_request(self, req):
        if self.accept is not None:
            req.headers = {k: v for k, v in req.headers.items() if k.lower() != "accept"}
            req.add_unredirected_header("Accept", self.accept)
        return req

    def http_response(self, req, resp):
        self.seen.append((resp.geturl(), resp.headers.get("Content-Type", "")))
        return resp


@contextmanager
def accept_override(accept: str | None):
    handler = _Accept(accept)
    urllib.request.install_opener(urllib.request.build_opener(handler))
    try:
        yield handler
    finally:
        urllib.request.install_opener(None)


# (label, Accept forced on rdflib or None for rdflib's own header, rdflib format, file served)
CLIENT_CASES = [
    ("text/html", "text/html", "json-ld", ".html"),
    ("text/turtle", "text/turtle", "turtle", ".ttl"),
    ("application/ld+json", "application/ld+json", "json-ld", ".jsonld"),
    ("application/n-triples", "application/n-triples", "nt", ".nt"),
    ("rdflib-default", None, None, ".ttl"),
    ("rdflib-turtle", None, "turtle", ".ttl"),
    ("rdflib-json-ld", None, "json-ld", ".jsonld"),
    ("rdflib-nt", None, "nt", ".nt"),
]


@pytest.mark.parametrize("label, accept, fmt, ext", CLIENT_CASES, ids=[c[0] for c in CLIENT_CASES])
def test_rdflib_dereferences_resource_iris(site_server, site, dump, sample, label, accept, fmt, ext):
    """rdflib Graph().parse(IRI) gets exactly the resource's triples, for two resources per class."""
    assert site.base == site_server.url  # the IRIs themselves resolve to the test server
    wrong = []
    for iri, cls in sorted(sample.items()):
        with accept_override(accept) as seen:
            g = rdflib.Graph()
            g.parse(iri, format=fmt) if fmt else g.parse(iri)
        final_url, ctype = seen.seen[-1]
        want_url = iri.replace("/id/", "/doc/", 1) + ext
        if final_url != want_url:
            wrong.append(f"{iri}: fetched {final_url} ({ctype}), expected {want_url}")
            continue
        expected = expected_graph(dump, iri)
        doc = rdflib.URIRef(iri.replace("/id/", "/doc/", 1))  # the document's own description
        if {t for t in g if t[0] != doc} != set(expected):
            wrong.append(f"{iri} ({cls}): {len(set(g) - set(expected))} extra, "
                         f"{len(set(expected) - set(g))} missing")
    assert not wrong, wrong[:10]
    assert len({cls for cls in sample.values()}) >= 40  # every class was sampled


# -- SPARQL -----------------------------------------------------------------------------------------

def sparql(server, query: str, accept: str = "application/sparql-results+json", method="GET",
           extra: dict | None = None):
    params = {"query": query, **(extra or {})}
    if method == "GET":
        return request(f"{server.url}/sparql?" + urllib.parse.urlencode(params, doseq=True),
                       headers={"Accept": accept})
    if method == "POST-form":
        return request(f"{server.url}/sparql", "POST", {
            "Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
            urllib.parse.urlencode(params, doseq=True).encode())
    return request(f"{server.url}/sparql", "POST", {
        "Accept": accept, "Content-Type": "application/sparql-query"}, query.encode())


COUNT_DOCUMENT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <%s/graph/document> { ?s ?p ?o } }"


@pytest.mark.parametrize("method", ["GET", "POST-form", "POST-direct"])
def test_sparql_select_over_the_dump(site_server, site, method):
    expected = sum(1 for q in site.build.quads if q.graph_name.value == f"{site.base}/graph/document")
    status, h, body = sparql(site_server, COUNT_DOCUMENT % site.base, method=method)
    assert status == 200, body
    assert h["content-type"] == "application/sparql-results+json"
    rows = json.loads(body)["results"]["bindings"]
    assert int(rows[0]["n"]["value"]) == expected
    q = ("PREFIX ykg: <https://w3id.org/ykg/def#> SELECT ?p ?n WHERE { ?p a ykg:SakigakeProject ; "
         "ykg:number ?n } ORDER BY ?n")
    rows = json.loads(sparql(site_server, q, method=method)[2])["results"]["bindings"]
    assert [int(r["n"]["value"]) for r in rows] == list(range(1, 11))


def test_sparql_result_formats(site_server, site):
    q = ('PREFIX ykg: <https://w3id.org/ykg/def#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> '
         'SELECT ?p ?label WHERE { ?p a ykg:SakigakeProject ; ykg:number 1 ; rdfs:label ?label '
         'FILTER(LANG(?label) = "ja") }')
    status, h, body = sparql(site_server, q, "text/csv")
    assert h["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert rows[0] == ["p", "label"] and rows[1][0] == f"{site.base}/id/sakigake/01"
    assert "子育て" in rows[1][1]
    status, h, body = sparql(site_server, q, "text/tab-separated-values")
    lines = body.decode("utf-8").splitlines()
    assert lines[0] == "?p\t?label" and lines[1].startswith(f"<{site.base}/id/sakigake/01>\t\"")
    assert lines[1].endswith('"@ja')
    status, h, body = sparql(site_server, q, "application/sparql-results+xml")
    root = ET.fromstring(body)
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert root.find("r:results/r:result/r:binding[@name='p']/r:uri", ns).text == \
        f"{site.base}/id/sakigake/01"
    status, h, body = sparql(site_server, "ASK { ?s a <https://w3id.org/ykg/def#Program> }")
    assert json.loads(body) == {"head": {}, "boolean": True}
    cq = (f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ BIND(<{site.base}/id/program/p0001> AS ?s) ?s ?p ?o }}")
    status, h, body = sparql(site_server, cq, "text/turtle")
    assert status == 200 and h["content-type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=body.decode("utf-8"), format="turtle")
    own = rdflib.Graph().parse(site.root / "doc/program/p0001.ttl", format="turtle")
    assert set(g) == {t for t in own if str(t[0]) == f"{site.base}/id/program/p0001"}
    status, _, _ = sparql(site_server, q, "image/png")
    assert status == 406


def test_sparql_row_cap(site_server):
    from tests.support.site import TEST_MAX_ROWS
    status, h, body = sparql(site_server, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert status == 200
    assert h["x-sparql-maxrows"] == str(TEST_MAX_ROWS)
    assert len(json.loads(body)["results"]["bindings"]) == TEST_MAX_ROWS
    status, h, body = sparql(site_server, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 5")
    assert "x-sparql-maxrows" not in h and len(json.loads(body)["results"]["bindings"]) == 5


def test_sparql_rejects_updates_and_stays_unchanged(site_server):
    insert = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
    status, _, body = request(f"{site_server.url}/sparql", "POST",
                              {"Content-Type": "application/sparql-update"}, insert.encode())
    assert status == 403 and b"read-only" in body
    status, _, body = request(f"{site_server.url}/sparql", "POST",
                              {"Content-Type": "application/x-www-form-urlencoded"},
                              urllib.parse.urlencode({"update": insert}).encode())
    assert status == 403
    status, _, body = sparql(site_server, insert)
    assert status == 400 and b"read-only" in body
    status, _, body = sparql(site_server, "DELETE WHERE { ?s ?p ?o }", method="POST-direct")
    assert status == 400
    status, _, body = sparql(site_server, "ASK { <urn:x:a> ?p ?o }")
    assert json.loads(body)["boolean"] is False
    status, _, body = sparql(site_server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 10000


def test_sparql_time_limit_stops_a_runaway_query(site_server):
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    status, _, body = sparql(site_server, heavy)
    assert status == 503 and b"time limit" in body
    # the killed worker is replaced: the endpoint keeps answering
    for _ in range(3):
        status, _, body = sparql(site_server, "ASK { ?s ?p ?o }")
        assert status == 200 and json.loads(body)["boolean"] is True


def test_sparql_refuses_service_calls(site_server, static_server):
    """SERVICE would make the server fetch from any URL (Oxigraph follows it): refused."""
    q = f"SELECT * WHERE {{ SERVICE <{static_server}/sparql> {{ ?s ?p ?o }} }}"
    status, _, body = sparql(site_server, q)
    assert status == 400 and b"SERVICE" in body
    assert sparql(site_server, "select * { service silent <http://127.0.0.1:1/> {} }")[0] == 400
    assert not uses_service('SELECT ?service WHERE { ?service <http://x/SERVICE> "SERVICE" } # SERVICE')
    assert not uses_service("PREFIX ex: <http://e/> SELECT * { ?s ex:SERVICE ?o }")
    assert uses_service("SELECT * { ?s ?p ?o } # c\n SERVICE <http://e/> { }")


def test_sparql_bad_requests(site_server):
    assert sparql(site_server, "SELECT WHERE {")[0] == 400
    assert request(f"{site_server.url}/sparql", headers={"Accept": "image/png"})[0] == 400
    status, h, body = request(f"{site_server.url}/sparql", headers={"Accept": "text/html"})
    assert status == 200 and b"<form" in body
    assert request(f"{site_server.url}/sparql?query=ASK{{}}&query=ASK{{}}")[0] == 400
    assert request(f"{site_server.url}/sparql", "POST", {"Content-Type": "text/plain"}, b"x")[0] == 415
    graph = f"{site_server.url}/graph/curated"
    status, _, body = sparql(site_server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                             extra={"default-graph-uri": graph})
    assert status == 200


# -- path safety ------------------------------------------------------------------------------------

TRAVERSALS = ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
              "/doc/..%2f..%2f..%2f..%2fetc%2fpasswd", "/doc/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
              "/id/..%2f..%2f..%2fetc/passwd", "/..%5c..%5c..%5cetc%5cpasswd", "/%00",
              "//etc/passwd", "/assets/../../site.json", "/.htaccess", "/dumps/%2e%2e/%2e%2e/x"]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_paths_outside_the_site_are_refused(site_server, path):
    status, _, body = request(site_server.url, raw_path=path)
    assert status in (400, 403, 404), (path, status)
    assert b"root:" not in body


@pytest.fixture()
def tiny_site(tmp_path):
    """A minimal site folder (base with a path, as on w3id.org) and a symlink leaving it."""
    root = tmp_path / "site"
    (root / "doc/program").mkdir(parents=True)
    (root / "dumps").mkdir()
    (root / "dumps/ykg.trig").write_text("")
    (root / "site.json").write_text(json.dumps({"base": "https://example.org/ykg"}))
    (root / "index.html").write_text("<h1>home</h1>")
    for ext in (".html", ".ttl", ".jsonld", ".nt"):
        (root / f"doc/program/x{ext}").write_text(f"x{ext}")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside/secret.txt").write_text("secret")
    (root / "escape").symlink_to(tmp_path / "outside")
    return root


def test_library_server_binds_loopback_follows_the_base_path_and_refuses_symlinks(tiny_site):
    server = make_server(tiny_site, port=0, sparql=False, quiet=True)
    assert server.server_address[0] == "127.0.0.1"
    with serve_in_thread(server) as url:
        status, h, _ = request(f"{url}/ykg/id/program/x", headers={"Accept": "text/turtle"})
        assert (status, h["location"]) == (303, "/ykg/doc/program/x.ttl")
        assert request(f"{url}/ykg/doc/program/x.ttl")[2] == b"x.ttl"
        status, h, _ = request(f"{url}/id/program/x")
        assert (status, h["location"]) == (303, "/doc/program/x.html")
        status, _, body = request(f"{url}/escape/secret.txt")
        assert status == 403 and b"secret" not in body
        assert request(f"{url}/sparql?query=ASK{{}}")[0] == 503


def test_serve_cli_defaults_to_loopback_and_reports_a_busy_port(site_server):
    from click.testing import CliRunner

    from ykg.cli import main
    from ykg.cli.site import serve
    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"
    port = urlsplit(site_server.url).port
    result = CliRunner().invoke(main, ["serve", "--site", site_server_root(site_server),
                                       "--port", str(port)])
    assert result.exit_code == 2 and "cannot listen" in result.output


def _children(pid: int) -> set[int]:
    """Return the PIDs of a process's children (Linux /proc)."""
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    return {int(p) for p in text.split()}


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_server_and_every_worker(site, tmp_path, sig):
    """SIGTERM or Ctrl-C while a runaway query runs: exit 0, and no worker process is left."""
    from tests.support.site import SERVE_START_TIMEOUT, ykg_command
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(ykg_command() + ["serve", "--site", str(site.root), "--port", str(port),
                                                 "--workers", "1", "--timeout", "60", "--quiet"],
                                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        wait_http(f"http://127.0.0.1:{port}/index.html", proc, SERVE_START_TIMEOUT, log)
        workers = _children(proc.pid)
        assert len(workers) >= 2  # the general worker and the lane worker (and the tracker)
        heavy = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . "
                                                  "?d ?e ?f . ?g ?h ?i }"})
        with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
            s.sendall(f"GET /sparql?{heavy} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            wait_until(lambda: "R" in {_state(p) for p in workers}, 30, "a worker to run the query")
            proc.send_signal(sig)
            assert proc.wait(timeout=60) == 0, log.read_text()
        wait_until(lambda: all(_gone(p) for p in workers), 30, "the workers to exit")
    finally:
        stop(proc)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return ""
