"""The query catalogue: named SPARQL queries in queries/*.rq, run locally or on an endpoint.

Each file starts with `#+ key: value` header lines (still valid SPARQL comments):

    #+ summary_ja: …            one line, Japanese
    #+ summary_en: …            one line, English
    #+ description_ja: …        a paragraph (continue it on lines starting with `#+   `)
    #+ description_en: …
    #+ param: q match "…"       name, type (see PARAM_TYPES) and a quoted description; repeatable
    #+ example: q=デジタル       the binding used by `run-all`, the README and the tests
    #+ columns: a, b:integer    the result columns in order, with an optional value type

The SELECT projects the columns, then the parameters (pyoxigraph's substitutions, SEP-0007, only
bind projected variables); run_query drops the parameter columns. Parameters are bound, never
pasted into the text: locally through pyoxigraph's substitutions (the embedded equivalent of
initBindings); for an endpoint, ykg.endpoint writes the validated values as escaped literals or
IRIs in a VALUES block at the top of the outer WHERE. So a parameter is used in the outer WHERE
group only, never inside a subquery.
"""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = ROOT / "queries"
README_NAME = "README.md"
DEFAULT_BASE = "https://w3id.org/ykg"
XSD = "http://www.w3.org/2001/XMLSchema#"

HEADER_RE = re.compile(r"^#\+ ([a-z_]+):\s?(.*)$")
CONTINUATION_RE = re.compile(r"^#\+ {2,}(\S.*)$")
PARAM_RE = re.compile(r'^([A-Za-z_][A-Za-z0-9_]*)\s+([a-z]+)\s+"([^"]+)"$')
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
VAR_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
SINGLE_KEYS = ("summary_ja", "summary_en", "description_ja", "description_en", "columns")
REQUIRED_KEYS = SINGLE_KEYS
MAX_PARAM_LENGTH = 500


class QueryError(ValueError):
    """A problem with a catalogue query or with the values given to it (a user error)."""


# -- parameters ----------------------------------------------------------------------------------

def _check_text(name: str, value: str) -> str:
    if len(value) > MAX_PARAM_LENGTH:
        raise QueryError(f"parameter {name}: longer than {MAX_PARAM_LENGTH} characters")
    if any(unicodedata.category(c) == "Cc" for c in value):
        raise QueryError(f"parameter {name}: control characters are not allowed")
    if re.search(r"\\[uU]", value):
        # Some SPARQL parsers expand \u escapes before tokenizing: keep them out everywhere.
        raise QueryError(f"parameter {name}: the sequence \\u is not allowed")
    return value


def _string(name: str, value: str, base: str) -> ox.Literal:
    return ox.Literal(_check_text(name, value))


def _match(name: str, value: str, base: str) -> ox.Literal:
    from graphbuild.text import match_key
    key = match_key(_check_text(name, value))
    if not key:
        raise QueryError(f"parameter {name}: nothing left to search for in {value!r} "
                         "after normalization")
    return ox.Literal(key)


def _integer(name: str, value: str, base: str) -> ox.Literal:
    text = unicodedata.normalize("NFKC", value).strip()
    if not re.fullmatch(r"[+-]?\d{1,18}", text):
        raise QueryError(f"parameter {name}: expected a whole number, got {value!r}")
    return ox.Literal(str(int(text)), datatype=ox.NamedNode(XSD + "integer"))


IRI_FORBIDDEN = re.compile(r'[<>"{}|^`\\\x00-\x20\x7f]')
SHORT_IRI_RE = re.compile(r"^[a-z0-9-]+/[A-Za-z0-9._~/-]+$")


def _iri(name: str, value: str, base: str) -> ox.NamedNode:
    value = value.strip()
    if SHORT_IRI_RE.match(value):  # kind/id, e.g. program/p0005
        value = f"{base}/id/{value}"
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value) or IRI_FORBIDDEN.search(value):
        raise QueryError(f"parameter {name}: expected an absolute IRI or kind/id "
                         f"(e.g. program/p0005), got {value!r}")
    try:
        return ox.NamedNode(value)
    except ValueError as exc:
        raise QueryError(f"parameter {name}: not a valid IRI: {exc}") from None


# name -> (converter, description). A converter validates the text and returns an RDF term.
PARAM_TYPES: dict[str, tuple[Callable[[str, str, str], Any], str]] = {
    "string": (_string, "a plain string literal"),
    "match": (_match, "text normalized with graphbuild.text.match_key (NFKC, katakana to "
                      "hiragana, lower case, no spaces), compared with ykg:searchKey"),
    "integer": (_integer, "a whole number (xsd:integer)"),
    "iri": (_iri, "an absolute IRI, or kind/id under the dataset base (program/p0005)"),
}
COLUMN_TYPES = ("term", "string", "integer", "decimal", "boolean")


