"""Network analytics a planner can read: centrality, bridge programs, communities, co-participation.

All measures run on ykg.network.analysis_graph: the undirected policy structure (pillars, areas,
policy areas, goals, initiatives, Sakigake projects, programs, departments) without the vision,
the measures, the keyword-derived technology tags and the comprehensive strategy, which would
otherwise act as hubs. `describe_paths` explains the shortest connections between two entities
in sentences, each hop with its evidence.

Results are tables (ykg.foundation.sparql.QueryResult) so that they print as table, CSV or JSON
like the query catalogue. Every ordering has a final tie-break on the node id: output is
deterministic. The explanation of paths in words is in ykg.network.paths.
"""
from __future__ import annotations

import itertools
import json
from dataclasses import dataclass

# the catalogue's result formats: analyses print like queries
from ykg.foundation.results import format_result
from ykg.foundation.sparql import QueryResult

from .graph import analysis_graph
from .names import NetworkError
from .presets import ANALYSIS_FORMATS, ANALYSIS_TABLES
from .read import build_network

FORMATS = ANALYSIS_FORMATS
COMMUNITY_SEED = 20210217  # Louvain is randomized; a fixed seed makes the partition reproducible


@dataclass
class Analysis:
    """Named result tables, in the order they are printed."""

    tables: dict  # name -> QueryResult
    method: str = ""  # how the measures were computed, printed under the tables

    def names(self) -> list[str]:
        return list(self.tables)


TABLES = ANALYSIS_TABLES
TABLE_TITLES = {
    "centrality": ("事業と部局の中心性(次数・媒介)", "Centrality of programs and departments"),
    "bridges": ("複数の分野・柱をつなぐ事業", "Bridge programs joining areas or pillars"),
    "communities": ("コミュニティ(Louvain法)", "Communities (Louvain)"),
    "departments": ("部局の共同参画(共有する魁プロジェクトと目標)",
                    "Department co-participation (shared projects and goals)"),
}


def _label(g, n: str, lang: str) -> str:
    return g.nodes[n]["label_en" if lang == "en" else "label_ja"]


def _dept_names(g, n: str, lang: str) -> str:
    names = g.graph.get("department_labels", {})
    return ", ".join(names.get(d, {}).get(lang, d) for d in g.nodes[n]["departments"])


# A connected part larger than this gets sampled betweenness (SAMPLE sources); a plan's policy
# structure is one part of a few hundred nodes, so several plans stay exact and linear in N.
EXACT_LIMIT = 5000
SAMPLE = 500


def _betweenness(net) -> dict[str, float]:
    """Normalized betweenness on the analysis graph, computed once per network, part by part.

    No shortest path leaves its connected part, so summing each part's exact (Brandes) scores
    and normalizing by the whole graph gives the whole graph's exact scores in linear time
    over the parts; only a part above EXACT_LIMIT nodes is sampled (seeded: reproducible).
    """
    import networkx as nx
    if "_betweenness" in net.graph:
        return net.graph["_betweenness"]
    h = analysis_graph(net)
    n = h.number_of_nodes()
    scale = 2 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    scores: dict[str, float] = {}
    parts = sorted((sorted(c) for c in nx.connected_components(h)), key=lambda c: c[0])
    sampled = 0
    for part in parts:
        sub = h.subgraph(part).copy()  # a view would filter the whole graph at every step
        k = SAMPLE if len(part) > EXACT_LIMIT else None
        sampled += k is not None
        raw = nx.betweenness_centrality(sub, k=k, normalized=False, seed=COMMUNITY_SEED)
        scores.update({m: v * scale for m, v in raw.items()})
    net.graph["_betweenness"] = scores
    net.graph["_betweenness_method"] = (len(parts), sampled)
    return scores


def method_note(net, lang: str = "ja") -> str:
    """Say how betweenness was computed (exact per connected part, or sampled in some)."""
    parts, sampled = net.graph.get("_betweenness_method", (0, 0))
    if lang == "en":
        how = (f"exact (Brandes) in each of {parts:,} connected parts" if not sampled else
               f"exact (Brandes) per connected part; sampled from {SAMPLE} sources in "
               f"{sampled} part(s) over {EXACT_LIMIT:,} nodes (seed {COMMUNITY_SEED})")
        return f"betweenness: {how}"
    how = (f"連結成分({parts:,}個)ごとの厳密計算(Brandes法)" if not sampled else
           f"連結成分ごとの厳密計算(Brandes法)。{EXACT_LIMIT:,}ノードを超える{sampled}成分は"
           f"{SAMPLE}起点の標本から推定(シード{COMMUNITY_SEED})")
    return f"媒介中心性: {how}"


