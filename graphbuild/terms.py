"""The terms of the ontology that tables may name, read from ontology/ykg.ttl."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ykg.foundation.constants import PREFIXES, RDF_TYPE, YKG
from ykg.foundation.errors import UserError
from ykg.foundation.paths import ONTOLOGY_DIR

ONTOLOGY_FILE = ONTOLOGY_DIR / "ykg.ttl"
OBJECT_PROPERTY = PREFIXES["owl"] + "ObjectProperty"


class RdfFileError(UserError):
    """An RDF file ykg reads (the ontology, the shapes) that cannot be read: exit 2."""


def read_turtle(path: Path) -> list:
    """Return the triples of a Turtle file; raise RdfFileError naming the file and line."""
    import pyoxigraph as ox
    path = Path(path)
    try:
        return list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except SyntaxError as exc:
        line, col = _position(exc)
        reason = exc.args[0] if exc.args else str(exc)
        raise RdfFileError(f"{path}:{line}:{col}: not valid Turtle: {reason}") from None
    except OSError as exc:
        raise RdfFileError(f"{path}: cannot read the file: {exc.strerror or exc}") from None
    except ValueError as exc:  # an IRI or literal pyoxigraph refuses
        raise RdfFileError(f"{path}: not valid Turtle: {exc}") from None


def _position(exc: SyntaxError) -> tuple[int, int]:
    return (exc.lineno or 0, exc.offset or 0)


@lru_cache(maxsize=8)
def _properties(path: str, stamp: tuple[int, int]) -> frozenset[str]:
    found = set()
    for t in read_turtle(Path(path)):
        if t.predicate.value == RDF_TYPE and t.object.value == OBJECT_PROPERTY \
                and t.subject.value.startswith(YKG):
            found.add(t.subject.value[len(YKG):])
    return frozenset(found)


def object_properties(path: Path | None = None) -> frozenset[str]:
    """Return the local names of the ontology's object properties (ykg:…)."""
    path = path or ONTOLOGY_FILE
    try:
        st = Path(path).stat()
    except OSError as exc:
        raise RdfFileError(f"{path}: cannot read the ontology: {exc.strerror or exc}") from None
    return _properties(str(path), (st.st_mtime_ns, st.st_size))
