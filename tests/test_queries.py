"""The query catalogue: headers, projections, ORDER BY, README, goldens, binding, CLI."""
from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graphbuild import build_dataset, write_build
from ykg.catalogue import (FORMATS, QueryError, QueryResult, format_result, load_catalogue,
                           load_query, render_readme, run_all, run_local, run_query, to_csv)
from ykg.foundation.results import width
from ykg.cli import main
from ykg.foundation.errors import NotFound, UserError
from ykg.foundation.paths import QUERIES_DIR
from ykg.foundation.sparql import substitute
from ykg.store import load_build, open_store, store_from_build

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
GOLDEN = ROOT / "tests" / "golden" / "queries"
CATALOGUE = load_catalogue()
IDS = list(CATALOGUE)
# The columns of the queries of a plan's things end with plan_label (issue 13: which plan).
REQUIRED = {
    "programs-in-several-projects": ["program_label", "n_projects", "projects", "plan_label"],
    "budget-by-project": ["project_no", "project_label", "own_budget_kyen", "listed_budget_kyen",
                          "n_components", "plan_label"],
    "budget-by-department": ["department_label", "sakigake_budget_kyen", "n_sakigake_programs",
                             "n_programs", "plan_label"],
    "department-project-matrix": ["department_label", "project_no", "n_programs", "plan_label"],
    "programs-across-areas": ["program_label", "n_areas", "areas", "plan_label"],
    "programs-by-goal-count": ["program_label", "n_goals", "plan_label"],
    "goals-without-sakigake": ["area_label", "goal_label", "plan_label"],
    "departments-by-section": ["department_label", "in_section2", "in_sakigake", "plan_label"],
    "technology-coverage": ["technology_label", "n_goals", "n_programs", "n_projects"],
    "loan-facilities": ["program_label", "project_no", "amount_kyen", "plan_label"],
    "projects-without-budget": ["project_no", "project_label", "n_components", "plan_label"],
    "sub-programs": ["parent_label", "sub_program_label", "projects", "plan_label"],
    "pillar-coverage": ["pillar_label", "n_initiatives", "n_linked_programs", "n_linked_projects", "plan_label"],
    "strategy-changes": ["basic_goal_no", "pillar_label", "initiative_label", "change", "plan_label"],
    "headquarters-posts": ["role", "post_label", "organization_label", "plan_label"],
    "search": ["entity", "class", "label"],
    "neighbours": ["predicate", "direction", "other", "other_label"],
}


def _body(text: str) -> str:
    """The query without comments and string literals (for keyword checks)."""
    text = re.sub(r"(?m)^\s*#.*$", "", text)
    return re.sub(r'"[^"\n]*"', '""', text)


@pytest.fixture(scope="module")
def mini_store():
    return store_from_build(build_dataset(MINI))


# -- the catalogue -------------------------------------------------------------------------------

def test_required_queries_exist_with_their_columns():
    for qid, columns in REQUIRED.items():
        assert qid in CATALOGUE, qid
        assert CATALOGUE[qid].column_names == columns, qid
    assert [p.name for p in CATALOGUE["search"].params] == ["q"]
    assert [p.name for p in CATALOGUE["neighbours"].params] == ["entity"]
    assert len(CATALOGUE) > len(REQUIRED), "add the questions a planner asks next"


@pytest.mark.parametrize("qid", IDS)
def test_header_is_complete(qid):
    q = CATALOGUE[qid]
    for text in (q.summary_ja, q.description_ja):
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text), f"{qid}: Japanese expected"
    for text in (q.summary_en, q.description_en):
        assert re.search(r"[A-Za-z]{3}", text), f"{qid}: English expected"
    assert q.path.name == f"{qid}.rq"
    required = {p.name for p in q.params if not p.optional}
    assert required <= dict(q.example).keys() <= {p.name for p in q.params}


@pytest.mark.parametrize("qid", IDS)
def test_projection_is_columns_then_params(qid):
    q = CATALOGUE[qid]
    # An empty store parses the query and reports the projected variables.
    solutions = ox.Store().query(q.text)
    assert [v.value for v in solutions.variables] == q.projection


@pytest.mark.parametrize("qid", IDS)
def test_every_select_has_order_by(qid):
    body = _body(CATALOGUE[qid].text)
    assert re.search(r"\bSELECT\b", body)
    assert re.search(r"\bORDER\s+BY\b", body), f"{qid} has no ORDER BY"
    assert "GROUP_CONCAT" not in body.upper(), "GROUP_CONCAT's order differs between engines"


