"""The presets: each selects the nodes and edges of one view from the policy network."""
from __future__ import annotations

from typing import Callable

from ykg.network import NetworkError, find_node, nodes_of_class, shortest_paths, subgraph
from ykg.network.presets import DEFAULT_K, PRESETS

from .model import View, ViewError
from .query import select_query

OVERVIEW_CLASSES = ("vision", "pillar", "area", "policy-area", "initiative", "goal", "project",
                    "program", "department")
# Second-ring neighbours kept around an entity: the context a planner reads it in.
CONTEXT_CLASSES = ("pillar", "area", "goal", "project", "department")
# Most nodes one view draws (about ten plans' overview); vis-network's first drawing of 2,000
# nodes takes seconds, a hundred plans' overview (22,000 nodes) does not settle.
VIEW_CAP = 2500


def select_overview(net, args, **_) -> View:
    """The policy map: every node of OVERVIEW_CLASSES."""
    g = subgraph(net, nodes_of_class(net, *OVERVIEW_CLASSES))
    return View("overview", "overview", "政策マップ:ビジョン・施策の柱・分野・目標・事業・部局",
                "Policy map: vision, pillars, areas, goals, programs, departments", g)


def select_project(net, args, **_) -> View:
    """A Sakigake project, its programs with their departments, goals, initiatives and pillars."""
    p = find_node(net, " ".join(args), ["project"])
    programs = {o for _, o, k in net.out_edges(p, keys=True) if k == "hasComponentProgram"}
    keep = {p} | programs
    for prog in programs:
        for _, o, k in net.out_edges(prog, keys=True):
            if k in ("responsibleOrganization", "servesGoal"):
                keep.add(o)
        for s, _, k in net.in_edges(prog, keys=True):
            if k == "carriedOutBy":
                keep.add(s)
                keep |= {o for _, o, k2 in net.out_edges(s, keys=True) if k2 == "pillar"}
    keep |= {o for _, o, k in net.out_edges(p, keys=True)
             if k in ("servesPillar", "contributesToGoal")}
    d = net.nodes[p]
    return View("project", f"project-{d['number'] or p.rsplit('/', 1)[-1]}",
                f"魁プロジェクト{d['number']}: {d['label_ja']}",
                f"Sakigake project {d['number']}: {d['label_en']}", subgraph(net, keep),
                focus=(p,))


def neighbourhood(cls: str, title_ja: str, title_en: str) -> Callable[..., View]:
    """Return the preset of one class: an entity, its neighbours and their context."""
    def select(net, args, **_) -> View:
        n = find_node(net, " ".join(args), [cls])
        und = net.to_undirected(as_view=True)
        ring1 = set(und[n])
        ring2 = {m for r in ring1 for m in und[r]
                 if m not in ring1 and m != n and net.nodes[m]["cls"] in CONTEXT_CLASSES}
        d = net.nodes[n]
        return View(cls, f"{cls}-{n.rsplit('/', 1)[-1]}", f"{title_ja}: {d['label_ja']}",
                    f"{title_en}: {d['label_en']}", subgraph(net, {n} | ring1 | ring2),
                    focus=(n,))
    return select


def select_path(net, args, k: int = DEFAULT_K, **_) -> View:
    """The k shortest paths between two entities, each hop with its relations."""
    import networkx as nx
    a, b = find_node(net, args[0]), find_node(net, args[1])
    if a == b:
        raise ViewError("the two names are the same entity")
    paths = shortest_paths(net, a, b, k)
    full = subgraph(net, {n for p in paths for n in p})
    g = nx.MultiDiGraph(**net.graph)
    for n in full.nodes:
        g.add_node(n, **full.nodes[n])
    hops = {frozenset(pair) for p in paths for pair in zip(p, p[1:])}
    for s, o, key, d in full.edges(keys=True, data=True):
        if frozenset((s, o)) in hops:
            g.add_edge(s, o, key=key, **d)
    # Columns by the number of hops from a; b in the last column.
    layers: dict[str, float] = {}
    for p in paths:
        for i, n in enumerate(p):
            layers[n] = min(layers.get(n, float(i)), float(i))
    layers[b] = float(max(len(p) for p in paths) - 1)
    da, db = net.nodes[a], net.nodes[b]
    return View("path", f"path-{a.rsplit('/', 1)[-1]}-{b.rsplit('/', 1)[-1]}",
                f"つながり: {da['label_ja']} ⇔ {db['label_ja']}",
                f"Connections: {da['label_en']} ⇔ {db['label_en']}", g, focus=(a, b),
                layers=layers, paths=paths, edge_labels=True)


SELECTORS: dict[str, Callable[..., View]] = {
    "overview": select_overview,
    "project": select_project,
    "department": neighbourhood("department", "部局", "Department"),
    "program": neighbourhood("program", "事業", "Program"),
    "technology": neighbourhood("technology", "デジタル技術", "Technology"),
    "path": select_path,
    "query": select_query,
}
assert list(SELECTORS) == list(PRESETS), "ykg.network.presets and ykg.views disagree"


def select_view(net, preset: str, args: list[str] | tuple[str, ...] = (), *, store=None,
                k: int = DEFAULT_K, columns: str | None = None) -> View:
    """Apply a preset to the network and return the View (raises ViewError on bad input)."""
    if preset not in PRESETS:
        raise ViewError(f"unknown preset {preset!r} (one of {', '.join(PRESETS)})")
    p = PRESETS[preset]
    args = list(args)
    lo, hi = p.nargs
    if len(args) < lo or (hi >= 0 and len(args) > hi):
        raise ViewError(f"usage: ykg view {f'{p.name} {p.args}'.strip()}")
    try:
        view = SELECTORS[preset](net, args, store=store, k=k, columns=columns)
    except NetworkError as exc:
        raise ViewError(str(exc)) from None
    if view.graph.number_of_nodes() == 0:
        raise ViewError(f"the {preset} view is empty")
    return cap_by_plan(view) if preset not in ("path", "query") else view


def cap_by_plan(view: View, cap: int = VIEW_CAP) -> View:
    """Keep whole plans (in id order, the focus's first) while the view stays within cap nodes.

    A view of many plans would be tens of megabytes that no browser draws; the page says what
    was left out (its subtitle) and how to see it.
    """
    g = view.graph
    by_plan: dict[str, set[str]] = {}
    for n, plan in g.nodes(data="plan"):
        if plan:
            by_plan.setdefault(plan, set()).add(n)
    if g.number_of_nodes() <= cap or len(by_plan) < 2:
        return view
    first = {g.nodes[f].get("plan") for f in view.focus if f in g} - {None}
    order = sorted(by_plan, key=lambda p: (p not in first, p))
    shared = {n for n, plan in g.nodes(data="plan") if not plan}
    keep, plans = set(view.focus) | shared, []
    for plan in order:
        if plans and len(keep | by_plan[plan]) > cap:
            break
        keep |= by_plan[plan]
        plans.append(plan)
    sub = subgraph(g, keep)
    # shared nodes only the left-out plans reached would float alone
    sub.remove_nodes_from([n for n in shared if n not in view.focus and sub.degree(n) == 0])
    view.graph = sub
    view.notes.append(f"計画 {len(plans)}/{len(by_plan)} 件のみ表示(上限 {cap:,} ノード) / "
                      f"showing {len(plans)} of {len(by_plan)} plans (cap {cap:,} nodes): "
                      f"the explorer (explore.html) loads the others")
    return view
