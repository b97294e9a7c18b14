"""Network helpers for tests: free ports, in-process HTTP servers, waiting for readiness.

One copy for every test and benchmark that starts a server; nothing here sleeps on a guess.
"""
from __future__ import annotations

import http.client
import http.server
import socket
import threading
import time
from contextlib import contextmanager
from typing import Callable, Iterator, TypeVar

T = TypeVar("T")

LOOPBACK = "127.0.0.1"
POLL_INTERVAL = 0.05


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def wait_until(predicate: Callable[[], T], timeout: float, what: str,
               interval: float = POLL_INTERVAL) -> T:
    """Wait for the event `what` (predicate returns truthy) and return its value.

    The predicate may raise to give up early (a server process that died). Raises TimeoutError
    naming `what` when the deadline passes; the last exception from the predicate is chained.
    """
    deadline = time.monotonic() + timeout
    tick = threading.Event()  # never set: wait() is the interval between two checks
    last: Exception | None = None
    while True:
        try:
            value = predicate()
        except (OSError, ValueError, http.client.HTTPException) as exc:  # not ready yet
            value, last = None, exc
        if value:
            return value
        if time.monotonic() >= deadline:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}"
                               + (f" ({last})" if last else "")) from last
        tick.wait(interval)


@contextmanager
def serve_in_thread(server_or_handler) -> Iterator[str]:
    """Run an HTTP server (or a handler class on a free loopback port) in a thread; yield its URL.

    The server is shut down, closed and its thread joined on exit.
    """
    if isinstance(server_or_handler, type):
        server = http.server.ThreadingHTTPServer((LOOPBACK, 0), server_or_handler)
        server.daemon_threads = True
    else:
        server = server_or_handler
    thread = threading.Thread(target=server.serve_forever,
                              kwargs={"poll_interval": POLL_INTERVAL}, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
