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
