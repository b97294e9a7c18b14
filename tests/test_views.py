"""The policy network and its views, without a browser: facts, determinism, self-containment, escaping."""
from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from tests.support.views import PAYLOADS, PRESET_CASES, xss_view

YKG_CLASSES = {"vision": "Vision", "pillar": "Pillar", "area": "FutureArea",
               "policy-area": "PolicyArea", "initiative": "Initiative", "goal": "Goal",
               "measure": "Measure", "project": "SakigakeProject", "program": "Program",
               "department": "Department", "technology": "Technology",
               "strategy-goal": "StrategyBasicGoal", "strategy-pillar": "StrategyPillar",
               "strategy-measure": "StrategyMeasure", "strategy-action": "StrategyAction"}


def count(ask, pattern: str) -> int:
    return int(ask(f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT * WHERE {{ {pattern} }} }}")
               [0]["n"])


PAGE_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "p", "main", "aside",
             "label", "input", "ul", "section", "details", "summary", "div", "button", "script"}


def parse_tags(text: str) -> list[tuple[str, list]]:
    """Return every start tag of the page markup with its attributes (scripts are not markup)."""
    from html.parser import HTMLParser

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.tags = []

        def handle_starttag(self, tag, attrs):
            self.tags.append((tag, attrs))

    parser = Tags()
    parser.feed(text)
    parser.close()
    return parser.tags


def page_data(text: str) -> dict:
    m = re.search(r'<script type="application/json" id="ykg-data">(.*?)</script>', text, re.S)
    return json.loads(m.group(1))


# -- the network -------------------------------------------------------------------------------

def test_nodes_are_the_entities_of_each_class(network, ask):
    by_class = {}
    for _, c in network.nodes(data="cls"):
        by_class[c] = by_class.get(c, 0) + 1
    expected = {k: count(ask, f"?x a ykg:{v}") for k, v in YKG_CLASSES.items()}
    assert by_class == expected
    assert expected["program"] == 90 and expected["department"] == 13
    assert expected["project"] == 10 and expected["goal"] == 40
    assert network.number_of_nodes() == sum(expected.values()) == 370


def test_no_hub_or_status_nodes(network):
    kinds = {n.split("/", 1)[0] for n in network}
    assert not kinds & {"section", "scheme", "fy", "sakigake-listing", "goal-listing", "funding",
                        "amount", "link", "tag", "material", "plan", "post", "person"}
    assert all(not n.startswith("http") for n in network)


@pytest.mark.parametrize("relation, pattern", [
    ("servesGoal", "?s ykg:servesGoal ?o"),
    ("implementsMeasure", "?s ykg:implementsMeasure ?o"),
    ("responsibleOrganization", "?s ykg:responsibleOrganization ?o"),
    ("hasComponentProgram", "?s ykg:hasComponentProgram ?o"),
    ("measureOf", "?s ykg:measureOf ?o"),
    ("policyArea", "?s ykg:policyArea ?o"),
    ("inArea", "?s a ykg:PolicyArea ; ykg:inArea ?o"),
    ("carriedOutBy", "?s ykg:carriedOutBy ?o"),
    ("servesPillar", "?s ykg:servesPillar ?o"),
    ("contributesToGoal", "?s ykg:contributesToGoal ?o"),
    ("realizedBy", "?s ykg:realizedBy ?o"),
    ("mentionsTechnology", "?s ykg:mentionsTechnology ?o"),
    ("parentProgram", "?s ykg:parentProgram ?o"),
    ("hasPillar", "?v ykg:visionOf ?p . ?p ykg:hasPillar ?o"),
    ("hasFutureArea", "?v ykg:visionOf ?p . ?p ykg:hasFutureArea ?o"),
])
def test_edges_are_the_relations(network, ask, relation, pattern):
    edges = [e for e in network.edges(keys=True) if e[2] == relation]
    assert edges and len(edges) == count(ask, pattern), relation


