"""Run catalogue queries and any SPARQL on the embedded store or on a remote endpoint.

Parameters are bound, never pasted into the text: locally through pyoxigraph's substitutions
(the embedded equivalent of initBindings); for an endpoint, the validated values are written as
escaped literals or IRIs in a VALUES block at the top of the outer WHERE
(ykg.foundation.sparql.substitute).

Entity names given to an `iri` parameter are looked up where the query runs: on a local store by
ykg.entities.resolve, on an endpoint by ykg.catalogue.names.lookup (one SPARQL query).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from ykg import entities
from ykg.foundation.constants import DEFAULT_BASE
from ykg.foundation.rdf import sorted_ntriples
from ykg.foundation.sparql import (QueryError, QueryResult, explain_query_error, solution_rows,
                                   substitute, uses_service)

from .endpoint import Endpoint, run_any, run_select
from .named import NamedQuery, get_query, load_catalogue
from .names import lookup
from .params import Resolver
from ykg.foundation.results import coerce, to_csv


def _is_store(source) -> bool:
    import pyoxigraph as ox
    return isinstance(source, ox.Store)


def as_endpoint(source, base: str = DEFAULT_BASE) -> Endpoint:
    """Return source as an Endpoint (an Endpoint, or the URL of one)."""
    return source if isinstance(source, Endpoint) else Endpoint(str(source), base=base)


def resolver_for(source, base: str = DEFAULT_BASE) -> Resolver:
    """Return how names are looked up on source: the entity index, or a SPARQL lookup."""
    if _is_store(source):
        return lambda text: entities.resolve(source, text)
    endpoint = as_endpoint(source, base)
    return lambda text: lookup(endpoint, text)


def _query_store(store, text: str, bindings: dict[str, Any] | None = None):
    import pyoxigraph as ox
    if uses_service(text):
        # Oxigraph would fetch from the named server: a local query stays local.
        raise QueryError("SERVICE calls another server; a local query may not use it")
    subs = {ox.Variable(k): v for k, v in (bindings or {}).items()}
    try:
        return store.query(text, use_default_graph_as_union=True, substitutions=subs or None)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {explain_query_error(text, str(exc))}") from None


def _solutions(answer) -> QueryResult:
    return QueryResult([v.value for v in answer.variables], solution_rows(answer))


def run_local(store, text: str, bindings: dict[str, Any] | None = None) -> QueryResult:
    """Run a SELECT on the embedded store over the union of its named graphs."""
    import pyoxigraph as ox
    answer = _query_store(store, text, bindings)
    if not isinstance(answer, ox.QuerySolutions):
        raise QueryError("not a SELECT query")
    return _solutions(answer)


def run_query(source, query: NamedQuery | str, params: dict[str, str] | None = None, *,
              base: str = DEFAULT_BASE, use_example: bool = False,
              catalogue: dict[str, NamedQuery] | None = None,
              resolve: Optional[Resolver] = None) -> QueryResult:
    """Run a catalogue query on a pyoxigraph Store or an Endpoint (or its URL).

    Values are validated and bound (names through resolve, by default looked up on source);
    the columns are checked against the header and each value is coerced to its column type.
    """
    if isinstance(query, str):
        query = get_query(query, catalogue)
    bindings = query.bindings(params, base, use_example=use_example,
                              resolve=resolve or resolver_for(source, base))
    if _is_store(source):
        result = run_local(source, query.text, bindings)
    else:
        result = run_select(as_endpoint(source, base), substitute(query.text, bindings))
    if result.columns != query.projection:
        raise QueryError(f"query {query.id}: the result has columns {result.columns}, the header "
                         f"says {query.projection} (columns, then params)")
    n = len(query.columns)
    types = [c.type for c in query.columns]
    rows = [tuple(map(coerce, row[:n], types)) for row in result.rows]
    return QueryResult(query.column_names, rows)


def run_all(source, out_dir: Path, catalogue: dict[str, NamedQuery] | None = None, *,
            base: str = DEFAULT_BASE) -> list[tuple[str, int, Path]]:
    """Run every catalogue query (params from its example) and write out_dir/<id>.csv."""
    catalogue = load_catalogue() if catalogue is None else catalogue
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for qid, q in catalogue.items():
        result = run_query(source, q, base=base, use_example=True)
        path = out_dir / f"{qid}.csv"
        path.write_text(to_csv(result), encoding="utf-8")
        written.append((qid, len(result.rows), path))
    return written


def run_sparql(source, text: str, *, base: str = DEFAULT_BASE):
    """Run any query: SELECT -> QueryResult, ASK -> bool, CONSTRUCT/DESCRIBE -> N-Triples text."""
    if not _is_store(source):
        return run_any(as_endpoint(source, base), text)
    import pyoxigraph as ox
    answer = _query_store(source, text)
    if isinstance(answer, ox.QuerySolutions):
        return _solutions(answer)
    if isinstance(answer, ox.QueryBoolean):
        return bool(answer)
    return sorted_ntriples(answer).decode("utf-8")
