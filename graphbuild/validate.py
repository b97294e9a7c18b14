"""Validate a build against ontology/shapes.ttl with pySHACL and report in Japanese and English."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ykg.foundation.constants import PREFIXES, RDFS_LABEL
from ykg.foundation.errors import UserError
from ykg.foundation.paths import ONTOLOGY_DIR
from ykg.foundation.rdf import FORMATS, curie, format_for, sorted_ntriples

from .build import Build

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


def validate_graph(data_graph, origins: dict[str, str] | None = None,
                   shapes: Path | None = None, ontology: Path | None = None) -> Report:
    """Validate an rdflib graph (the union graph) and return a readable report."""
    import pyshacl
    import rdflib
    shapes_g = rdflib.Graph().parse(shapes or ONTOLOGY_DIR / "shapes.ttl")
    ont_g = rdflib.Graph().parse(ontology or ONTOLOGY_DIR / "ykg.ttl")
    conforms, results, _ = pyshacl.validate(data_graph, shacl_graph=shapes_g, ont_graph=ont_g,
                                            inference="rdfs", advanced=True,
                                            allow_warnings=True)
    sh = rdflib.Namespace(SH)
    label = rdflib.URIRef(RDFS_LABEL)
    out = []
    for r in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = results.value(r, sh.focusNode)
        path = results.value(r, sh.resultPath)
        severity = str(results.value(r, sh.resultSeverity)).rsplit("#", 1)[-1]
        msgs = list(results.objects(r, sh.resultMessage))
        ja = next((str(m) for m in msgs if getattr(m, "language", None) == "ja"), "")
        en_ = next((str(m) for m in msgs if getattr(m, "language", None) == "en"), "")
        if not en_:
            en_ = next((str(m) for m in msgs if getattr(m, "language", None) is None), "")
        ja = ja or "制約違反"
        names = [o for o in data_graph.objects(focus, label) if getattr(o, "language", "") == "ja"]
        value = results.value(r, sh.value)
        out.append(Violation(severity, str(focus), _short(path), ja, en_,
                             str(min(names)) if names else "",
                             (origins or {}).get(str(focus), ""),
                             str(value) if value is not None else ""))
    return Report(bool(conforms), sorted(set(out)))


def _short(path) -> str:
    return "-" if path is None else curie(str(path), PREFIXES)


def validate_file(path: Path) -> Report:
    """Validate a written graph file (named graphs are merged into one union graph)."""
    import rdflib
    path = Path(path)
    fmt = format_for(path.suffix)
    if fmt is None:
        raise UserError(f"cannot validate {path}: expected one of "
                         f"{', '.join(f.extension for f in FORMATS)}")
    ds = rdflib.Dataset()
    ds.parse(path, format=fmt.rdflib)
    union = rdflib.Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    return validate_graph(union)


def validate_build(b: Build) -> Report:
    """Validate the union graph of a build."""
    return validate_graph(load_graph(sorted_ntriples(b.triples())), b.origins)
