"""The query preset: a catalogue query whose rows name two entities, drawn as edges."""
from __future__ import annotations

import re

from ykg.catalogue import get_query, parse_assignments, resolver_for, run_query
from ykg.foundation.sparql import QueryError
from ykg.foundation.text import match_key

from .model import View, ViewError

# Column-name stems of the query catalogue and the classes their values name.
QUERY_HINTS = {
    "department": ("department",), "organization": ("department",),
    "program": ("program",), "parent": ("program",), "sub_program": ("program",),
    "project": ("project",), "area": ("area",), "policy_area": ("policy-area",),
    "goal": ("goal",), "measure": ("measure",), "pillar": ("pillar", "strategy-pillar"),
    "technology": ("technology",), "initiative": ("initiative", "strategy-measure"),
    "basic_goal": ("strategy-goal",),
}


def _hint(column: str) -> tuple[str, ...] | None:
    stem = re.sub(r"_(label|labels|no|id|iri)$", "", column)
    if stem not in QUERY_HINTS and stem.endswith("s"):
        stem = stem[:-1]
    return QUERY_HINTS.get(stem)


class Resolver:
    """Turn query values (IRIs, labels, numbers, comma lists) into node ids."""

    def __init__(self, net):
        self.net = net
        self.by_label: dict[str, set[str]] = {}
        self.by_key: dict[str, set[str]] = {}
        for n, d in net.nodes(data=True):
            for text in (d["label_ja"], d["label_en"]):
                self.by_label.setdefault(text, set()).add(n)
                self.by_key.setdefault(match_key(text), set()).add(n)
        self.by_iri = {d["iri"]: n for n, d in net.nodes(data=True)}

    def one(self, value, classes) -> str | None:
        """Return the one node a value names (of the classes, if given), or None."""
        if value is None or value == "" or isinstance(value, bool):
            return None

        def ok(n):
            return classes is None or self.net.nodes[n]["cls"] in classes

        if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
            if classes is None:
                return None
            hits = [n for n, num in self.net.nodes(data="number")
                    if num == int(value) and ok(n)]
            return hits[0] if len(hits) == 1 else None
        text = str(value)
        if text in self.by_iri:
            n = self.by_iri[text]
            return n if ok(n) else None
        for table, key in ((self.by_label, text), (self.by_key, match_key(text))):
            hits = sorted(n for n in table.get(key, ()) if ok(n))
            if len(hits) == 1:
                return hits[0]
        return None

    def cell(self, value, classes) -> list[str] | None:
        """Return the nodes a cell names: one value, or a comma list whose parts all resolve."""
        n = self.one(value, classes)
        if n is not None:
            return [n]
        if isinstance(value, str) and "," in value:
            parts = [self.one(p.strip(), classes) for p in value.split(",") if p.strip()]
            if parts and all(parts):
                return sorted(set(parts))
        return None


def _run(store, qid: str, assignments: list[str]):
    """Run the query; return it and its table {column: values}, an IRI parameter as a column."""
    try:
        q = get_query(qid)
        params = parse_assignments(assignments)
        resolve = resolver_for(store)
        bindings = q.bindings(params, use_example=True, resolve=resolve)
        result = run_query(store, q, params, use_example=True, resolve=resolve)
    except QueryError as exc:
        raise ViewError(str(exc)) from None
    table: dict[str, list] = {}
    for p in q.params:  # an IRI parameter is a column with one value (neighbours: entity)
        if p.type == "iri" and p.name in bindings:  # an optional one (plan) may be unbound
            table[p.name] = [bindings[p.name].value] * len(result.rows)
    for i, c in enumerate(result.columns):
        table[c] = [row[i] for row in result.rows]
    return q, result, table


