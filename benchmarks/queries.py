"""Time every catalogue query at N synthetic plans against the same text run directly on pyoxigraph.

    .venv/bin/python -m benchmarks.queries [--n 1 10 30 100] [--runs 3] [--json out.json]

For each N, benchmarks/synth.py writes N plans, graphbuild builds them and one pyoxigraph store
holds the build. Each query runs through ykg.catalogue.run_query (parameters from its example:
binding, name lookup, coercion of every value) and, as the reference, its text straight on
store.query with the same substitutions, every row read. Figures are medians of --runs runs;
ratio = ykg / reference (target ≤ 1.2); growth = the exponent k of time ∝ N^k between two
consecutive sizes (target about 1: linear).
"""
from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.sizes import run_at_sizes, size_parser  # noqa: E402
from benchmarks.synth import write_plans  # noqa: E402
from graphbuild import build_dataset  # noqa: E402
from ykg.catalogue import load_catalogue, run_query  # noqa: E402
from ykg.store import store_from_build  # noqa: E402

BASE = "https://w3id.org/ykg"
PLAN = "synth-001"  # the first plan benchmarks/synth.py writes


def _paired(ykg_call, ref_call, runs: int, budget: float = 0.4) -> tuple[float, float]:
    """Return the median times of two calls run alternately (so drift and load hit both alike).

    Each runs at least `runs` times and, for fast queries, until each has used `budget` seconds
    (at most 500 times): a sub-millisecond query needs many samples for a stable median.
    """
    ykg_call(), ref_call()  # warm-up: caches, the entity index
    ykg, ref = [], []
    while len(ykg) < runs or (sum(ykg) < budget and sum(ref) < budget and len(ykg) < 500):
        for call, times in ((ykg_call, ykg), (ref_call, ref)):
            start = time.perf_counter()
            call()
            times.append(time.perf_counter() - start)
    return statistics.median(ykg), statistics.median(ref)


def _direct(store, query, bindings):
    """Run the query's text straight on pyoxigraph and read every row (the reference)."""
    import pyoxigraph as ox
    subs = {ox.Variable(k): v for k, v in bindings.items()} or None
    answer = store.query(query.text, use_default_graph_as_union=True, substitutions=subs)
    names = [v.value for v in answer.variables]
    return [tuple(s[n] for n in names) for s in answer]


def bench_params(query, store) -> dict[str, str]:
    """Return the query's example parameters, pointed at the first synthetic plan's copy.

    Synthetic ids are scoped by plan (program/synth-001/p0005): the document's kind/id example
    would name nothing, and the query would be timed on an empty answer.
    """
    import pyoxigraph as ox
    params = dict(query.example)
    for p in query.params:
        value = params.get(p.name, "")
        if p.type == "iri" and value.count("/") == 1:
            kind, local = value.split("/")
            scoped = f"{kind}/{PLAN}/{local}"
            iri = ox.NamedNode(f"{BASE}/id/{scoped}")
            if any(True for _ in store.quads_for_pattern(iri, None, None)):
                params[p.name] = scoped
    return params


def measure(n: int, runs: int, root: Path) -> list[dict]:
    """Return one figure per catalogue query on a store of n synthetic plans."""
    write_plans(n, root)
    store = store_from_build(build_dataset(root))
    rows = []
    for qid, query in load_catalogue().items():
        params = bench_params(query, store)
        bindings = query.bindings(params, BASE, resolve=lambda text: _resolve(store, text))
        ykg, ref = _paired(lambda: run_query(store, query, params),
                           lambda: _direct(store, query, bindings), runs)
        count = len(run_query(store, query, params).rows)
        rows.append({"n": n, "query": qid, "rows": count, "ykg_s": ykg, "reference_s": ref,
                     "ratio": ykg / ref if ref else float("nan"), "params": params})
    return rows


def _resolve(store, text):
    from ykg import entities
    return entities.resolve(store, text)


def growth(figures: list[dict]) -> dict[tuple[str, int], float]:
    """Return the exponent of time in N between each size and the one before, per query."""
    by_query: dict[str, list[dict]] = {}
    for f in figures:
        by_query.setdefault(f["query"], []).append(f)
    out = {}
    for qid, fs in by_query.items():
        fs.sort(key=lambda f: f["n"])
        for a, b in zip(fs, fs[1:]):
            if a["ykg_s"] > 0 and b["ykg_s"] > 0:
                out[(qid, b["n"])] = math.log(b["ykg_s"] / a["ykg_s"]) / math.log(b["n"] / a["n"])
    return out


def table(figures: list[dict]) -> str:
    """Return the figures as a Markdown table."""
    k = growth(figures)
    lines = ["| N | query | rows | ykg s | pyoxigraph s | ratio | growth N^k |",
             "|---:|---|---:|---:|---:|---:|---:|"]
    for f in figures:
        g = k.get((f["query"], f["n"]))
        lines.append(f"| {f['n']} | {f['query']} | {f['rows']:,} | {f['ykg_s']:.4f} | "
                     f"{f['reference_s']:.4f} | {f['ratio']:.2f} | "
                     f"{'' if g is None else f'{g:.2f}'} |")
    return "\n".join(lines)


def main(ns: argparse.Namespace | None = None) -> list[dict]:
    """Measure at every N of ns.n, print the table, and return the figures."""
    ns = ns or parse_args([])
    return run_at_sizes(ns, "q", lambda n, tmp: measure(n, ns.runs, tmp), table)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = size_parser(__doc__.splitlines()[0], 3)
    return parser.parse_args(argv)


if __name__ == "__main__":
    main(parse_args())
