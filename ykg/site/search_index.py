"""The offline search: search-index.js (one entry per resource with a search key)."""
from __future__ import annotations

import pyoxigraph as ox

from ykg.foundation.constants import YKG
from ykg.foundation.templating import render

from .context import SiteContext
from .paths import doc_path

# Classes whose instances are records about other entities (a listing line, a budget line, a tag):
# the search shows them after the entities themselves.
RECORD_CLASSES = {YKG + c for c in ("ProgramListing", "GoalListing", "SakigakeListing", "FundingLine",
                                    "BudgetAllocation", "LoanFacility", "MonetaryAmount",
                                    "TechnologyTag", "CuratedLink", "NameVariant", "Seat")}


def search_matches(terms: list[str], key: str) -> bool:
    """Tell whether an index entry's key contains every search term (as assets/search.js does)."""
    return bool(terms) and all(t in key for t in terms)


def search_index(site: SiteContext) -> list[dict]:
    """Return the entries of the index: labels, class, match key, page and weight."""
    g = site.graph
    entries = []
    for iri in g.resources:
        key = g.first(iri, YKG + "searchKey")
        if not isinstance(key, ox.Literal):
            continue
        ja, en = g.label(iri)
        cls = g.primary_class(iri)
        cls_ja, cls_en = g.label(cls) if cls else ("", "")
        entries.append({"iri": iri, "label_ja": ja, "label_en": en,
                        "class": cls_ja or cls_en or (g.curie(cls) if cls else ""),
                        "key": key.value, "url": doc_path(g.local[iri]),
                        "w": 1 if cls in RECORD_CLASSES else 0})
    return entries


def write_search_index(site: SiteContext) -> None:
    """Write search-index.js, which sets window.YKG_INDEX."""
    site.write("search-index.js", render("site/search-index.js", index=search_index(site)))
