"""The changeset of a diff in TriG: PROV between the two versions, one graph of statements removed
from and one of statements added to each named graph, and applying it to the old edition.

    <…/dataset/ykg/version/NEW> prov:wasRevisionOf <…/dataset/ykg/version/OLD> ;
        prov:wasGeneratedBy <…/dataset/ykg/changes/OLD/NEW> .
    <…/changes/OLD/NEW/removed/document> prov:wasInvalidatedBy <…/changes/OLD/NEW> ;
        prov:specializationOf <…/graph/document> .     # statements the revision took away
    <…/changes/OLD/NEW/added/document> prov:wasGeneratedBy <…/changes/OLD/NEW> ;
        prov:specializationOf <…/graph/document> .     # statements it added

Every graph is compared, the derived and dataset graphs too, so old + changeset = new exactly.
"""
from __future__ import annotations

from urllib.parse import quote

from ykg.foundation.constants import PREFIXES, RDF_TYPE, RDFS_LABEL
from ykg.foundation.errors import UserError

from .compare import Diff

PROV = PREFIXES["prov"]
DCAT = PREFIXES["dcat"]
DEFAULT = "default"  # the name of the default graph's delta graphs


def version_iri(base: str, version: str) -> str:
    """Return the IRI of one version of the dataset."""
    return f"{base}/dataset/ykg/version/{quote(version, safe='+.-_')}"


def changes_iri(diff: Diff) -> str:
    """Return the IRI of the revision from the old version to the new."""
    return (f"{diff.new.base}/dataset/ykg/changes/{quote(diff.old_version, safe='+.-_')}/"
            f"{quote(diff.new_version, safe='+.-_')}")


def _graph_key(q) -> str:
    return getattr(q.graph_name, "value", "") or ""


def _provenance(diff: Diff, deltas: dict) -> list:
    import pyoxigraph as ox
    n = ox.NamedNode
    old, new = n(version_iri(diff.new.base, diff.old_version)), n(version_iri(diff.new.base, diff.new_version))
    act = n(changes_iri(diff))
    dataset = n(f"{diff.new.base}/dataset/ykg")
    t = [(new, n(RDF_TYPE), n(DCAT + "Dataset")), (old, n(RDF_TYPE), n(DCAT + "Dataset")),
         (new, n(RDF_TYPE), n(PROV + "Entity")), (old, n(RDF_TYPE), n(PROV + "Entity")),
         (new, n(DCAT + "version"), ox.Literal(diff.new_version)),
         (old, n(DCAT + "version"), ox.Literal(diff.old_version)),
         (new, n(PROV + "wasRevisionOf"), old), (new, n(DCAT + "previousVersion"), old),
         (new, n(DCAT + "isVersionOf"), dataset), (old, n(DCAT + "isVersionOf"), dataset),
         (new, n(PROV + "wasGeneratedBy"), act), (act, n(RDF_TYPE), n(PROV + "Activity")),
         (act, n(PROV + "used"), old),
         (act, n(RDFS_LABEL), ox.Literal(f"{diff.old_version} → {diff.new_version}"))]
    for (kind, graph), _ in sorted(deltas.items()):
        g = n(f"{act.value}/{kind}/{graph.rsplit('/', 1)[-1] if graph else DEFAULT}")
        t.append((g, n(RDF_TYPE), n(PROV + "Entity")))
        t.append((g, n(PROV + ("wasInvalidatedBy" if kind == "removed" else "wasGeneratedBy")), act))
        if graph:
            t.append((g, n(PROV + "specializationOf"), n(graph)))
    return [ox.Quad(s, p, o, ox.DefaultGraph()) for s, p, o in t]


def changeset_trig(diff: Diff) -> bytes:
    """Return the changeset from the old edition to the new as TriG (sorted, deterministic)."""
    import pyoxigraph as ox
    old, new = set(diff.old.quads), set(diff.new.quads)
    deltas: dict = {}
    for kind, quads in (("removed", old - new), ("added", new - old)):
        for q in quads:
            deltas.setdefault((kind, _graph_key(q)), []).append(q)
    act = changes_iri(diff)
    out = _provenance(diff, deltas)
    for (kind, graph), quads in sorted(deltas.items()):
        g = ox.NamedNode(f"{act}/{kind}/{graph.rsplit('/', 1)[-1] if graph else DEFAULT}")
        out += [ox.Quad(q.subject, q.predicate, q.object, g) for q in quads]
    out.sort(key=lambda q: (str(q.graph_name) if not isinstance(q.graph_name, ox.DefaultGraph)
                            else "", str(q.subject), str(q.predicate), str(q.object)))
    prefixes = {k: PREFIXES[k] for k in ("prov", "dcat", "rdfs", "rdf", "xsd", "ykg") if k in PREFIXES}
    return ox.serialize(out, format=ox.RdfFormat.TRIG, prefixes=prefixes)


def apply_changeset(quads, changeset: bytes) -> list:
    """Return quads with a changeset applied: its removed statements taken out, its added put in."""
    import pyoxigraph as ox
    try:
        cs = list(ox.parse(changeset, format=ox.RdfFormat.TRIG))
    except (SyntaxError, ValueError) as exc:
        raise UserError(f"cannot read the changeset: {exc}") from None
    meta = [q for q in cs if isinstance(q.graph_name, ox.DefaultGraph)]
    removing = {q.subject.value for q in meta if q.predicate.value == PROV + "wasInvalidatedBy"}
    adding = {q.subject.value for q in meta if q.predicate.value == PROV + "wasGeneratedBy"
              and q.subject.value.rsplit("/", 2)[-2] == "added"}
    target = {q.subject.value: q.object for q in meta
              if q.predicate.value == PROV + "specializationOf"}
    result = set(quads)
    for q in cs:
        g = getattr(q.graph_name, "value", None)
        if g in removing or g in adding:
            into = ox.Quad(q.subject, q.predicate, q.object, target.get(g, ox.DefaultGraph()))
            (result.discard if g in removing else result.add)(into)
    return sorted(result, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate),
                                         str(q.object)))
