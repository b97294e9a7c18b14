"""Write N synthetic plans of the document's shape, for benchmarks only (never published as data).

    .venv/bin/python benchmarks/synth.py N OUT      # OUT/plans/synth-001/ … synth-NNN/

Each plan folder is a copy of data/'s tables in which every Japanese and English text is marked
synthetic (「【合成007】…」, "[synthetic 007] …"); ids, numbers and amounts are the document's,
so every plan has the document's counts. Shared vocabulary (technologies, schemes, concepts,
roles) is marked without a number, so it is the same row in every plan, as a build requires.
Each folder carries plan_set.csv and readings.tsv (the readings of its marked labels, from
graphbuild/readings.tsv), so a build of it never needs pykakasi. `ykg build --data OUT` builds it.
"""
from __future__ import annotations

import argparse
import csv
import io
import shutil
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graphbuild import mapping  # noqa: E402
from graphbuild.plans import PLANS_DIR, SHARED_TABLES  # noqa: E402
from graphbuild.readings import READING_MAX, cached_readings, compute_reading, reading_texts  # noqa: E402
from graphbuild.specs import SPECS  # noqa: E402
from graphbuild.tables import read_tables  # noqa: E402
from graphbuild.vocab import Minter  # noqa: E402
from ykg.foundation.paths import DATA_DIR  # noqa: E402

# Tables a synthetic plan leaves out: the id register, and links that would claim the real
# prefecture's identity (owl:sameAs and the like) for made-up plans.
LEFT_OUT = ("registry", "outside_links", "plan_set")
# Text columns that are not labels: the build compares them with other cells.
KEPT = {("budgets", "unit_ja")}
# Marked without a number: shared vocabulary, and the patterns of the labels the build makes
# (a fiscal year, shared by every plan, takes its label from texts.csv).
UNNUMBERED = (*SHARED_TABLES, "texts")
MARK_JA, MARK_EN, READING_JA = "【合成{n}】", "[synthetic {n}] ", "【ごうせい{n}】"


def plan_id(k: int) -> str:
    """Return the id (and folder name) of the k-th synthetic plan."""
    return f"synth-{k:03d}"


def _marked_columns(table: str, header: list[str]) -> list[int]:
    kinds = {c.name: c.kind for c in SPECS[table].columns}
    return [i for i, name in enumerate(header) if kinds.get(name) == "text"
            and name.endswith(("_ja", "_en")) and (table, name) not in KEPT]


def _mark_table(table: str, text: str, n: str, readings: dict[str, str]) -> str:
    """Return the table with every label column marked; record the readings of marked labels."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    cached = cached_readings()
    marked = _marked_columns(table, rows[0])
    for row in rows[1:]:
        for i in marked:
            if not row[i]:
                continue
            original = row[i]
            if rows[0][i].endswith("_ja"):
                row[i] = MARK_JA.format(n=n) + original
                if len(row[i]) <= READING_MAX and original in cached:
                    readings[row[i]] = READING_JA.format(n=n) + cached[original]
            else:
                row[i] = MARK_EN.format(n=n) + original
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def write_plan(k: int, out: Path, source: Path = DATA_DIR) -> Path:
    """Write the k-th synthetic plan folder under out/plans/ and return it."""
    folder = Path(out) / PLANS_DIR / plan_id(k)
    folder.mkdir(parents=True, exist_ok=True)
    n = f"{k:03d}"
    readings: dict[str, str] = {}
    for table, spec in SPECS.items():
        path = Path(source) / spec.filename
        if table in LEFT_OUT or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        (folder / spec.filename).write_text(
            _mark_table(table, text, "" if table in UNNUMBERED else n, readings),
            encoding="utf-8")
    (folder / "plan_set.csv").write_text(
        "id,label_ja,label_en,note\n"
        f"{plan_id(k)},【合成{n}】計画セット {n},[synthetic {n}] plan set {n},"
        "Synthetic: made by benchmarks/synth.py from data/; never published as data.\n",
        encoding="utf-8")
    readings[f"【合成{n}】計画セット {n}"] = f"【ごうせい{n}】けいかくせっと {n}"
    _write_readings(folder, readings)
    return folder


def _write_readings(folder: Path, readings: dict[str, str]) -> None:
    (folder / "readings.tsv").write_text(
        "".join(f"{t}\t{r}\n" for t, r in sorted(readings.items())), encoding="utf-8")


def made_label_readings(folder: Path) -> dict[str, str]:
    """Return the readings of the labels the build makes from a plan's tables (by pykakasi)."""
    known = cached_readings()
    have = dict(line.split("\t") for line in
                (folder / "readings.tsv").read_text(encoding="utf-8").splitlines() if line)
    graph = mapping.run(read_tables(folder), Minter()).graph
    return {t: compute_reading(t) for t in reading_texts(graph) if t not in known
            and t not in have and "\t" not in t and "\n" not in t}


def write_plans(n: int, out: Path, source: Path = DATA_DIR) -> list[Path]:
    """Write n synthetic plans into out (replacing out/plans/) and return their folders.

    The readings of labels the build makes (funding lines, amounts …) are computed once, for
    the first plan, and renumbered for the others.
    """
    out = Path(out)
    shutil.rmtree(out / PLANS_DIR, ignore_errors=True)
    folders = [write_plan(k, out, source) for k in range(1, n + 1)]
    if not folders:
        return folders
    made = made_label_readings(folders[0])
    for k, folder in enumerate(folders, 1):
        path = folder / "readings.tsv"
        extra = "".join(f"{t.replace('001】', f'{k:03d}】')}\t{r.replace('001】', f'{k:03d}】')}\n"
                        for t, r in sorted(made.items()))
        path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return folders


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="how many plans")
    parser.add_argument("out", type=Path, help="folder to write (its plans/ is replaced)")
    ns = parser.parse_args(argv)
    folders = write_plans(ns.n, ns.out)
    print(f"wrote {len(folders)} synthetic plan(s) into {ns.out / PLANS_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
