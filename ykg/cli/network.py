"""Commands over the policy network: view, analyze, path."""
from __future__ import annotations

from pathlib import Path

import click

from ykg.cli.options import LANG, with_app
from ykg.network.presets import ANALYSIS_FORMATS, ANALYSIS_TABLES, DEFAULT_K, MAX_K, PRESETS

K = click.IntRange(1, MAX_K)


def _preset_help() -> str:
    return "\n".join(f"  {p.name} {p.args}".rstrip().ljust(28) + f" {p.summary_en}"
                     for p in PRESETS.values())


@click.command("view", epilog="Presets:\n\n\b\n" + _preset_help())
@click.argument("preset", type=click.Choice(list(PRESETS)))
@click.argument("args", nargs=-1)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="HTML file to write (default: build/views/<preset>[-<name>].html).")
@click.option("--k", "k", type=K, default=DEFAULT_K, show_default=True,
              help="path: how many shortest paths to draw.")
@click.option("--columns", default=None, metavar="A,B",
              help="query: the two entity columns to draw as edges (default: the first two).")
@LANG
@with_app()
def view(preset, args, out, k, columns, lang, app):
    """Write an interactive network view (one self-contained HTML file) of PRESET.

    An entity is named like in every command: its IRI, its id (program/p0001), its Japanese or
    English label or reading (NFKC, katakana = hiragana), or a project's number. The query
    preset takes a catalogue query id and NAME=VALUE parameters.
    """
    r = app.view(preset, args, out, lang, k=k, columns=columns)
    click.echo(f"wrote {r.path} ({r.nodes} nodes, {r.edges} edges, {r.size:,} bytes)")


@click.command("analyze")
@click.option("--format", "fmt", type=click.Choice(ANALYSIS_FORMATS), default="table",
              show_default=True, help="Output format.")
@click.option("--only", type=click.Choice(ANALYSIS_TABLES), default=None,
              help="Print one table only.")
@LANG
@with_app()
def analyze(fmt, only, lang, app):
    """Centrality of programs and departments, bridge programs, communities, co-participation."""
    click.echo(app.analyze(fmt, lang, only), nl=False)


@click.command("path")
@click.argument("a")
@click.argument("b")
@click.option("--k", "k", type=K, default=DEFAULT_K, show_default=True,
              help="How many shortest connections to show.")
@LANG
@with_app()
def path(a, b, k, lang, app):
    """Explain the shortest connections between entities A and B, each hop with its evidence."""
    click.echo(app.path(a, b, k, lang), nl=False)


COMMANDS = (view, analyze, path)
