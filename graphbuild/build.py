"""Build the RDF dataset from the tables: map, derive, describe, and write it atomically."""
from __future__ import annotations

import contextlib
import functools
import gc
import os
import shutil
import tempfile
from dataclasses import dataclass
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
from .forking import can_fork, fork_call
from .plans import (PlanFolder, PlanSet, add_plan_set, check_plan_sets, check_shared, plan_folders,
                    plan_set, slim)
from .readings import folder_readings
from .serialize import jsonld_pieces, jsonld_text, merge_lines, union_lines
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


# Builds of at least this many plans map the later half of them in a forked process (below, the
# fork and the transfer of its statements would cost more than they save).
FORK_PLANS = 4


@dataclass
class _Mapped:
    """What reading and mapping one plan folder gave (its statements went into a GraphBuilder)."""

    folder: PlanFolder
    tables: Tables | None  # all rows for the first plan, else what the build still reads
    plan: PlanSet | None  # None: the plan had problems
    problems: list[Problem]


def _map_folder(folder: PlanFolder, minter: Minter, graph: GraphBuilder, whole: bool) -> _Mapped:
    """Read, check and map one plan folder into graph; keep all its rows only when whole."""
    problems: list[Problem] = []
    try:
        tables = read_tables(folder.path)
    except DataError as exc:
        return _Mapped(folder, None, None, exc.problems)
    ctx = _map_plan(tables, minter.scoped(folder.scope), graph, problems)
    if ctx is None:
        return _Mapped(folder, slim(tables), None, problems)
    plan = plan_set(tables, folder, minter, problems)
    add_plan_set(graph, plan, ctx.minter.members)
    # Of a plan other than the first, keep only the rows the build still reads (at a hundred
    # plans, every row of every table at once would double the memory).
    return _Mapped(folder, tables if whole else slim(tables), plan, problems)


def _map_folders(folders: list[PlanFolder], minter: Minter, graph: GraphBuilder,
                 readings: dict[str, str]) -> list[_Mapped]:
    """Map every plan folder into graph with its search keys; the later half in a forked process.

    Each process gives search keys to the entities it mapped (the shared vocabulary, mapped by
    both, gets the same keys twice: its rows are the same in every plan, or the build fails).
    """
    split = len(folders) // 2 if len(folders) >= FORK_PLANS and can_fork() else len(folders)

    def later():
        mine = GraphBuilder(minter)
        mapped = [_map_folder(f, minter, mine, False) for f in folders[split:]]
        add_search_keys(mine, readings)
        return mapped, mine.state()
    join, kill = fork_call(later) if split < len(folders) else (None, None)
    try:
        mapped = [_map_folder(f, minter, graph, i == 0) for i, f in enumerate(folders[:split])]
        add_search_keys(graph, readings)
    except BaseException:
        if kill is not None:
            kill()
        raise
    if join is not None:
        rest, state = join()
        graph.merge(state)
        mapped += rest
    return mapped


def _build(data_dir: Path, base: str) -> Build:
    folders = plan_folders(Path(data_dir))
    problems: list[Problem] = []
    minter = Minter(base)
    graph = GraphBuilder(minter)
    readings = {}
    for folder in folders:
        readings.update(folder_readings(folder.path, problems))
    contexts, plans, shared = [], [], {}
    for m in _map_folders(folders, minter, graph, readings):
        problems += m.problems
        if m.tables is not None:
            check_shared(m.tables, shared, problems)
        if m.plan is not None:
            plans.append(m.plan)
            contexts.append(mapping.Context(m.tables, minter.scoped(m.folder.scope), graph))
    check_plan_sets(plans, folders, problems)
    if problems:
        raise DataError(problems)
    first = contexts[0].tables
    graphs = graph.take()
    description = graph.graph_text(DESCRIPTION)
    summary = summarize(graphs, graph.graph(DESCRIPTION).value)
    describe(contexts[0], contexts, summary)
    problems += [p for ctx in contexts for p in ctx.problems]
    if problems:
        raise DataError(problems)
    described = graph.take()
    for g, lines in described.items():
        graphs[g] = merge_lines(graphs.get(g), lines)
    graphs = dict(sorted(graphs.items()))
    if set(described) <= {description}:  # the content's union is counted already
        union = union_lines([summary.ntriples, graphs.get(description)])
    else:
        union = union_lines(graphs.values())
    b = Build(base, None, dict(graph.origins), first, plans)
    b.set_graphs(graphs, union)
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
    return b.ntriples()


def to_turtle(b: Build) -> bytes:
    """Serialize the union graph as Turtle."""
    return ox.serialize(b.iter_triples(), format=BY_KEY["ttl"].ox_format(), prefixes=b.prefixes)


def to_trig(b: Build) -> bytes:
    """Serialize the dataset with its named graphs as TriG."""
    return ox.serialize(b.iter_quads(), format=BY_KEY["trig"].ox_format(), prefixes=b.prefixes)


def jsonld_context(base: str) -> dict:
    """Return the JSON-LD @context published with the dataset (prefixes only)."""
    return dict(sorted(prefixes_for(base).items()))


def to_jsonld(b: Build) -> bytes:
    """Serialize the dataset as JSON-LD: one @graph object per named graph, compact keys."""
    return b"".join(list(_jsonld_pieces(b)))


