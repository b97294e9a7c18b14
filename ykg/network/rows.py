"""SELECT queries of the network readers: the prefixes they use, rows as dicts of plain values."""
from __future__ import annotations

from typing import Any

from ykg.foundation.constants import PREFIXES
from ykg.foundation.sparql import prefix_block, select_dicts

QUERY_PREFIXES = prefix_block(PREFIXES, ("ykg", "rdfs", "prov", "schema", "dcterms"))


def rows(store, query: str, *, union: bool = True) -> list[dict[str, Any]]:
    """Run a SELECT (prefixes added) over the union of the graphs, or else over the named graphs."""
    options = {"use_default_graph_as_union": True} if union else {}
    return select_dicts(store, QUERY_PREFIXES + query, **options)
