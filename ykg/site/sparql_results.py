"""Running one read-only query on a store and writing its answer in the negotiated format."""
from __future__ import annotations

import csv
import io
import json

from ykg.foundation.constants import XSD
from ykg.foundation.rdf import BY_KEY
from ykg.foundation.sparql import explain_query_error
from ykg.foundation.templating import render

from .negotiation import content_type, negotiate

# Result formats of the endpoint: key -> media types that select it (first = the one sent).
SOLUTION_FORMATS = {"json": ("application/sparql-results+json", "application/json"),
                    "xml": ("application/sparql-results+xml", "application/xml"),
                    "csv": ("text/csv",), "tsv": ("text/tab-separated-values",)}
# CONSTRUCT/DESCRIBE answers: RDF formats of the registry, in server preference order.
GRAPH_FORMATS = {k: BY_KEY[k].media_types for k in ("ttl", "nt", "jsonld", "rdfxml")}
# ASK answers: only the result formats that define a boolean (CSV and TSV do not).
BOOLEAN_FORMATS = {k: SOLUTION_FORMATS[k] for k in ("json", "xml")}
TEXT = {"Content-Type": "text/plain; charset=utf-8"}


def term_json(term) -> dict:
    """Return an RDF term as a SPARQL JSON results binding."""
    import pyoxigraph as ox
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD + "string":
        out["datatype"] = term.datatype.value
    return out


def _csv(variables, rows, boolean) -> bytes:
    import pyoxigraph as ox
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if boolean is not None:
        w.writerows([["_askResult"], ["true" if boolean else "false"]])
    else:
        w.writerow(variables)
        w.writerows(["" if t is None else (f"_:{t.value}" if isinstance(t, ox.BlankNode) else t.value)
                     for t in row] for row in rows)
    return buf.getvalue().encode("utf-8")


def _tsv(variables, rows, boolean) -> bytes:
    if boolean is not None:
        return f"?_askResult\n{'true' if boolean else 'false'}\n".encode("utf-8")
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def serialize_solutions(fmt: str, variables: list[str], rows: list[list], boolean=None) -> bytes:
    """Serialize SELECT rows (or an ASK boolean) as SPARQL JSON, XML, CSV or TSV results."""
    if fmt in ("json", "xml"):
        bound = [[(v, term_json(t)) for v, t in zip(variables, row) if t is not None] for row in rows]
        if fmt == "xml":
            return render("site/sparql-results.xml", variables=variables, rows=bound,
                          boolean=boolean).encode("utf-8")
        doc = ({"head": {}, "boolean": boolean} if boolean is not None else
               {"head": {"vars": variables}, "results": {"bindings": [dict(r) for r in bound]}})
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if fmt == "csv":
        return _csv(variables, rows, boolean)
    if fmt == "tsv":
        return _tsv(variables, rows, boolean)
    raise ValueError(fmt)


def _text(status: int, message: str) -> tuple[int, dict, bytes]:
    return status, dict(TEXT), (message.rstrip() + "\n").encode("utf-8")


def _not_acceptable(kind: str, formats: dict) -> tuple[int, dict, bytes]:
    listed = ", ".join(types[0] for types in formats.values())
    return _text(406, f"not acceptable: {kind} results come as {listed}")


def _capped(items, max_rows: int, headers: dict) -> list:
    """Return at most max_rows items; mark the headers when the answer was cut."""
    out = []
    for item in items:
        if len(out) >= max_rows:
            headers["X-SPARQL-MaxRows"] = str(max_rows)
            break
        out.append(item)
    return out


def answer(result, accept: str | None, max_rows: int) -> tuple[int, dict, bytes]:
    """Write a query result (boolean, solutions or triples) in the format the client accepts."""
    import pyoxigraph as ox
    headers: dict = {}
    if isinstance(result, (ox.QueryBoolean, ox.QuerySolutions)):
        is_ask = isinstance(result, ox.QueryBoolean)
        formats = BOOLEAN_FORMATS if is_ask else SOLUTION_FORMATS
        fmt = negotiate(accept, formats)
        if fmt is None:
            return _not_acceptable("ASK" if is_ask else "SELECT", formats)
        headers["Content-Type"] = content_type(SOLUTION_FORMATS[fmt][0])
        if isinstance(result, ox.QueryBoolean):
            return 200, headers, serialize_solutions(fmt, [], [], boolean=bool(result))
        variables = [v.value for v in result.variables]
        rows = _capped(([sol[v] for v in variables] for sol in result), max_rows, headers)
        return 200, headers, serialize_solutions(fmt, variables, rows)
    fmt = negotiate(accept, GRAPH_FORMATS)
    if fmt is None:
        return _not_acceptable("CONSTRUCT/DESCRIBE", GRAPH_FORMATS)
    triples = _capped(result, max_rows, headers)
    headers["Content-Type"] = content_type(GRAPH_FORMATS[fmt][0])
    return 200, headers, ox.serialize(triples, format=BY_KEY[fmt].ox_format())


def run_query(store, query: str, accept: str | None, max_rows: int,
              default_graphs=(), named_graphs=()) -> tuple[int, dict, bytes]:
    """Run one read-only query on a store; return (HTTP status, headers, body)."""
    import pyoxigraph as ox
    kwargs: dict = {}
    try:
        if default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        else:
            kwargs["use_default_graph_as_union"] = True
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    except ValueError as exc:
        return _text(400, f"bad graph IRI: {exc}")
    try:
        return answer(store.query(query, **kwargs), accept, max_rows)
    except SyntaxError as exc:
        return _text(400, f"malformed query: {explain_query_error(query, str(exc))}")
    except (ValueError, OSError, RuntimeError) as exc:
        return _text(400, f"query failed: {exc}")
