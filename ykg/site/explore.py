"""The explorer page (explore.html) with the network it explores (a JSON block in the page).

The network is ykg.network's policy network with both languages: nodes with their class,
labels, budget, departments and the facets they fall under (pillar, future area), edges with
their kind (document / curated / derived), their sentence as `ykg path` says it and their
evidence. The page lays it out, styles it, finds paths and keeps its state in the URL
(assets/explore.js, assets/explore-core.js).
"""
from __future__ import annotations

from ykg.network import (CLASSES, PATH_WEIGHTS, RELATIONS, build_network, evidence_text,
                         section_text)

from .context import SiteContext
from .paths import doc_path
from .query_page import catalogue_data, page_csp, write_browser_assets, write_query_page
from .sparql_page import write_sparql_page
from .vendor import write_vendor

PATH = "explore.html"
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


def network_data(net, base: str) -> dict:
    """Return the explorer's network as plain JSON-able data (both languages)."""
    facets = _facets(net)
    nodes = []
    for n, d in sorted(net.nodes(data=True)):
        nodes.append({"id": n, "cls": d["cls"], "ja": d["label_ja"], "en": d["label_en"],
                      "number": d["number"], "budget": d["budget_yen"], "loan": d["loan_yen"],
                      "depts": list(d["departments"]), "keys": sorted(set(d["keys"])),
                      "pillars": facets[n]["pillar"], "areas": facets[n]["area"],
                      "source": {lang: section_text(net, d["section"], d["lines"], lang)
                                 for lang in ("ja", "en")},
                      "page": doc_path(n)})
    edges = []
    for s, o, k, d in sorted(net.edges(keys=True, data=True), key=lambda e: e[:3]):
        edges.append({"from": s, "to": o, "rel": k, "kind": d.get("source", "document"),
                      "weight": PATH_WEIGHTS.get(k, 1.0),
                      "evidence": {lang: evidence_text(net, d["evidence"], lang)
                                   for lang in ("ja", "en")}})
    return {"base": base, "nodes": nodes, "edges": edges,
            "classes": {k: {"ja": c.ja, "en": c.en} for k, c in CLASSES.items()},
            "relations": {k: {"ja": r.ja, "en": r.en, "say_ja": r.say_ja, "say_en": r.say_en}
                          for k, r in RELATIONS.items()}}


def write_explore(site: SiteContext) -> None:
    """Write explore.html, the network in it as JSON (so the page works from disk too)."""
    from ykg.store import store_from_build
    data = network_data(build_network(store_from_build(site.build)), site.base)
    site.write_page(PATH, "explore.html", title="ネットワークを探索 / Explore the network | ykg",
                    page_csp=page_csp(), network=data)


def write_browser_pages(site: SiteContext, queries_dir) -> None:
    """Write the pages that run in the browser: explorer, query and SPARQL editor, their assets."""
    catalogue = catalogue_data(site, queries_dir)
    write_vendor(site)
    write_browser_assets(site)
    write_explore(site)
    write_query_page(site, catalogue)
    write_sparql_page(site, catalogue)
