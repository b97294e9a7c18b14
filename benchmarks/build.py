"""Time `ykg build` at N synthetic plans against Oxigraph's bulk load of the same N-Triples.

    .venv/bin/python -m benchmarks.build [--n 1 10 30 100] [--runs 1] [--json out.json]

For each N, benchmarks/synth.py writes N plans; `ykg build --data … --out …` runs as its own
process (wall time and peak RSS from wait4), then, as the reference, a process that bulk-loads
the graph.nt it wrote into a pyoxigraph Store. Targets: time ≤ 3× and peak memory ≤ 2× the
reference's. The build is run twice at every N and the two sets of graph files compared
(issue 13 point 4: deterministic at every size).
"""
from __future__ import annotations

import argparse
import filecmp
import statistics
import subprocess
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.sizes import run_at_sizes, size_parser  # noqa: E402
from benchmarks.synth import write_plans  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
YKG = str(ROOT / ".venv" / "bin" / "ykg")
PY = sys.executable
TIME = "/usr/bin/time"
FILES = ("graph.ttl", "graph.trig", "graph.nt", "graph.jsonld")
BULK_LOAD = ("import sys, pyoxigraph as ox; s = ox.Store(); "
             "s.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_TRIPLES); print(len(s))")


def run_measured(argv: list[str]) -> tuple[float, float]:
    """Run a command under /usr/bin/time; return its wall time (s) and peak resident memory (MB).

    /usr/bin/time, not wait4 from here: a child forked from this process would count this
    process's memory as its own until it execs.
    """
    proc = subprocess.run([TIME, "-f", "%e %M", *argv], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    wall, kb = proc.stderr.strip().splitlines()[-1].split()
    return float(wall), int(kb) / 1024


def measure(n: int, runs: int, root: Path) -> dict:
    """Return the figures of building n plans and of bulk-loading what was built."""
    data = root / "data"
    write_plans(n, data)
    builds, refs = [], []
    for run in range(max(runs, 2)):
        out = root / f"build-{run}"
        builds.append(run_measured([YKG, "build", "--data", str(data), "--out", str(out)]))
        refs.append(run_measured([PY, "-c", BULK_LOAD, str(out / "graph.nt")]))
    same = all(filecmp.cmp(root / "build-0" / f, root / "build-1" / f, shallow=False)
               for f in FILES)
    triples = sum(1 for _ in open(root / "build-0" / "graph.nt", "rb"))
    t, m = statistics.median(b[0] for b in builds), max(b[1] for b in builds)
    rt, rm = statistics.median(r[0] for r in refs), max(r[1] for r in refs)
    return {"n": n, "triples": triples, "build_s": t, "bulk_load_s": rt, "time_ratio": t / rt,
            "build_mb": m, "bulk_load_mb": rm, "memory_ratio": m / rm, "deterministic": same}


def table(figures: list[dict]) -> str:
    """Return the figures as a Markdown table."""
    lines = ["| N | triples | ykg build s | bulk_load s | × time | build MB | bulk_load MB | "
             "× memory | byte-identical |", "|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for f in figures:
        lines.append(f"| {f['n']} | {f['triples']:,} | {f['build_s']:.2f} | "
                     f"{f['bulk_load_s']:.2f} | {f['time_ratio']:.1f} | {f['build_mb']:.0f} | "
                     f"{f['bulk_load_mb']:.0f} | {f['memory_ratio']:.1f} | "
                     f"{'yes' if f['deterministic'] else 'NO'} |")
    return "\n".join(lines)


def main(ns: argparse.Namespace | None = None) -> list[dict]:
    """Measure at every N of ns.n, print the table, and return the figures."""
    ns = ns or parse_args([])
    return run_at_sizes(ns, "build", lambda n, tmp: measure(n, ns.runs, tmp), table)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = size_parser(__doc__.splitlines()[0], 2, 'builds per N (at least 2)')
    return parser.parse_args(argv)


if __name__ == "__main__":
    main(parse_args())
