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


# -- load: many clients against one server -------------------------------------------------------

# (kind, method, path, headers) of the requests a load run cycles through: pages and small queries.
LOAD_MIX = [
    ("page", "GET", "/index.html", {}),
    ("page", "GET", "/doc/program/p0001.html", {}),
    ("page", "GET", "/id/program/p0001", {"Accept": "text/turtle"}),
    ("page", "GET", "/doc/program/p0001", {"Accept": "application/ld+json"}),
    ("page", "GET", "/dataset.ttl", {}),
    ("page", "GET", "/class/index.html", {}),
    ("page", "GET", "/doc/program/p0002.ttl", {}),
    ("page", "GET", "/doc/sakigake/01.html", {}),
    ("query", "GET", "/sparql?query=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D", {}),
    ("query", "GET", "/sparql?query=SELECT%20%3Fs%20WHERE%20%7B%20%3Fs%20a%20%3Fc%20%7D%20LIMIT%2010",
     {}),
]
OK_STATUS = {200, 303, 404}  # 404: a page of the mix that a small test site does not have


def _client(url: str, deadline: float, offset: int, timeout: float, out: list) -> None:
    """One client: a new connection per request (as the accept queue sees many clients)."""
    host, port = url.split("//", 1)[1].split(":")
    i = offset
    while time.monotonic() < deadline:
        kind, method, path, headers = LOAD_MIX[i % len(LOAD_MIX)]
        i += 1
        started = time.monotonic()
        try:
            conn = http.client.HTTPConnection(host, int(port), timeout=timeout)
            conn.request(method, path, headers={**headers, "Connection": "close"})
            resp = conn.getresponse()
            resp.read()
            conn.close()
            ok = resp.status in OK_STATUS
            out.append((kind, time.monotonic() - started, "ok" if ok else f"HTTP {resp.status}"))
        except (OSError, http.client.HTTPException) as exc:
            out.append((kind, time.monotonic() - started, type(exc).__name__))


def _load_process(url: str, clients: int, seconds: float, timeout: float, first: int, queue) -> None:
    results: list = []
    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=_client, args=(url, deadline, first + i, timeout, results))
               for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + timeout + 30)
    queue.put(results)


def load(url: str, clients: int, seconds: float, processes: int = 4,
         timeout: float = 10.0) -> dict:
    """Run clients (spread over processes) against url for seconds; return figures per kind.

    Figures: requests, errors (with the kinds of error), p50/p95/p99/max latency in seconds.
    """
    import multiprocessing
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    per = [clients // processes + (1 if i < clients % processes else 0) for i in range(processes)]
    procs = [ctx.Process(target=_load_process, args=(url, n, seconds, timeout, sum(per[:i]), queue))
             for i, n in enumerate(per) if n]
    for p in procs:
        p.start()
    results = [r for _ in procs for r in queue.get(timeout=seconds + timeout + 60)]
    for p in procs:
        p.join(10)
    figures = {}
    for kind in ("page", "query"):
        mine = [r for r in results if r[0] == kind]
        lat = sorted(r[1] for r in mine) or [0.0]
        errors: dict = {}
        for r in mine:
            if r[2] != "ok":
                errors[r[2]] = errors.get(r[2], 0) + 1

        def pct(p: float) -> float:
            return lat[min(len(lat) - 1, int(p * len(lat)))]
        figures[kind] = {"requests": len(mine), "errors": sum(errors.values()),
                         "error_kinds": errors, "p50": pct(0.50), "p95": pct(0.95),
                         "p99": pct(0.99), "max": lat[-1]}
    return figures
