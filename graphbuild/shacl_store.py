"""The store the compiled shapes run on: the data, the ontology, what RDFS entails; the results.

pySHACL validates with inference="rdfs" over the data and the ontology mixed: the same
entailments are added here (sub-property values, domain and range types, super-class types) into
a graph of their own, so that the data's labels stay apart for the report.
"""
from __future__ import annotations

from .shacl_sparql import INFERRED, ONTOLOGY, RDFS, Check

def rdfs_closure(ontology) -> tuple[dict, dict, dict, dict]:
    """Return the super-properties, domains, ranges and super-classes the ontology declares."""
    sub_prop: dict[str, set[str]] = {}
    sub_class: dict[str, set[str]] = {}
    domains: dict[str, set[str]] = {}
    ranges: dict[str, set[str]] = {}
    for t in ontology:
        p = t.predicate.value
        if type(t.subject).__name__ != "NamedNode" or type(t.object).__name__ != "NamedNode":
            continue
        s, o = t.subject.value, t.object.value
        if p == RDFS + "subPropertyOf":
            sub_prop.setdefault(s, set()).add(o)
        elif p == RDFS + "subClassOf":
            sub_class.setdefault(s, set()).add(o)
        elif p == RDFS + "domain":
            domains.setdefault(s, set()).add(o)
        elif p == RDFS + "range":
            ranges.setdefault(s, set()).add(o)
    return _transitive(sub_prop), domains, ranges, _transitive(sub_class)


def _transitive(edges: dict[str, set[str]]) -> dict[str, set[str]]:
    out = {}
    for start in edges:
        seen, todo = set(), list(edges[start])
        while todo:
            x = todo.pop()
            if x not in seen:
                seen.add(x)
                todo.extend(edges.get(x, ()))
        seen.discard(start)
        out[start] = seen
    return out


def entail(store, ontology) -> None:
    """Add to the inferred graph what RDFS entails (sub-properties, domains, ranges, classes)."""
    sub_prop, domains, ranges, sub_class = rdfs_closure(ontology)
    into = f"GRAPH <{INFERRED}>"
    for p, supers in sorted(sub_prop.items()):
        for q in sorted(supers):
            store.update(f"INSERT {{ {into} {{ ?s <{q}> ?o }} }} "
                         f"WHERE {{ GRAPH ?g {{ ?s <{p}> ?o }} }}")
    for p, classes in sorted(domains.items()):
        for c in sorted(classes):
            store.update(f"INSERT {{ {into} {{ ?s a <{c}> }} }} "
                         f"WHERE {{ GRAPH ?g {{ ?s <{p}> ?o }} }}")
    for p, classes in sorted(ranges.items()):
        for c in sorted(classes):
            store.update(f"INSERT {{ {into} {{ ?o a <{c}> }} }} "
                         f"WHERE {{ GRAPH ?g {{ ?s <{p}> ?o }} FILTER(!isLiteral(?o)) }}")
    for c, supers in sorted(sub_class.items()):
        for d in sorted(supers):
            store.update(f"INSERT {{ {into} {{ ?s a <{d}> }} }} "
                         f"WHERE {{ GRAPH ?g {{ ?s a <{c}> }} }}")


def prepare_store(data, ontology):
    """Return a store of the data (quads, N-Quads text or a store), the ontology, the entailed."""
    import pyoxigraph as ox
    if isinstance(data, ox.Store):
        store = data
    else:
        store = ox.Store()
        if isinstance(data, bytes):
            store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        else:
            store.bulk_extend(data)
    onto = ox.NamedNode(ONTOLOGY)
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, onto) for t in ontology)
    entail(store, ontology)
    return store


def run_checks(store, checks: list[Check]) -> list[tuple[Check, object, object]]:
    """Return (check, focus, value) of every result of every check."""
    out = []
    for check in checks:
        for row in store.query(check.query, use_default_graph_as_union=True):
            out.append((check, row["this"], row["value"] if "value" in check.query
                        and row["value"] is not None else None))
    return out


def ja_label(store, focus) -> str:
    """Return the smallest Japanese label of a node in the data (not the ontology's or entailed)."""
    import pyoxigraph as ox
    names = [q.object.value for q in store.quads_for_pattern(focus, ox.NamedNode(RDFS + "label"),
                                                             None)
             if getattr(q.graph_name, "value", "") not in (ONTOLOGY, INFERRED)
             and isinstance(q.object, ox.Literal) and q.object.language == "ja"]
    return min(names) if names else ""
