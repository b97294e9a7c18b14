"""The data one page carries: vis-network options and metadata of every node and edge, texts.

Everything here is plain JSON-able data; the page script (assets/view.js) reads it from one
<script type="application/json"> block and inserts every text with textContent.
"""
from __future__ import annotations

from typing import Any

from ykg.network import CLASSES, RELATIONS, evidence_text, section_text
from ykg.foundation.text import match_key

from .layout import display_label, layered
from .model import View
from .style import (EDGE_COLORS, EDGE_DASHES, SOURCE_NAMES, STYLES, budget_size,
                    department_colors, department_font, text_color, yen_text)

UI = {
    "ja": {"search": "検索", "search_hint": "名前・読み・英語名で探す(Enterで移動)",
           "classes": "凡例と表示する種類", "departments": "部局(色)", "reset": "すべて表示",
           "no_match": "見つかりません", "neighbours": "つながり", "budget": "予算額",
           "loan": "融資枠", "class": "種類", "department": "所管部局", "source": "出典",
           "help": "ノードをクリックすると周辺を強調し、右クリック・空白クリックで戻ります。"
                   "マウスホイールで拡大、ドラッグで移動。",
           "nodes": "ノード", "edges": "辺", "other_label": "English",
           "program_color": "事業の色 = 所管部局", "id": "ID", "plans": "計画", "plan": "計画"},
    "en": {"search": "Search", "search_hint": "Find by Japanese, reading or English name (Enter)",
           "classes": "Legend and classes shown", "departments": "Departments (colours)",
           "reset": "Show all", "no_match": "No match", "neighbours": "Connections",
           "budget": "Budget", "loan": "Loan facility", "class": "Class",
           "department": "Department", "source": "Source",
           "help": "Click a node to highlight its neighbourhood; click the background to "
                   "reset. Wheel to zoom, drag to pan.",
           "nodes": "nodes", "edges": "edges", "other_label": "日本語",
           "program_color": "program colour = its department", "id": "ID", "plans": "Plans",
           "plan": "Plan"},
}

SMALL_VIEW = 60  # views with at most this many nodes get larger labels on the lower levels
SMALL_FONT = {"program": 1.7, "goal": 1.4, "initiative": 1.4, "measure": 1.4,
              "policy-area": 1.3, "strategy-action": 1.4, "strategy-measure": 1.4}
FOCUS_SHADOW = {"enabled": True, "color": "rgba(204,0,0,0.85)", "size": 22, "x": 0, "y": 0}


def _node_vis(g, n: str, lang: str, dept_colors: dict[str, str], focus: set[str]) -> dict:
    """Return the vis-network options of a node: shape, colours, size and label."""
    d = g.nodes[n]
    st = STYLES[d["cls"]]
    font = st.font
    if g.number_of_nodes() <= SMALL_VIEW:
        font = round(font * SMALL_FONT.get(d["cls"], 1.0), 1)
    vis: dict[str, Any] = {"id": n, "label": display_label(d, lang), "shape": st.shape,
                           "font": {"size": font}, "borderWidth": 1.5}
    fill = st.color
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
        vis["shadow"] = dict(FOCUS_SHADOW)
        vis["borderWidth"] = max(vis["borderWidth"], 3)
    vis["color"] = {"background": fill, "border": st.border,
                    "highlight": {"background": fill, "border": "#000000"},
                    "hover": {"background": fill, "border": "#000000"}}
    return vis


def _node_tip(g, n: str, lang: str) -> list[str]:
    """Return the tooltip lines of a node: both labels, class, budget, departments, source, id."""
    d = g.nodes[n]
    other = "ja" if lang == "en" else "en"
    ui = UI[lang]
    kind = f" ({d['kind']})" if d["kind"] else ""
    tip = [d[f"label_{lang}"], d[f"label_{other}"],
           f"{ui['class']}: {CLASSES[d['cls']].name(lang)}{kind}"]
    if d["budget_yen"] is not None:
        tip.append(f"{ui['budget']}: {yen_text(d['budget_yen'], lang)}")
    if d["loan_yen"] is not None:
        tip.append(f"{ui['loan']}: {yen_text(d['loan_yen'], lang)}")
    if d["cls"] != "department" and d["departments"]:
        labels = g.graph.get("department_labels", {})
        names = [labels.get(x, {}).get(lang, x) for x in d["departments"]]
        tip.append(f"{ui['department']}: {', '.join(names)}")
    if d.get("plan") and len(g.graph.get("plans", {})) > 1:
        tip.append(f"{ui['plan']}: {g.graph['plans'].get(d['plan'], {}).get(lang, d['plan'])}")
    src = section_text(g, d["section"], d["lines"], lang)
    if src:
        tip.append(f"{ui['source']}: {src}")
    tip.append(f"{ui['id']}: {n}")
    return tip


