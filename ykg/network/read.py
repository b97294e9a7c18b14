"""Read the policy network out of a store: entity nodes, relation edges and their evidence.

Hub and status nodes (classes, concept schemes, fiscal years, sections, listings, amounts) are
left out so that they do not dominate centrality. Nodes and edges are added in sorted order:
the same store gives the same graph, byte for byte. networkx is imported inside build_network
(the CLI must start fast).
"""
from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from ykg.foundation.text import match_key

from .evidence import read_evidence, section_evidence
from .rows import rows
from .vocabulary import CLASSES, DIRECT, VISION_RELATIONS, node_id, section_id

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pyoxigraph as ox


def _int(value) -> int | None:
    return None if value is None else int(Decimal(str(value)))


NODE_QUERY = """
SELECT ?e ?type ?ja ?en ?sec ?lines ?num ?key ?kind WHERE {{
  VALUES ?type {{ {values} }}
  ?e a ?type .
  OPTIONAL {{ ?e rdfs:label ?ja FILTER(LANG(?ja) = "ja") }}
  OPTIONAL {{ ?e rdfs:label ?en FILTER(LANG(?en) = "en") }}
  OPTIONAL {{ ?e prov:wasDerivedFrom ?sec }}
  OPTIONAL {{ ?e ykg:sourceLines ?lines }}
  OPTIONAL {{ ?e ykg:number ?num }}
  OPTIONAL {{ ?e ykg:searchKey ?key }}
  OPTIONAL {{ ?e ykg:programKind ?kind }}
}}"""


def _merge_node_row(n: dict, r: dict, rank: int) -> None:
    """Fold one row into a node: the least of each text, the first class in CLASSES order."""
    n["rank"] = min(n["rank"], rank)
    for name in ("ja", "en", "lines", "kind"):
        if r[name] is not None and (n[name] is None or str(r[name]) < n[name]):
            n[name] = str(r[name])
    if r["sec"] is not None:
        sec = section_id(r["sec"])
        n["section"] = sec if n["section"] is None else min(n["section"], sec)
    if r["num"] is not None:
        n["number"] = int(r["num"])
    if r["key"] is not None:
        n["keys"].update(p.strip() for p in str(r["key"]).split(" | ") if p.strip())


def read_nodes(store) -> dict[str, dict]:
    """Return {node id: attributes} of every entity of a class in CLASSES."""
    values = " ".join(f"ykg:{c.rdf_class}" for c in CLASSES.values())
    order = {c.rdf_class: i for i, c in enumerate(CLASSES.values())}
    keys = list(CLASSES)
    nodes: dict[str, dict] = {}
    for r in rows(store, NODE_QUERY.format(values=values)):
        rank = order[r["type"].rsplit("#", 1)[1]]
        n = nodes.setdefault(node_id(r["e"]), {
            "iri": r["e"], "rank": rank, "ja": None, "en": None, "section": None,
            "lines": None, "number": None, "keys": set(), "kind": None})
        _merge_node_row(n, r, rank)
    for n in nodes.values():
        n["cls"] = keys[n.pop("rank")]
    return nodes


def read_sections(store) -> dict[str, dict]:
    """Return {section id: ja, en, material, lines} of every document section."""
    found = rows(store, """
SELECT ?sec ?ja ?en ?material ?lines WHERE {
  ?sec a ykg:DocumentSection .
  OPTIONAL { ?sec rdfs:label ?ja FILTER(LANG(?ja) = "ja") }
  OPTIONAL { ?sec rdfs:label ?en FILTER(LANG(?en) = "en") }
  OPTIONAL { ?sec ykg:inMaterial ?m . ?m dcterms:identifier ?material }
  OPTIONAL { ?sec ykg:sourceLines ?lines }
}""")
    out: dict[str, dict] = {}
    for r in sorted(found, key=lambda r: tuple(str(v) for v in r.values())):
        out.setdefault(section_id(r["sec"]), {
            "ja": r["ja"], "en": r["en"], "material": r["material"], "lines": r["lines"]})
    return out


