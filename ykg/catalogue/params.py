"""Query parameters: the types a `#+ param:` may have and the checking of user values.

A converter validates the text a user gave and returns the RDF term to bind. Values are bound,
never pasted into query text (see ykg.catalogue.run).

An `iri` parameter takes an IRI (bare or in <…>), `kind/id` under the dataset base, or a name
(Japanese label, reading, English label). Names are looked up by a resolver the runner supplies:
ykg.entities.resolve on a local store, an exact search-key lookup on an endpoint.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable, Optional

from ykg.foundation.constants import DEFAULT_BASE, XSD
from ykg.foundation.sparql import IRI_FORBIDDEN, QueryError
from ykg.foundation.text import match_key

MAX_PARAM_LENGTH = 500
VAR_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
SHORT_IRI_RE = re.compile(r"^[a-z0-9-]+/[A-Za-z0-9._~/-]+$")
# Text with a scheme and no white space is meant as an IRI (a name never looks like this).
IRI_LIKE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S*$")
SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")

# text -> IRI of the entity it names; raises ykg.foundation.errors.NotFound.
Resolver = Callable[[str], str]


def check_text(name: str, value: str) -> str:
    """Refuse over-long text, control characters and \\u escapes; return the text."""
    if len(value) > MAX_PARAM_LENGTH:
        raise QueryError(f"parameter {name}: longer than {MAX_PARAM_LENGTH} characters")
    if any(unicodedata.category(c) == "Cc" for c in value):
        raise QueryError(f"parameter {name}: control characters are not allowed")
    if re.search(r"\\[uU]", value):
        # Some SPARQL parsers expand \u escapes before tokenizing: keep them out everywhere.
        raise QueryError(f"parameter {name}: the sequence \\u is not allowed")
    return value


def _string(name: str, value: str, base: str, resolve: Optional[Resolver]):
    import pyoxigraph as ox
    return ox.Literal(check_text(name, value))


def _match(name: str, value: str, base: str, resolve: Optional[Resolver]):
    import pyoxigraph as ox
    key = match_key(check_text(name, value))
    if not key:
        raise QueryError(f"parameter {name}: nothing left to search for in {value!r} "
                         "after normalization")
    return ox.Literal(key)


def _integer(name: str, value: str, base: str, resolve: Optional[Resolver]):
    import pyoxigraph as ox
    text = unicodedata.normalize("NFKC", value).strip()
    if not re.fullmatch(r"[+-]?\d{1,18}", text):
        raise QueryError(f"parameter {name}: expected a whole number, got {value!r}")
    return ox.Literal(str(int(text)), datatype=ox.NamedNode(XSD + "integer"))


def _absolute_iri(name: str, value: str):
    import pyoxigraph as ox
    if not SCHEME_RE.match(value) or IRI_FORBIDDEN.search(value):
        raise QueryError(f"parameter {name}: expected an absolute IRI or kind/id "
                         f"(e.g. program/p0005), got {value!r}")
    try:
        return ox.NamedNode(value)
    except ValueError as exc:
        raise QueryError(f"parameter {name}: not a valid IRI: {exc}") from None


def is_name(value: str) -> bool:
    """Tell whether an iri parameter value is a name to look up (not an IRI, <IRI> or kind/id)."""
    text = value.strip()
    return not (text.startswith("<") or SHORT_IRI_RE.match(text) or IRI_LIKE_RE.match(text))


def _iri(name: str, value: str, base: str, resolve: Optional[Resolver]):
    text = value.strip()
    if text.startswith("<"):
        if not text.endswith(">"):
            raise QueryError(f"parameter {name}: expected an absolute IRI, got {value!r}")
        return _absolute_iri(name, text[1:-1])
    if SHORT_IRI_RE.match(text):  # kind/id, e.g. program/p0005
        return _absolute_iri(name, f"{base}/id/{text}")
    if IRI_LIKE_RE.match(text):
        return _absolute_iri(name, text)
    check_text(name, text)
    if not text:
        raise QueryError(f"parameter {name}: expected an IRI, kind/id or a name, got nothing")
    if resolve is None:
        raise QueryError(f"parameter {name}: {text!r} is a name, and names can only be looked up "
                         "in a dataset; give an IRI or kind/id (e.g. program/p0005)")
    return _absolute_iri(name, resolve(text))


# name -> (converter, description); the descriptions are listed in queries/README.md.
PARAM_TYPES: dict[str, tuple[Callable[..., Any], str]] = {
    "string": (_string, "a plain string literal"),
    "match": (_match, "text normalized with ykg.foundation.text.match_key (NFKC, katakana to "
                      "hiragana, lower case, no spaces), compared with ykg:searchKey"),
    "integer": (_integer, "a whole number (xsd:integer)"),
    "iri": (_iri, "an absolute IRI, kind/id under the dataset base (program/p0005), or a name "
                  "(Japanese label, reading or English label) looked up in the dataset"),
}


@dataclass(frozen=True)
class Param:
    """A parameter of a named query: a variable bound before the query runs."""

    name: str
    type: str
    description: str
    optional: bool = False  # `#+ param: plan iri? "…"`: left out, the variable stays unbound

    def bind(self, value: str, base: str = DEFAULT_BASE, resolve: Optional[Resolver] = None):
        """Validate a user value and return the RDF term to bind (names through resolve)."""
        return PARAM_TYPES[self.type][0](self.name, value, base, resolve)

    def check(self, value: str, base: str = DEFAULT_BASE) -> None:
        """Validate a user value without a dataset: a name is only checked as text."""
        self.bind(value, base, resolve=lambda text: f"{base}/id/unresolved")


def parse_assignments(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
    """Turn ['name=value', …] into a dict; raise QueryError on a malformed pair."""
    values: dict[str, str] = {}
    for pair in pairs:
        name, eq, value = pair.partition("=")
        if not eq or not VAR_NAME_RE.match(name.strip()):
            raise QueryError(f"bad parameter {pair!r}: expected name=value")
        values[name.strip()] = value
    return values
