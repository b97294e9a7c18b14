"""A built dataset: its statements as canonical N-Quads lines, its quads parsed when asked for.

The builder hands over text (sorted N-Quads lines): writing the graph files and loading a store
need no Python object per statement. `quads` and `triples()` parse the lines on first use.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from ykg.foundation.constants import PREFIXES

from . import mapping
from .serialize import canonical_lines, ntriples_lines, parse_quads, parse_triples


class LazyTriples(Sequence):
    """The union graph's triples in order: counted from the lines, parsed when read."""

    def __init__(self, lines: list[str]):
        self._lines = lines
        self._triples: list | None = None

    def _parsed(self) -> list:
        if self._triples is None:
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
            obj._quads = parse_quads(obj._lines or [])
        return obj._quads

    def __set__(self, obj, value) -> None:
        obj._quads = list(value) if value is not None else None
        if value is not None:  # new quads: their lines are made again when asked for
            obj._lines = obj._nt = obj._graph_names = None


class _Lines:
    """The lines field of a Build: taken only when no quads were given (replace() gives both)."""

    def __get__(self, obj, objtype=None):
        return None if obj is None else obj._lines

    def __set__(self, obj, value) -> None:
        if value is not None and obj._quads is None:
            obj._lines = value


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

    def __repr__(self) -> str:
        return f"Build(base={self.base!r}, {len(self.quad_lines()):,} quads, plans={self.plans!r})"

    @property
    def prefixes(self) -> dict[str, str]:
        return prefixes_for(self.base)

    def quad_lines(self) -> list[str]:
        """Return the quads as canonical N-Quads lines without the final dot."""
        if self._lines is None:
            self._lines = canonical_lines(self._quads or [])
        return self._lines

    def nquads(self) -> bytes:
        """Return the dataset as N-Quads text in canonical order."""
        lines = self.quad_lines()
        return " .\n".join(lines + [""]).encode("utf-8") if lines else b""

    def ntriples_lines(self) -> list[str]:
        """Return the union graph as sorted distinct N-Triples lines."""
        if self._nt is None:
            self._nt = ntriples_lines(self.quad_lines())
        return self._nt

    def set_ntriples(self, lines: list[str]) -> None:
        """Give the union's N-Triples lines when the builder has them already."""
        self._nt = lines

    def triples(self) -> Sequence:
        """Return the union graph: distinct triples, sorted (counted without being parsed)."""
        return LazyTriples(self.ntriples_lines())

    def graph_names(self) -> list[str]:
        if self._graph_names is None:
            self._graph_names = sorted({line.rsplit(" ", 1)[1][1:-1]
                                        for line in self.quad_lines()})
        return self._graph_names

    def iter_quads(self):
        """Yield the quads in canonical order without keeping them (unless already parsed)."""
        if self._quads is not None:
            return iter(self._quads)
        return ox.parse(self.nquads(), format=ox.RdfFormat.N_QUADS)


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
