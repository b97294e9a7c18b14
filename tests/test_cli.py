"""The command line: one error mapping, one --source, one way to name an entity, a fast start."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from ykg.cli import main
from ykg.foundation.errors import NotFound, UserError

HEAVY = ("pyoxigraph", "rdflib", "networkx", "jinja2", "pyshacl", "SPARQLWrapper", "pykakasi",
         "graphbuild")
P5 = "https://w3id.org/ykg/id/program/p0005"
# Every form of one entity a command accepts: IRI, kind/id, id, ja label, reading, en label.
P5_FORMS = (P5, "program/p0005", "p0005", "やまぐちDX推進事業",
            "やまぐちDXすいしんじぎょう", "Yamaguchi DX promotion program")


def ykg(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "ykg.cli", *args], capture_output=True,
                          text=True, cwd=cwd)


def invoke(*args, **kwargs):
    return CliRunner().invoke(main, [str(a) for a in args], **kwargs)


@pytest.fixture(scope="module")
def build_dir(built, tmp_path_factory):
    """A build folder written from the tables, to load with --source."""
    from graphbuild import write_build
    out = tmp_path_factory.mktemp("build")
    write_build(built, out)
    return out


# -- start-up ------------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [["--help"], ["view", "--help"], ["query", "run", "--help"],
                                  ["publish", "--help"], ["--version"]])
def test_help_imports_no_heavy_library(args):
    code = ("import sys\nfrom ykg.cli import main\n"
            f"main({args!r}, standalone_mode=False)\n"
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "[]"


def test_the_cli_starts_without_the_packages_no_command_has_run_yet():
    # Each command imports what it runs: build and validate load no catalogue, HTTP client or views.
    code = ("import sys\nfrom ykg.cli import main\n"
            "print(sorted(m for m in ('ykg.catalogue', 'ykg.views', 'ykg.store', 'http.client')"
            " if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "[]"


def test_version_comes_from_the_constants():
    import ykg
    from ykg.foundation.constants import VERSION
    assert ykg.__version__ == VERSION
    assert invoke("--version").output == f"ykg, version {VERSION}\n"


def test_python_dash_m_runs_the_cli():
    r = ykg("--help")
    assert r.returncode == 0 and "Usage: ykg" in r.stdout


# -- errors and exit codes -----------------------------------------------------------------------

def test_bad_base_exits_2_naming_the_option_without_traceback(tmp_path):
    r = ykg("build", "--out", str(tmp_path / "o"), "--base", "not an iri")
    assert r.returncode == 2
    assert "--base" in r.stderr and "Traceback" not in r.stderr + r.stdout
    assert not (tmp_path / "o").exists()


def test_unknown_entity_exits_1_with_candidates(build_dir):
    r = ykg("path", "やまぐちDX推事業", "program/p0010", "--source", str(build_dir))
    assert r.returncode == 1, r.stderr
    assert "matches 'やまぐちDX推事業'" in r.stderr
    candidates = r.stderr.split("did you mean: ", 1)[1]
    assert candidates.startswith("program/p0005 やまぐちDX推進事業")
    assert "Traceback" not in r.stderr and r.stdout == ""


def test_a_near_miss_is_answered_with_the_closest_candidates(build_dir, tmp_path):
    out = tmp_path / "v.html"
    r = invoke("view", "department", "教育医院会", "--source", build_dir, "--out", out)
    assert r.exit_code == 1 and "did you mean" in r.output and "org/kyoiku-iinkai" in r.output
    assert not out.exists()


@pytest.mark.parametrize("error, code, text", [
    (UserError("bad thing"), 2, "error: bad thing\n"),
    (NotFound("no such x", ["program/p0001 a", "program/p0002 b"]), 1,
     "error: no such x\n  did you mean: program/p0001 a, program/p0002 b\n"),
])
def test_errors_map_to_exit_codes_in_one_place(monkeypatch, error, code, text):
    from ykg.app import Application

    def fail(self):
        raise error
    monkeypatch.setattr(Application, "stats", fail)
    r = invoke("stats")
    assert (r.exit_code, r.output) == (code, text)
    assert isinstance(r.exception, SystemExit)


def test_data_error_prints_every_problem_and_exits_2(monkeypatch):
    from graphbuild import DataError, Problem
    from ykg.app import Application
    problems = [Problem("data/programs.csv", 3, "department", "unknown department 'x'"),
                Problem("data/goals.csv", 4, "id", "duplicate id 'g1'")]

    def fail(self):
        raise DataError(problems)
    monkeypatch.setattr(Application, "stats", fail)
    r = invoke("stats")
    assert r.exit_code == 2
    assert r.output == DataError(problems).report() + "\n"


def test_a_bug_is_not_hidden(monkeypatch):
    from ykg.app import Application

    def fail(self):
        raise KeyError("bug")
    monkeypatch.setattr(Application, "stats", fail)
    r = invoke("stats")
    assert isinstance(r.exception, KeyError)


# -- --source means one thing --------------------------------------------------------------------

GRAPH_COMMANDS = [
    ["build", "--out", "{tmp}/o"], ["validate"], ["stats"],
    ["query", "run", "loan-facilities"], ["query", "run-all", "--out", "{tmp}/q"],
    ["sparql", "-"], ["push", "--endpoint", "http://127.0.0.1:1/query"],
    ["view", "overview", "--out", "{tmp}/v.html"], ["analyze"], ["path", "p0005", "p0010"],
    ["publish", "--out", "{tmp}/site"],
]


@pytest.mark.parametrize("args", GRAPH_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_every_graph_command_takes_source_as_a_build_or_dump(args, tmp_path):
    args = [a.format(tmp=tmp_path) for a in args]
    missing = tmp_path / "missing"
    r = invoke(*args, "--source", missing, input="ASK {}")
    assert r.exit_code == 2, r.output
    assert f"{missing} does not exist" in r.output and "Traceback" not in r.output
    text = tmp_path / "source.txt"
    text.write_text("a source text file is not a graph", encoding="utf-8")
    r = invoke(*args, "--source", text, input="ASK {}")
    assert r.exit_code == 2 and "expected a build folder, .trig or .nq file" in r.output


def test_source_and_data_together_are_refused(tmp_path):
    r = invoke("stats", "--source", tmp_path, "--data", tmp_path)
    assert r.exit_code == 2 and "either --source or --data" in r.output


def test_source_loads_the_same_graph_as_the_tables(build_dir):
    from_tables = invoke("stats")
    from_build = invoke("stats", "--source", build_dir)
    from_dump = invoke("stats", "--source", build_dir / "graph.trig")
    assert from_tables.exit_code == 0, from_tables.output
    assert from_tables.output == from_build.output == from_dump.output
    q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    counts = {invoke("sparql", "-", "--source", build_dir, "--format", "json", input=q).output,
              invoke("sparql", "-", "--format", "json", input=q).output}
    assert len(counts) == 1 and json.loads(counts.pop())[0]["n"] > 10_000


# -- one way to name an entity -------------------------------------------------------------------

def test_the_application_resolves_every_form_of_an_entity(build_dir):
    from ykg.app import Application
    app = Application(source=build_dir)
    assert {app.resolve(form) for form in P5_FORMS} == {P5}
    assert app.resolve("教育委員会", ("org",)) == "https://w3id.org/ykg/id/org/kyoiku-iinkai"
    with pytest.raises(NotFound) as miss:
        app.resolve("教育医院会", ("org",))
    assert miss.value.candidates[0] == "org/kyoiku-iinkai 教育委員会"


def test_path_accepts_every_form_of_an_entity(build_dir):
    outputs = set()
    for form in P5_FORMS:
        r = invoke("path", form, "program/p0010", "--source", build_dir)
        assert r.exit_code == 0, (form, r.output)
        outputs.add(r.output)
    assert len(outputs) == 1
    assert outputs.pop().startswith("やまぐちDX推進事業 (事業, program/p0005) から")


def test_view_accepts_every_form_of_an_entity(build_dir, tmp_path):
    pages = set()
    for n, form in enumerate(P5_FORMS):
        out = tmp_path / f"v{n}.html"
        r = invoke("view", "program", form, "--source", build_dir, "--out", out)
        assert r.exit_code == 0, (form, r.output)
        pages.add(out.read_bytes())
    assert len(pages) == 1
    one, two = tmp_path / "a.html", tmp_path / "b.html"
    assert invoke("view", "path", "p0005", "中小企業クラウド型RPA共同利用化推進事業",
                  "--source", build_dir, "--out", one).exit_code == 0
    assert invoke("view", "path", P5, "program/p0010", "--source", build_dir,
                  "--out", two).exit_code == 0
    assert one.read_bytes() == two.read_bytes()


def test_query_parameters_accept_entity_names(build_dir):
    by_iri = invoke("query", "run", "neighbours", "-p", f"entity={P5}", "--source", build_dir,
                    "--format", "csv")
    assert by_iri.exit_code == 0, by_iri.output
    for form in P5_FORMS[1:]:
        r = invoke("query", "run", "neighbours", "-p", f"entity={form}", "--source", build_dir,
                   "--format", "csv")
        assert (r.exit_code, r.output) == (0, by_iri.output), form


def test_build_from_source_rewrites_the_same_files(build_dir, tmp_path):
    r = invoke("build", "--source", build_dir / "graph.trig", "--out", tmp_path / "again")
    assert r.exit_code == 0, r.output
    written = sorted(build_dir.glob("graph.*"))
    assert [f.name for f in written] == ["graph.jsonld", "graph.nt", "graph.trig", "graph.ttl"]
    for f in written:
        assert (tmp_path / "again" / f.name).read_bytes() == f.read_bytes(), f.name


def test_publish_from_source_writes_the_site_of_the_tables(build_dir, tmp_path):
    assert invoke("publish", "--out", tmp_path / "a").exit_code == 0
    r = invoke("publish", "--source", build_dir, "--out", tmp_path / "b")
    assert r.exit_code == 0, r.output
    tree = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*")
            if p.is_file()}
    assert tree and all((tmp_path / "b" / k).read_bytes() == v for k, v in tree.items())
    assert len(list((tmp_path / "b").rglob("*"))) == len(list((tmp_path / "a").rglob("*")))


def test_a_file_that_cannot_be_written_is_a_message(build_dir, tmp_path):
    (tmp_path / "plain").write_text("not a folder", encoding="utf-8")
    r = invoke("view", "overview", "--source", build_dir, "--out", tmp_path / "plain" / "v.html")
    assert r.exit_code == 2 and r.output.startswith("error: ")
    assert str(tmp_path / "plain") in r.output
    assert isinstance(r.exception, SystemExit)


@pytest.mark.parametrize("url", ["http://x.org/a b", 'http://x.org/a"b', "ftp://x.org/site",
                                 "http://x.org/%zz", "http://x.org/a?b"])
def test_a_bad_site_url_exits_2_naming_the_option_and_writes_nothing(build_dir, tmp_path, url):
    r = invoke("publish", "--source", build_dir, "--out", tmp_path / "site", "--site-url", url)
    assert r.exit_code == 2 and "--site-url must be an absolute http(s) IRI" in r.output
    assert "Traceback" not in r.output and not (tmp_path / "site").exists()


@pytest.mark.parametrize("text, message", [
    ("SELEKT * WHERE { ?s ?p ?o }", "error at 1:1: expected SELECT, CONSTRUCT, DESCRIBE or ASK, "
                                    "found 'SELEKT'"),
    ("SELECT * WHERE { ?s ?p ?o ", "error at 1:27: found the end of the query"),
    ("INSERT DATA { <a:b> <a:c> <a:d> }", "found 'INSERT', an update"),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/q> { ?s ?p ?o } }",
     "SERVICE calls another server; a local query may not use it"),
])
def test_a_local_query_error_points_at_the_culprit(build_dir, tmp_path, text, message):
    query = tmp_path / "q.rq"
    query.write_text(text, encoding="utf-8")
    r = invoke("sparql", query, "--source", build_dir)
    assert r.exit_code == 2 and message in r.output and "Traceback" not in r.output


def test_a_broken_ontology_stops_publish_and_view_naming_its_line(build_dir, tmp_path, monkeypatch):
    from ykg.foundation.paths import ONTOLOGY_FILE
    from ykg.foundation.rdf import RdfFileError
    from ykg.network import vocabulary
    from ykg.site import vocabulary as site_vocabulary
    broken = tmp_path / "ykg.ttl"
    text = ONTOLOGY_FILE.read_text(encoding="utf-8")
    broken.write_text(text + "ykg:Broken a ;\n", encoding="utf-8")
    line = text.count("\n") + 1
    with pytest.raises(RdfFileError, match=rf"^{re.escape(str(broken))}:{line}:14: "):
        site_vocabulary.Vocabulary(broken)
    with pytest.raises(RdfFileError, match=rf":{line}:14: not valid Turtle"):
        site_vocabulary.external_labels(broken)
    monkeypatch.setattr(vocabulary, "ONTOLOGY_FILE", broken)
    vocabulary.ontology_labels.cache_clear()
    try:
        r = invoke("view", "overview", "--source", build_dir, "--out", tmp_path / "o.html")
    finally:
        vocabulary.ontology_labels.cache_clear()
    assert r.exit_code == 2 and f"error: {broken}:{line}:14: not valid Turtle" in r.output
    assert "Traceback" not in r.output and not (tmp_path / "o.html").exists()
