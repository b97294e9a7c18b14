"""The query catalogue page: queries.html and queries/{id}.rq, one section per named query."""
from __future__ import annotations

from pathlib import Path

from ykg.catalogue import load_catalogue
from ykg.foundation.paths import QUERIES_DIR

from .context import SiteContext
from .negotiation import CONTENT_TYPES


def write_queries(site: SiteContext, queries_dir: Path = QUERIES_DIR) -> None:
    """Copy each named query's .rq file and describe them all on one page."""
    queries = list(load_catalogue(Path(queries_dir)).values())
    for q in queries:
        site.write(f"queries/{q.id}.rq", Path(q.path).read_bytes())
    site.write_page("queries.html", "queries.html", title="クエリ集 / Queries | ykg",
                    queries=queries, rq_type=CONTENT_TYPES[".rq"])
