"""The policy network: a networkx graph of the entities and the relations a planner reasons with.

Nodes are entities (programs, goals, departments, …) with their class, Japanese and English
labels, budget, department and source section. Edges are the meaningful relations between them,
each with its evidence: the document section it was read from, the basis of a curated link, or
the rule of a derived tag. Hub and status nodes (classes, concept schemes, fiscal years,
sections, listings, amounts) are left out so that they do not dominate centrality.

Node ids are the IRI path after `/id/` (`program/p0001`), so they do not depend on the base IRI.
Nodes and edges are added in sorted order: the same store gives the same graph, byte for byte.
networkx is imported inside the functions (the CLI must start fast).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pyoxigraph as ox

YKG = "https://w3id.org/ykg/def#"
PREFIXES = f"""PREFIX ykg: <{YKG}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


@dataclass(frozen=True)
class NodeClass:
    """A kind of node: its key, its ykg class and its names in both languages."""

    key: str
    rdf_class: str  # local name in the ykg vocabulary
    ja: str
    en: str


# Order matters: an entity typed with several of these classes gets the first one.
CLASSES: dict[str, NodeClass] = {c.key: c for c in (
    NodeClass("vision", "Vision", "ビジョン", "Vision"),
    NodeClass("pillar", "Pillar", "施策の柱", "Pillar"),
    NodeClass("area", "FutureArea", "分野(維新)", "Future area"),
    NodeClass("policy-area", "PolicyArea", "区分", "Policy area"),
    NodeClass("initiative", "Initiative", "取組事項", "Initiative"),
    NodeClass("goal", "Goal", "目標", "Goal"),
    NodeClass("measure", "Measure", "対応策", "Measure"),
    NodeClass("project", "SakigakeProject", "魁プロジェクト", "Sakigake project"),
    NodeClass("program", "Program", "事業", "Program"),
    NodeClass("department", "Department", "部局", "Department"),
    NodeClass("technology", "Technology", "デジタル技術", "Technology"),
    NodeClass("strategy-goal", "StrategyBasicGoal", "基本目標(総合戦略)", "Strategy basic goal"),
    NodeClass("strategy-pillar", "StrategyPillar", "施策の柱(総合戦略)", "Strategy pillar"),
    NodeClass("strategy-measure", "StrategyMeasure", "施策展開(総合戦略)", "Strategy measure"),
    NodeClass("strategy-action", "StrategyAction", "具体的取組(総合戦略)", "Strategy action"),
)}


@dataclass(frozen=True)
class Relation:
    """A kind of edge: names in both languages and a sentence template for `ykg path`."""

    key: str
    ja: str
    en: str
    say_ja: str  # {s} and {o} are the subject's and the object's labels
    say_en: str


