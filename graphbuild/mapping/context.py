"""What every mapping step shares: the tables, the IRI minter, the graph and the problems found."""
from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from ..dataset import GraphBuilder
from ..errors import Problem
from ..tables import Row, Tables
from ..vocab import Minter
from .entities import ENTITY_MAPS

# The Japanese era 令和 began in 2019: 令和N年度 is fiscal year 2018 + N.
REIWA_OFFSET = 2018


@dataclass
class Context:
    """The checked tables, the minter and the GraphBuilder the steps add to."""

    tables: Tables
    minter: Minter
    graph: GraphBuilder
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def start(cls, tables: Tables, minter: Minter, graph: GraphBuilder | None = None) -> Context:
        """Start mapping one plan's tables, into graph when several plans share one."""
        return cls(tables, minter, graph if graph is not None else GraphBuilder(minter))

    # -- problems ---------------------------------------------------------------------------
    def problem(self, row: Row, column: str, message: str) -> None:
        self.problems.append(Problem(row.file or self.tables.path(row.table), row.line, column,
                                     message))

    def missing(self, table: str, message: str) -> None:
        """Report something the build needs that a table does not hold."""
        self.problems.append(Problem(self.tables.path(table), 0, "-", message))

    # -- IRIs -------------------------------------------------------------------------------
    def iri(self, table: str, rid: str) -> NamedNode:
        return self.minter.id(ENTITY_MAPS[table].path, rid)

    def scheme(self, sid: str) -> NamedNode:
        return self.minter.id("scheme", sid)

    def concept(self, scheme: str, cid: str) -> NamedNode:
        return self.minter.id(f"scheme/{scheme}", cid)

    def fiscal_year(self, year: int) -> NamedNode:
        return self.minter.id("fy", str(year))

    # -- settings ---------------------------------------------------------------------------
    def single(self, table: str) -> Row | None:
        """Return the one row of a one-row settings table (None when it has none)."""
        rows = self.tables[table]
        for extra in rows[1:]:
            self.problem(extra, "-", f"{self.tables.path(table)} holds one row only")
        return rows[0] if rows else None

    def text(self, tid: str, lang: str, **fields) -> str:
        """Return a text of texts.csv in ja or en, its {fields} filled in."""
        row = self.tables.by_id("texts").get(tid)
        if row is None:
            self.missing("texts", f"no text {tid!r}, which the build needs")
            return ""
        column = f"text_{lang}"
        try:
            return (row.get(column) or "").format(**fields)
        except (KeyError, IndexError, ValueError) as exc:
            self.problem(row, column, f"cannot fill in the pattern: {exc!r} "
                         f"(fields: {', '.join(sorted(fields))})")
            return ""

    def row_label(self, table: str, rid: str, lang: str) -> str:
        """Return a row's label in ja or en (its id when the table has no such label)."""
        em = ENTITY_MAPS[table]
        column = em.label if lang == "ja" else em.label_en
        row = self.tables.by_id(table)[rid]
        return row.get(column) or f"{table}:{rid}"


def reiwa(year: int) -> int:
    """Return the 令和 year of a fiscal year."""
    return year - REIWA_OFFSET
