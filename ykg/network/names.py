"""Find the one node a user means, by id, number or name (the match key of the search)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ykg.entities import Entity, EntityIndex
from ykg.foundation.errors import NotFound, UserError
from ykg.foundation.text import match_key

from .vocabulary import CLASSES

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx


class NetworkError(UserError):
    """A request the network cannot answer as asked (a user error)."""


class NameNotFound(NotFound):
    """A name that matches no node of the network, or several."""


def _entity(g, n: str) -> Entity:
    d = g.nodes[n]
    return Entity(d["iri"], n, d["label_ja"], d["label_en"], d["number"],
                  tuple(sorted(set(d["keys"]) | {k for k in (match_key(d["label_ja"]),
                                                            match_key(d["label_en"])) if k})))


def find_node(g: "nx.MultiDiGraph", name: str, classes: Iterable[str] | None = None) -> str:
    """Find the one node a user means, with the same rules as every command (ykg.entities)."""
    classes = tuple(classes) if classes else tuple(CLASSES)
    wanted = " / ".join(CLASSES[c].en.lower() for c in classes if c in CLASSES)
    index = EntityIndex((_entity(g, n) for n, c in g.nodes(data="cls") if c in classes), wanted)
    try:
        return index.resolve(name).local
    except NotFound as exc:
        raise NameNotFound(str(exc), exc.candidates) from None
