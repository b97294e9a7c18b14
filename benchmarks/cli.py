"""Time `ykg --help` and `ykg build` (median of 5) against references measured in the same run."""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time

RUNS = 5


def median_wall(cmd: list[str]) -> float:
    """Return the median wall time of RUNS runs of cmd (the first, warm-up run is not counted)."""
    subprocess.run(cmd, capture_output=True, check=True)
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    py = sys.executable
    with tempfile.TemporaryDirectory() as out:
        rows = {
            "python -c pass (reference)": [py, "-c", "pass"],
            "import rdflib (reference)": [py, "-c", "import rdflib"],
            "import all libraries eagerly (reference)": [
                py, "-c", "import rdflib, networkx, pyvis, pyoxigraph, SPARQLWrapper, pyshacl, click"],
            "ykg --help": [py, "-m", "ykg.cli", "--help"],
            "ykg build": [py, "-m", "ykg.cli", "build", "--out", out],
            "ykg validate": [py, "-m", "ykg.cli", "validate"],
        }
        results = {name: median_wall(cmd) for name, cmd in rows.items()}
    ref = results["import all libraries eagerly (reference)"]
    print(f"{'command':45} {'median s':>9} {'× eager import':>15}")
    for name, t in results.items():
        print(f"{name:45} {t:9.3f} {t / ref:15.2f}")


if __name__ == "__main__":
    main()
