"""Network analytics and paths in words, checked against the graph itself and the query catalogue."""
from __future__ import annotations

import csv
import io
import itertools
import json
import re

import pytest

from tests.test_views import ykg


@pytest.fixture(scope="module")
def analysis(network):
    from ykg.network import run_analysis
    return run_analysis(network, "ja")


def table(analysis, name):
    return analysis.tables[name].as_dicts()


def programs_of(ask):
    rows = ask("SELECT ?p ?d WHERE { ?p a ykg:Program ; ykg:responsibleOrganization ?d }")
    out = {}
    for r in rows:
        out.setdefault(r["d"].rsplit("/id/", 1)[1], set()).add(r["p"].rsplit("/id/", 1)[1])
    return out


def test_centrality(analysis, ask, network):
    from ykg.network import analysis_graph
    rows = table(analysis, "centrality")
    assert len(rows) == 90 + 13
    assert [r["rank"] for r in rows] == list(range(1, 104))
    b = [r["betweenness"] for r in rows]
    assert b == sorted(b, reverse=True) and all(0 <= x <= 1 for x in b)
    # a department's neighbours in the policy structure are exactly its programs
    owned = programs_of(ask)
    degree = {r["id"]: r["degree"] for r in rows}
    for dept, programs in owned.items():
        assert degree[dept] == len(programs), dept
    h = analysis_graph(network)
    n = h.number_of_nodes()
    for r in rows:
        assert r["degree"] == h.degree(r["id"])
        assert r["degree_centrality"] == round(r["degree"] / (n - 1), 4)
        if r["degree"] == 1:  # a leaf lies on no shortest path between others
            assert r["betweenness"] == 0
    # 総合企画部 owns the most programs (22) and joins the most
    assert rows[0]["id"] == "org/sogo-kikaku-bu" and rows[0]["degree"] == 22


def test_bridges_match_the_catalogue(analysis, store, ask):
    from ykg.catalogue import run_query
    rows = table(analysis, "bridges")
    across = {r["program_label"]: r["n_areas"] for r in
              run_query(store, "programs-across-areas").as_dicts()}
    assert {r["label"]: r["n_areas"] for r in rows if r["n_areas"] >= 2} == across
    # pillars: through the initiatives a program carries out and the projects it is part of
    pillars = ask("""SELECT DISTINCT ?p ?pillar WHERE {
        { ?i ykg:carriedOutBy ?p ; ykg:pillar ?pillar }
        UNION { ?project ykg:hasComponentProgram ?p ; ykg:servesPillar ?pillar } }""")
    by_program = {}
    for r in pillars:
        by_program.setdefault(r["p"].rsplit("/id/", 1)[1], set()).add(r["pillar"])
    expected = {p for p, s in by_program.items() if len(s) >= 2} | \
        {r["id"] for r in rows if r["n_areas"] >= 2}
    assert {r["id"] for r in rows} == expected
    for r in rows:
        assert r["n_pillars"] == len(by_program.get(r["id"], ()))


def test_sole_links_are_joined_by_one_program_only(analysis, network):
    from ykg.network.analyze import _groups
    groups = _groups(network)
    rows = table(analysis, "bridges")
    label = {n: d["label_ja"] for n, d in network.nodes(data=True)}
    sole_rows = [r for r in rows if r["n_sole_links"]]
    assert sole_rows, "some pair of areas or pillars is joined by one program only"
    for r in sole_rows:
        for pair in r["sole_links"].split("; "):
            a, b = pair.split(" – ")
            joiners = [p for p, g in groups.items()
                       if any({label[x] for x in g[k]} >= {a, b} for k in ("area", "pillar"))]
            assert joiners == [r["id"]], pair
    # 新たな就職・採用スタイル推進事業 is the only program under goals of both 産業維新 and 大交流維新
    p15 = next(r for r in rows if r["id"] == "program/p0015")
    assert p15["n_areas"] == 3 and "大交流維新 – 産業維新" in p15["sole_links"]


def test_communities_partition_the_structure(analysis, network):
    from ykg.network import run_analysis
    from ykg.network import analysis_graph
    rows = table(analysis, "communities")
    h = analysis_graph(network)
    assert sum(r["size"] for r in rows) == h.number_of_nodes()
    assert sum(r["n_programs"] for r in rows) == 90
    assert sum(r["n_departments"] for r in rows) == 13
    assert [r["community"] for r in rows] == list(range(1, len(rows) + 1))
    assert [r["size"] for r in rows] == sorted((r["size"] for r in rows), reverse=True)
    assert run_analysis(network, "ja", "communities").tables["communities"].rows == \
        analysis.tables["communities"].rows  # the seed makes it reproducible
    # 農林水産部's 13 programs form one community with the smart agriculture project
    farm = [r for r in rows if "農林水産部 (13)" in r["departments"]]
    assert len(farm) == 1


