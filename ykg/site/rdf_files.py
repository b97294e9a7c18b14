"""The RDF files of the site: a set of triples as Turtle, N-Triples, JSON-LD and RDF/XML."""
from __future__ import annotations

import json
from json.encoder import encode_basestring as _string  # C, non-ASCII kept

import pyoxigraph as ox

from ykg.foundation.rdf import BY_KEY, curie, jsonld_node, sorted_ntriples


def to_turtle(triples, prefixes: dict[str, str]) -> bytes:
    """Serialize triples as Turtle with the given prefixes."""
    return ox.serialize(list(triples), format=ox.RdfFormat.TURTLE, prefixes=prefixes)


def to_rdfxml(triples, prefixes: dict[str, str]) -> bytes:
    """Serialize triples as RDF/XML (the registry's "rdfxml" format) with the given prefixes."""
    ordered = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return ox.serialize(ordered, format=BY_KEY["rdfxml"].ox_format(), prefixes=prefixes)


def jsonld_document(triples, prefixes: dict[str, str], compact=None) -> dict:
    """Return a JSON-LD document of triples: compact keys, full IRIs as @id values, sorted."""
    compact = compact or (lambda iri: curie(iri, prefixes))
    nodes: dict[str, dict] = {}
    for t in triples:
        node = nodes.setdefault(t.subject.value, {"@id": t.subject.value})
        jsonld_node(node, t.predicate.value, t.object, compact)
    return {"@context": dict(prefixes), "@graph": [nodes[k] for k in sorted(nodes)]}


def _encode(o, indent: str) -> str:
    """Return o as json.dumps(o, ensure_ascii=False, indent=1, sort_keys=True) writes it."""
    kind = type(o)
    if kind is str:
        return _string(o)
    if (kind is dict or kind is list) and o:
        inner = indent + " "
        if kind is dict:
            items = [_string(k) + ": " + (_string(v) if type(v) is str else _encode(v, inner))
                     for k, v in sorted(o.items())]
            return "{\n" + inner + (",\n" + inner).join(items) + "\n" + indent + "}"
        items = [_string(v) if type(v) is str else _encode(v, inner) for v in o]
        return "[\n" + inner + (",\n" + inner).join(items) + "\n" + indent + "]"
    return json.dumps(o, ensure_ascii=False)


def jsonld_bytes(document: dict) -> bytes:
    """Serialize a JSON-LD document the way every site file is written (sorted keys).

    The bytes of ykg.foundation.rdf.dumps_json(document, sort_keys=True), made without the
    json module's pure-Python indenting encoder, which took a fifth of a publish.
    """
    return (_encode(document, "") + "\n").encode()


def rdf_files(triples, prefixes: dict[str, str], compact=None) -> tuple[dict[str, bytes], dict]:
    """Return {extension: bytes} of the four RDF files of some triples, and the JSON-LD document."""
    document = jsonld_document(triples, prefixes, compact)
    return ({".ttl": to_turtle(triples, prefixes), ".nt": sorted_ntriples(triples),
             ".jsonld": jsonld_bytes(document), ".rdf": to_rdfxml(triples, prefixes)}, document)
