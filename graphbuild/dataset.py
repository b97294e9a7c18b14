"""Collect quads into named graphs and hand them out in one canonical order."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from pyoxigraph import Literal, NamedNode, Quad

from ykg.foundation.constants import (  # noqa: F401 (re-exported)
    CURATED, DERIVED, DESCRIPTION, DOCUMENT, GRAPHS, LABELS_EN)

from .vocab import RDF, XSD, Minter


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


def _key(term) -> str:
    return str(term)


@dataclass
class GraphBuilder:
    """Accumulate quads; @en literals go to the English graph unless a graph is given."""

    minter: Minter
    quads: set = field(default_factory=set)
    origins: dict = field(default_factory=dict)

    def graph(self, name: str) -> NamedNode:
        return self.minter.graph(name)

    def add(self, s, p, o, graph: str | None = None) -> None:
        if o is None or (isinstance(o, Literal) and o.value == ""):
            return
        if graph is None:
            graph = LABELS_EN if isinstance(o, Literal) and o.language == "en" else DOCUMENT
        self.quads.add(Quad(s, p, o, self.graph(graph)))

    def typed(self, s, *classes, graph: str | None = None) -> None:
        for c in classes:
            self.add(s, RDF.type, c, graph)

    def note_origin(self, s: NamedNode, where: str) -> None:
        """Remember the first table row that made s, for the validation report."""
        self.origins.setdefault(s.value, where)

    def sorted_quads(self) -> list[Quad]:
        """Return the quads in canonical order: graph, subject, predicate, object."""
        return sorted(self.quads, key=lambda q: (_key(q.graph_name), _key(q.subject),
                                                 _key(q.predicate), _key(q.object)))
