"""Time the whole query catalogue: embedded store, Oxigraph server (and Virtuoso), against rdflib.

Run from the repository root:  .venv/bin/python -m benchmarks.queries [--runs 5] [--virtuoso]
                                                                     [--json out.json]

Each back end runs every catalogue query (parameters from its example) once per run; the figure
is the median over the runs of the time for the whole catalogue, rows fully read. The reference
is rdflib's memory store (a Dataset with the union default graph) measured in the same run, as
in ../shared/design/perf-baselines.md; × = rdflib time / this time. Loading is timed separately.
Rows are compared with the embedded store's (the `agree` column). rdflib 7 disagrees on a few
queries through its own gaps, not the queries': it cannot cast a decimal such as "74262.0" to
xsd:integer (the cell comes back empty) and it ignores ORDER BY keys that are grouped but not
projected. Oxigraph and Virtuoso agree on every query.
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from decimal import Decimal

from graphbuild import build_dataset
from ykg.catalogue import Endpoint, coerce, load_catalogue, push_dataset, run_query
from ykg.foundation.constants import XSD
from ykg.foundation.sparql import INTEGER_TYPES, QueryResult, substitute
from ykg.store import store_from_build


def _rdflib_value(term):
    import rdflib
    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return str(term)
    if isinstance(term, rdflib.BNode):
        return f"_:{term}"
    dt = str(term.datatype) if term.datatype else None
    if dt in INTEGER_TYPES:
        return int(str(term))
    if dt == XSD + "decimal":
        return Decimal(str(term))
    if dt == XSD + "boolean":
        return str(term) in ("true", "1")
    return str(term)


def run_rdflib(ds, query) -> QueryResult:
    """Run a catalogue query on rdflib, parameters bound as the VALUES block sent to servers."""
    text = substitute(query.text, query.bindings(None, use_example=True))
    res = ds.query(text)
    names = [str(v) for v in res.vars]
    rows = [tuple(_rdflib_value(r[n]) for n in names) for r in res]
    n = len(query.columns)
    types = [c.type for c in query.columns]
    return QueryResult(query.column_names,
                       [tuple(coerce(v, t) for v, t in zip(row[:n], types)) for row in rows])


def time_catalogue(run_one, catalogue, runs: int):
    """Return (median seconds for the whole catalogue, per-query medians, last results)."""
    totals, per_query, results = [], {qid: [] for qid in catalogue}, {}
    for _ in range(runs):
        started = time.perf_counter()
        for qid, q in catalogue.items():
            t = time.perf_counter()
            results[qid] = run_one(q)
            per_query[qid].append(time.perf_counter() - t)
        totals.append(time.perf_counter() - started)
    return (statistics.median(totals), {k: statistics.median(v) for k, v in per_query.items()},
            results)


def measure(runs: int = 5, virtuoso: bool = False) -> dict:
    """Run the benchmark and return its figures."""
    import pyoxigraph as ox
    import rdflib

    from tests.support.servers import oxigraph_server, virtuoso_server
    catalogue = load_catalogue()
    build = build_dataset()
    out: dict = {"runs": runs, "python": platform.python_version(), "triples": len(build.triples()),
                 "backends": {}}

    t = time.perf_counter()
    store = store_from_build(build)
    load_embedded = time.perf_counter() - t
    embedded = time_catalogue(lambda q: run_query(store, q, use_example=True), catalogue, runs)
    reference_rows = embedded[2]

    t = time.perf_counter()
    ds = rdflib.Dataset(default_union=True)
    ds.parse(data=ox.serialize(build.quads, format=ox.RdfFormat.TRIG), format="trig")
    load_rdflib = time.perf_counter() - t
    ref = time_catalogue(lambda q: run_rdflib(ds, q), catalogue, runs)

    def record(name, load_s, timing):
        total, per_query, results = timing
        out["backends"][name] = {
            "load_s": load_s, "catalogue_s": total, "x_vs_rdflib": ref[0] / total,
            "per_query_s": per_query,
            "agree": {qid: results[qid].rows == reference_rows[qid].rows for qid in catalogue}}
    record("rdflib (reference)", load_rdflib, ref)
    record("embedded pyoxigraph", load_embedded, embedded)

    with oxigraph_server() as server:
        endpoint = Endpoint(server.query_url, timeout=120)
        t = time.perf_counter()
        push_dataset(build.quads, endpoint)
        load_s = time.perf_counter() - t
        record("Oxigraph server", load_s,
               time_catalogue(lambda q: run_query(endpoint, q, use_example=True), catalogue, runs))
    if virtuoso:
        with virtuoso_server() as server:
            endpoint = Endpoint(server.query_url, user=server.user, password=server.password,
                                timeout=120)
            t = time.perf_counter()
            push_dataset(build.quads, endpoint)
            load_s = time.perf_counter() - t
            record("Virtuoso", load_s,
                   time_catalogue(lambda q: run_query(endpoint, q, use_example=True),
                                  catalogue, runs))
    out["rows"] = {qid: len(r.rows) for qid, r in reference_rows.items()}
    return out


def report(fig: dict) -> str:
    """Render the figures as Markdown tables."""
    lines = [f"Query catalogue, {len(fig['rows'])} queries, {fig['triples']:,} triples, "
             f"median of {fig['runs']} runs (× = rdflib time / this time)", "",
             "| back end | load s | whole catalogue s | × vs rdflib | queries agreeing |",
             "|---|---:|---:|---:|---:|"]
    for name, b in fig["backends"].items():
        agree = sum(b["agree"].values())
        lines.append(f"| {name} | {b['load_s']:.3f} | {b['catalogue_s']:.4f} | "
                     f"{b['x_vs_rdflib']:.1f}× | {agree}/{len(b['agree'])} |")
    names = list(fig["backends"])
    lines += ["", "| query | rows | " + " | ".join(f"{n} ms" for n in names) + " |",
              "|---|---:|" + "---:|" * len(names)]
    for qid, n in fig["rows"].items():
        cells = " | ".join(f"{fig['backends'][b]['per_query_s'][qid] * 1000:.1f}" for b in names)
        lines.append(f"| {qid} | {n} | {cells} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--virtuoso", action="store_true", help="also time a private Virtuoso")
    parser.add_argument("--json", help="write the figures to this file too")
    args = parser.parse_args()
    fig = measure(args.runs, args.virtuoso)
    print(report(fig), end="")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(fig, fh, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
