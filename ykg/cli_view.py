"""Commands `ykg view`, `ykg analyze` and `ykg path`: thin wrappers over ykg.views and ykg.analyze."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ykg.view_presets import DEFAULT_K, LANGS, MAX_K, PRESETS  # plain data: the CLI starts fast

DEFAULT_BASE = "https://w3id.org/ykg"
ANALYSIS_FORMATS = ("table", "csv", "json")  # ykg.analyze.FORMATS, listed here to start fast
ANALYSIS_TABLES = ("centrality", "bridges", "communities", "departments")  # ykg.analyze.ANALYSES


def _fail(message: str, code: int = 2):
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def _source_options(f):
    f = click.option("--source", type=click.Path(path_type=Path), default=None,
                     help="A build folder (graph.trig) or a .trig/.nq file to load instead of "
                          "building from the tables.")(f)
    f = click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
                     default=None, help="Folder of the CSV tables (default: the repository's "
                                        "data/).")(f)
    f = click.option("--base", default=DEFAULT_BASE, show_default=True,
                     help="Base IRI when building from the tables.")(f)
    return f


def _lang_option(f):
    return click.option("--lang", type=click.Choice(LANGS), default="ja", show_default=True,
                        help="Language of the labels and the page.")(f)


def _store(source, data_dir, base):
    """Open the store from a build or build it from the tables; bad input exits 2."""
    from ykg.store import open_store, store_from_build
    if source is not None:
        if data_dir is not None:
            _fail("give either --source or --data, not both")
        if not Path(source).exists():
            _fail(f"{source} does not exist")
        try:
            return open_store(source)
        except (ValueError, OSError, SyntaxError) as exc:
            _fail(f"cannot load {source}: {exc}")
    from graphbuild import DataError, build_dataset
    from graphbuild.build import DATA_DIR
    try:
        return store_from_build(build_dataset(data_dir or DATA_DIR, base))
    except DataError as exc:
        click.echo(exc.report(), err=True)
        sys.exit(2)
    except ValueError as exc:
        _fail(str(exc))


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
