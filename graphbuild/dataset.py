"""Collect quads into named graphs and hand them out in one canonical order."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from pyoxigraph import Literal, NamedNode, Quad

from ykg.foundation.constants import (  # noqa: F401 (re-exported)
    CURATED, DERIVED, DESCRIPTION, DOCUMENT, GRAPHS, LABELS_EN)

from .serialize import parse_quads
from .vocab import RDF, RDFS, XSD, Minter


def ja(text: str) -> Literal:
    """Return a Japanese literal."""
    return Literal(text, language="ja")


def en(text: str) -> Literal:
    """Return an English literal."""
    return Literal(text, language="en")


def integer(value: int) -> Literal:
    """Return an xsd:integer literal."""
    return Literal(str(int(value)), datatype=XSD.integer)


def decimal(value: Decimal) -> Literal:
    """Return an xsd:decimal literal in canonical form (no exponent, no trailing zeros)."""
    text = format(value.normalize(), "f")
    if "." not in text:
        text += ".0"
    return Literal(text, datatype=XSD.decimal)


def boolean(value: bool) -> Literal:
    """Return an xsd:boolean literal."""
    return Literal("true" if value else "false", datatype=XSD.boolean)


@dataclass
class GraphBuilder:
    """Accumulate statements; @en literals go to the English graph unless a graph is given.

    A statement is kept as its text, "<graph> <s> <p> o" (the N-Triples form of each term):
    lighter than a Quad object, and sorting these strings is the canonical order.
    """

    minter: Minter
    keys: set = field(default_factory=set)
    origins: dict = field(default_factory=dict)
    # The labels of every instance (subject under /id/), for readings and search keys.
    labels: dict = field(default_factory=dict)
    _graphs: dict = field(default_factory=dict, repr=False)

    def graph(self, name: str) -> NamedNode:
        return self.minter.graph(name)

    def _graph_text(self, name: str) -> str:
        text = self._graphs.get(name)
        if text is None:
            text = self._graphs[name] = str(self.minter.graph(name))
        return text

    def add(self, s, p, o, graph: str | None = None) -> None:
        # Called once per statement of the build (millions at a hundred plans): kept lean.
        if o is None:
            return
        if type(o) is Literal:
            if not o.value:
                return
            if graph is None:
                graph = LABELS_EN if o.language == "en" else DOCUMENT
            if p == _LABEL and "/id/" in s.value:
                self.labels.setdefault(s, set()).add(o)
        elif graph is None:
            graph = DOCUMENT
        self.keys.add(f"{self._graphs.get(graph) or self._graph_text(graph)} {s} {p} {o}")

    def typed(self, s, *classes, graph: str | None = None) -> None:
        for c in classes:
            self.add(s, RDF.type, c, graph)

    def note_origin(self, s: NamedNode, where: str) -> None:
        """Remember the first table row that made s, for the validation report."""
        self.origins.setdefault(s.value, where)

    def take_lines(self) -> list[str]:
        """Return the statements as canonical N-Quads lines ("s p o g") and forget them."""
        out = sorted(self.keys)
        self.keys.clear()
        for i, key in enumerate(out):
            g, spo = key.split(" ", 1)
            out[i] = f"{spo} {g}"
        return out

    @property
    def quads(self) -> list[Quad]:
        """Return the statements as quads (parsed: for small graphs and checks, not the build)."""
        lines = []
        for key in sorted(self.keys):
            g, spo = key.split(" ", 1)
            lines.append(f"{spo} {g}")
        return parse_quads(lines)


_LABEL = RDFS.label
