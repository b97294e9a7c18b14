"""Views of the network: induced subgraphs, the analysis graph, the weighted path graph, paths."""
from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Iterable

from .names import NetworkError
from .presets import MAX_K
from .vocabulary import NOT_ANALYSED, PATH_WEIGHTS

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx


def subgraph(g: "nx.MultiDiGraph", nodes: Iterable[str]) -> "nx.MultiDiGraph":
    """Return the induced subgraph on nodes as a new graph with sorted nodes and edges."""
    import networkx as nx
    keep = set(nodes)
    h = nx.MultiDiGraph(**g.graph)
    for n in sorted(keep):
        h.add_node(n, **g.nodes[n])
    for s, o, k, d in sorted(g.edges(keys=True, data=True), key=lambda e: e[:3]):
        if s in keep and o in keep:
            h.add_edge(s, o, key=k, **d)
    return h


def nodes_of_class(g: "nx.MultiDiGraph", *classes: str) -> list[str]:
    """Return the sorted ids of the nodes of the given classes."""
    return sorted(n for n, c in g.nodes(data="cls") if c in classes)


def analysis_graph(g: "nx.MultiDiGraph") -> "nx.Graph":
    """Return the undirected simple graph used for centrality (see NOT_ANALYSED)."""
    import networkx as nx
    h = nx.Graph()
    for n, d in g.nodes(data=True):
        if d["cls"] not in NOT_ANALYSED:
            h.add_node(n, **d)
    for s, o, k in sorted(g.edges(keys=True)):
        if s in h and o in h:
            h.add_edge(s, o)
    return h


def path_graph(g: "nx.MultiDiGraph") -> "nx.Graph":
    """Return the undirected graph used for path search, with a weight per edge (PATH_WEIGHTS)."""
    import networkx as nx
    h = nx.Graph()
    h.add_nodes_from(sorted(g.nodes))
    for s, o, k in sorted(g.edges(keys=True)):
        w = PATH_WEIGHTS.get(k, 1.0)
        if not h.has_edge(s, o) or h[s][o]["weight"] > w:
            h.add_edge(s, o, weight=w)
    return h


def label(g: "nx.MultiDiGraph", n: str, lang: str = "ja") -> str:
    """Return a node's label in lang (falling back to the other language)."""
    d = g.nodes[n]
    return d["label_en"] if lang == "en" else d["label_ja"]


def shortest_paths(g: "nx.MultiDiGraph", a: str, b: str, k: int = 3) -> list[list[str]]:
    """Return up to k shortest simple paths from a to b (weighted by PATH_WEIGHTS, undirected)."""
    import networkx as nx
    if not 1 <= k <= MAX_K:
        raise NetworkError(f"k must be between 1 and {MAX_K}")
    if a == b:
        raise NetworkError("the two names are the same entity")
    h = path_graph(g)
    try:
        return [list(p) for p in itertools.islice(
            nx.shortest_simple_paths(h, a, b, weight="weight"), k)]
    except nx.NetworkXNoPath:
        raise NetworkError(f"{a} and {b} are not connected") from None
