"""The canonical form of a data table: UTF-8, LF, minimal quoting, header then rows in sorted order.

Run ``python -m graphbuild.canonical [FOLDER ...]`` to rewrite the tables of data/ (or of the
folders given) in this form; a test asserts that every table already is.
"""
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from ykg.foundation.paths import DATA_DIR

FIX_COMMAND = "python -m graphbuild.canonical"


def canonical_text(text: str) -> str:
    """Return a CSV text re-serialized: header first, then the rows sorted, blank rows dropped."""
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    header, body = (rows[0], rows[1:]) if rows else ([], [])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(sorted(r for r in body if any(cell.strip() for cell in r)))
    return out.getvalue()


def non_canonical(folder: Path) -> list[Path]:
    """Return the CSV files of a folder that differ from their canonical form."""
    return [p for p in sorted(Path(folder).glob("*.csv")) if _text(p) != canonical_text(_text(p))]


def _text(path: Path) -> str:
    # Bytes decoded as they are: a CRLF file must not pass for an LF one.
    return path.read_bytes().decode("utf-8")


def rewrite(folder: Path) -> list[Path]:
    """Rewrite every non-canonical CSV file of a folder; return the files rewritten."""
    changed = non_canonical(folder)
    for path in changed:
        path.write_bytes(canonical_text(_text(path)).encode("utf-8"))
    return changed


def main(argv: list[str]) -> int:
    """Rewrite the tables of each folder given (data/ when none) in canonical form."""
    for folder in [Path(a) for a in argv] or [DATA_DIR]:
        for path in rewrite(folder):
            print(f"rewrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