@pytest.mark.parametrize("qid", [q for q in IDS if CATALOGUE[q].params])
def test_params_are_used_in_the_outer_where_only(qid):
    # A VALUES block at the top of the outer WHERE binds them remotely: subqueries cannot see it.
    q = CATALOGUE[qid]
    body = _body(q.text)
    for p in q.params:
        for sub in re.finditer(r"\{\s*SELECT\b", body, re.IGNORECASE):
            depth, i = 0, sub.start()
            while True:
                depth += {"{": 1, "}": -1}.get(body[i], 0)
                i += 1
                if depth == 0:
                    break
            assert f"?{p.name}" not in body[sub.start():i], f"{qid}: ?{p.name} in a subquery"


def test_readme_is_generated_from_the_headers():
    path = QUERIES_DIR / "README.md"
    assert path.read_text(encoding="utf-8") == render_readme(CATALOGUE), \
        "queries/README.md is out of date: run `ykg query readme`"
    text = path.read_text(encoding="utf-8")
    for qid in IDS:
        assert f"[`{qid}`]({qid}.rq)" in text


def test_readme_check_command():
    result = CliRunner().invoke(main, ["query", "readme", "--check"])
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output


# -- header errors -------------------------------------------------------------------------------

GOOD_HEADER = """#+ summary_ja: 要約
#+ summary_en: Summary
#+ description_ja: 説明
#+ description_en: Description
"""


@pytest.mark.parametrize("header, message", [
    ("#+ summary_ja: 要約\n", "needs '#+ summary_en:'"),
    (GOOD_HEADER + "#+ columns: a, b:money\n", "bad column"),
    (GOOD_HEADER + "#+ columns: a\n#+ colour: red\n", "unknown header key"),
    (GOOD_HEADER + "#+ columns: a\n#+ param: q text \"x\"\n#+ example: q=1\n", "bad param"),
    (GOOD_HEADER + "#+ columns: a\n#+ param: q string \"x\"\n", "example"),
    (GOOD_HEADER + "#+ columns: q\n#+ param: q string \"x\"\n#+ example: q=1\n",
     "not a result column"),
    (GOOD_HEADER + "#+columns: a\n", "bad header line"),
])
def test_bad_headers_are_reported_with_the_file(tmp_path, header, message):
    path = tmp_path / "my-query.rq"
    path.write_text(header + "SELECT ?a WHERE {} ORDER BY ?a\n", encoding="utf-8")
    with pytest.raises(QueryError, match=re.escape(message)) as err:
        load_query(path)
    assert "my-query.rq" in str(err.value)


def test_continuation_lines_join_the_description(tmp_path):
    path = tmp_path / "q.rq"
    path.write_text(GOOD_HEADER.replace("#+ description_en: Description\n",
                                        "#+ description_en: First part\n#+   and second.\n")
                    + "#+ columns: a\nSELECT ?a WHERE {} ORDER BY ?a\n", encoding="utf-8")
    assert load_query(path).description_en == "First part and second."
    path.write_text(GOOD_HEADER.replace("#+ description_ja: 説明\n",
                                        "#+ description_ja: 前半の\n#+   後半。\n")
                    + "#+ columns: a\nSELECT ?a WHERE {} ORDER BY ?a\n", encoding="utf-8")
    assert load_query(path).description_ja == "前半の後半。"


# -- goldens on the mini fixture -----------------------------------------------------------------

@pytest.mark.parametrize("qid", IDS)
def test_golden_csv_on_the_mini_fixture(qid, mini_store):
    golden = GOLDEN / f"{qid}.csv"
    assert golden.exists(), f"missing {golden}: run scripts/update-query-goldens.sh"
    result = run_query(mini_store, qid, use_example=True)
    assert to_csv(result) == golden.read_text(encoding="utf-8"), \
        f"{qid} differs from its golden CSV (regenerate with scripts/update-query-goldens.sh)"


def test_no_stray_goldens():
    assert sorted(p.stem for p in GOLDEN.glob("*.csv")) == sorted(IDS)


