"""The ykg command line: each command parses options, makes one Application call, prints."""
from __future__ import annotations

import click

from ykg.cli import diff, graph, network, queries, site
from ykg.cli.options import Group
from ykg.foundation.constants import VERSION


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(VERSION, prog_name="ykg")
def main():
    """Explore the knowledge graph of やまぐちデジタル改革基本方針 (2021-02-17)."""


for _module in (graph, site, queries, network, diff):
    for _command in _module.COMMANDS:
        main.add_command(_command)
