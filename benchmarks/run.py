"""`make bench`: every benchmark at N = 1, 10, 30, 100 synthetic plans, ONE table of figures.

Each figure comes with its reference measured in the same run and the ratio between them, so a
busy machine slows both alike. For each N: the plans are written by benchmarks/synth.py and built
once with `ykg build --data` (kept in --work, so a second run skips them); then every module of
MODULES that has `measure(n, ctx) -> [row]` adds its rows (the interface is Context below;
build, validate and queries keep their own `measure(n, runs, root)`, adapted by _call). Nothing
here asserts a time.

Run: .venv/bin/python -m benchmarks.run [--sizes 1,10,30,100] [--only publish,analyze]
     [--work /tmp/ykg-bench] [--readme]   (--readme writes the table into benchmarks/README.md)
"""
from __future__ import annotations

import argparse
import importlib
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MODULES = ("build", "validate", "queries", "publish", "analyze", "views", "explore", "serve")
SIZES = (1, 10, 30, 100)
README = ROOT / "benchmarks" / "README.md"
MARK = "<!-- bench table -->"


@dataclass
class Context:
    """What a benchmark module gets for one N: the synthetic data, its build, a scratch folder."""

    n: int
    work: Path
    data: Path
    build: Path
    python: str = sys.executable
    ykg: list = field(default_factory=lambda: [sys.executable, "-m", "ykg.cli"])
    figures: dict = field(default_factory=dict)  # shared between modules (e.g. the published site)

    def timed(self, cmd: list, **kw) -> tuple[float, float, subprocess.CompletedProcess]:
        """Run cmd; return (wall seconds, peak RSS in MB, the completed process)."""
        t0 = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-v"] + [str(c) for c in cmd], cwd=ROOT,
                              capture_output=True, text=True, **kw)
        wall = time.perf_counter() - t0
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(map(str, cmd))} failed:\n{proc.stderr[-2000:]}")
        return wall, (int(m.group(1)) / 1024 if m else float("nan")), proc


def _build_rows(f: dict) -> list[dict]:
    """Rows of benchmarks.build's figures (R3-A's format: one dict per N)."""
    return [{"what": "`ykg build`", "value": f["build_s"], "unit": "s",
             "reference": "Oxigraph bulk_load of the same N-Triples", "ref_value": f["bulk_load_s"],
             "target": "≤ 3×", "note": f"{f['triples']:,} triples"},
            {"what": "`ykg build` peak memory", "value": f["build_mb"], "unit": "MB",
             "reference": "Oxigraph bulk_load", "ref_value": f["bulk_load_mb"], "target": "≤ 2×"},
            {"what": "two builds byte-identical", "value": "yes" if f["deterministic"] else "NO",
             "reference": "–", "ref_value": None, "target": "yes"}]


def _validate_rows(f: dict) -> list[dict]:
    """Rows of benchmarks.validate's figures (one dict per N)."""
    note = "" if f.get("pyshacl_s") is None else f"pySHACL (the reference engine) {f['pyshacl_s']:.1f} s"
    return [{"what": "`ykg validate`", "value": f["validate_s"], "unit": "s",
             "reference": "the same constraints as SPARQL on pyoxigraph",
             "ref_value": f["reference_s"], "target": "≤ 2×", "note": note}]


_QUERY_TIMES: dict[str, tuple[int, float, float]] = {}  # query -> (N, ykg s, pyoxigraph s), last N


def _queries_rows(figures: list[dict]) -> list[dict]:
    """Rows of benchmarks.queries' figures: the worst query by ratio, and the worst growth.

    Growth is the exponent k of time ∝ N^k from the size measured before this one, for ykg and,
    beside it, for the same text on pyoxigraph (what the engine itself does with more plans).
    """
    import math
    worst = max(figures, key=lambda f: f["ratio"])
    ratios = sorted(f["ratio"] for f in figures)
    empty = [f["query"] for f in figures if f["rows"] == 0]
    rows = [{"what": f"catalogue query, worst of {len(figures)} (`{worst['query']}`)",
             "value": worst["ykg_s"], "unit": "s", "reference": "the same text on pyoxigraph",
             "ref_value": worst["reference_s"], "target": "≤ 1.2×",
             "note": f"median ratio {ratios[len(ratios) // 2]:.2f}; over 1.2×: "
                     + (", ".join(f"{f['query']} {f['ratio']:.2f}" for f in figures
                                  if f["ratio"] > 1.2) or "none")
                     + (f"; empty answers: {', '.join(empty)}" if empty else "")}]
    growth = []
    for f in figures:
        before = _QUERY_TIMES.get(f["query"])
        _QUERY_TIMES[f["query"]] = (f["n"], f["ykg_s"], f["reference_s"])
        if before and f["n"] > before[0] and min(before[1:]) > 0:
            span = math.log(f["n"] / before[0])
            growth.append((math.log(f["ykg_s"] / before[1]) / span,
                           math.log(f["reference_s"] / before[2]) / span, f["query"], before[0]))
    if growth:
        k, engine_k, q, since = max(growth)
        rows.append({"what": f"catalogue query growth N^k, worst (`{q}`)", "value": round(k, 2),
                     "reference": f"from N={since}; the same text on pyoxigraph",
                     "ref_value": round(engine_k, 2), "target": "k ≈ 1",
                     "note": "median k " + f"{sorted(g[0] for g in growth)[len(growth) // 2]:.2f}"})
    return rows


