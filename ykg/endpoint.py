"""Talk to a SPARQL server: queries through SPARQLWrapper, pushes with the Graph Store Protocol.

Queries go to the SPARQL 1.1 protocol endpoint with the dataset's named graphs as
`default-graph-uri`, so that the default graph is their merge on every server (Oxigraph keeps a
separate empty default graph; Virtuoso would otherwise query the union of all its graphs,
system graphs included). Results are read as SPARQL JSON, accepting Virtuoso's `typed-literal`.
A truncated result (Virtuoso's `X-SPARQL-MaxRows`) is an error, never a silent short answer.

`push_dataset` replaces each named graph with one PUT (atomic on the server), checks the number of
triples the server then holds, and reports graph by graph what was written.
"""
from __future__ import annotations

import http.client
import json
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field, replace

import pyoxigraph as ox

from .queries import DEFAULT_BASE, QueryError, QueryResult, plain_value

DEFAULT_TIMEOUT = 60.0
# The named graphs of a build, in graphbuild.dataset.GRAPHS order.
GRAPH_NAMES = ("document", "labels-en", "curated", "derived", "dataset")
JSON_RESULTS = "application/sparql-results+json"


class EndpointError(RuntimeError):
    """The server could not be reached, refused the request, or answered something unusable."""


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

    def graphs(self) -> list[str]:
        if self.default_graphs is None:
            return [f"{self.base}/graph/{name}" for name in GRAPH_NAMES]
        return list(self.default_graphs)


def check_url(url: str, what: str) -> str:
    """Accept only http(s) URLs with a host; raise EndpointError otherwise."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(f"the {what} URL must be http(s)://host…, got {url!r}")
    return url


# -- values written into query text ------------------------------------------------------------

_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
          "\f": "\\f"}
IRI_FORBIDDEN = re.compile(r'[<>"{}|^`\\\x00-\x20]')


def sparql_term(term) -> str:
    """Write an RDF term as SPARQL text: an escaped literal or an <IRI>; refuse anything unsafe."""
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
        if term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            return f"{text}^^<{term.datatype.value}>"
        return text
    raise QueryError(f"cannot bind {term!r}: only IRIs and literals")


_TOKEN = re.compile(r'''
    (?P<comment>\#[^\n]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
              |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<open>\{) | (?P<close>\})
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<other>.)
''', re.VERBOSE | re.DOTALL)


def strip_comments(text: str) -> str:
    """Remove # comments (not # inside IRIs or strings); SPARQLWrapper misreads comment runs."""
    return "".join("" if m.lastgroup == "comment" else m.group() for m in _TOKEN.finditer(text))


def _outer_where_brace(text: str) -> int:
    """Return the index just after the `{` that opens the outer WHERE group."""
    depth, seen_where = 0, False
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "open":
            if depth == 0 and seen_where:
                return m.end()
            depth += 1
        elif kind == "close":
            depth -= 1
        elif kind == "word" and depth == 0 and m.group().upper() == "WHERE":
            seen_where = True
    raise QueryError("a query with parameters needs an explicit WHERE { … }")


def substitute(text: str, bindings: dict) -> str:
    """Bind variables for a remote run: a VALUES block opening the outer WHERE group."""
    if not bindings:
        return text
    names = sorted(bindings)
    row = " ".join(sparql_term(bindings[n]) for n in names)
    values = f"\n  VALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }}\n"
    at = _outer_where_brace(text)
    return text[:at] + values + text[at:]


# -- running queries ---------------------------------------------------------------------------

_auth_schemes: dict[tuple[str, str], str] = {}


def auth_scheme(url: str, timeout: float) -> str:
    """Return 'digest' or 'basic': the scheme the server's 401 challenge asks for (cached)."""
    key = (urllib.parse.urlsplit(url).netloc, urllib.parse.urlsplit(url).path)
    if key not in _auth_schemes:
        scheme = "basic"
        try:
            probe = urllib.request.Request(url, method="GET")
            urllib.request.urlopen(probe, timeout=timeout).close()
        except urllib.error.HTTPError as exc:
            challenge = exc.headers.get("WWW-Authenticate", "") if exc.headers else ""
            if challenge.lower().startswith("digest"):
                scheme = "digest"
        except (urllib.error.URLError, OSError, http.client.HTTPException):
            pass
        _auth_schemes[key] = scheme
    return _auth_schemes[key]


