"""The catalogue on real SPARQL servers (Oxigraph, Virtuoso) and every way talking to one can fail.

The servers run on 127.0.0.1 from temporary folders (tests/support/servers.py); queries go
through SPARQLWrapper; rows must equal the embedded store's, query by query.
"""
from __future__ import annotations

import json
import threading
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner

from ykg.catalogue import (Endpoint, EndpointError, PushError, count_triples, graphs_of,
                           load_catalogue, push_dataset, run_query, to_csv)
from ykg.cli import main
from ykg.foundation.errors import NotFound

from tests.support.net import free_port
from tests.support.servers import fake_http_server, oxigraph_server

CATALOGUE = load_catalogue()
IDS = list(CATALOGUE)
pytestmark = pytest.mark.server
# Longer than any client timeout below: a fake server held this long has "hung".
HELD = 60


@pytest.fixture()
def hold():
    """An event a fake slow server waits on; released at teardown so its thread ends."""
    event = threading.Event()
    yield event
    event.set()


@pytest.fixture(scope="module")
def expected(store):
    """Every query's rows on the embedded store (the reference)."""
    return {qid: run_query(store, q, use_example=True) for qid, q in CATALOGUE.items()}


@pytest.fixture(scope="module")
def graph_sizes(built):
    return {g: body.count(b"\n") for g, body in graphs_of(built.quads).items()}


@pytest.fixture(scope="module")
def ox_endpoint(oxigraph, built, graph_sizes):
    """The Oxigraph server holding the real dataset, pushed through the Graph Store Protocol."""
    endpoint = Endpoint(oxigraph.query_url, timeout=60)
    report = push_dataset(built.quads, endpoint)  # store URL guessed: /query -> /store
    assert report.ok and report.graph_store_url == oxigraph.graph_store_url
    assert {w.graph: w.triples for w in report.writes} == graph_sizes
    bare = Endpoint(oxigraph.query_url, default_graphs=())
    assert {g: count_triples(bare, g) for g in graph_sizes} == graph_sizes
    return endpoint


@pytest.fixture(scope="module")
def vt_endpoint(virtuoso, built, graph_sizes):
    """The private Virtuoso holding the real dataset (GSP with digest authentication)."""
    endpoint = Endpoint(virtuoso.query_url, user=virtuoso.user, password=virtuoso.password,
                        timeout=120)
    report = push_dataset(built.quads, endpoint)  # /sparql -> /sparql-graph-crud-auth
    assert report.ok and report.graph_store_url == virtuoso.graph_store_url
    assert {w.graph: w.triples for w in report.writes} == graph_sizes
    return endpoint


# -- equal rows on every back end ----------------------------------------------------------------

@pytest.mark.parametrize("qid", IDS)
def test_oxigraph_rows_equal_embedded(ox_endpoint, expected, qid):
    result = run_query(ox_endpoint, qid, use_example=True)
    assert result.columns == expected[qid].columns
    assert result.rows == expected[qid].rows
    assert to_csv(result) == to_csv(expected[qid])


@pytest.mark.virtuoso
@pytest.mark.parametrize("qid", IDS)
def test_virtuoso_rows_equal_embedded(vt_endpoint, expected, qid):
    result = run_query(vt_endpoint, qid, use_example=True)
    assert result.rows == expected[qid].rows
    assert to_csv(result) == to_csv(expected[qid])


@pytest.mark.parametrize("values", [{"q": "Civic Tech"}, {"q": "ﾃﾞｰﾀ"}, {"q": "5g"},
                                    {"q": 'x" } } #'}])
def test_search_values_remote(ox_endpoint, store, values):
    assert run_query(ox_endpoint, "search", values).rows == run_query(store, "search", values).rows


@pytest.mark.virtuoso
def test_virtuoso_search_and_neighbours_with_other_values(vt_endpoint, store):
    for qid, values in (("search", {"q": "ﾃﾞｰﾀ"}), ("neighbours", {"entity": "sakigake/09"})):
        assert run_query(vt_endpoint, qid, values).rows == run_query(store, qid, values).rows