RELATIONS: dict[str, Relation] = {r.key: r for r in (
    Relation("hasPillar", "施策の柱", "has pillar",
             "{s} の施策の柱は「{o}」", "{s} has the pillar {o}"),
    Relation("hasFutureArea", "将来像の分野", "has future area",
             "{s} の将来像の分野は「{o}」", "{s} covers the future area {o}"),
    Relation("pillar", "柱", "pillar",
             "{s} は施策の柱「{o}」の取組事項", "{s} is an initiative under the pillar {o}"),
    Relation("parentInitiative", "上位の取組", "parent initiative",
             "{s} は取組「{o}」の一部", "{s} is part of the initiative {o}"),
    Relation("carriedOutBy", "実施する事業", "carried out by",
             "{s} は「{o}」で実施される", "{s} is carried out by {o}"),
    Relation("inArea", "分野", "in area",
             "{s} は分野「{o}」に属する", "{s} belongs to the future area {o}"),
    Relation("policyArea", "区分", "policy area",
             "{s} は区分「{o}」の目標", "{s} is a goal of the policy area {o}"),
    Relation("measureOf", "目標", "measure of",
             "{s} は目標「{o}」の対応策", "{s} is a measure for the goal {o}"),
    Relation("servesGoal", "目標", "serves goal",
             "{s} は目標「{o}」に資する", "{s} serves the goal {o}"),
    Relation("implementsMeasure", "実施する対応策", "implements measure",
             "{s} は対応策「{o}」を実施する", "{s} implements the measure {o}"),
    Relation("responsibleOrganization", "所管部局", "responsible organization",
             "{s} は{o}の所管", "{s} is run by {o}"),
    Relation("parentProgram", "親事業", "parent program",
             "{s} は「{o}」の内訳事業", "{s} is a sub-program of {o}"),
    Relation("hasComponentProgram", "構成事業", "has component program",
             "{s} は「{o}」を構成事業とする", "{s} includes the program {o}"),
    Relation("servesPillar", "貢献する柱", "serves pillar",
             "{s} は施策の柱「{o}」に貢献する", "{s} serves the pillar {o}"),
    Relation("contributesToGoal", "貢献する目標", "contributes to goal",
             "{s} は目標「{o}」に貢献する", "{s} contributes to the goal {o}"),
    Relation("mentionsTechnology", "言及する技術", "mentions technology",
             "{s} はデジタル技術「{o}」に言及する", "{s} mentions the technology {o}"),
    Relation("realizedBy", "具体化する事業", "realized by",
             "{s} は「{o}」で具体化される", "{s} is realized by {o}"),
    Relation("strategyMeasure", "施策展開", "strategy measure",
             "{s} は施策展開「{o}」の具体的取組", "{s} is an action of the strategy measure {o}"),
    Relation("strategyPillar", "施策の柱", "strategy pillar",
             "{s} は施策の柱「{o}」の施策展開", "{s} is a measure under the strategy pillar {o}"),
    Relation("basicGoal", "基本目標", "basic goal",
             "{s} は基本目標「{o}」の施策の柱", "{s} is a pillar of the basic goal {o}"),
)}

# Relations read directly as triples; the vision's edges come from its plan (see _vision_edges).
# A goal's ykg:inArea repeats what its policy area says and a program's ykg:inFutureArea what its
# goals say: both are left out, like the hubs, so that they do not double paths.
DIRECT = tuple(k for k in RELATIONS if k not in ("hasPillar", "hasFutureArea"))

# Classes left out of the analytics graph: measures repeat the goals they belong to, technology
# tags are derived by keyword matching, the vision joins every pillar and area by definition, and
# the comprehensive strategy (資料5) is a document of its own.
NOT_ANALYSED = ("vision", "measure", "technology", "strategy-goal", "strategy-pillar",
                "strategy-measure", "strategy-action")
# Path search prefers document and curated facts: a keyword tag or the vision costs more.
PATH_WEIGHTS = {"mentionsTechnology": 3.0, "hasPillar": 2.0, "hasFutureArea": 2.0}


def node_id(iri: str) -> str:
    """Return the short node id of an instance IRI: the path after its last `/id/`."""
    head, sep, tail = iri.rpartition("/id/")
    return tail if sep else iri


def section_id(iri: str) -> str:
    """Return the short id of a document section IRI (`s2/1/table`)."""
    nid = node_id(iri)
    return nid[len("section/"):] if nid.startswith("section/") else nid