def _describe(exc: BaseException, url: str, timeout: float) -> str:
    """Say in one line why talking to url failed."""
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException
    if isinstance(exc, SPARQLWrapperException):
        code = {"QueryBadFormed": 400, "Unauthorized": 401, "EndPointNotFound": 404,
                "URITooLong": 414, "EndPointInternalError": 500}.get(type(exc).__name__)
        # SPARQLWrapper keeps the body only inside its message, as a bytes repr.
        body = str(exc).partition("Response:")[2].strip()
        body = re.sub(r"^b(['\"])(.*)\1$", r"\2", body, flags=re.DOTALL).replace("\\n", "\n")
        return f"{url} answered HTTP {code or '?'}: {_first_line(body) or type(exc).__name__}"
    if isinstance(exc, urllib.error.HTTPError):
        try:
            body = exc.read().decode("utf-8", "replace")
        except Exception:  # noqa: BLE001 - the body is only a hint
            body = ""
        return f"{url} answered HTTP {exc.code} {exc.reason}: {_first_line(body)}".rstrip(": ")
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, (socket.timeout, TimeoutError)) or "timed out" in str(reason):
        return f"{url} did not answer within {timeout:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return f"cannot reach {url}: connection refused (is the server running?)"
    if isinstance(reason, socket.gaierror):
        return f"cannot reach {url}: unknown host"
    if isinstance(exc, (http.client.HTTPException, ConnectionError)):
        return f"{url} closed the connection: {exc.__class__.__name__} {exc}".rstrip()
    return f"cannot reach {url}: {reason}"


def _first_line(text: str, limit: int = 300) -> str:
    for line in text.splitlines():
        line = re.sub(r"<[^>]+>", " ", line).strip()
        if line:
            return line[:limit]
    return ""


def _wrapper(endpoint: Endpoint, text: str, fmt: str, dataset: bool = True):
    import warnings

    from SPARQLWrapper import BASIC, DIGEST, POST, SPARQLWrapper
    sw = SPARQLWrapper(endpoint.url)
    with warnings.catch_warnings():  # an unknown query form is the server's to reject
        warnings.simplefilter("ignore", RuntimeWarning)
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
    except Exception as exc:  # noqa: BLE001 - every failure becomes one clear message
        if isinstance(exc, (KeyboardInterrupt, MemoryError)):
            raise
        raise EndpointError(_describe(exc, endpoint.url, endpoint.timeout)) from None
    return sw.queryType, body, headers


def term_from_json(b: dict):
    """Turn one SPARQL JSON binding into a pyoxigraph term (accepts Virtuoso's typed-literal)."""
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
        rows = []
        for b in doc["results"]["bindings"]:
            rows.append(tuple(plain_value(term_from_json(b[n])) if n in b else None
                              for n in names))
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
    from SPARQLWrapper import JSON, TURTLE
    from SPARQLWrapper.Wrapper import CONSTRUCT, DESCRIBE
    qtype = _wrapper(endpoint, text, JSON).queryType
    if qtype in (CONSTRUCT, DESCRIBE):
        _, body, _ = _send(endpoint, text, TURTLE)
        try:
            triples = list(ox.parse(body, format=ox.RdfFormat.TURTLE))
        except SyntaxError as exc:
            raise EndpointError(f"{endpoint.url} returned malformed Turtle: {exc}") from None
        raw = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        return "".join(sorted(set(raw.splitlines(keepends=True))))
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


# -- Graph Store Protocol ----------------------------------------------------------------------

def graph_store_url_for(query_url: str, authenticated: bool = False) -> str:
    """Guess the Graph Store Protocol URL of a known server from its query URL."""
    parts = urllib.parse.urlsplit(query_url)
    path = parts.path.rstrip("/")
    if path.endswith("/query"):  # Oxigraph
        new = path[: -len("query")] + "store"
    elif path.endswith("/sparql"):  # Virtuoso
        new = path[: -len("sparql")] + ("sparql-graph-crud-auth" if authenticated
                                          else "sparql-graph-crud")
    else:
        raise EndpointError(f"cannot guess the Graph Store URL from {query_url}; "
                            "give --graph-store URL")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, new, "", ""))


