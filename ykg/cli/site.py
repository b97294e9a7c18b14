"""Commands that write and serve the linked-data site: publish, serve."""
from __future__ import annotations

from pathlib import Path

import click

from ykg.app import Application
from ykg.cli.options import with_app
from ykg.site import DEFAULT_SITE  # ykg.site loads its heavy parts on first use


@click.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=DEFAULT_SITE, show_default=True,
              help="Folder of the site; replaced as a whole once the new site is complete.")
@click.option("--site-url", default=None,
              help="Public URL of the site folder, if it differs from the base (sitemap, "
                   "download URLs, w3id recipe).")
@click.option("--previous", type=click.Path(exists=True, path_type=Path), default=None,
              help="The previous edition (its published site, a folder of its dumps or its "
                   ".trig/.nq dump): keep its dumps as a version and say what changed.")
@with_app()
@click.pass_context
def publish(ctx, out_dir, site_url, previous, app):
    """Write the linked-data site: pages, RDF per resource, dumps, VoID/DCAT, hosting recipes."""
    report = app.publish(out_dir, site_url, previous)
    click.echo(report.text())
    ctx.exit(1 if report.broken_links else 0)


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
    Application.serve(site, host, port, timeout=timeout, max_rows=max_rows, workers=workers,
                      quiet=quiet, announce=click.echo)


COMMANDS = (publish, serve)
