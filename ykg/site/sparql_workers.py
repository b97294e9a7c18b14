"""The SPARQL worker processes: each loads the site's store once; a query over the limit kills one.

Oxigraph cannot interrupt a running query, so the time limit is kept by killing the process that
runs it and starting a new one in the background.
"""
from __future__ import annotations

import asyncio
import multiprocessing
import os
import pickle
import signal
import struct
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
        self.loop = None    # the event loop that watches the pipe (from the first query on)
        self.answer = None  # the future of the answer awaited now
        self.buf = bytearray()  # what has come of that answer so far
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
        os.set_blocking(self.conn.fileno(), False)  # from now on read and written by the event loop

    def unwatch(self) -> None:
        """Stop watching the pipe (before it is closed)."""
        if self.loop is not None and not self.loop.is_closed():
            self.loop.remove_reader(self.conn.fileno())
        self.loop = None

    def kill(self) -> None:
        """Stop the process and close the pipe."""
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class QueryPool:
    """Worker processes holding the store; a query over the time limit kills its worker.

    Driven from the server's event loop: a query waits for its answer without holding a thread.
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
        self._idle: dict[bool, list[Worker]] = {False: [], True: []}
        self._waiters: list[tuple[asyncio.Future, bool]] = []  # (future of a worker, lane_ok)
        self._all: set[Worker] = set()  # every live worker, busy or idle: close() stops them all
        self._lock = threading.Lock()  # _all: replacements start in threads
        self._closed = False
        started = [Worker(self._ctx, self.site) for _ in range(max(1, workers))]
        started += [Worker(self._ctx, self.site, lane=True) for _ in range(max(0, lanes))]
        self._all.update(started)
        try:
            for w in started:
                w.wait_ready(WORKER_START_TIMEOUT)
        except ServeError:
            self.close()
            raise
        for w in started:
            self._idle[w.lane].append(w)

    def _release(self, w: Worker) -> None:
        """Give a free worker to the first query waiting that may use it, else mark it idle."""
        for i, (fut, lane_ok) in enumerate(self._waiters):
            if not fut.done() and (lane_ok or not w.lane):
                del self._waiters[i]
                fut.set_result(w)
                return
        self._idle[w.lane].append(w)

    async def _take(self, timeout: float, lane_ok: bool) -> Worker | None:
        """Return an idle worker (a general one first), or None when none frees up in time."""
        # A worker is idle only while no query that may use it waits (_release hands it over).
        if self._idle[False]:
            return self._idle[False].pop()
        if lane_ok and self._idle[True]:
            return self._idle[True].pop()
        if self._waiters:
            self._waiters = [(f, ok) for f, ok in self._waiters if not f.done()]
        fut = asyncio.get_running_loop().create_future()
        self._waiters.append((fut, lane_ok))
        try:
            await asyncio.wait((fut,), timeout=timeout)
        except asyncio.CancelledError:  # the request was cancelled: pass on a worker it got
            if fut.done():
                self._release(fut.result())
            fut.cancel()
            raise
        if fut.done():
            return fut.result()
        fut.cancel()
        return None

    def _replace(self, lane: bool) -> None:
        """Start a new worker in the background in place of a killed one."""
        loop = asyncio.get_running_loop()

        def start():
            w = Worker(self._ctx, self.site, lane)
            with self._lock:
                self._all.add(w)
            try:
                w.wait_ready(WORKER_START_TIMEOUT)
            except (ServeError, OSError, EOFError) as exc:
                if not self._closed:  # else close() stopped it while it started
                    print(f"ykg serve: {exc}", file=sys.stderr)
                return
            if self._closed:
                w.kill()
                return
            try:
                loop.call_soon_threadsafe(self._release, w)
            except RuntimeError:  # the loop has stopped: the server is shutting down
                w.kill()
        threading.Thread(target=start, daemon=True).start()

    def _discard(self, worker: Worker) -> None:
        """Kill a worker and start another in its place."""
        worker.unwatch()
        worker.kill()
        with self._lock:
            self._all.discard(worker)
        if not self._closed:
            self._replace(worker.lane)

    async def _write(self, worker: Worker, message) -> None:
        """Send a message as Connection.send frames it, without blocking the event loop."""
        loop = asyncio.get_running_loop()
        payload = pickle.dumps(message)
        view = memoryview(struct.pack("!i", len(payload)) + payload)
        fd = worker.conn.fileno()
        while view:
            try:
                view = view[os.write(fd, view):]
            except BlockingIOError:
                writable = loop.create_future()
                loop.add_writer(fd, lambda: writable.done() or writable.set_result(None))
                try:
                    await writable
                finally:
                    loop.remove_writer(fd)

    def _readable(self, worker: Worker) -> None:
        """Take what the worker wrote; settle its pending answer once a whole message is in."""
        try:
            chunk = os.read(worker.conn.fileno(), 1 << 20)
        except BlockingIOError:
            return
        except OSError as exc:
            chunk, failure = b"", exc
        else:
            failure = EOFError("the worker closed its pipe")
        if not chunk:  # the worker died: stop watching its pipe, fail what waits on it
            worker.unwatch()
            if worker.answer is not None and not worker.answer.done():
                worker.answer.set_result(failure)
            return
        buf = worker.buf
        buf.extend(chunk)
        if len(buf) < 4:
            return
        size, head = struct.unpack("!i", buf[:4])[0], 4
        if size == -1:  # Connection's frame of answers over 2 GiB
            if len(buf) < 12:
                return
            size, head = struct.unpack("!Q", buf[4:12])[0], 12
        if len(buf) >= head + size:
            message = pickle.loads(buf[head:head + size])
            del buf[:head + size]
            if worker.answer is not None and not worker.answer.done():
                worker.answer.set_result(message)

    async def _read(self, worker: Worker, limit: float):
        """Return the worker's answer (as Connection.recv reads it); None when limit passes first.

        Read as it arrives, so that a large answer does not stop the event loop while it is sent.
        """
        loop = asyncio.get_running_loop()
        if worker.loop is not loop:  # watched from the first query on, until the worker goes
            loop.add_reader(worker.conn.fileno(), self._readable, worker)
            worker.loop = loop
        worker.answer = done = loop.create_future()
        timer = loop.call_later(limit, lambda: done.done() or done.set_result(None))
        try:
            result = await done
        finally:
            timer.cancel()
            worker.answer = None
        if isinstance(result, BaseException):
            raise result
        return result

    async def _send(self, worker: Worker, message, limit: float):
        """Run one query on a worker; return its answer, or None when it ran past limit."""
        try:
            await self._write(worker, message)
            result = await self._read(worker, limit)
        except (EOFError, OSError):
            self._discard(worker)
            return 500, dict(TEXT), b"the query worker failed\n"
        except asyncio.CancelledError:  # the client left mid-query: the answer is never read
            self._discard(worker)
            raise
        if result is None:
            self._discard(worker)
        else:
            self._release(worker)
        return result

    async def run(self, query: str, accept: str | None, default_graphs=(), named_graphs=()):
        """Run a query in a worker; return (status, headers, body)."""
        message = (query, accept, self.max_rows, list(default_graphs), list(named_graphs))
        lane_ok = True
        while True:
            worker = await self._take(self.timeout, lane_ok)
            if worker is None:
                return 503, {**TEXT, "Retry-After": "5"}, b"every query worker is busy; try again\n"
            limit = min(LANE_LIMIT, self.timeout) if worker.lane else self.timeout
            result = await self._send(worker, message, limit)
            if result is not None:
                return result
            if not worker.lane:
                break
            lane_ok = False  # too slow for the lane: wait for a general worker
        self.timeouts += 1
        return 503, dict(TEXT), (
            f"query stopped: it ran longer than the time limit of {self.timeout:g} s\n").encode()

    def retire(self) -> None:
        """Start no more workers: the server is stopping."""
        self._closed = True

    def close(self) -> None:
        """Stop every worker, idle or busy (no process outlives the server)."""
        self.retire()
        with self._lock:
            workers, self._all = list(self._all), set()
        self._idle = {False: [], True: []}
        for w in workers:
            w.kill()
