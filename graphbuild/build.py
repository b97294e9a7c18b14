"""Build the RDF dataset from the tables: map, derive, describe, and write it atomically."""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from pyoxigraph import Quad

from ykg.foundation.constants import DEFAULT_BASE, PREFIXES
from ykg.foundation.paths import DATA_DIR, ONTOLOGY_DIR
from ykg.foundation.rdf import BY_KEY, curie, dumps_json, jsonld_node, sorted_ntriples

from . import mapping
from .derived import derive
from .describe import describe
from .errors import DataError
from .tables import Tables, read_tables
from .vocab import Minter

__all__ = ["Build", "DATA_DIR", "ONTOLOGY_DIR", "OUTPUT_FILES", "SERIALIZERS", "build_dataset",
           "build_to", "prefixes_for", "write_build"]


@dataclass
class Build:
    """A built dataset: its quads in canonical order and where each entity came from."""

    base: str
    quads: list[Quad]
    origins: dict[str, str]
    tables: Tables

    @property
    def prefixes(self) -> dict[str, str]:
        return prefixes_for(self.base)

    def triples(self) -> list[ox.Triple]:
        """Return the union graph: distinct triples, sorted."""
        seen = {q.triple for q in self.quads}
        return sorted(seen, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))

    def graph_names(self) -> list[str]:
        return sorted({q.graph_name.value for q in self.quads})


def prefixes_for(base: str) -> dict[str, str]:
    """Return the vocabulary prefixes plus one prefix per kind of instance under base."""
    prefixes = dict(PREFIXES)
    prefixes.pop("sh")
    paths = sorted({em.path for em in mapping.ENTITY_MAPS.values()} | set(mapping.RULE_PATHS))
    for path in paths:
        prefixes["y" + path.replace("-", "")] = f"{base}/id/{path}/"
    prefixes["ygraph"] = f"{base}/graph/"
    return prefixes


def build_dataset(data_dir: Path = DATA_DIR, base: str = DEFAULT_BASE) -> Build:
    """Read and check the tables, map them to RDF, derive tags and keys, describe the result."""
    tables = read_tables(Path(data_dir))
    ctx = mapping.run(tables, Minter(base))
    derive(ctx)
    describe(ctx)
    if ctx.problems:
        raise DataError(ctx.problems)
    return Build(base, ctx.graph.sorted_quads(), dict(ctx.graph.origins), tables)


# -- serialization: one writer per output format of the foundation's registry ------------------

def to_ntriples(b: Build) -> bytes:
    """Serialize the union graph as sorted N-Triples lines."""
    return sorted_ntriples(b.triples())


def to_turtle(b: Build) -> bytes:
    """Serialize the union graph as Turtle."""
    return ox.serialize(b.triples(), format=BY_KEY["ttl"].ox_format(), prefixes=b.prefixes)


def to_trig(b: Build) -> bytes:
    """Serialize the dataset with its named graphs as TriG."""
    return ox.serialize(b.quads, format=BY_KEY["trig"].ox_format(), prefixes=b.prefixes)


def jsonld_context(base: str) -> dict:
    """Return the JSON-LD @context published with the dataset (prefixes only)."""
    return dict(sorted(prefixes_for(base).items()))


def to_jsonld(b: Build) -> bytes:
    """Serialize the dataset as JSON-LD: one @graph object per named graph, compact keys."""
    prefixes = b.prefixes
    graphs: dict[str, dict[str, dict]] = {}
    for q in b.quads:
        nodes = graphs.setdefault(q.graph_name.value, {})
        node = nodes.setdefault(q.subject.value, {"@id": q.subject.value})
        jsonld_node(node, q.predicate.value, q.object, lambda iri: curie(iri, prefixes))
    doc = {"@context": jsonld_context(b.base),
           "@graph": [{"@id": name, "@graph": list(nodes.values())}
                      for name, nodes in sorted(graphs.items())]}
    return dumps_json(doc)


WRITERS = {"ttl": to_turtle, "trig": to_trig, "nt": to_ntriples, "jsonld": to_jsonld}
# Output file name -> writer: graph.ttl, graph.trig, graph.nt, graph.jsonld.
SERIALIZERS = {f"graph{BY_KEY[key].extension}": fn for key, fn in WRITERS.items()}
OUTPUT_FILES = tuple(SERIALIZERS)


def write_atomically(files: dict[str, bytes], out_dir: Path) -> list[Path]:
    """Write every file to a temporary folder in out_dir, then move each into place."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".ykg-tmp-", dir=out_dir))
    try:
        for name, data in files.items():
            with open(tmp / name, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        written = []
        for name in files:
            os.replace(tmp / name, out_dir / name)
            written.append(out_dir / name)
        return written
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def write_build(b: Build, out_dir: Path) -> list[Path]:
    """Serialize a build in every format and write the files atomically."""
    return write_atomically({name: fn(b) for name, fn in SERIALIZERS.items()}, out_dir)


def build_to(out_dir: Path, data_dir: Path = DATA_DIR, base: str = DEFAULT_BASE) -> list[Path]:
    """Build from data_dir and write the four files into out_dir."""
    return write_build(build_dataset(data_dir, base), out_dir)
