"""Count triples per named graph and entities per class."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ykg.foundation.constants import PREFIXES
from ykg.foundation.rdf import curie

from .build import Build
from .vocab import RDF


@dataclass
class Stats:
    """Triples per named graph and entities per class of one build."""

    triples: int
    per_graph: dict[str, int]
    per_class: dict[str, int]

    def text(self) -> str:
        lines = [f"triples (union): {self.triples:,}", "", "triples per named graph:"]
        lines += [f"  {n:>7,}  {g}" for g, n in self.per_graph.items()]
        lines += ["", "entities per class:"]
        lines += [f"  {n:>7,}  {c}" for c, n in self.per_class.items()]
        return "\n".join(lines)


def compute_stats(b: Build) -> Stats:
    """Count what a build holds."""
    per_graph = Counter(q.graph_name.value for q in b.quads)
    classes = Counter()
    seen = set()
    for q in b.quads:
        if q.predicate == RDF.type and (q.subject, q.object) not in seen:
            seen.add((q.subject, q.object))
            classes[curie(q.object.value, PREFIXES)] += 1
    return Stats(len(b.triples()), dict(sorted(per_graph.items())),
                 dict(sorted(classes.items())))
