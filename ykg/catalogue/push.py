"""Push a dataset to a SPARQL server with the Graph Store Protocol, graph by graph.

`push_dataset` replaces each named graph with one PUT (atomic on the server), checks the number of
triples the server then holds, and reports graph by graph what was written.
"""
from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field, replace

from ykg.foundation.constants import GRAPHS
from ykg.foundation.rdf import local_name, sorted_ntriples

from .endpoint import Endpoint, count_triples, ping
from .transport import EndpointError, authorize, check_url, describe


@dataclass
class GraphWrite:
    """What happened to one named graph during a push."""

    graph: str
    triples: int
    before: int | None = None
    after: int | None = None
    status: str = "not sent"        # replaced | failed | not sent
    detail: str = ""

    def line(self) -> str:
        """Return the report line of this graph."""
        if self.status == "replaced":
            return (f"  replaced  {self.graph}  {self.triples:,} triples (server now holds "
                    f"{self.after:,})")
        if self.status == "failed":
            return f"  FAILED    {self.graph}  {self.detail}"
        held = "" if self.before is None else f"; still holds its old {self.before:,} triples"
        return f"  not sent  {self.graph}{held}"


@dataclass
class PushReport:
    """The outcome of a push, graph by graph."""

    query_url: str
    graph_store_url: str
    writes: list[GraphWrite] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and all(w.status == "replaced" for w in self.writes)

    def text(self) -> str:
        """Return the report as lines of text."""
        if self.ok:
            total = sum(w.triples for w in self.writes)
            lines = [f"pushed {len(self.writes)} graphs ({total:,} triples) to "
                     f"{self.graph_store_url}; counts verified on {self.query_url}"]
        else:
            lines = [f"push failed: {self.error}"]
        lines += [w.line() for w in self.writes]
        if not self.ok:
            lines.append("Each graph is replaced whole by one PUT, so running `ykg push` again "
                         "is safe and finishes the job.")
        return "\n".join(lines)


class PushError(EndpointError):
    """A push that stopped; .outcome says exactly what was written, report() prints it."""

    def __init__(self, outcome: PushReport):
        super().__init__(outcome.error or "push failed")
        self.outcome = outcome

    def report(self) -> str:
        return self.outcome.text()


def graph_store_url_for(query_url: str, authenticated: bool = False) -> str:
    """Guess the Graph Store Protocol URL of a known server from its query URL."""
    parts = urllib.parse.urlsplit(query_url)
    path = parts.path.rstrip("/")
    if path.endswith("/query"):  # Oxigraph
        new = path[: -len("query")] + "store"
    elif path.endswith("/sparql"):  # Virtuoso
        new = path[: -len("sparql")] + ("sparql-graph-crud-auth" if authenticated
                                          else "sparql-graph-crud")
    else:
        raise EndpointError(f"cannot guess the Graph Store URL from {query_url}; "
                            "give --graph-store URL")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, new, "", ""))


def graphs_of(quads) -> dict[str, bytes]:
    """Serialize each named graph of the quads as sorted N-Triples, in the dataset's graph order."""
    import pyoxigraph as ox
    by_graph: dict[str, list] = {}
    for q in quads:
        if isinstance(q.graph_name, ox.DefaultGraph):
            raise EndpointError("the dataset has triples outside a named graph")
        by_graph.setdefault(q.graph_name.value, []).append(q.triple)

    def rank(name: str) -> tuple:
        local = local_name(name)
        return (GRAPHS.index(local) if local in GRAPHS else len(GRAPHS), name)
    return {name: sorted_ntriples(by_graph[name]) for name in sorted(by_graph, key=rank)}


def _graph_url(store_url: str, graph: str) -> str:
    sep = "&" if "?" in store_url else "?"
    return f"{store_url}{sep}graph={urllib.parse.quote(graph, safe='')}"


