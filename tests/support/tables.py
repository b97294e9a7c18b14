"""Edit a copy of a data table in place, for the tests that break one cell or row."""
from __future__ import annotations

import csv
from pathlib import Path


def edit_csv(path: Path, edit) -> None:
    """Read a CSV table, let edit change its rows (header first), and write it back."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    edit(rows)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def set_cell(path: Path, row_id: str, column: str, value: str) -> int:
    """Set one cell of the row with this id; return the row's line number in the file."""
    found = {}

    def edit(rows):
        col = rows[0].index(column)
        for n, r in enumerate(rows[1:], start=2):
            if r[0] == row_id:
                r[col] = value
                found["line"] = n
    edit_csv(path, edit)
    return found["line"]