def _jsonld_pieces(b: Build):
    prefixes = b.prefixes
    compact = functools.lru_cache(maxsize=None)(lambda iri: curie(iri, prefixes))
    graphs = b.graph_lines()
    if graphs is not None:  # the builder's text: no quad parsed
        return jsonld_pieces(jsonld_context(b.base), graphs, compact)
    return iter([jsonld_text(jsonld_context(b.base), b.iter_quads(), compact)])


WRITERS = {"ttl": to_turtle, "trig": to_trig, "nt": to_ntriples, "jsonld": to_jsonld}
# Output file name -> writer: graph.ttl, graph.trig, graph.nt, graph.jsonld.
SERIALIZERS = {f"graph{BY_KEY[key].extension}": fn for key, fn in WRITERS.items()}
OUTPUT_FILES = tuple(SERIALIZERS)
# Writers whose text write_build takes piece by piece (never the whole file in memory).
PIECEWISE = {to_ntriples: Build.ntriples_pieces, to_jsonld: _jsonld_pieces}


def _turtle_into(b: Build, path: Path) -> None:
    ox.serialize(b.iter_triples(), str(path), BY_KEY["ttl"].ox_format(), prefixes=b.prefixes)


def _trig_into(b: Build, path: Path) -> None:
    ox.serialize(b.iter_quads(), str(path), BY_KEY["trig"].ox_format(), prefixes=b.prefixes)


# Writers that write_build lets write the file themselves (pyoxigraph writes it as it goes).
DIRECT = {to_turtle: _turtle_into, to_trig: _trig_into}


class _Direct:
    """A file that its writer writes itself, given the path: its text is never held whole."""

    def __init__(self, write):
        self.write = write


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


def write_atomically(files: dict, out_dir: Path, fork: tuple[str, ...] = ()) -> list[Path]:
    """Write the files into a new version folder, then switch every out_dir/name to it at once.

    The files named in fork (made when written) are made by a forked process meanwhile.
    """
    out_dir = Path(out_dir)
    try:
        return _write_version(files, out_dir, fork)
    except _Unmade as exc:  # a file that could not be made is not a folder we cannot write
        raise exc.args[0] from None
    except OSError as exc:
        raise UserError(f"cannot write the graph files into {out_dir}: "
                        f"{exc.strerror or exc}") from None


def _pieces(data):
    """Yield the content of a file: bytes, or made when written (bytes or pieces of bytes).

    A failure of what makes the content is raised as _Unmade, not as a failure to write.
    """
    if callable(data):  # made when written: one file in memory at a time
        try:
            data = data()
        except OSError as exc:
            raise _Unmade(exc) from exc
    if isinstance(data, (bytes, bytearray, memoryview)):
        yield data
        return
    pieces = iter(data)
    while True:
        try:
            piece = next(pieces)
        except StopIteration:
            return
        except OSError as exc:
            raise _Unmade(exc) from exc
        yield piece


def _write_file(path: Path, data) -> None:
    """Write one file's content and flush it to the disk."""
    if isinstance(data, _Direct):  # an OSError here is the file's (the text is in memory)
        data.write(path)
        with open(path, "rb") as fh:
            os.fsync(fh.fileno())
        return
    with open(path, "wb") as fh:
        for piece in _pieces(data):
            fh.write(piece)
        fh.flush()
        os.fsync(fh.fileno())


# Files a second process makes while this one makes the others (about half the work each),
# for builds of at least FORK_MIN statements (below, the fork would cost more than it saves).
FORKED_FILES = ("graph.jsonld", "graph.nt")
FORK_MIN = 200_000


def _forked(files: dict, names) -> list[str]:
    """Return the files to make in a forked process: none when forking is unsafe or pointless."""
    if not can_fork():
        return []
    made = [n for n, data in files.items() if callable(data) or isinstance(data, _Direct)]
    names = [n for n in names if n in made]
    return names if len(names) < len(made) else []


def _write_files(files: dict, folder: Path, fork: tuple[str, ...] = ()) -> None:
    """Write the files into folder: those named in fork by a child process, the others here."""
    forked = _forked(files, fork)
    join, kill = fork_call(lambda: [_write_file(folder / n, files[n]) for n in forked]) \
        if forked else (None, None)
    try:
        for name, data in files.items():
            if name not in forked:
                _write_file(folder / name, data)
    except BaseException:
        if kill is not None:
            kill()
        raise
    if join is not None:
        join()


def _write_version(files: dict[str, bytes], out_dir: Path, fork: tuple[str, ...]) -> list[Path]:
    import fcntl
    state = out_dir / STATE_DIR
    state.mkdir(parents=True, exist_ok=True)
    with open(state / ".lock", "a") as lock:  # one writer at a time per folder
        fcntl.flock(lock, fcntl.LOCK_EX)
        _clean_stale(state)
        _adopt_plain_files(out_dir, state, files)
        new = Path(tempfile.mkdtemp(prefix="v-", dir=state))
        _write_files(files, new, fork)
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
    fork = FORKED_FILES if len(b.triples()) >= FORK_MIN else ()
    files = {name: _Direct(functools.partial(DIRECT[fn], b)) if fn in DIRECT
             else functools.partial(PIECEWISE.get(fn, fn), b) for name, fn in SERIALIZERS.items()}
    with _no_cycle_collection():
        return write_atomically(files, out_dir, fork)


def build_to(out_dir: Path, data_dir: Path = DATA_DIR, base: str = DEFAULT_BASE) -> list[Path]:
    """Build from data_dir and write the four files into out_dir."""
    return write_build(build_dataset(data_dir, base), out_dir)