@dataclass(frozen=True)
class Param:
    """A parameter of a named query: a variable bound before the query runs."""

    name: str
    type: str
    description: str

    def bind(self, value: str, base: str = DEFAULT_BASE):
        """Validate a user value and return the RDF term to bind."""
        return PARAM_TYPES[self.type][0](self.name, value, base)


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
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params) or "none"
        raise QueryError(f"query {self.id} has no parameter {name!r} (parameters: {known})")

    def bindings(self, values: dict[str, str] | None = None, base: str = DEFAULT_BASE,
                 use_example: bool = False) -> dict[str, Any]:
        """Validate values for every parameter and return {name: RDF term}."""
        values = dict(values or {})
        if use_example:
            values = {**dict(self.example), **values}
        for name in values:
            self.param(name)
        missing = [p.name for p in self.params if p.name not in values]
        if missing:
            hint = " ".join(f"-p {m}=…" for m in missing)
            raise QueryError(f"query {self.id} needs a value for {', '.join(missing)} ({hint})")
        return {p.name: p.bind(values[p.name], base) for p in self.params}


def _parse_header(path: Path, text: str) -> dict[str, list[str]]:
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


def load_query(path: Path) -> NamedQuery:
    """Parse one .rq file and check its header; raise QueryError naming the file."""
    path = Path(path)
    qid = path.stem
    if not ID_RE.match(qid):
        raise QueryError(f"{path.name}: the query id {qid!r} is not kebab-case")
    text = path.read_text(encoding="utf-8")
    header = _parse_header(path, text)
    unknown = sorted(set(header) - set(SINGLE_KEYS) - {"param", "example"})
    if unknown:
        raise QueryError(f"{path.name}: unknown header key(s) {', '.join(unknown)}")
    for key in REQUIRED_KEYS:
        if not header.get(key) or not header[key][0]:
            raise QueryError(f"{path.name}: the header needs '#+ {key}:'")
        if len(header[key]) > 1:
            raise QueryError(f"{path.name}: '#+ {key}:' is given more than once")
    columns = []
    for item in header["columns"][0].split(","):
        name, _, ctype = item.strip().partition(":")
        ctype = ctype or "term"
        if not VAR_NAME_RE.match(name) or ctype not in COLUMN_TYPES:
            raise QueryError(f"{path.name}: bad column {item.strip()!r} (name[:type], type one "
                             f"of {', '.join(COLUMN_TYPES)})")
        columns.append(Column(name, ctype))
    params = []
    for spec in header.get("param", []):
        m = PARAM_RE.match(spec)
        if not m or m.group(2) not in PARAM_TYPES:
            raise QueryError(f"{path.name}: bad param {spec!r} (expected: name type "
                             f"\"description\", type one of {', '.join(PARAM_TYPES)})")
        params.append(Param(*m.groups()))
    example = []
    for spec in header.get("example", []):
        for pair in spec.split(";"):
            name, eq, value = pair.strip().partition("=")
            if not eq or name not in {p.name for p in params}:
                raise QueryError(f"{path.name}: bad example {pair.strip()!r} (expected "
                                 "param=value for a declared param)")
            example.append((name, value))
    names = [p.name for p in params]
    if sorted(dict(example)) != sorted(names):
        raise QueryError(f"{path.name}: give one '#+ example:' value for every param")
    overlap = set(names) & {c.name for c in columns}
    if overlap:
        raise QueryError(f"{path.name}: a parameter is not a result column: {', '.join(overlap)}")
    return NamedQuery(qid, path, text, header["summary_ja"][0], header["summary_en"][0],
                      header["description_ja"][0], header["description_en"][0],
                      tuple(columns), tuple(params), tuple(example))


def load_catalogue(directory: Path = QUERIES_DIR) -> dict[str, NamedQuery]:
    """Load every queries/*.rq, sorted by id."""
    directory = Path(directory)
    return {q.id: q for q in (load_query(p) for p in sorted(directory.glob("*.rq")))}