def centrality(net, lang: str = "ja"):
    """Degree and betweenness centrality (normalized) of every program and department."""
    import networkx as nx
    h = analysis_graph(net)
    degree = nx.degree_centrality(h)
    between = _betweenness(net)
    nodes = [n for n in h if h.nodes[n]["cls"] in ("program", "department")]
    nodes.sort(key=lambda n: (-round(between[n], 9), -h.degree(n), n))
    rows = [(i + 1, n, h.nodes[n]["cls"], _label(h, n, lang), h.degree(n),
             round(degree[n], 4), round(between[n], 4))
            for i, n in enumerate(nodes)]
    return QueryResult(["rank", "id", "class", "label", "degree", "degree_centrality",
                        "betweenness"], rows)


def _groups(net) -> dict[str, dict[str, set[str]]]:
    """For each program: the future areas (via its goals) and pillars (via initiatives, projects)."""
    out: dict[str, dict[str, set[str]]] = {}
    area_of_pa = {s: o for s, o, k in net.edges(keys=True) if k == "inArea"}
    pa_of_goal = {s: o for s, o, k in net.edges(keys=True) if k == "policyArea"}
    pillar_of = {}
    for s, o, k in net.edges(keys=True):
        if k in ("pillar", "servesPillar"):
            pillar_of.setdefault(s, set()).add(o)
    for p, c in net.nodes(data="cls"):
        if c == "program":
            out[p] = {"area": set(), "pillar": set()}
    for s, o, k in net.edges(keys=True):
        if k == "servesGoal" and s in out:
            area = area_of_pa.get(pa_of_goal.get(o))
            if area:
                out[s]["area"].add(area)
        elif k == "carriedOutBy" and o in out:
            out[o]["pillar"] |= pillar_of.get(s, set())
        elif k == "hasComponentProgram" and o in out:
            out[o]["pillar"] |= pillar_of.get(s, set())
    return out


def bridges(net, lang: str = "ja"):
    """Programs that join two or more future areas or pillars; `sole` pairs only they join."""
    groups = _groups(net)
    joined: dict[tuple[str, str], set[str]] = {}
    for p, gr in groups.items():
        for kind in ("area", "pillar"):
            for pair in itertools.combinations(sorted(gr[kind]), 2):
                joined.setdefault(pair, set()).add(p)
    between = _betweenness(net)

    def names(ids):
        ordered = sorted(ids, key=lambda n: (net.nodes[n]["number"] or 0, n))
        return ", ".join(_label(net, n, lang) for n in ordered)

    rows = []
    for p, gr in groups.items():
        if len(gr["area"]) < 2 and len(gr["pillar"]) < 2:
            continue
        sole = [pair for pair, ps in joined.items() if ps == {p}]
        sole_text = "; ".join(f"{_label(net, a, lang)} – {_label(net, b, lang)}"
                              for a, b in sorted(sole))
        rows.append((p, _label(net, p, lang), _dept_names(net, p, lang), len(gr["area"]),
                     names(gr["area"]), len(gr["pillar"]), names(gr["pillar"]), len(sole),
                     sole_text, round(between.get(p, 0.0), 4)))
    rows.sort(key=lambda r: (-r[7], -(r[3] + r[5]), -r[9], r[0]))
    return QueryResult(["id", "label", "department", "n_areas", "areas", "n_pillars", "pillars",
                        "n_sole_links", "sole_links", "betweenness"], rows)