def node_payload(g, n: str, lang: str, dept_colors: dict[str, str], focus: set[str]) -> dict:
    """Return a node's vis options and its metadata for tooltips, search and filters."""
    d = g.nodes[n]
    keys = set(d["keys"]) | {match_key(d["label_ja"]), match_key(d["label_en"])}
    meta = {"cls": d["cls"], "tip": _node_tip(g, n, lang), "label": d[f"label_{lang}"],
            "keys": sorted(keys), "depts": list(d["departments"]), "budget": d["budget_yen"],
            "plan": d.get("plan")}
    return {"vis": _node_vis(g, n, lang, dept_colors, focus), "meta": meta}


def _edge_tip(g, s: str, o: str, key: str, d: dict, lang: str) -> list[str]:
    sl, ol = g.nodes[s][f"label_{lang}"], g.nodes[o][f"label_{lang}"]
    rel = RELATIONS.get(key)
    if rel is None:  # a query's edge: its rows
        return [f"{sl} — {ol}"] + [ev["text"] for ev in d.get("evidence", ())]
    return ([rel.say(lang).format(s=sl, o=ol), f"{rel.ja} / {rel.en} ({key})"]
            + evidence_text(g, d.get("evidence", ()), lang))


def edge_payload(g, i: int, s: str, o: str, key: str, d: dict, lang: str,
                 edge_labels: bool) -> dict:
    """Return an edge's vis options and its metadata (tooltip, side-panel lines)."""
    rel = RELATIONS.get(key)
    name = rel.name(lang) if rel else key
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
    if edge_labels and rel:
        first = next((ev for ev in d.get("evidence", ()) if ev["kind"] == "section"), None)
        where = (section_text(g, first["section"], first["lines"], lang).split(" ")[:2]
                 if first else [SOURCE_NAMES[lang].get(source, "")])
        vis["label"] = f"{name}\n{' '.join(where)}".strip()
        vis["font"] = {"size": 15, "align": "middle", "background": "rgba(255,255,255,0.85)"}
    sl, ol = g.nodes[s][f"label_{lang}"], g.nodes[o][f"label_{lang}"]
    # one line for the side panel, from either end: "→ 目標: …" / "← 構成事業: …"
    meta = {"tip": _edge_tip(g, s, o, key, d, lang), "color": color,
            "out": f"→ {name}: {ol}", "in": f"← {name}: {sl}"}
    return {"vis": vis, "meta": meta}


def _legend(g, lang: str, colors: dict[str, str]) -> tuple[list[dict], list[dict]]:
    """Return the legend rows of the classes shown and of the departments present."""
    counts: dict[str, int] = {}
    for n in g:
        counts[g.nodes[n]["cls"]] = counts.get(g.nodes[n]["cls"], 0) + 1
    classes = [{"key": k, "name": CLASSES[k].name(lang), "shape": STYLES[k].shape,
                "color": STYLES[k].color, "border": STYLES[k].border, "count": counts[k]}
               for k in STYLES if k in counts]
    present = sorted({d for n in g for d in g.nodes[n]["departments"]})
    names = g.graph.get("department_labels", {})
    # the nodes a department's checkbox hides: its programs and the department itself
    departments = [{"id": d, "color": colors.get(d, "#BBBBBB"),
                    "count": sum(1 for n in g if d in g.nodes[n]["departments"]),
                    "name": names.get(d, {}).get(lang, d)} for d in present]
    return classes, departments


def _plans(g, lang: str) -> list[dict]:
    """Return the plan filter's rows: each plan present with its name and node count."""
    labels = g.graph.get("plans", {})
    counts: dict[str, int] = {}
    for _, plan in g.nodes(data="plan"):
        if plan:
            counts[plan] = counts.get(plan, 0) + 1
    return [{"id": p, "name": labels.get(p, {}).get(lang, p), "count": c}
            for p, c in sorted(counts.items())]


def page_data(view: View, lang: str) -> dict:
    """Return everything the page script needs, as plain JSON-able data."""
    g = view.graph
    present = sorted({d for n in g for d in g.nodes[n]["departments"]})
    # colours are fixed per department over the whole network, so every view agrees
    colors = department_colors(list(g.graph.get("all_departments") or present))
    focus = set(view.focus)
    nodes = [node_payload(g, n, lang, colors, focus) for n in g.nodes]
    positions = layered(view, {item["vis"]["id"]: item["vis"] for item in nodes})
    for item in nodes:
        item["vis"]["x"], item["vis"]["y"] = positions[item["vis"]["id"]]
    edges = [edge_payload(g, i, s, o, key, d, lang, view.edge_labels)
             for i, (s, o, key, d) in enumerate(g.edges(keys=True, data=True))]
    classes, departments = _legend(g, lang, colors)
    return {"lang": lang, "preset": view.preset, "focus": list(view.focus),
            "nodes": nodes, "edges": edges, "classes": classes, "departments": departments,
            "plans": _plans(g, lang),
            "counts": {"nodes": len(nodes), "edges": len(edges)},
            "smooth": not view.edge_labels, "text": UI[lang]}