def _entity_columns(net, table: dict[str, list]) -> dict[str, list]:
    """Return {column: nodes per row} of the columns whose values mostly name entities."""
    resolver = Resolver(net)
    resolved: dict[str, list] = {}
    for c, values in table.items():
        hint = _hint(c)
        cells = [resolver.cell(v, hint) for v in values]
        filled = [v for v in values if v not in (None, "")]
        hits = [x for x in cells if x]
        if hits and len(hits) * 2 >= len(filled):
            resolved[c] = cells
    return resolved


def _choose(qid: str, resolved: dict[str, list], columns: str | None,
            all_columns: list[str]) -> tuple[str, str]:
    """Return the two entity columns drawn: the ones asked for, or the first two that differ."""
    if columns:
        chosen = [c.strip() for c in columns.split(",") if c.strip()]
        if len(chosen) != 2:
            raise ViewError("--columns takes two column names separated by a comma")
        for c in chosen:
            if c not in resolved:
                raise ViewError(f"column {c!r} of {qid} does not name entities "
                                f"(entity columns: {', '.join(resolved) or 'none'})")
    else:
        # the first two entity columns that name different things (project_no and
        # project_label name the same project: one column, not an edge)
        def differ(c, d):
            return any(x and y and x != y for x, y in zip(resolved[c], resolved[d]))
        chosen = []
        for c in resolved:
            if all(differ(c, d) for d in chosen):
                chosen.append(c)
        chosen = chosen[:2]
    if len(chosen) < 2:
        raise ViewError(f"query {qid} has no two columns that name entities "
                        f"(entity columns: {', '.join(resolved) or 'none'}; "
                        f"columns: {', '.join(all_columns)})")
    return chosen[0], chosen[1]


def _plain(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _row_weight(rows: list[str]) -> float | None:
    """The first whole number in a row that counts something (n_…), for the edge width."""
    for text in rows:
        m = re.search(r"\bn_[a-z_]+=(\d+)", text)
        if m:
            return float(m.group(1))
    return None


def _merge_rows(table, resolved, ca: str, cb: str, others: list[str], count: int):
    """Return {(a, b): row texts} of the rows joining two entities, and the rows left out."""
    merged: dict[tuple[str, str], list[str]] = {}
    skipped = 0
    for i in range(count):
        ends_a, ends_b = resolved[ca][i], resolved[cb][i]
        if not ends_a or not ends_b:
            skipped += 1
            continue
        row_text = ", ".join(f"{c}={_plain(table[c][i])}" for c in others
                             if table[c][i] not in (None, ""))
        for a in ends_a:
            for b in ends_b:
                if a != b:
                    merged.setdefault((a, b), []).append(row_text)
    return merged, skipped


def select_query(net, args, store=None, columns: str | None = None, **_) -> View:
    """A catalogue query with two entity columns: one edge per pair of entities, rows merged."""
    import networkx as nx
    if store is None:
        raise ViewError("the query preset needs the store")
    qid = args[0]
    q, result, table = _run(store, qid, list(args[1:]))
    resolved = _entity_columns(net, table)
    ca, cb = _choose(qid, resolved, columns, result.columns)
    others = [c for c in result.columns if c not in (ca, cb)]
    merged, skipped = _merge_rows(table, resolved, ca, cb, others, len(result.rows))
    layers: dict[str, float] = {}
    for (a, b) in sorted(merged):
        layers.setdefault(a, 0.0)
        layers.setdefault(b, 1.0)
    g = nx.MultiDiGraph(**net.graph)
    for n in sorted(layers):
        g.add_node(n, **net.nodes[n])
    for (a, b), rows in sorted(merged.items()):
        g.add_edge(a, b, key="query", relation="query", source="query",
                   evidence=tuple({"kind": "row", "text": t} for t in rows if t),
                   weight=_row_weight(rows))
    notes = [f"{skipped} rows without two entities left out"] if skipped else []
    return View("query", f"query-{qid}", f"クエリ {qid}: {q.summary_ja}",
                f"Query {qid}: {q.summary_en}", g, layers=layers, notes=notes,
                edge_labels=False)
