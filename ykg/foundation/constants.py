"""Names the whole product agrees on: version, base IRI, namespaces, named graphs, licence."""
from __future__ import annotations

from dataclasses import dataclass

# The one place the version is written; pyproject.toml reads it from here.
VERSION = "0.1.0"
DEFAULT_BASE = "https://w3id.org/ykg"
# The vocabulary keeps one namespace whatever --base says: queries and shapes name its terms.
YKG = "https://w3id.org/ykg/def#"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"

PREFIXES = {
    "ykg": YKG,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "schema": "https://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "void": "http://rdfs.org/ns/void#",
    "sh": "http://www.w3.org/ns/shacl#",
}
# Namespaces the site names but the graph does not use.
EXTRA_PREFIXES = {
    "spdx": "http://spdx.org/rdf/terms#",
    "iana": "http://www.iana.org/assignments/media-types/",
}

RDF_TYPE = PREFIXES["rdf"] + "type"
RDFS_LABEL = PREFIXES["rdfs"] + "label"
XSD = PREFIXES["xsd"]


@dataclass(frozen=True)
class NamedGraph:
    """One named graph of the dataset: its local name under {base}/graph/ and its ja/en names."""

    name: str
    ja: str
    en: str
    about: str


DOCUMENT = "document"      # facts read from the source document
LABELS_EN = "labels-en"    # unofficial English translations (every @en literal)
CURATED = "curated"        # curated cross-links, each with its basis
DERIVED = "derived"        # tags derived by rule from the text
DESCRIPTION = "dataset"    # VoID/DCAT description of the dataset itself

NAMED_GRAPHS = (
    NamedGraph(DOCUMENT, "資料", "document", "facts read from the source document"),
    NamedGraph(LABELS_EN, "英訳", "labels-en", "unofficial English translations"),
    NamedGraph(CURATED, "キュレーション", "curated", "curated cross-links, each with its basis"),
    NamedGraph(DERIVED, "導出", "derived", "tags derived by rule from the text"),
    NamedGraph(DESCRIPTION, "データセット", "dataset", "VoID/DCAT description of the dataset"),
)
GRAPHS = tuple(g.name for g in NAMED_GRAPHS)

# Classes whose instances are records about other entities (a listing line, a budget line, a tag):
# search and name lookup show them after the entities themselves.
RECORD_CLASSES = tuple(YKG + c for c in (
    "ProgramListing", "GoalListing", "SakigakeListing", "FundingLine", "BudgetAllocation",
    "LoanFacility", "MonetaryAmount", "TechnologyTag", "CuratedLink", "NameVariant", "Seat"))
