"""Several plans in one build: the plan folders of a data folder, and what makes a plan one.

A data folder holds the tables of its home plan (IRIs unscoped: data/ is the document) and, in
``plans/<plan-id>/``, complete plan folders of more plans, whose IRIs are scoped by <plan-id>.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import NamedNode

from ykg.foundation.constants import DERIVED
from ykg.foundation.errors import UserError

from .dataset import GraphBuilder, en, ja
from .errors import Problem
from .tables import Row, Tables
from .vocab import RDF, RDFS, Minter, Y

PLANS_DIR = "plans"
PLAN_ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Tables of shared vocabulary: a row of one id must be the same in every plan that has it.
SHARED_TABLES = ("technologies", "schemes", "concepts", "roles")
HOME_ID = "home"


@dataclass(frozen=True)
class PlanFolder:
    """One plan folder: its scope ("" for the home plan) and where its tables are."""

    scope: str
    path: Path


@dataclass(frozen=True)
class PlanSet:
    """A plan of the build (one folder of tables): its id, IRI and labels."""

    id: str
    iri: str
    label_ja: str
    label_en: str
    scope: str = ""


def plan_folders(data_dir: Path) -> list[PlanFolder]:
    """Return the home plan (when the folder holds tables) and every plans/<id>/ folder."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        what = "is not a folder" if data_dir.exists() else "does not exist"
        raise UserError(f"--data: the folder of the tables {str(data_dir)!r} {what}")
    sub = data_dir / PLANS_DIR
    folders = []
    if not sub.is_dir() or any(data_dir.glob("*.csv")):
        folders.append(PlanFolder("", data_dir))
    if sub.is_dir():
        for child in sorted(sub.iterdir()):
            if not child.is_dir():
                continue
            if not PLAN_ID_RE.match(child.name):
                raise UserError(f"--data: {child} is not a plan id (lower-case letters, digits "
                                "and single hyphens)")
            folders.append(PlanFolder(child.name, child))
    if not folders:
        raise UserError(f"--data: {data_dir} holds no tables and no plan folder in {sub}")
    return folders


def plan_set(tables: Tables, folder: PlanFolder, minter: Minter,
             problems: list[Problem]) -> PlanSet:
    """Return the plan set of a folder: plan_set.csv's row, else named after the folder."""
    rows = tables["plan_set"]
    for extra in rows[1:]:
        problems.append(Problem(extra.file, extra.line, "-", "plan_set.csv holds one row only"))
    if rows:
        row = rows[0]
        pid, label_ja, label_en = row["id"], row["label_ja"], row["label_en"]
        if folder.scope and pid != folder.scope:
            problems.append(Problem(row.file, row.line, "id", f"the plan id {pid!r} differs "
                                    f"from its folder's name {folder.scope!r}"))
    else:
        pid = folder.scope or HOME_ID
        title = (tables["dataset"] or [None])[0]
        label_ja = title["title_ja"] if title else pid
        label_en = title["title_en"] if title else pid
    return PlanSet(pid, minter.id("plan-set", pid).value, label_ja, label_en, folder.scope)


def check_plan_sets(plans: list[PlanSet], folders: list[PlanFolder],
                    problems: list[Problem]) -> None:
    """Check that no two plans share an id."""
    seen: dict[str, PlanFolder] = {}
    for plan, folder in zip(plans, folders):
        if plan.id in seen:
            problems.append(Problem(str(folder.path / "plan_set.csv"), 0, "id",
                                    f"plan id {plan.id!r} is also the id of {seen[plan.id].path}"))
        seen.setdefault(plan.id, folder)


def check_shared(tables: Tables, first: dict[tuple[str, str], Row],
                 problems: list[Problem]) -> None:
    """Check that every shared vocabulary row is the same in every plan that has it.

    first holds the rows seen so far (table, id) -> row; the rows of tables are added to it.
    """
    for table in SHARED_TABLES:
        for row in tables[table]:
            seen = first.setdefault((table, row["id"]), row)
            if seen is not row and seen.values != row.values:
                problems.append(Problem(row.file, row.line, "-", f"{table} {row['id']!r} "
                                        f"differs from {seen.where}: rows of shared "
                                        "vocabulary must be the same in every plan"))


# What the description of the dataset reads of a plan other than the first.
DESCRIBED_TABLES = ("meetings", "materials")


def slim(tables: Tables) -> Tables:
    """Return the tables of a mapped plan reduced to what the build still reads of them.

    That is the rows the description reads and the shared vocabulary (checked across plans).
    """
    return Tables(rows={t: tables[t] for t in DESCRIBED_TABLES + SHARED_TABLES},
                  folder=tables.folder)


def add_plan_set(g: GraphBuilder, plan: PlanSet, members) -> None:
    """Describe the plan set and say of every member that it belongs to it."""
    ps = g.minter.id("plan-set", plan.id)
    g.add(ps, RDF.type, Y.PlanSet)
    g.add(ps, RDFS.label, ja(plan.label_ja))
    g.add(ps, RDFS.label, en(plan.label_en))
    for member in members:
        g.add(NamedNode(member), Y.inPlanSet, ps, DERIVED)
