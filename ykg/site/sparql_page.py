"""The SPARQL editor page (sparql.html): YASQE and YASR (YASGUI's editor and result views),
the catalogue as examples, queries run on /sparql when served, else in the page (Oxigraph)."""
from __future__ import annotations

from .context import SiteContext
from .query_page import page_csp

PATH = "sparql.html"


def write_sparql_page(site: SiteContext, catalogue: dict) -> None:
    """Write sparql.html."""
    site.write_page(PATH, "sparql.html", title="SPARQL エディター / SPARQL editor | ykg",
                    page_csp=page_csp(), catalogue=catalogue)
