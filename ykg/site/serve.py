"""serve_site: serve a published site (files, content negotiation, read-only SPARQL) on one port.

HTTP is uvicorn's (httptools parser, uvloop event loop where available) running the site's ASGI
application (serve_asgi); SPARQL queries run in worker processes (sparql_workers) that the event
loop waits on without holding a thread.
"""
from __future__ import annotations

import contextlib
import ipaddress
import logging
import re
import signal
import socket
import threading
from pathlib import Path

from .errors import ServeError
from .negotiation import DEFAULT_SITE, read_site_meta
from .serve_files import READ_TIMEOUT, SiteConfig
from .sparql_workers import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, DEFAULT_WORKERS, QueryPool

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# Connections the kernel queues before accept(): enough for hundreds of clients at once
# (a short backlog drops SYNs under load, and clients then wait 1-3 s to retry).
BACKLOG = 1024
STOP_GRACE = 1  # seconds answers in progress may take to finish once the server is asked to stop


def _family(host: str) -> int:
    try:
        return socket.AF_INET6 if ipaddress.ip_address(host).version == 6 else socket.AF_INET
    except ValueError:
        return socket.AF_INET


def _listen(host: str, port: int) -> socket.socket:
    """Return a socket listening on host:port; raise ServeError when it cannot."""
    sock = socket.socket(_family(host), socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(BACKLOG)
    except OSError as exc:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.set_inheritable(True)
    return sock


class SiteServer:
    """A site server bound to its port, not yet serving (the shape of socketserver's servers)."""

    def __init__(self, config: SiteConfig, sock: socket.socket, read_timeout: float):
        import uvicorn

        from .serve_asgi import SiteApp, SiteProtocol

        class Server(uvicorn.Server):
            @contextlib.contextmanager
            def capture_signals(self):
                yield  # serve_site owns the signals: it stops the workers after the server

        self.config = config
        self.socket = sock
        self.server_address = sock.getsockname()
        self._stopped = threading.Event()
        self._stopped.set()
        self._uvicorn = Server(uvicorn.Config(
            SiteApp(config, read_timeout), http=SiteProtocol, lifespan="off", backlog=BACKLOG,
            timeout_keep_alive=read_timeout, timeout_graceful_shutdown=STOP_GRACE,
            server_header=False, proxy_headers=False, access_log=not config.quiet,
            log_level="error" if config.quiet else "warning"))
        if not config.quiet:  # uvicorn's access log: one line per request, as before
            logging.getLogger("uvicorn.access").setLevel(logging.INFO)

    def serve_forever(self, poll_interval: float = 0.1) -> None:
        """Serve until shutdown() or stop() (poll_interval: kept for socketserver's callers)."""
        self._stopped.clear()
        try:
            self._uvicorn.run(sockets=[self.socket])
        finally:
            self._stopped.set()

    def stop(self) -> None:
        """Ask the server to stop; a second call stops it without waiting for answers."""
        if self._uvicorn.should_exit:
            self._uvicorn.force_exit = True
        self._uvicorn.should_exit = True
        if self.config.pool:
            self.config.pool.retire()

    def shutdown(self) -> None:
        """Stop serving and wait until serve_forever has returned."""
        self.stop()
        self._stopped.wait()

    def server_close(self) -> None:
        """Close the listening socket and stop the query workers."""
        self.socket.close()
        if self.config.pool:
            self.config.pool.close()


def make_server(site: Path = DEFAULT_SITE, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *,
                timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS,
                workers: int = DEFAULT_WORKERS, sparql: bool = True, quiet: bool = False,
                read_timeout: float = READ_TIMEOUT) -> SiteServer:
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
    sock = _listen(host, port)
    try:
        config.pool = QueryPool(site, workers, timeout, max_rows) if sparql else None
    except ServeError:
        sock.close()
        raise
    return SiteServer(config, sock, read_timeout)


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
        server.stop()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        server.serve_forever()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        server.server_close()
