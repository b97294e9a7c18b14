"""Canonical order and fast text forms of a build's quads (N-Quads lines sorted in Rust and C).

The canonical order of quads is by (graph, subject, predicate, object), each term compared as its
N-Triples text. Sorting the N-Quads lines keyed by "graph subject predicate object" gives the same
order: a term is never a proper prefix of another term in the same place except a literal
object, which ends the key (and a space sorts below every character a term may continue with).
"""
from __future__ import annotations

import bisect
import heapq
import itertools
import json

import pyoxigraph as ox

# json.dumps(ensure_ascii=False)'s string encoder (the C one when available).
_enc = json.encoder.encode_basestring


def canonical_lines(quads, batch: int = 65536) -> list[str]:
    """Return the distinct N-Quads lines (without " .") of quads as "s p o g", canonically sorted.

    Serialized a batch at a time, and rewritten in place after sorting, so that no more than
    about one copy of the text is alive at once.
    """
    keyed: set[str] = set()
    it = iter(quads)
    while chunk := list(itertools.islice(it, batch)):
        for line in ox.serialize(chunk, format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines():
            spo, g, _dot = line.rsplit(" ", 2)
            keyed.add(f"{g} {spo}")
    out = sorted(keyed)
    keyed.clear()
    for i, key in enumerate(out):
        g, spo = key.split(" ", 1)
        out[i] = f"{spo} {g}"
    return out


def _graph_of(line: str) -> str:
    return line.rsplit(" ", 1)[1]


def splice(lines: list[str], extra: list[str]) -> list[str]:
    """Return canonical lines with the canonical lines of more statements put in their places."""
    if not extra:
        return lines
    graphs = {_graph_of(x) for x in extra}
    if len(graphs) > 1:
        return canonical_lines(parse_quads(lines + extra))
    g = graphs.pop()
    lo = bisect.bisect_left(lines, g, key=_graph_of)
    hi = bisect.bisect_right(lines, g, key=_graph_of)
    # Lines of one graph sort as their statements do (the graph is the same last token).
    return lines[:lo] + sorted(set(lines[lo:hi]) | set(extra)) + lines[hi:]


def merge_sorted(a: list[str], b: list[str]) -> list[str]:
    """Return the sorted distinct union of two sorted distinct lists of lines."""
    out: list[str] = []
    for line in heapq.merge(a, b):
        if not out or out[-1] != line:
            out.append(line)
    return out


def parse_quads(lines: list[str]) -> list[ox.Quad]:
    """Parse N-Quads lines ("s p o g", no final dot) back into quads, in their order."""
    text = "".join(f"{line} .\n" for line in lines)
    return list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS))


def ntriples_lines(quad_lines: list[str]) -> list[str]:
    """Return the sorted distinct triple lines ("s p o .") of N-Quads lines ("s p o g")."""
    return sorted({line.rsplit(" ", 1)[0] + " ." for line in quad_lines})


def parse_triples(nt_lines: list[str]) -> list[ox.Triple]:
    """Parse N-Triples lines back into triples, in their order."""
    text = "".join(f"{line}\n" for line in nt_lines)
    return list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))


def _value_text(term, pad: str, inner: str) -> str:
    """Return the JSON-LD value object of an IRI or literal as dumps_json (indent 1) writes it."""
    if type(term) is ox.NamedNode:
        return f'{{\n{inner}"@id": {_enc(term.value)}\n{pad}}}'
    if term.language:
        return (f'{{\n{inner}"@value": {_enc(term.value)},\n{inner}"@language": '
                f'{_enc(term.language)}\n{pad}}}')
    if term.datatype.value == XSD_STRING:
        return f'{{\n{inner}"@value": {_enc(term.value)}\n{pad}}}'
    return (f'{{\n{inner}"@value": {_enc(term.value)},\n{inner}"@type": '
            f'{_enc(term.datatype.value)}\n{pad}}}')


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
# Indentation of a node's keys, of the items of its lists, of the keys of a value object.
_KEY, _ITEM, _INNER = " " * 5, " " * 6, " " * 7


def _node_text(subject: str, runs: list[tuple[str, list[str]]]) -> str:
    """Return one node object: its @id, then one key per predicate in order of first use."""
    parts = [f'{_KEY}"@id": {_enc(subject)}']
    for key, items in runs:
        body = ",\n".join(_ITEM + item for item in items)
        parts.append(f"{_KEY}{_enc(key)}: [\n{body}\n{_KEY}]")
    return "    {\n" + ",\n".join(parts) + "\n    }"


def _graph_nodes(quads, compact):
    """Yield (graph, node text) of quads in canonical order (a node's quads are contiguous)."""
    current = None
    runs: dict[str, list[str]] = {}
    for q in quads:
        key = (q.graph_name.value, q.subject.value)
        if key != current:
            if current is not None:
                yield current[0], _node_text(current[1], list(runs.items()))
            current, runs = key, {}
        predicate, obj = q.predicate.value, q.object
        if predicate == RDF_TYPE and type(obj) is ox.NamedNode:
            runs.setdefault("@type", []).append(_enc(compact(obj.value)))
        else:
            runs.setdefault(compact(predicate), []).append(_value_text(obj, _ITEM, _INNER))
    if current is not None:
        yield current[0], _node_text(current[1], list(runs.items()))


def jsonld_text(context: dict[str, str], quads, compact) -> bytes:
    """Return the JSON-LD of quads in canonical order: one @graph object per named graph.

    The text is what ykg.foundation.rdf.dumps_json (indent 1) gives for the nodes that
    jsonld_node builds, written as the quads stream by, without the dictionaries.
    """
    ctx = ",\n".join(f"  {_enc(k)}: {_enc(v)}" for k, v in context.items())
    ctx = f"{{\n{ctx}\n }}" if context else "{}"
    # Encoded piece by piece: the parts and the result are the only copies of the text.
    parts = [f'{{\n "@context": {ctx},\n "@graph": '.encode("utf-8")]
    graph = None
    for name, node in _graph_nodes(quads, compact):
        if name != graph:
            opening = "[\n" if graph is None else "\n   ]\n  },\n"
            parts.append(f'{opening}  {{\n   "@id": {_enc(name)},\n   "@graph": [\n'
                         .encode("utf-8"))
            graph = name
        else:
            parts.append(b",\n")
        parts.append(node.encode("utf-8"))
    parts.append(b"\n   ]\n  }\n ]\n}\n" if graph is not None else b"[]\n}\n")
    return b"".join(parts)
