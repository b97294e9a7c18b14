"""Build the RDF dataset from the tables: map, derive, describe, and write it atomically."""
from __future__ import annotations

import contextlib
import functools
import gc
import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

from ykg.foundation.constants import DEFAULT_BASE, DESCRIPTION
from ykg.foundation.errors import UserError
from ykg.foundation.paths import DATA_DIR, ONTOLOGY_DIR
from ykg.foundation.rdf import BY_KEY, curie

from . import mapping
from .built import Build, prefixes_for
from .dataset import GraphBuilder
from .derived import add_search_keys, tag_technologies
from .describe import describe, summarize
from .errors import DataError, Problem
from .plans import add_plan_set, check_plan_sets, check_shared, plan_folders, plan_set, slim
from .readings import folder_readings
from .serialize import jsonld_text, merge_sorted, ntriples_lines, splice
from .tables import Tables, read_tables
from .vocab import Minter

__all__ = ["Build", "DATA_DIR", "ONTOLOGY_DIR", "OUTPUT_FILES", "SERIALIZERS", "build_dataset",
           "build_to", "prefixes_for", "write_build"]


@contextlib.contextmanager
def _no_cycle_collection():
    """Pause the cyclic garbage collector: a build allocates millions of objects and no cycle,
    and the collector's passes over them cost a tenth of the time at a hundred plans."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def build_dataset(data_dir: Path = DATA_DIR, base: str = DEFAULT_BASE) -> Build:
    """Read and check every plan's tables, map them to RDF, derive tags and keys, describe."""
    with _no_cycle_collection():
        return _build(Path(data_dir), base)


def _build(data_dir: Path, base: str) -> Build:
    folders = plan_folders(Path(data_dir))
    problems: list[Problem] = []
    minter = Minter(base)
    graph = GraphBuilder(minter)
    contexts, plans, readings, shared, first = [], [], {}, {}, None
    # Plan by plan: read, check, map; then keep of a plan's rows only what the description
    # names (at a hundred plans, every row of every table at once would double the memory).
    for folder in folders:
        try:
            tables = read_tables(folder.path)
        except DataError as exc:
            problems += exc.problems
            continue
        check_shared(tables, shared, problems)
        ctx = _map_plan(tables, minter.scoped(folder.scope), graph, problems)
        if ctx is None:
            continue
        plans.append(plan_set(tables, folder, minter, problems))
        add_plan_set(graph, plans[-1], ctx.minter.members)
        if first is None:
            first = tables
        else:
            ctx.tables = slim(tables)
        contexts.append(ctx)
        readings.update(folder_readings(folder.path))
    check_plan_sets(plans, folders, problems)
    if problems:
        raise DataError(problems)
    add_search_keys(graph, readings)
    lines = graph.take_lines()
    summary = summarize(lines, graph.graph(DESCRIPTION).value)
    describe(contexts[0], contexts, summary)
    problems += [p for ctx in contexts for p in ctx.problems]
    if problems:
        raise DataError(problems)
    described = graph.take_lines()
    b = Build(base, None, dict(graph.origins), first, plans, splice(lines, described))
    b.set_ntriples(merge_sorted(summary.ntriples, ntriples_lines(described)))
    return b


def _map_plan(tables: Tables, minter: Minter, graph: GraphBuilder, problems: list[Problem]):
    """Map one plan's tables into the shared graph and tag them; None if it has problems."""
    try:
        ctx = mapping.run(tables, minter, graph)
    except DataError as exc:
        problems += exc.problems
        return None
    tag_technologies(ctx)
    return ctx


# -- serialization: one writer per output format of the foundation's registry ------------------

def to_ntriples(b: Build) -> bytes:
    """Serialize the union graph as sorted N-Triples lines."""
    lines = b.ntriples_lines()
    return "\n".join(lines + [""]).encode("utf-8") if lines else b""


def to_turtle(b: Build) -> bytes:
    """Serialize the union graph as Turtle."""
    triples = ox.parse(to_ntriples(b), format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(triples, format=BY_KEY["ttl"].ox_format(), prefixes=b.prefixes)


def to_trig(b: Build) -> bytes:
    """Serialize the dataset with its named graphs as TriG."""
    return ox.serialize(b.iter_quads(), format=BY_KEY["trig"].ox_format(), prefixes=b.prefixes)


def jsonld_context(base: str) -> dict:
    """Return the JSON-LD @context published with the dataset (prefixes only)."""
    return dict(sorted(prefixes_for(base).items()))


def to_jsonld(b: Build) -> bytes:
    """Serialize the dataset as JSON-LD: one @graph object per named graph, compact keys."""
    prefixes = b.prefixes
    compact = functools.lru_cache(maxsize=None)(lambda iri: curie(iri, prefixes))
    return jsonld_text(jsonld_context(b.base), b.iter_quads(), compact)


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


class _Unmade(Exception):
    """Carry the error of a serializer out of the writing (it is not the folder's)."""


def write_atomically(files: dict, out_dir: Path) -> list[Path]:
    """Write the files into a new version folder, then switch every out_dir/name to it at once."""
    out_dir = Path(out_dir)
    try:
        return _write_version(files, out_dir)
    except _Unmade as exc:  # a file that could not be made is not a folder we cannot write
        raise exc.args[0] from None
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
            if callable(data):  # made when written: one file in memory at a time
                try:
                    data = data()
                except OSError as exc:
                    raise _Unmade(exc) from exc
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
    """Serialize a build in every format and write the files atomically (one in memory at once)."""
    with _no_cycle_collection():
        return write_atomically({name: functools.partial(fn, b)
                                 for name, fn in SERIALIZERS.items()}, out_dir)


def build_to(out_dir: Path, data_dir: Path = DATA_DIR, base: str = DEFAULT_BASE) -> list[Path]:
    """Build from data_dir and write the four files into out_dir."""
    return write_build(build_dataset(data_dir, base), out_dir)
