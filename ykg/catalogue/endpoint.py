"""Query a SPARQL server through SPARQLWrapper and read its SPARQL JSON results.

Queries go to the SPARQL 1.1 protocol endpoint with the dataset's named graphs as
`default-graph-uri`, so that the default graph is their merge on every server (Oxigraph keeps a
separate empty default graph; Virtuoso would otherwise query the union of all its graphs,
system graphs included). Results are read as SPARQL JSON, accepting Virtuoso's `typed-literal`.
A truncated result (Virtuoso's `X-SPARQL-MaxRows`) is an error, never a silent short answer.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from ykg.foundation.constants import DEFAULT_BASE, GRAPHS
from ykg.foundation.errors import UserError
from ykg.foundation.rdf import sorted_ntriples
from ykg.foundation.sparql import QueryResult, plain_value, strip_comments

from .transport import EndpointError, auth_scheme, check_url, describe, send

DEFAULT_TIMEOUT = 60.0


@dataclass(frozen=True)
class Endpoint:
    """A SPARQL query endpoint, its dataset graphs and how to reach it."""

    url: str
    base: str = DEFAULT_BASE
    # None: the ykg graphs under base; (): send none and use the server's own default graph.
    default_graphs: tuple[str, ...] | None = None
    user: str | None = None
    password: str | None = None
    timeout: float = DEFAULT_TIMEOUT

    def __post_init__(self):
        check_url(self.url, "endpoint")
        if not self.timeout > 0:  # also refuses NaN
            raise UserError(f"--timeout must be a positive number of seconds, got {self.timeout:g}")

    def graphs(self) -> list[str]:
        """Return the graph IRIs sent as default-graph-uri."""
        if self.default_graphs is None:
            return [f"{self.base}/graph/{name}" for name in GRAPHS]
        return list(self.default_graphs)


def _wrapper(endpoint: Endpoint, text: str, fmt: str, dataset: bool = True):
    import warnings

    from SPARQLWrapper import BASIC, DIGEST, POST, SPARQLWrapper
    sw = SPARQLWrapper(endpoint.url)
    with warnings.catch_warnings():  # an unknown query form is the server's to reject
        warnings.simplefilter("ignore", RuntimeWarning)
        # SPARQLWrapper misreads runs of comment lines when it looks for the query form.
        sw.setQuery(strip_comments(text))
    sw.setMethod(POST)
    sw.setReturnFormat(fmt)
    sw.setTimeout(int(max(1, round(endpoint.timeout))))
    if dataset:
        for g in endpoint.graphs():
            sw.addDefaultGraph(g)
    if endpoint.user:
        scheme = auth_scheme(endpoint.url, endpoint.timeout)
        sw.setHTTPAuth(DIGEST if scheme == "digest" else BASIC)
        sw.setCredentials(endpoint.user, endpoint.password or "")
    return sw


def _send(endpoint: Endpoint, text: str, fmt: str, dataset: bool = True):
    """Send a query; return (query type, body bytes, headers)."""
    sw = _wrapper(endpoint, text, fmt, dataset)
    try:
        result = sw.query()
        body = result.response.read()
        headers = result.response.info()
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - every failure becomes one clear message
        raise EndpointError(describe(exc, endpoint.url, endpoint.timeout)) from None
    return sw.queryType, body, headers


def term_from_json(b: dict):
    """Turn one SPARQL JSON binding into a pyoxigraph term (accepts Virtuoso's typed-literal)."""
    import pyoxigraph as ox
    kind, value = b["type"], b["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if kind in ("literal", "typed-literal"):
        if b.get("xml:lang"):
            return ox.Literal(value, language=b["xml:lang"])
        if b.get("datatype"):
            return ox.Literal(value, datatype=ox.NamedNode(b["datatype"]))
        return ox.Literal(value)
    raise ValueError(f"unknown term type {kind!r}")


def parse_json_results(body: bytes, url: str) -> QueryResult | bool:
    """Parse SPARQL JSON results; raise EndpointError when they are malformed."""
    try:
        doc = json.loads(body.decode("utf-8"))
        if "boolean" in doc:
            return bool(doc["boolean"])
        names = list(doc["head"]["vars"])
        if names == ["__ASK_RETVAL"]:  # Virtuoso 7 answers ASK as a one-cell table
            cell = doc["results"]["bindings"][0]["__ASK_RETVAL"]["value"]
            return cell not in ("0", "false")
        rows = [tuple(plain_value(term_from_json(b[n])) if n in b else None for n in names)
                for b in doc["results"]["bindings"]]
        return QueryResult(names, rows)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        snippet = body[:120].decode("utf-8", "replace").replace("\n", " ")
        raise EndpointError(f"{url} returned malformed SPARQL results ({exc.__class__.__name__}: "
                            f"{exc}); the answer began with {snippet!r}") from None


def _check_truncation(headers, rows: int, url: str) -> None:
    limit = headers.get("X-SPARQL-MaxRows") if headers else None
    if limit and limit.strip().isdigit() and rows >= int(limit):
        raise EndpointError(f"{url} cut the result at {limit} rows (X-SPARQL-MaxRows); raise the "
                            "server's limit (Virtuoso: [SPARQL] ResultSetMaxRows)")


def run_select(endpoint: Endpoint, text: str, dataset: bool = True) -> QueryResult:
    """Run a SELECT on the endpoint and return its rows as plain Python values."""
    from SPARQLWrapper import JSON
    _, body, headers = _send(endpoint, text, JSON, dataset)
    result = parse_json_results(body, endpoint.url)
    if not isinstance(result, QueryResult):
        raise EndpointError(f"{endpoint.url} answered a boolean to a SELECT query")
    _check_truncation(headers, len(result.rows), endpoint.url)
    return result


def run_any(endpoint: Endpoint, text: str):
    """Run any query: SELECT -> QueryResult, ASK -> bool, CONSTRUCT/DESCRIBE -> sorted N-Triples."""
    import pyoxigraph as ox
    from SPARQLWrapper import JSON, TURTLE
    from SPARQLWrapper.Wrapper import CONSTRUCT, DESCRIBE
    if _wrapper(endpoint, text, JSON).queryType in (CONSTRUCT, DESCRIBE):
        _, body, _ = _send(endpoint, text, TURTLE)
        try:
            triples = list(ox.parse(body, format=ox.RdfFormat.TURTLE))
        except SyntaxError as exc:
            raise EndpointError(f"{endpoint.url} returned malformed Turtle: {exc}") from None
        return sorted_ntriples(triples).decode("utf-8")
    _, body, headers = _send(endpoint, text, JSON)
    result = parse_json_results(body, endpoint.url)
    if isinstance(result, QueryResult):
        _check_truncation(headers, len(result.rows), endpoint.url)
    return result


def ping(endpoint: Endpoint) -> None:
    """Check that the endpoint answers a trivial query; raise EndpointError if not."""
    from SPARQLWrapper import JSON
    _, body, _ = _send(endpoint, "ASK {}", JSON, dataset=False)
    if not isinstance(parse_json_results(body, endpoint.url), bool):
        raise EndpointError(f"{endpoint.url} did not answer ASK {{}} with a boolean")


def count_triples(endpoint: Endpoint, graph: str) -> int:
    """Return how many triples the server holds in one named graph."""
    result = run_select(endpoint, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> "
                                  "{ ?s ?p ?o } }", dataset=False)
    try:
        return int(result.rows[0][0])
    except (IndexError, TypeError, ValueError):
        raise EndpointError(f"{endpoint.url} did not answer a COUNT with a number") from None


def read_graph(endpoint: Endpoint, graph: str) -> list:
    """Return the triples of one named graph as the server holds it."""
    import urllib.parse
    import urllib.request

    import pyoxigraph as ox
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    req = urllib.request.Request(
        endpoint.url, data=urllib.parse.urlencode({"query": query}).encode("ascii"),
        method="POST", headers={"Content-Type": "application/x-www-form-urlencoded",
                                "Accept": "application/n-triples, text/plain;q=0.9, "
                                          "text/turtle;q=0.8"})
    try:
        with urllib.request.urlopen(req, timeout=endpoint.timeout) as resp:
            body, ctype = resp.read(), resp.headers.get("Content-Type", "")
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - one clear message
        raise EndpointError(describe(exc, endpoint.url, endpoint.timeout)) from None
    fmt = ox.RdfFormat.TURTLE if "turtle" in ctype else ox.RdfFormat.N_TRIPLES
    try:
        return list(ox.parse(body, format=fmt))
    except SyntaxError as exc:
        raise EndpointError(f"{endpoint.url} returned malformed RDF for <{graph}>: {exc}") from None


def graphs_named(endpoint: Endpoint, prefix: str) -> list[str]:
    """Return the names of the graphs on the server whose IRI starts with prefix."""
    result = run_select(endpoint, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                                  f'FILTER(STRSTARTS(STR(?g), "{prefix}")) }}', dataset=False)
    return sorted(str(row[0]) for row in result.rows)


def run_update(url: str, text: str, user: str | None, password: str | None,
               timeout: float) -> None:
    """Send one SPARQL Update request (one transaction on stores that have them)."""
    import urllib.request
    send(urllib.request.Request(url, data=text.encode("utf-8"), method="POST",
                                headers={"Content-Type": "application/sparql-update"}),
         user, password, timeout)