def test_department_co_participation(analysis, store, ask):
    from ykg.catalogue import run_query
    rows = table(analysis, "departments")
    matrix = {}
    for r in run_query(store, "department-project-matrix").as_dicts():
        matrix.setdefault(r["department_label"], set()).add(r["project_no"])
    goals = {}
    for r in ask("""SELECT DISTINCT ?dl ?g WHERE { ?p ykg:servesGoal ?g ;
            ykg:responsibleOrganization ?d . ?d rdfs:label ?dl FILTER(LANG(?dl) = "ja") }"""):
        goals.setdefault(r["dl"], set()).add(r["g"])
    depts = sorted(set(matrix) | set(goals))
    expected = {}
    for a, b in itertools.combinations(depts, 2):
        sp = len(matrix.get(a, set()) & matrix.get(b, set()))
        sg = len(goals.get(a, set()) & goals.get(b, set()))
        if sp or sg:
            expected[frozenset((a, b))] = (sp, sg)
    got = {frozenset((r["department_a"], r["department_b"])):
           (r["shared_projects"], r["shared_goals"]) for r in rows}
    assert got == expected
    assert all(r["weight"] == r["shared_projects"] + r["shared_goals"] for r in rows)
    assert rows[0]["department_a"] == "商工労働部" and rows[0]["department_b"] == "総合企画部"
    assert rows[0]["project_numbers"] == "4, 8, 10"


def test_formats(network, analysis):
    from ykg.network import TABLES, format_analysis, run_analysis
    data = json.loads(format_analysis(analysis, "json"))
    assert list(data) == list(TABLES)
    assert len(data["centrality"]) == 103
    one = run_analysis(network, "ja", "departments")
    rows = list(csv.DictReader(io.StringIO(format_analysis(one, "csv"))))
    assert len(rows) == len(analysis.tables["departments"].rows)
    text = format_analysis(analysis, "table")
    assert text.count("\n== ") == 3 and text.startswith("== centrality: ")
    both = format_analysis(analysis, "csv")
    assert [line for line in both.splitlines() if line.startswith("# ")] == \
        [f"# {t}" for t in TABLES]
    en = run_analysis(network, "en", "centrality").tables["centrality"].as_dicts()
    assert en[0]["label"] == "General Planning Department"


# -- paths in words ----------------------------------------------------------------------------

def test_one_hop_with_its_section(store):
    from ykg.network import describe_paths
    text = describe_paths(store, "子育てAIコンシェルジュ導入事業", "健康福祉部", k=1)
    assert "最短のつながり(1件)" in text
    assert "経路 1 (1 ステップ): 子育てAIコンシェルジュ導入事業 → 健康福祉部" in text
    assert "1. 子育てAIコンシェルジュ導入事業 は健康福祉部の所管  [responsibleOrganization]" in text
    # listed in 資料2 (line 316) and in Sakigake project 1 (line 405)
    assert "出典: 資料2 s2/3/table" in text and "(316行)" in text
    assert "出典: 資料4 s4/01 デジタル・魁プロジェクト 1(405行)" in text


def test_curated_hop_cites_its_basis(store):
    from ykg.network import describe_paths
    text = describe_paths(store, "sakigake/04", "『やまぐちDX』の創出", k=1, lang="en")
    assert re.search(r"^Path 1 \(1 steps\): ", text, re.M)
    assert "serves the pillar Creating \"Yamaguchi DX\"  [servesPillar]" in text
    assert "curated link: " in text


def test_paths_are_shortest_first(store, network):
    from ykg.network import explain_paths
    from ykg.network import find_node, path_graph
    a, b = find_node(network, "スマートファクトリー"), find_node(network, "教育委員会")
    paths = explain_paths(network, a, b, k=3)
    h = path_graph(network)
    costs = [sum(h[x.start][x.end]["weight"] for x in hops) for hops in paths]
    assert costs == sorted(costs) and len(paths) == 3
    for hops in paths:
        assert hops[0].start == a and hops[-1].end == b
        assert all(hop.facts and all(f[2] for f in hop.facts) for hop in hops)  # evidence


def test_cli_analyze_and_path(tmp_path):
    out = tmp_path / "b"
    assert ykg("build", "--out", str(out)).returncode == 0
    r = ykg("analyze", "--format", "json", "--source", str(out))
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["centrality"]) == 103
    r = ykg("analyze", "--only", "bridges", "--format", "csv", "--source", str(out))
    assert r.returncode == 0 and r.stdout.startswith("id,label,department,n_areas,")
    r = ykg("path", "やまぐちDX推進事業", "総合企画部", "--k", "1", "--source", str(out))
    assert r.returncode == 0, r.stderr
    assert "やまぐちDX推進事業 は総合企画部の所管" in r.stdout
    r = ykg("path", "存在しない", "総合企画部", "--source", str(out))  # NotFound: exit 1
    assert r.returncode == 1 and "no " in r.stderr and "Traceback" not in r.stderr
    r = ykg("path", "総合企画部", "そうごうきかくぶ", "--source", str(out))
    assert r.returncode == 2 and "same entity" in r.stderr
    r = ykg("path", "4", "総合企画部", "--source", str(out))  # ambiguous: NotFound, exit 1
    assert r.returncode == 1 and "entities have the number 4" in r.stderr
