"""Interactive network views: one self-contained HTML file per view, safe and offline.

A view is a preset (PRESETS) applied to the policy network (ykg.network): it selects nodes and
edges, lays them out deterministically, and renders one HTML page with vis-network 9.1.2 (the
copy bundled in the pyvis package) and the view's own script inlined. The page fetches nothing:
a Content-Security-Policy allows only the page's own two scripts (by hash) and data: images.
No text from the data is ever put into markup: every string travels in one JSON data block
(with <, >, & escaped) and the script inserts it with textContent; the heading and the <title>
are HTML-escaped. pyvis's own template is not used (it loads Bootstrap from a CDN, inserts the
heading raw and switches every tooltip to innerHTML when a title contains "href").

Nothing here imports networkx or pyvis at module level; the preset names live in
ykg.view_presets, which the CLI imports instead of this module.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ykg.view_presets import DEFAULT_K, LANGS, PRESETS

VIS_VERSION = "9.1.2"
DEFAULT_OUT_DIR = Path("build") / "views"


class ViewError(ValueError):
    """A preset that cannot be drawn with the arguments given (a user error)."""


# -- looks ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Style:
    """How a class of node looks: vis-network shape, fill, border, size and label size."""

    shape: str
    color: str
    border: str
    size: int
    font: int
    layer: float  # column of the layered layout, left to right
    line_chars: int = 12  # a label is wrapped at this many (full-width) characters per line
    lines: int = 2  # … and cut after this many lines (the tooltip has the full label)


# Okabe-Ito hues for the classes; shapes tell the classes apart as well (colour-blind safe).
# The upper levels have large labels, so that they can be read when the whole map is shown.
STYLES: dict[str, Style] = {
    "vision": Style("hexagon", "#555555", "#222222", 30, 34, 0, 12, 2),
    "pillar": Style("diamond", "#E69F00", "#8A5F00", 26, 34, 1, 11, 2),
    "area": Style("square", "#56B4E9", "#1F6F99", 24, 34, 1, 11, 2),
    "strategy-goal": Style("triangle", "#882255", "#4D1330", 20, 24, 1, 12, 2),
    "policy-area": Style("box", "#CDEDE3", "#009E73", 0, 20, 2, 12, 2),
    "initiative": Style("box", "#F4DDEA", "#CC79A7", 0, 16, 2, 13, 2),
    "strategy-pillar": Style("box", "#EBD3E6", "#AA4499", 0, 16, 2, 13, 2),
    "goal": Style("box", "#D6E9F6", "#0072B2", 0, 18, 3, 12, 2),
    "strategy-measure": Style("box", "#F3DADE", "#CC6677", 0, 15, 3, 13, 2),
    "measure": Style("box", "#EEEEEE", "#999999", 0, 14, 4, 14, 2),
    "technology": Style("hexagon", "#D55E00", "#7A3600", 14, 20, 3.5, 10, 2),
    "project": Style("star", "#F0E442", "#000000", 22, 34, 4, 12, 2),
    "strategy-action": Style("box", "#F2ECCE", "#999933", 0, 14, 4, 14, 2),
    "program": Style("dot", "#BBBBBB", "#333333", 8, 15, 5, 12, 2),
    "department": Style("box", "#DDDDDD", "#333333", 0, 30, 6, 12, 2),
}
EN_CHARS = 2.0  # an English line may hold this many times more characters

# Paul Tol's discrete rainbow: the whole set, and the indices Tol's tol_colors.py picks for each
# number of colours (1..16) so that they stay distinct for colour-blind readers.
TOL_RAINBOW = (
    "#E8ECFB", "#D9CCE3", "#D1BBD7", "#CAACCB", "#BA8DB4", "#AE76A3", "#AA6F9E", "#994F88",
    "#882E72", "#1965B0", "#437DBF", "#5289C7", "#6195CF", "#7BAFDE", "#4EB265", "#90C987",
    "#CAE0AB", "#F7F056", "#F7CB45", "#F6C141", "#F4A736", "#F1932D", "#EE8026", "#E8601C",
    "#E65518", "#DC050C", "#A5170E", "#72190E", "#42150A")
TOL_CUTS = (
    (9,), (9, 25), (9, 17, 25), (9, 14, 17, 25), (9, 13, 14, 17, 25), (9, 13, 14, 16, 17, 25),
    (8, 9, 13, 14, 16, 17, 25), (8, 9, 13, 14, 16, 17, 22, 25),
    (8, 9, 13, 14, 16, 17, 22, 25, 27), (8, 9, 13, 14, 16, 17, 20, 23, 25, 27),
    (8, 9, 11, 13, 14, 16, 17, 20, 23, 25, 27), (2, 5, 8, 9, 11, 13, 14, 16, 17, 20, 23, 25),
    (2, 5, 8, 9, 11, 13, 14, 15, 16, 17, 20, 23, 25),
    (2, 5, 8, 9, 11, 13, 14, 15, 16, 17, 19, 21, 23, 25),
    (2, 5, 8, 9, 11, 13, 14, 15, 16, 17, 19, 21, 23, 25, 27),
    (2, 4, 6, 8, 9, 11, 13, 14, 15, 16, 17, 19, 21, 23, 25, 27))


def department_colors(departments: list[str]) -> dict[str, str]:
    """Give each department (in the order given) a colour of Tol's rainbow for that many colours."""
    n = len(departments)
    if n == 0:
        return {}
    cut = TOL_CUTS[min(n, len(TOL_CUTS)) - 1]
    return {d: TOL_RAINBOW[cut[i % len(cut)]] for i, d in enumerate(departments)}


def text_color(background: str) -> str:
    """Return black or white, whichever reads better on the background colour."""
    r, g, b = (int(background[i:i + 2], 16) / 255 for i in (1, 3, 5))
    lum = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    y = 0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2]
    return "#000000" if (y + 0.05) / 0.05 > 1.05 / (y + 0.05) else "#FFFFFF"


SOURCE_NAMES = {"ja": {"curated": "補足リンク", "derived": "自動付与"},
                "en": {"curated": "curated link", "derived": "derived tag"}}
EDGE_COLORS = {"document": "#7F7F7F", "curated": "#2F6DB5", "derived": "#8C8C8C",
               "query": "#555555"}
EDGE_DASHES = {"document": False, "curated": [8, 5], "derived": [3, 4], "query": False}


def budget_size(cls: str, yen: int | None, base: int) -> float:
    """Node size from a budget on a log scale (1 million yen to 2 billion); base when there is none."""
    if not yen or yen <= 0:
        return base * 0.8 if cls == "program" else base
    x = min(max((math.log10(yen) - 6.0) / (math.log10(2e9) - 6.0), 0.0), 1.0)
    lo, hi = {"program": (8, 28), "project": (20, 40)}.get(cls, (base, base))
    return round(lo + x * (hi - lo), 1)


