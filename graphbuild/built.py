"""A built dataset: its statements as sorted text, its quads parsed when asked for.

The builder hands over text (each graph's statements as sorted UTF-8 lines, and their union):
writing the graph files and loading a store need no Python object per statement. `quads` and
`triples()` parse the text on first use; `quad_lines()` makes canonical N-Quads lines of it.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from ykg.foundation.constants import PREFIXES

from . import mapping
from .serialize import (canonical_lines, ntriples_lines, parse_pieces, parse_triples, terminated,
                        terminated_pieces)


class LazyTriples(Sequence):
    """The union graph's triples in order: counted from the lines, parsed when read.

    The lines are N-Triples lines ("s p o .") or the UTF-8 of statements ("s p o").
    """

    def __init__(self, lines: list):
        self._lines = lines
        self._triples: list | None = None

    def _parsed(self) -> list:
        if self._triples is None:
            if self._lines and isinstance(self._lines[0], bytes):
                self._triples = list(parse_pieces(terminated_pieces(self._lines, b" .\n"),
                                                  ox.RdfFormat.N_TRIPLES))
            else:
                self._triples = parse_triples(self._lines)
        return self._triples

    def __len__(self) -> int:
        return len(self._lines)

    def __getitem__(self, index):
        return self._parsed()[index]

    def __iter__(self):
        return iter(self._parsed())


class _Quads:
    """The quads field of a Build: parsed from its lines when first read."""

    def __get__(self, obj, objtype=None):
        if obj is None:
            return None  # the field's default
        if obj._quads is None:
            obj._quads = list(parse_pieces(obj.nquads_pieces(), ox.RdfFormat.N_QUADS))
        return obj._quads

    def __set__(self, obj, value) -> None:
        obj._quads = list(value) if value is not None else None
        if value is not None:  # new quads: their lines are made again when asked for
            obj._lines = obj._nt = obj._graph_names = obj._graphs = obj._union = None


class _Lines:
    """The lines field of a Build: taken only when no quads were given (replace() gives both)."""

    def __get__(self, obj, objtype=None):
        return None if obj is None else obj._lines

    def __set__(self, obj, value) -> None:
        if value is not None and obj._quads is None:
            obj._lines = value
            obj._graphs = obj._union = None


@dataclass(eq=False, repr=False)
class Build:
    """A built dataset: its quads in canonical order and where each entity came from."""

    base: str
    quads: list = _Quads()
    origins: dict = field(default_factory=dict)
    tables: object = None  # the tables of the first plan (the home plan: data/ is the document)
    plans: list = field(default_factory=list)
    lines: list = _Lines()  # the canonical N-Quads lines ("s p o g"), when the builder has them

    _quads = None
    _lines = None
    _nt = None
    _graph_names = None
    # From the builder: graph IRI text ("<...>", in sorted order) -> its sorted statement lines
    # (UTF-8 "S P O" N-Triples), and the sorted distinct union of those lines.
    _graphs = None
    _union = None

    def __repr__(self) -> str:
        count = (sum(map(len, self._graphs.values())) if self._graphs is not None
                 else len(self.quad_lines()))
        return f"Build(base={self.base!r}, {count:,} quads, plans={self.plans!r})"

    def set_graphs(self, graphs: dict[str, list[bytes]], union: list[bytes]) -> None:
        """Give the statements as the builder has them: sorted lines by graph, and their union."""
        self._quads = self._lines = self._nt = self._graph_names = None
        self._graphs, self._union = graphs, union

    def graph_lines(self) -> dict[str, list[bytes]] | None:
        """Return graph IRI text -> sorted UTF-8 statement lines, when the builder gave them."""
        return self._graphs

    @property
    def prefixes(self) -> dict[str, str]:
        return prefixes_for(self.base)

    def quad_lines(self) -> list[str]:
        """Return the quads as canonical N-Quads lines without the final dot."""
        if self._lines is None:
            if self._graphs is not None:
                self._lines = [f"{line.decode('utf-8')} {g}"
                               for g, lines in self._graphs.items() for line in lines]
            else:
                self._lines = canonical_lines(self._quads or [])
        return self._lines

    def nquads(self) -> bytes:
        """Return the dataset as N-Quads text in canonical order."""
        if self._graphs is not None:
            return b"".join(list(self.nquads_pieces()))
        lines = self.quad_lines()
        return " .\n".join(lines + [""]).encode("utf-8") if lines else b""

    def nquads_pieces(self):
        """Yield the N-Quads text in canonical order in pieces of whole lines."""
        if self._graphs is None:
            yield self.nquads()
            return
        for g, lines in self._graphs.items():
            yield from terminated_pieces(lines, f" {g} .\n".encode("utf-8"))

    def ntriples(self) -> bytes:
        """Return the union graph as N-Triples text: sorted distinct lines."""
        if self._union is not None:
            return terminated(self._union, b" .\n")
        lines = self.ntriples_lines()
        return "\n".join(lines + [""]).encode("utf-8") if lines else b""

    def ntriples_pieces(self):
        """Yield the N-Triples text of the union graph in pieces of whole lines."""
        if self._union is None:
            yield self.ntriples()
            return
        yield from terminated_pieces(self._union, b" .\n")

    def ntriples_lines(self) -> list[str]:
        """Return the union graph as sorted distinct N-Triples lines."""
        if self._nt is None:
            if self._union is not None:
                self._nt = [f"{line.decode('utf-8')} ." for line in self._union]
            else:
                self._nt = ntriples_lines(self.quad_lines())
        return self._nt

    def set_ntriples(self, lines: list[str]) -> None:
        """Give the union's N-Triples lines when the builder has them already."""
        self._nt, self._union = lines, None

    def triples(self) -> Sequence:
        """Return the union graph: distinct triples, sorted (counted without being parsed)."""
        if self._union is not None:
            return LazyTriples(self._union)
        return LazyTriples(self.ntriples_lines())

    def graph_names(self) -> list[str]:
        if self._graph_names is None:
            if self._graphs is not None:
                self._graph_names = sorted(g[1:-1] for g, lines in self._graphs.items() if lines)
            else:
                self._graph_names = sorted({line.rsplit(" ", 1)[1][1:-1]
                                            for line in self.quad_lines()})
        return self._graph_names

    def iter_quads(self):
        """Yield the quads in canonical order without keeping them (unless already parsed)."""
        if self._quads is not None:
            return iter(self._quads)
        return parse_pieces(self.nquads_pieces(), ox.RdfFormat.N_QUADS)

    def iter_triples(self):
        """Yield the union graph's triples in order without keeping them (unless parsed)."""
        return parse_pieces(self.ntriples_pieces(), ox.RdfFormat.N_TRIPLES)


def prefixes_for(base: str) -> dict[str, str]:
    """Return the vocabulary prefixes plus one prefix per kind of instance under base."""
    prefixes = dict(PREFIXES)
    prefixes.pop("sh")
    paths = sorted({em.path for em in mapping.ENTITY_MAPS.values()} | set(mapping.RULE_PATHS))
    for path in paths:
        prefixes["y" + path.replace("-", "")] = f"{base}/id/{path}/"
    prefixes["ygraph"] = f"{base}/graph/"
    return prefixes


__all__ = ["Build", "LazyTriples", "prefixes_for"]