@pytest.mark.parametrize("name", ["やまぐちDX推進事業", "ﾔﾏｸﾞﾁDX推進事業", "やまぐちDXすいしんじぎょう",
                                  "Yamaguchi DX promotion program"])
def test_entity_names_are_looked_up_on_the_server(ox_endpoint, store, name):
    remote = run_query(ox_endpoint, "neighbours", {"entity": name})
    assert remote.rows and remote.rows == run_query(store, "neighbours",
                                                    {"entity": "program/p0005"}).rows


def test_a_name_the_server_does_not_know_is_not_found(ox_endpoint):
    with pytest.raises(NotFound, match="no entity named 'xyzzy'"):
        run_query(ox_endpoint, "neighbours", {"entity": "xyzzy"})


@pytest.mark.virtuoso
def test_virtuoso_looks_names_up_too(vt_endpoint, store):
    remote = run_query(vt_endpoint, "neighbours", {"entity": "やまぐちDX推進事業"})
    assert remote.rows == run_query(store, "neighbours", {"entity": "program/p0005"}).rows


def test_server_default_graph_is_not_the_union(oxigraph, ox_endpoint):
    # Without the dataset's graphs as default-graph-uri, Oxigraph's default graph is empty.
    bare = Endpoint(oxigraph.query_url, default_graphs=())
    assert run_query(bare, "budget-by-project").rows == []


def test_push_again_replaces_and_does_not_duplicate(ox_endpoint, built, graph_sizes):
    report = push_dataset(built.quads, ox_endpoint)
    assert report.ok
    assert {w.graph: (w.before, w.triples) for w in report.writes} == \
        {g: (n, n) for g, n in graph_sizes.items()}
    bare = Endpoint(ox_endpoint.url, default_graphs=())
    assert {g: count_triples(bare, g) for g in graph_sizes} == graph_sizes


def test_cli_against_oxigraph(ox_endpoint, oxigraph, expected):
    runner = CliRunner()
    ran = runner.invoke(main, ["query", "run", "budget-by-project", "--endpoint",
                               oxigraph.query_url, "--format", "csv"])
    assert ran.exit_code == 0, ran.output
    assert ran.output == to_csv(expected["budget-by-project"])
    ran = runner.invoke(main, ["sparql", "-", "--endpoint", oxigraph.query_url],
                        input="PREFIX ykg: <https://w3id.org/ykg/def#>\n"
                              "ASK { ?p ykg:number 10 }")
    assert ran.output == "true\n"
    ran = runner.invoke(main, ["sparql", "-", "--endpoint", oxigraph.query_url],
                        input="CONSTRUCT { ?p a <urn:x> } WHERE { ?p a "
                              "<https://w3id.org/ykg/def#SakigakeProject> }")
    assert ran.exit_code == 0 and len(ran.output.splitlines()) == 10


def test_cli_push_to_a_fresh_oxigraph(tmp_path):
    with oxigraph_server(root=tmp_path) as server:
        ran = CliRunner().invoke(main, ["push", "--endpoint", server.query_url])
        assert ran.exit_code == 0, ran.output
        assert ran.output.startswith("pushed 5 graphs")
        assert ran.output.count("  replaced  ") == 5
        ran = CliRunner().invoke(main, ["query", "run", "loan-facilities", "--endpoint",
                                        server.query_url, "--format", "tsv"])
        assert ran.output.splitlines()[1].split("\t")[:3] == [
            "中小企業制度融資（DX対応資金）", "4", "500000"]


@pytest.mark.virtuoso
def test_cli_push_to_virtuoso_with_credentials(vt_endpoint, virtuoso):
    ran = CliRunner().invoke(main, ["push", "--endpoint", virtuoso.query_url, "--user",
                                    virtuoso.user, "--password", virtuoso.password])
    assert ran.exit_code == 0, ran.output
    assert ran.output.count("  replaced  ") == 5