def department_font(yen: int | None, base: int) -> float:
    """Department boxes show the budget through their label size (log scale)."""
    if not yen or yen <= 0:
        return base
    x = min(max((math.log10(yen) - 7.0) / (math.log10(2e9) - 7.0), 0.0), 1.0)
    return round(base + x * 12, 1)


def yen_text(yen: int | None, lang: str) -> str | None:
    if yen is None:
        return None
    kyen = yen // 1000 if yen % 1000 == 0 else yen / 1000
    return f"{kyen:,}千円" if lang == "ja" else f"{kyen:,} thousand yen"


def _width_units(text: str) -> float:
    """Width in ems: full-width characters 1, others about 0.56."""
    wide = sum(1 for c in text if unicodedata.east_asian_width(c) in "WFA")
    return wide + 0.56 * (len(text) - wide)


# Good places to break a Japanese label: after these characters (or at a space).
BREAK_AFTER = set("・、。」』）)】〉》/／ ")
# A line never starts with these (kinsoku): they stay at the end of the line before.
NO_LINE_START = set("、。，．・」』）)】〉》！？!?ー")


def wrap_label(text: str, line_em: float, lines: int) -> str:
    """Wrap text into at most `lines` lines of about line_em ems; cut the rest with an ellipsis."""
    out: list[str] = []
    rest = text.strip()
    while rest and len(out) < lines:
        if _width_units(rest) <= line_em:
            out.append(rest)
            rest = ""
            break
        i, w = 0, 0.0
        while i < len(rest) and w + _width_units(rest[i]) <= line_em:
            w += _width_units(rest[i])
            i += 1
        i = max(i, 1)
        # prefer a natural break in the last third of the line
        for j in range(i, max(int(i * 2 / 3), 1) - 1, -1):
            if rest[j - 1] in BREAK_AFTER:
                i = j
                break
        while i < len(rest) and rest[i] in NO_LINE_START:
            i += 1
        out.append(rest[:i].rstrip())
        rest = rest[i:].lstrip()
    if rest:
        last = out[-1]
        while last and _width_units(last) + 1 > line_em:
            last = last[:-1]
        out[-1] = last.rstrip() + "…"
    return "\n".join(out)


# -- views and presets ------------------------------------------------------------------------

@dataclass
class View:
    """What one page shows: a graph of nodes and edges (attributes as in ykg.network) and how."""

    preset: str
    slug: str
    title_ja: str
    title_en: str
    graph: Any  # nx.MultiDiGraph
    focus: tuple[str, ...] = ()
    layers: dict[str, float] | None = None  # node -> column, overriding the class column
    paths: list[list[str]] = field(default_factory=list)
    edge_labels: bool = False
    notes: list[str] = field(default_factory=list)

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_ja


OVERVIEW_CLASSES = ("vision", "pillar", "area", "policy-area", "initiative", "goal", "project",
                    "program", "department")
# Second-ring neighbours kept around an entity: the context a planner reads it in.
CONTEXT_CLASSES = ("pillar", "area", "goal", "project", "department")


def _overview(net, args, store=None, **_) -> View:
    from ykg.network import nodes_of_class, subgraph
    g = subgraph(net, nodes_of_class(net, *OVERVIEW_CLASSES))
    return View("overview", "overview", "政策マップ:ビジョン・施策の柱・分野・目標・事業・部局",
                "Policy map: vision, pillars, areas, goals, programs, departments", g)


def _project(net, args, store=None, **_) -> View:
    from ykg.network import find_node, subgraph
    p = find_node(net, " ".join(args), ["project"])
    keep = {p}
    programs = {o for _, o, k in net.out_edges(p, keys=True) if k == "hasComponentProgram"}
    keep |= programs
    for prog in programs:
        for _, o, k in net.out_edges(prog, keys=True):
            if k in ("responsibleOrganization", "servesGoal"):
                keep.add(o)
        for s, _, k in net.in_edges(prog, keys=True):
            if k == "carriedOutBy":
                keep.add(s)
                keep |= {o for _, o, k2 in net.out_edges(s, keys=True) if k2 == "pillar"}
    keep |= {o for _, o, k in net.out_edges(p, keys=True)
             if k in ("servesPillar", "contributesToGoal")}
    g = subgraph(net, keep)
    d = net.nodes[p]
    return View("project", f"project-{d['number'] or p.rsplit('/', 1)[-1]}",
                f"魁プロジェクト{d['number']}: {d['label_ja']}",
                f"Sakigake project {d['number']}: {d['label_en']}", g, focus=(p,))


def _neighbourhood(cls: str, title_ja: str, title_en: str):
    def select(net, args, store=None, **_) -> View:
        from ykg.network import find_node, subgraph
        n = find_node(net, " ".join(args), [cls])
        und = net.to_undirected(as_view=True)
        ring1 = set(und[n])
        ring2 = {m for r in ring1 for m in und[r]
                 if m not in ring1 and m != n and net.nodes[m]["cls"] in CONTEXT_CLASSES}
        g = subgraph(net, {n} | ring1 | ring2)
        d = net.nodes[n]
        return View(cls, f"{cls}-{n.rsplit('/', 1)[-1]}", f"{title_ja}: {d['label_ja']}",
                    f"{title_en}: {d['label_en']}", g, focus=(n,))
    return select


def _path(net, args, store=None, k: int = DEFAULT_K, **_) -> View:
    import networkx as nx

    from ykg.network import find_node, shortest_paths, subgraph
    a, b = find_node(net, args[0]), find_node(net, args[1])
    if a == b:
        raise ViewError("the two names are the same entity")
    paths = shortest_paths(net, a, b, k)
    keep = {n for p in paths for n in p}
    full = subgraph(net, keep)
    g = nx.MultiDiGraph(**net.graph)
    for n in full.nodes:
        g.add_node(n, **full.nodes[n])
    hops = {frozenset(pair) for p in paths for pair in zip(p, p[1:])}
    for s, o, key, d in full.edges(keys=True, data=True):
        if frozenset((s, o)) in hops:
            g.add_edge(s, o, key=key, **d)
    # Columns by the number of hops from a; b in the last column.
    layers: dict[str, float] = {}
    for p in paths:
        for i, n in enumerate(p):
            layers[n] = min(layers.get(n, float(i)), float(i))
    layers[b] = float(max(len(p) for p in paths) - 1)
    da, db = net.nodes[a], net.nodes[b]
    return View("path", f"path-{a.rsplit('/', 1)[-1]}-{b.rsplit('/', 1)[-1]}",
                f"つながり: {da['label_ja']} ⇔ {db['label_ja']}",
                f"Connections: {da['label_en']} ⇔ {db['label_en']}", g, focus=(a, b),
                layers=layers, paths=paths, edge_labels=True)