def test_goldens_hold_the_facts_of_the_fixture():
    # The fixture holds projects 3, 4, 7, 8, 9: check the goldens say what the source says.
    rows = (GOLDEN / "budget-by-project.csv").read_text(encoding="utf-8").splitlines()
    assert rows[1].split(",")[2:5] == ["139974", "139974", "3"]
    assert rows[2].split(",")[2:5] == ["1134713", "1154713", "11"]
    assert (GOLDEN / "loan-facilities.csv").read_text(encoding="utf-8").splitlines()[1] == \
        "中小企業制度融資（DX対応資金）,4,500000,やまぐちデジタル改革基本方針 ナレッジグラフ"
    assert '建設DX加速化事業,2,"3,4"' in (GOLDEN / "programs-in-several-projects.csv").read_text(
        encoding="utf-8")


def test_run_all_writes_one_csv_per_query(tmp_path, mini_store):
    written = run_all(mini_store, tmp_path / "out")
    assert [qid for qid, _, _ in written] == IDS
    for qid, n, path in written:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0] == ",".join(CATALOGUE[qid].column_names)
        assert path.read_text(encoding="utf-8") == (GOLDEN / f"{qid}.csv").read_text(
            encoding="utf-8")


# -- binding -------------------------------------------------------------------------------------

@pytest.mark.parametrize("qid, values", [
    ("search", {"q": "デジタル人材"}), ("search", {"q": "civic tech"}), ("search", {"q": "ＤＸ"}),
    ("neighbours", {"entity": "program/p0005"}),
    ("neighbours", {"entity": "https://w3id.org/ykg/id/sakigake/04"}),
])
def test_remote_binding_gives_the_same_rows_as_local_substitution(store, qid, values):
    # The VALUES text sent to servers, run on the embedded store, equals pyoxigraph's substitution.
    q = CATALOGUE[qid]
    bindings = q.bindings(values)
    local = run_local(store, q.text, bindings)
    remote_text = run_local(store, substitute(q.text, bindings))
    assert local.rows and remote_text.rows == local.rows


def test_substitute_writes_escaped_literals_and_iris():
    q = CATALOGUE["search"]
    text = substitute(q.text, {"q": ox.Literal('a"b\\c\nd')})
    assert 'VALUES (?q) { ("a\\"b\\\\c\\nd") }' in text
    text = substitute(CATALOGUE["neighbours"].text,
                      {"entity": ox.NamedNode("https://w3id.org/ykg/id/program/p0005")})
    assert "VALUES (?entity) { (<https://w3id.org/ykg/id/program/p0005>) }" in text
    ox.Store().query(text)  # still parses


def test_an_injection_attempt_stays_a_string(store):
    evil = '"} } SELECT * WHERE { ?s ?p ?o } #'
    result = run_query(store, "search", {"q": evil})
    assert result.rows == []


@pytest.mark.parametrize("qid, values, message", [
    ("search", {}, "needs a value for q"),
    ("search", {"q": "   "}, "nothing left to search"),
    ("search", {"q": "a\x00b"}, "control characters"),
    ("search", {"q": "x" * 501}, "longer than"),
    ("search", {"q": "a\\u0022b"}, "the sequence \\u is not allowed"),
    ("search", {"q": "x", "z": "1"}, "no parameter 'z'"),
    ("neighbours", {"entity": "http://x/a>b"}, "expected an absolute IRI"),
    ("neighbours", {"entity": "<not an iri>"}, "expected an absolute IRI"),
    ("budget-by-project", {"q": "1"}, "has no parameter"),
    ("no-such-query", {}, "no query named"),
])
def test_bad_values_are_refused_before_running(store, qid, values, message):
    with pytest.raises(QueryError, match=re.escape(message)):
        run_query(store, qid, values)


# -- entity names ---------------------------------------------------------------------------------

P0005 = "https://w3id.org/ykg/id/program/p0005"


@pytest.mark.parametrize("entity", [
    P0005, f"<{P0005}>", "program/p0005", "やまぐちDX推進事業", "ﾔﾏｸﾞﾁDX推進事業",
    "やまぐちDXすいしんじぎょう", "Yamaguchi DX promotion program"])
def test_an_iri_parameter_takes_every_form_of_the_entity(store, entity):
    result = run_query(store, "neighbours", {"entity": entity})
    assert result.rows == run_query(store, "neighbours", {"entity": "program/p0005"}).rows
    assert ("in", "https://w3id.org/ykg/id/sakigake/04") in {(r[1], r[2]) for r in result.rows}


