"""The ontology as the site shows it: its terms, their labels and axioms, and other vocabularies' labels."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ykg.foundation.constants import PREFIXES, RDF_TYPE, RDFS_LABEL, YKG
from ykg.foundation.paths import ONTOLOGY_DIR
from ykg.foundation.rdf import read_turtle

RDFS, OWL, SKOS = PREFIXES["rdfs"], PREFIXES["owl"], PREFIXES["skos"]

# Labels of the terms of other vocabularies that the graph uses (ykg terms come from ykg.ttl).
EXTERNAL_LABELS_FILE = ONTOLOGY_DIR / "external-labels.ttl"
KINDS = {OWL + "Class": "class", OWL + "ObjectProperty": "object property",
         OWL + "DatatypeProperty": "datatype property",
         OWL + "AnnotationProperty": "annotation property", RDFS + "Class": "class"}
# Axioms shown on the ontology page, by the name they are shown under.
AXIOMS = {RDFS + "subClassOf": "subClassOf", RDFS + "subPropertyOf": "subPropertyOf",
          RDFS + "domain": "domain", RDFS + "range": "range", OWL + "inverseOf": "inverseOf",
          OWL + "equivalentClass": "equivalentClass",
          OWL + "equivalentProperty": "equivalentProperty", SKOS + "closeMatch": "closeMatch",
          SKOS + "exactMatch": "exactMatch", SKOS + "broadMatch": "broadMatch",
          SKOS + "relatedMatch": "relatedMatch"}


@dataclass
class Term:
    """A vocabulary term of the ontology: labels, comments and axioms."""

    iri: str
    kind: str  # class, object property, datatype property, annotation property
    label_ja: str = ""
    label_en: str = ""
    comments: list[tuple[str, str]] = field(default_factory=list)
    axioms: list[tuple[str, str]] = field(default_factory=list)  # (predicate IRI, object IRI)


class Vocabulary:
    """The ontology file: its terms, labels and axioms."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.triples = sorted(read_turtle(self.path),
                              key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        self.terms: dict[str, Term] = {}
        self.ontology_iri = ""
        for t in self.triples:
            if t.predicate.value != RDF_TYPE or not isinstance(t.subject, ox.NamedNode):
                continue
            if t.object.value in KINDS and t.subject.value.startswith(YKG):
                # Declarations of reused terms (foaf:Agent, org:Post, …) are not ykg terms.
                self.terms.setdefault(t.subject.value, Term(t.subject.value, KINDS[t.object.value]))
            elif t.object.value == OWL + "Ontology":
                self.ontology_iri = t.subject.value
        self.meta = [t for t in self.triples if isinstance(t.subject, ox.NamedNode)
                     and t.subject.value == self.ontology_iri]
        for t in self.triples:
            term = self.terms.get(t.subject.value) if isinstance(t.subject, ox.NamedNode) else None
            if term is not None:
                _describe(term, t.predicate.value, t.object)
        self.external = external_labels(EXTERNAL_LABELS_FILE)

    def labels(self, iri: str) -> tuple[str, str]:
        """Return the (ja, en) labels of a term, from the ontology or the other vocabularies."""
        term = self.terms.get(iri)
        if term and (term.label_ja or term.label_en):
            return term.label_ja, term.label_en
        return self.external.get(iri, ("", ""))

    def superclasses(self, iri: str) -> set[str]:
        """Return every class iri is a subclass of (transitively), per the ontology."""
        seen, todo = set(), [iri]
        while todo:
            term = self.terms.get(todo.pop())
            for p, o in (term.axioms if term else ()):
                if p == RDFS + "subClassOf" and o not in seen:
                    seen.add(o)
                    todo.append(o)
        return seen


def _describe(term: Term, p: str, o) -> None:
    """Add one statement of the ontology to the term it describes."""
    if p == RDFS_LABEL and isinstance(o, ox.Literal):
        if o.language == "ja":
            term.label_ja = o.value
        elif o.language == "en":
            term.label_en = o.value
    elif p in (RDFS + "comment", SKOS + "definition") and isinstance(o, ox.Literal):
        term.comments.append((o.language or "", o.value))
    elif p in AXIOMS and isinstance(o, ox.NamedNode):
        term.axioms.append((p, o.value))


def external_labels(path: Path) -> dict[str, tuple[str, str]]:
    """Return the (ja, en) labels of other vocabularies' terms, as external-labels.ttl gives them."""
    found: dict[str, Term] = {}
    for t in read_turtle(path):
        _describe(found.setdefault(t.subject.value, Term(t.subject.value, "")), t.predicate.value,
                  t.object)
    return {iri: (term.label_ja, term.label_en) for iri, term in found.items()}
