"""Validate a build against ontology/shapes.ttl with pySHACL and report in Japanese and English."""
from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from ykg.foundation.constants import PREFIXES, RDFS_LABEL
from ykg.foundation.errors import UserError
from ykg.foundation.paths import ONTOLOGY_DIR
from ykg.foundation.rdf import FORMATS, curie, format_for, sorted_ntriples

from .build import Build
from .shacl_sparql import DATA, Unsupported, compile_shapes
from .shacl_store import ja_label, prepare_store, run_checks
from ykg.foundation.rdf import RdfFileError, read_turtle

SH = PREFIXES["sh"]


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result, with the entity's label and the table row it came from."""

    severity: str
    focus: str
    path: str
    message_ja: str
    message_en: str
    label: str = ""
    origin: str = ""
    value: str = ""

    def __str__(self) -> str:
        where = f" [{self.origin}]" if self.origin else ""
        what = f"「{self.label}」 " if self.label else ""
        value = f" (value: {self.value})" if self.value else ""
        return (f"{self.severity}: {what}<{self.focus}>{where} {self.path}: "
                f"{self.message_ja} / {self.message_en}{value}")


@dataclass
class Report:
    """The outcome of a validation: conforms, and one line per result."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    @property
    def errors(self) -> list[Violation]:
        return [v for v in self.violations if v.severity == "Violation"]

    @property
    def warnings(self) -> list[Violation]:
        return [v for v in self.violations if v.severity != "Violation"]

    def text(self) -> str:
        lines = [str(v) for v in self.violations]
        state = ("適合 / conforms" if self.conforms else "不適合 / does not conform")
        lines.append(f"SHACL: {state}: {len(self.errors)} violation(s), "
                     f"{len(self.warnings)} warning(s) / 違反{len(self.errors)}件、"
                     f"警告{len(self.warnings)}件")
        return "\n".join(lines)


def load_graph(data: bytes, fmt: str = "nt"):
    """Parse serialized RDF into an rdflib Graph."""
    import rdflib
    g = rdflib.Graph()
    g.parse(data=data, format=fmt)
    return g


def load_turtle(path: Path):
    """Parse a Turtle file ykg reads (shapes, ontology); raise RdfFileError naming file and line."""
    import rdflib
    read_turtle(path)  # pyoxigraph names the line and column of a syntax error
    try:
        return rdflib.Graph().parse(str(path), format="turtle")
    except Exception as exc:  # rdflib has no common parse error
        raise RdfFileError(f"{path}: not valid Turtle: {exc}") from None


def validate_graph(data_graph, origins: dict[str, str] | None = None,
                   shapes: Path | None = None, ontology: Path | None = None) -> Report:
    """Validate an rdflib graph (the union graph) and return a readable report."""
    import pyshacl
    shapes = Path(shapes or ONTOLOGY_DIR / "shapes.ttl")
    shapes_g = load_turtle(shapes)
    ont_g = load_turtle(ontology or ONTOLOGY_DIR / "ykg.ttl")
    try:
        with _quiet_pyshacl():
            conforms, results, _ = pyshacl.validate(data_graph, shacl_graph=shapes_g,
                                                    ont_graph=ont_g, inference="rdfs",
                                                    advanced=True, allow_warnings=True)
    except Exception as exc:  # pyshacl refuses a shape in many ways, all of them the file's
        with _quiet_pyshacl():
            raise _unusable(shapes, shapes_g, data_graph, ont_g, exc) from None
    return Report(bool(conforms), _violations(results, data_graph, origins, shapes_g))


@contextlib.contextmanager
def _quiet_pyshacl():
    """Keep pySHACL's own log lines out of the output: ykg reports what went wrong itself
    (pySHACL logs to the stderr it saw when first imported, whatever the caller redirects)."""
    previous = logging.root.manager.disable
    logging.disable(logging.CRITICAL)
    try:
        yield
    finally:
        logging.disable(previous)


def _violations(results, data_graph, origins: dict[str, str] | None,
                shapes_g=None) -> list[Violation]:
    import rdflib
    sh = rdflib.Namespace(SH)
    label = rdflib.URIRef(RDFS_LABEL)
    out = []
    for r in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = results.value(r, sh.focusNode)
        path = results.value(r, sh.resultPath)
        severity = str(results.value(r, sh.resultSeverity)).rsplit("#", 1)[-1]
        msgs = list(results.objects(r, sh.resultMessage))
        # pySHACL reports one message of a SPARQL constraint, untagged, picked at random:
        # the constraint's own messages (both languages) say the same, always.
        source = results.value(r, sh.sourceConstraint)
        if source is not None and shapes_g is not None:
            msgs = list(shapes_g.objects(source, sh.message)) or msgs
        ja = next((str(m) for m in msgs if getattr(m, "language", None) == "ja"), "")
        en_ = next((str(m) for m in msgs if getattr(m, "language", None) == "en"), "")
        if not en_:
            en_ = next((str(m) for m in msgs if getattr(m, "language", None) is None), "")
        ja = ja or "制約違反"
        names = [o for o in data_graph.objects(focus, label) if getattr(o, "language", "") == "ja"]
        value = results.value(r, sh.value)
        out.append(Violation(severity, str(focus), _short(path, results), ja, en_,
                             str(min(names)) if names else "",
                             (origins or {}).get(str(focus), ""),
                             str(value) if value is not None else ""))
    return sorted(set(out))


def _unusable(shapes: Path, shapes_g, data_graph, ont_g, exc: Exception) -> RdfFileError:
    """Return the error of a shapes file pyshacl cannot use, at the line of the shape at fault."""
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    shape = _shape_at_fault(shapes_g, data_graph, ont_g)
    if shape is None:
        return RdfFileError(f"{shapes}: the shapes cannot be used: {reason}")
    name = shape.n3(shapes_g.namespace_manager)
    lines = shapes.read_text(encoding="utf-8").splitlines()
    line = next((n for n, text in enumerate(lines, 1) if text.split(maxsplit=1)[:1] == [name]), 0)
    return RdfFileError(f"{shapes}:{line}: {name}: the shape cannot be used: {reason}")


def _shape_at_fault(shapes_g, data_graph, ont_g):
    """Return the named shape that makes pyshacl fail on its own, or None."""
    import owlrl
    import pyshacl
    import rdflib
    sh = rdflib.Namespace(SH)
    expanded = rdflib.Graph()
    for triple in data_graph + ont_g:
        expanded.add(triple)
    owlrl.DeductiveClosure(owlrl.RDFS_Semantics).expand(expanded)
    named = sorted({s for t in (sh.NodeShape, sh.PropertyShape)
                    for s in shapes_g.subjects(rdflib.RDF.type, t) if isinstance(s, rdflib.URIRef)})
    # What the shapes share (the prefix declarations of SPARQL constraints) goes with each one.
    common = [s for s in set(shapes_g.subjects()) if isinstance(s, rdflib.URIRef)
              and s not in named]
    for shape in named:
        part = rdflib.Graph(namespace_manager=shapes_g.namespace_manager)
        for subject in (shape, *common):
            for triple in shapes_g.cbd(subject):
                part.add(triple)
        try:
            pyshacl.validate(expanded, shacl_graph=part, inference="none", advanced=True,
                             allow_warnings=True)
        except Exception:
            return shape
    return None


def _short(path, results=None) -> str:
    """Return a result path as the report shows it: a CURIE, ^CURIE for an inverse path."""
    import rdflib
    if path is None:
        return "-"
    if isinstance(path, rdflib.BNode) and results is not None:
        inverse = results.value(path, rdflib.URIRef(SH + "inversePath"))
        if inverse is not None:
            return "^" + curie(str(inverse), PREFIXES)
    return curie(str(path), PREFIXES)


def _load_file(path: Path, fmt):
    """Return a store holding a graph file's statements in named graphs (None if unreadable)."""
    import pyoxigraph as ox
    store = ox.Store()
    try:
        if fmt.dataset:
            store.bulk_load(path=str(path), format=getattr(ox.RdfFormat, fmt.oxigraph))
            # Statements of the default graph join the data graph (entailment reads named ones).
            store.update(f"INSERT {{ GRAPH <{DATA}> {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o }}")
        else:
            store.bulk_load(path=str(path), format=getattr(ox.RdfFormat, fmt.oxigraph),
                            to_graph=ox.NamedNode(DATA))
    except (SyntaxError, ValueError, OSError):
        return None  # rdflib reads it again and says what is wrong
    return store


