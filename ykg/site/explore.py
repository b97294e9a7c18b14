"""The explorer page (explore.html) with the network it explores (a JSON block in the page).

The network is ykg.network's policy network with both languages: nodes with their class,
labels, budget, departments and the facets they fall under (pillar, future area), edges with
their kind (document / curated / derived), their sentence as `ykg path` says it and their
evidence. The page lays it out, styles it, finds paths and keeps its state in the URL
(assets/explore.js, assets/explore-core.js).
"""
from __future__ import annotations

from ykg.foundation.templating import render
from ykg.network import (CLASSES, PATH_WEIGHTS, RELATIONS, build_network, evidence_text,
                         section_text)

from .context import SiteContext
from .paths import doc_path
from .query_page import catalogue_data, page_csp, write_browser_assets, write_query_page
from .sparql_page import write_sparql_page
from .vendor import write_vendor

PATH = "explore.html"
PART_DIR = "explore"  # explore/<plan id>.js: the network of one more plan, loaded on demand
# Edges followed "up" to find the pillars and future areas a node falls under; the departments'
# and technologies' come from the programs and goals that point at them.
UP = {"implementsMeasure", "servesGoal", "measureOf", "policyArea", "inArea", "pillar",
      "servesPillar", "contributesToGoal", "parentInitiative", "parentProgram"}
DOWN = {"carriedOutBy", "hasComponentProgram"}  # walked backwards: the program is under them


def _ups(net) -> dict[str, set[str]]:
    """Return {node: nodes it falls under}, transitively along UP (and DOWN reversed)."""
    parents: dict[str, set[str]] = {n: set() for n in net}
    for s, o, k in net.edges(keys=True):
        if k in UP:
            parents[s].add(o)
        elif k in DOWN:
            parents[o].add(s)
    memo: dict[str, set[str]] = {}

    def up(n, seen=frozenset()):
        if n not in memo:
            out = set()
            for p in sorted(parents[n]):
                if p not in seen:
                    out |= {p} | up(p, seen | {n})
            memo[n] = out
        return memo[n]
    return {n: up(n) for n in sorted(net)}


def _facets(net) -> dict[str, dict[str, list[str]]]:
    """Return each node's pillars and future areas (by their node ids)."""
    ups = _ups(net)
    out = {}
    for n in net:
        above = ups[n] | {n}
        if net.nodes[n]["cls"] in ("department", "technology"):
            for s, _, k in net.in_edges(n, keys=True):
                above |= ups[s] | {s}
        out[n] = {c: sorted(m for m in above if net.nodes[m]["cls"] == c) for c in ("pillar", "area")}
    return out


def _node(net, n: str, d: dict, facets: dict) -> dict:
    return {"id": n, "cls": d["cls"], "ja": d["label_ja"], "en": d["label_en"],
            "number": d["number"], "budget": d["budget_yen"], "loan": d["loan_yen"],
            "depts": list(d["departments"]), "keys": sorted(set(d["keys"])),
            "pillars": facets[n]["pillar"], "areas": facets[n]["area"], "plan": d.get("plan"),
            "source": {lang: section_text(net, d["section"], d["lines"], lang)
                       for lang in ("ja", "en")},
            "page": doc_path(n)}


def _edge(net, s: str, o: str, k: str, d: dict) -> dict:
    return {"from": s, "to": o, "rel": k, "kind": d.get("source", "document"),
            "weight": PATH_WEIGHTS.get(k, 1.0),
            "evidence": {lang: evidence_text(net, d["evidence"], lang) for lang in ("ja", "en")}}


def parts_data(net, facets: dict, parts: dict) -> dict:
    """Return {part: its nodes and the edges between them (sorted)}, in one pass over the edges."""
    member: dict[str, list] = {}
    for key, keep in parts.items():
        for n in keep:
            member.setdefault(n, []).append(key)
    out = {key: {"nodes": [_node(net, n, net.nodes[n], facets) for n in sorted(keep)], "edges": []}
           for key, keep in parts.items()}
    for s, o, k, d in sorted(net.edges(keys=True, data=True), key=lambda e: e[:3]):
        both = [key for key in member.get(s, ()) if key in member.get(o, ())]
        if both:
            edge = _edge(net, s, o, k, d)
            for key in both:
                out[key]["edges"].append(edge)
    return out


def plan_parts(net) -> dict[str | None, set[str]]:
    """Return {plan id: its nodes and the shared nodes they touch}; one part when one plan."""
    plans = list(net.graph.get("plans", {}))
    if len(plans) <= 1:
        return {plans[0] if plans else None: set(net.nodes)}
    parts: dict[str | None, set[str]] = {p: set() for p in plans}
    for n, plan in net.nodes(data="plan"):
        if plan in parts:
            parts[plan].add(n)
    shared = {n for n, plan in net.nodes(data="plan") if plan not in parts}
    for s, o in net.edges():
        for a, b in ((s, o), (o, s)):
            if b in shared and net.nodes[a].get("plan") in parts:
                parts[net.nodes[a]["plan"]].add(b)
    parts[plans[0]] |= shared  # the first part draws every shared node, linked or not
    return parts


def network_data(net, base: str) -> tuple[dict, dict[str, dict]]:
    """Return the explorer's embedded data (the first plan) and the other plans' parts by id."""
    facets = _facets(net)
    parts = plan_parts(net)
    first, *rest = parts
    labels = net.graph.get("plans", {})
    made = parts_data(net, facets, parts)
    data = {"base": base, **made[first],
            "plans": [{"id": p, "ja": labels[p]["ja"], "en": labels[p]["en"],
                       "size": sum(1 for n in parts[p] if net.nodes[n].get("plan") == p),
                       "part": None if p == first else f"{PART_DIR}/{p}.js"}
                      for p in parts if p is not None],
            "classes": {k: {"ja": c.ja, "en": c.en} for k, c in CLASSES.items()},
            "relations": {k: {"ja": r.ja, "en": r.en, "say_ja": r.say_ja, "say_en": r.say_en}
                          for k, r in RELATIONS.items()}}
    return data, {p: made[p] for p in rest}


def write_explore(site: SiteContext) -> None:
    """Write explore.html with the first plan's network in it (the page works from disk too),
    and one script per other plan that the page loads when that plan is asked for."""
    data, parts = network_data(build_network(site.store), site.base)
    site.write_page(PATH, "explore.html", title="ネットワークを探索 / Explore the network | ykg",
                    page_csp=page_csp(), network=data)
    for plan, part in parts.items():
        site.write(f"{PART_DIR}/{plan}.js", render("site/explore-part.js", plan=plan, part=part))


def write_browser_pages(site: SiteContext, queries_dir) -> None:
    """Write the pages that run in the browser: explorer, query and SPARQL editor, their assets."""
    catalogue = catalogue_data(site, queries_dir)
    write_vendor(site)
    write_browser_assets(site)
    write_explore(site)
    write_query_page(site, catalogue)
    write_sparql_page(site, catalogue)
