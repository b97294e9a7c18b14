"""The layered layout of a view: columns left to right by class, rows by barycentre sweeps.

Positions are computed here, not by vis-network's physics, so that a view is drawn at once and
the same view always lands in the same place.
"""
from __future__ import annotations

import math

from .model import View
from .style import EN_CHARS, STYLES, width_units, wrap_label

COLUMN_GAP = 80.0


def display_label(d: dict, lang: str) -> str:
    """Return a node's label wrapped for its class (full label in the tooltip)."""
    st = STYLES[d["cls"]]
    text = d["label_en"] if lang == "en" else d["label_ja"]
    return wrap_label(text, st.line_chars * (EN_CHARS * 0.56 if lang == "en" else 1.0), st.lines)


def _text_size(label: str, font: float) -> tuple[float, float]:
    lines = label.split("\n")
    return max(width_units(x) for x in lines) * font, len(lines) * font * 1.2


def _box(d: dict, vis: dict) -> tuple[float, float]:
    """Approximate width and height a node takes on the canvas, label included."""
    w, h = _text_size(vis["label"], vis["font"]["size"])
    if vis["shape"] == "box":
        return w + 2 * vis.get("margin", 6) + 4, h + 2 * vis.get("margin", 6) + 10
    size = vis.get("size", 10)
    return max(w, 2 * size), 2 * size + h + 14


def _column_order(view: View) -> tuple[dict[str, float], list[float], dict[float, list[str]]]:
    """Return each node's column, the columns, and the nodes of each column in barycentre order."""
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
                # sorted: the undirected view yields neighbours in hash order, and the float
                # sum must not depend on it (the same view lands the same in every process)
                nbrs = [pos[m] for m in sorted(und[n]) if before(layer_of[m], c)]
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
    return layer_of, columns, order


def layered(view: View, vis: dict[str, dict]) -> dict[str, tuple[float, float]]:
    """Return node positions: columns left to right (by class, or view.layers), rows in order."""
    g = view.graph
    _, columns, order = _column_order(view)
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
