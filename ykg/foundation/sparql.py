"""SPARQL helpers shared by the catalogue, the endpoint client and the server.

The result type, the conversion of terms to plain values, the one lexer, and the writing of
terms into query text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .constants import XSD
from .errors import UserError


class QueryError(UserError):
    """A query or a parameter that cannot be used."""


@dataclass
class QueryResult:
    """Column names and rows of plain Python values."""

    columns: list[str]
    rows: list[tuple] = field(default_factory=list)

    def as_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                   "positiveInteger", "nonPositiveInteger", "negativeInteger",
                                   "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}


def _boolean(text: str) -> bool:
    return text in ("true", "1")


# Literal datatype -> the Python value of its lexical form; other datatypes keep the text.
_LITERAL_VALUES: dict[str, Any] = {**dict.fromkeys(INTEGER_TYPES, int), XSD + "decimal": Decimal,
                                   XSD + "double": float, XSD + "float": float,
                                   XSD + "boolean": _boolean}
_TERM_CLASSES: dict[type, str] = {}  # pyoxigraph class -> "iri" | "bnode" | "literal", on first use


def _term_classes() -> dict[type, str]:
    if not _TERM_CLASSES:
        import pyoxigraph as ox
        _TERM_CLASSES.update({ox.NamedNode: "iri", ox.BlankNode: "bnode", ox.Literal: "literal"})
    return _TERM_CLASSES


def plain_value(term) -> Any:
    """Turn an RDF term into a plain Python value: IRI -> str, numbers, booleans, strings."""
    if term is None:
        return None
    # One dict lookup per term: results of thousands of rows go through here cell by cell.
    kind = (_TERM_CLASSES or _term_classes()).get(type(term))
    if kind == "iri":
        return term.value
    if kind == "literal":
        convert = _LITERAL_VALUES.get(term.datatype.value)
        return term.value if convert is None else convert(term.value)
    if kind == "bnode":
        return f"_:{term.value}"
    return str(term)


def solution_rows(solutions) -> list[tuple]:
    """Return every row of pyoxigraph QuerySolutions as a tuple of plain values (variable order)."""
    return [tuple(map(plain_value, solution)) for solution in solutions]


def prefix_block(prefixes: dict[str, str], names=None) -> str:
    """Return PREFIX declarations for the given prefixes (all of them, or those named, in order)."""
    return "".join(f"PREFIX {p}: <{prefixes[p]}>\n" for p in (names or prefixes))


def select(store, query: str, *, bindings: dict | None = None, **options) -> QueryResult:
    """Run a SELECT on a pyoxigraph store and return plain values."""
    solutions = store.query(query, substitutions=bindings or None, **options)
    columns = [v.value for v in solutions.variables]
    return QueryResult(columns, solution_rows(solutions))


def select_dicts(store, query: str, **options) -> list[dict[str, Any]]:
    """Run a SELECT on a pyoxigraph store and return one dict of plain values per row."""
    return select(store, query, **options).as_dicts()


# -- the lexer --------------------------------------------------------------------------------

IRI_FORBIDDEN = re.compile(r'[<>"{}|^`\\\x00-\x20\x7f]')
TOKEN = re.compile(r'''
    (?P<comment>\#[^\n]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
              |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<open>\{) | (?P<close>\})
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<other>.)
''', re.VERBOSE | re.DOTALL)


def tokens(text: str):
    """Yield (kind, text, start, end) for each token: comment, string, iri, open, close, word, other."""
    for m in TOKEN.finditer(text):
        yield m.lastgroup, m.group(), m.start(), m.end()


def strip_comments(text: str) -> str:
    """Remove # comments (not # inside IRIs or strings)."""
    return "".join("" if kind == "comment" else t for kind, t, _, _ in tokens(text))


def keywords(text: str) -> list[str]:
    """Return the bare words of a query (outside comments, strings and IRIs), upper-cased."""
    return [t.upper() for kind, t, _, _ in tokens(text) if kind == "word"]


def uses_service(text: str) -> bool:
    """Tell whether a query calls SERVICE (a federated call to another server)."""
    if "service" not in text.lower():  # most queries: no need to tokenize
        return False
    words = [(kind, t) for kind, t, _, _ in tokens(text) if kind not in ("comment",)]
    for i, (kind, t) in enumerate(words):
        if kind == "word" and t.upper() == "SERVICE":
            before = words[i - 1][1] if i else ""
            if before not in ("?", "$", ":"):
                return True
    return False


def outer_where_brace(text: str) -> int:
    """Return the index just after the `{` that opens the outer WHERE group."""
    depth, seen_where = 0, False
    for kind, t, _, end in tokens(text):
        if kind == "open":
            if depth == 0 and seen_where:
                return end
            depth += 1
        elif kind == "close":
            depth -= 1
        elif kind == "word" and depth == 0 and t.upper() == "WHERE":
            seen_where = True
    raise QueryError("a query with parameters needs an explicit WHERE { … }")


