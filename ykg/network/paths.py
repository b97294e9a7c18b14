"""The shortest connections between two entities, in sentences, each hop with its evidence."""
from __future__ import annotations

from dataclasses import dataclass

from .evidence import evidence_text
from .graph import label, shortest_paths
from .names import find_node
from .read import build_network
from .vocabulary import CLASSES, RELATIONS


@dataclass(frozen=True)
class Hop:
    """One step of a path: the facts that join two neighbouring entities, with their evidence."""

    start: str
    end: str
    facts: tuple  # of (sentence, relation key, evidence lines)


def _facts(net, u: str, v: str, lang: str) -> tuple:
    """Return the (sentence, relation, evidence lines) of every edge between u and v, both ways."""
    facts = []
    for s, o in ((u, v), (v, u)):
        for key, d in sorted(net.get_edge_data(s, o, default={}).items()):
            sentence = RELATIONS[key].say(lang).format(s=label(net, s, lang),
                                                       o=label(net, o, lang))
            facts.append((sentence, key, tuple(evidence_text(net, d["evidence"], lang))))
    return tuple(facts)


def explain_paths(net, a: str, b: str, k: int = 3, lang: str = "ja") -> list[list[Hop]]:
    """Return the k shortest paths from a to b as hops, each with its sentences and evidence."""
    return [[Hop(u, v, _facts(net, u, v, lang)) for u, v in zip(path, path[1:])]
            for path in shortest_paths(net, a, b, k)]


def _heading(net, na: str, nb: str, count: int, lang: str) -> str:
    def name(n):
        return f"{label(net, n, lang)} ({CLASSES[net.nodes[n]['cls']].name(lang)}, {n})"
    if lang == "en":
        return (f"{count} shortest connection{'s' if count != 1 else ''} "
                f"from {name(na)} to {name(nb)}")
    return f"{name(na)} から {name(nb)} への最短のつながり({count}件)"


def describe_paths(store, a: str, b: str, k: int = 3, lang: str = "ja") -> str:
    """Find two entities by name and describe the shortest connections between them in words."""
    net = build_network(store)
    na, nb = find_node(net, a), find_node(net, b)
    paths = explain_paths(net, na, nb, k, lang)
    en = lang == "en"
    lines = [_heading(net, na, nb, len(paths), lang)]
    for i, hops in enumerate(paths, start=1):
        names = [label(net, n, lang) for n in [hops[0].start] + [h.end for h in hops]]
        lines += ["", f"{'Path' if en else '経路'} {i} "
                  f"({len(hops)} {'steps' if en else 'ステップ'}): " + " → ".join(names)]
        for j, hop in enumerate(hops, start=1):
            for sentence, key, evidence in hop.facts:
                lines.append(f"  {j}. {sentence}  [{key}]")
                lines += [f"       {ev}" for ev in evidence]
    return "\n".join(lines) + "\n"
