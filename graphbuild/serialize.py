"""Canonical order and fast text forms of a build's quads (N-Quads lines sorted in Rust and C).

The canonical order of quads is by (graph, subject, predicate, object), each term compared as its
N-Triples text. Sorting the N-Quads lines keyed by "graph subject predicate object" gives the same
order: a term is never a proper prefix of another term in the same place except a literal
object, which ends the key (and a space sorts below every character a term may continue with).
"""
from __future__ import annotations

import functools
import itertools
import json
import operator
import re

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


def parse_quads(lines: list[str]) -> list[ox.Quad]:
    """Parse N-Quads lines ("s p o g", no final dot) back into quads, in their order."""
    text = "".join(f"{line} .\n" for line in lines)
    return list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS))


def ntriples_lines(quad_lines: list[str]) -> list[str]:
    """Return the sorted distinct triple lines ("s p o .") of N-Quads lines ("s p o g")."""
    return sorted({line.rsplit(" ", 1)[0] + " ." for line in quad_lines})


def union_lines(groups) -> list[bytes]:
    """Return the sorted distinct union of sorted distinct lists of lines."""
    groups = [g for g in groups if g]
    if len(groups) <= 1:
        return list(groups[0]) if groups else []
    merged = list(itertools.chain.from_iterable(groups))
    merged.sort()  # the lists are sorted runs: timsort merges them
    if any(map(operator.eq, merged, itertools.islice(merged, 1, None))):
        merged = list(dict.fromkeys(merged))  # duplicates are neighbours; the first one stays
    return merged


def merge_lines(old: list[bytes] | None, new: list[bytes]) -> list[bytes]:
    """Return the sorted distinct union of two lists of lines."""
    if not old:
        return new
    lines = list(set(old).union(new))
    lines.sort()
    return lines


# Lines per piece of text made at once: joined in C, a few megabytes each.
PIECE = 1 << 15


def terminated_pieces(lines: list[bytes], end: bytes):
    """Yield the lines joined, each followed by end, a piece of PIECE lines at a time."""
    for i in range(0, len(lines), PIECE):
        yield end.join(lines[i:i + PIECE]) + end


def terminated(lines: list[bytes], end: bytes) -> bytes:
    """Return the lines joined, each followed by end."""
    return b"".join(list(terminated_pieces(lines, end)))


def parse_pieces(pieces, fmt):
    """Return an iterator over the statements of texts that are each whole N-Triples or N-Quads.

    Chained in C: no Python frame per statement.
    """
    return itertools.chain.from_iterable(map(functools.partial(ox.parse, format=fmt), pieces))


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


# -- JSON-LD straight from the sorted statement lines of each graph (UTF-8 "S P O" N-Triples)

# Bytes a JSON string must escape: in an N-Triples IRI none can occur, in a literal only escaped.
_JSON_SPECIAL = re.compile(rb'[\x00-\x1f"\\]')
# N-Triples escapes (ECHAR and UCHAR) of a literal's text.
_NT_ESCAPE = re.compile(r'\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))', re.S)
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_TYPE_PREDICATE = f"<{RDF_TYPE}>".encode()
_XSD_STRING_TERM = f"<{XSD_STRING}>".encode()
_KEYB, _ITEMB, _INNERB = _KEY.encode(), _ITEM.encode(), _INNER.encode()
_ITEM_SEP = b",\n" + _ITEMB


def _unescape_nt(match: re.Match) -> str:
    code = match.group(1) or match.group(2)
    if code:
        return chr(int(code, 16))
    return _ECHAR[match.group(3)]


def _json_text(raw: bytes) -> bytes:
    """Return the JSON string of a UTF-8 text that holds no N-Triples escape."""
    if _JSON_SPECIAL.search(raw) is None:
        return b'"' + raw + b'"'
    return _enc(raw.decode("utf-8")).encode("utf-8")


def _literal_json(body: bytes) -> bytes:
    """Return the JSON string of a literal's N-Triples text (between the quotes)."""
    if _JSON_SPECIAL.search(body) is None:  # no escape, no quote, no control character
        return b'"' + body + b'"'
    return _enc(_NT_ESCAPE.sub(_unescape_nt, body.decode("utf-8"))).encode("utf-8")