# Column-name stems of the query catalogue and the classes their values name.
QUERY_HINTS = {
    "department": ("department",), "organization": ("department",),
    "program": ("program",), "parent": ("program",), "sub_program": ("program",),
    "project": ("project",), "area": ("area",), "policy_area": ("policy-area",),
    "goal": ("goal",), "measure": ("measure",), "pillar": ("pillar", "strategy-pillar"),
    "technology": ("technology",), "initiative": ("initiative", "strategy-measure"),
    "basic_goal": ("strategy-goal",),
}


def _hint(column: str) -> tuple[str, ...] | None:
    stem = re.sub(r"_(label|labels|no|id|iri)$", "", column)
    if stem not in QUERY_HINTS and stem.endswith("s"):
        stem = stem[:-1]
    return QUERY_HINTS.get(stem)


class _Resolver:
    """Turn query values (IRIs, labels, numbers, comma lists) into node ids."""

    def __init__(self, net):
        from graphbuild.text import match_key
        self.net = net
        self.by_label: dict[str, set[str]] = {}
        self.by_key: dict[str, set[str]] = {}
        for n, d in net.nodes(data=True):
            for text in (d["label_ja"], d["label_en"]):
                self.by_label.setdefault(text, set()).add(n)
                self.by_key.setdefault(match_key(text), set()).add(n)
        self.match_key = match_key
        self.by_iri = {d["iri"]: n for n, d in net.nodes(data=True)}

    def one(self, value, classes) -> str | None:
        if value is None or value == "":
            return None
        ok = (lambda n: True) if classes is None else (lambda n: self.net.nodes[n]["cls"] in classes)
        if isinstance(value, bool):
            return None
        if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
            if classes is None:
                return None
            hits = [n for n, num in self.net.nodes(data="number")
                    if num == int(value) and ok(n)]
            return hits[0] if len(hits) == 1 else None
        text = str(value)
        if text in self.by_iri:
            n = self.by_iri[text]
            return n if ok(n) else None
        for table, key in ((self.by_label, text), (self.by_key, self.match_key(text))):
            hits = sorted(n for n in table.get(key, ()) if ok(n))
            if len(hits) == 1:
                return hits[0]
        return None

    def cell(self, value, classes) -> list[str] | None:
        n = self.one(value, classes)
        if n is not None:
            return [n]
        if isinstance(value, str) and "," in value:
            parts = [self.one(p.strip(), classes) for p in value.split(",") if p.strip()]
            if parts and all(parts):
                return sorted(set(parts))
        return None


def _query(net, args, store=None, columns: str | None = None, **_) -> View:
    import networkx as nx

    from ykg.queries import QueryError, get_query, parse_assignments, run_query
    if store is None:
        raise ViewError("the query preset needs the store")
    qid, assignments = args[0], list(args[1:])
    try:
        q = get_query(qid)
        params = parse_assignments(assignments)
        bindings = q.bindings(params, use_example=True)
        result = run_query(store, q, params, use_example=True)
    except QueryError as exc:
        raise ViewError(str(exc)) from None
    resolver = _Resolver(net)
    table: dict[str, list] = {}
    for p in q.params:  # an IRI parameter is a column with one value (neighbours: entity)
        if p.type == "iri":
            table[p.name] = [bindings[p.name].value] * len(result.rows)
    for i, c in enumerate(result.columns):
        table[c] = [row[i] for row in result.rows]
    resolved: dict[str, list] = {}
    for c, values in table.items():
        hint = _hint(c)
        cells = [resolver.cell(v, hint) for v in values]
        filled = [v for v in values if v not in (None, "")]
        hits = [x for x in cells if x]
        if hits and len(hits) * 2 >= len(filled):
            resolved[c] = cells
    if columns:
        chosen = [c.strip() for c in columns.split(",") if c.strip()]
        if len(chosen) != 2:
            raise ViewError("--columns takes two column names separated by a comma")
        for c in chosen:
            if c not in resolved:
                raise ViewError(f"column {c!r} of {qid} does not name entities "
                                f"(entity columns: {', '.join(resolved) or 'none'})")
    else:
        # the first two entity columns that name different things (project_no and
        # project_label name the same project: one column, not an edge)
        def differ(c, d):
            return any(x and y and x != y for x, y in zip(resolved[c], resolved[d]))
        chosen = []
        for c in resolved:
            if all(differ(c, d) for d in chosen):
                chosen.append(c)
        chosen = chosen[:2]
    if len(chosen) < 2:
        raise ViewError(f"query {qid} has no two columns that name entities "
                        f"(entity columns: {', '.join(resolved) or 'none'}; "
                        f"columns: {', '.join(result.columns)})")
    ca, cb = chosen
    others = [c for c in result.columns if c not in chosen]
    g = nx.MultiDiGraph(**net.graph)
    merged: dict[tuple[str, str], list[str]] = {}
    skipped = 0
    for i in range(len(result.rows)):
        ends_a, ends_b = resolved[ca][i], resolved[cb][i]
        if not ends_a or not ends_b:
            skipped += 1
            continue
        row_text = ", ".join(f"{c}={_plain(table[c][i])}" for c in others
                             if table[c][i] not in (None, ""))
        for a in ends_a:
            for b in ends_b:
                if a != b:
                    merged.setdefault((a, b), []).append(row_text)
    layers = {}
    for (a, b) in sorted(merged):
        layers.setdefault(a, 0.0)
        layers.setdefault(b, 1.0)
    for n in sorted(layers):
        g.add_node(n, **net.nodes[n])
    for (a, b), rows in sorted(merged.items()):
        g.add_edge(a, b, key="query", relation="query", source="query",
                   evidence=tuple({"kind": "row", "text": t} for t in rows if t),
                   weight=_row_weight(rows))
    notes = [f"{skipped} rows without two entities left out"] if skipped else []
    return View("query", f"query-{qid}", f"クエリ {qid}: {q.summary_ja}",
                f"Query {qid}: {q.summary_en}", g, layers=layers, notes=notes,
                edge_labels=False)


