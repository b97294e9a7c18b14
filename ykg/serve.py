"""Serve a published site: static files, content negotiation for resource IRIs, read-only SPARQL.

Resource IRIs ``{base}/id/{local}`` answer ``303 See Other`` to the document that describes them,
``/doc/{local}.html|.ttl|.jsonld|.nt``, chosen by the Accept header (q-values weighed; ties go to
the more specific media range, then to HTML, Turtle, JSON-LD, N-Triples in that order), with
``Vary: Accept``. Why 303 rather than 200: an IRI under /id/ names a program, a department or a
person, not a web page; the redirect keeps the thing and the document about it apart (W3C "Cool
URIs for the Semantic Web", httpRange-14), gives every representation its own URL, and is exactly
what the static rewrite rules written by ``ykg publish`` can do on any host. ``/doc/{local}``
without an extension answers 200 with ``Vary: Accept`` and ``Content-Location``.

``/sparql`` is a SPARQL 1.1 Protocol query endpoint (GET, POST form, POST application/sparql-query)
over an embedded Oxigraph store loaded from the site's dump. Queries run in worker processes: one
that passes the time limit is killed and replaced. Results stop at a row cap (the response then
carries ``X-SPARQL-MaxRows``). Updates are refused: the store is never written after loading.
SERVICE is refused too: Oxigraph would fetch from the URL it names, so the endpoint would make
requests on a client's behalf.
"""
from __future__ import annotations

import html
import ipaddress
import json
import multiprocessing
import queue
import re
import signal
import socket
import sys
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote

from .publish import CONTENT_TYPES, CSP, LOCAL_RE, MARKER, REPRESENTATIONS, ACCEPT_ALIASES

DEFAULT_SITE = Path("build") / "site"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_ROWS = 10_000
DEFAULT_WORKERS = 2
MAX_BODY = 1 << 20  # largest accepted POST body (bytes)
WORKER_START_TIMEOUT = 120.0

# Result formats of the endpoint: key -> media types that select it (first = the one sent).
SOLUTION_FORMATS = {"json": ("application/sparql-results+json", "application/json"),
                    "xml": ("application/sparql-results+xml", "application/xml"),
                    "csv": ("text/csv",), "tsv": ("text/tab-separated-values",)}
GRAPH_FORMATS = {"ttl": ("text/turtle", "application/x-turtle"),
                 "nt": ("application/n-triples", "text/plain"),
                 "jsonld": ("application/ld+json",), "rdfxml": ("application/rdf+xml",)}


class ServeError(Exception):
    """A problem that stops the server from starting (no site, port in use)."""


# -- content negotiation --------------------------------------------------------------------------

