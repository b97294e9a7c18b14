"""Pieces shared by the CLI modules: exiting on a user mistake, the data-source options, loading."""
from __future__ import annotations

import sys
from pathlib import Path

import click

DEFAULT_BASE = "https://w3id.org/ykg"  # graphbuild.vocab.DEFAULT_BASE, kept here to start fast


def fail(message: str, code: int = 2):
    """Print an error line and exit (2 = bad input) without a traceback."""
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def source_options(base_help: str):
    """Return a decorator adding --source, --data and --base (a build to load, or the tables)."""
    def decorate(f):
        f = click.option("--source", type=click.Path(path_type=Path), default=None,
                         help="A build folder (graph.trig) or a .trig/.nq file to load instead of "
                              "building from the tables.")(f)
        f = click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
                         default=None, help="Folder of the CSV tables (default: the repository's "
                                            "data/).")(f)
        return click.option("--base", default=DEFAULT_BASE, show_default=True, help=base_help)(f)
    return decorate


def load_build(data_dir, base):
    """Build in memory; on bad input print every problem and exit 2."""
    from graphbuild import DataError, build_dataset
    from graphbuild.build import DATA_DIR
    try:
        return build_dataset(data_dir or DATA_DIR, base)
    except DataError as exc:
        click.echo(exc.report(), err=True)
        sys.exit(2)
    except ValueError as exc:  # a bad --base
        fail(str(exc))


def open_local_store(source, data_dir, base, *, exclusive: bool = False):
    """Open the embedded store from a build (--source) or the tables; bad input exits 2."""
    from ykg.store import open_store, store_from_build
    if source is not None:
        if exclusive and data_dir is not None:
            fail("give either --source or --data, not both")
        if not Path(source).exists():
            fail(f"{source} does not exist")
        try:
            return open_store(source)
        except (ValueError, OSError, SyntaxError) as exc:
            fail(f"cannot load {source}: {exc}")
    return store_from_build(load_build(data_dir, base))