def read_budgets(store, nodes: dict[str, dict]) -> None:
    """Set budget_yen (BudgetAllocation, never a loan) and loan_yen of programs, projects, depts."""
    for n in nodes.values():
        n["budget_yen"] = None
        n["loan_yen"] = None
    for r in rows(store, """
SELECT DISTINCT ?p ?f ?kind ?yen WHERE {
  VALUES ?kind { ykg:BudgetAllocation ykg:LoanFacility }
  ?p ykg:hasFunding ?f . ?f a ?kind ; ykg:amount ?a . ?a schema:value ?yen .
}"""):
        n = nodes.get(node_id(r["p"]))
        if n is not None:
            field = "budget_yen" if r["kind"].endswith("BudgetAllocation") else "loan_yen"
            n[field] = (n[field] or 0) + _int(r["yen"])
    # A project's own budget: its top-level budget lines without 《再掲》 (as budget-by-project).
    for r in rows(store, """
SELECT DISTINCT ?project ?line ?kyen WHERE {
  ?line ykg:listedIn ?project ; ykg:componentKind "budget" ; ykg:isRelisting false ;
    ykg:statedAmountKyen ?kyen .
  FILTER NOT EXISTS { ?line ykg:partOfListing ?parent }
}"""):
        n = nodes.get(node_id(r["project"]))
        if n is not None:
            n["budget_yen"] = (n["budget_yen"] or 0) + _int(Decimal(str(r["kyen"])) * 1000)
    # A department's budget: its programs that are Sakigake components, each counted once
    # (as budget-by-department).
    for r in rows(store, """
SELECT DISTINCT ?dept ?program WHERE {
  ?project ykg:hasComponentProgram ?program . ?program ykg:responsibleOrganization ?dept .
}"""):
        d, p = nodes.get(node_id(r["dept"])), nodes.get(node_id(r["program"]))
        if d is not None and p is not None and p["budget_yen"] is not None:
            d["budget_yen"] = (d["budget_yen"] or 0) + p["budget_yen"]


def _relation_rows(store) -> list[dict]:
    """Return the (s, p, o, graph) rows of the DIRECT relations and the vision's edges."""
    values = " ".join(f"ykg:{k}" for k in DIRECT)
    direct = rows(store, f"""
SELECT DISTINCT ?s ?p ?o ?g WHERE {{
  VALUES ?p {{ {values} }}
  GRAPH ?g {{ ?s ?p ?o }}
}}""", union=False)
    # The vision's edges are its plan's pillars and areas.
    vision = rows(store, f"""
SELECT DISTINCT ?s ?p ?o WHERE {{
  VALUES ?p {{ {" ".join(f"ykg:{k}" for k in VISION_RELATIONS)} }}
  ?s a ykg:Vision ; ykg:visionOf ?plan . ?plan ?p ?o .
}}""")
    return direct + [dict(v, g="document") for v in vision]


def _edge_sources(store, nodes: dict[str, dict]) -> dict[tuple[str, str, str], set[str]]:
    """Return {(subject, relation, object): the graphs stating it} for edges between nodes."""
    edges: dict[tuple[str, str, str], set[str]] = {}
    for r in _relation_rows(store):
        s, o = node_id(r["s"]), node_id(r["o"])
        rel = r["p"].rsplit("#", 1)[-1]
        if s not in nodes or o not in nodes or s == o:
            continue
        if rel == "inArea" and nodes[s]["cls"] != "policy-area":
            continue  # a goal's area is already given by its policy area
        source = node_id(r["g"]).rsplit("/", 1)[-1] if "/graph/" in r["g"] else r["g"]
        edges.setdefault((s, rel, o), set()).add(source)
    return edges


