"""The query page (query.html): a catalogue query as a form, run in the browser.

The catalogue travels inside the page as JSON (no fetch): each query with its parameters, its
columns and its text cut at the outer WHERE brace, where the page inserts a VALUES block for the
parameters (as ykg.foundation.sparql.substitute does for a remote run). The page runs the query
on `ykg serve`'s /sparql when there is one, else in the page on Oxigraph (WebAssembly) loaded
with the site's TriG dump (assets/query-engine.js).
"""
from __future__ import annotations

from pathlib import Path

from ykg.catalogue import load_catalogue
from ykg.catalogue.names import LOOKUP
from ykg.foundation.paths import QUERIES_DIR
from ykg.foundation.sparql import outer_where_brace
from ykg.foundation.templating import asset_text

from .context import SiteContext
from .negotiation import CSP

PATH = "query.html"
# Scripts the query, SPARQL and explore pages load (match key first: the engine uses it).
ASSETS = ("query-engine.js", "query.js", "sparql.js", "explore-core.js", "explore.js",
          "explore.css", "print.css")
DUMP = "dumps/ykg.trig"


def page_csp(csp: str = CSP) -> str:
    """Return the site's policy plus what the in-page store needs (WebAssembly, same-site fetch)."""
    parts = [p.strip() for p in csp.split(";") if p.strip()]
    names = [p.split()[0] for p in parts]
    need = {"script-src": "'wasm-unsafe-eval'", "connect-src": "'self'"}
    for directive, source in need.items():
        if directive not in names:
            parts.append(f"{directive} 'self'" if directive == "connect-src" else
                         f"{directive} 'self' {source}")
        else:
            i = names.index(directive)
            if source not in parts[i].split():
                parts[i] += f" {source}"
    return "; ".join(parts)


def split_where(text: str) -> list[str]:
    """Return the query text cut just after the brace opening its outer WHERE group."""
    at = outer_where_brace(text)
    return [text[:at], text[at:]]


def catalogue_data(site: SiteContext, queries_dir: Path = QUERIES_DIR) -> dict:
    """Return the catalogue as the query and SPARQL pages carry it."""
    queries = []
    for q in load_catalogue(Path(queries_dir)).values():
        queries.append({
            "id": q.id, "summary_ja": q.summary_ja, "summary_en": q.summary_en,
            "description_ja": q.description_ja, "description_en": q.description_en,
            "params": [{"name": p.name, "type": p.type, "description": p.description,
                        "optional": bool(getattr(p, "optional", False))} for p in q.params],
            "example": dict(q.example), "text": q.text,
            "columns": [{"name": c.name, "type": c.type} for c in q.columns],
            "split": split_where(q.text) if q.params else None})
    return {"base": site.base, "dump": DUMP, "lookup": split_where(LOOKUP), "queries": queries}


def write_browser_assets(site: SiteContext) -> None:
    """Write the scripts and styles of the query, SPARQL and explore pages."""
    for name in ASSETS:
        site.write(f"assets/{name}", asset_text(name))


def write_query_page(site: SiteContext, catalogue: dict) -> None:
    """Write query.html."""
    site.write_page(PATH, "query.html", title="クエリを実行 / Run a query | ykg",
                    page_csp=page_csp(), catalogue=catalogue)
