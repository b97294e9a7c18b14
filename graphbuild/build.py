"""Build the RDF dataset from the tables: map, describe, and write it atomically in four formats."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from pyoxigraph import Literal, NamedNode, Quad

from . import dataset as ds
from .dataset import GraphBuilder, en, integer, ja
from .derived import derive
from .mapping import ENTITY_MAPS, Mapper
from .tables import Tables, read_tables
from .vocab import DCAT, DCT, PREFIXES, PROV, RDF, RDFS, VOID, DEFAULT_BASE, Minter

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
ONTOLOGY_DIR = ROOT / "ontology"
OUTPUT_FILES = ("graph.ttl", "graph.trig", "graph.nt", "graph.jsonld")
VERSION = "0.1.0"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"


@dataclass
class Build:
    """A built dataset: its quads in canonical order and where each entity came from."""

    base: str
    quads: list[Quad]
    origins: dict[str, str]
    tables: Tables

    @property
    def prefixes(self) -> dict[str, str]:
        return prefixes_for(self.base)

    def triples(self) -> list[ox.Triple]:
        """Return the union graph: distinct triples, sorted."""
        seen = {q.triple for q in self.quads}
        return sorted(seen, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))

    def graph_names(self) -> list[str]:
        return sorted({q.graph_name.value for q in self.quads})


def prefixes_for(base: str) -> dict[str, str]:
    """Return the vocabulary prefixes plus one prefix per kind of instance under base."""
    prefixes = dict(PREFIXES)
    prefixes.pop("sh")
    paths = sorted({em.path for em in ENTITY_MAPS.values()} |
                   {"funding", "amount", "fy", "scheme", "person", "role", "revision", "tag",
                    "link", "name-variant"})
    for path in paths:
        prefixes["y" + path.replace("-", "")] = f"{base}/id/{path}/"
    prefixes["ygraph"] = f"{base}/graph/"
    return prefixes


def describe(g: GraphBuilder, tables: Tables) -> None:
    """Add the VoID/DCAT description of the dataset, computed from what was built."""
    d = g.minter.dataset
    content = [q for q in g.quads if q.graph_name != g.graph(ds.DESCRIPTION)]
    triples = {q.triple for q in content}
    types = Counter(t.object.value for t in triples if t.predicate == RDF.type)
    subjects = {t.subject for t in triples}
    props = Counter(t.predicate.value for t in triples)
    add = lambda s, p, o: g.add(s, p, o, ds.DESCRIPTION)  # noqa: E731
    for c in (DCAT.Dataset, VOID.Dataset):
        add(d, RDF.type, c)
    add(d, DCT.title, ja("やまぐちデジタル改革基本方針 ナレッジグラフ"))
    add(d, DCT.title, en("Yamaguchi Digital Reform Basic Policy knowledge graph"))
    add(d, DCT.description, ja("令和3年2月17日の山口県デジタル推進本部会議・活力創出本部会議 合同会議の"
                               "資料を、出典の節まで辿れるRDFにしたもの。英語ラベルは非公式訳。"))
    add(d, DCT.description, en("The materials of the joint meeting of 2021-02-17 of Yamaguchi "
                               "Prefecture's Digital Promotion and Vitality Creation headquarters, "
                               "as RDF traceable to each section. English labels are unofficial."))
    add(d, DCT.license, NamedNode(LICENSE))
    add(d, DCT.language, NamedNode("http://id.loc.gov/vocabulary/iso639-1/ja"))
    add(d, DCT.language, NamedNode("http://id.loc.gov/vocabulary/iso639-1/en"))
    add(d, DCAT.version, Literal(VERSION))
    add(d, VOID.uriSpace, Literal(f"{g.minter.base}/id/"))
    for prefix in ("ykg", "org", "skos", "prov", "dcterms", "schema"):
        add(d, VOID.vocabulary, NamedNode(PREFIXES[prefix]))
    add(d, VOID.triples, integer(len(triples)))
    add(d, VOID.entities, integer(len([s for s in subjects if "/id/" in s.value])))
    add(d, VOID.distinctSubjects, integer(len(subjects)))
    add(d, VOID.properties, integer(len(props)))
    add(d, VOID.classes, integer(len(types)))
    for m in tables["meetings"]:
        add(d, PROV.wasDerivedFrom, g.minter.id("meeting", m["id"]))
    for m in tables["materials"]:
        add(d, DCT.source, g.minter.id("material", m["id"]))
    for p in ("sakigake_projects", "programs", "goals"):
        rows = tables[p]
        if rows:
            add(d, VOID.exampleResource, g.minter.id(ENTITY_MAPS[p].path, rows[0]["id"]))
    for name in ds.GRAPHS:
        gq = [q for q in content if q.graph_name == g.graph(name)]
        if not gq:
            continue
        sub = g.graph(name)
        add(d, VOID.subset, sub)
        add(sub, RDF.type, VOID.Dataset)
        add(sub, VOID.triples, integer(len(gq)))
    for cls, n in sorted(types.items()):
        part = NamedNode(f"{d.value}/class/{_local(cls)}")
        add(d, VOID.classPartition, part)
        add(part, VOID["class"], NamedNode(cls))
        add(part, VOID.entities, integer(n))
    for prop, n in sorted(props.items()):
        part = NamedNode(f"{d.value}/property/{_local(prop)}")
        add(d, VOID.propertyPartition, part)
        add(part, VOID.property, NamedNode(prop))
        add(part, VOID.triples, integer(n))


def _local(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}-{iri[len(ns):]}"
    return iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def build_dataset(data_dir: Path = DATA_DIR, base: str = DEFAULT_BASE) -> Build:
    """Read and check the tables, map them to RDF and describe the result."""
    minter = Minter(base)
    tables = read_tables(Path(data_dir))
    mapper = Mapper(tables, minter)
    g = mapper.run()
    derive(mapper)
    describe(g, tables)
    return Build(base, g.sorted_quads(), dict(g.origins), tables)


# -- serialization ---------------------------------------------------------------------------

def to_ntriples(b: Build) -> bytes:
    """Serialize the union graph as sorted N-Triples lines."""
    raw = ox.serialize(b.triples(), format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    lines = sorted(set(raw.splitlines()))
    return ("\n".join(lines) + "\n").encode("utf-8")


def to_turtle(b: Build) -> bytes:
    """Serialize the union graph as Turtle."""
    return ox.serialize(b.triples(), format=ox.RdfFormat.TURTLE, prefixes=b.prefixes)


def to_trig(b: Build) -> bytes:
    """Serialize the dataset with its named graphs as TriG."""
    return ox.serialize(b.quads, format=ox.RdfFormat.TRIG, prefixes=b.prefixes)


def jsonld_context(base: str) -> dict:
    """Return the JSON-LD @context published with the dataset (prefixes only)."""
    return dict(sorted(prefixes_for(base).items()))


def _compact(iri: str, prefixes: dict[str, str]) -> str:
    best = None
    for prefix, ns in prefixes.items():
        if iri.startswith(ns) and len(iri) > len(ns) and (best is None or len(ns) > len(best[1])):
            best = (prefix, ns)
    return f"{best[0]}:{iri[len(best[1]):]}" if best else iri


def _jsonld_value(term) -> dict:
    if isinstance(term, NamedNode):
        return {"@id": term.value}
    if isinstance(term, Literal):
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if term.datatype.value == PREFIXES["xsd"] + "string":
            return {"@value": term.value}
        return {"@value": term.value, "@type": term.datatype.value}
    raise TypeError(f"blank nodes are not used: {term}")


def to_jsonld(b: Build) -> bytes:
    """Serialize the dataset as JSON-LD: one @graph object per named graph, compact keys."""
    prefixes = b.prefixes
    graphs: dict[str, dict[str, dict]] = {}
    for q in b.quads:
        nodes = graphs.setdefault(q.graph_name.value, {})
        node = nodes.setdefault(q.subject.value, {"@id": q.subject.value})
        if q.predicate == RDF.type:
            node.setdefault("@type", []).append(_compact(q.object.value, prefixes))
        else:
            key = _compact(q.predicate.value, prefixes)
            node.setdefault(key, []).append(_jsonld_value(q.object))
    doc = {"@context": jsonld_context(b.base),
           "@graph": [{"@id": name, "@graph": list(nodes.values())}
                      for name, nodes in sorted(graphs.items())]}
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


SERIALIZERS = {"graph.ttl": to_turtle, "graph.trig": to_trig, "graph.nt": to_ntriples,
               "graph.jsonld": to_jsonld}


def write_atomically(files: dict[str, bytes], out_dir: Path) -> list[Path]:
    """Write every file to a temporary folder in out_dir, then move each into place."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".ykg-tmp-", dir=out_dir))
    try:
        for name, data in files.items():
            with open(tmp / name, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        written = []
        for name in files:
            os.replace(tmp / name, out_dir / name)
            written.append(out_dir / name)
        return written
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def write_build(b: Build, out_dir: Path) -> list[Path]:
    """Serialize a build in every format and write the files atomically."""
    return write_atomically({name: fn(b) for name, fn in SERIALIZERS.items()}, out_dir)


def build_to(out_dir: Path, data_dir: Path = DATA_DIR, base: str = DEFAULT_BASE) -> list[Path]:
    """Build from data_dir and write the four files into out_dir."""
    return write_build(build_dataset(data_dir, base), out_dir)
