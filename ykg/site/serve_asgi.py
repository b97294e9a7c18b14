"""The site as an ASGI application, and the HTTP protocol uvicorn runs it with.

uvicorn (httptools, uvloop) parses HTTP and keeps the connections; this module turns each request
into a Request for the handlers (serve_files, serve_sparql) and writes back their Response.
"""
from __future__ import annotations

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from .serve_files import Headers, Request, Response, SiteConfig, fail
from .serve_sparql import SparqlHandler

MAX_HEADERS = 100  # header fields one request may carry (431 beyond); httptools sets no limit


class SiteApp:
    """ASGI application serving one published site (files, negotiation, /sparql)."""

    def __init__(self, config: SiteConfig, read_timeout: float):
        self.config = config
        self.read_timeout = read_timeout

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return
        answer = self.refused(scope)
        if answer is None:
            request = Request(scope["method"], self.target(scope), Headers(
                [(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]]),
                read_body=lambda length: self.read_body(receive, length))
            try:
                answer = await SparqlHandler(self.config, request).handle()
            except asyncio.CancelledError:  # the server stops before the answer is ready
                answer = fail(503, "the server is stopping; try again later")
                answer.close = True
        await send({"type": "http.response.start", "status": answer.status,
                    "headers": answer.header_list()})
        await send({"type": "http.response.body",
                    "body": b"" if scope["method"] == "HEAD" else answer.body})

    @staticmethod
    def target(scope) -> str:
        """Return the request target as sent: path and query string."""
        path = scope.get("raw_path") or scope["path"].encode("utf-8")
        query = scope.get("query_string") or b""
        return (path + (b"?" + query if query else b"")).decode("latin-1")

    @staticmethod
    def refused(scope) -> Response | None:
        """Return the answer to a request with too many header fields (None when it has not)."""
        if len(scope["headers"]) <= MAX_HEADERS:
            return None
        answer = fail(431, f"too many header fields (at most {MAX_HEADERS})")
        answer.close = True
        return answer

    async def read_body(self, receive, length: int) -> bytes:
        """Return the request body: length bytes, or fewer when the client falls silent."""
        chunks, got = [], 0
        while got < length:
            try:
                message = await asyncio.wait_for(receive(), self.read_timeout)
            except TimeoutError:
                break
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            got += len(chunks[-1])
            if not message.get("more_body", False):
                break
        return b"".join(chunks)


class SiteProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a read deadline on request headers.

    uvicorn closes an idle keep-alive connection, but waits forever for the rest of a request
    whose headers started; a client that never finishes them would hold its connection. Here the
    headers of every request must be complete within the keep-alive timeout (the read timeout).
    """

    _deadline = None

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self._arm()

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()

    def connection_lost(self, exc) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(self.timeout_keep_alive, self._expire)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            self.transport.close()

