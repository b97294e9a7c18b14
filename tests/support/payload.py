"""Data with script payloads in its labels, for the tests that prove no markup from data runs."""
from __future__ import annotations

import shutil
from pathlib import Path

from tests.support.tables import edit_csv
from ykg.foundation.paths import DATA_DIR

PAYLOAD_PROGRAM = "p0001"


def write_payload_data(dst: Path, label_ja: str, label_en: str,
                       program: str = PAYLOAD_PROGRAM) -> Path:
    """Copy data/ to dst and put the given payloads into one program's ja and en labels."""
    shutil.copytree(DATA_DIR, dst)

    def edit(rows):
        header = rows[0]
        for row in rows[1:]:
            if row[0] == program:
                row[header.index("label_ja")] = label_ja
                row[header.index("label_en")] = label_en
    edit_csv(dst / "programs.csv", edit)
    return dst
