"""The policy's hierarchy as the home and plan pages show it: four trees read from the graph by SPARQL.

The rows are read once for every plan (each top node with its ykg:inPlanSet); a page takes the
trees of one plan, so a site of many plans costs the queries of one.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .context import SiteContext


def ordered(rows: list[dict], key: str, number: str = "n") -> list[dict]:
    """Sort rows by their number (those without one last), then by IRI."""
    def k(r):
        n = r.get(number)
        return (0 if n is not None else 1, float(n) if n is not None else 0, r[key])
    return sorted(rows, key=k)


def grouped(site: SiteContext, query: str, key: str, member: str) -> dict[str, list[str]]:
    """Return the members of each key from a SELECT's rows, in the query's order."""
    out = defaultdict(list)
    for r in site.select(query):
        out[r[key]].append(r[member])
    return out


def _tops(site: SiteContext, cls: str, number: bool = True) -> list[dict]:
    """Return the instances of a top class with their plan (and number), in the page's order."""
    n = " OPTIONAL { ?x ykg:number ?n }" if number else ""
    rows = site.select(f"SELECT ?x ?plan ?n WHERE {{ ?x a ykg:{cls} . "
                       f"OPTIONAL {{ ?x ykg:inPlanSet ?plan }}{n} }}")
    return ordered(rows, "x")


@dataclass
class Hierarchy:
    """The rows of the four trees of every plan: top nodes (with their plan) and their members."""

    visions: list[dict]
    pillars: list[dict]
    initiatives: list[dict]
    carried: dict[str, list[str]]
    areas: list[dict]
    policy_areas: list[dict]
    goals: list[dict]
    serves: dict[str, list[str]]
    sakigake: list[dict]
    components: dict[str, list[str]]
    departments: list[dict]
    owned: dict[str, list[str]]

    def plans(self) -> list[str]:
        """Return the plans that own a top node, sorted (no plan: the empty string)."""
        tops = self.visions + self.pillars + self.areas + self.sakigake + self.departments
        return sorted({r.get("plan") or "" for r in tops})


def read_hierarchy(site: SiteContext) -> Hierarchy:
    """Run the queries of the trees over the whole graph, once."""
    return Hierarchy(
        visions=_tops(site, "Vision", number=False),
        pillars=_tops(site, "Pillar"),
        initiatives=site.select(
            "SELECT ?i ?p ?parent ?o WHERE { ?i a ykg:Initiative ; ykg:pillar ?p . "
            "OPTIONAL { ?i ykg:parentInitiative ?parent } OPTIONAL { ?i ykg:order ?o } }"),
        carried=grouped(site, "SELECT ?i ?prog WHERE { ?i ykg:carriedOutBy ?prog } ORDER BY ?i ?prog",
                        "i", "prog"),
        areas=_tops(site, "FutureArea"),
        policy_areas=site.select("SELECT ?pa ?a ?o WHERE { ?pa a ykg:PolicyArea ; ykg:inArea ?a . "
                                 "OPTIONAL { ?pa ykg:order ?o } }"),
        goals=site.select("SELECT ?g ?pa ?o WHERE { ?g a ykg:Goal ; ykg:policyArea ?pa . "
                          "OPTIONAL { ?g ykg:order ?o } }"),
        serves=grouped(site, "SELECT DISTINCT ?g ?p WHERE { ?p ykg:servesGoal ?g } ORDER BY ?g ?p",
                       "g", "p"),
        sakigake=_tops(site, "SakigakeProject"),
        components=grouped(site, "SELECT ?s ?p WHERE { ?s ykg:hasComponentProgram ?p } "
                                 "ORDER BY ?s ?p", "s", "p"),
        departments=_tops(site, "Department", number=False),
        owned=grouped(site, "SELECT ?d ?p WHERE { ?p a ykg:Program ; ykg:responsibleOrganization ?d }"
                            " ORDER BY ?d ?p", "d", "p"))


def _children(rows: list[dict], key: str, parent: str) -> dict[str, list[dict]]:
    """Group rows by their parent, each group in the page's order."""
    out = defaultdict(list)
    for r in rows:
        out[r[parent]].append(r)
    return {k: ordered(v, key, "o") for k, v in out.items()}


def trees(h: Hierarchy, link, plan: str | None = None) -> dict:
    """Return the four trees of one plan (every plan when None), each node a link."""
    def mine(rows):
        return [r for r in rows if plan is None or (r.get("plan") or "") == plan]
    tops_inits = _children([r for r in h.initiatives if not r["parent"]], "i", "p")
    subs = _children([r for r in h.initiatives if r["parent"]], "i", "parent")
    pas = _children(h.policy_areas, "pa", "a")
    goals = _children(h.goals, "g", "pa")
    pillars = [{"link": link(p["x"]), "children": [
        {"link": link(i["i"]), "subs": [link(s["i"]) for s in subs.get(i["i"], ())],
         "programs": [link(x) for x in h.carried.get(i["i"], ())]}
        for i in tops_inits.get(p["x"], ())]} for p in mine(h.pillars)]
    areas = [{"link": link(a["x"]), "children": [
        {"link": link(pa["pa"]), "goals": [
            (link(g["g"]), [link(x) for x in h.serves.get(g["g"], ())])
            for g in goals.get(pa["pa"], ())]}
        for pa in pas.get(a["x"], ())]} for a in mine(h.areas)]
    return {"visions": [link(v["x"]) for v in mine(h.visions)], "pillars": pillars, "areas": areas,
            "sakigake": [(link(s["x"]), [link(x) for x in h.components.get(s["x"], ())])
                         for s in mine(h.sakigake)],
            "departments": [(link(d["x"]), [link(x) for x in h.owned.get(d["x"], ())])
                            for d in mine(h.departments)]}


def hierarchy(site: SiteContext, path: str, h: Hierarchy, plan: str | None = None) -> dict:
    """Return the four trees of a page at path (of one plan, or all), each node a link from it."""
    def link(iri):
        return site.link(path, iri)
    return trees(h, link, plan)