@pytest.mark.virtuoso
def test_virtuoso_wrong_password_writes_nothing(vt_endpoint, virtuoso, built, graph_sizes):
    bad = Endpoint(virtuoso.query_url, user="dba", password="wrong", timeout=30)
    with pytest.raises(PushError) as err:
        push_dataset(built.quads, bad)
    report = err.value.outcome
    assert "refused access as 'dba'" in report.error and "nothing written" in report.error
    assert all(w.status == "unchanged" for w in report.writes)
    for graph, n in graph_sizes.items():
        assert count_triples(Endpoint(virtuoso.query_url, default_graphs=()), graph) == n


# -- faults --------------------------------------------------------------------------------------

def _json(doc) -> bytes:
    return json.dumps(doc).encode("utf-8")


SELECT_OK = {"head": {"vars": ["project_no", "project_label", "own_budget_kyen",
                               "listed_budget_kyen", "n_components"]},
             "results": {"bindings": []}}


def test_server_down_is_a_clear_error():
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(EndpointError, match="connection refused"):
        run_query(Endpoint(url, timeout=5), "budget-by-project")
    ran = CliRunner().invoke(main, ["query", "run", "budget-by-project", "--endpoint", url])
    assert ran.exit_code == 1 and "connection refused (is the server running?)" in ran.output
    assert "Traceback" not in ran.output


def test_timeout_is_a_clear_error(hold):
    def slow(method, path, body):
        hold.wait(HELD)
        return 200, {"Content-Type": "application/sparql-results+json"}, _json(SELECT_OK)
    with fake_http_server(slow) as base:
        with pytest.raises(EndpointError, match="did not answer within 1 s"):
            run_query(Endpoint(base + "/query", timeout=1), "budget-by-project")
        ran = CliRunner().invoke(main, ["query", "run", "loan-facilities", "--endpoint",
                                        base + "/query", "--timeout", "1"])
        assert ran.exit_code == 1 and "did not answer within 1 s" in ran.output


@pytest.mark.parametrize("status, body, message", [
    (400, b"Parser error at line 3", "HTTP 400: Parser error at line 3"),
    (401, b"login first", "HTTP 401"),
    (403, b"forbidden", "HTTP 403"),
    (404, b"no such endpoint", "HTTP 404"),
    (500, b"<html><body><h1>Internal error: disk full</h1></body></html>",
     "HTTP 500: Internal error: disk full"),
    (503, b"maintenance", "HTTP 503"),
])
def test_http_errors_are_clear(status, body, message):
    with fake_http_server(lambda m, p, b: (status, {"Content-Type": "text/html"}, body)) as base:
        with pytest.raises(EndpointError) as err:
            run_query(Endpoint(base + "/sparql", timeout=10), "budget-by-project")
        assert message in str(err.value)
        ran = CliRunner().invoke(main, ["query", "run", "budget-by-project", "--endpoint",
                                        base + "/sparql"])
        assert ran.exit_code == 1 and message in ran.output and "Traceback" not in ran.output


@pytest.mark.parametrize("payload", [
    b"this is not json",
    _json({"head": {"vars": ["a"]}}),
    _json({"head": {"vars": ["a"]}, "results": {"bindings": [{"a": {"type": "weird",
                                                                    "value": "1"}}]}}),
    b"<html>Welcome</html>",
])
def test_malformed_results_are_clear(payload):
    with fake_http_server(lambda m, p, b: (200, {"Content-Type": "application/sparql-results+json"},
                                           payload)) as base:
        with pytest.raises(EndpointError, match="malformed SPARQL results"):
            run_query(Endpoint(base + "/q", timeout=10), "budget-by-project")


def test_wrong_columns_from_a_server_are_refused():
    doc = {"head": {"vars": ["x"]}, "results": {"bindings": []}}
    with fake_http_server(lambda m, p, b: (200, {"Content-Type": "application/sparql-results+json"},
                                           _json(doc))) as base:
        ran = CliRunner().invoke(main, ["query", "run", "budget-by-project", "--endpoint", base])
        assert ran.exit_code == 2 and "the result has columns ['x']" in ran.output


