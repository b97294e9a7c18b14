"""What every command shares: the option objects, the Application they make, the error mapping."""
from __future__ import annotations

import functools
from pathlib import Path

import click

from ykg.app import Application, Remote
from ykg.foundation.constants import DEFAULT_BASE
from ykg.foundation.errors import YkgError

DATA = click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
                    default=None,
                    help="Folder of the CSV tables (default: the repository's data/).")
BASE = click.option("--base", default=DEFAULT_BASE, show_default=True,
                    help="Base IRI under which every instance IRI is minted.")
SOURCE = click.option("--source", type=click.Path(path_type=Path), default=None,
                      help="A build folder (graph.trig) or a .trig/.nq dump to load instead of "
                           "building from the tables.")
LANG_CHOICES = ("ja", "en")
LANG = click.option("--lang", type=click.Choice(LANG_CHOICES), default="ja", show_default=True,
                    help="Language of the labels and the page.")
ENDPOINT_OPTIONS = (
    click.option("--endpoint", default=None, metavar="URL",
                 help="Run on this SPARQL endpoint instead of the embedded store."),
    click.option("--default-graph", "default_graphs", multiple=True, metavar="IRI",
                 help="Graph to query as the default graph (repeatable; default: the dataset's "
                      "named graphs under --base)."),
    click.option("--server-default-graph", is_flag=True,
                 help="Send no default-graph-uri: use the server's own default graph."),
    click.option("--timeout", type=float, default=60.0, show_default=True,
                 help="Seconds to wait for the server."),
)
CREDENTIALS = (
    click.option("--user", default=None, help="User name for the server."),
    click.option("--password", default=None, envvar="YKG_PASSWORD",
                 help="Password for the server (or set YKG_PASSWORD)."),
)


def _remote(endpoint, default_graphs, server_default_graph, timeout, user, password):
    """Return the Remote the endpoint options name, or None."""
    if not endpoint:
        return None
    graphs = () if server_default_graph else (tuple(default_graphs) or None)
    return Remote(endpoint, graphs, user, password, timeout)


def with_app(*, remote: bool = False):
    """Add --source/--data/--base (and the endpoint options) and pass the Application as `app`."""
    def decorate(f):
        @functools.wraps(f)
        def command(*args, base, data_dir, source, endpoint=None, default_graphs=(),
                    server_default_graph=False, timeout=60.0, user=None, password=None,
                    **kwargs):
            where = _remote(endpoint, default_graphs, server_default_graph, timeout, user,
                            password)
            app = Application(base=base, data_dir=data_dir, source=source, remote=where)
            return f(*args, app=app, **kwargs)
        options = [BASE, DATA, SOURCE]
        if remote:
            options += [*ENDPOINT_OPTIONS, *CREDENTIALS]
        for option in reversed(options):
            command = option(command)
        return command
    return decorate


def _report(exc: BaseException) -> tuple[str, int] | None:
    """Return the text and exit code of an error ykg reports without a traceback, else None."""
    if isinstance(exc, YkgError):  # graphbuild.DataError too: every problem, one per line
        return exc.report(), exc.exit_code
    if isinstance(exc, OSError) and exc.filename is not None:  # a file we cannot read or write
        return f"error: {exc}", 2
    return None


class Group(click.Group):
    """The top command group: maps every reported error to its exit code, in this one place."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except Exception as exc:
            known = _report(exc)
            if known is None:
                raise
            click.echo(known[0], err=True)
            ctx.exit(known[1])