# -- terms written into query text --------------------------------------------------------------

_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
          "\f": "\\f"}


def sparql_term(term) -> str:
    """Write an RDF term as SPARQL text: an escaped literal or an <IRI>; refuse anything unsafe."""
    import pyoxigraph as ox
    if isinstance(term, ox.NamedNode):
        if IRI_FORBIDDEN.search(term.value):
            raise QueryError(f"cannot write {term.value!r} as an IRI")
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        value = term.value
        if re.search(r"\\[uU]", value):
            # Some parsers expand \u escapes before tokenizing; keep such text out of queries.
            raise QueryError("a value may not contain \\u or \\U")
        body = "".join(_ECHAR.get(c, c) for c in value)
        if any(ord(c) < 0x20 for c in body):
            raise QueryError("a value may not contain control characters")
        text = f'"{body}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype.value != XSD + "string":
            return f"{text}^^<{term.datatype.value}>"
        return text
    raise QueryError(f"cannot bind {term!r}: only IRIs and literals")


def substitute(text: str, bindings: dict) -> str:
    """Bind variables for a remote run: a VALUES block opening the outer WHERE group."""
    if not bindings:
        return text
    names = sorted(bindings)
    row = " ".join(sparql_term(bindings[n]) for n in names)
    values = f"\n  VALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }}\n"
    at = outer_where_brace(text)
    return text[:at] + values + text[at:]


QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}


# -- error messages that point at the right place and say what was found ----------------------

def _position(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    return f"{line}:{offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"


def _significant(text: str):
    """Yield the tokens of a query that are not comments or white space."""
    for kind, tok, start, end in tokens(text):
        if kind != "comment" and not tok.isspace():
            yield kind, tok, start, end


def check_query_form(text: str) -> str | None:
    """Say where the query form (SELECT, CONSTRUCT, DESCRIBE, ASK) should be and what is there."""
    expect_iri = False
    for kind, tok, start, _ in _significant(text):
        if expect_iri:
            expect_iri = kind != "iri"
            continue
        word = tok.upper() if kind == "word" else ""
        if word in ("PREFIX", "BASE"):
            expect_iri = True
            continue
        if word in QUERY_FORMS:
            return None
        if word in UPDATE_WORDS:
            return (f"error at {_position(text, start)}: found {tok!r}, an update; this endpoint "
                    "is read-only and takes queries only (SELECT, CONSTRUCT, DESCRIBE, ASK)")
        return (f"error at {_position(text, start)}: expected SELECT, CONSTRUCT, DESCRIBE or "
                f"ASK, found {tok!r}")
    return "the query is empty: expected SELECT, CONSTRUCT, DESCRIBE or ASK"


def _independent_parse(text: str) -> tuple[int, str] | None:
    """Parse with rdflib's parser (exact positions); return (offset, token found) or None if it parses."""
    try:
        from pyparsing import ParseException
        from rdflib.plugins.sparql.parser import parseQuery
    except ImportError:  # pragma: no cover - rdflib is a dependency
        return None
    try:
        parseQuery(text)
    except ParseException as exc:
        found = next((tok for _, tok, start, end in _significant(text) if end > exc.loc), None)
        return exc.loc, found
    except Exception:  # noqa: BLE001 - any other failure: no better place to point at
        return None
    return None


def explain_query_error(text: str, message: str) -> str:
    """Explain why a store refused a query: not a query at all, else where its syntax breaks."""
    return check_query_form(text) or explain_syntax_error(text, message)


def explain_syntax_error(text: str, message: str) -> str:
    """Turn Oxigraph's "error at L:C: expected …" into one that points at the culprit.

    Oxigraph often reports the end of the query; rdflib's parser reports where parsing stopped,
    so its place and the token found there are given, with Oxigraph's expectation when both agree.
    """
    m = re.match(r"error at (\d+):(\d+): (.*)", message, re.DOTALL)
    expected = " ".join(re.sub(r"\[[^\]]*'A' \.\.= 'Z'.*?\]", "a name",
                               m.group(3) if m else message, flags=re.DOTALL).split())
    lines = text.split("\n")
    ox_offset = (sum(len(x) + 1 for x in lines[:int(m.group(1)) - 1]) + int(m.group(2)) - 1
                 if m else len(text))
    found_at = _independent_parse(text)
    offset, found = found_at if found_at else (ox_offset, next(
        (tok for _, tok, start, end in _significant(text) if end > ox_offset), None))
    where = "the end of the query" if found is None else repr(found)
    hint = f"; {expected}" if offset == ox_offset or not found_at else ""
    return f"error at {_position(text, offset)}: found {where} where the query cannot go on{hint}"
