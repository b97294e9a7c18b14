"""Push a dataset to a SPARQL server: all graphs or none, and check what the server then holds.

`push_dataset` never writes the dataset's graphs one by one. It stages every graph under a
temporary name (Graph Store Protocol PUT), reads each one back and compares a hash of its sorted
N-Triples with what was sent, then switches all of them in ONE SPARQL Update request (MOVE; one
transaction on Oxigraph). The old graphs are copied aside first; when the switch fails or the
final content is not what was sent, they are moved back. A push killed at any point leaves the
old graphs or the new ones, plus staging graphs that the next push removes.
"""
from __future__ import annotations

import hashlib
import secrets
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field, replace

from ykg.foundation.constants import GRAPHS
from ykg.foundation.rdf import local_name, sorted_ntriples

from .endpoint import (Endpoint, count_triples, graphs_named, ping, read_graph, run_update)
from .transport import EndpointError, authorize, check_url, describe, send

STAGING = "urn:ykg:push:"  # name prefix of staged and backup graphs (removed by every push)


def digest(triples) -> str:
    """Return the hash that identifies a graph's content: SHA-256 of its canonical N-Triples.

    Canonical: literals in the store's canonical lexical form (a server keeps "1.0"^^xsd:decimal
    as "1"), language tags in lower case (they are case-insensitive), lines sorted.
    """
    import pyoxigraph as ox
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    canonical = []
    for q in store:
        o = q.object
        if isinstance(o, ox.Literal) and o.language:
            o = ox.Literal(o.value, language=o.language.lower())
        canonical.append(ox.Triple(q.subject, q.predicate, o))
    return hashlib.sha256(sorted_ntriples(canonical)).hexdigest()


@dataclass
class GraphWrite:
    """What happened to one named graph during a push."""

    graph: str
    triples: int
    sha256: str = ""
    before: int | None = None
    status: str = "unchanged"      # replaced | unchanged | restored
    detail: str = ""

    def line(self) -> str:
        """Return the report line of this graph."""
        if self.status == "replaced":
            return f"  replaced  {self.graph}  {self.triples:,} triples, sha256 {self.sha256[:16]}"
        held = "" if self.before is None else f" (holds its old {self.before:,} triples)"
        return f"  {self.status:<9} {self.graph}{held}{'; ' + self.detail if self.detail else ''}"


@dataclass
class PushReport:
    """The outcome of a push: every graph replaced, or none."""

    query_url: str
    graph_store_url: str
    update_url: str = ""
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
                     f"{self.graph_store_url} in one switch; content verified (SHA-256 of the "
                     f"sorted canonical N-Triples read back from {self.query_url})"]
        else:
            lines = [f"push failed: {self.error}"]
        lines += [w.line() for w in self.writes]
        if not self.ok:
            lines.append("The server holds the old graphs; running `ykg push` again is safe.")
        return "\n".join(lines)


class PushError(EndpointError):
    """A push that stopped; .outcome says what the server holds, report() prints it."""

    def __init__(self, outcome: PushReport):
        super().__init__(outcome.error or "push failed")
        self.outcome = outcome

    def report(self) -> str:
        return self.outcome.text()


def _known_url(query_url: str, oxigraph: str, virtuoso: str) -> str:
    parts = urllib.parse.urlsplit(query_url)
    path = parts.path.rstrip("/")
    if path.endswith("/query"):
        new = path[: -len("query")] + oxigraph
    elif path.endswith("/sparql"):
        new = path[: -len("sparql")] + virtuoso
    else:
        raise EndpointError(f"cannot guess the Graph Store URL from {query_url}; "
                            "give --graph-store URL")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, new, "", ""))


def graph_store_url_for(query_url: str, authenticated: bool = False) -> str:
    """Guess the Graph Store Protocol URL of a known server (Oxigraph, Virtuoso) from its query URL."""
    return _known_url(query_url, "store",
                      "sparql-graph-crud-auth" if authenticated else "sparql-graph-crud")


def update_url_for(query_url: str, authenticated: bool = False) -> str:
    """Guess the SPARQL Update URL from the query URL: Oxigraph's /update, Virtuoso's /sparql-auth
    (with credentials); other servers commonly take updates at the query URL itself."""
    try:
        return _known_url(query_url, "update", "sparql-auth" if authenticated else "sparql")
    except EndpointError:
        return query_url


def triples_of(quads) -> dict[str, list]:
    """Return the triples of each named graph of the quads."""
    import pyoxigraph as ox
    by_graph: dict[str, list] = {}
    for q in quads:
        if isinstance(q.graph_name, ox.DefaultGraph):
            raise EndpointError("the dataset has triples outside a named graph")
        by_graph.setdefault(q.graph_name.value, []).append(q.triple)
    return by_graph


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


def _put(url: str, body: bytes, endpoint: Endpoint) -> None:
    send(urllib.request.Request(url, data=body, method="PUT",
                                headers={"Content-Type": "text/turtle; charset=utf-8"}),
         endpoint.user, endpoint.password, endpoint.timeout)


