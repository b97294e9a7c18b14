"""Open the graph as an embedded Oxigraph store: from a build folder, a dump file, or the tables."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

DEFAULT_BASE = "https://w3id.org/ykg"


def store_from_build(build) -> ox.Store:
    """Load a graphbuild.Build (named graphs kept) into a new in-memory store."""
    store = ox.Store()
    store.bulk_extend(build.quads)
    return store


def open_store(source: Path | None = None, base: str = DEFAULT_BASE) -> ox.Store:
    """Return a store: source may be a build folder (graph.trig), a .trig/.nq file, or None (build from data/)."""
    if source is None:
        from graphbuild import build_dataset
        return store_from_build(build_dataset(base=base))
    source = Path(source)
    if source.is_dir():
        source = source / "graph.trig"
    fmt = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS}.get(source.suffix)
    if fmt is None:
        raise ValueError(f"cannot load {source}: expected a build folder, .trig or .nq file")
    store = ox.Store()
    store.bulk_load(path=str(source), format=fmt)
    return store
