"""Time `ykg publish` against writing its files, a re-publish after one row changes, determinism.

References measured in the same run:
- writing the site's files: the bytes of every file of the published site, read back into memory
  in batches, written into a fresh folder (mkdir + write); only the writing is timed.
- a re-publish after one table row changes: the full publish of the same N. Its output says how
  many files were rewritten and how many kept (the rest are hard links of the unchanged files);
  the copy of the site it runs over carries the re-publish cache beside it, as a real re-publish
  has, so only the resources whose inputs changed are rendered again.
- a re-publish with nothing changed: the full publish of the same N.
- determinism (every N): a second full publish into another folder, compared file by file.

Run alone: .venv/bin/python -m benchmarks.run --only publish --sizes 1,10
"""
from __future__ import annotations

import csv
import filecmp
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

from ykg.site.cache import cache_file

BATCH = 20_000  # files read into memory at once for the reference write


def write_reference(site: Path, dest: Path) -> float:
    """Write every file of site again into dest; return the seconds spent writing."""
    shutil.rmtree(dest, ignore_errors=True)
    files = [Path(folder, name) for folder, _, names in os.walk(site) for name in names]
    total = 0.0
    for i in range(0, len(files), BATCH):
        batch = [(f.relative_to(site), f.read_bytes()) for f in files[i:i + BATCH]]
        t0 = time.perf_counter()
        for rel, data in batch:
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        total += time.perf_counter() - t0
    shutil.rmtree(dest, ignore_errors=True)
    return total


def same_tree(a: Path, b: Path) -> tuple[bool, str]:
    """Return whether two folders hold the same files with the same bytes (and the first difference)."""
    def files(root):
        return sorted(str(Path(f, n).relative_to(root)) for f, _, ns in os.walk(root) for n in ns)
    fa, fb = files(a), files(b)
    if fa != fb:
        return False, f"file lists differ: {sorted(set(fa) ^ set(fb))[:3]}"
    for rel in fa:
        if not filecmp.cmp(a / rel, b / rel, shallow=False):
            return False, rel
    return True, ""


def change_one_row(data: Path, dest: Path) -> Path:
    """Copy the data folder and change one label of one program of the first plan."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(data, dest)
    table = sorted((dest / "plans").iterdir())[0] / "programs.csv"
    with open(table, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    column = next(i for i, c in enumerate(rows[0]) if c.startswith("label_ja") or c == "name_ja")
    rows[1][column] += "(改)"
    with open(table, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return dest


def rewrote(report: str) -> str:
    """Return how many files a publish rewrote, as its report says ("all" over no earlier site)."""
    m = re.search(r"rewrote ([\d,]+) files", report)
    return m.group(1) if m else "all"


def rendered(report: str) -> str:
    """Return how many resources a publish rendered, as its report says."""
    m = re.search(r"rendered ([\d,]+) of ([\d,]+) resources", report)
    return f"rendered {m.group(1)} of {m.group(2)} resources" if m else "rendered every resource"


def measure(n: int, ctx) -> list[dict]:
    """Publish the build of n plans; return the rows of the bench table."""
    work = ctx.work / "publish"
    work.mkdir(parents=True, exist_ok=True)
    site = work / "site"
    shutil.rmtree(site, ignore_errors=True)
    wall, rss, proc = ctx.timed(ctx.ykg + ["publish", "--source", ctx.build, "--out", site])
    files = int(re.search(r"([\d,]+) files", proc.stdout).group(1).replace(",", ""))
    ref = write_reference(site, work / "reference")
    rows = [{"what": "`ykg publish` (fresh)", "value": wall, "unit": "s",
             "reference": f"writing its {files:,} files", "ref_value": ref, "target": "≤ 2×",
             "note": f"peak RSS {rss:,.0f} MB"}]
    ctx.figures["site"] = site
    # one row changed: rebuild, re-publish over the site, count what was rewritten
    changed = change_one_row(ctx.data, work / "data-changed")
    build = work / "build-changed"
    subprocess.run(ctx.ykg + ["build", "--data", str(changed), "--out", str(build)], check=True,
                   capture_output=True)
    again = work / "site-again"
    shutil.rmtree(again, ignore_errors=True)
    shutil.copytree(site, again, symlinks=True)  # copy2: times kept, so the cache's records hold
    shutil.copy2(cache_file(site), cache_file(again))
    wall2, _, proc2 = ctx.timed(ctx.ykg + ["publish", "--source", build, "--out", again])
    rows.append({"what": "re-publish after one row changed", "value": wall2, "unit": "s",
                 "reference": "fresh publish", "ref_value": wall, "target": "rewrites only changes",
                 "note": f"rewrote {rewrote(proc2.stdout)} of {files:,} files; "
                         f"{rendered(proc2.stdout)}"})
    shutil.rmtree(again, ignore_errors=True)
    cache_file(again).unlink(missing_ok=True)
    wall3, _, proc3 = ctx.timed(ctx.ykg + ["publish", "--source", ctx.build, "--out", site])
    rows.append({"what": "re-publish, nothing changed", "value": wall3, "unit": "s",
                 "reference": "fresh publish", "ref_value": wall, "target": "writes nothing",
                 "note": f"rewrote {rewrote(proc3.stdout)} files; {rendered(proc3.stdout)}"})
    # determinism, affordable at every N now that a publish renders each resource once
    twin = work / "site-twin"
    shutil.rmtree(twin, ignore_errors=True)
    subprocess.run(ctx.ykg + ["publish", "--source", str(ctx.build), "--out", str(twin)],
                   check=True, capture_output=True)
    same, where = same_tree(site, twin)
    rows.append({"what": "two publishes byte-identical", "value": "yes" if same else "NO",
                 "reference": "–", "ref_value": None, "target": "yes",
                 "note": "" if same else f"first difference: {where}"})
    shutil.rmtree(twin, ignore_errors=True)
    return rows
