"""serve_site: serve a published site (files, content negotiation, read-only SPARQL) on one port."""
from __future__ import annotations

import ipaddress
import re
import signal
import socket
import sys
from http.server import ThreadingHTTPServer
from pathlib import Path

from .errors import ServeError
from .negotiation import DEFAULT_SITE, read_site_meta
from .serve_files import READ_TIMEOUT, SiteConfig
from .serve_sparql import SparqlHandler
from .sparql_workers import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, DEFAULT_WORKERS, QueryPool

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # Connections the kernel queues before accept(): enough for hundreds of clients at once
    # (a backlog of 5 drops SYNs under load, and clients then wait 1-3 s to retry).
    request_queue_size = 1024

    def __init__(self, addr, handler, family):
        self.address_family = family
        super().__init__(addr, handler)

    def handle_error(self, request, client_address):
        """Drop connections the client broke or let time out; report anything else."""
        exc = sys.exc_info()[1]
        if not isinstance(exc, (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


def _family(host: str) -> int:
    try:
        return socket.AF_INET6 if ipaddress.ip_address(host).version == 6 else socket.AF_INET
    except ValueError:
        return socket.AF_INET


def make_server(site: Path = DEFAULT_SITE, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *,
                timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS,
                workers: int = DEFAULT_WORKERS, sparql: bool = True, quiet: bool = False,
                read_timeout: float = READ_TIMEOUT):
    """Return an HTTP server (not yet serving) for a published site, with its query pool started.

    read_timeout: seconds a connection may stay silent before it is closed (408 mid-body).
    """
    site = Path(site).resolve()
    meta = read_site_meta(site)
    if timeout <= 0 or max_rows <= 0 or workers <= 0:
        raise ServeError("--timeout, --max-rows and --workers must be positive")
    base = meta["base"]
    base_path = re.sub(r"^https?://[^/]+", "", base).rstrip("/")
    config = SiteConfig(root=site, base=base, base_path=base_path, pool=None, quiet=quiet, meta=meta)
    handler = type("SiteHandler", (SparqlHandler,), {"config": config, "timeout": read_timeout})
    try:
        server = _Server((host, port), handler, _family(host))
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    try:
        config.pool = QueryPool(site, workers, timeout, max_rows) if sparql else None
    except ServeError:
        server.server_close()
        raise
    server.config = config
    return server


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


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
    if not _is_loopback(h):
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
