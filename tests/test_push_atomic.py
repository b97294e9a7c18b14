"""`ykg push` is all or nothing on the server and checks content, not counts: faults injected by a
proxy in front of a real Oxigraph (a failed switch, a store that corrupts what it receives, an
update endpoint that is down) leave every old graph in place and no staging graph behind."""
from __future__ import annotations

import urllib.parse
import urllib.error
import urllib.request
from dataclasses import replace

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from tests.support.servers import fake_http_server, oxigraph_server
from ykg.catalogue import Endpoint, PushError, push_dataset
from ykg.catalogue.endpoint import graphs_named, read_graph
from ykg.catalogue.push import STAGING, digest, triples_of, update_url_for
from ykg.cli import main

pytestmark = pytest.mark.server


def forward(base: str, method: str, path: str, body: bytes) -> tuple[int, dict, bytes]:
    """Pass one request on to the real server."""
    ctype = "application/sparql-update" if path.startswith("/update") else "text/turtle"
    req = urllib.request.Request(base + path, data=body or None, method=method,
                                 headers={"Content-Type": ctype})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, {}, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {}, exc.read()


@pytest.fixture()
def server_v1(built, tmp_path):
    """An Oxigraph holding version 1 (the tables); yields (server, version-2 quads, old hashes)."""
    with oxigraph_server(root=tmp_path) as server:
        push_dataset(built.quads, Endpoint(server.query_url, timeout=60))
        extra = [ox.Quad(ox.NamedNode("urn:ykg:test"), ox.NamedNode("urn:ykg:version"),
                         ox.Literal("2"), g) for g in {q.graph_name for q in built.quads}]
        old = {g: digest(t) for g, t in triples_of(built.quads).items()}
        yield server, built.quads + extra, old


def held(server, graphs) -> dict[str, str]:
    bare = Endpoint(server.query_url, default_graphs=())
    return {g: digest(read_graph(bare, g)) for g in graphs}


def no_staging(server) -> bool:
    return graphs_named(Endpoint(server.query_url, default_graphs=()), STAGING) == []


def test_content_not_counts_a_store_that_changes_a_value_is_caught(server_v1):
    server, v2, old = server_v1
    base = server.query_url.rsplit("/", 1)[0]

    def corrupt(method, path, body):  # same number of triples, one object changed
        return forward(base, method, path, body.replace(b'"JPY"', b'"USD"', 1))
    with fake_http_server(corrupt) as proxy:
        with pytest.raises(PushError) as err:
            push_dataset(v2, Endpoint(server.query_url, timeout=30), proxy + "/store")
    assert "does not hold what was sent" in err.value.outcome.error
    assert [w.status for w in err.value.outcome.writes] == ["unchanged"] * 5
    assert held(server, old) == old and no_staging(server)


@pytest.mark.parametrize("fail", ["MOVE", "COPY"])
def test_a_failed_switch_changes_nothing(server_v1, fail):
    server, v2, old = server_v1
    base = server.query_url.rsplit("/", 1)[0]

    def failing(method, path, body):
        if path.startswith("/update") and body.lstrip().startswith(fail.encode()) and \
                (fail == "COPY" or b"/new/" in body):  # the switch (COPY aside, MOVE in)
            return 500, {"Content-Type": "text/plain"}, b"storage exhausted"
        return forward(base, method, path, body)
    with fake_http_server(failing) as proxy:
        with pytest.raises(PushError) as err:
            push_dataset(v2, Endpoint(server.query_url, timeout=30), update_url=proxy + "/update")
    report = err.value.outcome
    assert report.error.startswith("nothing changed") and "HTTP 500" in report.error
    assert {w.status for w in report.writes} == ({"restored"} if fail == "MOVE" else {"unchanged"})
    assert held(server, old) == old and no_staging(server)
    assert "The server holds the old graphs" in report.text()


def test_an_update_endpoint_that_is_down_writes_nothing(server_v1):
    server, v2, old = server_v1
    from tests.support.net import free_port
    with pytest.raises(PushError) as err:
        push_dataset(v2, Endpoint(server.query_url, timeout=10),
                     update_url=f"http://127.0.0.1:{free_port()}/update")
    assert err.value.outcome.error.startswith("nothing written: cannot reach")
    assert held(server, old) == old


def test_a_second_push_removes_staging_left_by_a_killed_one(server_v1, built):
    server, v2, _ = server_v1
    store = server.graph_store_url
    leftover = f"{STAGING}dead/new/0"
    req = urllib.request.Request(f"{store}?graph={urllib.parse.quote(leftover, safe='')}",
                                 data=b"<urn:a> <urn:b> <urn:c> .", method="PUT",
                                 headers={"Content-Type": "text/turtle"})
    urllib.request.urlopen(req, timeout=30).close()
    assert not no_staging(server)
    report = push_dataset(v2, Endpoint(server.query_url, timeout=60))
    assert report.ok and no_staging(server)
    assert held(server, [w.graph for w in report.writes]) == \
        {w.graph: w.sha256 for w in report.writes}


def test_update_urls_of_known_servers():
    assert update_url_for("http://h:7878/query") == "http://h:7878/update"
    assert update_url_for("http://h/sparql", authenticated=True) == "http://h/sparql-auth"


@pytest.mark.parametrize("timeout", ["0", "-1"])
def test_push_timeout_must_be_positive(timeout):
    ran = CliRunner().invoke(main, ["push", "--endpoint", "http://127.0.0.1:1/query",
                                    "--timeout", timeout])
    assert ran.exit_code == 2 and "Traceback" not in ran.output, ran.output
    assert "--timeout" in ran.output


def test_a_report_names_every_graph_with_its_hash(server_v1):
    server, v2, _ = server_v1
    report = push_dataset(v2, replace(Endpoint(server.query_url), timeout=60))
    text = report.text()
    assert text.startswith("pushed 5 graphs") and "content verified" in text
    assert all(f"sha256 {w.sha256[:16]}" in text for w in report.writes)