def validate_file(path: Path, engine: str = "fast") -> Report:
    """Validate a written graph file (named graphs are merged into one union graph)."""
    import rdflib
    path = Path(path)
    fmt = format_for(path.suffix)
    if fmt is None:
        raise UserError(f"cannot validate {path}: expected one of "
                         f"{', '.join(f.extension for f in FORMATS)}")
    if engine == "fast":
        store = _load_file(path, fmt)
        report = validate_quads(store) if store is not None else None
        if report is not None:
            return report
    ds = rdflib.Dataset()
    try:
        ds.parse(path, format=fmt.rdflib)
    except Exception as exc:  # rdflib has no common parse error: any failure is the file's
        raise UserError(f"{path}: not valid {fmt.key}: {exc}") from None
    union = rdflib.Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    return validate_graph(union)


def validate_build(b: Build, engine: str = "fast") -> Report:
    """Validate the union graph of a build (engine "fast": SPARQL on pyoxigraph; "pyshacl")."""
    if engine == "fast":
        report = validate_quads(b.nquads(), b.origins)
        if report is not None:
            return report
    return validate_graph(load_graph(sorted_ntriples(b.triples())), b.origins)


def _lexical(value) -> str:
    """Return a value as the report shows it (Oxigraph keeps decimals in canonical form: 1.0 -> 1)."""
    if value is None:
        return ""
    datatype = getattr(value, "datatype", None)
    if datatype is not None and datatype.value == PREFIXES["xsd"] + "decimal" \
            and "." not in value.value:
        return value.value + ".0"
    return value.value


def validate_quads(quads, origins: dict[str, str] | None = None, shapes: Path | None = None,
                   ontology: Path | None = None) -> Report | None:
    """Validate with the shapes run as SPARQL on pyoxigraph; None when they need pySHACL.

    quads: the statements, their N-Quads text, or a store that holds them in named graphs.
    """
    shapes = Path(shapes or ONTOLOGY_DIR / "shapes.ttl")
    shape_triples = read_turtle(shapes)
    onto = read_turtle(ontology or ONTOLOGY_DIR / "ykg.ttl")
    try:
        checks = compile_shapes(shape_triples, PREFIXES)
    except (Unsupported, ValueError, TypeError, AttributeError):
        return None  # pySHACL validates, or says what in the shapes it cannot use
    store = prepare_store(quads, onto)
    try:
        results = run_checks(store, checks)
    except (SyntaxError, OSError, ValueError):
        return None  # a constraint the compiler got wrong: pySHACL decides
    labels: dict = {}
    out = set()
    for check, focus, value in results:
        if focus not in labels:
            labels[focus] = ja_label(store, focus)
        out.add(Violation(check.severity, focus.value, check.path, check.message_ja,
                          check.message_en, labels[focus], (origins or {}).get(focus.value, ""),
                          _lexical(value)))
    violations = sorted(out)
    return Report(not any(v.severity == "Violation" for v in violations), violations)
