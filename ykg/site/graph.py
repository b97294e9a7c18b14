"""The union graph of a build, indexed for rendering: by subject and object, labels, classes."""
from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from ykg.foundation.constants import RDF_TYPE, RDFS_LABEL, YKG
from ykg.foundation.rdf import curie

from .errors import PublishError
from .negotiation import LOCAL_RE
from .paths import resource_local
from .vocabulary import Vocabulary


def triple_key(t) -> tuple[str, str, str]:
    """Return the sort key of a triple used for every listing of the site."""
    return str(t.subject), str(t.predicate), str(t.object)


class Graph:
    """The union graph of a build, indexed by subject and object, with labels and graph names."""

    def __init__(self, build, vocab: Vocabulary):
        self.base = build.base
        self.vocab = vocab
        self.prefixes = dict(sorted(build.prefixes.items()))
        self._curies: dict[str, str] = {}
        self._prefix_of: dict[str, str | None] = {}
        self.triples: list[ox.Triple] = build.triples()
        # The names of the graphs each triple is in: few distinct sets, each kept once.
        names_of: dict[ox.Triple, frozenset[str]] = {}
        shared: dict[frozenset[str], frozenset[str]] = {}
        for q in build.quads:
            t, name = q.triple, q.graph_name.value.rsplit("/", 1)[-1]
            got = names_of.get(t)
            if got is None or name not in got:
                names = frozenset((name,)) if got is None else got | {name}
                names_of[t] = shared.setdefault(names, names)
        self.out: dict[str, list[ox.Triple]] = defaultdict(list)
        self.inv: dict[str, list[ox.Triple]] = defaultdict(list)
        self.labels: dict[str, dict[str, str]] = defaultdict(dict)
        self.types: dict[str, list[str]] = defaultdict(list)
        # Keyed by the triples of the union graph, so the quads' copies of them can go.
        self.graphs_of: dict[ox.Triple, frozenset[str]] = {}
        for t in self.triples:
            self._index(t)
            self.graphs_of[t] = names_of.pop(t, frozenset())
        del names_of
        iris = set(self.out) | set(self.inv)
        self.resources = sorted(i for i in iris if resource_local(self.base, i) is not None)
        self.local = {i: resource_local(self.base, i) for i in self.resources}
        bad = [i for i in self.resources if not LOCAL_RE.match(self.local[i])]
        if bad:
            raise PublishError("cannot map these IRIs to file names (use [A-Za-z0-9._~-] and '/'): "
                               + ", ".join(bad[:10]))

    def _index(self, t: ox.Triple) -> None:
        s = t.subject.value
        self.out[s].append(t)
        if isinstance(t.object, ox.NamedNode):
            self.inv[t.object.value].append(t)
            if t.predicate.value == RDF_TYPE:
                self.types[s].append(t.object.value)
        elif t.predicate.value == RDFS_LABEL and isinstance(t.object, ox.Literal):
            lang = (t.object.language or "").split("-")[0]
            # Keep the first label in sorted order, so the choice is deterministic.
            self.labels[s].setdefault(lang, t.object.value)

    def label(self, iri: str) -> tuple[str, str]:
        """Return (ja, en) labels of an IRI: its rdfs:label, else the vocabulary's, else ''."""
        got = self.labels.get(iri)
        if got:
            return got.get("ja", ""), got.get("en", "")
        return self.vocab.labels(iri)

    def curie(self, iri: str) -> str:
        """Return the compact form prefix:local of an IRI (the IRI itself without a prefix)."""
        got = self._curies.get(iri)
        if got is None:
            got = self._curies[iri] = curie(iri, self.prefixes)
        return got

    def first(self, iri: str, predicate: str):
        """Return the first object of iri's statements with this predicate, or None."""
        return next((t.object for t in self.out.get(iri, ()) if t.predicate.value == predicate),
                    None)

    def classes(self) -> list[str]:
        """Return every class that has a resource among its instances, sorted."""
        return sorted({c for i in self.resources for c in self.types.get(i, ())})

    def primary_class(self, iri: str) -> str | None:
        """Return the most specific class of a resource, preferring ykg classes."""
        types = sorted(set(self.types.get(iri, ())))
        if not types:
            return None
        supers = set().union(*(self.vocab.superclasses(t) for t in types))
        specific = [t for t in types if t not in supers] or types
        ykg = [t for t in specific if t.startswith(YKG)]
        return (ykg or specific)[0]

    def description(self, iri: str) -> list[ox.Triple]:
        """Return the resource's triples: every triple with it as subject or object, sorted."""
        seen = set(self.out.get(iri, ())) | set(self.inv.get(iri, ()))
        return sorted(seen, key=triple_key)

    def used_prefixes(self, triples) -> dict[str, str]:
        """Return the prefixes (of the build's) that compact some IRI of these triples."""
        iris = set()
        for t in triples:
            iris.add(t.subject.value)
            iris.add(t.predicate.value)
            o = t.object
            iris.add(o.value if isinstance(o, ox.NamedNode) else o.datatype.value
                     if isinstance(o, ox.Literal) else "")
        used = {self.prefix_of(iri) for iri in iris}
        return {p: ns for p, ns in self.prefixes.items() if p in used}

    def prefix_of(self, iri: str) -> str | None:
        """Return the prefix of the build's that compacts an IRI, or None."""
        try:
            return self._prefix_of[iri]
        except KeyError:
            c = self.curie(iri) if iri else iri
            got = self._prefix_of[iri] = c.split(":", 1)[0] if c != iri else None
            return got
