"""The four output files: parsed by rdflib and pyoxigraph, byte-identical across builds."""
from __future__ import annotations

import os
import subprocess
import sys

import pyoxigraph as ox
import pytest
import rdflib

FILES = {"graph.ttl": ("turtle", ox.RdfFormat.TURTLE), "graph.trig": ("trig", ox.RdfFormat.TRIG),
         "graph.nt": ("nt", ox.RdfFormat.N_TRIPLES), "graph.jsonld": ("json-ld", ox.RdfFormat.JSON_LD)}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    outs = []
    for seed in ("1", "2"):
        out = tmp_path_factory.mktemp(f"build{seed}")
        env = dict(os.environ, PYTHONHASHSEED=seed)
        r = subprocess.run([sys.executable, "-m", "ykg.cli", "build", "--out", str(out)],
                           capture_output=True, text=True, env=env)
        assert r.returncode == 0, r.stderr
        outs.append(out)
    return outs


def test_four_files_written(two_builds):
    # The writer may keep its own files beside them (hidden): the graph files are these four.
    assert sorted(p.name for p in two_builds[0].glob("graph.*")) == sorted(FILES)


def test_builds_are_byte_identical(two_builds):
    a, b = two_builds
    for name in FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


@pytest.mark.parametrize("name", sorted(FILES))
def test_rdflib_and_pyoxigraph_parse_every_file(two_builds, built, name):
    path = two_builds[0] / name
    rdflib_fmt, ox_fmt = FILES[name]
    union = {(str(t.subject), str(t.predicate), str(t.object)) for t in built.triples()}
    if name in ("graph.trig", "graph.jsonld"):
        ds = rdflib.Dataset()
        ds.parse(path, format=rdflib_fmt)
        n_rdflib = len({(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))})
        quads = list(ox.parse(path=str(path), format=ox_fmt))
        assert len(quads) == len(built.quads)
        assert {q.graph_name.value for q in quads} == set(built.graph_names())
    else:
        g = rdflib.Graph()
        g.parse(path, format=rdflib_fmt)
        n_rdflib = len(g)
        triples = {(str(t.subject), str(t.predicate), str(t.object))
                   for t in ox.parse(path=str(path), format=ox_fmt)}
        assert triples == union
    assert n_rdflib == len(union)


def test_ntriples_lines_are_sorted_and_unique(two_builds):
    lines = (two_builds[0] / "graph.nt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(set(lines))


def test_no_blank_nodes(two_builds):
    text = (two_builds[0] / "graph.nt").read_text(encoding="utf-8")
    assert "_:" not in text


def test_base_iri_is_configurable(tmp_path):
    out = tmp_path / "o"
    r = subprocess.run([sys.executable, "-m", "ykg.cli", "build", "--out", str(out), "--base",
                        "http://example.org/ykg"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    subjects = {t.subject.value for t in ox.parse(path=str(out / "graph.nt"),
                                                  format=ox.RdfFormat.N_TRIPLES)}
    # Every minted IRI moves to the base; only other datasets' IRIs (outside links) stay.
    assert subjects and not [s for s in subjects if s.startswith("https://w3id.org/ykg/")]
    assert len([s for s in subjects if s.startswith("http://example.org/ykg/")]) > 0.99 * len(subjects)


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_written_file_validates(two_builds, name):
    from graphbuild.validate import validate_file
    report = validate_file(two_builds[0] / name)
    assert report.conforms, report.text()


def test_cli_validate_file_reports_and_exits(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('<https://w3id.org/ykg/id/program/p1> a <https://w3id.org/ykg/def#Program> .\n',
                   encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "ykg.cli", "validate", "--file", str(bad)],
                       capture_output=True, text=True)
    assert r.returncode == 1
    assert "所管部局" in r.stdout and "responsible department" in r.stdout
    garbage = tmp_path / "garbage.ttl"
    garbage.write_text("not turtle", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "ykg.cli", "validate", "--file", str(garbage)],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "Traceback" not in r.stderr
