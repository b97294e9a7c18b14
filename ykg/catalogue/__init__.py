"""The query catalogue: named SPARQL queries in queries/*.rq, run locally or on an endpoint.

named (the .rq headers), params (parameter types and values), results (table/CSV/TSV/JSON),
endpoint (SPARQL servers), names (entity lookup on a server), push (Graph Store Protocol),
run (local or remote), readme (queries/README.md). Heavy libraries load on first use.
"""
from ykg.foundation.sparql import QueryError, QueryResult

from .endpoint import Endpoint, count_triples, ping
from .named import Column, NamedQuery, get_query, load_catalogue, load_query
from .params import PARAM_TYPES, Param, parse_assignments
from .push import PushError, PushReport, graph_store_url_for, graphs_of, push_dataset
from .readme import README_NAME, readme_is_current, render_readme, write_readme
from ykg.foundation.results import FORMATS, coerce, format_result, to_csv, to_json, to_table, to_tsv
from .run import resolver_for, run_all, run_local, run_query, run_sparql
from .transport import EndpointError, check_url

__all__ = [
    "PARAM_TYPES", "FORMATS", "README_NAME", "Column", "Endpoint", "EndpointError", "NamedQuery",
    "Param", "PushError", "PushReport", "QueryError", "QueryResult", "check_url", "coerce",
    "count_triples", "format_result", "get_query", "graph_store_url_for", "graphs_of",
    "load_catalogue", "load_query", "parse_assignments", "ping", "push_dataset",
    "readme_is_current", "render_readme", "resolver_for", "run_all", "run_local", "run_query",
    "run_sparql", "to_csv", "to_json", "to_table", "to_tsv", "write_readme",
]
