"""RDF helpers: the one registry of formats, the CURIE compactor and the sorted writers."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .constants import RDF_TYPE, XSD
from .errors import UserError

# An absolute http(s) IRI with no trailing slash, query or fragment; % only as a valid escape.
BASE_RE = re.compile(r"^https?://(?:[^\s<>\"{}|\\^`#?%]|%[0-9A-Fa-f]{2})+"
                     r"(?<!/)$")


def check_base(base: str, option: str = "--base") -> str:
    """Return base if it can prefix every IRI minted under it, else raise UserError naming the option."""
    if not BASE_RE.match(base or ""):
        raise UserError(f"{option} must be an absolute http(s) IRI without a trailing slash, "
                        f"query or fragment, got {base!r}")
    return base


@dataclass(frozen=True)
class RdfFormat:
    """One RDF serialization: its key, file extension, media types (first = canonical), parsers."""

    key: str
    extension: str
    media_types: tuple[str, ...]
    rdflib: str
    oxigraph: str        # attribute name of pyoxigraph.RdfFormat
    dataset: bool        # holds named graphs

    @property
    def media_type(self) -> str:
        return self.media_types[0]

    def ox_format(self):
        """Return the pyoxigraph.RdfFormat of this format."""
        import pyoxigraph as ox
        return getattr(ox.RdfFormat, self.oxigraph)


FORMATS = (
    RdfFormat("ttl", ".ttl", ("text/turtle", "application/x-turtle"), "turtle", "TURTLE", False),
    RdfFormat("trig", ".trig", ("application/trig",), "trig", "TRIG", True),
    RdfFormat("nt", ".nt", ("application/n-triples", "text/plain"), "nt", "N_TRIPLES", False),
    RdfFormat("nq", ".nq", ("application/n-quads",), "nquads", "N_QUADS", True),
    RdfFormat("jsonld", ".jsonld", ("application/ld+json", "application/json"), "json-ld",
              "JSON_LD", True),
    RdfFormat("rdfxml", ".rdf", ("application/rdf+xml",), "xml", "RDF_XML", False),
)
BY_KEY = {f.key: f for f in FORMATS}
BY_EXTENSION = {f.extension: f for f in FORMATS}


def format_for(key_or_extension: str) -> RdfFormat | None:
    """Return the format named by a key ('ttl') or a file extension ('.ttl'), or None."""
    return BY_KEY.get(key_or_extension) or BY_EXTENSION.get(key_or_extension)


def curie(iri: str, prefixes: dict[str, str]) -> str:
    """Compact an IRI with the longest matching namespace; return it whole when none matches."""
    best = None
    for prefix, ns in prefixes.items():
        if iri.startswith(ns) and len(iri) > len(ns) and (best is None or len(ns) > len(best[1])):
            best = (prefix, ns)
    return f"{best[0]}:{iri[len(best[1]):]}" if best else iri


def local_name(iri: str) -> str:
    """Return the part of an IRI after its last '#' or '/'."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def sorted_ntriples(triples) -> bytes:
    """Serialize triples as sorted, distinct N-Triples lines (empty input gives no bytes)."""
    import pyoxigraph as ox
    raw = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    lines = sorted(set(raw.splitlines()))
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def sorted_nquads(quads) -> bytes:
    """Serialize quads as sorted, distinct N-Quads lines (empty input gives no bytes)."""
    import pyoxigraph as ox
    raw = ox.serialize(list(quads), format=ox.RdfFormat.N_QUADS).decode("utf-8")
    lines = sorted(set(raw.splitlines()))
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def jsonld_value(term) -> dict:
    """Return the JSON-LD value object of an IRI or literal (blank nodes are never used)."""
    import pyoxigraph as ox
    if isinstance(term, ox.NamedNode):
        return {"@id": term.value}
    if isinstance(term, ox.Literal):
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if term.datatype.value == XSD + "string":
            return {"@value": term.value}
        return {"@value": term.value, "@type": term.datatype.value}
    raise TypeError(f"blank nodes are not used: {term}")


def jsonld_node(node: dict, predicate: str, obj, compact) -> None:
    """Add one statement to a JSON-LD node object: rdf:type as @type, others under compact keys."""
    import pyoxigraph as ox
    if predicate == RDF_TYPE and isinstance(obj, ox.NamedNode):
        node.setdefault("@type", []).append(compact(obj.value))
    else:
        node.setdefault(compact(predicate), []).append(jsonld_value(obj))


def dumps_json(data, *, indent: int | None = 1, sort_keys: bool = False) -> bytes:
    """Serialize JSON the way every ykg output does: UTF-8, no ASCII escapes, final newline."""
    return (json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=sort_keys) + "\n").encode()


class RdfFileError(UserError):
    """An RDF file ykg reads (the ontology, the shapes, its labels) that cannot be read: exit 2."""


def read_turtle(path: Path) -> list:
    """Return the triples of a Turtle file; raise RdfFileError naming the file and line."""
    import pyoxigraph as ox
    path = Path(path)
    try:
        return list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except SyntaxError as exc:
        reason = exc.args[0] if exc.args else str(exc)
        raise RdfFileError(f"{path}:{exc.lineno or 0}:{exc.offset or 0}: not valid Turtle: "
                           f"{reason}") from None
    except OSError as exc:
        raise RdfFileError(f"{path}: cannot read the file: {exc.strerror or exc}") from None
    except ValueError as exc:  # an IRI or literal pyoxigraph refuses
        raise RdfFileError(f"{path}: not valid Turtle: {exc}") from None
