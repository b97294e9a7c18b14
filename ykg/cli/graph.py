"""Commands that build, check and describe the graph: build, validate, stats, registry."""
from __future__ import annotations

from pathlib import Path

import click

from ykg.app import Application
from ykg.cli.options import DATA, with_app


@click.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("build"), show_default=True, help="Folder to write the files into.")
@with_app()
def build(out_dir, app):
    """Build graph.ttl, graph.trig, graph.nt and graph.jsonld from the tables."""
    for path in app.write_build(out_dir):
        click.echo(f"wrote {path} ({path.stat().st_size:,} bytes)")
    click.echo(f"{len(app.build.triples()):,} triples in {len(app.build.graph_names())} "
               "named graphs")


@click.command()
@click.option("--file", "graph_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None,
              help="Validate this written graph file instead of building from the tables.")
@with_app()
@click.pass_context
def validate(ctx, graph_file, app):
    """Validate the graph with SHACL; exit 1 with the report when it does not conform."""
    report = app.validate(graph_file)
    click.echo(report.text())
    ctx.exit(0 if report.conforms else 1)


@click.command()
@with_app()
def stats(app):
    """Print triples per named graph and entities per class."""
    click.echo(app.stats().text())


@click.command()
@DATA
def registry(data_dir):
    """Register new ids in data/registry.csv and refresh the cache of label readings."""
    for line in Application(data_dir=data_dir).refresh_registry():
        click.echo(line)


COMMANDS = (build, validate, stats, registry)