def read_edges(store, nodes: dict[str, dict]) -> list[tuple[str, str, str, str, list[dict]]]:
    """Return sorted (subject, object, relation, source graph, evidence) tuples between nodes."""
    listed, stated = read_evidence(store)
    out = []
    for (s, rel, o), sources in sorted(_edge_sources(store, nodes).items()):
        evidence = list(stated.get((s, rel, o), ()))
        listing = listed.get((s, rel, o), set())
        evidence += [section_evidence(sec, lines) for sec, lines in sorted(listing, key=str)]
        if not evidence or "document" in sources and not listing:
            # The statement is read where its subject is described (the vision's where the
            # pillar or area is).
            where = nodes[o] if rel in VISION_RELATIONS else nodes[s]
            evidence.append(section_evidence(where["section"], where["lines"]))
        source = ("curated" if "curated" in sources else
                  "derived" if "derived" in sources else "document")
        out.append((s, o, rel, source, evidence))
    return out


def read_plans(store, nodes: dict[str, dict]) -> dict[str, dict]:
    """Set each node's plan (the node id of its ykg:inPlanSet); return {plan id: ja, en} sorted."""
    plans: dict[str, dict] = {}
    for r in rows(store, """
SELECT ?p ?ja ?en WHERE {
  ?p a ykg:PlanSet .
  OPTIONAL { ?p rdfs:label ?ja FILTER(LANG(?ja) = "ja") }
  OPTIONAL { ?p rdfs:label ?en FILTER(LANG(?en) = "en") }
}"""):
        pid = node_id(r["p"])
        got = plans.setdefault(pid, {"ja": None, "en": None})
        for lang in ("ja", "en"):
            if r[lang] is not None and (got[lang] is None or str(r[lang]) < got[lang]):
                got[lang] = str(r[lang])
    for n in nodes.values():
        n["plan"] = None
    for r in rows(store, "SELECT ?e ?p WHERE { ?e ykg:inPlanSet ?p }"):
        n = nodes.get(node_id(r["e"]))
        if n is not None:
            pid = node_id(r["p"])
            n["plan"] = pid if n["plan"] is None else min(n["plan"], pid)
    return {pid: {"ja": v["ja"] or v["en"] or pid, "en": v["en"] or v["ja"] or pid}
            for pid, v in sorted(plans.items())}


def build_network(store: "ox.Store") -> "nx.MultiDiGraph":
    """Read the store into a MultiDiGraph: entity nodes, relation edges (key = relation), sorted."""
    import networkx as nx
    nodes = read_nodes(store)
    plans = read_plans(store, nodes)
    read_budgets(store, nodes)
    edges = read_edges(store, nodes)
    departments: dict[str, set[str]] = {}
    for s, o, rel, _, _ in edges:
        if rel == "responsibleOrganization":
            departments.setdefault(s, set()).add(o)
    # departments in id order: views colour them by this list, so every view agrees
    all_departments = sorted(n for n, d in nodes.items() if d["cls"] == "department")
    department_labels = {d: {"ja": nodes[d]["ja"] or d, "en": nodes[d]["en"] or d}
                         for d in all_departments}
    g = nx.MultiDiGraph(sections=read_sections(store), all_departments=all_departments,
                        department_labels=department_labels, plans=plans)
    for nid in sorted(nodes):
        n = nodes[nid]
        keys = n["keys"] or {match_key(x) for x in (n["ja"], n["en"]) if x}
        depts = [nid] if n["cls"] == "department" else sorted(departments.get(nid, ()))
        g.add_node(nid, cls=n["cls"], iri=n["iri"], label_ja=n["ja"] or n["en"] or nid,
                   label_en=n["en"] or n["ja"] or nid, section=n["section"], lines=n["lines"],
                   number=n["number"], kind=n["kind"], budget_yen=n["budget_yen"],
                   loan_yen=n["loan_yen"], departments=tuple(depts), keys=tuple(sorted(keys)),
                   plan=n["plan"])
    for s, o, rel, source, evidence in edges:
        g.add_edge(s, o, key=rel, relation=rel, source=source, evidence=tuple(evidence))
    return g
