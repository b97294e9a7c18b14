"""The linked-data site: publish a build as a static site, serve it with negotiation and SPARQL.

Modules: publish (the whole site) with one generator per page kind or output (resource, classes,
home + hierarchy, dataset, ontology, queries, dumps, recipes, sitemap, search_index) on a shared
context (context, graph, vocabulary, paths, rdf_files), swap/linkcheck and the re-publish cache
(cache); negotiation (what the site and the server agree on); serve (serve_files, serve_sparql,
sparql_workers, sparql_results; serve_asgi: the site as an ASGI app for uvicorn).
Cheap to import: publish_site and serve_site load pyoxigraph and Jinja2 on first use.
"""
from .errors import PublishError, ServeError
from .negotiation import DEFAULT_SITE
from .report import SiteReport

__all__ = ["DEFAULT_SITE", "PublishError", "ServeError", "SiteReport", "publish_site", "serve_site"]


def __getattr__(name: str):
    # The heavy parts load when first named, so `import ykg.site` stays cheap for the CLI.
    if name == "publish_site":
        from .publish import publish_site
        return publish_site
    if name == "serve_site":
        from .serve import serve_site
        return serve_site
    raise AttributeError(f"module 'ykg.site' has no attribute {name!r}")
