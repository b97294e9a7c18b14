"""Keep data/registry.csv: every id ever assigned, so that ids stay stable and are never reused."""
from __future__ import annotations

import csv
from pathlib import Path

from .build import build_dataset
from .readings import READINGS_FILE, write_readings_cache
from .tables import SETTINGS_TABLES, SPECS, Tables, read_tables

LABEL_COLUMNS = ("label_ja", "title_ja", "text_ja", "printed_ja", "alias_ja", "date")


def registry_rows(tables: Tables) -> list[tuple[str, str, str]]:
    """Return (table, id, label_ja) for every row of every document table that has ids."""
    rows = []
    for name, spec in SPECS.items():
        if not spec.has_id or name == "registry" or name in SETTINGS_TABLES:
            continue
        for r in tables[name]:
            label = next((r.get(c) for c in LABEL_COLUMNS if r.get(c)), "")
            rows.append((name, r["id"], label.replace("\n", " ")))
    return rows


def read_registry(data_dir: Path) -> list[tuple[str, str, str]]:
    path = Path(data_dir) / "registry.csv"
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        return [(r["table"], r["id"], r["label_ja"]) for r in csv.DictReader(fh)]


def update_registry(data_dir: Path, tables: Tables) -> int:
    """Append ids not yet registered (never remove one); return how many were added."""
    old = read_registry(data_dir)
    known = {(t, i) for t, i, _ in old}
    new = [r for r in registry_rows(tables) if (r[0], r[1]) not in known]
    rows = sorted(old + new)
    with open(Path(data_dir) / "registry.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["table", "id", "label_ja"])
        w.writerows(rows)
    return len(new)


def refresh(data_dir: Path) -> list[str]:
    """Register new ids and rewrite the readings cache; return what was done, a line each."""
    tables = read_tables(data_dir)
    added = update_registry(data_dir, tables)
    # The whole build, not the mapping alone: a plan set's label is read too.
    n = write_readings_cache(build_dataset(data_dir))
    return [f"registered {added} new id(s) in {Path(data_dir) / 'registry.csv'}",
            f"cached the readings of {n} labels in {READINGS_FILE}"]