def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Return the media ranges of an Accept header with their q-values (malformed parts skipped)."""
    if header is None or not header.strip():
        return [("*/*", 1.0)]
    ranges = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not re.match(r"^[a-z0-9!#$&^_.+*-]+/[a-z0-9!#$&^_.+*-]+$", media):
            continue
        q = 1.0
        for f in fields[1:]:
            name, _, value = f.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges


def negotiate(accept: str | None, offers: dict[str, tuple[str, ...]]) -> str | None:
    """Choose the offer (key -> media types, in server preference order) the Accept header ranks best."""
    ranges = parse_accept(accept)
    best, best_score = None, None
    for order, (key, types) in enumerate(offers.items()):
        match_q, specificity = None, -1
        for media, q in ranges:
            for i, t in enumerate(types):
                # Aliases (later types) match only by name; type/* ranges match the type we send.
                kind = t.split("/")[0]
                spec = (2 if media == t else 1 if media == f"{kind}/*" and i == 0
                        else 0 if media == "*/*" else -1)
                if spec > specificity:
                    match_q, specificity = q, spec
        if match_q is None or match_q <= 0:
            continue
        score = (match_q, specificity, -order)
        if best_score is None or score > best_score:
            best, best_score = key, score
    return best


RESOURCE_OFFERS = {key: ACCEPT_ALIASES[key] for key in REPRESENTATIONS}


def choose_representation(accept: str | None) -> str | None:
    """Return the representation key (html, ttl, jsonld, nt) for an Accept header, or None (406)."""
    return negotiate(accept, RESOURCE_OFFERS)


# SPARQL text without its comments, strings and IRIs, so that keywords can be looked for safely.
_SPARQL_SKIP = re.compile(r'''"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\''''
                          r'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>|#[^\n]*''')
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE\b", re.IGNORECASE)


def uses_service(query: str) -> bool:
    """Tell whether a query calls SERVICE: Oxigraph would fetch from that URL, so it is refused."""
    return bool(_SERVICE.search(_SPARQL_SKIP.sub(" ", query)))


# -- the SPARQL workers ---------------------------------------------------------------------------

def _term_json(term) -> dict:
    import pyoxigraph as ox
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _term_xml(term) -> str:
    import pyoxigraph as ox
    esc = lambda s: html.escape(s, quote=True)  # noqa: E731
    if isinstance(term, ox.NamedNode):
        return f"<uri>{esc(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{esc(term.value)}</bnode>"
    if term.language:
        return f'<literal xml:lang="{esc(term.language)}">{esc(term.value)}</literal>'
    if term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        return f'<literal datatype="{esc(term.datatype.value)}">{esc(term.value)}</literal>'
    return f"<literal>{esc(term.value)}</literal>"


def serialize_solutions(fmt: str, variables: list[str], rows: list[list], boolean=None) -> bytes:
    """Serialize SELECT rows (or an ASK boolean) as SPARQL JSON, XML, CSV or TSV results."""
    import csv
    import io
    if fmt == "json":
        if boolean is not None:
            doc = {"head": {}, "boolean": boolean}
        else:
            doc = {"head": {"vars": variables}, "results": {"bindings": [
                {v: _term_json(t) for v, t in zip(variables, row) if t is not None} for row in rows]}}
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
        if boolean is not None:
            out.append(f"</head>\n<boolean>{'true' if boolean else 'false'}</boolean>\n</sparql>\n")
            return "".join(out).encode("utf-8")
        out += [f'<variable name="{html.escape(v)}"/>' for v in variables]
        out.append("</head>\n<results>\n")
        for row in rows:
            out.append("<result>" + "".join(
                f'<binding name="{html.escape(v)}">{_term_xml(t)}</binding>'
                for v, t in zip(variables, row) if t is not None) + "</result>\n")
        out.append("</results>\n</sparql>\n")
        return "".join(out).encode("utf-8")
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        if boolean is not None:
            w.writerow(["_askResult"])
            w.writerow(["true" if boolean else "false"])
        else:
            w.writerow(variables)
            for row in rows:
                w.writerow(["" if t is None else (f"_:{t.value}" if type(t).__name__ == "BlankNode"
                                                  else t.value) for t in row])
        return buf.getvalue().encode("utf-8")
    if fmt == "tsv":
        if boolean is not None:
            return f"?_askResult\n{'true' if boolean else 'false'}\n".encode("utf-8")
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise ValueError(fmt)


def run_query(store, query: str, accept: str | None, max_rows: int,
              default_graphs=(), named_graphs=()) -> tuple[int, dict, bytes]:
    """Run one read-only query on a store; return (HTTP status, headers, body)."""
    import pyoxigraph as ox
    text = lambda status, msg: (status, {"Content-Type": "text/plain; charset=utf-8"},  # noqa: E731
                                (msg.rstrip() + "\n").encode("utf-8"))
    kwargs: dict = {}
    try:
        if default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        else:
            kwargs["use_default_graph_as_union"] = True
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    except ValueError as exc:
        return text(400, f"bad graph IRI: {exc}")
    try:
        result = store.query(query, **kwargs)
        headers: dict = {}
        if isinstance(result, ox.QueryBoolean):
            fmt = negotiate(accept, SOLUTION_FORMATS)
            if fmt is None:
                return text(406, "not acceptable: ASK results come as " + _list(SOLUTION_FORMATS))
            body = serialize_solutions(fmt, [], [], boolean=bool(result))
            return 200, {"Content-Type": _ctype(SOLUTION_FORMATS[fmt][0])}, body
        if isinstance(result, ox.QuerySolutions):
            fmt = negotiate(accept, SOLUTION_FORMATS)
            if fmt is None:
                return text(406, "not acceptable: SELECT results come as " + _list(SOLUTION_FORMATS))
            variables = [v.value for v in result.variables]
            rows = []
            for sol in result:
                if len(rows) >= max_rows:
                    headers["X-SPARQL-MaxRows"] = str(max_rows)
                    break
                rows.append([sol[v] for v in variables])
            headers["Content-Type"] = _ctype(SOLUTION_FORMATS[fmt][0])
            return 200, headers, serialize_solutions(fmt, variables, rows)
        fmt = negotiate(accept, GRAPH_FORMATS)
        if fmt is None:
            return text(406, "not acceptable: CONSTRUCT/DESCRIBE results come as "
                        + _list(GRAPH_FORMATS))
        triples = []
        for t in result:
            if len(triples) >= max_rows:
                headers["X-SPARQL-MaxRows"] = str(max_rows)
                break
            triples.append(t)
        rdf_format = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
                      "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}[fmt]
        headers["Content-Type"] = _ctype(GRAPH_FORMATS[fmt][0])
        return 200, headers, ox.serialize(triples, format=rdf_format)
    except SyntaxError as exc:
        return text(400, f"malformed query (this endpoint is read-only: queries only): {exc}")
    except (ValueError, OSError, RuntimeError) as exc:
        return text(400, f"query failed: {exc}")


def _list(formats: dict) -> str:
    return ", ".join(types[0] for types in formats.values())


def _ctype(media: str) -> str:
    return media + ("; charset=utf-8" if media.startswith("text/") else "")


def load_site_store(site: Path):
    """Load the site's dump (every named graph) and its dataset description into a new store."""
    import pyoxigraph as ox
    site = Path(site)
    meta = read_site_meta(site)
    store = ox.Store()
    store.bulk_load(path=str(site / "dumps" / "ykg.trig"), format=ox.RdfFormat.TRIG)
    description = site / "dataset.ttl"
    if description.is_file():
        store.bulk_load(path=str(description), format=ox.RdfFormat.TURTLE,
                        to_graph=ox.NamedNode(f"{meta['base']}/graph/dataset"))
    return store