def _rows(store: "ox.Store", query: str) -> list[dict[str, Any]]:
    from ykg.queries import plain_value
    result = store.query(PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    return [{n: plain_value(sol[n]) for n in names} for sol in result]


def _graph_rows(store: "ox.Store", query: str) -> list[dict[str, Any]]:
    """Run a query that names its graphs (GRAPH ?g) over the real named graphs."""
    from ykg.queries import plain_value
    result = store.query(PREFIXES + query)
    names = [v.value for v in result.variables]
    return [{n: plain_value(sol[n]) for n in names} for sol in result]


def _int(value) -> int | None:
    if value is None:
        return None
    return int(Decimal(str(value)))


# -- reading the store -------------------------------------------------------------------------

def _read_nodes(store) -> dict[str, dict]:
    values = " ".join(f"ykg:{c.rdf_class}" for c in CLASSES.values())
    rows = _rows(store, f"""
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
}}""")
    order = {c.rdf_class: i for i, c in enumerate(CLASSES.values())}
    by_class = {c.rdf_class: c.key for c in CLASSES.values()}
    nodes: dict[str, dict] = {}
    for r in rows:
        nid = node_id(r["e"])
        rank = order[r["type"].rsplit("#", 1)[1]]
        n = nodes.setdefault(nid, {"iri": r["e"], "rank": rank, "ja": None, "en": None,
                                   "section": None, "lines": None, "number": None,
                                   "keys": set(), "kind": None})
        n["rank"] = min(n["rank"], rank)
        for field, col in (("ja", "ja"), ("en", "en"), ("lines", "lines"), ("kind", "kind")):
            if r[col] is not None and (n[field] is None or str(r[col]) < n[field]):
                n[field] = str(r[col])
        if r["sec"] is not None:
            sec = section_id(r["sec"])
            n["section"] = sec if n["section"] is None else min(n["section"], sec)
        if r["num"] is not None:
            n["number"] = int(r["num"])
        if r["key"] is not None:
            n["keys"].update(p.strip() for p in str(r["key"]).split(" | ") if p.strip())
    for n in nodes.values():
        n["cls"] = by_class[list(order)[n.pop("rank")]]
    return nodes


def _read_sections(store) -> dict[str, dict]:
    rows = _rows(store, """
SELECT ?sec ?ja ?en ?material ?lines WHERE {
  ?sec a ykg:DocumentSection .
  OPTIONAL { ?sec rdfs:label ?ja FILTER(LANG(?ja) = "ja") }
  OPTIONAL { ?sec rdfs:label ?en FILTER(LANG(?en) = "en") }
  OPTIONAL { ?sec ykg:inMaterial ?m . ?m dcterms:identifier ?material }
  OPTIONAL { ?sec ykg:sourceLines ?lines }
}""")
    out: dict[str, dict] = {}
    for r in sorted(rows, key=lambda r: tuple(str(v) for v in r.values())):
        out.setdefault(section_id(r["sec"]), {
            "ja": r["ja"], "en": r["en"], "material": r["material"], "lines": r["lines"]})
    return out


def _read_budgets(store, nodes: dict[str, dict]) -> None:
    """Set budget_yen (BudgetAllocation, never a loan) and loan_yen on programs, projects, departments."""
    for n in nodes.values():
        n["budget_yen"] = None
        n["loan_yen"] = None
    funding = _rows(store, """
SELECT DISTINCT ?p ?f ?kind ?yen WHERE {
  VALUES ?kind { ykg:BudgetAllocation ykg:LoanFacility }
  ?p ykg:hasFunding ?f . ?f a ?kind ; ykg:amount ?a . ?a schema:value ?yen .
}""")
    for r in funding:
        n = nodes.get(node_id(r["p"]))
        if n is None:
            continue
        field = "budget_yen" if r["kind"].endswith("BudgetAllocation") else "loan_yen"
        n[field] = (n[field] or 0) + _int(r["yen"])
    # A project's own budget: its top-level budget lines without 《再掲》 (as budget-by-project).
    lines = _rows(store, """
SELECT DISTINCT ?project ?line ?kyen WHERE {
  ?line ykg:listedIn ?project ; ykg:componentKind "budget" ; ykg:isRelisting false ;
    ykg:statedAmountKyen ?kyen .
  FILTER NOT EXISTS { ?line ykg:partOfListing ?parent }
}""")
    for r in lines:
        n = nodes.get(node_id(r["project"]))
        if n is not None:
            n["budget_yen"] = (n["budget_yen"] or 0) + _int(Decimal(str(r["kyen"])) * 1000)
    # A department's budget: its programs that are Sakigake components, each counted once
    # (as budget-by-department).
    components = _rows(store, """
SELECT DISTINCT ?dept ?program WHERE {
  ?project ykg:hasComponentProgram ?program . ?program ykg:responsibleOrganization ?dept .
}""")
    for r in components:
        d, p = nodes.get(node_id(r["dept"])), nodes.get(node_id(r["program"]))
        if d is not None and p is not None and p["budget_yen"] is not None:
            d["budget_yen"] = (d["budget_yen"] or 0) + p["budget_yen"]


def _section_evidence(section: str | None, lines: str | None) -> dict:
    return {"kind": "section", "section": section, "lines": lines}


def _listing_evidence(store) -> dict[tuple[str, str, str], set]:
    """Return {(subject, relation, object): {(section, lines)}} from the listing lines that state them."""
    rows = _rows(store, """
SELECT DISTINCT ?s ?rel ?o ?sec ?lines WHERE {
  {
    ?l ykg:listedProgram ?s ; ykg:listedUnder ?m . ?m ykg:measureOf ?o .
    BIND("servesGoal" AS ?rel)
  } UNION {
    ?l ykg:listedProgram ?s ; ykg:listedUnder ?o .
    BIND("implementsMeasure" AS ?rel)
  } UNION {
    ?l ykg:listedProgram ?s ; ykg:listedDepartment ?o .
    BIND("responsibleOrganization" AS ?rel)
  } UNION {
    ?l ykg:listedIn ?s ; ykg:listedProgram ?o .
    BIND("hasComponentProgram" AS ?rel)
  }
  ?l prov:wasDerivedFrom ?sec .
  OPTIONAL { ?l ykg:sourceLines ?lines }
}""")
    out: dict[tuple[str, str, str], set] = {}
    for r in rows:
        key = (node_id(r["s"]), r["rel"], node_id(r["o"]))
        out.setdefault(key, set()).add((section_id(r["sec"]), r["lines"]))
    return out


def _curated_evidence(store) -> dict[tuple[str, str, str], list[dict]]:
    rows = _rows(store, """
SELECT DISTINCT ?link ?s ?rel ?o ?ja ?en WHERE {
  ?link a ykg:CuratedLink ; ykg:linkSubject ?s ; ykg:linkRelation ?rel ; ykg:linkObject ?o .
  OPTIONAL { ?link ykg:basis ?ja FILTER(LANG(?ja) = "ja") }
  OPTIONAL { ?link ykg:basis ?en FILTER(LANG(?en) = "en") }
}""")
    out: dict[tuple[str, str, str], list[dict]] = {}
    for r in sorted(rows, key=lambda r: tuple(str(v) for v in r.values())):
        key = (node_id(r["s"]), r["rel"].rsplit("#", 1)[-1], node_id(r["o"]))
        out.setdefault(key, []).append({"kind": "curated", "link": node_id(r["link"]),
                                        "basis_ja": r["ja"], "basis_en": r["en"]})
    return out


def _derived_evidence(store) -> dict[tuple[str, str, str], list[dict]]:
    rows = _rows(store, """
SELECT DISTINCT ?s ?o ?field ?pattern ?ja ?en WHERE {
  ?tag a ykg:TechnologyTag ; ykg:tagSubject ?s ; ykg:tagTechnology ?o .
  OPTIONAL { ?tag ykg:matchedField ?field }
  OPTIONAL { ?tag ykg:matchedPattern ?pattern }
  OPTIONAL { ?tag ykg:rule ?ja FILTER(LANG(?ja) = "ja") }
  OPTIONAL { ?tag ykg:rule ?en FILTER(LANG(?en) = "en") }
}""")
    out: dict[tuple[str, str, str], list[dict]] = {}
    for r in sorted(rows, key=lambda r: tuple(str(v) for v in r.values())):
        key = (node_id(r["s"]), "mentionsTechnology", node_id(r["o"]))
        out.setdefault(key, []).append({"kind": "derived", "field": r["field"],
                                        "pattern": r["pattern"], "rule_ja": r["ja"],
                                        "rule_en": r["en"]})
    return out


def _read_edges(store, nodes: dict[str, dict]) -> list[tuple[str, str, str, str, list[dict]]]:
    """Return sorted (subject, object, relation, source graph, evidence) tuples between nodes."""
    values = " ".join(f"ykg:{k}" for k in DIRECT)
    rows = _graph_rows(store, f"""
SELECT DISTINCT ?s ?p ?o ?g WHERE {{
  VALUES ?p {{ {values} }}
  GRAPH ?g {{ ?s ?p ?o }}
}}""")
    vision = _rows(store, """
SELECT DISTINCT ?s ?p ?o WHERE {
  VALUES ?p { ykg:hasPillar ykg:hasFutureArea }
  ?s a ykg:Vision ; ykg:visionOf ?plan . ?plan ?p ?o .
}""")
    listed = _listing_evidence(store)
    curated = _curated_evidence(store)
    derived = _derived_evidence(store)
    edges: dict[tuple[str, str, str], dict] = {}
    for r in rows + [dict(v, g="document") for v in vision]:
        s, o = node_id(r["s"]), node_id(r["o"])
        rel = r["p"].rsplit("#", 1)[-1]
        if s not in nodes or o not in nodes or s == o:
            continue
        if rel == "inArea" and nodes[s]["cls"] != "policy-area":
            continue  # a goal's area is already given by its policy area
        source = node_id(r["g"]).rsplit("/", 1)[-1] if "/graph/" in r["g"] else r["g"]
        e = edges.setdefault((s, rel, o), {"sources": set(), "evidence": []})
        e["sources"].add(source)
    out = []
    for (s, rel, o), e in sorted(edges.items()):
        evidence: list[dict] = []
        if (s, rel, o) in curated:
            evidence += curated[(s, rel, o)]
        if (s, rel, o) in derived:
            evidence += derived[(s, rel, o)]
        if (s, rel, o) in listed:
            evidence += [_section_evidence(sec, lines)
                         for sec, lines in sorted(listed[(s, rel, o)], key=str)]
        if not evidence or "document" in e["sources"] and not (s, rel, o) in listed:
            # The statement is read where its subject is described (the vision's where the
            # pillar or area is).
            where = nodes[o] if rel in ("hasPillar", "hasFutureArea") else nodes[s]
            evidence.append(_section_evidence(where["section"], where["lines"]))
        source = ("curated" if "curated" in e["sources"] else
                  "derived" if "derived" in e["sources"] else "document")
        out.append((s, o, rel, source, evidence))
    return out


def build_network(store: "ox.Store") -> "nx.MultiDiGraph":
    """Read the store into a MultiDiGraph: entity nodes and relation edges (key = relation), sorted."""
    import networkx as nx
    nodes = _read_nodes(store)
    _read_budgets(store, nodes)
    sections = _read_sections(store)
    edges = _read_edges(store, nodes)
    departments: dict[str, set[str]] = {}
    for s, o, rel, _, _ in edges:
        if rel == "responsibleOrganization":
            departments.setdefault(s, set()).add(o)
    # departments in id order: views colour them by this list, so every view agrees
    all_departments = sorted(n for n, d in nodes.items() if d["cls"] == "department")
    department_labels = {d: {"ja": nodes[d]["ja"] or d, "en": nodes[d]["en"] or d}
                         for d in all_departments}
    g = nx.MultiDiGraph(sections=sections, all_departments=all_departments,
                        department_labels=department_labels)
    from graphbuild.text import match_key
    for nid in sorted(nodes):
        n = nodes[nid]
        keys = n["keys"] or {match_key(x) for x in (n["ja"], n["en"]) if x}
        depts = [nid] if n["cls"] == "department" else sorted(departments.get(nid, ()))
        g.add_node(nid, cls=n["cls"], iri=n["iri"], label_ja=n["ja"] or n["en"] or nid,
                   label_en=n["en"] or n["ja"] or nid, section=n["section"], lines=n["lines"],
                   number=n["number"], kind=n["kind"], budget_yen=n["budget_yen"],
                   loan_yen=n["loan_yen"], departments=tuple(depts), keys=tuple(sorted(keys)))
    for s, o, rel, source, evidence in edges:
        g.add_edge(s, o, key=rel, relation=rel, source=source, evidence=tuple(evidence))
    return g


# -- views of the network ----------------------------------------------------------------------

def subgraph(g: "nx.MultiDiGraph", nodes: Iterable[str]) -> "nx.MultiDiGraph":
    """Return the induced subgraph on nodes as a new graph with sorted nodes and edges."""
    import networkx as nx
    keep = set(nodes)
    h = nx.MultiDiGraph(**g.graph)
    for n in sorted(keep):
        h.add_node(n, **g.nodes[n])
    for s, o, k, d in sorted(g.edges(keys=True, data=True), key=lambda e: e[:3]):
        if s in keep and o in keep:
            h.add_edge(s, o, key=k, **d)
    return h


def nodes_of_class(g: "nx.MultiDiGraph", *classes: str) -> list[str]:
    """Return the sorted ids of the nodes of the given classes."""
    return sorted(n for n, c in g.nodes(data="cls") if c in classes)


def analysis_graph(g: "nx.MultiDiGraph") -> "nx.Graph":
    """Return the undirected simple graph used for centrality (see NOT_ANALYSED)."""
    import networkx as nx
    h = nx.Graph()
    for n, d in g.nodes(data=True):
        if d["cls"] not in NOT_ANALYSED:
            h.add_node(n, **d)
    for s, o, k in sorted(g.edges(keys=True)):
        if s in h and o in h:
            h.add_edge(s, o)
    return h


def path_graph(g: "nx.MultiDiGraph") -> "nx.Graph":
    """Return the undirected graph used for path search, with a weight per edge (PATH_WEIGHTS)."""
    import networkx as nx
    h = nx.Graph()
    h.add_nodes_from(sorted(g.nodes))
    for s, o, k in sorted(g.edges(keys=True)):
        w = PATH_WEIGHTS.get(k, 1.0)
        if not h.has_edge(s, o) or h[s][o]["weight"] > w:
            h.add_edge(s, o, weight=w)
    return h


def label(g: "nx.MultiDiGraph", n: str, lang: str = "ja") -> str:
    """Return a node's label in lang (falling back to the other language)."""
    d = g.nodes[n]
    return d["label_en"] if lang == "en" else d["label_ja"]


def section_text(g: "nx.MultiDiGraph", section: str | None, lines: str | None,
                 lang: str = "ja") -> str:
    """Describe a source section: material, section id, section title and lines."""
    if section is None:
        return ""
    info = g.graph.get("sections", {}).get(section, {})
    title = info.get("en" if lang == "en" else "ja") or ""
    parts = [p for p in (info.get("material"), section) if p]
    text = " ".join(parts)
    if title:
        text += f" {title}"
    if lines:
        text += f" (l. {lines})" if lang == "en" else f"({lines}行)"
    return text


def evidence_text(g: "nx.MultiDiGraph", evidence: Iterable[dict], lang: str = "ja") -> list[str]:
    """Describe each piece of an edge's evidence in one line."""
    out = []
    evidence = list(evidence)
    # one line per section, its line numbers joined (a program listed five times in a table)
    lines_of: dict[str | None, list[str]] = {}
    for ev in evidence:
        if ev["kind"] == "section":
            lines_of.setdefault(ev["section"], [])
            if ev["lines"] and ev["lines"] not in lines_of[ev["section"]]:
                lines_of[ev["section"]].append(ev["lines"])
    for ev in evidence:
        if ev["kind"] == "section":
            if ev["section"] not in lines_of:
                continue
            joined = ", ".join(lines_of.pop(ev["section"])) or None
            prefix = "source: " if lang == "en" else "出典: "
            out.append(prefix + section_text(g, ev["section"], joined, lang))
        elif ev["kind"] == "curated":
            basis = ev["basis_en"] if lang == "en" else ev["basis_ja"]
            prefix = "curated link: " if lang == "en" else "補足リンクの根拠: "
            out.append(prefix + (basis or ev.get("basis_en") or ev.get("basis_ja") or ev["link"]))
        elif ev["kind"] == "derived":
            rule = ev["rule_en"] if lang == "en" else ev["rule_ja"]
            prefix = "derived: " if lang == "en" else "自動付与: "
            out.append(f"{prefix}「{ev['pattern']}」 in {ev['field']} — {rule or ''}".rstrip(" —"))
    return out


# -- names ------------------------------------------------------------------------------------

class NetworkError(ValueError):
    """A request the network cannot answer as asked (a user error)."""


class NameNotFound(NetworkError):
    """A name that matches no entity, or several."""


def find_node(g: "nx.MultiDiGraph", name: str, classes: Iterable[str] | None = None) -> str:
    """Find the one node a user means: by id, number (projects), or label like the search query.

    The name and the labels are compared with graphbuild.text.match_key (NFKC, katakana to
    hiragana, lower case, no spaces or brackets), on ykg:searchKey (ja label, reading, en label).
    An exact match of a whole label wins over a partial one; several matches are an error.
    """
    import unicodedata

    from graphbuild.text import match_key
    classes = tuple(classes) if classes else tuple(CLASSES)
    pool = [n for n, c in g.nodes(data="cls") if c in classes]
    wanted = " / ".join(CLASSES[c].en.lower() for c in classes if c in CLASSES)
    text = (name or "").strip()
    if not text:
        raise NameNotFound("give a name to look for")
    if text in g and g.nodes[text]["cls"] in classes:
        return text
    plain = unicodedata.normalize("NFKC", text)
    by_local = [n for n in pool if n.rsplit("/", 1)[-1].lower() == text.lower()
                or g.nodes[n]["iri"] == text]
    if len(by_local) == 1 and not plain.isdigit():
        return by_local[0]
    if plain.isdigit():  # a number: Sakigake project 4, area 4, pillar 1 … (④ works too)
        numbered = [n for n in pool if g.nodes[n]["number"] == int(plain)]
        if len(numbered) == 1:
            return numbered[0]
        if numbered:
            listing = "; ".join(f"{n} {g.nodes[n]['label_ja']}" for n in sorted(numbered))
            raise NameNotFound(f"{len(numbered)} entities have the number {plain}: {listing}. "
                               "Give the name or the id (e.g. sakigake/04).")
    key = match_key(text)
    if not key:
        raise NameNotFound(f"nothing left to look for in {name!r} after normalization")
    hits = sorted(n for n in pool if any(key in k for k in g.nodes[n]["keys"]))
    if not hits:
        raise NameNotFound(f"no {wanted} matches {name!r}")
    # The best tier decides: a whole name, then the start of a name, then any part of it.
    exact = [n for n in hits if key in g.nodes[n]["keys"]
             or key in (match_key(g.nodes[n]["label_ja"]), match_key(g.nodes[n]["label_en"]))]
    prefix = [n for n in hits if any(k.startswith(key) for k in g.nodes[n]["keys"])]
    shown = next(tier for tier in (exact, prefix, hits) if tier)
    if len(shown) == 1:
        return shown[0]
    listing = "; ".join(f"{n} {g.nodes[n]['label_ja']}" for n in shown[:12])
    more = f" and {len(shown) - 12} more" if len(shown) > 12 else ""
    raise NameNotFound(f"{len(shown)} entities match {name!r}: {listing}{more}. "
                     "Give more of the name or the id (e.g. program/p0001).")


def shortest_paths(g: "nx.MultiDiGraph", a: str, b: str, k: int = 3) -> list[list[str]]:
    """Return up to k shortest simple paths from a to b (weighted by PATH_WEIGHTS, undirected)."""
    import itertools

    import networkx as nx

    from ykg.view_presets import MAX_K
    if not 1 <= k <= MAX_K:
        raise NetworkError(f"k must be between 1 and {MAX_K}")
    if a == b:
        raise NetworkError("the two names are the same entity")
    h = path_graph(g)
    try:
        return [list(p) for p in itertools.islice(
            nx.shortest_simple_paths(h, a, b, weight="weight"), k)]
    except nx.NetworkXNoPath:
        raise NetworkError(f"{a} and {b} are not connected") from None
