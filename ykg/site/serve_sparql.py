"""The server's SPARQL side: /sparql, a SPARQL 1.1 Protocol query endpoint (GET, POST form, POST
application/sparql-query) over the worker processes' stores, and its SPARQL 1.1 Service
Description (GET /sparql without a query, asking for RDF).

Updates are refused: the store is never written after loading. SERVICE is refused too: Oxigraph
would fetch from the URL it names, so the endpoint would make requests on a client's behalf.
"""
from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qs

from ykg.foundation.constants import GRAPHS, PREFIXES
from ykg.foundation.rdf import BY_KEY
from ykg.foundation.sparql import uses_service
from ykg.foundation.templating import render

from .negotiation import CACHE_CONTROL, CONTENT_TYPES, CSP, choose_representation, content_type
from .serve_files import FileHandler, Response, fail, not_modified, not_modified_response

MAX_BODY = 1 << 20  # largest accepted POST body (bytes)
READ_ONLY = "this endpoint is read-only: SPARQL Update is not accepted"
SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS_NS = "http://www.w3.org/ns/formats/"
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                  "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML")


def service_description(meta: dict, timeout: float, max_rows: int, fmt) -> bytes:
    """Return the SPARQL 1.1 Service Description of the endpoint, serialized in fmt."""
    import pyoxigraph as ox
    N, L, T = ox.NamedNode, ox.Literal, ox.Triple
    base, site_url = meta["base"], meta.get("site_url") or meta["base"]
    endpoint, rdf, rdfs, dct = f"{site_url}/sparql", PREFIXES["rdf"], PREFIXES["rdfs"], \
        PREFIXES["dcterms"]
    svc, ds, dg = N(endpoint + "#service"), N(endpoint + "#dataset"), N(endpoint + "#default-graph")
    limits = (f"Read-only: SPARQL 1.1 Query only; updates and SERVICE are refused. Each query "
              f"may run at most {timeout:g} s and returns at most {max_rows:,} rows or triples "
              "(X-SPARQL-MaxRows marks a cut answer).")
    limits_ja = (f"読み取り専用(SPARQL 1.1 Query のみ。更新と SERVICE は受け付けません)。1件の問い合わせは"
                 f"最長 {timeout:g} 秒、最大 {max_rows:,} 行(またはトリプル)まで。")
    out = [T(svc, N(rdf + "type"), N(SD + "Service")), T(svc, N(SD + "endpoint"), N(endpoint)),
           T(svc, N(SD + "supportedLanguage"), N(SD + "SPARQL11Query")),
           T(svc, N(SD + "feature"), N(SD + "UnionDefaultGraph")),
           T(svc, N(SD + "defaultDataset"), ds),
           T(svc, N(dct + "title"), L("ykg read-only SPARQL endpoint", language="en")),
           T(svc, N(rdfs + "comment"), L(limits, language="en")),
           T(svc, N(rdfs + "comment"), L(limits_ja, language="ja")),
           T(ds, N(rdf + "type"), N(SD + "Dataset")), T(ds, N(SD + "defaultGraph"), dg),
           T(ds, N(rdfs + "seeAlso"), N(f"{base}/dataset/ykg")),
           T(dg, N(rdf + "type"), N(SD + "Graph")),
           T(dg, N(rdfs + "comment"), L("the union of the named graphs", language="en"))]
    out += [T(svc, N(SD + "resultFormat"), N(FORMATS_NS + f)) for f in RESULT_FORMATS]
    for name in (*GRAPHS, "dataset"):
        graph = N(f"{endpoint}#graph-{name}")
        out += [T(ds, N(SD + "namedGraph"), graph), T(graph, N(rdf + "type"), N(SD + "NamedGraph")),
                T(graph, N(SD + "name"), N(f"{base}/graph/{name}"))]
    prefixes = {"sd": SD, "rdfs": rdfs, "dcterms": dct, "formats": FORMATS_NS}
    return ox.serialize(out, format=fmt.ox_format(),
                        **({"prefixes": prefixes} if fmt.key in ("ttl", "rdfxml") else {}))