def test_a_name_that_matches_nothing_or_several_lists_candidates(store):
    with pytest.raises(NotFound, match="no entity matches 'xyzzy'"):
        run_query(store, "neighbours", {"entity": "xyzzy"})
    with pytest.raises(NotFound) as err:
        run_query(store, "neighbours", {"entity": "デジタル人材"})
    assert "program/p0082 デジタル人材育成事業" in err.value.report()


def test_names_need_a_dataset_but_are_checked_without_one():
    q = CATALOGUE["neighbours"]
    with pytest.raises(QueryError, match="names can only be looked up in a dataset"):
        q.bindings({"entity": "やまぐちDX推進事業"})
    q.check({"entity": "やまぐちDX推進事業"})  # accepted before any data is loaded
    assert q.bindings({"entity": "program/p0005"})["entity"] == ox.NamedNode(P0005)
    with pytest.raises(QueryError, match="control characters"):
        q.check({"entity": "a\x01b"})


def test_an_explicit_resolver_is_used_for_names(store):
    asked = []

    def resolve(text):
        asked.append(text)
        return P0005
    result = run_query(store, "neighbours", {"entity": "my program"}, resolve=resolve)
    assert asked == ["my program"] and result.rows


def test_cli_resolves_an_entity_name():
    ran = CliRunner().invoke(main, ["query", "run", "neighbours", "-p", "entity=シビックテック推進事業",
                                    "--data", str(MINI), "--format", "csv"])
    assert ran.exit_code == 0, ran.output
    assert ran.output.splitlines()[0] == "predicate,direction,other,other_label"
    ran = CliRunner().invoke(main, ["query", "run", "neighbours", "-p", "entity=xyzzy",
                                    "--data", str(MINI)])
    assert ran.exit_code == 1 and "no entity matches 'xyzzy'" in ran.output


# -- formats and the CLI -------------------------------------------------------------------------

def test_formats_render_the_same_rows():
    r = QueryResult(["name", "n", "flag", "amount", "empty"],
                    [("デジタル", 3, True, Decimal("1.5"), None), ("a\tb", 0, False, Decimal(2), None)])
    assert format_result(r, "csv") == "name,n,flag,amount,empty\nデジタル,3,true,1.5,\na\tb,0,false,2,\n"
    assert format_result(r, "tsv").splitlines()[2] == "a b\t0\tfalse\t2\t"
    assert json.loads(format_result(r, "json")) == [
        {"name": "デジタル", "n": 3, "flag": True, "amount": 1.5, "empty": None},
        {"name": "a\tb", "n": 0, "flag": False, "amount": 2, "empty": None}]
    table = format_result(r, "table").splitlines()
    assert table[0].startswith("name") and table[-1] == "(2 rows)"
    # Wide characters count double, so the columns line up.
    assert width(table[2][:table[2].index("3")]) == table[0].index("  n  ") + 2


def test_cli_list_show_run(tmp_path):
    runner = CliRunner()
    listed = runner.invoke(main, ["query", "list"])
    assert listed.exit_code == 0 and len(listed.output.splitlines()) == len(IDS)
    assert "search" in listed.output and "-p q=" in listed.output
    shown = runner.invoke(main, ["query", "show", "loan-facilities"])
    assert shown.output == CATALOGUE["loan-facilities"].text
    ran = runner.invoke(main, ["query", "run", "loan-facilities", "--data", str(MINI),
                               "--format", "csv"])
    assert ran.exit_code == 0, ran.output
    assert ran.output == (GOLDEN / "loan-facilities.csv").read_text(encoding="utf-8")
    ran = runner.invoke(main, ["query", "run", "search", "-p", "q=ｼﾋﾞｯｸﾃｯｸ", "--data", str(MINI),
                               "--format", "json"])
    assert ran.exit_code == 0, ran.output
    assert [r["label"] for r in json.loads(ran.output)] == ["シビックテックの推進", "シビックテック推進事業"]
    out = tmp_path / "q"
    ran = runner.invoke(main, ["query", "run-all", "--data", str(MINI), "--out", str(out)])
    assert ran.exit_code == 0, ran.output
    assert sorted(p.stem for p in out.glob("*.csv")) == sorted(IDS)


def test_cli_runs_on_a_build_folder(tmp_path):
    write_build(build_dataset(MINI), tmp_path / "b")
    ran = CliRunner().invoke(main, ["query", "run", "budget-by-project", "--source",
                                    str(tmp_path / "b"), "--format", "csv"])
    assert ran.exit_code == 0, ran.output
    assert ran.output == (GOLDEN / "budget-by-project.csv").read_text(encoding="utf-8")


