"""The command that compares two editions of the graph: diff."""
from __future__ import annotations

from pathlib import Path

import click

from ykg.app import Application
from ykg.cli.options import BASE
from ykg.diff.output import FORMATS  # plain data: cheap to import


@click.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="table for people; csv and json with the columns change,kind,id,label_ja,"
                   "property,old,new; rdf: a changeset in TriG with PROV (old + changeset = new).")
@click.option("--all", "everything", is_flag=True,
              help="Also list what follows by rule: the derived and dataset graphs, funding "
                   "lines and amounts, labels that quote a renamed entity.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: standard output).")
@BASE
def diff(old, new, fmt, everything, out, base):
    """Say what changed from OLD to NEW, entity by entity (matched by IRI).

    OLD and NEW are each a build folder, a .trig/.nq dump, a published site, a folder of tables
    (built first) or git:REV (the tables of a revision of the repository in the current folder,
    read with git archive; the work tree is not touched).
    """
    text = Application(base=base).diff(old, new, fmt, everything=everything)
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}")


COMMANDS = (diff,)