def test_every_edge_has_evidence(network):
    for s, o, k, d in network.edges(keys=True, data=True):
        assert d["evidence"], (s, k, o)
        if d["source"] == "curated":
            assert any(ev["kind"] == "curated" and ev["basis_ja"] and ev["basis_en"]
                       for ev in d["evidence"]), (s, k, o)
        elif d["source"] == "derived":
            assert all(ev["kind"] == "derived" and ev["pattern"] for ev in d["evidence"])
        else:
            assert all(ev["kind"] == "section" and ev["section"] in network.graph["sections"]
                       for ev in d["evidence"]), (s, k, o)


def test_evidence_names_the_listing_lines(network):
    # p0001 serves スマートファクトリー: 資料2 I 産業維新, line 262; it is in Sakigake project 4
    # (line 441) and project 10 (line 518).
    ev = network.edges["program/p0001", "goal/1-01-1", "servesGoal"]["evidence"]
    assert {(e["section"], e["lines"]) for e in ev} == {("s2/1/table", "262")}
    ev = network.edges["sakigake/04", "program/p0001", "hasComponentProgram"]["evidence"]
    assert {(e["section"], e["lines"]) for e in ev} == {("s4/04", "441")}
    ev = network.edges["sakigake/10", "program/p0001", "hasComponentProgram"]["evidence"]
    assert {(e["section"], e["lines"]) for e in ev} == {("s4/10", "518")}


def test_budgets(network, ask, store):
    from ykg.catalogue import run_query
    total = ask("""SELECT (SUM(?yen) AS ?t) WHERE { SELECT DISTINCT ?f ?yen WHERE {
        ?p ykg:hasFunding ?f . ?f a ykg:BudgetAllocation ; ykg:amount ?a .
        ?a schema:value ?yen } }""")[0]["t"]
    programs = [d for _, d in network.nodes(data=True) if d["cls"] == "program"]
    assert sum(d["budget_yen"] or 0 for d in programs) == int(Decimal(total))
    # a loan facility (融資枠) is never a budget
    assert network.nodes["program/p0088"]["budget_yen"] is None
    assert network.nodes["program/p0088"]["loan_yen"] == 500_000_000
    own = {r["project_no"]: r["own_budget_kyen"] for r in
           run_query(store, "budget-by-project").as_dicts()}
    for n, d in network.nodes(data=True):
        if d["cls"] == "project":
            assert (d["budget_yen"] or 0) == own[d["number"]] * 1000, n
    by_dept = {r["department_label"]: r["sakigake_budget_kyen"] for r in
               run_query(store, "budget-by-department").as_dicts()}
    for n, d in network.nodes(data=True):
        if d["cls"] == "department":
            assert (d["budget_yen"] or 0) == by_dept[d["label_ja"]] * 1000, n


def test_departments_of_programs(network, ask):
    rows = ask("SELECT ?p ?d WHERE { ?p a ykg:Program ; ykg:responsibleOrganization ?d }")
    for r in rows:
        p = r["p"].rsplit("/id/", 1)[1]
        assert network.nodes[p]["departments"] == (r["d"].rsplit("/id/", 1)[1],)


def test_network_is_deterministic(store, network):
    from ykg.network import build_network
    again = build_network(store)
    assert list(again.nodes(data=True)) == list(network.nodes(data=True))
    assert list(again.edges(keys=True, data=True)) == list(network.edges(keys=True, data=True))


@pytest.mark.parametrize("name, cls, expected", [
    ("健康福祉部", "department", "org/kenko-fukushi-bu"),
    ("けんこうふくしぶ", "department", "org/kenko-fukushi-bu"),
    ("ケンコウフクシブ", "department", "org/kenko-fukushi-bu"),
    ("Health and Welfare Department", "department", "org/kenko-fukushi-bu"),
    ("health and welfare", "department", "org/kenko-fukushi-bu"),
    ("ものづくり企業におけるＤＸ加速支援事業", "program", "program/p0001"),
    ("p0001", "program", "program/p0001"),
    ("program/p0001", None, "program/p0001"),
    ("4", "project", "sakigake/04"),
    ("④", "project", "sakigake/04"),
    ("AI", "technology", "technology/ai"),
    ("スマートファクトリー", None, "goal/1-01-1"),
])
def test_find_node(network, name, cls, expected):
    from ykg.network import find_node
    assert find_node(network, name, [cls] if cls else None) == expected


