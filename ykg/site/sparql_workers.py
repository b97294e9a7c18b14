"""The SPARQL worker processes: each loads the site's store once; a query over the limit kills one.

Oxigraph cannot interrupt a running query, so the time limit is kept by killing the process that
runs it and starting a new one in the background.
"""
from __future__ import annotations

import multiprocessing
import signal
import sys
import threading
from pathlib import Path

from .errors import ServeError
from .negotiation import read_site_meta
from .sparql_results import TEXT, run_query

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_ROWS = 10_000
DEFAULT_WORKERS = 2
DEFAULT_LANES = 1  # workers kept for queries that finish quickly
LANE_LIMIT = 1.0  # seconds a query may run on a lane worker
WORKER_START_TIMEOUT = 120.0


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


class Worker:
    """One worker process and the pipe to it; a lane worker runs queries under a short limit."""

    def __init__(self, ctx, site: Path, lane: bool = False):
        self.lane = lane
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, str(site)), daemon=True,
                                name="ykg-sparql-lane" if lane else "ykg-sparql-worker")
        self.proc.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        """Wait until the worker has loaded the store; raise ServeError when it cannot."""
        if not self.conn.poll(timeout):
            self.kill()
            raise ServeError(f"the SPARQL worker did not load the store within {timeout:.0f} s")
        status, detail = self.conn.recv()
        if status != "ready":
            self.kill()
            raise ServeError(f"the SPARQL worker could not load the store: {detail}")

    def kill(self) -> None:
        """Stop the process and close the pipe."""
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class QueryPool:
    """Worker processes holding the store; a query over the time limit kills its worker.

    Cheap queries are not starved by slow ones: besides the general workers, lane workers take a
    query when every general worker is busy, but only for LANE_LIMIT seconds; a query that needs
    longer is stopped there (the lane worker is replaced) and waits for a general worker.
    """

    def __init__(self, site: Path, workers: int = DEFAULT_WORKERS, timeout: float = DEFAULT_TIMEOUT,
                 max_rows: int = DEFAULT_MAX_ROWS, lanes: int = DEFAULT_LANES):
        self.site = Path(site)
        self.timeout = timeout
        self.max_rows = max_rows
        self.timeouts = 0
        self._ctx = multiprocessing.get_context("spawn")
        self._cond = threading.Condition()
        self._idle: dict[bool, list[Worker]] = {False: [], True: []}
        self._closed = False
        started = [Worker(self._ctx, self.site) for _ in range(max(1, workers))]
        started += [Worker(self._ctx, self.site, lane=True) for _ in range(max(0, lanes))]
        try:
            for w in started:
                w.wait_ready(WORKER_START_TIMEOUT)
        except ServeError:
            for w in started:
                w.kill()
            raise
        for w in started:
            self._release(w)

    def _release(self, w: Worker) -> None:
        with self._cond:
            self._idle[w.lane].append(w)
            self._cond.notify_all()

    def _take(self, timeout: float, lane_ok: bool) -> Worker | None:
        """Return an idle worker (a general one first), or None when none frees up in time."""
        def ready():
            return self._idle[False] or (lane_ok and self._idle[True])
        with self._cond:
            if not self._cond.wait_for(ready, timeout):
                return None
            return (self._idle[False] or self._idle[True]).pop()

    def _replace(self, lane: bool) -> None:
        """Start a new worker in the background in place of a killed one."""
        def start():
            w = Worker(self._ctx, self.site, lane)
            try:
                w.wait_ready(WORKER_START_TIMEOUT)
            except ServeError as exc:
                print(f"ykg serve: {exc}", file=sys.stderr)
                return
            if self._closed:
                w.kill()
            else:
                self._release(w)
        threading.Thread(target=start, daemon=True).start()

    def _send(self, worker: Worker, message, limit: float):
        """Run one query on a worker; return its answer, or None when it ran past limit."""
        try:
            worker.conn.send(message)
            if worker.conn.poll(limit):
                result = worker.conn.recv()
                self._release(worker)
                return result
        except (EOFError, OSError, BrokenPipeError):
            worker.kill()
            self._replace(worker.lane)
            return 500, dict(TEXT), b"the query worker failed\n"
        worker.kill()
        self._replace(worker.lane)
        return None

    def run(self, query: str, accept: str | None, default_graphs=(), named_graphs=()):
        """Run a query in a worker; return (status, headers, body)."""
        message = (query, accept, self.max_rows, list(default_graphs), list(named_graphs))
        lane_ok = True
        while True:
            worker = self._take(self.timeout, lane_ok)
            if worker is None:
                return 503, {**TEXT, "Retry-After": "5"}, b"every query worker is busy; try again\n"
            limit = min(LANE_LIMIT, self.timeout) if worker.lane else self.timeout
            result = self._send(worker, message, limit)
            if result is not None:
                return result
            if not worker.lane:
                break
            lane_ok = False  # too slow for the lane: wait for a general worker
        self.timeouts += 1
        return 503, dict(TEXT), (
            f"query stopped: it ran longer than the time limit of {self.timeout:g} s\n").encode()

    def close(self) -> None:
        """Stop every idle worker (a busy one is killed when its query returns or times out)."""
        self._closed = True
        with self._cond:
            idle = self._idle[False] + self._idle[True]
            self._idle = {False: [], True: []}
        for w in idle:
            try:
                w.conn.send(None)
            except OSError:
                pass
            w.kill()
