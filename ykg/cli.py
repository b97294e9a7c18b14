"""The ykg command line: thin commands over the library; heavy imports happen inside commands."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ykg.cli_common import DEFAULT_BASE, load_build


def _data_option(f):
    return click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
                        default=None, help="Folder of the CSV tables (default: the repository's data/).")(f)


def _base_option(f):
    return click.option("--base", default=DEFAULT_BASE, show_default=True,
                        help="Base IRI under which every instance IRI is minted.")(f)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option("0.1.0", prog_name="ykg")
def main():
    """Explore the knowledge graph of やまぐちデジタル改革基本方針 (2021-02-17)."""


@main.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("build"), show_default=True, help="Folder to write the files into.")
@_base_option
@_data_option
def build(out_dir, base, data_dir):
    """Build graph.ttl, graph.trig, graph.nt and graph.jsonld from the tables."""
    from graphbuild import write_build
    b = load_build(data_dir, base)
    for path in write_build(b, out_dir):
        click.echo(f"wrote {path} ({path.stat().st_size:,} bytes)")
    click.echo(f"{len(b.triples()):,} triples in {len(b.graph_names())} named graphs")


@main.command()
@click.option("--file", "graph_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Validate this written graph file instead of building from the tables.")
@_base_option
@_data_option
def validate(graph_file, base, data_dir):
    """Validate the graph with SHACL; exit 1 with the report when it does not conform."""
    from graphbuild.validate import validate_build, validate_file
    if graph_file is not None:
        try:
            report = validate_file(graph_file)
        except Exception as exc:  # a file that does not parse is a user mistake, not a crash
            click.echo(f"error: {graph_file}: {exc}", err=True)
            sys.exit(2)
    else:
        report = validate_build(load_build(data_dir, base))
    click.echo(report.text())
    sys.exit(0 if report.conforms else 1)


@main.command()
@_base_option
@_data_option
def stats(base, data_dir):
    """Print triples per named graph and entities per class."""
    from graphbuild.stats import compute_stats
    click.echo(compute_stats(load_build(data_dir, base)).text())


@main.command()
@_data_option
def registry(data_dir):
    """Register new ids in data/registry.csv and refresh the cache of label readings."""
    from graphbuild.build import DATA_DIR
    from graphbuild.registry import refresh
    for line in refresh(data_dir or DATA_DIR):
        click.echo(line)


# -- commands from other modules (each module imports its heavy dependencies lazily) --
from ykg.cli_query import push, query, sparql  # noqa: E402
main.add_command(query)
main.add_command(sparql)
main.add_command(push)
from ykg.cli_publish import publish, serve  # noqa: E402
main.add_command(publish)
main.add_command(serve)
from ykg.cli_view import analyze, path, view  # noqa: E402
main.add_command(view)
main.add_command(analyze)
main.add_command(path)


if __name__ == "__main__":  # pragma: no cover
    main()
