"""What the N-plans benchmarks share: the sizes, their options, and the loop over them."""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

DEFAULT_N = (1, 10, 30, 100)


def size_parser(description: str, runs: int, runs_help: str | None = None) -> argparse.ArgumentParser:
    """Return the options every N-plans benchmark takes: --n, --runs, --json."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--n", type=int, nargs="+", default=list(DEFAULT_N))
    parser.add_argument("--runs", type=int, default=runs, help=runs_help)
    parser.add_argument("--json", type=Path)
    return parser


def run_at_sizes(ns: argparse.Namespace, name: str, measure: Callable[[int, Path], dict | list],
                 table: Callable[[list[dict]], str]) -> list[dict]:
    """Measure at every N of ns.n in a fresh temporary folder, print the table, return the figures."""
    figures: list[dict] = []
    for n in ns.n:
        start = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix=f"ykg-bench-{name}{n}-") as tmp:
            got = measure(n, Path(tmp))
        figures += got if isinstance(got, list) else [got]
        print(f"N={n} measured in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    print(table(figures))
    if getattr(ns, "json", None):
        Path(ns.json).write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return figures