def get_query(query_id: str, catalogue: dict[str, NamedQuery] | None = None) -> NamedQuery:
    """Return the named query or raise QueryError listing the close ids."""
    catalogue = load_catalogue() if catalogue is None else catalogue
    if query_id in catalogue:
        return catalogue[query_id]
    import difflib
    close = difflib.get_close_matches(query_id, list(catalogue), n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else "; see `ykg query list`"
    raise QueryError(f"no query named {query_id!r}{hint}")


def parse_assignments(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
    """Turn ['name=value', …] into a dict; raise QueryError on a malformed pair."""
    values: dict[str, str] = {}
    for pair in pairs:
        name, eq, value = pair.partition("=")
        if not eq or not VAR_NAME_RE.match(name.strip()):
            raise QueryError(f"bad parameter {pair!r}: expected name=value")
        values[name.strip()] = value
    return values


# -- results -------------------------------------------------------------------------------------

INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                   "positiveInteger", "nonPositiveInteger", "negativeInteger",
                                   "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}


def plain_value(term) -> Any:
    """Turn an RDF term into a plain Python value: IRI -> str, numbers, booleans, strings."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        if dt in INTEGER_TYPES:
            return int(term.value)
        if dt == XSD + "decimal":
            return Decimal(term.value)
        if dt in (XSD + "double", XSD + "float"):
            return float(term.value)
        if dt == XSD + "boolean":
            return term.value in ("true", "1")
        return term.value
    return str(term)


def coerce(value: Any, ctype: str) -> Any:
    """Coerce a plain value to its declared column type (Virtuoso gives 0/1 for booleans)."""
    if value is None or ctype == "term":
        return value
    if ctype == "boolean":
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, Decimal)) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value in ("true", "false", "0", "1"):
            return value in ("true", "1")
    elif ctype == "integer":
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        if isinstance(value, (Decimal, float)) and value == int(value):
            return int(value)
    elif ctype == "decimal":
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return Decimal(value)
    elif ctype == "string":
        return value if isinstance(value, str) else str(value)
    raise QueryError(f"value {value!r} is not a {ctype}")


@dataclass
class QueryResult:
    """Column names and rows of plain Python values."""

    columns: list[str]
    rows: list[tuple] = field(default_factory=list)

    def as_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def to_csv(result: QueryResult, delimiter: str = ",") -> str:
    """Write the result as CSV (LF line ends, header row)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow([_cell(v) for v in row])
    return buf.getvalue()


def to_tsv(result: QueryResult) -> str:
    """Write the result as TSV; tabs and line breaks inside values become spaces."""
    lines = ["\t".join(result.columns)]
    for row in result.rows:
        lines.append("\t".join(re.sub(r"[\t\r\n]", " ", _cell(v)) for v in row))
    return "\n".join(lines) + "\n"


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == int(value) else float(value)
    return value


def to_json(result: QueryResult) -> str:
    """Write the result as a JSON list of objects (keys in column order)."""
    rows = [{c: _json_value(v) for c, v in zip(result.columns, row)} for row in result.rows]
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def to_table(result: QueryResult) -> str:
    """Write the result as an aligned text table (wide characters count double)."""
    cells = [[_cell(v) for v in row] for row in result.rows]
    widths = [_width(c) for c in result.columns]
    for row in cells:
        widths = [max(w, _width(v)) for w, v in zip(widths, row)]

    def line(values):
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()
    out = [line(result.columns), "  ".join("-" * w for w in widths)]
    out += [line(row) for row in cells]
    out.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(out) + "\n"


FORMATS: dict[str, Callable[[QueryResult], str]] = {
    "table": to_table, "csv": to_csv, "tsv": to_tsv, "json": to_json}


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result in one of FORMATS."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    return FORMATS[fmt](result)


# -- running -------------------------------------------------------------------------------------

def run_local(store: ox.Store, text: str, bindings: dict[str, Any] | None = None) -> QueryResult:
    """Run a SELECT on the embedded store over the union of its named graphs."""
    subs = {ox.Variable(k): v for k, v in (bindings or {}).items()}
    try:
        solutions = store.query(text, use_default_graph_as_union=True, substitutions=subs or None)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from None
    if not isinstance(solutions, ox.QuerySolutions):
        raise QueryError("not a SELECT query")
    names = [v.value for v in solutions.variables]
    rows = [tuple(plain_value(sol[n]) for n in names) for sol in solutions]
    return QueryResult(names, rows)


def run_query(source, query: NamedQuery | str, params: dict[str, str] | None = None, *,
              base: str = DEFAULT_BASE, use_example: bool = False,
              catalogue: dict[str, NamedQuery] | None = None) -> QueryResult:
    """Run a catalogue query on a pyoxigraph Store or an ykg.endpoint.Endpoint (or its URL).

    Values are validated and bound; the columns are checked against the header and each value
    is coerced to its declared column type.
    """
    if isinstance(query, str):
        query = get_query(query, catalogue)
    bindings = query.bindings(params, base, use_example=use_example)
    if isinstance(source, ox.Store):
        result = run_local(source, query.text, bindings)
    else:
        from .endpoint import Endpoint, run_select, substitute
        endpoint = source if isinstance(source, Endpoint) else Endpoint(str(source), base=base)
        result = run_select(endpoint, substitute(query.text, bindings))
    if result.columns != query.projection:
        raise QueryError(f"query {query.id}: the result has columns {result.columns}, the header "
                         f"says {query.projection} (columns, then params)")
    n = len(query.columns)
    types = [c.type for c in query.columns]
    result.rows = [tuple(coerce(v, t) for v, t in zip(row[:n], types)) for row in result.rows]
    result.columns = query.column_names
    return result


def run_all(source, out_dir: Path, catalogue: dict[str, NamedQuery] | None = None, *,
            base: str = DEFAULT_BASE) -> list[tuple[str, int, Path]]:
    """Run every catalogue query (params from its example) and write out_dir/<id>.csv."""
    catalogue = load_catalogue() if catalogue is None else catalogue
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for qid, q in catalogue.items():
        result = run_query(source, q, base=base, use_example=True)
        path = out_dir / f"{qid}.csv"
        path.write_text(to_csv(result), encoding="utf-8")
        written.append((qid, len(result.rows), path))
    return written


def run_sparql(source, text: str, *, base: str = DEFAULT_BASE):
    """Run any query: SELECT -> QueryResult, ASK -> bool, CONSTRUCT/DESCRIBE -> N-Triples."""
    if isinstance(source, ox.Store):
        try:
            answer = source.query(text, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from None
        if isinstance(answer, ox.QuerySolutions):
            names = [v.value for v in answer.variables]
            return QueryResult(names, [tuple(plain_value(s[n]) for n in names) for s in answer])
        if isinstance(answer, ox.QueryBoolean):
            return bool(answer)
        triples = list(answer)
        raw = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        return "".join(sorted(set(raw.splitlines(keepends=True))))
    from .endpoint import Endpoint, run_any
    endpoint = source if isinstance(source, Endpoint) else Endpoint(str(source), base=base)
    return run_any(endpoint, text)


# -- README --------------------------------------------------------------------------------------

def _md(text: str) -> str:
    return text.replace("|", "\\|")


def render_readme(catalogue: dict[str, NamedQuery]) -> str:
    """Return queries/README.md: the index of the catalogue, generated from the headers."""
    out = [
        "# queries/: the query catalogue",
        "",
        "<!-- Generated from the `#+` headers by `ykg query readme`; do not edit by hand. -->",
        "",
        "Named SPARQL queries for the cross-cutting questions planners ask. Each runs unchanged on",
        "the embedded store and on a SPARQL 1.1 server (Oxigraph, Virtuoso):",
        "",
        "```",
        "ykg query list",
        "ykg query run budget-by-project --format csv",
        "ykg query run search -p q=デジタル",
        "ykg push --endpoint http://127.0.0.1:7878/query",
        "ykg query run budget-by-project --endpoint http://127.0.0.1:7878/query",
        "```",
        "",
        "Budgets are in 千円 (thousand yen) as printed. Own budget: the project's lines without",
        "《再掲》; listed budget: with 《再掲》 lines; a loan facility (融資枠) is never a budget.",
        "Lists inside a cell are joined by `,` in ascending order.",
        "",
        "| id | 概要 | summary | params | columns |",
        "|---|---|---|---|---|",
    ]
    for q in catalogue.values():
        params = ", ".join(f"`{p.name}` ({p.type})" for p in q.params) or ""
        cols = ", ".join(c.name for c in q.columns)
        out.append(f"| [`{q.id}`]({q.id}.rq) | {_md(q.summary_ja)} | {_md(q.summary_en)} | "
                   f"{params} | {cols} |")
    out += ["", "## Queries", ""]
    for q in catalogue.values():
        out += [f"### {q.id}", "", f"{q.summary_ja} / {q.summary_en}", "",
                q.description_ja, "", q.description_en, ""]
        if q.params:
            out.append("Parameters:")
            out.append("")
            for p in q.params:
                out.append(f"- `{p.name}` ({p.type}): {p.description}")
            example = " ".join(f"-p {k}={v}" for k, v in q.example)
            out += ["", f"Example: `ykg query run {q.id} {example}`", ""]
        typed = ", ".join(f"`{c.name}`" + (f" ({c.type})" if c.type != "term" else "")
                          for c in q.columns)
        out += [f"Columns: {typed}", ""]
    out += ["## Parameter types", ""]
    for name, (_, desc) in PARAM_TYPES.items():
        out.append(f"- `{name}`: {desc}")
    out.append("")
    return "\n".join(out)


def write_readme(directory: Path = QUERIES_DIR) -> Path:
    """Regenerate queries/README.md from the headers."""
    path = Path(directory) / README_NAME
    path.write_text(render_readme(load_catalogue(directory)), encoding="utf-8")
    return path
