"""The kinds of node and edge of the policy network; their names come from the ontology.

Only what the ontology does not say lives here: which ykg classes become nodes (in order of
precedence), which properties become edges, the sentence `ykg path` writes for each relation,
and which classes the analytics leave out. Labels (rdfs:label @ja/@en of ontology/ykg.ttl) are
read once, on first use, so importing this module costs nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ykg.foundation.constants import RDFS_LABEL, YKG
from ykg.foundation.errors import UserError
from ykg.foundation.paths import ONTOLOGY_FILE
from ykg.foundation.rdf import read_turtle


class OntologyLabelMissing(UserError):
    """The ontology lacks a label the network needs."""


@lru_cache(maxsize=None)
def ontology_labels() -> dict[str, dict[str, str]]:
    """Return {local name: {lang: label}} for every ykg term with an rdfs:label."""
    import pyoxigraph as ox
    out: dict[str, dict[str, str]] = {}
    for t in read_turtle(ONTOLOGY_FILE):
        s = t.subject
        if (isinstance(s, ox.NamedNode) and s.value.startswith(YKG)
                and t.predicate.value == RDFS_LABEL and t.object.language):
            out.setdefault(s.value[len(YKG):], {})[t.object.language] = t.object.value
    return out


def term_label(local: str, lang: str) -> str:
    """Return the ontology's label of ykg:<local> in lang."""
    try:
        return ontology_labels()[local][lang]
    except KeyError:
        raise OntologyLabelMissing(f"{ONTOLOGY_FILE.name} has no @{lang} label of ykg:{local}") \
            from None


@dataclass(frozen=True)
class NodeClass:
    """A kind of node: its key and its ykg class (names in both languages from the ontology)."""

    key: str
    rdf_class: str  # local name in the ykg vocabulary

    @property
    def ja(self) -> str:
        return term_label(self.rdf_class, "ja")

    @property
    def en(self) -> str:
        return term_label(self.rdf_class, "en")

    def name(self, lang: str) -> str:
        return self.en if lang == "en" else self.ja


# Order matters: an entity typed with several of these classes gets the first one.
CLASSES: dict[str, NodeClass] = {c.key: c for c in (
    NodeClass("vision", "Vision"),
    NodeClass("pillar", "Pillar"),
    NodeClass("area", "FutureArea"),
    NodeClass("policy-area", "PolicyArea"),
    NodeClass("initiative", "Initiative"),
    NodeClass("goal", "Goal"),
    NodeClass("measure", "Measure"),
    NodeClass("project", "SakigakeProject"),
    NodeClass("program", "Program"),
    NodeClass("department", "Department"),
    NodeClass("technology", "Technology"),
    NodeClass("strategy-goal", "StrategyBasicGoal"),
    NodeClass("strategy-pillar", "StrategyPillar"),
    NodeClass("strategy-measure", "StrategyMeasure"),
    NodeClass("strategy-action", "StrategyAction"),
)}


@dataclass(frozen=True)
class Relation:
    """A kind of edge (a ykg property) with a sentence template for `ykg path`."""

    key: str     # local name of the ykg property
    say_ja: str  # {s} and {o} are the subject's and the object's labels
    say_en: str

    @property
    def ja(self) -> str:
        return term_label(self.key, "ja")

    @property
    def en(self) -> str:
        return term_label(self.key, "en")

    def name(self, lang: str) -> str:
        return self.en if lang == "en" else self.ja

    def say(self, lang: str) -> str:
        return self.say_en if lang == "en" else self.say_ja


RELATIONS: dict[str, Relation] = {r.key: r for r in (
    Relation("hasPillar", "{s} の施策の柱は「{o}」", "{s} has the pillar {o}"),
    Relation("hasFutureArea", "{s} の将来像の分野は「{o}」", "{s} covers the future area {o}"),
    Relation("pillar", "{s} は施策の柱「{o}」の取組事項", "{s} is an initiative under the pillar {o}"),
    Relation("parentInitiative", "{s} は取組「{o}」の一部", "{s} is part of the initiative {o}"),
    Relation("carriedOutBy", "{s} は「{o}」で実施される", "{s} is carried out by {o}"),
    Relation("inArea", "{s} は分野「{o}」に属する", "{s} belongs to the future area {o}"),
    Relation("policyArea", "{s} は区分「{o}」の目標", "{s} is a goal of the policy area {o}"),
    Relation("measureOf", "{s} は目標「{o}」の対応策", "{s} is a measure for the goal {o}"),
    Relation("servesGoal", "{s} は目標「{o}」に資する", "{s} serves the goal {o}"),
    Relation("implementsMeasure", "{s} は対応策「{o}」を実施する",
             "{s} implements the measure {o}"),
    Relation("responsibleOrganization", "{s} は{o}の所管", "{s} is run by {o}"),
    Relation("parentProgram", "{s} は「{o}」の内訳事業", "{s} is a sub-program of {o}"),
    Relation("hasComponentProgram", "{s} は「{o}」を構成事業とする",
             "{s} includes the program {o}"),
    Relation("servesPillar", "{s} は施策の柱「{o}」に貢献する", "{s} serves the pillar {o}"),
    Relation("contributesToGoal", "{s} は目標「{o}」に貢献する", "{s} contributes to the goal {o}"),
    Relation("mentionsTechnology", "{s} はデジタル技術「{o}」に言及する",
             "{s} mentions the technology {o}"),
    Relation("realizedBy", "{s} は「{o}」で具体化される", "{s} is realized by {o}"),
    Relation("strategyMeasure", "{s} は施策展開「{o}」の具体的取組",
             "{s} is an action of the strategy measure {o}"),
    Relation("strategyPillar", "{s} は施策の柱「{o}」の施策展開",
             "{s} is a measure under the strategy pillar {o}"),
    Relation("basicGoal", "{s} は基本目標「{o}」の施策の柱", "{s} is a pillar of the basic goal {o}"),
)}

# Relations of the plan that the vision's edges are read from (see read._vision_rows).
VISION_RELATIONS = ("hasPillar", "hasFutureArea")
# Relations read directly as triples. A goal's ykg:inArea repeats what its policy area says and a
# program's ykg:inFutureArea what its goals say: both are left out, like the hubs, so that they
# do not double paths.
DIRECT = tuple(k for k in RELATIONS if k not in VISION_RELATIONS)

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
