"""Commands `ykg view`, `ykg analyze` and `ykg path`: thin wrappers over ykg.views and ykg.analyze."""
from __future__ import annotations

from pathlib import Path

import click

from ykg.view_presets import DEFAULT_K, LANGS, MAX_K, PRESETS  # plain data: the CLI starts fast

from ykg.cli_common import fail, open_local_store, source_options
ANALYSIS_FORMATS = ("table", "csv", "json")  # ykg.analyze.FORMATS, listed here to start fast
ANALYSIS_TABLES = ("centrality", "bridges", "communities", "departments")  # ykg.analyze.ANALYSES


_fail = fail
_source_options = source_options("Base IRI when building from the tables.")


def _lang_option(f):
    return click.option("--lang", type=click.Choice(LANGS), default="ja", show_default=True,
                        help="Language of the labels and the page.")(f)


def _store(source, data_dir, base):
    """Open the store from a build or build it from the tables; bad input exits 2."""
    return open_local_store(source, data_dir, base, exclusive=True)


def _preset_help() -> str:
    return "\n".join(f"  {p.name} {p.args}".rstrip().ljust(28) + f" {p.summary_en}"
                     for p in PRESETS.values())


@click.command("view", epilog="Presets:\n\n\b\n" + _preset_help())
@click.argument("preset", type=click.Choice(list(PRESETS)))
@click.argument("args", nargs=-1)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="HTML file to write (default: build/views/<preset>[-<name>].html).")
@click.option("--k", "k", type=click.IntRange(1, MAX_K), default=DEFAULT_K, show_default=True,
              help="path: how many shortest paths to draw.")
@click.option("--columns", default=None, metavar="A,B",
              help="query: the two entity columns to draw as edges (default: the first two).")
@_lang_option
@_source_options
def view(preset, args, out, k, columns, lang, source, data_dir, base):
    """Write an interactive network view (one self-contained HTML file) of PRESET.

    Names are matched like the search query: Japanese or English label or reading, NFKC,
    katakana = hiragana; an id such as program/p0001 works too. The query preset takes a
    catalogue query id and NAME=VALUE parameters.
    """
    from ykg.views import ViewError, write_view
    store = _store(source, data_dir, base)
    try:
        result = write_view(store, preset, list(args), out, lang, k=k, columns=columns)
    except ViewError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot write {out}: {exc}")
    click.echo(f"wrote {result.path} ({result.nodes} nodes, {result.edges} edges, "
               f"{result.size:,} bytes)")


@click.command("analyze")
@click.option("--format", "fmt", type=click.Choice(ANALYSIS_FORMATS), default="table",
              show_default=True, help="Output format.")
@click.option("--only", type=click.Choice(ANALYSIS_TABLES), default=None,
              help="Print one table only.")
@_lang_option
@_source_options
def analyze(fmt, only, lang, source, data_dir, base):
    """Centrality of programs and departments, bridge programs, communities, co-participation."""
    from ykg.analyze import analyze_store
    store = _store(source, data_dir, base)
    click.echo(analyze_store(store, fmt, lang, only), nl=False)


@click.command("path")
@click.argument("a")
@click.argument("b")
@click.option("--k", "k", type=click.IntRange(1, MAX_K), default=DEFAULT_K, show_default=True,
              help="How many shortest connections to show.")
@_lang_option
@_source_options
def path(a, b, k, lang, source, data_dir, base):
    """Explain the shortest connections between entities A and B, each hop with its evidence."""
    from ykg.analyze import describe_paths
    from ykg.network import NetworkError
    store = _store(source, data_dir, base)
    try:
        text = describe_paths(store, a, b, k, lang)
    except NetworkError as exc:
        _fail(str(exc))
    click.echo(text, nl=False)
