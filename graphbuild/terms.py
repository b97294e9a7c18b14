"""The terms of the ontology that tables may name, read from ontology/ykg.ttl."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ykg.foundation.constants import PREFIXES, RDF_TYPE, YKG
from ykg.foundation.paths import ONTOLOGY_FILE
from ykg.foundation.rdf import RdfFileError, read_turtle
OBJECT_PROPERTY = PREFIXES["owl"] + "ObjectProperty"


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