def _plain(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _row_weight(rows: list[str]) -> float | None:
    """The first whole number in a row that counts something (n_…), for the edge width."""
    for text in rows:
        m = re.search(r"\bn_[a-z_]+=(\d+)", text)
        if m:
            return float(m.group(1))
    return None


SELECTORS: dict[str, Callable[..., View]] = {
    "overview": _overview,
    "project": _project,
    "department": _neighbourhood("department", "部局", "Department"),
    "program": _neighbourhood("program", "事業", "Program"),
    "technology": _neighbourhood("technology", "デジタル技術", "Technology"),
    "path": _path,
    "query": _query,
}
assert list(SELECTORS) == list(PRESETS), "ykg.view_presets and ykg.views disagree"


def select_view(net, preset: str, args: list[str] | tuple[str, ...] = (), *, store=None,
                k: int = DEFAULT_K, columns: str | None = None) -> View:
    """Apply a preset to the network and return the View (raises ViewError on bad input)."""
    from ykg.network import NetworkError
    if preset not in PRESETS:
        raise ViewError(f"unknown preset {preset!r} (one of {', '.join(PRESETS)})")
    p = PRESETS[preset]
    args = list(args)
    lo, hi = p.nargs
    if len(args) < lo or (hi >= 0 and len(args) > hi):
        want = f"{p.name} {p.args}".strip()
        raise ViewError(f"usage: ykg view {want}")
    try:
        view = SELECTORS[preset](net, args, store=store, k=k, columns=columns)
    except NetworkError as exc:
        raise ViewError(str(exc)) from None
    if view.graph.number_of_nodes() == 0:
        raise ViewError(f"the {preset} view is empty")
    return view


# -- layout -----------------------------------------------------------------------------------

COLUMN_GAP = 80.0


def _display_label(d: dict, lang: str) -> str:
    st = STYLES[d["cls"]]
    text = d["label_en"] if lang == "en" else d["label_ja"]
    return wrap_label(text, st.line_chars * (EN_CHARS * 0.56 if lang == "en" else 1.0), st.lines)


def _text_size(label: str, font: float) -> tuple[float, float]:
    lines = label.split("\n")
    return max(_width_units(x) for x in lines) * font, len(lines) * font * 1.2


def _box(d: dict, vis: dict) -> tuple[float, float]:
    """Approximate width and height a node takes on the canvas, label included."""
    w, h = _text_size(vis["label"], vis["font"]["size"])
    if vis["shape"] == "box":
        return w + 2 * vis.get("margin", 6) + 4, h + 2 * vis.get("margin", 6) + 10
    size = vis.get("size", 10)
    return max(w, 2 * size), 2 * size + h + 14


def _layered(view: View, vis: dict[str, dict]) -> dict[str, tuple[float, float]]:
    """Columns left to right (by class, or view.layers), ordered by barycentre sweeps."""
    g = view.graph
    und = g.to_undirected(as_view=True)
    layer_of = {n: (view.layers or {}).get(n, STYLES[g.nodes[n]["cls"]].layer) for n in g}
    columns = sorted(set(layer_of.values()))
    order: dict[float, list[str]] = {c: [] for c in columns}
    cls_rank = {c: i for i, c in enumerate(STYLES)}
    for n in sorted(g, key=lambda n: (cls_rank[g.nodes[n]["cls"]], g.nodes[n]["number"] or 0,
                                      g.nodes[n]["label_ja"], n)):
        order[layer_of[n]].append(n)
    pos = {n: i / max(len(order[layer_of[n]]) - 1, 1) for c in columns
           for i, n in enumerate(order[c])}

    def sweep(cols, before):
        for c in cols:
            groups: dict[str, list] = {}
            for n in order[c]:
                nbrs = [pos[m] for m in und[n] if before(layer_of[m], c)]
                bc = sum(nbrs) / len(nbrs) if nbrs else pos[n]
                groups.setdefault(g.nodes[n]["cls"], []).append((bc, pos[n], n))
            # Classes sharing a column stay together (pillars apart from areas); the groups
            # and the nodes inside each group follow their neighbours (barycentre heuristic).
            ranked = sorted(groups.items(), key=lambda kv: (
                sum(b for b, _, _ in kv[1]) / len(kv[1]), cls_rank[kv[0]]))
            order[c] = [n for _, items in ranked for _, _, n in sorted(items)]
            for i, n in enumerate(order[c]):
                pos[n] = i / max(len(order[c]) - 1, 1)

    for _ in range(4):
        sweep(columns[1:], lambda m, c: m < c)
        sweep(columns[-2::-1], lambda m, c: m > c)
    sizes = {n: _box(g.nodes[n], vis[n]) for n in g}
    # Pick the column height whose layout is drawn largest when the whole view is fitted.
    best = None
    for max_h in [600.0 + 150.0 * i for i in range(40)]:
        placed, w, h = _place(columns, order, sizes, max_h)
        score = max(w / ASPECT, h)
        if best is None or score < best[0] - 1e-6:
            best = (score, placed, w, h)
    _, placed, w, h = best
    # A wide, flat view gets its rows spread out to use the height of the canvas.
    stretch = min(max(w / ASPECT / max(h, 1.0), 1.0), 2.0)
    return {n: (x, round(y * stretch, 1)) for n, (x, y) in placed.items()}


ASPECT = 1.35  # width / height of the drawing area next to the side panel
ROW_GAP = 6.0


def _place(columns, order, sizes, max_h: float):
    """Place ordered columns; a column taller than max_h is split into zig-zag sub-columns."""
    out: dict[str, tuple[float, float]] = {}
    x, top, bottom = 0.0, 0.0, 0.0
    for c in columns:
        nodes = order[c]
        total = sum(sizes[n][1] + ROW_GAP for n in nodes)
        m = max(1, math.ceil(total / max_h))
        width = max(sizes[n][0] for n in nodes)
        # Zig-zag: node i goes to sub-column i % m, so the order still runs top to bottom.
        xs = [x + width / 2 + j * (width + COLUMN_GAP / 2) for j in range(m)]
        y, ys = 0.0, []
        for i, n in enumerate(nodes):
            ys.append(y)
            nxt = sizes[nodes[i + 1]][1] if i + 1 < len(nodes) else 0
            y += (max(sizes[n][1], nxt) + ROW_GAP) / m
        mid = (ys[-1] if ys else 0) / 2
        for i, n in enumerate(nodes):
            out[n] = (round(xs[i % m], 1), round(ys[i] - mid, 1))
            top = min(top, ys[i] - mid - sizes[n][1] / 2)
            bottom = max(bottom, ys[i] - mid + sizes[n][1] / 2)
        x = xs[-1] + width / 2 + COLUMN_GAP
    return out, x - COLUMN_GAP, bottom - top


# -- rendering --------------------------------------------------------------------------------

UI = {
    "ja": {"search": "検索", "search_hint": "名前・読み・英語名で探す(Enterで移動)",
           "classes": "凡例と表示する種類", "departments": "部局(色)", "reset": "すべて表示",
           "no_match": "見つかりません", "neighbours": "つながり", "budget": "予算額",
           "loan": "融資枠", "class": "種類", "department": "所管部局", "source": "出典",
           "help": "ノードをクリックすると周辺を強調し、右クリック・空白クリックで戻ります。"
                   "マウスホイールで拡大、ドラッグで移動。",
           "nodes": "ノード", "edges": "辺", "other_label": "English",
           "program_color": "事業の色 = 所管部局", "id": "ID"},
    "en": {"search": "Search", "search_hint": "Find by Japanese, reading or English name (Enter)",
           "classes": "Legend and classes shown", "departments": "Departments (colours)",
           "reset": "Show all", "no_match": "No match", "neighbours": "Connections",
           "budget": "Budget", "loan": "Loan facility", "class": "Class",
           "department": "Department", "source": "Source",
           "help": "Click a node to highlight its neighbourhood; click the background to "
                   "reset. Wheel to zoom, drag to pan.",
           "nodes": "nodes", "edges": "edges", "other_label": "日本語",
           "program_color": "program colour = its department", "id": "ID"},
}


def _vis_dir() -> Path:
    """Folder of the vis-network files bundled in the pyvis package (found without importing it)."""
    import importlib.util
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ViewError("the pyvis package is not installed (it bundles vis-network)")
    path = Path(list(spec.submodule_search_locations)[0]) / "templates" / "lib" / f"vis-{VIS_VERSION}"
    if not (path / "vis-network.min.js").exists():
        raise ViewError(f"vis-network {VIS_VERSION} is missing from {path}")
    return path


def vis_assets() -> tuple[str, str]:
    """Return vis-network's JS and CSS, without the source-map comment (it would name a file).

    The CSS rules with images (200 KB of icons for the navigation and editing buttons, which
    the views do not show) are left out.
    """
    d = _vis_dir()
    js = (d / "vis-network.min.js").read_text(encoding="utf-8")
    css = (d / "vis-network.css").read_text(encoding="utf-8")
    js = re.sub(r"\n?//# sourceMappingURL=\S*\s*$", "\n", js)
    css = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", css)
    css = re.sub(r"[^{}]*\{[^{}]*url\([^{}]*\}", "", css)
    return js, css


def json_for_script(data: Any) -> str:
    """Serialize data for a <script type="application/json"> block: no markup can break out."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for a, b in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                 ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(a, b)
    return text


SMALL_VIEW = 60  # views with at most this many nodes get larger labels on the lower levels
SMALL_FONT = {"program": 1.7, "goal": 1.4, "initiative": 1.4, "measure": 1.4,
              "policy-area": 1.3, "strategy-action": 1.4, "strategy-measure": 1.4}


def _node_payload(g, n: str, lang: str, dept_colors: dict[str, str], focus: set[str],
                  cls_names: dict[str, str]) -> tuple[dict, dict]:
    """Return (vis node options, metadata for tooltips, search and filters)."""
    from ykg.network import section_text
    d = g.nodes[n]
    st = STYLES[d["cls"]]
    label = _display_label(d, lang)
    font = st.font
    if g.number_of_nodes() <= SMALL_VIEW:
        font = round(font * SMALL_FONT.get(d["cls"], 1.0), 1)
    vis: dict[str, Any] = {"id": n, "label": label, "shape": st.shape,
                           "font": {"size": font}, "borderWidth": 1.5}
    fill, border = st.color, st.border
    if d["cls"] == "program":
        dept = d["departments"][0] if d["departments"] else None
        fill = dept_colors.get(dept, st.color)
        vis["size"] = budget_size("program", d["budget_yen"], st.size)
        if d["budget_yen"] is None:
            vis["shapeProperties"] = {"borderDashes": [3, 3]}
    elif d["cls"] == "department":
        fill = dept_colors.get(n, st.color)
        vis["font"] = {"size": department_font(d["budget_yen"], font), "color": text_color(fill)}
    elif d["cls"] == "project":
        vis["size"] = budget_size("project", d["budget_yen"], st.size)
        vis["borderWidth"] = 3
        vis["font"] = {"size": font}
    elif st.shape != "box":
        vis["size"] = st.size
    if st.shape == "box":
        vis["margin"] = 6
    if n in focus:  # the entity the view is about: larger, with a halo, its colours kept
        if "size" in vis:
            vis["size"] = round(vis["size"] * 1.5, 1)
        vis["font"]["size"] = round(vis["font"]["size"] * 1.3, 1)
        vis["shadow"] = {"enabled": True, "color": "rgba(204,0,0,0.85)", "size": 22, "x": 0, "y": 0}
        vis["borderWidth"] = max(vis["borderWidth"], 3)
    vis["color"] = {"background": fill, "border": border,
                    "highlight": {"background": fill, "border": "#000000"},
                    "hover": {"background": fill, "border": "#000000"}}
    other = "ja" if lang == "en" else "en"
    ui = UI[lang]
    tip = [d[f"label_{lang}"], d[f"label_{other}"],
           f"{ui['class']}: {cls_names[d['cls']]}" + (f" ({d['kind']})" if d["kind"] else "")]
    if d["budget_yen"] is not None:
        tip.append(f"{ui['budget']}: {yen_text(d['budget_yen'], lang)}")
    if d["loan_yen"] is not None:
        tip.append(f"{ui['loan']}: {yen_text(d['loan_yen'], lang)}")
    if d["cls"] != "department" and d["departments"]:
        labels = g.graph.get("department_labels", {})
        names = [labels.get(x, {}).get(lang, x) for x in d["departments"]]
        tip.append(f"{ui['department']}: {', '.join(names)}")
    src = section_text(g, d["section"], d["lines"], lang)
    if src:
        tip.append(f"{ui['source']}: {src}")
    tip.append(f"{ui['id']}: {n}")
    meta = {"cls": d["cls"], "tip": tip, "label": d[f"label_{lang}"],
            "keys": sorted(set(d["keys"]) | {_match_key(d["label_ja"]), _match_key(d["label_en"])}),
            "depts": list(d["departments"]), "budget": d["budget_yen"]}
    return vis, meta


def _match_key(text: str) -> str:
    from graphbuild.text import match_key
    return match_key(text)


def _edge_payload(g, i: int, s: str, o: str, key: str, d: dict, lang: str,
                  edge_labels: bool) -> tuple[dict, dict]:
    from ykg.network import RELATIONS, evidence_text, section_text
    rel = RELATIONS.get(key)
    name = (rel.en if lang == "en" else rel.ja) if rel else key
    source = d.get("source", "document")
    color = EDGE_COLORS.get(source, "#777777")
    width = 1.2
    if key == "hasComponentProgram":
        color, width = "#9A7B00", 2.4  # the Sakigake projects stand out
    if d.get("weight"):
        width = round(1 + min(d["weight"], 12) * 0.6, 1)
    # arrows and the highlight colour are set once for all edges (page options)
    vis: dict[str, Any] = {"id": f"e{i}", "from": s, "to": o, "width": width,
                           "color": {"color": color}}
    if EDGE_DASHES.get(source):
        vis["dashes"] = EDGE_DASHES[source]
    if source == "query":
        vis["arrows"] = {"to": {"enabled": False}}
    sl, ol = g.nodes[s][f"label_{lang}"], g.nodes[o][f"label_{lang}"]
    if rel:
        sentence = (rel.say_en if lang == "en" else rel.say_ja).format(s=sl, o=ol)
        tip = [sentence, f"{rel.ja} / {rel.en} ({key})"]
        tip += evidence_text(g, d.get("evidence", ()), lang)
    else:
        tip = [f"{sl} — {ol}"] + [ev["text"] for ev in d.get("evidence", ())]
    if edge_labels and rel:
        first = next((ev for ev in d.get("evidence", ()) if ev["kind"] == "section"), None)
        where = (section_text(g, first["section"], first["lines"], lang).split(" ")[:2]
                 if first else [SOURCE_NAMES[lang].get(source, "")])
        vis["label"] = f"{name}\n{' '.join(where)}".strip()
        vis["font"] = {"size": 15, "align": "middle", "background": "rgba(255,255,255,0.85)"}
    # one line for the side panel, from either end: "→ 目標: …" / "← 構成事業: …"
    meta = {"tip": tip, "color": color, "out": f"→ {name}: {ol}", "in": f"← {name}: {sl}"}
    return vis, meta


CSS = """
*{box-sizing:border-box}
html,body{margin:0;height:100%;font-family:"Noto Sans CJK JP","Noto Sans JP","IPAGothic",
"Hiragino Sans","Yu Gothic",sans-serif;color:#222;background:#fff}
header{padding:6px 14px;border-bottom:1px solid #ccc;display:flex;gap:16px;align-items:baseline}
header h1{font-size:18px;margin:0;font-weight:600}
header p{margin:0;color:#555;font-size:13px}
main{display:flex;height:calc(100% - 44px)}
#ykg-panel{width:320px;min-width:260px;overflow-y:auto;border-right:1px solid #ccc;padding:8px 10px;
font-size:13px}
#ykg-network{flex:1;position:relative}
#ykg-panel label.search{font-weight:600;display:block;margin-bottom:2px}
#ykg-search{width:100%;font-size:14px;padding:4px 6px}
#ykg-results{list-style:none;margin:4px 0;padding:0;max-height:220px;overflow-y:auto}
#ykg-results button,#ykg-info button{all:unset;cursor:pointer;display:block;padding:2px 4px;
border-radius:3px}
#ykg-results button:hover,#ykg-info button:hover,#ykg-results button:focus{background:#e6f0fa}
#ykg-info{border:1px solid #bbb;border-radius:4px;padding:6px 8px;margin:6px 0;background:#fafafa}
#ykg-info h2{font-size:15px;margin:0 0 4px}
#ykg-info p{margin:2px 0}
#ykg-info ul{margin:4px 0;padding-left:14px}
details{margin:6px 0}
summary{font-weight:600;cursor:pointer}
.ykg-row{display:flex;align-items:center;gap:6px;margin:2px 0}
.ykg-swatch{display:inline-block;width:14px;height:14px;border:1.5px solid #333;flex:none}
.ykg-swatch.dot{border-radius:50%}
.ykg-swatch.diamond{transform:rotate(45deg) scale(.8)}
.ykg-swatch.star{clip-path:polygon(50% 0,61% 35%,98% 35%,68% 57%,79% 91%,50% 70%,21% 91%,32% 57%,2% 35%,39% 35%);border:none}
.ykg-swatch.triangle{clip-path:polygon(50% 0,100% 100%,0 100%);border:none}
.ykg-swatch.hexagon{clip-path:polygon(25% 5%,75% 5%,100% 50%,75% 95%,25% 95%,0 50%);border:none}
.ykg-swatch.box{border-radius:3px}
.ykg-count{color:#666;margin-left:auto}
.ykg-help{color:#555;font-size:12px}
div.vis-tooltip{max-width:460px;white-space:normal;font-family:inherit;font-size:13px;
line-height:1.45;padding:6px 8px}
div.vis-tooltip .t0{font-weight:700}
div.vis-tooltip .t1{color:#555}
"""

APP_JS = r"""
(function () {
  'use strict';
  var DATA = JSON.parse(document.getElementById('ykg-data').textContent);
  var T = DATA.text;
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function tipElement(lines) {
    var box = el('div');
    lines.forEach(function (line, i) { box.appendChild(el('div', 't' + i, line)); });
    return box;
  }
  var meta = {}, emeta = {};
  var visNodes = DATA.nodes.map(function (n) {
    meta[n.vis.id] = n.meta;
    var v = Object.assign({}, n.vis);
    v.title = tipElement(n.meta.tip);
    return v;
  });
  var visEdges = DATA.edges.map(function (e) {
    emeta[e.vis.id] = e.meta;
    var v = Object.assign({}, e.vis);
    v.title = tipElement(e.meta.tip);
    return v;
  });
  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(visEdges);
  var container = document.getElementById('ykg-network');
  var options = {
    physics: { enabled: false },
    layout: { improvedLayout: false },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: DATA.nodes.length > 300,
                   navigationButtons: false, keyboard: false },
    nodes: { font: { face: '"Noto Sans CJK JP", "Noto Sans JP", IPAGothic, sans-serif',
                     color: '#111111' },
             scaling: { label: { drawThreshold: 9 } } },
    edges: { arrows: { to: { enabled: true, scaleFactor: 0.5 } },
             color: { highlight: '#000000', hover: '#000000' },
             smooth: DATA.smooth ? { type: 'cubicBezier', forceDirection: 'horizontal',
                                     roundness: 0.45 } : false,
             font: { face: '"Noto Sans CJK JP", "Noto Sans JP", sans-serif', color: '#333333' } }
  };
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  var api = { network: network, nodes: nodes, edges: edges, settled: false, drawnAt: null,
              counts: DATA.counts };
  window.network = network;
  window.ykg = api;
  network.once('afterDrawing', function () {
    // Labels are measured on the first draw: fit again so that they fit too, then report.
    fitAll();
    network.once('afterDrawing', function () {
      api.drawnAt = performance.now();
      api.settled = true;  // positions are precomputed and physics is off: drawn = settled
    });
    network.redraw();
  });
  function fitAll() {
    network.fit({ animation: false });
    // a small margin around the outermost labels
    network.moveTo({ scale: network.getScale() * 0.97, animation: false });
  }
  api.fitAll = fitAll;
  fitAll();

  // -- neighbourhood highlight --
  var dimmed = false;
  function reset() {
    if (!dimmed) { return; }
    nodes.update(DATA.nodes.map(function (n) {
      return { id: n.vis.id, opacity: 1, font: Object.assign({}, n.vis.font, { color: n.vis.font.color || '#111111' }) };
    }));
    edges.update(DATA.edges.map(function (e) {
      return { id: e.vis.id, color: Object.assign({}, e.vis.color, { opacity: 1 }) };
    }));
    dimmed = false;
    api.highlighted = null;
  }
  function highlight(id) {
    var keep = {};
    keep[id] = true;
    network.getConnectedNodes(id).forEach(function (m) { keep[m] = true; });
    var inEdges = {};
    network.getConnectedEdges(id).forEach(function (e) { inEdges[e] = true; });
    nodes.update(DATA.nodes.map(function (n) {
      var on = keep[n.vis.id] === true;
      return { id: n.vis.id, opacity: on ? 1 : 0.18,
               font: Object.assign({}, n.vis.font, { color: on ? (n.vis.font.color || '#111111') : 'rgba(0,0,0,0.2)' }) };
    }));
    edges.update(DATA.edges.map(function (e) {
      return { id: e.vis.id, color: Object.assign({}, e.vis.color, { opacity: inEdges[e.vis.id] ? 1 : 0.1 }) };
    }));
    dimmed = true;
    api.highlighted = Object.keys(keep).sort();
  }

  // -- info panel --
  var info = document.getElementById('ykg-info');
  function showInfo(id) {
    var m = meta[id];
    info.textContent = '';
    info.hidden = false;
    info.appendChild(el('h2', null, m.label));
    m.tip.slice(1).forEach(function (line) { info.appendChild(el('p', null, line)); });
    info.appendChild(el('p', null, T.neighbours + ':'));
    var ul = el('ul');
    network.getConnectedEdges(id).slice().sort().forEach(function (eid) {
      var e = edges.get(eid);
      var other = e.from === id ? e.to : e.from;
      var li = el('li');
      var b = el('button', null, e.from === id ? emeta[eid].out : emeta[eid].in);
      b.type = 'button';
      b.addEventListener('click', function () { focusNode(other); });
      li.appendChild(b);
      ul.appendChild(li);
    });
    info.appendChild(ul);
  }
  function focusNode(id) {
    if (!meta[id]) { return false; }
    if (nodes.get(id).hidden) { nodes.update({ id: id, hidden: false }); }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    highlight(id);
    showInfo(id);
    api.focused = id;
    return true;
  }
  api.focusNode = focusNode;
  network.on('click', function (params) {
    if (params.nodes.length) { highlight(params.nodes[0]); showInfo(params.nodes[0]); api.focused = params.nodes[0]; }
    else if (!params.edges.length) { reset(); info.hidden = true; }
  });

  // -- search (the same normalization as graphbuild.text.match_key) --
  var DROP = ' \t\r\n\u3000・、。「」『』()（）【】《》〈〉"\'';
  function matchKey(text) {
    var s = String(text).normalize('NFKC').toLowerCase();
    var out = '';
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0x30A1 && c <= 0x30F6) { c -= 0x60; }
      var ch = String.fromCharCode(c);
      if (DROP.indexOf(ch) < 0) { out += ch; }
    }
    return out;
  }
  function search(text) {
    var key = matchKey(text);
    if (!key) { return []; }
    var hits = [];
    DATA.nodes.forEach(function (n) {
      var keys = n.meta.keys, exact = false, any = false;
      for (var i = 0; i < keys.length; i++) {
        if (keys[i] === key) { exact = true; }
        if (keys[i].indexOf(key) >= 0) { any = true; }
      }
      if (any) { hits.push({ id: n.vis.id, exact: exact, label: n.meta.label }); }
    });
    hits.sort(function (a, b) {
      if (a.exact !== b.exact) { return a.exact ? -1 : 1; }
      if (a.label.length !== b.label.length) { return a.label.length - b.label.length; }
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
    return hits;
  }
  api.search = search;
  var box = document.getElementById('ykg-search');
  var results = document.getElementById('ykg-results');
  function listResults() {
    results.textContent = '';
    if (!box.value.trim()) { return []; }
    var hits = search(box.value);
    if (!hits.length) { results.appendChild(el('li', null, T.no_match)); }
    hits.slice(0, 30).forEach(function (h) {
      var li = el('li');
      var b = el('button', null, h.label);
      b.type = 'button';
      b.title = h.id;
      b.addEventListener('click', function () { focusNode(h.id); });
      li.appendChild(b);
      results.appendChild(li);
    });
    return hits;
  }
  box.addEventListener('input', listResults);
  box.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter') {
      var hits = listResults();
      if (hits.length) { focusNode(hits[0].id); }
      ev.preventDefault();
    }
  });

  // -- legend and filters --
  var classOn = {}, deptOn = {};
  function applyFilters() {
    reset();
    nodes.update(DATA.nodes.map(function (n) {
      var m = n.meta, hide = !classOn[m.cls];
      if (!hide && m.depts.length && Object.keys(deptOn).length) {
        hide = !m.depts.some(function (d) { return deptOn[d] !== false; });
      }
      return { id: n.vis.id, hidden: hide };
    }));
    api.visible = nodes.get({ filter: function (n) { return !n.hidden; } }).length;
  }
  api.applyFilters = applyFilters;
  function row(parent, swatchClass, color, border, text, count, id, onChange) {
    var label = el('label', 'ykg-row');
    var cb = el('input');
    cb.type = 'checkbox';
    cb.checked = true;
    cb.id = id;
    cb.addEventListener('change', function () { onChange(cb.checked); applyFilters(); });
    var sw = el('span', 'ykg-swatch ' + swatchClass);
    sw.style.background = color;
    sw.style.borderColor = border;
    label.appendChild(cb);
    label.appendChild(sw);
    label.appendChild(el('span', null, text));
    label.appendChild(el('span', 'ykg-count', count));
    parent.appendChild(label);
  }
  var classBox = document.getElementById('ykg-classes');
  DATA.classes.forEach(function (c, i) {
    classOn[c.key] = true;
    row(classBox, c.shape, c.color, c.border, c.name, c.count, 'ykg-class-' + i,
        function (on) { classOn[c.key] = on; });
  });
  if (DATA.departments.length) {
    classBox.appendChild(el('p', 'ykg-help', T.program_color));
  }
  var deptBox = document.getElementById('ykg-departments');
  DATA.departments.forEach(function (d, i) {
    deptOn[d.id] = true;
    row(deptBox, 'box', d.color, '#333333', d.name, d.count, 'ykg-dept-' + i,
        function (on) { deptOn[d.id] = on; });
  });
  if (!DATA.departments.length) { deptBox.parentNode.hidden = true; }
  document.getElementById('ykg-reset').addEventListener('click', function () {
    document.querySelectorAll('#ykg-panel input[type=checkbox]').forEach(function (cb) { cb.checked = true; });
    Object.keys(classOn).forEach(function (k) { classOn[k] = true; });
    Object.keys(deptOn).forEach(function (k) { deptOn[k] = true; });
    applyFilters();
    info.hidden = true;
    fitAll();
  });
  api.visible = DATA.nodes.length;
  if (DATA.focus.length === 1) { showInfo(DATA.focus[0]); }
})();
"""


def _page_data(view: View, lang: str) -> dict:
    """Everything the page script needs, as plain JSON-able data."""
    from ykg.network import CLASSES
    g = view.graph
    cls_names = {k: (c.en if lang == "en" else c.ja) for k, c in CLASSES.items()}
    present_depts = sorted({d for n in g for d in g.nodes[n]["departments"]})
    # colours are fixed per department over the whole network, so every view agrees
    all_depts = g.graph.get("all_departments") or present_depts
    colors = department_colors(list(all_depts))
    focus = set(view.focus)
    nodes, vis_by_id = [], {}
    for n in g.nodes:
        vis, meta = _node_payload(g, n, lang, colors, focus, cls_names)
        vis_by_id[n] = vis
        nodes.append({"vis": vis, "meta": meta})
    positions = _layered(view, vis_by_id)
    for item in nodes:
        x, y = positions[item["vis"]["id"]]
        item["vis"]["x"], item["vis"]["y"] = x, y
    edges = []
    for i, (s, o, key, d) in enumerate(g.edges(keys=True, data=True)):
        vis, meta = _edge_payload(g, i, s, o, key, d, lang, view.edge_labels)
        edges.append({"vis": vis, "meta": meta})
    counts: dict[str, int] = {}
    for n in g:
        counts[g.nodes[n]["cls"]] = counts.get(g.nodes[n]["cls"], 0) + 1
    classes = [{"key": k, "name": cls_names[k], "shape": STYLES[k].shape,
                "color": STYLES[k].color, "border": STYLES[k].border, "count": counts[k]}
               for k in STYLES if k in counts]
    # the nodes a department's checkbox hides: its programs and the department itself
    dept_counts = {d: sum(1 for n in g if d in g.nodes[n]["departments"]) for d in present_depts}
    names = g.graph.get("department_labels", {})
    departments = [{"id": d, "color": colors.get(d, "#BBBBBB"), "count": dept_counts[d],
                    "name": names.get(d, {}).get(lang, d)}
                   for d in present_depts]
    return {"lang": lang, "preset": view.preset, "focus": list(view.focus),
            "nodes": nodes, "edges": edges, "classes": classes, "departments": departments,
            "counts": {"nodes": len(nodes), "edges": len(edges)},
            "smooth": not view.edge_labels, "text": UI[lang]}


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def _check_inline(text: str, tag: str) -> str:
    if re.search(rf"</{tag}", text, re.IGNORECASE) or "<!--" in text:
        raise ViewError(f"cannot inline: the text contains </{tag} or <!--")
    return text


def render_html(view: View, lang: str = "ja") -> str:
    """Render a view as one self-contained HTML page (vis-network inlined, nothing fetched)."""
    if lang not in LANGS:
        raise ViewError(f"unknown language {lang!r} (one of {', '.join(LANGS)})")
    vis_js, vis_css = vis_assets()
    vis_js = _check_inline(vis_js, "script")
    app_js = _check_inline(APP_JS, "script")
    styles = _check_inline(vis_css, "style") + "\n" + CSS
    data = _page_data(view, lang)
    ui = UI[lang]
    title = view.title(lang)
    e = html.escape
    subtitle = f"{data['counts']['nodes']} {ui['nodes']} · {data['counts']['edges']} {ui['edges']}"
    if view.notes:
        subtitle += " · " + "; ".join(view.notes)
    csp = ("default-src 'none'; "
           f"script-src '{_sha256(vis_js)}' '{_sha256(app_js)}'; "
           "style-src 'unsafe-inline'; img-src data:; font-src data:; "
           "base-uri 'none'; form-action 'none'")
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{e(csp, quote=False)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ykg views (vis-network {VIS_VERSION})">
<title>{e(title)}</title>
<style>
{styles}
</style>
</head>
<body>
<header><h1 id="ykg-heading">{e(title)}</h1><p id="ykg-subtitle">{e(subtitle)}</p></header>
<main>
<aside id="ykg-panel">
<label class="search" for="ykg-search">{e(ui['search'])}</label>
<input id="ykg-search" type="search" autocomplete="off" placeholder="{e(ui['search_hint'])}">
<ul id="ykg-results"></ul>
<section id="ykg-info" hidden></section>
<details open><summary>{e(ui['classes'])}</summary><div id="ykg-classes"></div></details>
<details open><summary>{e(ui['departments'])}</summary><div id="ykg-departments"></div></details>
<p><button id="ykg-reset" type="button">{e(ui['reset'])}</button></p>
<p class="ykg-help">{e(ui['help'])}</p>
</aside>
<div id="ykg-network"></div>
</main>
<script type="application/json" id="ykg-data">{json_for_script(data)}</script>
<script>{vis_js}</script>
<script>{app_js}</script>
</body>
</html>
"""


@dataclass(frozen=True)
class ViewResult:
    """A written view: where, and how much it shows."""

    path: Path
    nodes: int
    edges: int
    size: int
    view: View


def default_out(view: View, out_dir: Path = DEFAULT_OUT_DIR) -> Path:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", view.slug).strip("-") or view.preset
    return Path(out_dir) / f"{slug}.html"


def write_view(store, preset: str, args: list[str] | tuple[str, ...] = (), out: Path | None = None,
               lang: str = "ja", *, k: int = DEFAULT_K, columns: str | None = None,
               net=None) -> ViewResult:
    """Build the network from the store, select the preset's view and write it as HTML."""
    from ykg.network import build_network
    net = build_network(store) if net is None else net
    view = select_view(net, preset, args, store=store, k=k, columns=columns)
    text = render_html(view, lang)
    path = Path(out) if out is not None else default_out(view)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    path.write_bytes(data)
    return ViewResult(path, view.graph.number_of_nodes(), view.graph.number_of_edges(),
                      len(data), view)
