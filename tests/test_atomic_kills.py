"""Kill `ykg build`, `ykg publish` and `ykg push` at random moments, many times over: every time the
output (the four graph files, the site, the server's graphs) is the whole old or the whole new
version, and the next complete run leaves nothing behind.

Versions A and B of the dataset differ by one triple per graph; runs alternate between them, each
killed (SIGKILL) after a random delay up to a little more than a full run takes. Bounded: KILLS
runs per command.
"""
from __future__ import annotations

import random
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest

from graphbuild import write_build
from graphbuild.build import OUTPUT_FILES, STATE_DIR
from tests.support.servers import oxigraph_server
from tests.support.site import ykg_command
from ykg.catalogue import Endpoint
from ykg.catalogue.endpoint import graphs_named
from ykg.catalogue.push import STAGING, digest

KILLS = 12
SEED = 20260401
pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def versions(built, tmp_path_factory) -> dict[str, Path]:
    """Two builds (folders with graph.trig): A = the tables, B = A plus one triple per graph."""
    tmp = tmp_path_factory.mktemp("versions")
    extra = [ox.Quad(ox.NamedNode("urn:ykg:test"), ox.NamedNode("urn:ykg:version"),
                     ox.Literal("B"), g) for g in {q.graph_name for q in built.quads}]
    write_build(built, tmp / "A")
    write_build(replace(built, quads=sorted(built.quads + extra, key=str)), tmp / "B")
    return {"A": tmp / "A", "B": tmp / "B"}


def kill_runs(command, state, expected: dict, runs: int = KILLS) -> dict[str, int]:
    """Run command(version) killed at random moments; state() must always be one whole version.

    Returns how often each outcome was seen (A, B, and completed runs).
    """
    rng = random.Random(SEED)
    started = time.monotonic()
    subprocess.run(command("A"), check=True, capture_output=True)
    full = time.monotonic() - started
    seen = {"A": 0, "B": 0, "completed": 0}
    for i in range(runs):
        version = "B" if i % 2 == 0 else "A"
        proc = subprocess.Popen(command(version), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        try:
            proc.wait(timeout=rng.uniform(0.05, full * 1.2))
            seen["completed"] += 1
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        now = state()
        matches = [v for v, want in expected.items() if now == want]
        assert matches, f"run {i} (version {version}) left a mixed state"
        seen[matches[0]] += 1
    return seen


def test_killed_builds_leave_old_or_new_files(versions, tmp_path):
    out = tmp_path / "out"

    def command(v, into=out):
        return ykg_command() + ["build", "--source", str(versions[v] / "graph.trig"),
                                "--out", str(into)]
    expected = {}
    for v in versions:
        subprocess.run(command(v, tmp_path / f"ref-{v}"), check=True, capture_output=True)
        expected[v] = {n: (tmp_path / f"ref-{v}" / n).read_bytes() for n in OUTPUT_FILES}
    assert expected["A"] != expected["B"]

    def state():
        return {n: (out / n).read_bytes() for n in OUTPUT_FILES}
    seen = kill_runs(command, state, expected)
    assert seen["A"] + seen["B"] == KILLS
    subprocess.run(command("B"), check=True, capture_output=True)
    assert state() == expected["B"]
    assert len([p for p in (out / STATE_DIR).iterdir() if p.name.startswith("v-")]) == 1
    print("build kills:", seen)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_killed_publishes_leave_a_whole_site(versions, tmp_path):
    refs = {}
    for v in versions:
        subprocess.run(ykg_command() + ["publish", "--source", str(versions[v] / "graph.trig"),
                                        "--out", str(tmp_path / f"ref-{v}")],
                       check=True, capture_output=True)
        refs[v] = tree(tmp_path / f"ref-{v}")
    work = tmp_path / "work"
    work.mkdir()
    out = work / "site"

    def command(v):
        return ykg_command() + ["publish", "--source", str(versions[v] / "graph.trig"),
                                "--out", str(out)]
    seen = kill_runs(command, lambda: tree(out), refs, runs=KILLS // 2)
    subprocess.run(command("A"), check=True, capture_output=True)
    assert tree(out) == refs["A"]
    # no staging folder left; the re-publish cache is beside the site
    assert sorted(p.name for p in work.iterdir()) == [".site.publish-cache", "site"]
    print("publish kills:", seen)


def snapshot(query_url: str, graphs) -> dict[str, str]:
    """The content hash of each graph, all read in ONE query (one snapshot of the store).

    A killed client's last request may still be running on the server; graph-by-graph reads
    could straddle its commit.
    """
    import json
    import urllib.parse
    import urllib.request

    from ykg.catalogue.endpoint import term_from_json
    query = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
    req = urllib.request.Request(query_url, data=urllib.parse.urlencode({"query": query}).encode(),
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        rows = json.loads(resp.read())["results"]["bindings"]
    triples: dict = {g: [] for g in graphs}
    for r in rows:
        if r["g"]["value"] in triples:
            triples[r["g"]["value"]].append(ox.Triple(*(term_from_json(r[k]) for k in "spo")))
    return {g: digest(t) for g, t in triples.items()}


def test_killed_pushes_leave_old_or_new_graphs(versions, tmp_path):
    hashes = {}
    for v, folder in versions.items():
        quads = ox.parse(path=str(folder / "graph.trig"), format=ox.RdfFormat.TRIG)
        graphs: dict = {}
        for q in quads:
            graphs.setdefault(q.graph_name.value, []).append(q.triple)
        hashes[v] = {g: digest(t) for g, t in graphs.items()}
    with oxigraph_server(root=tmp_path / "ox") as server:
        bare = Endpoint(server.query_url, default_graphs=())

        def command(v):
            return ykg_command() + ["push", "--source", str(versions[v] / "graph.trig"),
                                    "--endpoint", server.query_url, "--timeout", "30"]

        def state():
            return snapshot(server.query_url, hashes["A"])
        seen = kill_runs(command, state, hashes, runs=KILLS // 2)
        subprocess.run(command("B"), check=True, capture_output=True)
        assert state() == hashes["B"]
        assert graphs_named(bare, STAGING) == []  # staging and backups of killed runs removed
    print("push kills:", seen)