def _worker_main(conn, site: str) -> None:
    """Worker process: load the store once, then answer queries sent over the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when workers stop
    try:
        store = load_site_store(Path(site))
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which fails to start
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        conn.send(run_query(store, *msg))


class _Worker:
    def __init__(self, ctx, site: Path):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, str(site)), daemon=True,
                                name="ykg-sparql-worker")
        self.proc.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise ServeError(f"the SPARQL worker did not load the store within {timeout:.0f} s")
        status, detail = self.conn.recv()
        if status != "ready":
            self.kill()
            raise ServeError(f"the SPARQL worker could not load the store: {detail}")

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class QueryPool:
    """Worker processes holding the store; a query over the time limit kills its worker."""

    def __init__(self, site: Path, workers: int = DEFAULT_WORKERS, timeout: float = DEFAULT_TIMEOUT,
                 max_rows: int = DEFAULT_MAX_ROWS):
        self.site = Path(site)
        self.timeout = timeout
        self.max_rows = max_rows
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.Queue = queue.Queue()
        self._closed = False
        started = [_Worker(self._ctx, self.site) for _ in range(max(1, workers))]
        try:
            for w in started:
                w.wait_ready(WORKER_START_TIMEOUT)
        except ServeError:
            for w in started:
                w.kill()
            raise
        for w in started:
            self._idle.put(w)
        self.timeouts = 0

    def _replace(self) -> None:
        def start():
            w = _Worker(self._ctx, self.site)
            try:
                w.wait_ready(WORKER_START_TIMEOUT)
            except ServeError as exc:
                print(f"ykg serve: {exc}", file=sys.stderr)
                return
            if self._closed:
                w.kill()
            else:
                self._idle.put(w)
        threading.Thread(target=start, daemon=True).start()

    def run(self, query: str, accept: str | None, default_graphs=(), named_graphs=()):
        """Run a query in a worker; return (status, headers, body)."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return 503, {"Content-Type": "text/plain; charset=utf-8", "Retry-After": "5"}, \
                b"every query worker is busy; try again\n"
        try:
            worker.conn.send((query, accept, self.max_rows, list(default_graphs), list(named_graphs)))
            if worker.conn.poll(self.timeout):
                result = worker.conn.recv()
                self._idle.put(worker)
                return result
        except (EOFError, OSError, BrokenPipeError):
            worker.kill()
            self._replace()
            return 500, {"Content-Type": "text/plain; charset=utf-8"}, b"the query worker failed\n"
        worker.kill()
        self.timeouts += 1
        self._replace()
        return 503, {"Content-Type": "text/plain; charset=utf-8"}, (
            f"query stopped: it ran longer than the time limit of {self.timeout:g} s\n").encode()

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                w = self._idle.get_nowait()
            except queue.Empty:
                break
            try:
                w.conn.send(None)
            except OSError:
                pass
            w.kill()


