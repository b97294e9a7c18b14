"""The graph read as entities: each IRI under {base}/id/ with its properties and their values."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ykg.foundation.constants import DERIVED, DESCRIPTION, PREFIXES, RDFS_LABEL
from ykg.foundation.rdf import curie

# Graphs a diff leaves out by default: tags, readings and search keys follow from the labels and
# the keywords by rule; the description's counts follow from everything else.
RULE_GRAPHS = (DERIVED, DESCRIPTION)
# Parts of a program that the budget rows report (funding lines and their amounts).
BUDGET_KINDS = ("funding", "amount")
LABELS = {RDFS_LABEL, PREFIXES["skos"] + "prefLabel", PREFIXES["skos"] + "altLabel",
          PREFIXES["foaf"] + "name", PREFIXES["dcterms"] + "title"}


@dataclass
class Entity:
    """One resource: its kind and id (the IRI path after /id/), its values by (predicate, lang)."""

    iri: str
    kind: str
    id: str
    values: dict = field(default_factory=lambda: defaultdict(set))

    def label(self, lang: str = "ja") -> str:
        """Return the entity's label in lang ('' when it has none)."""
        return min((t.value for t in self.values.get((RDFS_LABEL, lang), ())), default="")


def local_of(base: str, iri: str) -> str | None:
    """Return kind/id of an IRI under {base}/id/, else None."""
    prefix = base + "/id/"
    return iri[len(prefix):] if iri.startswith(prefix) and len(iri) > len(prefix) else None


def entities_of(quads, base: str, graphs_left_out=RULE_GRAPHS) -> dict[str, Entity]:
    """Return the entities of the quads by IRI, the statements of graphs_left_out ignored."""
    skip = {f"{base}/graph/{g}" for g in graphs_left_out}
    out: dict[str, Entity] = {}
    for q in quads:
        if getattr(q.graph_name, "value", None) in skip:
            continue
        local = local_of(base, q.subject.value)
        if local is None:
            continue
        ent = out.get(q.subject.value)
        if ent is None:
            kind, _, ident = local.partition("/")
            ent = out[q.subject.value] = Entity(q.subject.value, kind, ident)
        ent.values[(q.predicate.value, getattr(q.object, "language", None) or "")].add(q.object)
    return out


def show(term, base: str) -> str:
    """Return a value as a diff prints it: kind/id, a CURIE, or a literal's text."""
    if type(term).__name__ == "NamedNode":
        return local_of(base, term.value) or curie(term.value, PREFIXES)
    text = term.value
    datatype = getattr(term, "datatype", None)
    if datatype is not None and datatype.value.endswith("#decimal") and text.endswith(".0"):
        return text[:-2]  # 20000.0 as printed: 20000
    return text


def property_name(predicate: str, lang: str) -> str:
    """Return the CURIE of a predicate, with @lang for language-tagged values."""
    name = curie(predicate, PREFIXES)
    return f"{name}@{lang}" if lang else name


def is_label(predicate: str) -> bool:
    """Return whether a predicate names the thing (its label, title or name)."""
    return predicate in LABELS
