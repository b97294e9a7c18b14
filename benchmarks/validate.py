"""Time `ykg validate` at N synthetic plans against the same constraints run as SPARQL on pyoxigraph.

    .venv/bin/python -m benchmarks.validate [--n 1 10 30 100] [--runs 1] [--pyshacl-max 10]
                                            [--json out.json]

For each N, benchmarks/synth.py writes N plans and `ykg build` writes them (untimed). Then, each
as its own process: `ykg validate --file graph.nt` (the fast path: shapes compiled to SPARQL,
RDFS entailment, labels and table rows of each result) and, as the reference, a script that
bulk-loads the same graph.nt and the ontology into a pyoxigraph Store, adds the same RDFS
entailments and runs the same compiled SELECTs (written to a file beforehand, untimed), reading
every row. Target: ratio ≤ 2. pySHACL (the reference of correctness, `validate_build(b,
"pyshacl")`) is timed too up to --pyshacl-max plans.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.build import PY, YKG, run_measured  # noqa: E402
from benchmarks.sizes import run_at_sizes, size_parser  # noqa: E402
from benchmarks.synth import write_plans  # noqa: E402
from graphbuild.shacl_sparql import compile_shapes  # noqa: E402
from graphbuild.shacl_store import rdfs_closure  # noqa: E402
from ykg.foundation.rdf import read_turtle  # noqa: E402
from ykg.foundation.constants import PREFIXES  # noqa: E402
from ykg.foundation.paths import ONTOLOGY_DIR  # noqa: E402

# The reference: nothing of ykg, only pyoxigraph and the queries in a JSON file.
REFERENCE = """
import json, sys, pyoxigraph as ox
spec = json.load(open(sys.argv[2], encoding="utf-8"))
store = ox.Store()
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("urn:d"))
store.bulk_load(path=sys.argv[3], format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("urn:o"))
for update in spec["updates"]:
    store.update(update)
rows = 0
for query in spec["queries"]:
    rows += sum(1 for _ in store.query(query, use_default_graph_as_union=True))
print(rows)
"""


def reference_spec() -> dict:
    """Return the entailment updates and the constraint queries the fast path runs."""
    onto = read_turtle(ONTOLOGY_DIR / "ykg.ttl")
    checks = compile_shapes(read_turtle(ONTOLOGY_DIR / "shapes.ttl"), PREFIXES)
    sub_prop, domains, ranges, sub_class = rdfs_closure(onto)
    into, updates = "GRAPH <urn:i>", []
    for p, supers in sorted(sub_prop.items()):
        updates += [f"INSERT {{ {into} {{ ?s <{q}> ?o }} }} WHERE {{ GRAPH ?g {{ ?s <{p}> ?o }} }}"
                    for q in sorted(supers)]
    for p, classes in sorted(domains.items()):
        updates += [f"INSERT {{ {into} {{ ?s a <{c}> }} }} WHERE {{ GRAPH ?g {{ ?s <{p}> ?o }} }}"
                    for c in sorted(classes)]
    for p, classes in sorted(ranges.items()):
        updates += [f"INSERT {{ {into} {{ ?o a <{c}> }} }} WHERE {{ GRAPH ?g {{ ?s <{p}> ?o }} "
                    "FILTER(!isLiteral(?o)) }" for c in sorted(classes)]
    for c, supers in sorted(sub_class.items()):
        updates += [f"INSERT {{ {into} {{ ?s a <{d}> }} }} WHERE {{ GRAPH ?g {{ ?s a <{c}> }} }}"
                    for d in sorted(supers)]
    return {"updates": updates, "queries": [c.query for c in checks]}


def _pyshacl_seconds(data: Path) -> float:
    code = ("import sys, time; from graphbuild import build_dataset; "
            "from graphbuild.validate import validate_build; b = build_dataset(sys.argv[1]); "
            "t = time.perf_counter(); validate_build(b, 'pyshacl'); "
            "print(time.perf_counter() - t)")
    out = subprocess.run([PY, "-c", code, str(data)], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def measure(n: int, runs: int, root: Path, pyshacl_max: int) -> dict:
    """Return the figures of validating n plans."""
    data, out = root / "data", root / "build"
    write_plans(n, data)
    subprocess.run([YKG, "build", "--data", str(data), "--out", str(out)], check=True,
                   capture_output=True)
    spec = root / "spec.json"
    spec.write_text(json.dumps(reference_spec()), encoding="utf-8")
    script = root / "reference.py"
    script.write_text(REFERENCE, encoding="utf-8")
    nt, onto = str(out / "graph.nt"), str(ONTOLOGY_DIR / "ykg.ttl")
    ykg = [run_measured([YKG, "validate", "--file", nt]) for _ in range(runs)]
    ref = [run_measured([PY, str(script), nt, str(spec), onto]) for _ in range(runs)]
    t, rt = statistics.median(x[0] for x in ykg), statistics.median(x[0] for x in ref)
    figure = {"n": n, "validate_s": t, "reference_s": rt, "ratio": t / rt,
              "validate_mb": max(x[1] for x in ykg), "reference_mb": max(x[1] for x in ref)}
    figure["pyshacl_s"] = _pyshacl_seconds(data) if n <= pyshacl_max else None
    return figure


def table(figures: list[dict]) -> str:
    """Return the figures as a Markdown table."""
    lines = ["| N | ykg validate s | SPARQL on pyoxigraph s | ratio | validate MB | reference MB "
             "| pySHACL s (in process) |", "|---:|---:|---:|---:|---:|---:|---:|"]
    for f in figures:
        shacl = f"{f['pyshacl_s']:.1f}" if f["pyshacl_s"] is not None else "–"
        lines.append(f"| {f['n']} | {f['validate_s']:.2f} | {f['reference_s']:.2f} | "
                     f"{f['ratio']:.2f} | {f['validate_mb']:.0f} | {f['reference_mb']:.0f} | "
                     f"{shacl} |")
    return "\n".join(lines)


def main(ns: argparse.Namespace | None = None) -> list[dict]:
    """Measure at every N of ns.n, print the table, and return the figures."""
    ns = ns or parse_args([])
    return run_at_sizes(ns, "validate", lambda n, tmp: measure(n, ns.runs, tmp, ns.pyshacl_max), table)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = size_parser(__doc__.splitlines()[0], 1)
    parser.add_argument("--pyshacl-max", type=int, default=10)
    return parser.parse_args(argv)


if __name__ == "__main__":
    main(parse_args())