@pytest.mark.parametrize("name, message", [
    ("存在しない部", "no department matches"),
    ("部", "entities match"),
    ("   ", "give a name"),
    ("「」", "nothing left"),
])
def test_find_node_errors(network, name, message):
    from ykg.network import NameNotFound, find_node
    with pytest.raises(NameNotFound, match=message):
        find_node(network, name, ["department"])


def test_class_and_relation_names_come_from_the_ontology(root):
    import pyoxigraph as ox

    from ykg.network import CLASSES, RELATIONS
    store = ox.Store()
    store.load(path=str(root / "ontology" / "ykg.ttl"), format=ox.RdfFormat.TURTLE)
    labels = {}
    for s in store.query("SELECT ?t ?l { ?t <http://www.w3.org/2000/01/rdf-schema#label> ?l }"):
        labels[(s["t"].value.rsplit("#", 1)[-1], s["l"].language)] = s["l"].value
    for c in CLASSES.values():
        assert (c.ja, c.en) == (labels[(c.rdf_class, "ja")], labels[(c.rdf_class, "en")])
    for r in RELATIONS.values():
        assert (r.ja, r.en) == (labels[(r.key, "ja")], labels[(r.key, "en")])
    assert CLASSES["project"].ja == "デジタル・魁プロジェクト"


# -- presets -----------------------------------------------------------------------------------

def test_cli_choices_come_from_the_registry():
    from ykg.cli.network import view
    from ykg.views import PRESETS, SELECTORS
    assert list(view.params[0].type.choices) == list(PRESETS) == list(SELECTORS)
    assert set(PRESETS) == {"overview", "project", "department", "program", "technology",
                            "path", "query"}
    assert {c[0] for c in PRESET_CASES.values()} == set(PRESETS)


def test_overview_shows_the_policy_map(rendered_views, network):
    from ykg.views import OVERVIEW_CLASSES
    v = rendered_views["overview"]
    keep = {n for n, c in network.nodes(data="cls") if c in OVERVIEW_CLASSES}
    assert v.nodes == len(keep) == 217
    assert v.edges == sum(1 for s, o in network.edges() if s in keep and o in keep)
    classes = {d["cls"] for _, d in v.view.graph.nodes(data=True)}
    assert classes == set(OVERVIEW_CLASSES)


def test_project_4(rendered_views, network):
    g = rendered_views["project-4"].view.graph
    components = {o for _, o, k in network.out_edges("sakigake/04", keys=True)
                  if k == "hasComponentProgram"}
    assert len(components) == 11
    assert components <= set(g)
    depts = {network.nodes[p]["departments"][0] for p in components}
    assert depts == {"org/shoko-rodo-bu", "org/sogo-kikaku-bu", "org/sangyo-senryaku-bu",
                     "org/doboku-kenchiku-bu"}
    assert depts <= set(g)
    assert "pillar/1" in g  # servesPillar 『やまぐちDX』の創出 (curated)
    assert {"goal/1-01-1", "goal/1-05-1"} <= set(g)  # contributesToGoal
    assert rendered_views["project-4"].view.focus == ("sakigake/04",)
    assert all(network.nodes[n]["cls"] in ("project", "program", "department", "goal",
                                           "pillar", "initiative") for n in g)


def test_department_view_holds_all_its_programs(rendered_views, network):
    g = rendered_views["department"].view.graph
    mine = {s for s, o, k in network.in_edges("org/kenko-fukushi-bu", keys=True)
            if k == "responsibleOrganization"}
    assert len(mine) == 8 and mine <= set(g)


