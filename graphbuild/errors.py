"""Problems found in the input tables, reported as file:row:column."""
from __future__ import annotations

from dataclasses import dataclass, field

from ykg.foundation.errors import UserError

# The rank of a problem with a whole file (missing, unreadable, wrong header): such problems are
# listed first, because they hide or cause the others.
FILE_RANK = 0
CELL_RANK = 1


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one cell (row 1 is the header line; row 0 is the file as a whole)."""

    file: str
    row: int
    column: str
    message: str
    rank: int = field(default=CELL_RANK, compare=False)

    def __str__(self) -> str:
        return f"{self.file}:{self.row}:{self.column}: {self.message}"

    def key(self) -> tuple:
        return (self.rank, self.file, self.row, self.column, self.message)


class DataError(UserError):
    """Raise when the tables cannot be turned into a graph; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        # Problems with whole files first: they say what caused (or hid) the rest.
        self.problems = sorted(set(problems), key=Problem.key)
        super().__init__("\n".join(str(p) for p in self.problems))

    def report(self) -> str:
        """Return one line per problem, then a count."""
        n = len(self.problems)
        lines = [str(p) for p in self.problems]
        lines.append(f"{n} problem{'s' if n != 1 else ''} in the input tables "
                     f"(入力表に{n}件の問題があります); nothing was written.")
        return "\n".join(lines)
