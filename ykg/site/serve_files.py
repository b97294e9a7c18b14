"""The server's file side: static files, and 303 See Other from resource IRIs to their documents.

Resource IRIs ``{base}/id/{local}`` answer ``303 See Other`` to ``/doc/{local}.html|.ttl|.jsonld|.nt``
chosen by the Accept header (q-values weighed; ties go to the more specific media range, then to
HTML, Turtle, JSON-LD, N-Triples), with ``Vary: Accept``. Why 303: an IRI under /id/ names a thing,
not a web page; the redirect keeps the thing and the document about it apart (W3C "Cool URIs for
the Semantic Web", httpRange-14) and is what the static rewrite recipes can do on any host.
``/doc/{local}`` without an extension answers 200 with ``Vary: Accept`` and ``Content-Location``.

Each request becomes one Response; the ASGI application (serve_asgi) writes it to the client.
"""
from __future__ import annotations

import asyncio
import hashlib
import os
import re
import threading
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path
from urllib.parse import quote, unquote

from .negotiation import (CACHE_CONTROL, CONTENT_TYPES, CSP, DATASET_PATH, LOCAL_RE,
                          REPRESENTATIONS, VOCABULARY_PATH, choose_representation)

SERVER = "ykg-serve/0.1"  # the Server header: the site's pages look for it to use /sparql
READ_TIMEOUT = 15.0  # seconds a connection may stay silent (idle keep-alive, slow or short body)
MAX_ETAGS = 50_000   # ETags kept in memory; the table starts afresh when full
_etags: dict[tuple, str] = {}
_etags_lock = threading.Lock()  # large files are read in executor threads


def entity_tag(path: Path, st: os.stat_result, body: bytes) -> str:
    """Return a strong ETag of a file: a hash of its bytes, remembered per (path, mtime, size)."""
    key = (str(path), st.st_mtime_ns, st.st_size, st.st_ino)
    tag = _etags.get(key)
    if tag is None:
        tag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        with _etags_lock:
            if len(_etags) >= MAX_ETAGS:
                _etags.clear()
            _etags[key] = tag
    return tag


def not_modified(headers, etag: str, mtime: float) -> bool:
    """Tell whether a conditional GET is answered 304 (If-None-Match wins over If-Modified-Since)."""
    inm = headers.get("If-None-Match")
    if inm is not None:
        tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
        return "*" in tags or etag in tags
    ims = headers.get("If-Modified-Since")
    if ims:
        try:
            return int(mtime) <= parsedate_to_datetime(ims).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
    return False


@dataclass
class SiteConfig:
    """What the request handler needs to know about the site it serves."""

    root: Path
    base: str
    base_path: str
    pool: object | None  # sparql_workers.QueryPool, or None when SPARQL is off
    quiet: bool = False
    meta: dict | None = None  # site.json
    _mtime: float | None = None
    _last_modified: str = ""

    def data_mtime(self) -> float:
        """Return when the data the store was loaded from last changed (the dump's mtime)."""
        if self._mtime is None:  # read once: the workers load the dump when the server starts
            try:
                self._mtime = (self.root / "dumps" / "ykg.trig").stat().st_mtime
            except OSError:
                self._mtime = 0.0
            self._last_modified = formatdate(self._mtime, usegmt=True)
        return self._mtime

    def last_modified(self) -> str:
        """Return the Last-Modified header of answers computed from the data."""
        self.data_mtime()
        return self._last_modified


class Headers:
    """The header fields of a request, looked up case-insensitively."""

    def __init__(self, fields: list[tuple[str, str]]):
        self.fields = fields

    def get(self, name: str, default=None):
        name = name.lower()
        for k, v in self.fields:
            if k == name:
                return v
        return default

    def get_all(self, name: str) -> list[str]:
        name = name.lower()
        return [v for k, v in self.fields if k == name]


@dataclass
class Request:
    """One HTTP request: method, request target (path and query) and header fields."""

    method: str
    path: str
    headers: Headers
    read_body: object = None  # async (length) -> the bytes that came before the read timeout


