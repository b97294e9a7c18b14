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

    A statement is kept as the UTF-8 of its N-Triples text "S P O" (no final " ."), in a set per named
    graph: lighter than a Quad object, and sorting these bytes (UTF-8 sorts as code points do)
    is the canonical order within a graph, at memcmp speed.
    """

    minter: Minter
    origins: dict = field(default_factory=dict)
    # The labels of every instance (subject under /id/), for readings and search keys.
    labels: dict = field(default_factory=dict)
    # Graph name -> the statements of that graph.
    statements: dict = field(default_factory=dict, repr=False)
    _graphs: dict = field(default_factory=dict, repr=False)
    _texts: dict = field(default_factory=dict, repr=False)  # IRI term -> its N-Triples text

    def graph(self, name: str) -> NamedNode:
        return self.minter.graph(name)

    def graph_text(self, name: str) -> str:
        """Return the N-Triples text of a named graph's IRI ("<...>")."""
        text = self._graphs.get(name)
        if text is None:
            text = self._graphs[name] = str(self.minter.graph(name))
        return text

    def add(self, s, p, o, graph: str | None = None) -> None:
        # Called once per statement of the build (millions at a hundred plans): kept lean. The
        # text of an IRI is remembered (IRIs repeat); a literal's text tells its value and tag.
        if o is None:
            return
        texts = self._texts
        if type(o) is Literal:
            ot = str(o)
            if ot[1] == '"':  # an empty value ("" then the tag or type): no statement
                return
            if graph is None:
                graph = LABELS_EN if ot.endswith('"@en') else DOCUMENT
            if p == _LABEL and "/id/" in s.value:
                self.labels.setdefault(s, set()).add(o)
        else:
            ot = texts.get(o) or self._text(o)
            if graph is None:
                graph = DOCUMENT
        into = self.statements.get(graph)
        if into is None:
            into = self.statements[graph] = set()
        into.add(f"{texts.get(s) or self._text(s)} {texts.get(p) or self._text(p)} {ot}".encode())

    def _text(self, term) -> str:
        text = self._texts[term] = str(term)
        return text

    def typed(self, s, *classes, graph: str | None = None) -> None:
        for c in classes:
            self.add(s, RDF.type, c, graph)

    def note_origin(self, s: NamedNode, where: str) -> None:
        """Remember the first table row that made s, for the validation report."""
        self.origins.setdefault(s.value, where)

    def state(self) -> tuple[dict, dict]:
        """Return what merge() takes: the statements and the origins (labels are not carried)."""
        return self.statements, self.origins

    def merge(self, state: tuple[dict, dict]) -> None:
        """Add the statements and origins of another builder (its origins count after ours)."""
        statements, origins = state
        for name, lines in statements.items():
            into = self.statements.get(name)
            if into is None:
                self.statements[name] = lines
            else:
                into |= lines
        for s, where in origins.items():
            self.origins.setdefault(s, where)

    def take(self) -> dict[str, list[bytes]]:
        """Return each graph's statements, sorted, by graph IRI text in sorted order; forget them."""
        out = {}
        for text, name in sorted((self.graph_text(n), n) for n in self.statements):
            lines = list(self.statements.pop(name))  # the set goes before the list is sorted
            lines.sort()
            out[text] = lines
        return out

    def take_lines(self) -> list[str]:
        """Return the statements as canonical N-Quads lines ("s p o g") and forget them."""
        return [f"{line.decode()} {g}" for g, lines in self.take().items() for line in lines]

    @property
    def quads(self) -> list[Quad]:
        """Return the statements as quads (parsed: for small graphs and checks, not the build)."""
        lines = []
        for name in sorted(self.statements, key=self.graph_text):
            g = self.graph_text(name)
            lines += [f"{line.decode()} {g}" for line in sorted(self.statements[name])]
        return parse_quads(lines)


_LABEL = RDFS.label