def test_path_view_draws_the_shortest_paths(rendered_views, network):
    import networkx as nx

    from ykg.network import path_graph
    v = rendered_views["path"].view
    a, b = v.focus
    assert (a, b) == ("program/p0047", "goal/1-01-1")
    assert len(v.paths) == 3
    h = path_graph(network)
    best = nx.shortest_path_length(h, a, b, weight="weight")
    cost = [sum(h[u][w]["weight"] for u, w in zip(p, p[1:])) for p in v.paths]
    assert cost[0] == best and cost == sorted(cost)
    for p in v.paths:  # every hop is drawn with its relation
        for u, w in zip(p, p[1:]):
            assert v.graph.has_edge(u, w) or v.graph.has_edge(w, u)


def test_query_view_draws_the_rows(rendered_views, store):
    from ykg.catalogue import run_query
    rows = run_query(store, "department-project-matrix").as_dicts()
    g = rendered_views["query"].view.graph
    assert g.number_of_edges() == len(rows) == 20
    edges = {(g.nodes[s]["label_ja"], g.nodes[o]["number"]) for s, o in g.edges()}
    assert edges == {(r["department_label"], r["project_no"]) for r in rows}


def test_query_view_needs_two_entity_columns(store, network):
    from ykg.views import ViewError, select_view
    with pytest.raises(ViewError, match="no two columns that name entities"):
        select_view(network, "query", ["budget-by-project"], store=store)
    with pytest.raises(ViewError, match="no query named"):
        select_view(network, "query", ["no-such-query"], store=store)
    v = select_view(network, "query", ["neighbours", "entity=org/kenko-fukushi-bu"], store=store)
    assert "org/kenko-fukushi-bu" in v.graph
    v = select_view(network, "query", ["project-goals"], store=store,
                    columns="project_no,goal_label")
    assert {network.nodes[n]["cls"] for n in v.graph} == {"project", "goal"}


# -- the page ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(PRESET_CASES) + ["overview-en", "xss"])
def test_page_is_self_contained(rendered_views, name):
    from ykg.foundation.templating import asset_text
    from ykg.views import vis_assets
    raw = rendered_views[name].path.read_bytes()
    text = raw.decode("utf-8")  # UTF-8 throughout
    assert text.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in text
    tags = parse_tags(text)
    assert {t for t, _ in tags} <= PAGE_TAGS
    for tag, attrs in tags:  # nothing in the markup can load or run anything
        for attr, _ in attrs:
            assert attr not in ("src", "href", "action", "srcset", "formaction", "data",
                                "background", "poster") and not attr.startswith("on"), (tag, attr)
    assert [a for t, a in tags if t == "script"] == [[("type", "application/json"),
                                                      ("id", "ykg-data")], [], [], [], [], []]
    styles = "".join(re.findall(r"<style>(.*?)</style>", text, re.S))
    assert not re.search(r"url\(\s*(?!['\"]?data:)", styles), "CSS fetches something"
    assert "@import" not in styles and "sourceMappingURL" not in text
    scripts = re.findall(r"<script>(.*?)</script>", text, re.S)
    # vis-data and vis-network as vendored for the explorer, the shared match key, the code
    # shared with the explorer page and the page's script, all inline, as in their files
    assert scripts == [*vis_assets()[0], asset_text("match-key.js"),
                       asset_text("explore-core.js"), asset_text("view.js")]
    assert scripts[1].startswith(asset_text("vendor/vis/vis-network.min.js")[:300])
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text).group(1)
    assert csp.count("'sha256-") == 5
    for script in scripts:  # only these five scripts may run
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    data = page_data(text)
    assert data["counts"] == {"nodes": rendered_views[name].nodes,
                              "edges": rendered_views[name].edges}


def test_rendering_is_deterministic(store, network, tmp_path):
    from ykg.views import render_html, select_view
    for preset, args in PRESET_CASES.values():
        a = render_html(select_view(network, preset, args, store=store))
        b = render_html(select_view(network, preset, args, store=store))
        assert a == b, preset


