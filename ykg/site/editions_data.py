"""What the site says about editions: the DCAT versions (editions.ttl) and the explorer's data.

The versions: the dataset `dcat:hasVersion` each edition, `dcat:hasCurrentVersion` this one;
each edition is a dcat:Dataset with its `dcat:version`, its `dcat:previousVersion` (and
`prov:wasRevisionOf`) and its distributions; the earlier editions' dumps are kept under
editions/<version>/ of the site.
"""
from __future__ import annotations

from pathlib import Path

from ykg.diff import Diff
from ykg.diff.changeset import version_iri
from ykg.foundation.constants import PREFIXES, RDF_TYPE
from ykg.network import build_network

from .paths import slug

DCAT, PROV, DCT = PREFIXES["dcat"], PREFIXES["prov"], PREFIXES["dcterms"]
MEDIA = {".trig": "application/trig", ".ttl": "text/turtle", ".gz": "application/gzip",
         ".jsonld": "application/ld+json", ".nq": "application/n-quads"}
# The dataset-level statements an edition replaces (its successor states them anew).
CURRENT = (DCAT + "hasCurrentVersion", DCAT + "version")


def version_quads(diff: Diff, site_url: str, kept: dict[str, list[Path]], earlier: list) -> list:
    """Return the DCAT description of the editions: this one, the previous and earlier ones.

    kept: {version: [dump files kept under editions/<version>/]}; earlier: the statements of
    the previous site's own editions.ttl (its history), carried over.
    """
    import pyoxigraph as ox
    n, base = ox.NamedNode, diff.new.base
    dataset = n(f"{base}/dataset/ykg")
    new, old = n(version_iri(base, diff.new_version)), n(version_iri(base, diff.old_version))
    t = [q.triple for q in earlier if not (q.subject == dataset and q.predicate.value in CURRENT)]
    t += [ox.Triple(dataset, n(DCAT + "hasCurrentVersion"), new),
          ox.Triple(dataset, n(DCAT + "version"), ox.Literal(diff.new_version)),
          ox.Triple(new, n(DCAT + "previousVersion"), old),
          ox.Triple(new, n(PROV + "wasRevisionOf"), old)]
    for iri, version in ((new, diff.new_version), (old, diff.old_version)):
        t += [ox.Triple(dataset, n(DCAT + "hasVersion"), iri),
              ox.Triple(iri, n(RDF_TYPE), n(DCAT + "Dataset")),
              ox.Triple(iri, n(DCAT + "version"), ox.Literal(version)),
              ox.Triple(iri, n(DCAT + "isVersionOf"), dataset)]
    for version, files in sorted(kept.items()):
        iri = n(version_iri(base, version))
        for f in files:
            dist = n(f"{iri.value}/distribution/{f.name}")
            url = n(f"{site_url}/editions/{slug(version)}/{f.name}")
            t += [ox.Triple(iri, n(DCAT + "distribution"), dist),
                  ox.Triple(dist, n(RDF_TYPE), n(DCAT + "Distribution")),
                  ox.Triple(dist, n(DCAT + "downloadURL"), url),
                  ox.Triple(dist, n(DCAT + "accessURL"), url),
                  ox.Triple(dist, n(DCT + "title"), ox.Literal(f"{f.name} ({version})")),
                  ox.Triple(dist, n(DCAT + "mediaType"), n(
                      "https://www.iana.org/assignments/media-types/" + MEDIA.get(f.suffix, "application/octet-stream")))]
    return sorted(set(t), key=str)


def explorer_data(diff: Diff, new_net=None) -> dict:
    """Return what the explorer colours: each node's change, removed nodes, budget deltas."""
    from ykg.store import store_from_build
    old_net = build_network(store_from_build(diff.old))
    new_net = new_net if new_net is not None else build_network(store_from_build(diff.new))
    named = diff.entities()
    status = {n: ("added" if n not in old_net else named.get(n, "")) for n in new_net}
    removed = [{"id": n, "cls": d["cls"], "ja": d["label_ja"], "en": d["label_en"],
                "near": sorted(m for m in set(old_net.successors(n)) | set(old_net.predecessors(n))
                               if m in new_net)}
               for n, d in sorted(old_net.nodes(data=True)) if n not in new_net]
    notes: dict[str, list[str]] = {}
    for r in diff.rows:
        if r.change not in ("version", "added", "removed"):
            notes.setdefault(f"{r.kind}/{r.id}", []).append(
                f"{r.property}: {r.old or '—'} → {r.new or '—'}")
    budgets = {"project": [], "department": []}
    for r in diff.rows:
        if r.change == "budget" and r.kind in ("sakigake", "org"):
            key = f"{r.kind}/{r.id}"
            node = new_net.nodes[key] if key in new_net else {}
            budgets["project" if r.kind == "sakigake" else "department"].append(
                {"id": key, "ja": r.label_ja, "en": node.get("label_en", ""), "measure": r.property,
                 "old": float(r.old or 0), "new": float(r.new or 0)})
    return {"old": diff.old_version, "new": diff.new_version,
            "status": {k: v for k, v in sorted(status.items()) if v},
            "removed": removed, "notes": notes, "budgets": budgets}