def _object_item(o: bytes) -> bytes:
    """Return the JSON-LD value object of an object term as dumps_json (indent 1) writes it."""
    if o[0] == 0x3C:  # "<": an IRI
        return b'{\n' + _INNERB + b'"@id": ' + _json_text(o[1:-1]) + b'\n' + _ITEMB + b'}'
    end = o.rindex(b'"')
    value, suffix = _literal_json(o[1:end]), o[end + 1:]
    head = b'{\n' + _INNERB + b'"@value": ' + value
    if suffix[:1] == b"@":
        return head + b',\n' + _INNERB + b'"@language": ' + _json_text(suffix[1:]) + b'\n' + _ITEMB + b'}'
    if not suffix or suffix[2:] == _XSD_STRING_TERM:
        return head + b'\n' + _ITEMB + b'}'
    return head + b',\n' + _INNERB + b'"@type": ' + _json_text(suffix[3:-1]) + b'\n' + _ITEMB + b'}'


def _node_bytes(subject: bytes, runs: dict[bytes, list[bytes]]) -> bytes:
    """Return one node object: its @id, then one key per predicate in order of first use."""
    parts = [_KEYB + b'"@id": ' + _json_text(subject[1:-1])]
    for key, items in runs.items():
        parts.append(_KEYB + key + b': [\n' + _ITEMB + _ITEM_SEP.join(items) + b'\n' + _KEYB + b']')
    return b"    {\n" + b",\n".join(parts) + b"\n    }"


def _graph_node_bytes(lines: list[bytes], compact, out: list[bytes], keys: dict, types: dict,
                      iris: dict):
    """Append the node objects of one graph's sorted lines to out, separated by commas.

    A generator: it yields (nothing) after every node, so that the caller can hand out pieces.
    """
    current, runs = None, None
    for line in lines:
        i = line.index(b" ")
        j = line.index(b" ", i + 1)
        s, p, o = line[:i], line[i + 1:j], line[j + 1:]
        if s != current:
            if s[0] != 0x3C:  # "_:": the build mints no blank node
                raise ValueError(f"a blank node in {line.decode('utf-8')!r}")
            if current is not None:
                out.append(_node_bytes(current, runs))
                out.append(b",\n")
                yield
            current, runs = s, {}
        if o[0] == 0x3C:  # an IRI: its value objects repeat (classes, concepts, organizations)
            if p == _TYPE_PREDICATE:
                key, item = b'"@type"', types.get(o)
                if item is None:
                    item = types[o] = _enc(compact(o[1:-1].decode("utf-8"))).encode("utf-8")
            else:
                key, item = keys.get(p), iris.get(o)
                if item is None:
                    item = iris[o] = _object_item(o)
        elif o[0] == 0x22:  # a literal
            key, item = keys.get(p), _object_item(o)
        else:
            raise ValueError(f"a blank node in {line.decode('utf-8')!r}")
        if key is None:
            key = keys[p] = _enc(compact(p[1:-1].decode("utf-8"))).encode("utf-8")
        run = runs.get(key)
        if run is None:
            runs[key] = [item]
        else:
            run.append(item)
    if current is not None:
        out.append(_node_bytes(current, runs))


# Nodes per piece of JSON-LD handed out at once.
NODES_PER_PIECE = 4096


def jsonld_pieces(context: dict[str, str], graphs: dict[str, list[bytes]], compact):
    """Yield, in pieces, what jsonld_text gives, from each graph's sorted statement lines.

    graphs maps the N-Triples text of each graph IRI, in sorted order, to its sorted lines
    ("S P O" N-Triples, UTF-8); no quad is parsed.
    """
    ctx = ",\n".join(f"  {_enc(k)}: {_enc(v)}" for k, v in context.items())
    ctx = f"{{\n{ctx}\n }}" if context else "{}"
    out = [f'{{\n "@context": {ctx},\n "@graph": '.encode("utf-8")]
    keys: dict = {}
    types: dict = {}
    iris: dict = {}
    opened = False
    for graph, lines in graphs.items():
        if not lines:
            continue
        opening = "[\n" if not opened else "\n   ]\n  },\n"
        out.append(f'{opening}  {{\n   "@id": {_enc(graph[1:-1])},\n   "@graph": [\n'
                   .encode("utf-8"))
        opened = True
        for n, _ in enumerate(_graph_node_bytes(lines, compact, out, keys, types, iris)):
            if n % NODES_PER_PIECE == NODES_PER_PIECE - 1:
                yield b"".join(out)
                out.clear()
    out.append(b"\n   ]\n  }\n ]\n}\n" if opened else b"[]\n}\n")
    yield b"".join(out)


def jsonld_from_lines(context: dict[str, str], graphs: dict[str, list[bytes]], compact) -> bytes:
    """Return what jsonld_text gives, from each graph's sorted statement lines (no quad parsed)."""
    return b"".join(list(jsonld_pieces(context, graphs, compact)))