@dataclass
class Response:
    """One whole answer; bare answers (304) carry only the headers given."""

    status: int
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    bare: bool = False
    close: bool = False  # close the connection after this answer (its framing cannot be trusted)

    def header_list(self) -> list[tuple[bytes, bytes]]:
        """Return the headers to send, with the security headers every full answer carries."""
        headers = {"Server": SERVER, **self.headers}
        if not self.bare:
            headers.setdefault("Content-Type", "text/plain; charset=utf-8")
            headers.setdefault("X-Content-Type-Options", "nosniff")
            headers.setdefault("Access-Control-Allow-Origin", "*")
            headers.setdefault("Referrer-Policy", "no-referrer")
            if headers["Content-Type"].startswith("text/html"):
                headers.setdefault("Content-Security-Policy", CSP + "; frame-ancestors 'none'")
            headers["Content-Length"] = str(len(self.body))
        if self.close:
            headers["Connection"] = "close"
        return [(k.encode("latin-1"), str(v).encode("latin-1")) for k, v in headers.items()]


def fail(status: int, message: str, headers: dict | None = None) -> Response:
    """Return an error as one line of plain text."""
    return Response(status, (message.rstrip() + "\n").encode("utf-8"), dict(headers or {}))


LARGE_FILE = 1 << 18  # files from this size on are read in a thread, off the event loop


