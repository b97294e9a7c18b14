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
        node = self.__dict__[name] = NamedNode(self.iri + name)  # next lookups skip this
        return node

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



# Kinds of IRI shared by every plan of a build (vocabulary the plans have in common): never scoped.
SHARED_KINDS = frozenset({"fy", "technology", "scheme", "role", "plan-set"})


class Minter:
    """Mint every instance IRI under one base: ``{base}/id/{kind}/{id}``.

    A minter of a scoped plan mints ``{base}/id/{kind}/{scope}/{id}`` for every kind that is not
    shared, and remembers those IRIs: they are the plan's members.
    """

    def __init__(self, base: str = DEFAULT_BASE, scope: str = ""):
        self.base = check_base(base)
        self.scope = scope
        self.members: set[str] = set()
        self._cache: dict[tuple[str, str], NamedNode] = {}

    def scoped(self, scope: str) -> "Minter":
        """Return a minter of the same base for the plan of that scope ("" = unscoped)."""
        return Minter(self.base, scope)

    def id(self, kind: str, local: str) -> NamedNode:
        key = (kind, local)
        node = self._cache.get(key)
        if node is None:
            if kind.split("/", 1)[0] in SHARED_KINDS:
                node = NamedNode(f"{self.base}/id/{kind}/{local}")
            else:
                scope = f"{self.scope}/" if self.scope else ""
                node = NamedNode(f"{self.base}/id/{kind}/{scope}{local}")
                self.members.add(node.value)
            self._cache[key] = node
        return node

    def graph(self, name: str) -> NamedNode:
        return NamedNode(f"{self.base}/graph/{name}")

    @property
    def dataset(self) -> NamedNode:
        return NamedNode(f"{self.base}/dataset/ykg")
