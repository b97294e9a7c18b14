"""The graph as an embedded Oxigraph store: from a build, a build folder or a dataset dump."""
from __future__ import annotations

from pathlib import Path

from ykg.foundation.constants import DEFAULT_BASE
from ykg.foundation.errors import UserError
from ykg.foundation.rdf import RdfFormat, format_for

BUILD_DUMP = "graph.trig"  # the dump of a build folder that keeps the named graphs
# Dumps a store can be opened from: the registry's dataset formats that pyoxigraph parses.
DUMP_KEYS = ("trig", "nq")


def store_from_build(build):
    """Load a graphbuild.Build (named graphs kept) into a new in-memory store."""
    import pyoxigraph as ox
    store = ox.Store()
    if hasattr(build, "nquads"):  # a graphbuild.Build: its text loads without a Python object
        store.bulk_load(build.nquads(), format=ox.RdfFormat.N_QUADS)
    else:
        store.bulk_extend(build.quads)
    return store


def dump_of(path: Path) -> tuple[Path, RdfFormat]:
    """Return the dump file a build folder or dump path stands for, and its format."""
    path = Path(path)
    if path.is_dir():
        path = path / BUILD_DUMP
    if not path.exists():
        raise UserError(f"{path} does not exist")
    fmt = format_for(path.suffix)
    if fmt is None or fmt.key not in DUMP_KEYS:
        raise UserError(f"cannot load {path}: expected a build folder, .trig or .nq file")
    return path, fmt


def _read_quads(path: Path, fmt: RdfFormat) -> list:
    import pyoxigraph as ox
    try:
        return list(ox.parse(path=str(path), format=fmt.ox_format()))
    except (SyntaxError, ValueError, OSError) as exc:
        raise UserError(f"cannot load {path}: {exc}") from None


def open_store(source: Path | None = None, base: str = DEFAULT_BASE):
    """Return a store of a build folder (its graph.trig) or a .trig/.nq dump; None builds data/."""
    import pyoxigraph as ox
    if source is None:
        from graphbuild import build_dataset
        return store_from_build(build_dataset(base=base))
    path, fmt = dump_of(source)
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt.ox_format())
    except (SyntaxError, ValueError, OSError) as exc:
        raise UserError(f"cannot load {path}: {exc}") from None
    return store


def load_build(path: Path, base: str = DEFAULT_BASE):
    """Read a build folder or dump as a graphbuild.Build (no origins, no tables), quads sorted."""
    from graphbuild import Build
    from graphbuild.serialize import canonical_lines
    file, fmt = dump_of(path)
    # Sorted as text (canonical N-Quads lines): the quads are parsed again only when asked for.
    return Build(base, None, {}, None, lines=canonical_lines(_read_quads(file, fmt)))