def communities(net, lang: str = "ja"):
    """Louvain communities of the policy structure, with their main departments, areas and members."""
    import networkx as nx
    h = analysis_graph(net)
    parts = nx.community.louvain_communities(h, seed=COMMUNITY_SEED)
    parts = sorted((sorted(c) for c in parts), key=lambda c: (-len(c), c[0]))
    groups = _groups(net)
    rows = []
    for i, members in enumerate(parts, start=1):
        def top(counter: dict[str, int], n: int = 3) -> str:
            best = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
            return ", ".join(f"{_label(net, k, lang)} ({v})" for k, v in best)
        depts: dict[str, int] = {}
        areas: dict[str, int] = {}
        for m in members:
            if h.nodes[m]["cls"] == "program":
                for d in h.nodes[m]["departments"]:
                    depts[d] = depts.get(d, 0) + 1
                for a in groups[m]["area"]:
                    areas[a] = areas.get(a, 0) + 1
        central = sorted(members, key=lambda m: (-h.degree(m), m))[:5]
        count = {c: sum(1 for m in members if h.nodes[m]["cls"] == c)
                 for c in ("program", "goal", "project", "department")}
        rows.append((i, len(members), count["program"], count["goal"], count["project"],
                     count["department"], top(depts), top(areas),
                     ", ".join(_label(net, m, lang) for m in central)))
    return QueryResult(["community", "size", "n_programs", "n_goals", "n_projects",
                        "n_departments", "departments", "areas", "central_members"], rows)


def co_participation(net, lang: str = "ja"):
    """Pairs of departments weighted by the Sakigake projects and the goals their programs share."""
    dept_of = {n: d["departments"] for n, d in net.nodes(data=True) if d["cls"] == "program"}
    projects: dict[str, set[str]] = {}
    goals: dict[str, set[str]] = {}
    for s, o, k in net.edges(keys=True):
        if k == "hasComponentProgram":
            for d in dept_of.get(o, ()):
                projects.setdefault(d, set()).add(s)
        elif k == "servesGoal":
            for d in dept_of.get(s, ()):
                goals.setdefault(d, set()).add(o)
    depts = sorted(set(projects) | set(goals))
    rows = []
    for a, b in itertools.combinations(depts, 2):
        sp = projects.get(a, set()) & projects.get(b, set())
        sg = goals.get(a, set()) & goals.get(b, set())
        if not sp and not sg:
            continue
        numbers = ", ".join(str(net.nodes[p]["number"]) for p in
                            sorted(sp, key=lambda p: (net.nodes[p]["number"] or 0, p)))
        rows.append((_label(net, a, lang), _label(net, b, lang), len(sp), len(sg),
                     len(sp) + len(sg), numbers, a, b))
    rows.sort(key=lambda r: (-r[4], -r[2], r[6], r[7]))
    return QueryResult(["department_a", "department_b", "shared_projects", "shared_goals",
                        "weight", "project_numbers", "id_a", "id_b"], rows)


ANALYSES = {"centrality": centrality, "bridges": bridges, "communities": communities,
            "departments": co_participation}
assert tuple(ANALYSES) == ANALYSIS_TABLES, "ykg.network.presets and the analyses disagree"


def run_analysis(net, lang: str = "ja", only: str | None = None) -> Analysis:
    """Compute every analysis table (or only one) on the network."""
    if only is not None and only not in ANALYSES:
        raise NetworkError(f"unknown table {only!r} (one of {', '.join(ANALYSES)})")
    names = [only] if only else list(ANALYSES)
    tables = {name: ANALYSES[name](net, lang) for name in names}
    return Analysis(tables, method_note(net, lang) if "_betweenness_method" in net.graph else "")


def format_analysis(analysis: Analysis, fmt: str = "table", lang: str = "ja") -> str:
    """Print the tables: aligned text with titles, CSV (one block per table) or one JSON object."""
    if fmt not in FORMATS:
        raise NetworkError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    if fmt == "json":
        data = {name: json.loads(format_result(t, "json")) for name, t in analysis.tables.items()}
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    blocks = []
    single = len(analysis.tables) == 1
    for name, table in analysis.tables.items():
        text = format_result(table, fmt)
        if fmt == "csv" and single:
            blocks.append(text)
        elif fmt == "csv":
            blocks.append(f"# {name}\n{text}")
        else:
            title = TABLE_TITLES[name][1 if lang == "en" else 0]
            blocks.append(f"== {name}: {title}\n{text}")
    if fmt == "table" and analysis.method:
        blocks.append(f"({analysis.method})\n")
    return "\n".join(blocks)


def analyze_store(store, fmt: str = "table", lang: str = "ja", only: str | None = None) -> str:
    """Build the network from a store, run the analyses and format them."""
    return format_analysis(run_analysis(build_network(store), lang, only), fmt, lang)