def test_colours_and_sizes(rendered_views, network):
    from ykg.views import department_colors
    data = page_data(rendered_views["overview"].path.read_text(encoding="utf-8"))
    depts = network.graph["all_departments"]
    colors = department_colors(depts)
    assert len(set(colors.values())) == len(depts) == 13
    assert {d["id"]: d["color"] for d in data["departments"]} == colors
    nodes = {n["vis"]["id"]: n for n in data["nodes"]}
    for n, item in nodes.items():
        d = network.nodes[n]
        if d["cls"] == "program":  # programs take their department's colour
            assert item["vis"]["color"]["background"] == colors[d["departments"][0]]
    # size grows with the budget (log scale): やまぐちDX推進事業 544,600千円 > p0001 48,550千円
    assert nodes["program/p0005"]["vis"]["size"] > nodes["program/p0001"]["vis"]["size"]
    assert nodes["program/p0001"]["meta"]["budget"] == 48_550_000
    assert any("予算額: 48,550千円" == t for t in nodes["program/p0001"]["meta"]["tip"])
    assert any(t.startswith("出典: 資料2 s2/1/table") for t in nodes["program/p0001"]["meta"]["tip"])
    legend = {c["key"]: c["count"] for c in data["classes"]}
    assert legend == {"vision": 1, "pillar": 3, "area": 4, "policy-area": 25, "initiative": 31,
                      "goal": 40, "project": 10, "program": 90, "department": 13}


def test_english_page(rendered_views):
    text = rendered_views["overview-en"].path.read_text(encoding="utf-8")
    assert '<html lang="en">' in text
    data = page_data(text)
    p1 = next(n for n in data["nodes"] if n["vis"]["id"] == "program/p0001")
    assert p1["meta"]["label"] == "Program to support the acceleration of DX in manufacturing companies"
    assert p1["meta"]["tip"][1] == "ものづくり企業におけるDX加速支援事業"


def test_payloads_are_escaped(rendered_views):
    text = rendered_views["xss"].path.read_text(encoding="utf-8")
    for payload in PAYLOADS:
        assert payload not in text
    # no element or handler from the payloads: the page has only its own tags
    tags = parse_tags(text)
    assert {t for t, _ in tags} <= PAGE_TAGS
    assert not [a for _, attrs in tags for a, _ in attrs if a.startswith("on")]
    assert [t for t, _ in tags].count("script") == 6 and [t for t, _ in tags].count("h1") == 1
    # the heading and <title> are escaped text; the data block has no markup at all
    assert "<title>&lt;/title&gt;&lt;script&gt;" in text
    block = re.search(r'id="ykg-data">(.*?)</script>', text, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    data = json.loads(block)
    labels = {n["meta"]["label"] for n in data["nodes"]}
    assert set(PAYLOADS[:3]) <= labels  # the text itself arrives intact, as data


def test_data_payload_is_escaped(payload_view):
    text = payload_view.path.read_text(encoding="utf-8")
    assert "<img src=x" not in text and "</script><script>window" not in text
    assert "program/p0001" in page_data(text)["focus"]


def test_data_block_uses_the_script_json_filter(rendered_views):
    from ykg.foundation.text import json_for_script
    from ykg.views import page_data as payload
    v = rendered_views["xss"]
    block = re.search(r'id="ykg-data">(.*?)</script>', v.path.read_text(encoding="utf-8"),
                      re.S).group(1)
    assert block == json_for_script(payload(v.view, "ja"))


def test_the_search_uses_the_shared_match_key():
    from ykg.foundation.templating import asset_text
    script = asset_text("view.js")
    assert "window.ykgMatch.matchKey" in script
    assert "function matchKey" not in script and "normalize(" not in script


@pytest.mark.parametrize("text, em, lines, expected", [
    ("産業戦略部", 12, 1, "産業戦略部"),
    ("ものづくり企業におけるDX加速支援事業", 12, 2, "ものづくり企業におけるD\nX加速支援事業"),
    ("「未来を切り拓く中堅・中小企業DX」促進プロジェクト", 12, 2,
     "「未来を切り拓く中堅・\n中小企業DX」促進プロ…"),
    ("Board of Education", 13.4, 2, "Board of Education"),
])
def test_wrap_label(text, em, lines, expected):
    from ykg.views import wrap_label
    assert wrap_label(text, em, lines) == expected


def test_view_of_the_xss_fixture_keeps_heading_text():
    from ykg.views import render_html
    text = render_html(xss_view())
    assert '<h1 id="ykg-heading">&lt;/title&gt;' in text


# -- the command ---------------------------------------------------------------------------------

def ykg(*args, cwd=None):
    script = Path(sys.executable).parent / "ykg"
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "ykg.cli"]
    return subprocess.run(cmd + list(args), capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    r = ykg("build", "--out", str(out))
    assert r.returncode == 0, r.stderr
    return out


def test_cli_view_writes_the_page(build_dir, tmp_path):
    out = tmp_path / "p4.html"
    r = ykg("view", "project", "4", "--source", str(build_dir), "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert re.fullmatch(rf"wrote {re.escape(str(out))} \(32 nodes, \d+ edges, [\d,]+ bytes\)\n",
                        r.stdout)
    assert page_data(out.read_text(encoding="utf-8"))["focus"] == ["sakigake/04"]


def test_page_is_the_same_in_every_process(build_dir, tmp_path):
    # String hashing differs between processes: no set or view order may reach the layout.
    import os
    pages = []
    for seed in ("1", "2"):
        out = tmp_path / f"p4-{seed}.html"
        script = Path(sys.executable).parent / "ykg"
        r = subprocess.run([str(script), "view", "project", "4", "--source", str(build_dir),
                            "--out", str(out)], capture_output=True, text=True, timeout=300,
                           env={**os.environ, "PYTHONHASHSEED": seed})
        assert r.returncode == 0, r.stderr
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]


