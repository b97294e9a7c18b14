"""publish_site: write the whole static site of a build, checked, then swapped in as a whole.

Layout of the site (paths relative to the site folder; ``{local}`` is the part of a resource IRI
after ``{base}/id/``, e.g. ``program/p0001`` or ``section/s2/1/table``):

- ``doc/{local}.html|.ttl|.jsonld|.nt``: one page per resource and its description in three RDF
  formats (every triple whose subject or object is the resource); the page embeds the JSON-LD.
- ``index.html`` (hierarchy and offline search), ``search-index.js`` (loaded by the search when
  first used), ``assets/``; with several plans, the home page shows the first plan's hierarchy and
  lists the plans, and ``plans/{id}.html`` shows each plan's;
  ``class/index.html`` and ``class/{prefix}-{Name}.html``; ``ontology.html|.ttl|.jsonld|.nt``;
  ``queries.html`` and ``queries/{id}.rq``.
- ``dumps/ykg.trig|.ttl|.nt.gz|.jsonld``, ``context.jsonld``; ``dataset.html|.ttl|.jsonld|.nt``.
- ``explore.html`` with the first plan's network; ``explore/plan-set/{id}.js``: each other plan's,
  loaded by the page on demand.
- ``sitemap.xml``, ``robots.txt``; ``.htaccess`` and ``hosting/``; ``site.json`` (the marker).

A publish over an existing site hard-links every file whose bytes did not change from it (so a
re-publish rewrites only what changed) and still swaps the new site in as a whole; a resource
whose inputs did not change is not even rendered again (cache.py, its record beside the site).
The resources, the dumps and the pages made from store queries are written by forked workers
(parallel.py); the bytes do not depend on them.

Every link between pages is relative and names its file, so the pages work from disk and from a
plain static server. No page loads anything from another host, and nothing is read from outside
the repository: the pages quote what the graph holds.
"""
from __future__ import annotations

from pathlib import Path

from ykg.foundation.paths import ONTOLOGY_FILE, QUERIES_DIR
from ykg.foundation.rdf import dumps_json
from ykg.foundation.templating import asset_text

from .cache import PublishCache, generator_key
from .classes import write_class_pages
from .context import SiteContext
from .dataset import write_dataset
from .dumps import write_dumps
from .editions import EditionsContext, write_editions
from .explore import write_browser_pages
from .home import write_home
from .linkcheck import check_links, site_files
from .negotiation import DEFAULT_SITE, GENERATOR, MARKER
from .ontology import write_ontology
from .parallel import chunks, run_tasks, workers
from .queries import write_queries
from .recipes import write_hosting
from .report import SiteReport
from .resource import write_resource
from .search_index import write_search_index
from .sitemap import write_sitemap
from .swap import check_out_dir, staging_folder, swap_in
from .vocabulary import Vocabulary

ONTOLOGY = ONTOLOGY_FILE
# Site file -> asset of ykg/assets; match-key.js is loaded before search.js, which uses it.
ASSETS = {"assets/style.css": "site.css", "assets/match-key.js": "match-key.js",
          "assets/search.js": "search.js"}


def write_resources(site: SiteContext, iris: list[str]) -> None:
    """Write the page and RDF files of each resource of iris."""
    for iri in iris:
        write_resource(site, iri)


def _write_dumps(site: SiteContext, _=None):
    return write_dumps(site)


def _write_store_pages(site: SiteContext, queries_dir: Path) -> None:
    """Write the pages made from queries of the store (loaded once, by the process running this)."""
    write_browser_pages(site, queries_dir)
    write_home(site)


def write_site(site: SiteContext, queries_dir: Path = QUERIES_DIR) -> dict[str, int]:
    """Write every file of the site; return the sizes of the dumps."""
    for path, name in ASSETS.items():
        site.write(path, asset_text(name))
    # The costly part (the dumps, the pages that query the store, then the resources in parts)
    # runs on every core; the longest tasks go first.
    parts = chunks(site.graph.resources, 8 * workers())
    dumps = run_tasks(site, [(_write_dumps, None), (_write_store_pages, queries_dir)]
                      + [(write_resources, p) for p in parts])[0]
    write_class_pages(site)
    write_dataset(site, dumps)
    write_ontology(site)
    write_queries(site, queries_dir)
    write_editions(site)
    write_search_index(site)
    write_hosting(site)
    write_sitemap(site)
    site.write(MARKER, dumps_json({"generator": GENERATOR, "base": site.base,
                                   "site_url": site.site_url,
                                   "resources": len(site.graph.resources)}, sort_keys=True))
    return dumps.sizes


def publish_site(build, out_dir: Path = DEFAULT_SITE, *, site_url: str | None = None,
                 ontology: Path = ONTOLOGY, queries_dir: Path = QUERIES_DIR,
                 previous_edition: Path | None = None) -> SiteReport:
    """Write the static site of a build (anything with .base, .quads, .prefixes, .triples())."""
    out_dir = Path(out_dir)
    check_out_dir(out_dir)
    previous = out_dir if (out_dir / MARKER).is_file() else None
    with staging_folder(out_dir) as tmp:
        site = EditionsContext(build, tmp, Vocabulary(ontology), site_url, previous,
                               previous_edition=previous_edition)
        site.cache = PublishCache.load(out_dir, previous, generator_key(
            repr((site.base, site.site_url, site.graph.prefixes))))
        sizes = write_site(site, queries_dir)
        broken = check_links(tmp, site.parsed)
        swap_in(tmp, out_dir)
    try:
        with staging_folder(out_dir) as scratch:
            site.cache.save(out_dir, scratch)
    except OSError:
        pass  # the site is whole; without its cache the next publish renders everything again
    files = [out_dir / f for f in site_files(out_dir)]
    return SiteReport(out=out_dir, base=build.base, resources=len(site.graph.resources),
                      pages=sum(1 for p in files if p.suffix == ".html"), files=len(files),
                      bytes=sum(p.stat().st_size for p in files), dumps=sizes,
                      broken_links=broken, written=site.written, kept=site.kept,
                      reused=site.cache.reused)
