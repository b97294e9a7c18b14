"""Time `ykg build` at N synthetic plans against Oxigraph's bulk load of the same N-Triples.

    .venv/bin/python -m benchmarks.build [--n 1 10 30 100] [--runs 1] [--json out.json]

For each N, benchmarks/synth.py writes N plans; `ykg build --data … --out …` runs as its own
process (wall and CPU time from /usr/bin/time; peak memory: the larger of its peak RSS and the
summed PSS of its process tree, sampled), then, as the reference, a process that bulk-loads
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
import time
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


def _tree(pid: int) -> list[int]:
    """Return pid and the ids of all its descendants (Linux /proc)."""
    out = [pid]
    try:
        children = open(f"/proc/{pid}/task/{pid}/children").read().split()
    except OSError:
        return out
    for child in children:
        out += _tree(int(child))
    return out


def _pss_kb(pid: int) -> int:
    """Return a process's proportional set size: pages it shares (a fork's) count once in a sum."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_measured(argv: list[str]) -> tuple[float, float, float]:
    """Run a command under /usr/bin/time; return its wall time (s), peak memory (MB), CPU (s).

    /usr/bin/time, not wait4 from here: a child forked from this process would count this
    process's memory as its own until it execs. Its peak is that of the largest process of the
    tree, so the summed proportional memory (PSS) of the whole tree (ykg build forks a writer)
    is also sampled every 20 ms; the peak is the larger of the two. CPU is user + system time (the
    machine may be shared: CPU time is the steadier figure).
    """
    proc = subprocess.Popen([TIME, "-f", "%e %M %U %S", *argv], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    tree_kb = 0
    while proc.poll() is None:
        tree_kb = max(tree_kb, sum(_pss_kb(p) for p in _tree(proc.pid)[1:]))  # not time itself
        time.sleep(0.02)
    stderr = proc.stderr.read()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}): {stderr[-2000:]}")
    wall, kb, user, system = stderr.strip().splitlines()[-1].split()
    return float(wall), max(int(kb), tree_kb) / 1024, float(user) + float(system)


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
    c, rc = statistics.median(b[2] for b in builds), statistics.median(r[2] for r in refs)
    return {"n": n, "triples": triples, "build_s": t, "bulk_load_s": rt, "time_ratio": t / rt,
            "build_mb": m, "bulk_load_mb": rm, "memory_ratio": m / rm, "deterministic": same,
            "build_cpu_s": c, "bulk_load_cpu_s": rc, "cpu_ratio": c / rc}


def table(figures: list[dict]) -> str:
    """Return the figures as a Markdown table."""
    lines = ["| N | triples | ykg build s | bulk_load s | × time | × CPU | build MB | "
             "bulk_load MB | × memory | byte-identical |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for f in figures:
        lines.append(f"| {f['n']} | {f['triples']:,} | {f['build_s']:.2f} | "
                     f"{f['bulk_load_s']:.2f} | {f['time_ratio']:.1f} | {f['cpu_ratio']:.1f} | "
                     f"{f['build_mb']:.0f} | {f['bulk_load_mb']:.0f} | "
                     f"{f['memory_ratio']:.1f} | {'yes' if f['deterministic'] else 'NO'} |")
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
