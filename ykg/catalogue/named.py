"""The named queries of queries/*.rq: their `#+` headers, parsed and checked.

Each file starts with `#+ key: value` header lines (still valid SPARQL comments):

    #+ summary_ja: …            one line, Japanese
    #+ summary_en: …            one line, English
    #+ description_ja: …        a paragraph (continue it on lines starting with `#+   `)
    #+ description_en: …
    #+ param: q match "…"       name, type (see params.PARAM_TYPES) and a quoted description;
                                a `?` after the type makes it optional (unbound when left out)
    #+ example: q=デジタル       the binding used by `run-all`, the README and the tests
    #+ columns: a, b:integer    the result columns in order, with an optional value type

The SELECT projects the columns, then the parameters (pyoxigraph's substitutions, SEP-0007, only
bind projected variables); run_query drops the parameter columns. A parameter is used in the
outer WHERE group only, never inside a subquery: remotely it is bound by a VALUES block there.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from ykg.foundation.constants import DEFAULT_BASE
from ykg.foundation.paths import QUERIES_DIR
from ykg.foundation.sparql import QueryError

from .params import PARAM_TYPES, VAR_NAME_RE, Param, Resolver

HEADER_RE = re.compile(r"^#\+ ([a-z_]+):\s?(.*)$")
CONTINUATION_RE = re.compile(r"^#\+ {2,}(\S.*)$")
PARAM_RE = re.compile(r'^([A-Za-z_][A-Za-z0-9_]*)\s+([a-z]+)(\?)?\s+"([^"]+)"$')
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SINGLE_KEYS = ("summary_ja", "summary_en", "description_ja", "description_en", "columns")
COLUMN_TYPES = ("term", "string", "integer", "decimal", "boolean")


@dataclass(frozen=True)
class Column:
    """A projected column and the Python type its values are coerced to."""

    name: str
    type: str = "term"


@dataclass(frozen=True)
class NamedQuery:
    """One .rq file of the catalogue with its parsed header."""

    id: str
    path: Path
    text: str
    summary_ja: str
    summary_en: str
    description_ja: str
    description_en: str
    columns: tuple[Column, ...]
    params: tuple[Param, ...] = ()
    example: tuple[tuple[str, str], ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def projection(self) -> list[str]:
        """The variables the SELECT projects: the columns, then the parameters."""
        return self.column_names + [p.name for p in self.params]

    def param(self, name: str) -> Param:
        """Return the parameter called name or raise QueryError listing the known ones."""
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params) or "none"
        raise QueryError(f"query {self.id} has no parameter {name!r} (parameters: {known})")

    def values(self, values: dict[str, str] | None = None,
               use_example: bool = False) -> dict[str, str]:
        """Return the value text of every parameter; raise QueryError on unknown or missing ones."""
        values = dict(values or {})
        if use_example:
            values = {**dict(self.example), **values}
        for name in values:
            self.param(name)
        missing = [p.name for p in self.params if p.name not in values and not p.optional]
        if missing:
            hint = " ".join(f"-p {m}=…" for m in missing)
            raise QueryError(f"query {self.id} needs a value for {', '.join(missing)} ({hint})")
        return values

    def bindings(self, values: dict[str, str] | None = None, base: str = DEFAULT_BASE,
                 use_example: bool = False, resolve: Optional[Resolver] = None) -> dict[str, Any]:
        """Validate values for every parameter and return {name: RDF term}."""
        values = self.values(values, use_example)
        return {p.name: p.bind(values[p.name], base, resolve) for p in self.params
                if p.name in values}

    def check(self, values: dict[str, str] | None = None, base: str = DEFAULT_BASE,
              use_example: bool = False) -> None:
        """Validate values before any data is loaded (names are looked up later)."""
        values = self.values(values, use_example)
        for p in self.params:
            if p.name in values:
                p.check(values[p.name], base)


def parse_header(path: Path, text: str) -> dict[str, list[str]]:
    """Return {key: [values]} from the `#+` lines before the query body."""
    header: dict[str, list[str]] = {}
    last = None
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#+"):
            if line.strip() and not line.startswith("#"):
                break
            last = None
            continue
        cont = CONTINUATION_RE.match(line)
        if cont and last is not None:
            before, after = header[last][-1], cont.group(1).strip()
            # Japanese runs on without a space; other text gets one.
            joint = "" if before[-1:] > "\u2e7f" and after[:1] > "\u2e7f" else " "
            header[last][-1] = before + joint + after
            continue
        m = HEADER_RE.match(line)
        if not m:
            raise QueryError(f"{path.name}:{n}: bad header line {line!r} "
                             "(expected '#+ key: value')")
        key, value = m.group(1), m.group(2).strip()
        header.setdefault(key, []).append(value)
        last = key
    return header


def _columns(path: Path, spec: str) -> tuple[Column, ...]:
    columns = []
    for item in spec.split(","):
        name, _, ctype = item.strip().partition(":")
        ctype = ctype or "term"
        if not VAR_NAME_RE.match(name) or ctype not in COLUMN_TYPES:
            raise QueryError(f"{path.name}: bad column {item.strip()!r} (name[:type], type one "
                             f"of {', '.join(COLUMN_TYPES)})")
        columns.append(Column(name, ctype))
    return tuple(columns)


def _params(path: Path, specs: list[str]) -> tuple[Param, ...]:
    params = []
    for spec in specs:
        m = PARAM_RE.match(spec)
        if not m or m.group(2) not in PARAM_TYPES:
            raise QueryError(f"{path.name}: bad param {spec!r} (expected: name type "
                             f"\"description\", type one of {', '.join(PARAM_TYPES)})")
        name, kind, optional, description = m.groups()
        params.append(Param(name, kind, description, optional=bool(optional)))
    return tuple(params)


def _example(path: Path, specs: list[str], params: tuple[Param, ...]) -> tuple[tuple[str, str], ...]:
    names = [p.name for p in params]
    example = []
    for spec in specs:
        for pair in spec.split(";"):
            name, eq, value = pair.strip().partition("=")
            if not eq or name not in names:
                raise QueryError(f"{path.name}: bad example {pair.strip()!r} (expected "
                                 "param=value for a declared param)")
            example.append((name, value))
    required = [p.name for p in params if not p.optional]
    if len(dict(example)) != len(example) or not set(required) <= set(dict(example)):
        raise QueryError(f"{path.name}: give one '#+ example:' value for every param "
                         "(optional ones may be left out)")
    return tuple(example)


def load_query(path: Path) -> NamedQuery:
    """Parse one .rq file and check its header; raise QueryError naming the file."""
    path = Path(path)
    if not ID_RE.match(path.stem):
        raise QueryError(f"{path.name}: the query id {path.stem!r} is not kebab-case")
    text = path.read_text(encoding="utf-8")
    header = parse_header(path, text)
    unknown = sorted(set(header) - set(SINGLE_KEYS) - {"param", "example"})
    if unknown:
        raise QueryError(f"{path.name}: unknown header key(s) {', '.join(unknown)}")
    for key in SINGLE_KEYS:
        if not header.get(key) or not header[key][0]:
            raise QueryError(f"{path.name}: the header needs '#+ {key}:'")
        if len(header[key]) > 1:
            raise QueryError(f"{path.name}: '#+ {key}:' is given more than once")
    columns = _columns(path, header["columns"][0])
    params = _params(path, header.get("param", []))
    example = _example(path, header.get("example", []), params)
    overlap = {p.name for p in params} & {c.name for c in columns}
    if overlap:
        raise QueryError(f"{path.name}: a parameter is not a result column: {', '.join(overlap)}")
    return NamedQuery(path.stem, path, text, header["summary_ja"][0], header["summary_en"][0],
                      header["description_ja"][0], header["description_en"][0],
                      columns, params, example)


def load_catalogue(directory: Path = QUERIES_DIR) -> dict[str, NamedQuery]:
    """Load every queries/*.rq, sorted by id."""
    return {q.id: q for q in (load_query(p) for p in sorted(Path(directory).glob("*.rq")))}


def get_query(query_id: str, catalogue: dict[str, NamedQuery] | None = None) -> NamedQuery:
    """Return the named query or raise QueryError listing the close ids."""
    catalogue = load_catalogue() if catalogue is None else catalogue
    if query_id in catalogue:
        return catalogue[query_id]
    close = difflib.get_close_matches(query_id, list(catalogue), n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else "; see `ykg query list`"
    raise QueryError(f"no query named {query_id!r}{hint}")
