"""The server's file side: static files, and 303 See Other from resource IRIs to their documents.

Resource IRIs ``{base}/id/{local}`` answer ``303 See Other`` to ``/doc/{local}.html|.ttl|.jsonld|.nt``
chosen by the Accept header (q-values weighed; ties go to the more specific media range, then to
HTML, Turtle, JSON-LD, N-Triples), with ``Vary: Accept``. Why 303: an IRI under /id/ names a thing,
not a web page; the redirect keeps the thing and the document about it apart (W3C "Cool URIs for
the Semantic Web", httpRange-14) and is what the static rewrite recipes can do on any host.
``/doc/{local}`` without an extension answers 200 with ``Vary: Accept`` and ``Content-Location``.
"""
from __future__ import annotations

import hashlib
import os
import re
import threading
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import quote, unquote

from .negotiation import (CACHE_CONTROL, CONTENT_TYPES, CSP, DATASET_PATH, LOCAL_RE,
                          REPRESENTATIONS, VOCABULARY_PATH, choose_representation)

READ_TIMEOUT = 15.0  # seconds a connection may stay silent (idle keep-alive, slow or short body)
MAX_ETAGS = 50_000   # ETags kept in memory; the table starts afresh when full
_etags: dict[tuple, str] = {}
_etags_lock = threading.Lock()


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

    def data_mtime(self) -> float:
        """Return when the site's data last changed (the dump's modification time)."""
        try:
            return (self.root / "dumps" / "ykg.trig").stat().st_mtime
        except OSError:
            return 0.0