def _check_access(url: str, user: str | None, password: str | None, timeout: float) -> None:
    """Check with a HEAD request that the graph store answers and accepts the credentials."""
    req = urllib.request.Request(url, method="HEAD")
    try:
        authorize(req, user, password, timeout)
        urllib.request.urlopen(req, timeout=timeout).close()
    except urllib.error.HTTPError as exc:
        if exc.code in (401, 403):
            who = "without credentials (give --user and --password)" if not user else \
                f"as {user!r} (wrong password?)"
            raise EndpointError(f"{url.split('?')[0]} refused access {who}: HTTP {exc.code}") \
                from None
        # Other answers (some stores do not implement HEAD): the PUT itself will tell.
    except EndpointError:
        raise
    except Exception as exc:  # noqa: BLE001 - one clear message
        raise EndpointError(describe(exc, url.split("?")[0], timeout)) from None


def _put(url: str, body: bytes, user, password, timeout: float) -> int:
    req = urllib.request.Request(url, data=body, method="PUT",
                                 headers={"Content-Type": "text/turtle; charset=utf-8"})
    authorize(req, user, password, timeout)
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        resp.read()
        return resp.status


def _state_after(endpoint: Endpoint, w: GraphWrite) -> str:
    """Say what the server holds in a graph after a failed PUT."""
    try:
        now = count_triples(endpoint, w.graph)
    except EndpointError:
        return "its state on the server could not be read"
    w.after = now
    if now == w.triples:
        return f"the server nevertheless holds the new {now:,} triples"
    if now == w.before:
        return f"the graph is unchanged ({now:,} triples)"
    return f"the server now holds {now:,} triples in it (before: {w.before:,}, sent: {w.triples:,})"


def _replace_graph(endpoint: Endpoint, counting: Endpoint, store_url: str, w: GraphWrite,
                   body: bytes) -> str | None:
    """PUT one graph and check its count; return None, or the error (w says what happened)."""
    try:
        _put(_graph_url(store_url, w.graph), body, endpoint.user, endpoint.password,
             endpoint.timeout)
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - reported graph by graph
        reason = describe(exc, store_url, endpoint.timeout)
        w.status, w.detail = "failed", f"{reason}; {_state_after(counting, w)}"
        return f"{w.graph}: {reason}"
    try:
        w.after = count_triples(counting, w.graph)
    except EndpointError as exc:
        w.status, w.detail = "failed", f"sent, but the count could not be checked: {exc}"
        return f"{w.graph}: {exc}"
    if w.after != w.triples:
        w.status = "failed"
        w.detail = f"sent {w.triples:,} triples but the server holds {w.after:,}"
        return f"{w.graph}: count mismatch after PUT"
    w.status = "replaced"
    return None


def push_dataset(quads, endpoint: Endpoint, graph_store_url: str | None = None) -> PushReport:
    """Replace each named graph of the dataset on the server (GSP PUT) and verify the counts.

    Nothing is written unless the query endpoint answers and every graph serializes. On a
    failure the push stops and raises PushError whose report names the graphs replaced, the
    one that failed (with what the server holds in it now) and those not sent.
    """
    store_url = check_url(graph_store_url or graph_store_url_for(endpoint.url, bool(endpoint.user)),
                          "graph store")
    graphs = graphs_of(quads)
    counting = replace(endpoint, default_graphs=())
    report = PushReport(endpoint.url, store_url,
                        [GraphWrite(name, body.count(b"\n")) for name, body in graphs.items()])
    try:
        ping(counting)
        _check_access(_graph_url(store_url, report.writes[0].graph), endpoint.user,
                      endpoint.password, endpoint.timeout)
        for w in report.writes:
            w.before = count_triples(counting, w.graph)
    except EndpointError as exc:
        report.error = f"nothing written: {exc}"
        raise PushError(report) from None
    for w in report.writes:
        report.error = _replace_graph(endpoint, counting, store_url, w, graphs[w.graph])
        if report.error:
            raise PushError(report) from None
    return report
