"""Editions: what changed between two versions of the graph, entity by entity.

Modules: sides (what `ykg diff` compares: a build folder, a dump, a published site, a data folder
or `git:REV`), entities (the graph read as entities with their properties), budgets (totals per
program, project and 部局), compare (the rows of a diff), output (table, CSV, JSON) and changeset
(the RDF changeset in TriG with PROV, and applying it). Cheap to import: pyoxigraph and graphbuild
load on first use.
"""
from .changeset import apply_changeset, changeset_trig
from .compare import Change, Diff, diff_editions
from .output import COLUMNS, FORMATS, format_diff
from .sides import DiffError, Edition, edition_from_quads, load_side

__all__ = ["COLUMNS", "Change", "Diff", "DiffError", "Edition", "FORMATS", "apply_changeset",
           "changeset_trig", "diff_editions", "edition_from_quads", "format_diff", "load_side"]