class SparqlHandler(FileHandler):
    """The file handler plus the read-only SPARQL endpoint at /sparql."""

    async def sparql_get(self, query_string: str) -> Response:
        return await self.sparql(parse_qs(query_string, keep_blank_values=True), None)

    async def read_body(self) -> bytes | Response:
        """Read a request body of a valid, bounded Content-Length; else return the error answer."""
        if self.headers.get("Transfer-Encoding"):
            return self.refuse(411, "send the body with a Content-Length (no chunked encoding)")
        values = self.headers.get_all("Content-Length") or ["0"]
        if len(set(values)) != 1 or not re.fullmatch(r"\s*[0-9]{1,12}\s*", values[0]):
            return self.refuse(400, "bad Content-Length: one non-negative whole number expected")
        length = int(values[0])
        if length > MAX_BODY:
            return self.refuse(413, f"request body larger than {MAX_BODY} bytes")
        body = await self.request.read_body(length)
        if len(body) < length:
            return self.refuse(408, "the request body was shorter than its Content-Length")
        return body

    @staticmethod
    def refuse(status: int, message: str) -> Response:
        """Return an error after which the connection is closed (the body framing is unknown)."""
        answer = fail(status, message)
        answer.close = True
        return answer

    async def sparql_post(self) -> Response:
        raw = await self.read_body()
        if isinstance(raw, Response):
            return raw
        body = raw.decode("utf-8", errors="replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(self.request.path.partition("?")[2], keep_blank_values=True)
        if ctype == "application/x-www-form-urlencoded":
            for k, v in parse_qs(body, keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
            return await self.sparql(params, None)
        if ctype == "application/sparql-query":
            return await self.sparql(params, body)
        if ctype == "application/sparql-update":
            return fail(403, READ_ONLY)
        return fail(415, "POST application/x-www-form-urlencoded or application/sparql-query")

    async def sparql(self, params: dict, direct: str | None) -> Response:
        """Check one query request and run it in a worker."""
        queries = params.get("query", []) + ([direct] if direct is not None else [])
        if "update" in params:
            return fail(403, READ_ONLY)
        if not queries:
            return self.describe_service()
        if len(queries) > 1:
            return fail(400, "give exactly one query")
        if uses_service(queries[0]):
            return fail(400, "SERVICE (federated query) is not allowed: this endpoint makes "
                             "no outside requests")
        if self.config.pool is None:
            return fail(503, "the SPARQL endpoint is disabled")
        status, headers, body = await self.config.pool.run(
            queries[0], self.headers.get("Accept"), params.get("default-graph-uri", ()),
            params.get("named-graph-uri", ()))
        headers = {**headers, "Vary": "Accept"}
        if status == 200 and self.command in ("GET", "HEAD"):
            return self.validated(body, headers)
        return Response(status, body, headers)

    def validated(self, body: bytes, headers: dict) -> Response:
        """Return a GET answer with a strong ETag (its hash) and the data's Last-Modified."""
        mtime = self.config.data_mtime()
        headers = {**headers, "ETag": '"' + hashlib.sha256(body).hexdigest()[:32] + '"',
                   "Last-Modified": self.config.last_modified(), "Cache-Control": CACHE_CONTROL}
        if not_modified(self.headers, headers["ETag"], mtime):
            return not_modified_response(headers)
        return Response(200, body, headers)

    def describe_service(self) -> Response:
        """Answer GET /sparql without a query: the Service Description (RDF) or the query form."""
        if self.command not in ("GET", "HEAD"):
            return fail(400, "missing the query parameter")
        key = choose_representation(self.headers.get("Accept"))
        if key is None:
            return fail(400, "missing the query parameter", {"Vary": "Accept"})
        pool = self.config.pool
        limits = (pool.timeout, pool.max_rows) if pool else (0, 0)
        if key != "html":
            fmt = BY_KEY[key]
            body = service_description(self.config.meta, *limits, fmt)
            return self.validated(body, {"Content-Type": content_type(fmt.media_type),
                                         "Vary": "Accept"})
        page = render("site/sparql-form.html", csp=CSP, prefix=self.split_path()[1],
                      prefixes=PREFIXES, max_rows=limits[1], timeout=limits[0])
        return Response(200, page.encode("utf-8"), {"Content-Type": CONTENT_TYPES[".html"],
                                                    "Vary": "Accept"})
