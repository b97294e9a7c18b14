"""The policy's hierarchy as the home page shows it: four trees read from the graph by SPARQL."""
from __future__ import annotations

from collections import defaultdict

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


def pillars(site: SiteContext, link) -> dict:
    """Vision -> pillars -> initiatives (their sub-initiatives and the programs carrying them out)."""
    visions = site.select("SELECT ?v WHERE { ?v a ykg:Vision } ORDER BY ?v")
    rows = ordered(site.select(
        "SELECT ?p ?n WHERE { ?p a ykg:Pillar . OPTIONAL { ?p ykg:number ?n } }"), "p")
    inits = site.select("SELECT ?i ?p ?parent ?o WHERE { ?i a ykg:Initiative ; ykg:pillar ?p . "
                        "OPTIONAL { ?i ykg:parentInitiative ?parent } OPTIONAL { ?i ykg:order ?o } }")
    carried = grouped(site, "SELECT ?i ?prog WHERE { ?i ykg:carriedOutBy ?prog } ORDER BY ?i ?prog",
                      "i", "prog")
    tree = []
    for p in rows:
        kids = ordered([r for r in inits if r["p"] == p["p"] and not r["parent"]], "i", "o")
        tree.append({"link": link(p["p"]), "children": [
            {"link": link(i["i"]),
             "subs": [link(s["i"]) for s in ordered(
                 [r for r in inits if r["parent"] == i["i"]], "i", "o")],
             "programs": [link(x) for x in carried.get(i["i"], ())]} for i in kids]})
    return {"visions": [link(v["v"]) for v in visions], "pillars": tree}


def areas(site: SiteContext, link) -> list[dict]:
    """Future areas -> policy areas -> goals -> the programs serving each goal."""
    rows = ordered(site.select(
        "SELECT ?a ?n WHERE { ?a a ykg:FutureArea . OPTIONAL { ?a ykg:number ?n } }"), "a")
    pas = site.select("SELECT ?pa ?a ?o WHERE { ?pa a ykg:PolicyArea ; ykg:inArea ?a . "
                      "OPTIONAL { ?pa ykg:order ?o } }")
    goals = site.select("SELECT ?g ?pa ?o WHERE { ?g a ykg:Goal ; ykg:policyArea ?pa . "
                        "OPTIONAL { ?g ykg:order ?o } }")
    serves = grouped(site, "SELECT DISTINCT ?g ?p WHERE { ?p ykg:servesGoal ?g } ORDER BY ?g ?p",
                     "g", "p")
    return [{"link": link(a["a"]), "children": [
        {"link": link(pa["pa"]), "goals": [
            (link(g["g"]), [link(x) for x in serves.get(g["g"], ())])
            for g in ordered([r for r in goals if r["pa"] == pa["pa"]], "g", "o")]}
        for pa in ordered([r for r in pas if r["a"] == a["a"]], "pa", "o")]} for a in rows]


def sakigake(site: SiteContext, link) -> list[tuple]:
    """The Digital Sakigake projects, in their order, with their component programs."""
    rows = ordered(site.select(
        "SELECT ?s ?n WHERE { ?s a ykg:SakigakeProject . OPTIONAL { ?s ykg:number ?n } }"), "s")
    comps = grouped(site, "SELECT ?s ?p WHERE { ?s ykg:hasComponentProgram ?p } ORDER BY ?s ?p",
                    "s", "p")
    return [(link(s["s"]), [link(x) for x in comps.get(s["s"], ())]) for s in rows]


def departments(site: SiteContext, link) -> list[tuple]:
    """The departments with the programs they are responsible for."""
    rows = site.select("SELECT ?d WHERE { ?d a ykg:Department } ORDER BY ?d")
    owned = grouped(site, "SELECT ?d ?p WHERE { ?p a ykg:Program ; ykg:responsibleOrganization ?d }"
                          " ORDER BY ?d ?p", "d", "p")
    return [(link(d["d"]), [link(x) for x in owned.get(d["d"], ())]) for d in rows]


def hierarchy(site: SiteContext, path: str) -> dict:
    """Return the four trees of the home page, each node a link from the page at path."""
    def link(iri):
        return site.link(path, iri)
    return {**pillars(site, link), "areas": areas(site, link), "sakigake": sakigake(site, link),
            "departments": departments(site, link)}
