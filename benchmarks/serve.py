"""Load on `ykg serve`: many clients for some seconds on loopback, pages and small queries.

Reference measured in the same run: the server of another commit (default HEAD, the last commit),
taken with `git archive` into a temporary folder and run on the same published site, port and load.
Each request opens its own connection (what the listen backlog sees with many clients).

Run: .venv/bin/python benchmarks/serve.py [--clients 200] [--seconds 20] [--reference HEAD]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.support: the same server start and load client as the tests

from tests.support.net import free_port, load  # noqa: E402
from tests.support.servers import stop, wait_http  # noqa: E402


def checkout(ref: str, dest: Path) -> Path:
    """Extract the ykg package of a commit into dest (read-only git: `git archive`)."""
    data = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "ykg"], check=True,
                          capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(dest)
    return dest


def publish(out: Path) -> Path:
    """Publish the repository's tables into out/site (with this tree's code)."""
    subprocess.run([sys.executable, "-m", "ykg.cli", "publish", "--out", str(out / "site")],
                   check=True, capture_output=True, cwd=ROOT)
    return out / "site"


def run(code: Path, site: Path, clients: int, seconds: float, log: Path) -> dict:
    """Start `ykg serve` from the code folder (its ykg package first on the path), load it, stop it."""
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(code))
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "ykg.cli", "serve", "--site", str(site),
                                 "--port", str(port), "--quiet"], cwd=code, env=env,
                                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_http(url + "/index.html", proc, 120, log)
        load(url, 20, 2)  # warm-up: workers loaded, files in the page cache
        return load(url, clients, seconds)
    finally:
        stop(proc)


def table(rows: list[tuple[str, dict]]) -> str:
    lines = ["| server | kind | requests | errors | p50 s | p95 s | p99 s | max s |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    for name, figures in rows:
        for kind, f in figures.items():
            errors = f"{f['errors']}" + (f" {f['error_kinds']}" if f["errors"] else "")
            lines.append(f"| {name} | {kind} | {f['requests']:,} | {errors} | {f['p50']:.3f} | "
                         f"{f['p95']:.3f} | {f['p99']:.3f} | {f['max']:.3f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--reference", default="HEAD", help="commit of the reference server")
    parser.add_argument("--site", type=Path, help="a published site (default: publish one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ykg-bench-serve-") as tmp:
        tmp = Path(tmp)
        site = args.site or publish(tmp)
        reference = checkout(args.reference, tmp / "reference")
        rows = [(f"reference ({args.reference})",
                 run(reference, site, args.clients, args.seconds, tmp / "ref.log")),
                ("this tree", run(ROOT, site, args.clients, args.seconds, tmp / "new.log"))]
    print(f"{args.clients} clients for {args.seconds:g} s on 127.0.0.1, one connection per request\n")
    print(table(rows))


if __name__ == "__main__":
    main()


# -- make bench: SPARQL throughput of `ykg serve` against `oxigraph serve-read-only` -----------

BENCH_QUERY = ("SELECT ?l WHERE { ?s a <https://w3id.org/ykg/def#PlanSet> ; "
               "<http://www.w3.org/2000/01/rdf-schema#label> ?l } LIMIT 5")
CLIENTS = (1, 8, 32)
PAGE_CLIENTS = (1, 32)
SECONDS = 5.0


def _client_process(host: str, port: int, path: str, threads: int, seconds: float, queue) -> None:
    import http.client
    import threading
    import time as t
    counts = [0, 0]
    stop_at = t.perf_counter() + seconds

    def loop():
        while t.perf_counter() < stop_at:
            try:
                conn = http.client.HTTPConnection(host, port, timeout=10)
                conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
                ok = conn.getresponse().status == 200
                conn.close()
            except OSError:
                ok = False
            counts[0 if ok else 1] += 1
    workers = [threading.Thread(target=loop) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    queue.put(tuple(counts))


def rate(port: int, path: str, clients: int, seconds: float = SECONDS) -> float:
    """Answered requests per second with `clients` concurrent clients (one connection each time)."""
    import multiprocessing
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    procs_n = min(4, clients)
    per = [clients // procs_n + (1 if i < clients % procs_n else 0) for i in range(procs_n)]
    procs = [ctx.Process(target=_client_process, args=("127.0.0.1", port, path, k, seconds, queue))
             for k in per]
    for p in procs:
        p.start()
    got = [queue.get(timeout=seconds + 60) for _ in procs]
    for p in procs:
        p.join(10)
    return sum(ok for ok, _ in got) / seconds


def _start(cmd: list, url: str, log: Path):
    with open(log, "wb") as out:
        proc = subprocess.Popen([str(c) for c in cmd], stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, cwd=ROOT)
    wait_http(url, proc, 300, log)
    return proc


def measure(n: int, ctx) -> list[dict]:
    """SPARQL answers per second at 1, 8, 32 clients: ykg serve against Oxigraph's own server."""
    from urllib.parse import quote
    site = ctx.figures.get("site")
    if site is None:
        return [{"what": "ykg serve SPARQL", "value": None, "note": "needs the publish module"}]
    work = ctx.work / "serve"
    store = work / "oxigraph"
    if not store.is_dir():
        work.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(Path(sys.executable).parent / "oxigraph"), "load", "--location",
                        str(store), "--file", str(site / "dumps" / "ykg.trig")], check=True,
                       capture_output=True)
    path = "/sparql?query=" + quote(BENCH_QUERY)
    figures, pages = {}, {}
    for name in ("ykg", "oxigraph"):
        port = free_port()
        cmd = (ctx.ykg + ["serve", "--site", site, "--port", port, "--quiet"] if name == "ykg" else
               [Path(sys.executable).parent / "oxigraph", "serve-read-only", "--location", store,
                "--bind", f"127.0.0.1:{port}", "--union-default-graph"])
        probe = f"http://127.0.0.1:{port}" + ("/index.html" if name == "ykg" else "/query?query=ASK%7B%7D")
        proc = _start(cmd, probe, work / f"{name}.log")
        try:
            qpath = path if name == "ykg" else path.replace("/sparql", "/query", 1)
            rate(port, qpath, 4, 1.0)  # warm-up
            figures[name] = {c: rate(port, qpath, c) for c in CLIENTS}
            if name == "ykg":  # the home page: what a browser asks first (no reference server)
                pages = {c: rate(port, "/index.html", c) for c in PAGE_CLIENTS}
        finally:
            stop(proc)
    ykg, ox = figures["ykg"], figures["oxigraph"]
    rows = [{"what": f"`ykg serve` SPARQL, {c} client(s)", "value": ykg[c], "unit": "req/s",
             "reference": "`oxigraph serve-read-only`, same query", "ref_value": ox[c],
             "target": "≥ 0.5×" if c == 32 else ""} for c in CLIENTS]
    rows[-1]["note"] = ("throughput 1→8→32 clients: " + " → ".join(f"{ykg[c]:.0f}" for c in CLIENTS)
                        + " req/s (target: no fall as clients rise)")
    rows += [{"what": f"`ykg serve` index.html, {c} client(s)", "value": pages[c], "unit": "req/s",
              "reference": "–", "ref_value": None} for c in PAGE_CLIENTS]
    return rows
