"""The explorer pages in Chromium beside the CLI overview view (same run): timings and weights.

Run: .venv/bin/python -m benchmarks.explore   (publishes into a temporary folder; prints a table)
Measures: navigation to a settled drawing (explore.html overview and ?focus=, the CLI overview
view), loading the dump into the in-browser store, the whole catalogue in the page, and the
bytes each page kind fetches.
"""
from __future__ import annotations

import argparse

import functools
import statistics
import tempfile
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from graphbuild import build_dataset
from tests.support.browser import Browser
from tests.support.net import serve_in_thread
from ykg.catalogue import load_catalogue
from ykg.site import publish_site
from ykg.store import store_from_build
from ykg.views import write_view

RUNS = 3
SETTLED = "() => window.ykgExplore && window.ykgExplore.settled === true"
VIEW_SETTLED = "() => window.ykg && window.ykg.settled === true"
DONE = "() => window.ykgQuery && window.ykgQuery.done"


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def timed_open(browser, url: str, cond: str) -> tuple[float, int]:
    """Open url; return ms from navigation to cond, and the bytes of what the page fetched."""
    page, log = browser.new_page()
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_function(cond, timeout=120000)
    ms = (time.perf_counter() - t0) * 1000
    weight = page.evaluate("() => performance.getEntriesByType('resource').reduce((s, e) => "
                           "s + (e.decodedBodySize || 0), 0) + (performance.getEntriesByType("
                           "'navigation')[0]?.decodedBodySize || 0)")
    page.close()
    return ms, int(weight)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--previous-view", type=Path, help="the overview view file written by the "
                        "previous release (`ykg view overview` of that checkout), measured beside")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="ykg-bench-explore-"))
    build = build_dataset()
    publish_site(build, tmp / "site")
    view = write_view(store_from_build(build), "overview", (), tmp / "overview.html", "ja")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(tmp / "site")))
    browser = Browser()
    rows = []
    try:
        with serve_in_thread(server) as url:
            cases = [("explore.html (overview)", f"{url}/explore.html", SETTLED),
                     ("explore.html?focus=program/p0005", f"{url}/explore.html?focus=program/p0005", SETTLED),
                     ("CLI view overview (file)", view.path.resolve().as_uri(), VIEW_SETTLED),
                     ("query.html?id=budget-by-department", f"{url}/query.html?id=budget-by-department", DONE),
                     ("sparql.html", f"{url}/sparql.html", "() => window.ykgSparql && window.ykgSparql.done")]
            if args.previous_view:
                cases.append(("previous release's view overview (file)",
                              args.previous_view.resolve().as_uri(), VIEW_SETTLED))
            for name, u, cond in cases:
                runs = [timed_open(browser, u, cond) for _ in range(RUNS)]
                rows.append((name, statistics.median(r[0] for r in runs), runs[0][1]))
            page, _ = browser.new_page()
            loads, totals = [], []
            for _ in range(RUNS):
                page.goto(f"{url}/query.html?id=area-overview")
                page.wait_for_function(DONE, timeout=120000)
                loads.append(page.evaluate(f"async () => (await (await import('{url}/assets/query-engine.js')).getEngine()).loadMs"))
                t0 = time.perf_counter()
                for qid in load_catalogue():
                    page.goto(f"{url}/query.html?id={qid}")
                    page.wait_for_function(DONE, timeout=120000)
                totals.append((time.perf_counter() - t0) * 1000)
    finally:
        browser.close()
    print(f"{'page':40} {'settled/done ms':>16} {'bytes fetched':>14}")
    for name, ms, weight in rows:
        print(f"{name:40} {ms:16.0f} {weight:14,}")
    print(f"dump (TriG) into the in-page Oxigraph store, incl. WebAssembly start: "
          f"{statistics.median(loads):.0f} ms (median of {RUNS})")
    print(f"whole catalogue ({len(load_catalogue())} queries), one page load each, static host: "
          f"{statistics.median(totals):.0f} ms (median of {RUNS})")
    print(f"CLI overview view file: {view.size:,} bytes")


if __name__ == "__main__":
    main()


_FIRST: dict[str, float] = {}  # the N=1 settle time of this run (make bench)


def measure(n: int, ctx) -> list[dict]:
    """explore.html of the site of n plans (published by benchmarks.publish) until first settled."""
    site = ctx.figures.get("site")
    if site is None:
        return [{"what": "explorer first drawing", "value": None, "note": "needs the publish module"}]
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    browser = Browser()
    try:
        with serve_in_thread(server) as url:
            timed_open(browser, f"{url}/explore.html", SETTLED)  # warm-up
            runs = [timed_open(browser, f"{url}/explore.html", SETTLED) for _ in range(RUNS)]
    finally:
        browser.close()
    ms = statistics.median(r[0] for r in runs)
    if n == 1 or "ms1" not in _FIRST:
        _FIRST["ms1"] = ms
    return [{"what": "explorer first drawing (Chromium)", "value": ms, "unit": "ms",
             "reference": "the N=1 (document-sized) page", "ref_value": _FIRST["ms1"],
             "target": "≤ 3×", "note": f"page and data fetched: {runs[0][1] / 1e6:.1f} MB"}]
