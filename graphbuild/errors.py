"""Problems found in the input tables, reported as file:row:column."""
from __future__ import annotations

from dataclasses import dataclass

from ykg.foundation.errors import UserError


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one cell (row 1 is the header line)."""

    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}:{self.column}: {self.message}"


class DataError(UserError):
    """Raise when the tables cannot be turned into a graph; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))

    def report(self) -> str:
        """Return one line per problem, then a count."""
        n = len(self.problems)
        lines = [str(p) for p in self.problems]
        lines.append(f"{n} problem{'s' if n != 1 else ''} in the input tables "
                     f"(入力表に{n}件の問題があります); nothing was written.")
        return "\n".join(lines)