def test_cli_view_default_path(build_dir, tmp_path):
    r = ykg("view", "department", "教育委員会", "--source", str(build_dir), "--lang", "en",
            cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    page = tmp_path / "build" / "views" / "department-kyoiku-iinkai.html"
    assert page.exists() and '<html lang="en">' in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("args, code, message", [
    (["department", "存在しない部"], 1, "matches '存在しない部'"),  # NotFound: exit 1
    (["path", "健康福祉部"], 2, "usage: ykg view path A B"),
    (["overview", "extra"], 2, "usage: ykg view overview"),
    (["query", "budget-by-project"], 2, "no two columns that name entities"),
    (["query", "nope"], 2, "no query named"),
    (["path", "健康福祉部", "けんこうふくしぶ"], 2, "same entity"),
    (["project", "99"], 1, "has the number 99"),                    # NotFound: exit 1
])
def test_cli_view_bad_input(build_dir, args, code, message):
    r = ykg("view", *args, "--source", str(build_dir), "--out", "/nonexistent/x.html")
    assert r.returncode == code, r.stderr
    assert message in r.stderr and "Traceback" not in r.stderr
    assert r.stdout == ""


def test_cli_view_bad_source(tmp_path):
    r = ykg("view", "overview", "--source", str(tmp_path / "missing"))
    assert r.returncode == 2 and "does not exist" in r.stderr and "Traceback" not in r.stderr


def test_readme_documents_the_commands(root):
    text = (root / "README.md").read_text(encoding="utf-8")
    for command in ("ykg view PRESET", "ykg analyze", "ykg path A B"):
        assert command in text, command
    makefile = (root / "Makefile").read_text(encoding="utf-8")
    assert "view overview --source $(OUT) --out $(OUT)/views/overview.html" in makefile
    assert "view project 4 --source $(OUT) --out $(OUT)/views/project-4.html" in makefile


def test_wrap_label_keeps_closing_brackets_on_their_line():
    from ykg.views import wrap_label
    assert wrap_label("「データ＝価値創造の源泉」利活用促進プロジェクト", 12, 2) == \
        "「データ＝価値創造の源泉」\n利活用促進プロジェクト"