def test_a_truncated_result_is_an_error():
    # Virtuoso's ResultSetMaxRows cuts results silently but for this header.
    row = {"project_no": {"type": "typed-literal", "value": "1",
                          "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}
    doc = dict(SELECT_OK, results={"bindings": [row, row]})
    with fake_http_server(lambda m, p, b: (200, {"Content-Type": "application/sparql-results+json",
                                                 "X-SPARQL-MaxRows": "2"}, _json(doc))) as base:
        with pytest.raises(EndpointError, match="cut the result at 2 rows"):
            run_query(Endpoint(base + "/sparql", timeout=10), "budget-by-project")


def test_a_bad_query_on_a_real_server(ox_endpoint, oxigraph):
    ran = CliRunner().invoke(main, ["sparql", "-", "--endpoint", oxigraph.query_url],
                             input="SELECT ?x WHERE { ?x ")
    assert ran.exit_code == 1 and "answered HTTP 400" in ran.output
    assert "Traceback" not in ran.output


def test_push_to_a_server_that_is_down_writes_nothing(built):
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(PushError) as err:
        push_dataset(built.quads, Endpoint(url, timeout=5))
    report = err.value.outcome
    assert report.error.startswith("nothing written: cannot reach")
    assert [w.status for w in report.writes] == ["unchanged"] * 5
    ran = CliRunner().invoke(main, ["push", "--endpoint", url])
    assert ran.exit_code == 1 and "nothing written" in ran.output and "Traceback" not in ran.output


def _failing_proxy(store_url: str, fail_from: int, how: str, hold: threading.Event):
    """A Graph Store that forwards the first PUTs to a real one, then fails (500 or a hang)."""
    seen = {"puts": 0}

    def respond(method, path, body):
        query = urllib.parse.urlsplit(path).query
        if method != "PUT":
            return 404, {}, b""
        seen["puts"] += 1
        if seen["puts"] >= fail_from:
            if how == "hang":
                hold.wait(HELD)
            return 500, {"Content-Type": "text/plain"}, b"disk full"
        req = urllib.request.Request(f"{store_url}?{query}", data=body, method="PUT",
                                     headers={"Content-Type": "text/turtle"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, {}, b""
    return respond


@pytest.mark.parametrize("how", ["error", "hang"])
def test_a_push_that_fails_halfway_changes_nothing(built, how, hold, tmp_path):
    """A PUT that fails on the third graph: the server keeps every old graph, no staging left."""
    from dataclasses import replace

    import pyoxigraph as ox

    from ykg.catalogue.endpoint import graphs_named
    from ykg.catalogue.push import STAGING
    with oxigraph_server(root=tmp_path) as server:
        endpoint = Endpoint(server.query_url, timeout=60)
        first = push_dataset(built.quads, endpoint)            # the server holds version 1
        old = {w.graph: w.triples for w in first.writes}
        # Version 2: one more triple in every graph.
        extra = [ox.Quad(ox.NamedNode("urn:ykg:test"), ox.NamedNode("urn:ykg:version"),
                         ox.Literal("2"), g) for g in {q.graph_name for q in built.quads}]
        with fake_http_server(_failing_proxy(server.graph_store_url, 3, how, hold)) as proxy:
            with pytest.raises(PushError) as err:
                push_dataset(built.quads + extra, replace(endpoint, timeout=2), proxy + "/store")
        report = err.value.outcome
        assert [w.status for w in report.writes] == ["unchanged"] * 5
        assert report.error.startswith("nothing changed: staging failed")
        assert ("HTTP 500" if how == "error" else "did not answer within 2 s") in report.error
        assert "The server holds the old graphs" in report.text()
        bare = Endpoint(server.query_url, default_graphs=())
        assert {g: count_triples(bare, g) for g in old} == old
        assert graphs_named(bare, STAGING) == []