# -- the HTTP server ------------------------------------------------------------------------------

def read_site_meta(site: Path) -> dict:
    """Read site.json of a published site; raise ServeError when the folder is not one."""
    site = Path(site)
    marker = site / MARKER
    if not marker.is_file() or not (site / "dumps" / "ykg.trig").is_file():
        raise ServeError(f"{site} is not a site written by `ykg publish` (no {MARKER} or "
                         "dumps/ykg.trig); run `ykg publish --out DIR` first")
    try:
        return json.loads(marker.read_text(encoding="utf-8"))
    except (ValueError, OSError) as exc:
        raise ServeError(f"{marker}: {exc}") from None


@dataclass
class SiteConfig:
    """What the request handler needs to know about the site it serves."""

    root: Path
    base: str
    base_path: str
    pool: QueryPool | None
    quiet: bool = False


SPARQL_FORM = """<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>SPARQL | ykg</title>
<meta http-equiv="Content-Security-Policy" content="{csp}">
<link rel="icon" href="data:,"><link rel="stylesheet" href="{prefix}/assets/style.css"></head>
<body><main><h1>SPARQL <span class="en" lang="en">read-only endpoint</span></h1>
<p>SPARQL 1.1 Protocol: <code>GET {prefix}/sparql?query=…</code> or POST. Union of the named graphs
as the default graph; at most {max_rows:,} rows; time limit {timeout:g} s. Updates are refused.</p>
<form action="{prefix}/sparql" method="get"><textarea name="query" rows="12" cols="100">{example}</textarea>
<p><button type="submit">実行 / Run</button></p></form>
<p><a href="{prefix}/queries.html">クエリ集 / query catalogue</a> ・ <a href="{prefix}/index.html">ホーム / Home</a></p>
</main></body></html>
"""
EXAMPLE_QUERY = """PREFIX ykg: <https://w3id.org/ykg/def#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?project ?label WHERE {
  ?project a ykg:SakigakeProject ; ykg:number ?n ; rdfs:label ?label .
  FILTER(LANG(?label) = "ja")
} ORDER BY ?n"""