def _graph_url(store_url: str, graph: str) -> str:
    sep = "&" if "?" in store_url else "?"
    return f"{store_url}{sep}graph={urllib.parse.quote(graph, safe='')}"


def _authorize(req: urllib.request.Request, user: str | None, password: str | None,
               timeout: float) -> None:
    """Add an Authorization header before sending (no 401 round trip with the body).

    Virtuoso answers 401 and closes the connection while a large PUT body is still being
    sent, so the challenge is fetched first with a small HEAD request.
    """
    if not user:
        return
    url = req.get_full_url()
    try:
        urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=timeout).close()
        return  # the server does not ask for credentials
    except urllib.error.HTTPError as exc:
        challenge = (exc.headers.get("WWW-Authenticate") or "") if exc.headers else ""
        if exc.code != 401:
            return
    scheme, _, rest = challenge.partition(" ")
    if scheme.lower() == "digest":
        mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        mgr.add_password(None, url, user, password or "")
        chal = urllib.request.parse_keqv_list(
            filter(None, urllib.request.parse_http_list(rest)))
        auth = urllib.request.HTTPDigestAuthHandler(mgr).get_authorization(req, chal)
        if auth is None:
            raise EndpointError(f"{url} asks for an unsupported digest variant: {challenge}")
        req.add_unredirected_header("Authorization", f"Digest {auth}")
    else:
        import base64
        token = base64.b64encode(f"{user}:{password or ''}".encode("utf-8")).decode("ascii")
        req.add_unredirected_header("Authorization", f"Basic {token}")


def _check_access(url: str, user: str | None, password: str | None, timeout: float) -> None:
    """Check with a HEAD request that the graph store answers and accepts the credentials."""
    req = urllib.request.Request(url, method="HEAD")
    try:
        _authorize(req, user, password, timeout)
        urllib.request.urlopen(req, timeout=timeout).close()
    except urllib.error.HTTPError as exc:
        if exc.code in (401, 403):
            who = "without credentials (give --user and --password)" if not user else \
                f"as {user!r} (wrong password?)"
            raise EndpointError(f"{url.split('?')[0]} refused access {who}: HTTP {exc.code}") \
                from None
        if exc.code >= 500 or exc.code in (405, 501):
            # Some stores do not implement HEAD; the PUT itself will tell.
            return
    except EndpointError:
        raise
    except Exception as exc:  # noqa: BLE001 - one clear message
        raise EndpointError(_describe(exc, url.split("?")[0], timeout)) from None


@dataclass
class GraphWrite:
    """What happened to one named graph during a push."""

    graph: str
    triples: int
    before: int | None = None
    after: int | None = None
    status: str = "not sent"        # replaced | failed | not sent
    detail: str = ""


@dataclass
class PushReport:
    """The outcome of a push, graph by graph."""

    query_url: str
    graph_store_url: str
    writes: list[GraphWrite] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and all(w.status == "replaced" for w in self.writes)

    def text(self) -> str:
        lines = []
        if self.ok:
            total = sum(w.triples for w in self.writes)
            lines.append(f"pushed {len(self.writes)} graphs ({total:,} triples) to "
                         f"{self.graph_store_url}; counts verified on {self.query_url}")
        else:
            lines.append(f"push failed: {self.error}")
        for w in self.writes:
            if w.status == "replaced":
                lines.append(f"  replaced  {w.graph}  {w.triples:,} triples (server now holds "
                             f"{w.after:,})")
            elif w.status == "failed":
                lines.append(f"  FAILED    {w.graph}  {w.detail}")
            else:
                held = "" if w.before is None else f"; still holds its old {w.before:,} triples"
                lines.append(f"  not sent  {w.graph}{held}")
        if not self.ok:
            lines.append("Each graph is replaced whole by one PUT, so running `ykg push` again "
                         "is safe and finishes the job.")
        return "\n".join(lines)


