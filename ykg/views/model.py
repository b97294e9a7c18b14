"""What a view is: the graph one page shows and how; the error of a view that cannot be drawn."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ykg.foundation.errors import UserError


class ViewError(UserError):
    """A preset that cannot be drawn with the arguments given (a user error)."""


@dataclass
class View:
    """What one page shows: a graph of nodes and edges (attributes as in ykg.network) and how."""

    preset: str
    slug: str
    title_ja: str
    title_en: str
    graph: Any  # nx.MultiDiGraph
    focus: tuple[str, ...] = ()
    layers: dict[str, float] | None = None  # node -> column, overriding the class column
    paths: list[list[str]] = field(default_factory=list)
    edge_labels: bool = False
    notes: list[str] = field(default_factory=list)

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_ja
