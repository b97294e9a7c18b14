"""The catalogue and SPARQL: query list/show/run/run-all/readme, sparql, push."""
from __future__ import annotations

from pathlib import Path

import click

from ykg.app import Application, Remote
from ykg.foundation.results import FORMATS, format_result
from ykg.cli.options import BASE, CREDENTIALS, DATA, SOURCE, with_app

FORMAT_NAMES = tuple(FORMATS)
FORMAT = click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), default="table",
                      show_default=True, help="Output format.")


@click.group("query")
def query():
    """Ask the named questions of the catalogue (queries/*.rq)."""


@query.command("list")
@click.option("--lang", type=click.Choice(["ja", "en"]), default="ja", show_default=True,
              help="Language of the summaries.")
def list_queries(lang):
    """List the query ids with their summaries."""
    catalogue = Application().catalogue
    width = max(len(q) for q in catalogue)
    for qid, q in catalogue.items():
        params = " ".join(f"-p {p.name}=…" for p in q.params)
        summary = q.summary_ja if lang == "ja" else q.summary_en
        click.echo(f"{qid.ljust(width)}  {summary}{'  [' + params + ']' if params else ''}")


@query.command("show")
@click.argument("query_id")
def show(query_id):
    """Print a query's header and its SPARQL text."""
    click.echo(Application().query(query_id).text, nl=False)


@query.command("run")
@click.argument("query_id")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Value of a query parameter (repeatable); an entity may be given by name.")
@FORMAT
@with_app(remote=True)
def run(query_id, params, fmt, app):
    """Run one named query and print its rows."""
    click.echo(format_result(app.run_query(query_id, params), fmt), nl=False)


@query.command("run-all")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("build/queries"), show_default=True,
              help="Folder for one <id>.csv per query.")
@with_app(remote=True)
def run_all(out_dir, app):
    """Run every query (parameters from its example) and write one CSV per query."""
    for qid, n, path in app.run_all(out_dir):
        click.echo(f"{qid}: {n} row{'' if n == 1 else 's'} -> {path}")


@query.command("readme")
@click.option("--check", is_flag=True, help="Exit 1 if queries/README.md is not up to date.")
def readme(check):
    """Regenerate queries/README.md from the query headers."""
    path = Application().readme(check)
    click.echo(f"{path} is up to date" if check else f"wrote {path}")


@click.command("sparql")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), default="table",
              show_default=True, help="Output format of SELECT results.")
@with_app(remote=True)
def sparql(file, fmt, app):
    """Run the SPARQL query in FILE (or - for stdin); CONSTRUCT prints sorted N-Triples."""
    answer = app.sparql(file.read())
    if isinstance(answer, bool):
        click.echo("true" if answer else "false")
    elif isinstance(answer, str):
        click.echo(answer, nl=False)
    else:
        click.echo(format_result(answer, fmt), nl=False)


@click.command("push")
@click.option("--endpoint", required=True, metavar="URL",
              help="SPARQL query endpoint of the server (used to check the counts).")
@click.option("--graph-store", default=None, metavar="URL",
              help="Graph Store Protocol URL (default: guessed for Oxigraph /query -> /store and "
                   "Virtuoso /sparql -> /sparql-graph-crud[-auth]).")
@CREDENTIALS[0]
@CREDENTIALS[1]
@click.option("--timeout", type=float, default=120.0, show_default=True,
              help="Seconds to wait for each request.")
@SOURCE
@DATA
@BASE
def push(endpoint, graph_store, user, password, timeout, source, data_dir, base):
    """Replace the dataset's named graphs on a SPARQL server (Graph Store Protocol PUT)."""
    app = Application(base=base, data_dir=data_dir, source=source)
    server = Remote(endpoint, (), user, password, timeout)
    click.echo(app.push(server, graph_store).text())


COMMANDS = (query, sparql, push)
