"""The server's SPARQL side: /sparql, a SPARQL 1.1 Protocol query endpoint (GET, POST form, POST
application/sparql-query) over the worker processes' stores.

Updates are refused: the store is never written after loading. SERVICE is refused too: Oxigraph
would fetch from the URL it names, so the endpoint would make requests on a client's behalf.
"""
from __future__ import annotations

from urllib.parse import parse_qs

from ykg.foundation.constants import PREFIXES
from ykg.foundation.sparql import uses_service
from ykg.foundation.templating import render

from .negotiation import CONTENT_TYPES, CSP, choose_representation
from .serve_files import FileHandler

MAX_BODY = 1 << 20  # largest accepted POST body (bytes)
READ_ONLY = "this endpoint is read-only: SPARQL Update is not accepted"


class SparqlHandler(FileHandler):
    """The file handler plus the read-only SPARQL endpoint at /sparql."""

    def sparql_get(self, query_string: str) -> None:
        self.sparql(parse_qs(query_string, keep_blank_values=True), None)

    def sparql_post(self) -> None:
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            return self.fail(400, "bad Content-Length")
        if length > MAX_BODY:
            return self.fail(413, f"request body larger than {MAX_BODY} bytes")
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(self.path.partition("?")[2], keep_blank_values=True)
        if ctype == "application/x-www-form-urlencoded":
            for k, v in parse_qs(body, keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
            self.sparql(params, None)
        elif ctype == "application/sparql-query":
            self.sparql(params, body)
        elif ctype == "application/sparql-update":
            self.fail(403, READ_ONLY)
        else:
            self.fail(415, "POST application/x-www-form-urlencoded or application/sparql-query")

    def sparql(self, params: dict, direct: str | None) -> None:
        """Check one query request and run it in a worker."""
        queries = params.get("query", []) + ([direct] if direct is not None else [])
        if "update" in params:
            return self.fail(403, READ_ONLY)
        if not queries:
            return self.form()
        if len(queries) > 1:
            return self.fail(400, "give exactly one query")
        if uses_service(queries[0]):
            return self.fail(400, "SERVICE (federated query) is not allowed: this endpoint makes "
                                  "no outside requests")
        if self.config.pool is None:
            return self.fail(503, "the SPARQL endpoint is disabled")
        status, headers, body = self.config.pool.run(
            queries[0], self.headers.get("Accept"), params.get("default-graph-uri", ()),
            params.get("named-graph-uri", ()))
        self.send(status, body, {**headers, "Vary": "Accept"})

    def form(self) -> None:
        """Answer a browser's GET without a query with the query form; others get 400."""
        if self.command not in ("GET", "HEAD") or choose_representation(
                self.headers.get("Accept")) != "html":
            return self.fail(400, "missing the query parameter")
        pool = self.config.pool
        page = render("site/sparql-form.html", csp=CSP, prefix=self.split_path()[1],
                      prefixes=PREFIXES, max_rows=pool.max_rows if pool else 0,
                      timeout=pool.timeout if pool else 0)
        self.send(200, page.encode("utf-8"), {"Content-Type": CONTENT_TYPES[".html"]})