def _call(name: str, module, n: int, ctx: Context) -> list[dict]:
    """Call a module's measure, adapting the (n, runs, root) form of build.py and queries.py."""
    import inspect
    params = list(inspect.signature(module.measure).parameters)
    if params[:3] != ["n", "runs", "root"]:
        return module.measure(n, ctx)
    root = ctx.work / name
    root.mkdir(parents=True, exist_ok=True)
    if name == "validate":
        return _validate_rows(module.measure(n, 1, root, pyshacl_max=10))
    got = module.measure(n, 2 if name == "build" else 3, root)
    return _build_rows(got) if name == "build" else _queries_rows(got)


def inputs_stamp() -> str:
    """Return a digest of what the synthetic plans and their build are made from (code and data)."""
    import hashlib
    digest = hashlib.sha256()
    files = [ROOT / "benchmarks" / "synth.py"]
    for folder, pattern in (("data", "*"), ("ontology", "*"), ("graphbuild", "*"), ("ykg", "*.py")):
        files += sorted(p for p in (ROOT / folder).rglob(pattern) if p.is_file()
                        and "__pycache__" not in p.parts and "_resources" not in p.parts)
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def prepare(n: int, work: Path) -> Context:
    """Write n synthetic plans and build them, unless a previous run of the same code left them."""
    import shutil
    from benchmarks.synth import write_plans
    folder = work / f"n{n}"
    data, build, stamp = folder / "data", folder / "build", folder / "inputs.sha256"
    current = inputs_stamp()
    if folder.exists() and (not stamp.is_file() or stamp.read_text() != current):
        shutil.rmtree(folder)  # made by other code or data: every figure would be stale
    if not (data / "plans").is_dir():
        write_plans(n, data)
    if not (build / "graph.trig").exists():
        subprocess.run([sys.executable, "-m", "ykg.cli", "build", "--data", str(data),
                        "--out", str(build)], cwd=ROOT, check=True, capture_output=True)
    stamp.write_text(current)
    return Context(n, folder, data, build)


def _fmt(value, unit: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        text = f"{value:,.3g}" if abs(value) < 100 else f"{value:,.0f}"
    elif isinstance(value, int):
        text = f"{value:,}"
    else:
        text = str(value)
    return f"{text} {unit}".strip()


def table(rows: list[dict]) -> str:
    """Return the one table: figure, N, value, reference, its value, ratio, target."""
    lines = ["| what | N | value | reference (same run) | ref. value | ratio | target |",
             "|---|---:|---:|---|---:|---:|---|"]
    for r in rows:
        ref = r.get("ref_value")
        ratio = (r["value"] / ref if isinstance(ref, (int, float)) and ref and
                 isinstance(r["value"], (int, float)) else None)
        lines.append(f"| {r['what']} | {r['n']} | {_fmt(r['value'], r.get('unit', ''))} | "
                     f"{r.get('reference', '–')} | {_fmt(ref, r.get('ref_unit', r.get('unit', '')))} | "
                     f"{'–' if ratio is None else f'{ratio:.2f}×'} | {r.get('target', '')} |")
    notes = [f"- N={r['n']} {r['what']}: {r['note']}" for r in rows if r.get("note")]
    return "\n".join(lines + ([""] + notes if notes else []))


def machine() -> str:
    """Describe the machine the table was measured on."""
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    mem = next((int(line.split()[1]) // 1024 // 1024 for line in
                Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), 0)
    return (f"{cpu}, {os.cpu_count()} cores, {mem} GB RAM, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}")


def write_readme(text: str) -> None:
    """Keep the last table (with the machine and the date) in benchmarks/README.md."""
    old = README.read_text(encoding="utf-8") if README.exists() else ""
    head = old.split(MARK)[0].rstrip() + "\n\n" if MARK in old else old.rstrip() + "\n\n"
    README.write_text(f"{head}{MARK}\n{text}\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--only", default=",".join(MODULES))
    parser.add_argument("--work", type=Path, default=Path("/tmp/ykg-bench"))
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    wanted = [m for m in args.only.split(",") if m]
    modules = {}
    for name in wanted:
        try:
            module = importlib.import_module(f"benchmarks.{name}")
        except ImportError as exc:
            print(f"skipped {name}: {exc}", file=sys.stderr)
            continue
        if hasattr(module, "measure"):
            modules[name] = module
        else:
            print(f"skipped {name}: no measure(n, ctx)", file=sys.stderr)
    rows: list[dict] = []
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    for n in sizes:
        ctx = prepare(n, args.work)
        for name, module in modules.items():
            print(f"N={n}: {name} …", file=sys.stderr, flush=True)
            try:
                got = _call(name, module, n, ctx)
            except Exception as exc:  # noqa: BLE001 - one failing benchmark must not hide the rest
                got = [{"what": name, "value": None, "note": f"failed: {exc}"[:300]}]
            rows.extend(dict(r, n=n) for r in got)
            print(table([dict(r, n=n) for r in got]).split("\n", 2)[2], file=sys.stderr, flush=True)
    text = (f"Measured {started} on {machine()}; sizes {sizes}; "
            f"modules {', '.join(modules)}.\n\n{table(rows)}")
    print(text)
    if args.readme:
        write_readme(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
