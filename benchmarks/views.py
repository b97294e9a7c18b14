"""Time the network views: HTML generation against pyvis from_nx, and drawing in headless Chromium.

References measured in the same run:
- HTML generation: pyvis 0.3.2 `Network(cdn_resources="in_line")` filled with `from_nx` from a
  plain networkx graph of the same nodes and edges, then `generate_html()` (its usual path).
- Chromium: the time from navigation until the page reports that it has drawn and settled
  (vis-network's first `afterDrawing`; the layout is precomputed and physics is off), median of
  3 loads in fresh tabs of one Debian Chromium. The pyvis page with its default physics is loaded
  as the reference for "settled" (until `stabilizationIterationsDone`).

Run: .venv/bin/python benchmarks/views.py
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from ykg.network import build_network
from ykg.store import open_store
from ykg.views import render_html, select_view

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.support.browser (the same Chromium set-up as the tests)

RUNS = 3


def median_time(fn, runs: int = RUNS) -> tuple[float, object]:
    fn()  # warm-up, not counted
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def pyvis_html(view) -> str:
    """The reference: pyvis's own path for the same nodes and edges."""
    import networkx as nx
    from pyvis.network import Network
    g = nx.DiGraph()
    for n, d in view.graph.nodes(data=True):
        g.add_node(n, label=d["label_ja"], title=d["label_en"])
    for s, o in view.graph.edges():
        g.add_edge(s, o)
    net = Network(height="900px", width="100%", directed=True, cdn_resources="in_line")
    net.from_nx(g)
    return net.generate_html()


def browser_times(url: str, ready: str, runs: int = RUNS) -> tuple[list[float], int]:
    """Seconds from navigation until `ready` is true in the page (performance.now), per load;
    and how many outside requests the page tried (all aborted)."""
    from tests.support.browser import Browser
    b = Browser()
    out, outside = [], 0
    try:
        for _ in range(runs + 1):
            page, log = b.open(url, wait="commit")
            page.wait_for_function(ready, timeout=300_000, polling=50)
            out.append(page.evaluate("() => window.__settledAt || ykg.drawnAt") / 1000)
            assert not log.page_errors, log.page_errors
            outside = len(log.outside)
            page.close()
    finally:
        b.close()
    return out[1:], outside  # the first load warms the browser's caches


def main() -> None:
    store = open_store()  # built from data/ in memory
    t_net, net = median_time(lambda: build_network(store))
    print(f"network: {net.number_of_nodes()} nodes, {net.number_of_edges()} edges, "
          f"built from the store in {t_net:.3f} s (median of {RUNS})\n")

    cases = {"overview": ("overview", ()), "project 4": ("project", ("4",)),
             "department 健康福祉部": ("department", ("健康福祉部",)),
             "path": ("path", ("子育てAIコンシェルジュ導入事業", "スマートファクトリー"))}
    print(f"{'view':24} {'nodes':>5} {'edges':>5} {'HTML KB':>8} {'ykg s':>7} "
          f"{'pyvis from_nx s':>15} {'× faster':>8}")
    pages = {}
    for name, (preset, args) in cases.items():
        t_ours, html = median_time(lambda: render_html(select_view(net, preset, args, store=store)))
        view = select_view(net, preset, args, store=store)
        t_ref, ref = median_time(lambda: pyvis_html(view))
        pages[name] = (html, ref)
        print(f"{name:24} {view.graph.number_of_nodes():5} {view.graph.number_of_edges():5} "
              f"{len(html.encode()) / 1024:8.0f} {t_ours:7.3f} {t_ref:15.3f} "
              f"{t_ref / t_ours:8.1f}")

    with tempfile.TemporaryDirectory() as tmp:
        ours = Path(tmp) / "overview.html"
        ours.write_text(pages["overview"][0], encoding="utf-8")
        ref = Path(tmp) / "pyvis.html"
        # pyvis's page: settled when its physics stabilization ends (or at once without physics)
        ref.write_text(pages["overview"][1].replace(
            "return network;",
            "network.once('stabilizationIterationsDone', function () {"
            " window.__settledAt = performance.now(); }); return network;", 1),
            encoding="utf-8")
        t, t_out = browser_times(ours.as_uri(), "() => window.ykg && ykg.settled")
        r, r_out = browser_times(ref.as_uri(), "() => window.__settledAt !== undefined")
    print(f"\noverview in headless Chromium, navigation → drawn and settled "
          f"(median of {RUNS}; runs {', '.join(f'{x:.2f}' for x in t)} s): "
          f"{statistics.median(t):.2f} s; outside requests per load: {t_out}")
    print(f"pyvis page, same graph, default physics until stabilized "
          f"(runs {', '.join(f'{x:.2f}' for x in r)} s): {statistics.median(r):.2f} s "
          f"(× {statistics.median(r) / statistics.median(t):.1f}); "
          f"outside requests per load: {r_out} (aborted)")


if __name__ == "__main__":
    main()


_FIRST: dict[str, float] = {}  # the N=1 figures of this run (make bench)


def measure(n: int, ctx) -> list[dict]:
    """`ykg view overview` on the build of n plans, twice: time, size, cap, byte-identical runs."""
    import filecmp
    import re
    work = ctx.work / "views"
    work.mkdir(parents=True, exist_ok=True)
    a, b = work / "overview-a.html", work / "overview-b.html"
    wall, rss, proc = ctx.timed(ctx.ykg + ["view", "overview", "--source", ctx.build, "--out", a])
    ctx.timed(ctx.ykg + ["view", "overview", "--source", ctx.build, "--out", b])
    same = filecmp.cmp(a, b, shallow=False)
    nodes = re.search(r"\((\d+) nodes", proc.stdout).group(1)
    capped = re.search(r"showing \d+ of \d+ plans \(cap [\d,]+ nodes\)", a.read_text("utf-8"))
    if n == 1 or "t1" not in _FIRST:
        _FIRST.update(t1=wall, size1=a.stat().st_size)
    return [{"what": "`ykg view overview`", "value": wall, "unit": "s",
             "reference": "the N=1 view", "ref_value": _FIRST["t1"], "target": "usable (capped)",
             "note": f"{a.stat().st_size / 1e6:.1f} MB, {nodes} nodes"
                     + (f", {capped.group(0)}" if capped else "") + f"; peak RSS {rss:,.0f} MB"},
            {"what": "two views byte-identical", "value": "yes" if same else "NO",
             "reference": "–", "ref_value": None, "target": "yes"}]