@dataclass
class _Push:
    """One push in progress: where to write, the staging names, what was sent."""

    endpoint: Endpoint       # queries without default graphs (reads GRAPH <g> itself)
    store_url: str
    update_url: str
    graphs: dict[str, bytes]
    token: str = field(default_factory=lambda: secrets.token_hex(6))

    def name(self, kind: str, i: int) -> str:
        return f"{STAGING}{self.token}/{kind}/{i}"

    def update(self, ops: list[str]) -> None:
        e = self.endpoint
        run_update(self.update_url, " ;\n".join(ops), e.user, e.password, e.timeout)

    def clean(self) -> None:
        """Drop staging and backup graphs of this push and of killed ones."""
        stale = graphs_named(self.endpoint, STAGING)
        # Always one request, even with nothing to drop: it proves the update URL works.
        self.update([f"DROP SILENT GRAPH <{g}>" for g in stale or [f"{STAGING}{self.token}"]])

    def verify(self, kind: str | None, expected: dict[str, str]) -> list[str]:
        """Return the graphs whose content read back differs from the expected hashes."""
        names = list(self.graphs)
        return [g for i, g in enumerate(names) if digest(read_graph(
            self.endpoint, self.name(kind, i) if kind else g)) != expected[g]]

    def stage(self) -> None:
        for i, (graph, body) in enumerate(self.graphs.items()):
            _put(_graph_url(self.store_url, self.name("new", i)), body, self.endpoint)

    def back_up(self) -> None:
        """Copy the current graphs aside (a graph that does not exist gets no copy)."""
        names = list(self.graphs)
        self.update([f"COPY SILENT <{g}> TO <{self.name('old', i)}>" for i, g in enumerate(names)])

    def switch(self) -> None:
        """Move every staged graph onto its real name in one request."""
        names = list(self.graphs)
        self.update([f"MOVE <{self.name('new', i)}> TO <{g}>" for i, g in enumerate(names)])

    def restore(self) -> None:
        """Move the copies back (MOVE SILENT of a missing copy empties the graph, as it was)."""
        names = list(self.graphs)
        self.update([f"MOVE SILENT <{self.name('old', i)}> TO <{g}>" for i, g in enumerate(names)])


def _fail(report: PushReport, message: str, job: _Push, status: str = "unchanged") -> PushError:
    """Clean what can be cleaned, mark every graph, and return the error to raise."""
    try:
        job.clean()
    except EndpointError:
        message += "; staging graphs are left on the server (the next push removes them)"
    for w in report.writes:
        w.status = status
    report.error = message
    return PushError(report)


def push_dataset(quads, endpoint: Endpoint, graph_store_url: str | None = None,
                 update_url: str | None = None) -> PushReport:
    """Replace every named graph of the dataset on the server at once, and verify the content.

    Raises PushError (whose report says what the server holds) when anything fails; the
    server then holds the old graphs.
    """
    auth = bool(endpoint.user)
    store_url = check_url(graph_store_url or graph_store_url_for(endpoint.url, auth), "graph store")
    update_url = check_url(update_url or update_url_for(endpoint.url, auth), "update")
    graphs = graphs_of(quads)
    job = _Push(replace(endpoint, default_graphs=()), store_url, update_url, graphs)
    sent = {g: digest(triples) for g, triples in triples_of(quads).items()}
    report = PushReport(endpoint.url, store_url, update_url,
                        [GraphWrite(g, body.count(b"\n"), sent[g]) for g, body in graphs.items()])
    try:
        ping(job.endpoint)
        _check_access(_graph_url(store_url, job.name("new", 0)), endpoint.user,
                      endpoint.password, endpoint.timeout)
        for w in report.writes:
            w.before = count_triples(job.endpoint, w.graph)
        job.clean()
    except EndpointError as exc:
        report.error = f"nothing written: {exc}"
        raise PushError(report) from None
    try:
        job.stage()
        if bad := job.verify("new", sent):
            raise EndpointError(f"the server does not hold what was sent for {', '.join(bad)} "
                                "(SHA-256 of the canonical N-Triples read back differs)")
    except EndpointError as exc:
        raise _fail(report, f"nothing changed: staging failed: {exc}", job) from None
    return _switch(job, report, sent)


def _switch(job: _Push, report: PushReport, sent: dict[str, str]) -> PushReport:
    """Switch the staged graphs in, verify them, and restore the old ones on any failure."""
    try:
        job.back_up()
    except EndpointError as exc:
        raise _fail(report, f"nothing changed: copying the old graphs aside failed: {exc}",
                    job) from None
    try:
        job.switch()
        if bad := job.verify(None, sent):
            raise EndpointError(f"after the switch the server does not hold what was sent for "
                                f"{', '.join(bad)}")
    except EndpointError as exc:
        try:
            job.restore()
        except EndpointError as again:
            raise _fail(report, f"the switch failed ({exc}) and restoring the old graphs failed "
                                f"too ({again}): check the server", job, "unknown") from None
        raise _fail(report, f"nothing changed: the switch failed and the old graphs were "
                            f"put back: {exc}", job, "restored") from None
    for w in report.writes:
        w.status = "replaced"
    try:
        job.clean()
    except EndpointError:
        pass  # the next push removes the backups
    return report