class FileHandler:
    """Answer GET and HEAD for the files of one published site; /sparql is left to a subclass."""

    def __init__(self, config: SiteConfig, request: Request):
        self.config = config
        self.request = request
        self.headers = request.headers
        self.command = request.method

    async def handle(self) -> Response:
        """Answer the request by method."""
        method = self.command
        if method in ("GET", "HEAD"):
            return await self.route()
        if method == "POST":
            path, _, _ = self.split_path()
            if path == "/sparql":
                return await self.sparql_post()
            return fail(405, "method not allowed: only GET and HEAD here", {"Allow": "GET, HEAD"})
        if method == "OPTIONS":
            return self.options()
        return fail(405, "method not allowed", {"Allow": "GET, HEAD, POST, OPTIONS"})

    def options(self) -> Response:
        """Answer a CORS preflight: /sparql takes GET and POST from any origin, files GET."""
        path, _, _ = self.split_path()
        methods = "GET, HEAD, POST, OPTIONS" if path == "/sparql" else "GET, HEAD, OPTIONS"
        return Response(204, b"", {"Allow": methods, "Access-Control-Allow-Methods": methods,
                                   "Access-Control-Allow-Headers": "Accept, Content-Type",
                                   "Access-Control-Max-Age": "86400"})

    async def sparql_get(self, query_string: str) -> Response:
        return fail(404, "no SPARQL endpoint here")

    async def sparql_post(self) -> Response:
        return fail(404, "no SPARQL endpoint here")

    def split_path(self) -> tuple[str | None, str, str]:
        """Return (path under the base, prefix, query string); path None when it is unsafe."""
        target = self.request.path
        if not target.startswith("/"):
            return None, "", ""
        raw_path, _, query = target.partition("?")
        path = unquote(raw_path.split("#", 1)[0])
        if "\x00" in path or "\\" in path or any(s in (".", "..") for s in path.split("/")):
            return None, "", query
        prefix, bp = "", self.config.base_path
        if bp and (path == bp or path.startswith(bp + "/")):
            prefix, path = bp, path[len(bp):] or "/"
        return path, prefix, query

    async def route(self) -> Response:
        """Dispatch a GET or HEAD by path."""
        path, prefix, query = self.split_path()
        if path is None:
            return fail(403, "forbidden: the path leaves the site")
        if path == "/sparql":
            return await self.sparql_get(query)
        if m := re.match(r"^/id/(.+)$", path):
            return self.resource(m.group(1), prefix)
        if (m := re.match(r"^/doc/(.+)$", path)) and "." not in m.group(1).rsplit("/", 1)[-1]:
            return await self.document(m.group(1), prefix)
        if re.match(rf"^/({DATASET_PATH})$", path):
            return self.see_other(prefix, "dataset")
        if re.match(rf"^/({VOCABULARY_PATH})$", path):
            return self.see_other(prefix, "ontology")
        return await self.static(path, prefix)

    def negotiated(self, stem: Path) -> str | Response:
        """Return the representation (among the files stem.*) the Accept header asks for, or 406."""
        available = [k for k, (ext, _) in REPRESENTATIONS.items()
                     if stem.with_name(stem.name + ext).is_file()]
        key = choose_representation(self.headers.get("Accept"), available)
        if key is None:
            types = ", ".join(REPRESENTATIONS[k][1] for k in available)
            return fail(406, f"not acceptable: this resource is available as {types}",
                        {"Vary": "Accept"})
        return key

    def has_resource(self, local: str) -> bool:
        return bool(LOCAL_RE.match(local)) and _is_file(self.config.root / "doc" / f"{local}.html")

    def resource(self, local: str, prefix: str) -> Response:
        if not self.has_resource(local):
            return fail(404, f"no resource {prefix}/id/{local}")
        key = self.negotiated(self.config.root / "doc" / local)
        if isinstance(key, Response):
            return key
        return self.redirect(f"{prefix}/doc/{quote(local)}{REPRESENTATIONS[key][0]}")

    async def document(self, local: str, prefix: str) -> Response:
        if not self.has_resource(local):
            return fail(404, f"no document {prefix}/doc/{local}")
        key = self.negotiated(self.config.root / "doc" / local)
        if isinstance(key, Response):
            return key
        ext = REPRESENTATIONS[key][0]
        return await self.send_file(
            self.config.root / "doc" / f"{local}{ext}",
            {"Vary": "Accept", "Content-Location": f"{prefix}/doc/{quote(local)}{ext}"})

    def see_other(self, prefix: str, stem: str) -> Response:
        key = self.negotiated(self.config.root / stem)
        if isinstance(key, Response):
            return key
        return self.redirect(f"{prefix}/{stem}{REPRESENTATIONS[key][0]}")

    def redirect(self, location: str) -> Response:
        """Answer 303 See Other (varying by Accept) to location."""
        return Response(303, f"See Other: {location}\n".encode("utf-8"),
                        {"Location": location, "Vary": "Accept", "Cache-Control": CACHE_CONTROL})

    async def static(self, path: str, prefix: str) -> Response:
        """Send a file of the site (index.html for a folder); nothing hidden, nothing outside."""
        root, rel_path = self.config.root, path.lstrip("/")
        if any(part.startswith(".") for part in rel_path.split("/") if part):
            return fail(404, "not found")
        try:
            resolved = ((root / rel_path) if rel_path else root).resolve()
            resolved.relative_to(root)
        except (ValueError, OSError):
            return fail(403, "forbidden: the path leaves the site")
        try:
            is_dir = resolved.is_dir()
        except OSError:  # a name the file system refuses (too long): no such file
            is_dir = False
        if is_dir:
            if rel_path and not path.endswith("/"):
                return Response(301, b"", {"Location": f"{prefix}{path}/"})
            resolved = resolved / "index.html"
        if not _is_file(resolved):
            return fail(404, f"not found: {prefix}{path}")
        return await self.send_file(resolved)

    async def send_file(self, path: Path, headers: dict | None = None) -> Response:
        """Send a file with its validators (strong ETag, Last-Modified); 304 when the client has it."""
        headers = dict(headers or {})
        suffix = path.suffix if path.name != ".htaccess" else ".htaccess"
        headers.setdefault("Content-Type", CONTENT_TYPES.get(suffix, "application/octet-stream"))
        try:
            if path.stat().st_size >= LARGE_FILE:
                st, body, tag = await asyncio.get_running_loop().run_in_executor(
                    None, _read_tagged, path)
            else:
                st, body, tag = _read_tagged(path)
        except OSError:
            return fail(404, "not found")
        headers.update({"ETag": tag, "Cache-Control": CACHE_CONTROL,
                        "Last-Modified": formatdate(st.st_mtime, usegmt=True)})
        if not_modified(self.headers, headers["ETag"], st.st_mtime):
            return not_modified_response(headers)
        return Response(200, body, headers)


def _is_file(path: Path) -> bool:
    """Tell whether path is a file; False for a name the file system refuses (too long)."""
    try:
        return path.is_file()
    except OSError:
        return False


def _read_tagged(path: Path) -> tuple[os.stat_result, bytes, str]:
    with open(path, "rb") as fh:
        st = os.fstat(fh.fileno())
        body = fh.read()
    return st, body, entity_tag(path, st, body)


def not_modified_response(headers: dict) -> Response:
    """Return 304 with the validators and no body."""
    kept = {k: headers[k] for k in ("ETag", "Last-Modified", "Cache-Control", "Vary",
                                    "Content-Location") if k in headers}
    return Response(304, b"", {**kept, "Access-Control-Allow-Origin": "*"}, bare=True)