class Handler(BaseHTTPRequestHandler):
    """Answer GET, HEAD and POST for one published site."""

    server_version = "ykg-serve/0.1"
    protocol_version = "HTTP/1.1"
    config: SiteConfig  # set on the subclass made by make_server

    # -- plumbing --
    def log_message(self, fmt, *args):
        if not self.config.quiet:
            super().log_message(fmt, *args)

    def send(self, status: int, body: bytes = b"", headers: dict | None = None) -> None:
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
        self.send(status, (message.rstrip() + "\n").encode("utf-8"), headers)

    def do_GET(self):
        self.route()

    def do_HEAD(self):
        self.route()

    def do_POST(self):
        path, _, _ = self._split()
        if path == "/sparql":
            self.sparql_post()
        else:
            self.fail(405, "method not allowed: only GET and HEAD here", {"Allow": "GET, HEAD"})

    def _method_not_allowed(self):
        self.fail(405, "method not allowed", {"Allow": "GET, HEAD, POST"})

    do_PUT = do_DELETE = do_PATCH = _method_not_allowed

    def _split(self) -> tuple[str | None, str, str]:
        """Return (path under the base, prefix, query string); path None when it is unsafe."""
        raw = self.path
        if not raw.startswith("/"):
            return None, "", ""
        raw_path, _, query = raw.partition("?")
        raw_path = raw_path.split("#", 1)[0]
        path = unquote(raw_path)
        if "\x00" in path or "\\" in path:
            return None, "", query
        segments = path.split("/")
        if any(s in (".", "..") for s in segments):
            return None, "", query
        prefix = ""
        bp = self.config.base_path
        if bp and (path == bp or path.startswith(bp + "/")):
            prefix, path = bp, path[len(bp):] or "/"
        return path, prefix, query

    # -- routes --
    def route(self):
        path, prefix, query = self._split()
        if path is None:
            self.fail(403, "forbidden: the path leaves the site")
            return
        if path == "/sparql":
            self.sparql_get(query)
            return
        m = re.match(r"^/id/(.+)$", path)
        if m:
            self.resource(m.group(1), prefix)
            return
        m = re.match(r"^/doc/(.+)$", path)
        if m and "." not in m.group(1).rsplit("/", 1)[-1]:
            self.document(m.group(1), prefix)
            return
        if re.match(r"^/(dataset/ykg(/.*)?|graph/[^/]+|\.well-known/void)$", path):
            self.see_other(prefix, "dataset")
            return
        if path == "/def":
            self.see_other(prefix, "ontology")
            return
        self.static(path, prefix)

    def negotiated(self) -> str | None:
        key = choose_representation(self.headers.get("Accept"))
        if key is None:
            types = ", ".join(mt for _, mt in REPRESENTATIONS.values())
            self.fail(406, f"not acceptable: this resource is available as {types}",
                      {"Vary": "Accept"})
        return key

    def resource(self, local: str, prefix: str) -> None:
        if not LOCAL_RE.match(local) or not (self.config.root / "doc" / f"{local}.html").is_file():
            self.fail(404, f"no resource {prefix}/id/{local}")
            return
        key = self.negotiated()
        if key is None:
            return
        location = f"{prefix}/doc/{quote(local)}{REPRESENTATIONS[key][0]}"
        self.send(303, f"See Other: {location}\n".encode("utf-8"),
                  {"Location": location, "Vary": "Accept"})

    def document(self, local: str, prefix: str) -> None:
        if not LOCAL_RE.match(local) or not (self.config.root / "doc" / f"{local}.html").is_file():
            self.fail(404, f"no document {prefix}/doc/{local}")
            return
        key = self.negotiated()
        if key is None:
            return
        ext = REPRESENTATIONS[key][0]
        self.send_file(self.config.root / "doc" / f"{local}{ext}",
                       {"Vary": "Accept", "Content-Location": f"{prefix}/doc/{quote(local)}{ext}"})

    def see_other(self, prefix: str, stem: str) -> None:
        key = self.negotiated()
        if key is None:
            return
        location = f"{prefix}/{stem}{REPRESENTATIONS[key][0]}"
        self.send(303, f"See Other: {location}\n".encode("utf-8"),
                  {"Location": location, "Vary": "Accept"})

    def static(self, path: str, prefix: str) -> None:
        root = self.config.root
        rel_path = path.lstrip("/")
        if any(part.startswith(".") for part in rel_path.split("/") if part):
            self.fail(404, "not found")
            return
        target = (root / rel_path) if rel_path else root
        try:
            resolved = target.resolve()
            resolved.relative_to(root)
        except (ValueError, OSError):
            self.fail(403, "forbidden: the path leaves the site")
            return
        if resolved.is_dir():
            if rel_path and not path.endswith("/"):
                self.send(301, b"", {"Location": f"{prefix}{path}/"})
                return
            resolved = resolved / "index.html"
        if not resolved.is_file():
            self.fail(404, f"not found: {prefix}{path}")
            return
        self.send_file(resolved)

    def send_file(self, path: Path, headers: dict | None = None) -> None:
        headers = dict(headers or {})
        suffix = path.suffix if path.name != ".htaccess" else ".htaccess"
        headers.setdefault("Content-Type", CONTENT_TYPES.get(suffix, "application/octet-stream"))
        try:
            body = path.read_bytes()
        except OSError:
            self.fail(404, "not found")
            return
        self.send(200, body, headers)

    # -- SPARQL --
    def sparql_get(self, query_string: str) -> None:
        params = parse_qs(query_string, keep_blank_values=True)
        self.sparql(params, None)

    def sparql_post(self) -> None:
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            self.fail(400, "bad Content-Length")
            return
        if length > MAX_BODY:
            self.fail(413, f"request body larger than {MAX_BODY} bytes")
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        _, _, qs = self.path.partition("?")
        params = parse_qs(qs, keep_blank_values=True)
        if ctype == "application/x-www-form-urlencoded":
            for k, v in parse_qs(body, keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
            self.sparql(params, None)
        elif ctype == "application/sparql-query":
            self.sparql(params, body)
        elif ctype == "application/sparql-update":
            self.fail(403, "this endpoint is read-only: SPARQL Update is not accepted")
        else:
            self.fail(415, "POST application/x-www-form-urlencoded or application/sparql-query")

    def sparql(self, params: dict, direct: str | None) -> None:
        if "update" in params:
            self.fail(403, "this endpoint is read-only: SPARQL Update is not accepted")
            return
        queries = params.get("query", [])
        if direct is not None:
            queries = queries + [direct]
        if not queries:
            if self.command in ("GET", "HEAD") and choose_representation(
                    self.headers.get("Accept")) == "html":
                pool = self.config.pool
                page = SPARQL_FORM.format(csp=html.escape(CSP), prefix=html.escape(self._prefix()),
                                          example=html.escape(EXAMPLE_QUERY),
                                          max_rows=pool.max_rows if pool else 0,
                                          timeout=pool.timeout if pool else 0)
                self.send(200, page.encode("utf-8"), {"Content-Type": "text/html; charset=utf-8"})
            else:
                self.fail(400, "missing the query parameter")
            return
        if len(queries) > 1:
            self.fail(400, "give exactly one query")
            return
        if uses_service(queries[0]):
            self.fail(400, "SERVICE (federated query) is not allowed: this endpoint makes no "
                           "outside requests")
            return
        if self.config.pool is None:
            self.fail(503, "the SPARQL endpoint is disabled")
            return
        status, headers, body = self.config.pool.run(
            queries[0], self.headers.get("Accept"), params.get("default-graph-uri", ()),
            params.get("named-graph-uri", ()))
        headers = dict(headers)
        headers["Vary"] = "Accept"
        self.send(status, body, headers)

    def _prefix(self) -> str:
        _, prefix, _ = self._split()
        return prefix


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, addr, handler, family):
        self.address_family = family
        super().__init__(addr, handler)