class PushError(EndpointError):
    """A push that stopped; .report says exactly what was written."""

    def __init__(self, report: PushReport):
        super().__init__(report.text())
        self.report = report


def graphs_of(quads) -> dict[str, bytes]:
    """Serialize each named graph of the quads as sorted N-Triples, in the dataset's graph order."""
    by_graph: dict[str, list] = {}
    for q in quads:
        if isinstance(q.graph_name, ox.DefaultGraph):
            raise EndpointError("the dataset has triples outside a named graph")
        by_graph.setdefault(q.graph_name.value, []).append(q.triple)

    def rank(name: str) -> tuple:
        local = name.rsplit("/", 1)[-1]
        return (GRAPH_NAMES.index(local) if local in GRAPH_NAMES else len(GRAPH_NAMES), name)
    out = {}
    for name in sorted(by_graph, key=rank):
        raw = ox.serialize(by_graph[name], format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        out[name] = "".join(sorted(set(raw.splitlines(keepends=True)))).encode("utf-8")
    return out


def _put(url: str, body: bytes, user, password, timeout: float) -> int:
    req = urllib.request.Request(url, data=body, method="PUT",
                                 headers={"Content-Type": "text/turtle; charset=utf-8"})
    _authorize(req, user, password, timeout)
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        resp.read()
        return resp.status


def push_dataset(quads, endpoint: Endpoint, graph_store_url: str | None = None) -> PushReport:
    """Replace each named graph of the dataset on the server (GSP PUT) and verify the counts.

    Nothing is written unless the query endpoint answers and every graph serializes. On a
    failure the push stops and raises PushError whose report names the graphs replaced, the
    one that failed (with what the server holds in it now) and those not sent.
    """
    store_url = check_url(graph_store_url or graph_store_url_for(endpoint.url, bool(endpoint.user)),
                          "graph store")
    graphs = graphs_of(quads)
    counting = replace(endpoint, default_graphs=())
    report = PushReport(endpoint.url, store_url)
    for name, body in graphs.items():
        report.writes.append(GraphWrite(name, body.count(b"\n")))
    try:
        ping(counting)
        _check_access(_graph_url(store_url, report.writes[0].graph), endpoint.user,
                      endpoint.password, endpoint.timeout)
        for w in report.writes:
            w.before = count_triples(counting, w.graph)
    except EndpointError as exc:
        report.error = f"nothing written: {exc}"
        raise PushError(report) from None
    for w in report.writes:
        try:
            _put(_graph_url(store_url, w.graph), graphs[w.graph], endpoint.user,
                 endpoint.password, endpoint.timeout)
        except Exception as exc:  # noqa: BLE001 - reported graph by graph
            if isinstance(exc, (KeyboardInterrupt, MemoryError)):
                raise
            w.status = "failed"
            reason = _describe(exc, store_url, endpoint.timeout)
            w.detail = f"{reason}; {_state_after(counting, w)}"
            report.error = f"{w.graph}: {reason}"
            raise PushError(report) from None
        try:
            w.after = count_triples(counting, w.graph)
        except EndpointError as exc:
            w.status, w.detail = "failed", f"sent, but the count could not be checked: {exc}"
            report.error = f"{w.graph}: {exc}"
            raise PushError(report) from None
        if w.after != w.triples:
            w.status = "failed"
            w.detail = f"sent {w.triples:,} triples but the server holds {w.after:,}"
            report.error = f"{w.graph}: count mismatch after PUT"
            raise PushError(report) from None
        w.status = "replaced"
    return report


def _state_after(endpoint: Endpoint, w: GraphWrite) -> str:
    """Say what the server holds in a graph after a failed PUT."""
    try:
        now = count_triples(endpoint, w.graph)
    except EndpointError:
        return "its state on the server could not be read"
    w.after = now
    if now == w.triples:
        return f"the server nevertheless holds the new {now:,} triples"
    if now == w.before:
        return f"the graph is unchanged ({now:,} triples)"
    return f"the server now holds {now:,} triples in it (before: {w.before:,}, sent: {w.triples:,})"
