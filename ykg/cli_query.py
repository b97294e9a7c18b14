"""Commands `ykg query …`, `ykg sparql` and `ykg push`: thin wrappers over the library."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ykg.cli_common import fail, load_build, open_local_store, source_options
FORMAT_NAMES = ("table", "csv", "tsv", "json")  # ykg.queries.FORMATS, listed here to start fast


_fail = fail
_source_options = source_options("Base IRI of the dataset (instance IRIs and graph names).")


def _endpoint_options(f):
    f = click.option("--endpoint", default=None, metavar="URL",
                     help="Run on this SPARQL endpoint instead of the embedded store.")(f)
    f = click.option("--default-graph", "default_graphs", multiple=True, metavar="IRI",
                     help="Graph to query as the default graph (repeatable; default: the "
                          "dataset's named graphs under --base).")(f)
    f = click.option("--server-default-graph", is_flag=True,
                     help="Send no default-graph-uri: use the server's own default graph.")(f)
    f = click.option("--timeout", type=float, default=60.0, show_default=True,
                     help="Seconds to wait for the server.")(f)
    f = click.option("--user", default=None, help="User name for the server.")(f)
    f = click.option("--password", default=None, envvar="YKG_PASSWORD",
                     help="Password for the server (or set YKG_PASSWORD).")(f)
    return f


def _local_store(source, data_dir, base):
    return open_local_store(source, data_dir, base)


def _endpoint(url, base, default_graphs, server_default_graph, timeout, user, password):
    from ykg.endpoint import Endpoint, EndpointError
    graphs = () if server_default_graph else (tuple(default_graphs) or None)
    try:
        return Endpoint(url, base=base, default_graphs=graphs, user=user, password=password,
                        timeout=timeout)
    except EndpointError as exc:
        _fail(str(exc))


def _target(source, data_dir, base, endpoint, default_graphs, server_default_graph, timeout,
            user, password):
    """Return the store or endpoint a command runs on."""
    if endpoint:
        if source or data_dir:
            _fail("give either --endpoint or --source/--data, not both")
        return _endpoint(endpoint, base, default_graphs, server_default_graph, timeout, user,
                         password)
    return _local_store(source, data_dir, base)


def _guard(fn, *args, **kwargs):
    """Call a library function; turn user and server errors into a message and an exit code."""
    from ykg.endpoint import EndpointError
    from ykg.queries import QueryError
    try:
        return fn(*args, **kwargs)
    except QueryError as exc:
        _fail(str(exc), 2)
    except EndpointError as exc:
        _fail(str(exc), 1)


@click.group("query")
def query():
    """Ask the named questions of the catalogue (queries/*.rq)."""


@query.command("list")
@click.option("--lang", type=click.Choice(["ja", "en"]), default="ja", show_default=True,
              help="Language of the summaries.")
def list_queries(lang):
    """List the query ids with their summaries."""
    from ykg.queries import load_catalogue
    catalogue = _guard(load_catalogue)
    width = max(len(q) for q in catalogue)
    for qid, q in catalogue.items():
        params = " ".join(f"-p {p.name}=…" for p in q.params)
        summary = q.summary_ja if lang == "ja" else q.summary_en
        click.echo(f"{qid.ljust(width)}  {summary}{'  [' + params + ']' if params else ''}")


@query.command("show")
@click.argument("query_id")
def show(query_id):
    """Print a query's header and its SPARQL text."""
    from ykg.queries import get_query
    q = _guard(get_query, query_id)
    click.echo(q.text, nl=False)


@query.command("run")
@click.argument("query_id")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Value of a query parameter (repeatable).")
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), default="table",
              show_default=True, help="Output format.")
@_source_options
@_endpoint_options
def run(query_id, params, fmt, source, data_dir, base, endpoint, default_graphs,
        server_default_graph, timeout, user, password):
    """Run one named query and print its rows."""
    from ykg.queries import format_result, get_query, parse_assignments, run_query
    q = _guard(get_query, query_id)
    values = _guard(parse_assignments, params)
    _guard(q.bindings, values, base)  # bad values fail before any data is loaded
    target = _target(source, data_dir, base, endpoint, default_graphs, server_default_graph,
                     timeout, user, password)
    result = _guard(run_query, target, q, values, base=base)
    click.echo(format_result(result, fmt), nl=False)


@query.command("run-all")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("build/queries"), show_default=True,
              help="Folder for one <id>.csv per query.")
@_source_options
@_endpoint_options
def run_all_cmd(out_dir, source, data_dir, base, endpoint, default_graphs, server_default_graph,
                timeout, user, password):
    """Run every query (parameters from its example) and write one CSV per query."""
    from ykg.queries import run_all
    target = _target(source, data_dir, base, endpoint, default_graphs, server_default_graph,
                     timeout, user, password)
    for qid, n, path in _guard(run_all, target, out_dir, base=base):
        click.echo(f"{qid}: {n} row{'' if n == 1 else 's'} -> {path}")


@query.command("readme")
@click.option("--check", is_flag=True, help="Exit 1 if queries/README.md is not up to date.")
def readme(check):
    """Regenerate queries/README.md from the query headers."""
    from ykg.queries import QUERIES_DIR, README_NAME, load_catalogue, render_readme, write_readme
    if check:
        path = QUERIES_DIR / README_NAME
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != _guard(render_readme, _guard(load_catalogue)):
            _fail(f"{path} is out of date: run `ykg query readme`", 1)
        click.echo(f"{path} is up to date")
        return
    click.echo(f"wrote {_guard(write_readme)}")


@click.command("sparql")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), default="table",
              show_default=True, help="Output format of SELECT results.")
@_source_options
@_endpoint_options
def sparql(file, fmt, source, data_dir, base, endpoint, default_graphs, server_default_graph,
           timeout, user, password):
    """Run the SPARQL query in FILE (or - for stdin); CONSTRUCT prints sorted N-Triples."""
    from ykg.queries import QueryResult, format_result, run_sparql
    text = file.read()
    if not text.strip():
        _fail("the query is empty")
    target = _target(source, data_dir, base, endpoint, default_graphs, server_default_graph,
                     timeout, user, password)
    answer = _guard(run_sparql, target, text, base=base)
    if isinstance(answer, QueryResult):
        click.echo(format_result(answer, fmt), nl=False)
    elif isinstance(answer, bool):
        click.echo("true" if answer else "false")
    else:
        click.echo(answer, nl=False)


@click.command("push")
@click.option("--endpoint", required=True, metavar="URL",
              help="SPARQL query endpoint of the server (used to check the counts).")
@click.option("--graph-store", default=None, metavar="URL",
              help="Graph Store Protocol URL (default: guessed for Oxigraph /query -> /store and "
                   "Virtuoso /sparql -> /sparql-graph-crud[-auth]).")
@click.option("--user", default=None, help="User name for the server.")
@click.option("--password", default=None, envvar="YKG_PASSWORD",
              help="Password for the server (or set YKG_PASSWORD).")
@click.option("--timeout", type=float, default=120.0, show_default=True,
              help="Seconds to wait for each request.")
@_source_options
def push(endpoint, graph_store, user, password, timeout, source, data_dir, base):
    """Replace the dataset's named graphs on a SPARQL server (Graph Store Protocol PUT)."""
    from ykg.endpoint import EndpointError, PushError, push_dataset
    ep = _endpoint(endpoint, base, (), True, timeout, user, password)
    if source is not None:
        quads = list(_local_store(source, None, base))
    else:
        quads = load_build(data_dir, base).quads
    try:
        report = push_dataset(quads, ep, graph_store)
    except PushError as exc:
        click.echo(exc.report.text(), err=True)
        sys.exit(1)
    except EndpointError as exc:
        _fail(str(exc), 1)
    click.echo(report.text())
