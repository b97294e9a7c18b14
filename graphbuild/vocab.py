"""Namespaces as term factories and the minting of instance IRIs under a base."""
from __future__ import annotations


from pyoxigraph import NamedNode

from ykg.foundation.constants import DEFAULT_BASE, PREFIXES, YKG
from ykg.foundation.rdf import check_base

class Namespace:
    """Make NamedNodes from local names: ``RDFS.label``, ``YKG["Program"]``."""

    def __init__(self, iri: str):
        self.iri = iri

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        return NamedNode(self.iri + name)

    def __getitem__(self, name: str) -> NamedNode:
        return NamedNode(self.iri + name)


Y = Namespace(YKG)
RDF = Namespace(PREFIXES["rdf"])
RDFS = Namespace(PREFIXES["rdfs"])
OWL = Namespace(PREFIXES["owl"])
XSD = Namespace(PREFIXES["xsd"])
SKOS = Namespace(PREFIXES["skos"])
ORG = Namespace(PREFIXES["org"])
PROV = Namespace(PREFIXES["prov"])
DCT = Namespace(PREFIXES["dcterms"])
DCAT = Namespace(PREFIXES["dcat"])
SDO = Namespace(PREFIXES["schema"])
FOAF = Namespace(PREFIXES["foaf"])
VOID = Namespace(PREFIXES["void"])



class Minter:
    """Mint every instance IRI under one base: ``{base}/id/{kind}/{id}``."""

    def __init__(self, base: str = DEFAULT_BASE):
        self.base = check_base(base)

    def id(self, kind: str, local: str) -> NamedNode:
        return NamedNode(f"{self.base}/id/{kind}/{local}")

    def graph(self, name: str) -> NamedNode:
        return NamedNode(f"{self.base}/graph/{name}")

    @property
    def dataset(self) -> NamedNode:
        return NamedNode(f"{self.base}/dataset/ykg")