def make_server(site: Path = DEFAULT_SITE, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *,
                timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS,
                workers: int = DEFAULT_WORKERS, sparql: bool = True, quiet: bool = False):
    """Return an HTTP server (not yet serving) for a published site, with its query pool started."""
    site = Path(site).resolve()
    meta = read_site_meta(site)
    if timeout <= 0 or max_rows <= 0 or workers <= 0:
        raise ServeError("--timeout, --max-rows and --workers must be positive")
    base = meta["base"]
    base_path = re.sub(r"^https?://[^/]+", "", base).rstrip("/")
    try:
        family = socket.AF_INET6 if ipaddress.ip_address(host).version == 6 else socket.AF_INET
    except ValueError:
        family = socket.AF_INET
    config = SiteConfig(root=site, base=base, base_path=base_path, pool=None, quiet=quiet)
    handler = type("SiteHandler", (Handler,), {"config": config})
    try:
        server = _Server((host, port), handler, family)
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    try:
        config.pool = QueryPool(site, workers, timeout, max_rows) if sparql else None
    except ServeError:
        server.server_close()
        raise
    server.config = config
    return server


def serve_site(site: Path = DEFAULT_SITE, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *,
               timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS,
               workers: int = DEFAULT_WORKERS, quiet: bool = False, announce=print) -> None:
    """Serve a published site until interrupted (Ctrl-C or SIGTERM)."""
    server = make_server(site, host, port, timeout=timeout, max_rows=max_rows, workers=workers,
                         quiet=quiet)
    h, p = server.server_address[:2]
    shown = f"[{h}]" if ":" in h else h
    announce(f"serving {server.config.root} at http://{shown}:{p}/ (SPARQL: /sparql; "
             f"time limit {timeout:g} s, at most {max_rows:,} rows); Ctrl-C stops")
    if not (_is_ip(h) and ipaddress.ip_address(h).is_loopback):
        announce(f"warning: listening on {h}, which other machines may reach")

    def stop(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()
        if server.config.pool:
            server.config.pool.close()


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False
