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
from ykg.foundation.errors import UserError
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


# The four files are symlinks into one version folder, switched as a whole by one symlink:
#   DIR/graph.ttl -> .ykg-graph/current/graph.ttl, DIR/.ykg-graph/current -> v-XXXX
# so a reader (or a kill at any instant) sees all old files or all new ones, never a mix.
STATE_DIR = ".ykg-graph"
CURRENT = "current"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _point(link: Path, target: str) -> None:
    """Make link a symlink to target in one rename (never absent, never half made)."""
    tmp = link.with_name(f".{link.name}.tmp-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, link)


def _adopt_plain_files(out_dir: Path, state: Path, names) -> None:
    """Turn graph files of an older layout (plain files) into links to a version of their own."""
    plain = [n for n in names if (out_dir / n).is_file() and not (out_dir / n).is_symlink()]
    if not plain or (state / CURRENT).exists():
        return
    old = Path(tempfile.mkdtemp(prefix="v-", dir=state))
    for name in plain:
        os.link(out_dir / name, old / name)
    _fsync_dir(old)
    _point(state / CURRENT, old.name)


def _clean_stale(state: Path) -> None:
    """Remove versions and temporary links that no run uses (left by a killed or failed run)."""
    current = os.readlink(state / CURRENT) if (state / CURRENT).is_symlink() else None
    for entry in state.iterdir():
        if entry.name not in (CURRENT, current, ".lock"):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)


def write_atomically(files: dict[str, bytes], out_dir: Path) -> list[Path]:
    """Write the files into a new version folder, then switch every out_dir/name to it at once."""
    out_dir = Path(out_dir)
    try:
        return _write_version(files, out_dir)
    except OSError as exc:
        raise UserError(f"cannot write the graph files into {out_dir}: "
                        f"{exc.strerror or exc}") from None


def _write_version(files: dict[str, bytes], out_dir: Path) -> list[Path]:
    import fcntl
    state = out_dir / STATE_DIR
    state.mkdir(parents=True, exist_ok=True)
    with open(state / ".lock", "a") as lock:  # one writer at a time per folder
        fcntl.flock(lock, fcntl.LOCK_EX)
        _clean_stale(state)
        _adopt_plain_files(out_dir, state, files)
        new = Path(tempfile.mkdtemp(prefix="v-", dir=state))
        for name, data in files.items():
            with open(new / name, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(new, 0o755)
        _fsync_dir(new)
        for name in files:  # links through `current`: they read the old version until the switch
            link, target = out_dir / name, f"{STATE_DIR}/{CURRENT}/{name}"
            if not (link.is_symlink() and os.readlink(link) == target):
                _point(link, target)
        _point(state / CURRENT, new.name)
        _fsync_dir(state)
        _clean_stale(state)
    return [out_dir / name for name in files]


def write_build(b: Build, out_dir: Path) -> list[Path]:
    """Serialize a build in every format and write the files atomically."""
    return write_atomically({name: fn(b) for name, fn in SERIALIZERS.items()}, out_dir)


def build_to(out_dir: Path, data_dir: Path = DATA_DIR, base: str = DEFAULT_BASE) -> list[Path]:
    """Build from data_dir and write the four files into out_dir."""
    return write_build(build_dataset(data_dir, base), out_dir)
