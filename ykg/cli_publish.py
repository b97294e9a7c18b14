"""CLI commands `ykg publish` (write the linked-data site) and `ykg serve` (serve it locally)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

DEFAULT_BASE = "https://w3id.org/ykg"
DEFAULT_SITE = Path("build") / "site"


@click.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=DEFAULT_SITE, show_default=True,
              help="Folder of the site; replaced as a whole once the new site is complete.")
@click.option("--base", default=DEFAULT_BASE, show_default=True,
              help="Base IRI under which every instance IRI is minted.")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Folder of the CSV tables (default: the repository's data/).")
@click.option("--source", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Source text file whose lines the pages quote (default: looked up next to "
                   "the repository, see data/README.md).")
@click.option("--site-url", default=None,
              help="Public URL of the site folder, if it differs from the base (sitemap, "
                   "download URLs, w3id recipe).")
def publish(out_dir, base, data_dir, source, site_url):
    """Write the linked-data site: pages, RDF per resource, dumps, VoID/DCAT, hosting recipes."""
    from ykg.cli_common import load_build
    from ykg.publish import PublishError, publish_site
    build = load_build(data_dir, base)
    if site_url is not None and not site_url.startswith(("http://", "https://")):
        click.echo(f"error: --site-url must be an http(s) URL, got {site_url!r}", err=True)
        sys.exit(2)
    try:
        report = publish_site(build, out_dir, source=source, site_url=site_url)
    except PublishError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    click.echo(report.text())
    if report.broken_links:
        sys.exit(1)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (the default is reachable from this machine only).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="TCP port (0 picks a free one).")
@click.option("--site", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_SITE,
              show_default=True, help="Folder written by `ykg publish`.")
@click.option("--timeout", default=10.0, show_default=True, type=float,
              help="Time limit of one SPARQL query, in seconds.")
@click.option("--max-rows", default=10_000, show_default=True, type=int,
              help="Most rows (or triples) one SPARQL answer returns.")
@click.option("--workers", default=2, show_default=True, type=int,
              help="SPARQL worker processes (queries that can run at the same time).")
@click.option("--quiet", is_flag=True, help="Do not log each request.")
def serve(host, port, site, timeout, max_rows, workers, quiet):
    """Serve the site with content negotiation and a read-only SPARQL endpoint at /sparql."""
    from ykg.serve import ServeError, serve_site
    try:
        serve_site(site, host, port, timeout=timeout, max_rows=max_rows, workers=workers,
                   quiet=quiet, announce=lambda m: click.echo(m, err=False))
    except ServeError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
