"""The server's file side: static files, and 303 See Other from resource IRIs to their documents.

Resource IRIs ``{base}/id/{local}`` answer ``303 See Other`` to ``/doc/{local}.html|.ttl|.jsonld|.nt``
chosen by the Accept header (q-values weighed; ties go to the more specific media range, then to
HTML, Turtle, JSON-LD, N-Triples), with ``Vary: Accept``. Why 303: an IRI under /id/ names a thing,
not a web page; the redirect keeps the thing and the document about it apart (W3C "Cool URIs for
the Semantic Web", httpRange-14) and is what the static rewrite recipes can do on any host.
``/doc/{local}`` without an extension answers 200 with ``Vary: Accept`` and ``Content-Location``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import quote, unquote

from .negotiation import (CONTENT_TYPES, CSP, DATASET_PATH, LOCAL_RE, REPRESENTATIONS,
                          choose_representation)


@dataclass
class SiteConfig:
    """What the request handler needs to know about the site it serves."""

    root: Path
    base: str
    base_path: str
    pool: object | None  # sparql_workers.QueryPool, or None when SPARQL is off
    quiet: bool = False


class FileHandler(BaseHTTPRequestHandler):
    """Answer GET and HEAD for the files of one published site; /sparql is left to a subclass."""

    server_version = "ykg-serve/0.1"
    protocol_version = "HTTP/1.1"
    config: SiteConfig  # set on the subclass made by make_server

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
        if self.command != "HEAD":
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

    def _method_not_allowed(self):
        self.fail(405, "method not allowed", {"Allow": "GET, HEAD, POST"})

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
        elif path == "/def":
            self.see_other(prefix, "ontology")
        else:
            self.static(path, prefix)

    def negotiated(self) -> str | None:
        """Return the representation the Accept header asks for, or answer 406 and return None."""
        key = choose_representation(self.headers.get("Accept"))
        if key is None:
            types = ", ".join(mt for _, mt in REPRESENTATIONS.values())
            self.fail(406, f"not acceptable: this resource is available as {types}",
                      {"Vary": "Accept"})
        return key

    def has_resource(self, local: str) -> bool:
        return bool(LOCAL_RE.match(local)) and (self.config.root / "doc" / f"{local}.html").is_file()

    def resource(self, local: str, prefix: str) -> None:
        if not self.has_resource(local):
            self.fail(404, f"no resource {prefix}/id/{local}")
        elif (key := self.negotiated()) is not None:
            self.redirect(f"{prefix}/doc/{quote(local)}{REPRESENTATIONS[key][0]}")

    def document(self, local: str, prefix: str) -> None:
        if not self.has_resource(local):
            self.fail(404, f"no document {prefix}/doc/{local}")
        elif (key := self.negotiated()) is not None:
            ext = REPRESENTATIONS[key][0]
            self.send_file(self.config.root / "doc" / f"{local}{ext}",
                           {"Vary": "Accept", "Content-Location": f"{prefix}/doc/{quote(local)}{ext}"})

    def see_other(self, prefix: str, stem: str) -> None:
        if (key := self.negotiated()) is not None:
            self.redirect(f"{prefix}/{stem}{REPRESENTATIONS[key][0]}")

    def redirect(self, location: str) -> None:
        """Answer 303 See Other (varying by Accept) to location."""
        self.send(303, f"See Other: {location}\n".encode("utf-8"),
                  {"Location": location, "Vary": "Accept"})

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
        headers = dict(headers or {})
        suffix = path.suffix if path.name != ".htaccess" else ".htaccess"
        headers.setdefault("Content-Type", CONTENT_TYPES.get(suffix, "application/octet-stream"))
        try:
            body = path.read_bytes()
        except OSError:
            return self.fail(404, "not found")
        self.send(200, body, headers)
