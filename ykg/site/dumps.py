"""The dumps of the whole dataset (dumps/ykg.trig|.ttl|.nt.gz|.jsonld) and context.jsonld.

The dumps are the build's own files (graphbuild.write_build), byte for byte; the N-Triples dump
is gzipped without a name or time stamp, so two publishes give the same bytes.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import PurePosixPath

from graphbuild.build import SERIALIZERS

from ykg.foundation.rdf import dumps_json

from .context import SiteContext


@dataclass(frozen=True)
class Distribution:
    """One dump as the dataset description lists it."""

    name: str        # file name under dumps/
    slug: str        # last part of its distribution IRI
    format: str      # key of ykg.foundation.rdf.FORMATS
    file_type: str   # code in the EU file-type authority table (DCAT-AP dct:format)
    compress: str | None
    title_en: str
    title_ja: str
    about_en: str
    about_ja: str


DISTRIBUTIONS = (
    Distribution("ykg.trig", "trig", "trig", "RDF_TRIG", None, "TriG: every named graph",
                 "TriG(名前付きグラフ付き)", "The whole dataset, each statement in its named graph.",
                 "データセット全体。各文は名前付きグラフの中にある。"),
    Distribution("ykg.ttl", "turtle", "ttl", "RDF_TURTLE", None, "Turtle: the union graph",
                 "Turtle(全グラフの和)", "The union of the named graphs, without graph names.",
                 "名前付きグラフの和(グラフ名なし)。"),
    Distribution("ykg.nt.gz", "ntriples", "nt", "RDF_N_TRIPLES", "application/gzip",
                 "N-Triples, gzip: the union graph, sorted lines", "N-Triples(gzip圧縮、行を整列)",
                 "The union graph, one sorted statement per line, gzip-compressed.",
                 "全グラフの和。1行1文を整列し、gzipで圧縮。"),
    Distribution("ykg.jsonld", "jsonld", "jsonld", "JSON_LD", None, "JSON-LD: every named graph",
                 "JSON-LD(名前付きグラフ付き)", "The whole dataset with its named graphs and the published @context.",
                 "名前付きグラフと公開の@contextを含むデータセット全体。"),
)


@dataclass
class Dumps:
    """Sizes and SHA-256 checksums of the dumps as written."""

    sizes: dict[str, int]
    hashes: dict[str, str]


def gzip_bytes(data: bytes) -> bytes:
    """Compress deterministically: no file name, no time stamp."""
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(data)
    return buf.getvalue()


def build_files(site: SiteContext) -> dict[str, bytes]:
    """Return the build's files by extension (.trig, .ttl, .nt, .jsonld), as write_build makes them."""
    # The serializers themselves: write_build's atomic, fsynced writes are not needed in memory.
    return {PurePosixPath(name).suffix: fn(site.build) for name, fn in SERIALIZERS.items()}


def dump_context(jsonld: bytes) -> dict:
    """Return the @context of the JSON-LD dump, read from its head (the dump itself is large)."""
    head, tail = b'{\n "@context": ', b',\n "@graph": '
    end = jsonld.find(tail)
    if jsonld.startswith(head) and end > 0:
        return json.loads(jsonld[len(head):end])
    return json.loads(jsonld)["@context"]


def write_dumps(site: SiteContext) -> Dumps:
    """Write the four dumps and the published JSON-LD context; return their sizes and checksums."""
    files = build_files(site)
    dumps = {"ykg.trig": files[".trig"], "ykg.ttl": files[".ttl"],
             "ykg.nt.gz": gzip_bytes(files[".nt"]), "ykg.jsonld": files[".jsonld"]}
    for name, data in dumps.items():
        site.write(f"dumps/{name}", data)
    # The JSON-LD dump embeds the published context: the same prefixes, written once more alone.
    site.write("context.jsonld", dumps_json({"@context": dump_context(files[".jsonld"])},
                                            sort_keys=True))
    return Dumps({n: len(d) for n, d in dumps.items()},
                 {n: hashlib.sha256(d).hexdigest() for n, d in dumps.items()})