class FileHandler(BaseHTTPRequestHandler):
    """Answer GET and HEAD for the files of one published site; /sparql is left to a subclass."""

    server_version = "ykg-serve/0.1"
    protocol_version = "HTTP/1.1"
    timeout = READ_TIMEOUT  # socket timeout of each connection (StreamRequestHandler.setup)
    config: SiteConfig  # set on the subclass made by make_server

    def parse_request(self) -> bool:
        """Parse the request line and headers; refuse malformed header lines with 400."""
        if not super().parse_request():
            return False
        problems = sorted({type(d).__name__ for d in getattr(self.headers, "defects", ())})
        if any("\n" in v or "\r" in v for v in self.headers.values()):
            problems.append("a folded header line (obsolete line folding is refused)")
        if problems:
            self.close_connection = True
            self.fail(400, "malformed request headers: " + ", ".join(problems))
            return False
        return True

    def send_error(self, code, message=None, explain=None):
        """Answer a protocol error as one line of plain text, always with a status line."""
        if self.request_version == "HTTP/0.9":  # unknown yet: answer as HTTP/1.1
            self.request_version = "HTTP/1.1"
        self.close_connection = True
        try:
            phrase = HTTPStatus(code).phrase
        except ValueError:
            phrase = "error"
        self.fail(code, message or phrase, {"Connection": "close"})

    def log_message(self, fmt, *args):
        if not self.config.quiet:
            super().log_message(fmt, *args)

    def send(self, status: int, body: bytes = b"", headers: dict | None = None) -> None:
        """Send a whole response with the security headers every answer carries."""
        headers = dict(headers or {})
        self.send_response(status)
        headers.setdefault("Content-Type", "text/plain; charset=utf-8")
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Access-Control-Allow-Origin", "*")
        headers.setdefault("Referrer-Policy", "no-referrer")
        if headers["Content-Type"].startswith("text/html"):
            headers.setdefault("Content-Security-Policy", CSP + "; frame-ancestors 'none'")
        headers["Content-Length"] = str(len(body))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD" and status != 304:
            self.wfile.write(body)

    def fail(self, status: int, message: str, headers: dict | None = None) -> None:
        """Send an error as one line of plain text."""
        self.send(status, (message.rstrip() + "\n").encode("utf-8"), headers)

    def do_GET(self):
        self.route()

    def do_HEAD(self):
        self.route()

    def do_POST(self):
        path, _, _ = self.split_path()
        if path == "/sparql":
            self.sparql_post()
        else:
            self.fail(405, "method not allowed: only GET and HEAD here", {"Allow": "GET, HEAD"})

    def do_OPTIONS(self):
        """Answer a CORS preflight: /sparql takes GET and POST from any origin, files GET."""
        path, _, _ = self.split_path()
        methods = "GET, HEAD, POST, OPTIONS" if path == "/sparql" else "GET, HEAD, OPTIONS"
        self.send(204, b"", {"Allow": methods, "Access-Control-Allow-Methods": methods,
                             "Access-Control-Allow-Headers": "Accept, Content-Type",
                             "Access-Control-Max-Age": "86400"})

    def _method_not_allowed(self):
        self.fail(405, "method not allowed", {"Allow": "GET, HEAD, POST, OPTIONS"})

    do_PUT = do_DELETE = do_PATCH = _method_not_allowed

    def sparql_get(self, query_string: str) -> None:
        self.fail(404, "no SPARQL endpoint here")

    def sparql_post(self) -> None:
        self.fail(404, "no SPARQL endpoint here")

    def split_path(self) -> tuple[str | None, str, str]:
        """Return (path under the base, prefix, query string); path None when it is unsafe."""
        if not self.path.startswith("/"):
            return None, "", ""
        raw_path, _, query = self.path.partition("?")
        path = unquote(raw_path.split("#", 1)[0])
        if "\x00" in path or "\\" in path or any(s in (".", "..") for s in path.split("/")):
            return None, "", query
        prefix, bp = "", self.config.base_path
        if bp and (path == bp or path.startswith(bp + "/")):
            prefix, path = bp, path[len(bp):] or "/"
        return path, prefix, query

    def route(self):
        """Dispatch a GET or HEAD by path."""
        path, prefix, query = self.split_path()
        if path is None:
            self.fail(403, "forbidden: the path leaves the site")
        elif path == "/sparql":
            self.sparql_get(query)
        elif m := re.match(r"^/id/(.+)$", path):
            self.resource(m.group(1), prefix)
        elif (m := re.match(r"^/doc/(.+)$", path)) and "." not in m.group(1).rsplit("/", 1)[-1]:
            self.document(m.group(1), prefix)
        elif re.match(rf"^/({DATASET_PATH})$", path):
            self.see_other(prefix, "dataset")
        elif re.match(rf"^/({VOCABULARY_PATH})$", path):
            self.see_other(prefix, "ontology")
        else:
            self.static(path, prefix)

    def negotiated(self, stem: Path) -> str | None:
        """Return the representation (among the files stem.*) the Accept header asks for.

        Answers 406 and returns None when none is acceptable.
        """
        available = [k for k, (ext, _) in REPRESENTATIONS.items()
                     if stem.with_name(stem.name + ext).is_file()]
        key = choose_representation(self.headers.get("Accept"), available)
        if key is None:
            types = ", ".join(REPRESENTATIONS[k][1] for k in available)
            self.fail(406, f"not acceptable: this resource is available as {types}",
                      {"Vary": "Accept"})
        return key

    def has_resource(self, local: str) -> bool:
        return bool(LOCAL_RE.match(local)) and (self.config.root / "doc" / f"{local}.html").is_file()

    def resource(self, local: str, prefix: str) -> None:
        if not self.has_resource(local):
            self.fail(404, f"no resource {prefix}/id/{local}")
        elif (key := self.negotiated(self.config.root / "doc" / local)) is not None:
            self.redirect(f"{prefix}/doc/{quote(local)}{REPRESENTATIONS[key][0]}")

    def document(self, local: str, prefix: str) -> None:
        if not self.has_resource(local):
            self.fail(404, f"no document {prefix}/doc/{local}")
        elif (key := self.negotiated(self.config.root / "doc" / local)) is not None:
            ext = REPRESENTATIONS[key][0]
            self.send_file(self.config.root / "doc" / f"{local}{ext}",
                           {"Vary": "Accept", "Content-Location": f"{prefix}/doc/{quote(local)}{ext}"})

    def see_other(self, prefix: str, stem: str) -> None:
        if (key := self.negotiated(self.config.root / stem)) is not None:
            self.redirect(f"{prefix}/{stem}{REPRESENTATIONS[key][0]}")

    def redirect(self, location: str) -> None:
        """Answer 303 See Other (varying by Accept) to location."""
        self.send(303, f"See Other: {location}\n".encode("utf-8"),
                  {"Location": location, "Vary": "Accept", "Cache-Control": CACHE_CONTROL})

    def static(self, path: str, prefix: str) -> None:
        """Send a file of the site (index.html for a folder); nothing hidden, nothing outside."""
        root, rel_path = self.config.root, path.lstrip("/")
        if any(part.startswith(".") for part in rel_path.split("/") if part):
            return self.fail(404, "not found")
        try:
            resolved = ((root / rel_path) if rel_path else root).resolve()
            resolved.relative_to(root)
        except (ValueError, OSError):
            return self.fail(403, "forbidden: the path leaves the site")
        if resolved.is_dir():
            if rel_path and not path.endswith("/"):
                return self.send(301, b"", {"Location": f"{prefix}{path}/"})
            resolved = resolved / "index.html"
        if not resolved.is_file():
            return self.fail(404, f"not found: {prefix}{path}")
        self.send_file(resolved)

    def send_file(self, path: Path, headers: dict | None = None) -> None:
        """Send a file with its validators (strong ETag, Last-Modified); 304 when the client has it."""
        headers = dict(headers or {})
        suffix = path.suffix if path.name != ".htaccess" else ".htaccess"
        headers.setdefault("Content-Type", CONTENT_TYPES.get(suffix, "application/octet-stream"))
        try:
            with open(path, "rb") as fh:
                st = os.fstat(fh.fileno())
                body = fh.read()
        except OSError:
            return self.fail(404, "not found")
        headers.update({"ETag": entity_tag(path, st, body), "Cache-Control": CACHE_CONTROL,
                        "Last-Modified": formatdate(st.st_mtime, usegmt=True)})
        if not_modified(self.headers, headers["ETag"], st.st_mtime):
            return self.send_not_modified(headers)
        self.send(200, body, headers)

    def send_not_modified(self, headers: dict) -> None:
        """Answer 304 with the validators and no body."""
        self.send_response(304)
        for k in ("ETag", "Last-Modified", "Cache-Control", "Vary", "Content-Location"):
            if k in headers:
                self.send_header(k, headers[k])
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