# -- the store -------------------------------------------------------------------------------------

def test_a_build_folder_and_dumps_give_the_same_store_and_build(tmp_path):
    build = build_dataset(MINI)
    write_build(build, tmp_path / "b")
    nquads = tmp_path / "graph.nq"
    nquads.write_bytes(ox.serialize(build.quads, format=ox.RdfFormat.N_QUADS))
    for source in (tmp_path / "b", tmp_path / "b" / "graph.trig", nquads):
        assert set(open_store(source)) == set(store_from_build(build)), source
        loaded = load_build(source, build.base)
        assert loaded.quads == build.quads and loaded.base == build.base
        assert loaded.origins == {} and loaded.tables is None


@pytest.mark.parametrize("name, content, message", [
    ("missing.trig", None, "does not exist"),
    ("graph.ttl", "<urn:a> <urn:b> <urn:c> .", "expected a build folder, .trig or .nq file"),
    ("broken.nq", "<a> <b> .", "cannot load"),
])
def test_a_source_that_cannot_be_loaded_is_named(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    for load in (open_store, lambda p: load_build(p, "https://example.org/x")):
        with pytest.raises(UserError, match=re.escape(message)) as err:
            load(path)
        assert name in str(err.value)


def test_cli_sparql_file_and_stdin(tmp_path):
    runner = CliRunner()
    f = tmp_path / "q.rq"
    f.write_text("PREFIX ykg: <https://w3id.org/ykg/def#>\n"
                 "SELECT (COUNT(*) AS ?n) WHERE { ?p a ykg:SakigakeProject }", encoding="utf-8")
    ran = runner.invoke(main, ["sparql", str(f), "--data", str(MINI), "--format", "csv"])
    assert ran.exit_code == 0 and ran.output == "n\n5\n"
    ran = runner.invoke(main, ["sparql", "-", "--data", str(MINI)],
                        input="ASK { ?s ?p ?o }")
    assert ran.output == "true\n"
    ran = runner.invoke(main, ["sparql", "-", "--data", str(MINI)],
                        input="CONSTRUCT { ?p a <urn:x> } WHERE { ?p a "
                              "<https://w3id.org/ykg/def#SakigakeProject> }")
    assert ran.exit_code == 0 and len(ran.output.splitlines()) == 5
    assert ran.output.splitlines() == sorted(ran.output.splitlines())


@pytest.mark.parametrize("args, code, message", [
    (["query", "run", "nope"], 2, "no query named 'nope'"),
    (["query", "run", "budget-by-projects"], 2, "did you mean budget-by-project"),
    (["query", "run", "search"], 2, "needs a value for q"),
    (["query", "run", "search", "-p", "q"], 2, "expected name=value"),
    (["query", "run", "neighbours", "-p", "entity=<bad>"], 2, "expected an absolute IRI"),
    (["query", "run", "loan-facilities", "--source", "/nonexistent/x.trig"], 2, "does not exist"),
    (["query", "run", "loan-facilities", "--endpoint", "ftp://x"], 2, "must be http(s)"),
    (["query", "run", "loan-facilities", "--endpoint", "http://127.0.0.1:1/q", "--data", "d"],
     2, "either --endpoint or"),
    (["sparql", "-"], 2, "the query is empty"),
    (["push", "--endpoint", "http://127.0.0.1:1/nothing-here"], 1, "Graph Store URL"),
])
def test_cli_bad_input_is_a_message_not_a_traceback(args, code, message):
    ran = CliRunner().invoke(main, args, input="")
    assert ran.exit_code == code, ran.output
    assert message in ran.output
    assert "Traceback" not in ran.output
    assert ran.exception is None or isinstance(ran.exception, SystemExit)


def test_cli_syntax_error_in_a_local_query():
    ran = CliRunner().invoke(main, ["sparql", "-", "--data", str(MINI)], input="SELEC ?x")
    assert ran.exit_code == 2 and "SPARQL syntax error" in ran.output


def test_cli_formats_are_the_library_formats():
    from ykg.cli.queries import FORMAT_NAMES
    assert sorted(FORMAT_NAMES) == sorted(FORMATS)


def test_the_query_commands_import_nothing_heavy_at_start():
    import subprocess
    import sys
    code = ("import sys, ykg.cli; print(sorted(m for m in ('SPARQLWrapper', 'rdflib', 'pyoxigraph',"
            " 'graphbuild') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
