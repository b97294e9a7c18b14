"""Publish the graph as a static linked-open-data site that works from disk or any web server.

Layout of the site (paths relative to the site folder; ``{local}`` is the part of a resource IRI
after ``{base}/id/``, e.g. ``program/p0001`` or ``section/s2/1/table``):

- ``doc/{local}.html|.ttl|.jsonld|.nt``: one page per resource and its description in three RDF
  formats. The description is every triple of the union graph whose subject or object is the
  resource (its symmetric concise bounded description; there are no blank nodes). The HTML page
  embeds the same JSON-LD in a ``<script type="application/ld+json">`` block.
- ``index.html`` (home: the policy's hierarchy and an offline search box), ``search-index.js``,
  ``assets/``; ``class/index.html`` and ``class/{prefix}-{Name}.html`` (one index per class);
  ``ontology.html|.ttl|.jsonld|.nt``; ``queries.html`` and ``queries/{id}.rq``.
- ``dumps/ykg.trig|.ttl|.nt.gz|.jsonld`` and ``context.jsonld`` (the published JSON-LD context).
- ``dataset.html|.ttl|.jsonld|.nt``: the VoID + DCAT 3 description: graphbuild's description
  (triples, partitions, example resources, license) plus the distributions with media types, byte
  sizes and SHA-256 checksums of the dumps, measured after writing them. The description files are
  not distributions themselves: a file cannot state its own size.
- ``sitemap.xml``, ``robots.txt``; ``.htaccess`` and ``hosting/`` (the content negotiation of
  ``ykg serve`` as Apache and nginx rewrite rules); ``site.json`` (marks the folder as a ykg site).

Every link between pages is relative and names its file (``….html``), so the pages work from disk
(``file://``) and from a plain static server. No page loads anything from another host.
"""
from __future__ import annotations

import gzip
import hashlib
import html
import json
import os
import posixpath
import re
import shutil
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pyoxigraph as ox
from pyoxigraph import Literal, NamedNode, Triple

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "ykg.ttl"
QUERIES_DIR = ROOT / "queries"
SOURCE_NAME = "000_7c1a4b2332ad1b6d.txt"
# Where the source text is looked for when --source is not given: inside the repository first,
# then the location data/README.md names (../shared/source/ next to the repository).
SOURCE_CANDIDATES = (ROOT / "data" / "source" / SOURCE_NAME, ROOT / "source" / SOURCE_NAME,
                     ROOT.parent / "shared" / "source" / SOURCE_NAME)
DEFAULT_OUT = Path("build") / "site"
MARKER = "site.json"
GENERATOR = "ykg publish"
QUOTE_MAX_LINES = 40

YKG = "https://w3id.org/ykg/def#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
DCAT = "http://www.w3.org/ns/dcat#"
VOID = "http://rdfs.org/ns/void#"
SPDX = "http://spdx.org/rdf/terms#"
FOAF = "http://xmlns.com/foaf/0.1/"
IANA = "http://www.iana.org/assignments/media-types/"
LABEL = RDFS + "label"

# The representations of a resource: (file extension, media type). Order = server preference.
REPRESENTATIONS = {"html": (".html", "text/html"), "ttl": (".ttl", "text/turtle"),
                   "jsonld": (".jsonld", "application/ld+json"),
                   "nt": (".nt", "application/n-triples")}
# Media types in an Accept header that select each representation (first = canonical).
ACCEPT_ALIASES = {"html": ("text/html", "application/xhtml+xml"),
                  "ttl": ("text/turtle", "application/x-turtle"),
                  "jsonld": ("application/ld+json", "application/json"),
                  "nt": ("application/n-triples", "text/plain")}
# Order in which the static rewrite rules test the Accept header (they cannot weigh q-values;
# RDF first, because browsers never ask for RDF and RDF clients may also list text/html).
RECIPE_ORDER = ("ttl", "jsonld", "nt")
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8", ".ttl": "text/turtle; charset=utf-8",
    ".jsonld": "application/ld+json", ".nt": "application/n-triples",
    ".trig": "application/trig", ".gz": "application/gzip", ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8", ".xml": "application/xml", ".json": "application/json",
    ".txt": "text/plain; charset=utf-8", ".rq": "application/sparql-query",
    ".md": "text/markdown; charset=utf-8", ".conf": "text/plain; charset=utf-8",
    ".htaccess": "text/plain; charset=utf-8",
}
# Content Security Policy of every page: scripts and styles only from the site itself.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "base-uri 'none'; form-action 'self'")
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
# Classes whose instances are records about other entities (a listing line, a budget line, a tag):
# the search shows them after the entities themselves.
RECORD_CLASSES = {YKG + c for c in ("ProgramListing", "GoalListing", "SakigakeListing", "FundingLine",
                                    "BudgetAllocation", "LoanFacility", "MonetaryAmount",
                                    "TechnologyTag", "CuratedLink", "NameVariant", "Seat")}
LOCAL_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]*(/[A-Za-z0-9][A-Za-z0-9._~-]*)*$")
GRAPH_NAMES = ("document", "labels-en", "curated", "derived", "dataset")
GRAPH_LABELS = {"document": ("資料", "document"), "labels-en": ("英訳", "labels-en"),
                "curated": ("キュレーション", "curated"), "derived": ("導出", "derived"),
                "dataset": ("データセット", "dataset")}

# Labels of the terms of other vocabularies that the graph uses (ykg terms come from the ontology).
EXTERNAL_LABELS = {
    RDF_TYPE: ("種類", "type"), LABEL: ("ラベル", "label"),
    RDFS + "comment": ("説明", "comment"), RDFS + "subClassOf": ("上位クラス", "subclass of"),
    DCT + "description": ("説明", "description"), DCT + "identifier": ("識別子", "identifier"),
    DCT + "isPartOf": ("上位", "is part of"), DCT + "language": ("言語", "language"),
    DCT + "license": ("ライセンス", "license"), DCT + "source": ("出典", "source"),
    DCT + "title": ("題名", "title"), SKOS + "altLabel": ("別名", "alternative label"),
    SKOS + "editorialNote": ("編集注記", "editorial note"),
    SKOS + "hasTopConcept": ("最上位概念", "has top concept"),
    SKOS + "hiddenLabel": ("検索用別名", "hidden label"), SKOS + "inScheme": ("概念体系", "in scheme"),
    SKOS + "notation": ("記号", "notation"), SKOS + "prefLabel": ("優先ラベル", "preferred label"),
    SKOS + "topConceptOf": ("最上位概念である体系", "top concept of"),
    SKOS + "Concept": ("概念", "Concept"), SKOS + "ConceptScheme": ("概念体系", "Concept scheme"),
    DCAT + "version": ("版", "version"), DCAT + "Dataset": ("データセット", "Dataset"),
    "http://www.w3.org/ns/org#hasPost": ("役職", "has post"),
    "http://www.w3.org/ns/org#hasUnit": ("下位組織", "has unit"),
    "http://www.w3.org/ns/org#heldBy": ("就任者", "held by"),
    "http://www.w3.org/ns/org#holds": ("就任している役職", "holds"),
    "http://www.w3.org/ns/org#postIn": ("所属組織", "post in"),
    "http://www.w3.org/ns/org#role": ("役割", "role"),
    "http://www.w3.org/ns/org#unitOf": ("上位組織", "unit of"),
    "http://www.w3.org/ns/org#Organization": ("組織", "Organization"),
    "http://www.w3.org/ns/org#OrganizationalUnit": ("組織単位", "Organizational unit"),
    "http://www.w3.org/ns/org#FormalOrganization": ("公式組織", "Formal organization"),
    "http://www.w3.org/ns/org#Post": ("役職", "Post"), "http://www.w3.org/ns/org#Role": ("役割", "Role"),
    PROV + "generated": ("生成したもの", "generated"), PROV + "used": ("使用したもの", "used"),
    PROV + "wasDerivedFrom": ("出典", "was derived from"),
    PROV + "wasGeneratedBy": ("生成した活動", "was generated by"),
    PROV + "wasRevisionOf": ("改訂元", "was revision of"), PROV + "Activity": ("活動", "Activity"),
    FOAF + "name": ("氏名", "name"), FOAF + "Person": ("人", "Person"),
    "https://schema.org/currency": ("通貨", "currency"), "https://schema.org/value": ("値", "value"),
    "https://schema.org/startDate": ("開始日", "start date"),
    "https://schema.org/endDate": ("終了日", "end date"),
    "https://schema.org/organizer": ("主催者", "organizer"),
    "https://schema.org/MonetaryAmount": ("金額", "Monetary amount"),
    VOID + "Dataset": ("VoIDデータセット", "VoID dataset"),
}


class PublishError(Exception):
    """A problem that stops publishing (bad output folder, unmappable IRI)."""


def e(value) -> str:
    """Escape any data string for HTML text and attribute values."""
    return html.escape(str(value), quote=True)


def script_json(data) -> str:
    """Serialize data as JSON that is safe inside a <script> element (no '<', '>' or '&')."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def search_terms(query: str) -> list[str]:
    """Split a search input into the keys the home page's search matches (same rule as the JS)."""
    from graphbuild.text import match_key
    return [k for k in (match_key(t) for t in unicodedata.normalize("NFKC", query).split()) if k]


def search_matches(terms: list[str], key: str) -> bool:
    """Tell whether an index entry's key contains every search term."""
    return bool(terms) and all(t in key for t in terms)


def resource_local(base: str, iri: str) -> str | None:
    """Return the part of a resource IRI after {base}/id/, or None for other IRIs."""
    prefix = base + "/id/"
    return iri[len(prefix):] if iri.startswith(prefix) and len(iri) > len(prefix) else None


def doc_path(local: str, ext: str = ".html") -> str:
    """Return the site path of a resource's page or description file."""
    return f"doc/{local}{ext}"


@lru_cache(maxsize=None)
def rel(from_path: str, to_path: str) -> str:
    """Return the relative URL from one site file to another (both are site paths)."""
    src = from_path.split("/")[:-1]
    dst = to_path.split("/")
    n = 0
    while n < len(src) and n < len(dst) - 1 and src[n] == dst[n]:
        n += 1
    return "../" * (len(src) - n) + "/".join(dst[n:])


def _lines(spec: str) -> tuple[int, int] | None:
    m = re.match(r"^\s*(\d+)\s*(?:-\s*(\d+))?\s*$", spec or "")
    if not m:
        return None
    first = int(m.group(1))
    return first, int(m.group(2) or first)


# -- the graph, indexed for rendering -----------------------------------------------------------

@dataclass
class Term:
    """A vocabulary term of the ontology: labels, comments and axioms."""

    iri: str
    kind: str  # class, object property, datatype property, annotation property
    label_ja: str = ""
    label_en: str = ""
    comments: list[tuple[str, str]] = field(default_factory=list)
    axioms: list[tuple[str, str]] = field(default_factory=list)  # (predicate IRI, object IRI)


def _localname(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


class Vocabulary:
    """The ontology file: its terms, labels and axioms."""

    KINDS = {OWL + "Class": "class", OWL + "ObjectProperty": "object property",
             OWL + "DatatypeProperty": "datatype property",
             OWL + "AnnotationProperty": "annotation property", RDFS + "Class": "class"}
    AXIOMS = (RDFS + "subClassOf", RDFS + "subPropertyOf", RDFS + "domain", RDFS + "range",
              OWL + "inverseOf", OWL + "equivalentClass", OWL + "equivalentProperty",
              SKOS + "closeMatch", SKOS + "exactMatch", SKOS + "broadMatch", SKOS + "relatedMatch")

    def __init__(self, path: Path):
        self.path = Path(path)
        self.triples = sorted(ox.parse(path=str(self.path), format=ox.RdfFormat.TURTLE),
                              key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        self.terms: dict[str, Term] = {}
        self.ontology_iri = ""
        self.meta: list[Triple] = []
        for t in self.triples:
            if t.predicate.value == RDF_TYPE and t.object.value in self.KINDS:
                if isinstance(t.subject, NamedNode):
                    self.terms.setdefault(t.subject.value,
                                          Term(t.subject.value, self.KINDS[t.object.value]))
            if t.predicate.value == RDF_TYPE and t.object.value == OWL + "Ontology":
                self.ontology_iri = t.subject.value
        for t in self.triples:
            s = t.subject.value if isinstance(t.subject, NamedNode) else None
            if s == self.ontology_iri:
                self.meta.append(t)
            term = self.terms.get(s)
            if term is None:
                continue
            p = t.predicate.value
            if p == LABEL and isinstance(t.object, Literal):
                if t.object.language == "ja":
                    term.label_ja = t.object.value
                elif t.object.language == "en":
                    term.label_en = t.object.value
            elif p in (RDFS + "comment", SKOS + "definition") and isinstance(t.object, Literal):
                term.comments.append((t.object.language or "", t.object.value))
            elif p in self.AXIOMS and isinstance(t.object, NamedNode):
                term.axioms.append((p, t.object.value))

    def labels(self, iri: str) -> tuple[str, str]:
        term = self.terms.get(iri)
        if term and (term.label_ja or term.label_en):
            return term.label_ja, term.label_en
        return EXTERNAL_LABELS.get(iri, ("", ""))

    def superclasses(self, iri: str) -> set[str]:
        """Return every class iri is a subclass of (transitively), per the ontology."""
        seen, todo = set(), [iri]
        while todo:
            term = self.terms.get(todo.pop())
            for p, o in (term.axioms if term else ()):
                if p == RDFS + "subClassOf" and o not in seen:
                    seen.add(o)
                    todo.append(o)
        return seen


class Graph:
    """The union graph of a build, indexed by subject and object, with labels and graph names."""

    def __init__(self, build, vocab: Vocabulary):
        self.base = build.base
        self.vocab = vocab
        self.prefixes = dict(sorted(build.prefixes.items()))
        self._curies: dict[str, str] = {}
        self.triples: list[Triple] = build.triples()
        self.graphs_of: dict[Triple, set[str]] = defaultdict(set)
        self.quads = build.quads
        for q in build.quads:
            self.graphs_of[q.triple].add(q.graph_name.value.rsplit("/", 1)[-1])
        self.out: dict[str, list[Triple]] = defaultdict(list)
        self.inv: dict[str, list[Triple]] = defaultdict(list)
        self.labels: dict[str, dict[str, str]] = defaultdict(dict)
        self.types: dict[str, list[str]] = defaultdict(list)
        for t in self.triples:
            s = t.subject.value
            self.out[s].append(t)
            if isinstance(t.object, NamedNode):
                self.inv[t.object.value].append(t)
                if t.predicate.value == RDF_TYPE:
                    self.types[s].append(t.object.value)
            elif t.predicate.value == LABEL and isinstance(t.object, Literal):
                lang = (t.object.language or "").split("-")[0]
                # Keep the first label in sorted order, so the choice is deterministic.
                self.labels[s].setdefault(lang, t.object.value)
        iris = {t.subject.value for t in self.triples} | {
            t.object.value for t in self.triples if isinstance(t.object, NamedNode)}
        self.resources = sorted(i for i in iris if resource_local(self.base, i) is not None)
        bad = [i for i in self.resources if not LOCAL_RE.match(resource_local(self.base, i))]
        if bad:
            raise PublishError("cannot map these IRIs to file names (use [A-Za-z0-9._~-] and '/'): "
                               + ", ".join(bad[:10]))
        self.local = {i: resource_local(self.base, i) for i in self.resources}

    def label(self, iri: str) -> tuple[str, str]:
        """Return (ja, en) labels of an IRI: its rdfs:label, else the vocabulary's, else ''."""
        got = self.labels.get(iri)
        if got:
            return got.get("ja", ""), got.get("en", "")
        return self.vocab.labels(iri)

    def curie(self, iri: str) -> str:
        """Return the compact form prefix:local of an IRI (the IRI itself without a prefix)."""
        got = self._curies.get(iri)
        if got is None:
            got = self._curies[iri] = _curie(iri, self.prefixes)
        return got

    def primary_class(self, iri: str) -> str | None:
        """Return the most specific class of a resource, preferring ykg classes."""
        types = sorted(set(self.types.get(iri, ())))
        if not types:
            return None
        supers = set().union(*(self.vocab.superclasses(t) for t in types))
        specific = [t for t in types if t not in supers] or types
        ykg = [t for t in specific if t.startswith(YKG)]
        return (ykg or specific)[0]

    def description(self, iri: str) -> list[Triple]:
        """Return the resource's triples: every triple with it as subject or object, sorted."""
        seen = set(self.out.get(iri, ())) | set(self.inv.get(iri, ()))
        return sorted(seen, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))

    def used_prefixes(self, triples) -> dict[str, str]:
        used = set()
        for t in triples:
            for term in (t.subject, t.predicate, t.object):
                iri = term.value if isinstance(term, NamedNode) else (
                    term.datatype.value if isinstance(term, Literal) else None)
                if iri:
                    c = self.curie(iri)
                    if c != iri:
                        used.add(c.split(":", 1)[0])
        return {p: ns for p, ns in self.prefixes.items() if p in used}


# -- RDF serializations ---------------------------------------------------------------------------

def to_ntriples(triples) -> bytes:
    """Serialize triples as sorted N-Triples lines."""
    raw = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    lines = sorted(set(raw.splitlines()))
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def to_turtle(triples, prefixes: dict[str, str]) -> bytes:
    """Serialize triples as Turtle with the given prefixes."""
    return ox.serialize(list(triples), format=ox.RdfFormat.TURTLE, prefixes=prefixes)


def _jsonld_value(term) -> dict:
    if isinstance(term, NamedNode):
        return {"@id": term.value}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value == XSD + "string":
        return {"@value": term.value}
    return {"@value": term.value, "@type": term.datatype.value}


def to_jsonld_doc(triples, prefixes: dict[str, str], curie) -> dict:
    """Return a JSON-LD document of triples: compact keys, full IRIs as @id values, sorted."""
    nodes: dict[str, dict] = {}
    for t in triples:
        node = nodes.setdefault(t.subject.value, {"@id": t.subject.value})
        if t.predicate.value == RDF_TYPE and isinstance(t.object, NamedNode):
            node.setdefault("@type", []).append(curie(t.object.value))
        else:
            node.setdefault(curie(t.predicate.value), []).append(_jsonld_value(t.object))
    return {"@context": dict(prefixes), "@graph": [nodes[k] for k in sorted(nodes)]}


def to_jsonld(triples, prefixes: dict[str, str], curie) -> bytes:
    """Serialize triples as a JSON-LD document (sorted keys, inline @context)."""
    doc = to_jsonld_doc(triples, prefixes, curie)
    return (json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


# -- HTML templates -------------------------------------------------------------------------------

STYLE = """\
:root { --fg: #1d2327; --muted: #5c6670; --line: #d6dbe0; --accent: #0b5cad; --bg-alt: #f4f6f8; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); line-height: 1.6;
  font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", "Meiryo", sans-serif; }
header.site { background: #12355b; color: #fff; padding: .5rem 1rem; }
header.site a { color: #fff; margin-right: 1rem; text-decoration: none; }
header.site a:hover { text-decoration: underline; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
footer { border-top: 1px solid var(--line); color: var(--muted); font-size: .85rem; padding: 1rem; }
a { color: var(--accent); }
h1 { font-size: 1.6rem; margin: .5rem 0 .2rem; }
h2 { font-size: 1.2rem; border-bottom: 1px solid var(--line); margin-top: 1.8rem; }
.en { color: var(--muted); }
p.en, div.en { margin-top: 0; }
code, pre { font-family: "Noto Sans Mono CJK JP", monospace; font-size: .9em; }
pre { background: var(--bg-alt); padding: .6rem; overflow-x: auto; white-space: pre-wrap; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--bg-alt); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.tag { display: inline-block; font-size: .75rem; border: 1px solid var(--line); border-radius: 3px;
  padding: 0 .3rem; color: var(--muted); margin-left: .3rem; }
blockquote.source { border-left: 4px solid var(--line); margin: .5rem 0; padding: .3rem .8rem;
  background: var(--bg-alt); white-space: pre-wrap; overflow-wrap: anywhere; }
blockquote.source .ln { color: var(--muted); user-select: none; margin-right: .6rem; }
nav.formats a { margin-right: .8rem; }
details { margin: .2rem 0 .2rem .2rem; }
details > summary { cursor: pointer; }
ul.tree { margin: .2rem 0; padding-left: 1.4rem; }
#search { display: flex; gap: .5rem; margin: 1rem 0 .3rem; }
#search input { flex: 1; font-size: 1.1rem; padding: .4rem; }
#search-results li { margin: .2rem 0; }
.cls { color: var(--muted); font-size: .85rem; margin-left: .5rem; }
.cols { columns: 2 22rem; }
section.term th, table.props th { width: 16rem; }
"""

SEARCH_JS = r"""// Offline search of the ykg site: the same normalization as graphbuild.text.match_key.
(function () {
  "use strict";
  var DROP = /[ \t\r\n\u3000・、。「」『』()（）【】《》〈〉"']/g;
  var LIMIT = 100;

  // NFKC, lower case, katakana to hiragana (code point shift), no spaces, brackets or quotes.
  function matchKey(text) {
    var s = String(text).normalize("NFKC").toLowerCase();
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0x30A1 && c <= 0x30F6) { c -= 0x60; }
      out += String.fromCharCode(c);
    }
    return out.replace(DROP, "");
  }

  function searchTerms(query) {
    return String(query).normalize("NFKC").split(/\s+/).map(matchKey)
      .filter(function (k) { return k.length > 0; });
  }

  function rank(entry, terms) {
    var parts = entry.key.split(" | ");
    if (parts[0] === terms.join("")) { return 0; }
    for (var i = 0; i < parts.length; i++) {
      if (parts[i].indexOf(terms[0]) === 0) { return 1; }
    }
    return 2;
  }

  function search(index, query) {
    var terms = searchTerms(query);
    if (terms.length === 0) { return []; }
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var key = index[i].key;
      var ok = true;
      for (var j = 0; j < terms.length; j++) {
        if (key.indexOf(terms[j]) < 0) { ok = false; break; }
      }
      if (ok) { hits.push({ entry: index[i], rank: rank(index[i], terms), order: i }); }
    }
    hits.sort(function (a, b) {
      return a.rank - b.rank || a.entry.w - b.entry.w || a.order - b.order;
    });
    return hits.map(function (h) { return h.entry; });
  }

  // Results are built with DOM nodes and textContent: labels are data, never markup.
  function render(hits, query) {
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (!query.trim()) { status.textContent = ""; return; }
    status.textContent = hits.length === 0 ? "該当なし / no match"
      : hits.length + " 件 / results" + (hits.length > LIMIT ? "(先頭 " + LIMIT + " 件を表示 / first " + LIMIT + " shown)" : "");
    status.setAttribute("data-count", String(hits.length));
    hits.slice(0, LIMIT).forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = h.url;
      a.textContent = h.label_ja || h.label_en || h.iri;
      a.setAttribute("data-iri", h.iri);
      li.appendChild(a);
      if (h.label_en) {
        var en = document.createElement("span");
        en.className = "en";
        en.lang = "en";
        en.textContent = " " + h.label_en;
        li.appendChild(en);
      }
      var cls = document.createElement("span");
      cls.className = "cls";
      cls.textContent = h["class"];
      li.appendChild(cls);
      list.appendChild(li);
    });
  }

  window.ykgSearch = { matchKey: matchKey, searchTerms: searchTerms, search: search };

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("search");
    var input = document.getElementById("q");
    if (!form || !input || !window.YKG_INDEX) { return; }
    function run() { render(search(window.YKG_INDEX, input.value), input.value); }
    form.addEventListener("submit", function (ev) { ev.preventDefault(); run(); });
    input.addEventListener("input", run);
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) { input.value = q; run(); }
    form.setAttribute("data-ready", "true");
  });
}());
"""


def render_page(*, path: str, title: str, body: str, head: str = "", scripts: tuple = (),
                lang: str = "ja") -> str:
    """Return a full HTML page; path is the page's site path (for relative links)."""
    root = rel(path, "index.html")[: -len("index.html")]
    nav = [("index.html", "ホーム / Home"), ("class/index.html", "クラス / Classes"),
           ("ontology.html", "オントロジー / Ontology"), ("queries.html", "クエリ / Queries"),
           ("dataset.html", "データセット / Dataset")]
    nav_html = "".join(f'<a href="{e(root + href)}">{e(text)}</a>' for href, text in nav)
    script_tags = "".join(f'<script src="{e(root + s)}"></script>\n' for s in scripts)
    return f"""<!DOCTYPE html>
<html lang="{e(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">
<title>{e(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{e(root)}assets/style.css">
{head}</head>
<body>
<header class="site"><nav>{nav_html}</nav></header>
<main>
{body}
</main>
<footer>
<p>やまぐちデジタル改革基本方針 ナレッジグラフ ・ <a href="{e(LICENSE)}" rel="license">CC BY 4.0</a>
・ 英語ラベルは非公式訳です / English labels are unofficial translations.
・ <a href="{e(root)}dataset.html#dumps">ダンプ / Dumps</a></p>
</footer>
{script_tags}</body>
</html>
"""


def bilingual(ja: str, en: str, tag: str = "span") -> str:
    """Return a Japanese text followed by its English translation, both escaped."""
    parts = []
    if ja:
        parts.append(f'<{tag} lang="ja">{e(ja)}</{tag}>')
    if en:
        parts.append(f'<{tag} lang="en" class="en">{e(en)}</{tag}>')
    return " ".join(parts)


# -- the publisher --------------------------------------------------------------------------------

@dataclass
class SiteReport:
    """What publish_site wrote."""

    out: Path
    base: str
    resources: int
    pages: int
    files: int
    bytes: int
    dumps: dict[str, int]
    source_text: Path | None
    broken_links: list[str]

    def text(self) -> str:
        lines = [f"wrote {self.out}: {self.pages:,} HTML pages ({self.resources:,} resources), "
                 f"{self.files:,} files, {self.bytes:,} bytes"]
        for name, size in self.dumps.items():
            lines.append(f"  dumps/{name}: {size:,} bytes")
        lines.append(f"  source quotes: {self.source_text or 'none (no source text found)'}")
        lines.append("  internal links: " + ("all resolve" if not self.broken_links
                                                 else f"{len(self.broken_links)} broken"))
        for b in self.broken_links[:20]:
            lines.append(f"    broken: {b}")
        return "\n".join(lines)


def find_source_text(source: Path | None = None) -> Path | None:
    """Return the source text file to quote from: the given one, else the first candidate found."""
    if source is not None:
        source = Path(source)
        if not source.is_file():
            raise PublishError(f"--source {source}: no such file")
        return source
    return next((p for p in SOURCE_CANDIDATES if p.is_file()), None)


def publish_site(build, out_dir: Path = DEFAULT_OUT, *, source: Path | None = None,
                 ontology: Path = ONTOLOGY, queries_dir: Path = QUERIES_DIR,
                 site_url: str | None = None) -> SiteReport:
    """Write the static site of a build into out_dir: built in a temporary folder, then swapped in."""
    out_dir = Path(out_dir)
    _check_out_dir(out_dir)
    source_path = find_source_text(source)
    parent = out_dir.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-tmp-", dir=parent))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o777 & ~umask)  # mkdtemp makes it private; a site is meant to be served
    try:
        writer = SiteWriter(build, tmp, Vocabulary(ontology), queries_dir=Path(queries_dir),
                            source=source_path, site_url=site_url)
        writer.write_all()
        broken = check_links(tmp)
        _swap(tmp, out_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    files = [p for p in out_dir.rglob("*") if p.is_file()]
    return SiteReport(out=out_dir, base=build.base, resources=len(writer.g.resources),
                      pages=sum(1 for p in files if p.suffix == ".html"), files=len(files),
                      bytes=sum(p.stat().st_size for p in files), dumps=dict(writer.dump_sizes),
                      source_text=source_path, broken_links=broken)


def _check_out_dir(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise PublishError(f"--out {out_dir} exists and is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
        raise PublishError(f"--out {out_dir} is a non-empty folder that is not a ykg site "
                           f"(no {MARKER}); refusing to replace it")


def _swap(tmp: Path, out_dir: Path) -> None:
    """Move the finished site into place: rename the old one aside, rename the new one in."""
    old = None
    if out_dir.exists():
        old = out_dir.with_name(f".{out_dir.name}-old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(out_dir, old)
    os.replace(tmp, out_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


class SiteWriter:
    """Render and write every file of the site into one folder."""

    def __init__(self, build, out: Path, vocab: Vocabulary, *, queries_dir: Path,
                 source: Path | None, site_url: str | None):
        self.build = build
        self.out = out
        self.vocab = vocab
        self.g = Graph(build, vocab)
        self.base = build.base
        self.site_url = (site_url or build.base).rstrip("/")
        self.queries_dir = queries_dir
        self.source_lines = (source.read_text(encoding="utf-8").splitlines()
                             if source is not None else None)
        self.dump_sizes: dict[str, int] = {}
        self.pages: list[str] = []
        self.class_pages: dict[str, str] = {}
        self._store = None

    # -- files --
    def write(self, path: str, data: bytes | str) -> None:
        target = self.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        if path.endswith(".html"):
            self.pages.append(path)

    def write_all(self) -> None:
        self.class_pages = {c: f"class/{self.class_slug(c)}.html" for c in self.classes()}
        self.write("assets/style.css", STYLE)
        self.write("assets/search.js", SEARCH_JS)
        for iri in self.g.resources:
            self.write_resource(iri)
        self.write_class_pages()
        self.write_dumps()
        self.write_dataset()
        self.write_ontology()
        self.write_queries()
        self.write_home()
        self.write_hosting()
        self.write_sitemap()
        self.write(MARKER, json.dumps({"generator": GENERATOR, "base": self.base,
                                       "site_url": self.site_url,
                                       "resources": len(self.g.resources)},
                                      sort_keys=True, indent=1) + "\n")

    @property
    def store(self):
        if self._store is None:
            self._store = ox.Store()
            self._store.bulk_extend(self.build.quads)
        return self._store

    def select(self, query: str) -> list[dict]:
        prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in self.g.prefixes.items())
        result = self.store.query(prefixes + query, use_default_graph_as_union=True)
        names = [v.value for v in result.variables]
        return [{n: (sol[n].value if sol[n] is not None else None) for n in names}
                for sol in result]

    # -- links --
    def href(self, from_path: str, iri: str) -> str | None:
        """Return the relative link to the page describing iri, if the site has one."""
        local = self.g.local.get(iri)
        if local is not None:
            return rel(from_path, doc_path(local))
        if iri in self.class_pages:
            return rel(from_path, self.class_pages[iri])
        if iri.startswith(YKG) and iri in self.vocab.terms:
            return rel(from_path, "ontology.html") + "#" + _localname(iri)
        if iri == self.vocab.ontology_iri:
            return rel(from_path, "ontology.html")
        if iri == f"{self.base}/dataset/ykg" or iri.startswith(f"{self.base}/dataset/ykg/"):
            return rel(from_path, "dataset.html") + "#" + self.anchor(iri)
        if iri.startswith(f"{self.base}/graph/"):
            return rel(from_path, "dataset.html") + "#graph-" + iri.rsplit("/", 1)[-1]
        return None

    def anchor(self, iri: str) -> str:
        tail = iri[len(f"{self.base}/dataset/ykg"):].strip("/")
        return re.sub(r"[^A-Za-z0-9_-]", "-", tail) or "dataset"

    def link(self, from_path: str, iri: str, *, with_en: bool = True) -> str:
        """Return a link to iri labelled in Japanese (and English), or the IRI itself."""
        ja, en = self.g.label(iri)
        href = self.href(from_path, iri)
        text = ja or en or self.g.curie(iri)
        target = href if href is not None else iri
        out = f'<a href="{e(target)}">{e(text)}</a>'
        if with_en and en and ja:
            out += f' <span lang="en" class="en">{e(en)}</span>'
        if href is None and (ja or en):
            out += f' <code>{e(self.g.curie(iri))}</code>'
        return out

    def term_link(self, from_path: str, iri: str) -> str:
        """Return a link to a vocabulary term showing its label and its compact IRI."""
        ja, en = self.g.label(iri)
        href = self.href(from_path, iri) or iri
        curie = e(self.g.curie(iri))
        if not (ja or en):
            return f'<a href="{e(href)}"><code>{curie}</code></a>'
        return f'<a href="{e(href)}">{bilingual(ja, en)}</a> <code>{curie}</code>'

    def value(self, from_path: str, term) -> str:
        if isinstance(term, NamedNode):
            return self.link(from_path, term.value)
        if isinstance(term, Literal):
            out = f"<span{self._lang_attr(term)}>{e(term.value)}</span>"
            if term.language:
                out += f'<span class="tag">{e(term.language)}</span>'
            elif term.datatype.value != XSD + "string":
                out += f'<span class="tag">{e(self.g.curie(term.datatype.value))}</span>'
            return out
        return e(str(term))

    @staticmethod
    def _lang_attr(term: Literal) -> str:
        return f' lang="{e(term.language)}"' if term.language else ""

    # -- classes --
    def classes(self) -> list[str]:
        return sorted({c for i in self.g.resources for c in self.g.types.get(i, ())})

    def class_slug(self, iri: str) -> str:
        return re.sub(r"[^A-Za-z0-9_-]", "-", self.g.curie(iri).replace(":", "-"))

    # -- resource pages --
    def write_resource(self, iri: str) -> None:
        g = self.g
        local = g.local[iri]
        triples = g.description(iri)
        prefixes = g.used_prefixes(triples)
        jsonld_doc = to_jsonld_doc(triples, prefixes, g.curie)
        self.write(doc_path(local, ".ttl"), to_turtle(triples, prefixes))
        self.write(doc_path(local, ".nt"), to_ntriples(triples))
        self.write(doc_path(local, ".jsonld"),
                   json.dumps(jsonld_doc, ensure_ascii=False, sort_keys=True, indent=1) + "\n")
        self.write(doc_path(local), self.render_resource(iri, jsonld_doc))

    def render_resource(self, iri: str, jsonld_doc: dict) -> str:
        g = self.g
        path = doc_path(g.local[iri])
        name = posixpath.basename(g.local[iri])
        ja, en = g.label(iri)
        title = ja or en or g.curie(iri)
        classes = sorted(set(g.types.get(iri, ())))
        alt = "".join(f'<link rel="alternate" type="{e(mt)}" href="{e(name + ext)}">\n'
                      for key, (ext, mt) in REPRESENTATIONS.items() if key != "html")
        head = alt + (f'<script type="application/ld+json">{script_json(jsonld_doc)}</script>\n')
        body = [f'<h1 lang="ja">{e(title)}</h1>']
        if en and ja:
            body.append(f'<p class="en" lang="en">{e(en)}</p>')
        body.append(f'<p>IRI: <code class="iri">{e(iri)}</code></p>')
        if classes:
            body.append("<p>クラス / Class: " + ", ".join(self.link(path, c) for c in classes)
                        + "</p>")
        fmt = " ".join(f'<a href="{e(name + ext)}" type="{e(mt)}">{label}</a>'
                       for (ext, mt), label in ((REPRESENTATIONS["ttl"], "Turtle"),
                                                (REPRESENTATIONS["jsonld"], "JSON-LD"),
                                                (REPRESENTATIONS["nt"], "N-Triples")))
        body.append(f'<nav class="formats">RDF: {fmt}</nav>')
        body.append(self.render_source(iri, path))
        body.append(self.render_properties(iri, path))
        body.append(self.render_curated(iri, path))
        body.append(self.render_inverse(iri, path))
        return render_page(path=path, title=f"{title} | ykg", body="\n".join(b for b in body if b),
                           head=head)

    def _sorted_props(self, triples):
        def key(t):
            p = t.predicate.value
            first = {RDF_TYPE: 0, LABEL: 1}.get(p, 2)
            return (first, self.g.curie(p), str(t.object))
        return sorted(triples, key=key)

    def _graph_tags(self, t: Triple) -> str:
        names = sorted(self.g.graphs_of.get(t, ()), key=lambda n: GRAPH_NAMES.index(n)
                       if n in GRAPH_NAMES else 99)
        return "".join(f'<span class="tag" title="{e(GRAPH_LABELS.get(n, (n, n))[1])}">'
                       f'{e(GRAPH_LABELS.get(n, (n, n))[0])}</span>' for n in names
                       if n != "document")

    def render_properties(self, iri: str, path: str) -> str:
        rows = []
        for t in self._sorted_props(self.g.out.get(iri, ())):
            rows.append(f"<tr><th>{self.term_link(path, t.predicate.value)}</th>"
                        f"<td>{self.value(path, t.object)}{self._graph_tags(t)}</td></tr>")
        if not rows:
            return ""
        return ('<h2 id="properties">属性 / Properties</h2>\n<table class="props">'
                '<thead><tr><th>属性 / property</th><th>値 / value</th></tr></thead><tbody>'
                + "\n".join(rows) + "</tbody></table>")

    def render_inverse(self, iri: str, path: str) -> str:
        triples = sorted(self.g.inv.get(iri, ()),
                         key=lambda t: (self.g.curie(t.predicate.value), t.subject.value))
        rows = [f"<tr><td>{self.link(path, t.subject.value)}</td>"
                f"<th>{self.term_link(path, t.predicate.value)}</th>"
                f"<td>{self._graph_tags(t)}</td></tr>" for t in triples]
        if not rows:
            return ""
        return (f'<h2 id="inverse">被参照 / Inverse links ({len(rows)})</h2>\n'
                '<table class="inverse"><thead><tr><th>リソース / resource</th>'
                '<th>属性 / property</th><th></th></tr></thead><tbody>'
                + "\n".join(rows) + "</tbody></table>")

    def curated_links(self, iri: str) -> list[dict]:
        """Return the curated links (ykg:CuratedLink) whose subject or object is iri."""
        links = []
        for t in self.g.inv.get(iri, ()):
            if t.predicate.value not in (YKG + "linkSubject", YKG + "linkObject"):
                continue
            link = t.subject.value
            props = defaultdict(list)
            for lt in self.g.out.get(link, ()):
                props[lt.predicate.value].append(lt.object)
            links.append({"iri": link, "props": props,
                          "role": "subject" if t.predicate.value == YKG + "linkSubject" else "object"})
        return sorted(links, key=lambda x: x["iri"])

    def render_curated(self, iri: str, path: str) -> str:
        rows = []
        for link in self.curated_links(iri):
            p = link["props"]
            other_key = YKG + ("linkObject" if link["role"] == "subject" else "linkSubject")
            other = "".join(self.value(path, o) for o in p.get(other_key, ()))
            relation = "".join(self.term_link(path, r.value) for r in p.get(YKG + "linkRelation", ())
                               if isinstance(r, NamedNode))
            basis = "<br>".join(self.value(path, b) for b in sorted(
                p.get(YKG + "basis", ()), key=lambda b: (b.language != "ja", b.value)))
            arrow = "→" if link["role"] == "subject" else "←"
            rows.append(f"<tr><td>{arrow} {relation}</td><td>{other}</td><td>{basis}</td>"
                        f'<td><a href="{e(self.href(path, link["iri"]) or link["iri"])}">'
                        f"{e(self.g.curie(link['iri']))}</a></td></tr>")
        if not rows:
            return ""
        return ('<h2 id="curated">キュレーションによるリンク / Curated links</h2>\n'
                '<table class="curated"><thead><tr><th>関係 / relation</th><th>相手 / other end</th>'
                '<th>根拠 / basis</th><th>リンク / link</th></tr></thead><tbody>'
                + "\n".join(rows) + "</tbody></table>")

    def _first(self, iri: str, pred: str):
        for t in self.g.out.get(iri, ()):
            if t.predicate.value == pred:
                return t.object
        return None

    def source_span(self, iri: str) -> tuple[int, int] | None:
        lines = self._first(iri, YKG + "sourceLines")
        if isinstance(lines, Literal):
            return _lines(lines.value)
        first, last = self._first(iri, YKG + "firstLine"), self._first(iri, YKG + "lastLine")
        if isinstance(first, Literal) and isinstance(last, Literal):
            return int(first.value), int(last.value)
        return None

    def quote(self, span: tuple[int, int]) -> str:
        """Return the source lines of span as an escaped block quote (at most QUOTE_MAX_LINES)."""
        first, last = span
        if self.source_lines is None or first < 1 or first > len(self.source_lines):
            return ""
        stop = min(last, len(self.source_lines), first + QUOTE_MAX_LINES - 1)
        rows = [f'<span class="ln">{n}</span>{e(self.source_lines[n - 1])}'
                for n in range(first, stop + 1)]
        more = (f'\n<span class="ln">…</span>(行 {stop + 1}–{last} は省略 / lines {stop + 1}–{last} '
                f"omitted)" if stop < last else "")
        return ('<blockquote class="source" lang="ja">' + "\n".join(rows) + more + "</blockquote>")

    def render_source(self, iri: str, path: str) -> str:
        sections = [t.object.value for t in self.g.out.get(iri, ())
                    if t.predicate.value == PROV + "wasDerivedFrom" and isinstance(t.object, NamedNode)]
        span = self.source_span(iri)
        if not sections and span is None:
            return ""
        parts = ['<h2 id="source">出典 / Source</h2>']
        for sec in sorted(sections):
            material = self._first(sec, YKG + "inMaterial")
            mat = f" ({self.link(path, material.value, with_en=False)})" if isinstance(
                material, NamedNode) else ""
            parts.append(f"<p>節 / Section: {self.link(path, sec)}{mat}</p>")
        if span is not None:
            where = f"{span[0]}" if span[0] == span[1] else f"{span[0]}–{span[1]}"
            parts.append(f"<p>行 / Lines: {e(where)}</p>")
            quoted = self.quote(span)
            if quoted:
                parts.append(quoted)
            else:
                printed = self._first(iri, YKG + "printedText") or self._first(iri, LABEL)
                ja = self.g.label(iri)[0]
                text = printed.value if isinstance(printed, Literal) else ja
                if text:
                    parts.append(f'<blockquote class="source" lang="ja">{e(text)}</blockquote>')
        return "\n".join(parts)

    # -- class pages --
    def write_class_pages(self) -> None:
        members = defaultdict(list)
        for i in self.g.resources:
            for c in self.g.types.get(i, ()):
                members[c].append(i)
        rows = []
        for c in self.classes():
            path = self.class_pages[c]
            ja, en = self.g.label(c)
            items = "\n".join(
                f'<tr><td><a href="{e(rel(path, doc_path(self.g.local[i])))}"><code>'
                f"{e(self.g.local[i])}</code></a></td><td lang=\"ja\">{e(self.g.label(i)[0])}</td>"
                f'<td lang="en" class="en">{e(self.g.label(i)[1])}</td></tr>' for i in members[c])
            term = (f'<p>オントロジー / Ontology: <a href="{e(rel(path, "ontology.html"))}#'
                    f'{e(_localname(c))}">{e(self.g.curie(c))}</a></p>'
                    if c in self.vocab.terms else f'<p><a href="{e(c)}">{e(self.g.curie(c))}</a></p>')
            body = (f'<h1>{bilingual(ja, en) or e(self.g.curie(c))}</h1>\n<p>IRI: <code>{e(c)}</code></p>\n'
                    f"{term}\n<p>{len(members[c])} 件 / instances</p>\n"
                    '<table class="members"><thead><tr><th>id</th><th>ラベル</th><th>label</th></tr>'
                    f"</thead><tbody>\n{items}\n</tbody></table>")
            self.write(path, render_page(path=path, title=f"{ja or en or self.g.curie(c)} | ykg",
                                         body=body))
            rows.append(f'<tr><td><a href="{e(rel("class/index.html", path))}">'
                        f"{bilingual(ja, en) or e(self.g.curie(c))}</a></td>"
                        f'<td><code>{e(self.g.curie(c))}</code></td>'
                        f'<td class="num">{len(members[c])}</td></tr>')
        body = ("<h1>クラス一覧 <span class=\"en\" lang=\"en\">Classes</span></h1>\n"
                '<table><thead><tr><th>クラス / class</th><th>IRI</th><th class="num">件数 / instances'
                "</th></tr></thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>")
        self.write("class/index.html", render_page(path="class/index.html", title="クラス一覧 | ykg",
                                                   body=body))

    # -- dumps and the dataset description --
    def write_dumps(self) -> None:
        from graphbuild.build import jsonld_context, to_jsonld, to_ntriples as nt, to_trig, \
            to_turtle as ttl
        b = self.build
        gz = _gzip(nt(b))
        dumps = {"ykg.trig": to_trig(b), "ykg.ttl": ttl(b), "ykg.nt.gz": gz,
                 "ykg.jsonld": to_jsonld(b)}
        for name, data in dumps.items():
            self.write(f"dumps/{name}", data)
            self.dump_sizes[name] = len(data)
        self.dump_hashes = {n: hashlib.sha256(d).hexdigest() for n, d in dumps.items()}
        self.write("context.jsonld", json.dumps({"@context": jsonld_context(b.base)},
                                                ensure_ascii=False, sort_keys=True, indent=1) + "\n")

    DISTRIBUTIONS = (
        ("ykg.trig", "trig", "application/trig", None, ("TriG: every named graph", "TriG(名前付きグラフ付き)")),
        ("ykg.ttl", "turtle", "text/turtle", None, ("Turtle: the union graph", "Turtle(全グラフの和)")),
        ("ykg.nt.gz", "ntriples", "application/n-triples", "application/gzip",
         ("N-Triples, gzip: the union graph, sorted lines", "N-Triples(gzip圧縮、行を整列)")),
        ("ykg.jsonld", "jsonld", "application/ld+json", None,
         ("JSON-LD: every named graph", "JSON-LD(名前付きグラフ付き)")),
    )

    def description_triples(self) -> list[Triple]:
        """Return graphbuild's VoID/DCAT description plus the distributions of the dumps."""
        graph = NamedNode(f"{self.base}/graph/dataset")
        triples = {q.triple for q in self.build.quads if q.graph_name == graph}
        d = NamedNode(f"{self.base}/dataset/ykg")
        N = NamedNode
        add = triples.add
        integer = lambda n, dt="nonNegativeInteger": Literal(str(n), datatype=N(XSD + dt))  # noqa: E731
        catalog = N(f"{self.base}/catalog")
        add(Triple(catalog, N(RDF_TYPE), N(DCAT + "Catalog")))
        add(Triple(catalog, N(DCT + "title"), Literal("ykg データカタログ", language="ja")))
        add(Triple(catalog, N(DCT + "title"), Literal("ykg data catalogue", language="en")))
        add(Triple(catalog, N(DCAT + "dataset"), d))
        add(Triple(catalog, N(FOAF + "homepage"), N(f"{self.site_url}/index.html")))
        add(Triple(d, N(DCAT + "landingPage"), N(f"{self.site_url}/index.html")))
        root = f"{self.base}/id/plan/basic-policy"
        if root in self.g.local:
            add(Triple(d, N(VOID + "rootResource"), N(root)))
        add(Triple(d, N(VOID + "uriLookupEndpoint"), Literal(f"{self.base}/id/")))
        for fmt in ("Turtle", "N-Triples", "JSON-LD", "TriG"):
            add(Triple(d, N(VOID + "feature"), N(f"http://www.w3.org/ns/formats/{fmt.replace('-', '_')}")))
        for name, slug, media, compress, (title_en, title_ja) in self.DISTRIBUTIONS:
            dist = N(f"{self.base}/dataset/ykg/distribution/{slug}")
            url = N(f"{self.site_url}/dumps/{name}")
            add(Triple(d, N(DCAT + "distribution"), dist))
            add(Triple(d, N(VOID + "dataDump"), url))
            add(Triple(dist, N(RDF_TYPE), N(DCAT + "Distribution")))
            add(Triple(dist, N(DCT + "title"), Literal(title_en, language="en")))
            add(Triple(dist, N(DCT + "title"), Literal(title_ja, language="ja")))
            add(Triple(dist, N(DCAT + "downloadURL"), url))
            add(Triple(dist, N(DCAT + "accessURL"), url))
            add(Triple(dist, N(DCAT + "mediaType"), N(IANA + media)))
            if compress:
                add(Triple(dist, N(DCAT + "compressFormat"), N(IANA + compress)))
            add(Triple(dist, N(DCAT + "byteSize"), integer(self.dump_sizes[name])))
            add(Triple(dist, N(DCT + "license"), N(LICENSE)))
            checksum = N(f"{dist.value}/checksum")
            add(Triple(dist, N(SPDX + "checksum"), checksum))
            add(Triple(checksum, N(RDF_TYPE), N(SPDX + "Checksum")))
            add(Triple(checksum, N(SPDX + "algorithm"), N(SPDX + "checksumAlgorithm_sha256")))
            add(Triple(checksum, N(SPDX + "checksumValue"),
                       Literal(self.dump_hashes[name], datatype=N(XSD + "hexBinary"))))
            if slug == "jsonld":
                add(Triple(dist, N(RDFS + "seeAlso"), N(f"{self.site_url}/context.jsonld")))
        return sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))

    def write_dataset(self) -> None:
        triples = self.description_triples()
        prefixes = dict(self.g.prefixes)
        prefixes["spdx"] = SPDX
        prefixes = dict(sorted(prefixes.items()))
        used = {p: ns for p, ns in prefixes.items()
                if any(str(x).startswith("<" + ns) or (isinstance(x, Literal) and
                                                       x.datatype.value.startswith(ns))
                       for t in triples for x in (t.subject, t.predicate, t.object))}
        self.write("dataset.ttl", to_turtle(triples, used))
        self.write("dataset.nt", to_ntriples(triples))
        curie = lambda i: _curie(i, used)  # noqa: E731
        self.write("dataset.jsonld", json.dumps(to_jsonld_doc(triples, used, curie),
                                                ensure_ascii=False, sort_keys=True, indent=1) + "\n")
        self.write("dataset.html", self.render_dataset(triples))

    def render_dataset(self, triples: list[Triple]) -> str:
        path = "dataset.html"
        d = f"{self.base}/dataset/ykg"
        by_s = defaultdict(lambda: defaultdict(list))
        for t in triples:
            by_s[t.subject.value][t.predicate.value].append(t.object)

        def one(s, p, lang=None):
            vals = [o for o in by_s[s][p] if lang is None or getattr(o, "language", None) == lang]
            return vals[0].value if vals else ""

        body = [f'<h1>{bilingual(one(d, DCT + "title", "ja"), one(d, DCT + "title", "en"))}</h1>',
                f'<p lang="ja">{e(one(d, DCT + "description", "ja"))}</p>',
                f'<p lang="en" class="en">{e(one(d, DCT + "description", "en"))}</p>',
                f'<p>IRI: <code id="dataset">{e(d)}</code> ・ VoID + DCAT 3: '
                '<a href="dataset.ttl" type="text/turtle">Turtle</a> '
                '<a href="dataset.jsonld" type="application/ld+json">JSON-LD</a> '
                '<a href="dataset.nt" type="application/n-triples">N-Triples</a></p>',
                f'<p>ライセンス / License: <a href="{e(one(d, DCT + "license"))}" rel="license">'
                f'{e(one(d, DCT + "license"))}</a> ・ 版 / version {e(one(d, DCAT + "version"))}</p>']
        stats = [("triples", VOID + "triples"), ("entities", VOID + "entities"),
                 ("distinct subjects", VOID + "distinctSubjects"), ("classes", VOID + "classes"),
                 ("properties", VOID + "properties")]
        body.append('<h2 id="statistics">統計 / Statistics</h2><table><tbody>' + "".join(
            f'<tr><th>{e(name)}</th><td class="num">{e(one(d, p))}</td></tr>' for name, p in stats)
            + "</tbody></table>")
        rows = []
        for dist in sorted(o.value for o in by_s[d][DCAT + "distribution"]):
            url = one(dist, DCAT + "downloadURL")
            name = url.rsplit("/", 1)[-1]
            media = one(dist, DCAT + "mediaType").replace(IANA, "")
            comp = one(dist, DCAT + "compressFormat").replace(IANA, "")
            checksum = one(one(dist, SPDX + "checksum"), SPDX + "checksumValue")
            rows.append(f'<tr id="{e(self.anchor(dist))}"><td><a href="dumps/{e(name)}">{e(name)}</a></td>'
                        f'<td>{bilingual(one(dist, DCT + "title", "ja"), one(dist, DCT + "title", "en"))}</td>'
                        f"<td><code>{e(media)}</code>{' + ' + e(comp) if comp else ''}</td>"
                        f'<td class="num">{int(one(dist, DCAT + "byteSize")):,}</td>'
                        f"<td><code>{e(checksum[:16])}…</code></td></tr>")
        body.append('<h2 id="dumps">ダンプ / Dumps (distributions)</h2><table><thead><tr><th>file</th>'
                    '<th>内容 / contents</th><th>media type</th><th class="num">bytes</th>'
                    "<th>SHA-256</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
                    '<p>JSON-LD context: <a href="context.jsonld" type="application/ld+json">'
                    "context.jsonld</a>(ダンプにも同じ @context を埋め込み済み / the dumps embed the "
                    "same @context). The description files (dataset.*) are not listed as "
                    "distributions: a file cannot state its own size.</p>")
        rows = []
        for sub in sorted(o.value for o in by_s[d][VOID + "subset"]):
            name = sub.rsplit("/", 1)[-1]
            ja, en = GRAPH_LABELS.get(name, (name, name))
            rows.append(f'<tr id="graph-{e(name)}"><td><code>{e(sub)}</code></td><td>{e(ja)}</td>'
                        f'<td class="num">{e(one(sub, VOID + "triples"))}</td></tr>')
        body.append('<h2 id="graphs">名前付きグラフ / Named graphs</h2><table><thead><tr><th>graph</th>'
                    '<th></th><th class="num">triples</th></tr></thead><tbody>' + "".join(rows)
                    + "</tbody></table>")
        rows = []
        for part in sorted(o.value for o in by_s[d][VOID + "classPartition"]):
            cls = one(part, VOID + "class")
            rows.append(f'<tr id="{e(self.anchor(part))}"><td>{self.link(path, cls)}</td>'
                        f'<td class="num">{e(one(part, VOID + "entities"))}</td></tr>')
        body.append('<h2 id="classes">クラス別 / Class partitions</h2><table><thead><tr><th>class</th>'
                    '<th class="num">entities</th></tr></thead><tbody>' + "".join(rows)
                    + "</tbody></table>")
        rows = []
        for part in sorted(o.value for o in by_s[d][VOID + "propertyPartition"]):
            prop = one(part, VOID + "property")
            rows.append(f'<tr id="{e(self.anchor(part))}"><td>{self.term_link(path, prop)}</td>'
                        f'<td class="num">{e(one(part, VOID + "triples"))}</td></tr>')
        body.append('<h2 id="properties">属性別 / Property partitions</h2><table><thead><tr>'
                    '<th>property</th><th class="num">triples</th></tr></thead><tbody>'
                    + "".join(rows) + "</tbody></table>")
        examples = sorted(o.value for o in by_s[d][VOID + "exampleResource"])
        body.append('<h2 id="examples">例 / Example resources</h2><ul>' + "".join(
            f"<li>{self.link(path, x)}</li>" for x in examples) + "</ul>")
        return render_page(path=path, title="データセット / Dataset | ykg", body="\n".join(body))

    # -- ontology --
    def write_ontology(self) -> None:
        v = self.vocab
        triples = v.triples
        prefixes = {p: ns for p, ns in self.g.prefixes.items()
                    if p in ("ykg", "rdf", "rdfs", "owl", "xsd", "skos", "org", "prov", "dcterms",
                             "dcat", "schema", "foaf")}
        self.write("ontology.ttl", v.path.read_bytes())
        self.write("ontology.nt", to_ntriples(triples))
        self.write("ontology.jsonld", json.dumps(to_jsonld_doc(triples, prefixes,
                                                               lambda i: _curie(i, prefixes)),
                                                 ensure_ascii=False, sort_keys=True, indent=1) + "\n")
        self.write("ontology.html", self.render_ontology())

    def render_ontology(self) -> str:
        path = "ontology.html"
        v = self.vocab
        meta = defaultdict(list)
        for t in v.meta:
            meta[t.predicate.value].append(t.object)
        title_ja = next((o.value for o in meta[DCT + "title"] if o.language == "ja"), "")
        title_en = next((o.value for o in meta[DCT + "title"] if o.language == "en"), "")
        body = [f"<h1>{bilingual(title_ja, title_en)}</h1>",
                f"<p>IRI: <code>{e(v.ontology_iri)}</code> ・ namespace <code>{e(YKG)}</code> ・ "
                '<a href="ontology.ttl" type="text/turtle">Turtle</a> '
                '<a href="ontology.jsonld" type="application/ld+json">JSON-LD</a> '
                '<a href="ontology.nt" type="application/n-triples">N-Triples</a></p>']
        for p in (DCT + "description",):
            for o in sorted(meta[p], key=lambda o: o.language != "ja"):
                body.append(f'<p lang="{e(o.language)}">{e(o.value)}</p>')
        for p, name in ((OWL + "versionInfo", "version"), (DCT + "license", "license")):
            for o in meta[p]:
                body.append(f"<p>{name}: {self.value(path, o)}</p>")
        counts = defaultdict(int)
        for i in self.g.resources:
            for c in self.g.types.get(i, ()):
                counts[c] += 1
        prop_counts = defaultdict(int)
        for t in self.g.triples:
            prop_counts[t.predicate.value] += 1
        groups = (("classes", "クラス / Classes", ("class",)),
                  ("properties", "属性 / Properties",
                   ("object property", "datatype property", "annotation property")))
        for anchor, heading, kinds in groups:
            terms = sorted((t for t in v.terms.values() if t.kind in kinds and t.iri.startswith(YKG)),
                           key=lambda t: _localname(t.iri).lower())
            body.append(f'<h2 id="{anchor}">{heading} ({len(terms)})</h2>')
            body.append('<p class="cols">' + " ・ ".join(
                f'<a href="#{e(_localname(t.iri))}">{e(_localname(t.iri))}</a>' for t in terms) + "</p>")
            for t in terms:
                body.append(self.render_term(t, path, counts, prop_counts))
        return render_page(path=path, title="オントロジー / Ontology | ykg", body="\n".join(body))

    def render_term(self, t: Term, path: str, counts, prop_counts) -> str:
        name = _localname(t.iri)
        rows = [f"<tr><th>IRI</th><td><code>{e(t.iri)}</code></td></tr>",
                f"<tr><th>種類 / kind</th><td>{e(t.kind)}</td></tr>"]
        for lang, text in sorted(t.comments, key=lambda c: c[0] != "ja"):
            rows.append(f'<tr><th>説明 / comment</th><td lang="{e(lang)}">{e(text)}</td></tr>')
        names = {RDFS + "subClassOf": "subClassOf", RDFS + "subPropertyOf": "subPropertyOf",
                 RDFS + "domain": "domain", RDFS + "range": "range", OWL + "inverseOf": "inverseOf",
                 OWL + "equivalentClass": "equivalentClass", SKOS + "closeMatch": "closeMatch",
                 SKOS + "exactMatch": "exactMatch", SKOS + "broadMatch": "broadMatch",
                 SKOS + "relatedMatch": "relatedMatch", OWL + "equivalentProperty": "equivalentProperty"}
        for p, o in sorted(t.axioms, key=lambda a: (names.get(a[0], a[0]), a[1])):
            rows.append(f"<tr><th>{e(names.get(p, self.g.curie(p)))}</th>"
                        f"<td>{self.term_link(path, o)}</td></tr>")
        if t.kind == "class":
            n = counts.get(t.iri, 0)
            use = (f'<a href="{e(self.class_pages[t.iri])}">{n} 件 / instances</a>'
                   if t.iri in self.class_pages else "0")
            rows.append(f"<tr><th>このデータ / in this dataset</th><td>{use}</td></tr>")
        else:
            rows.append(f"<tr><th>このデータ / in this dataset</th><td>{prop_counts.get(t.iri, 0)} "
                        "triples</td></tr>")
        return (f'<section class="term" id="{e(name)}"><h3>{e(name)} '
                f"{bilingual(t.label_ja, t.label_en)}</h3><table><tbody>" + "".join(rows)
                + "</tbody></table></section>")

    # -- queries --
    def write_queries(self) -> None:
        queries = load_query_catalogue(self.queries_dir)
        path = "queries.html"
        body = ["<h1>クエリ集 <span class=\"en\" lang=\"en\">Query catalogue</span></h1>",
                f"<p>{len(queries)} 件の名前付きクエリ / named queries. 実行 / run: "
                "<code>ykg query run ID</code>; <code>ykg serve</code> の SPARQL エンドポイント "
                "<code>/sparql</code> にも送れます / or send them to the endpoint of "
                "<code>ykg serve</code>.</p>"]
        if queries:
            body.append("<ul>" + "".join(
                f'<li><a href="#{e(q.id)}">{e(q.id)}</a>: {bilingual(q.summary_ja, q.summary_en)}</li>'
                for q in queries) + "</ul>")
        for q in queries:
            self.write(f"queries/{q.id}.rq", Path(q.path).read_bytes())
            rows = [f"<tr><th>説明 / description</th><td>{bilingual(q.description_ja, q.description_en, 'p')}"
                    "</td></tr>"]
            if q.params:
                rows.append("<tr><th>パラメータ / parameters</th><td><dl>" + "".join(
                    f"<dt><code>{e(p.name)}</code> ({e(p.type)})</dt><dd>{e(p.description)}</dd>"
                    for p in q.params) + "</dl></td></tr>")
            if q.example:
                rows.append("<tr><th>例 / example</th><td>" + ", ".join(
                    f"<code>{e(k)}={e(v)}</code>" for k, v in q.example) + "</td></tr>")
            rows.append("<tr><th>列 / columns</th><td>" + ", ".join(
                f"<code>{e(c.name)}</code> ({e(c.type)})" for c in q.columns) + "</td></tr>")
            body.append(f'<section class="query" id="{e(q.id)}"><h2>{e(q.id)}</h2>'
                        f"<p>{bilingual(q.summary_ja, q.summary_en)}</p>"
                        f'<table><tbody>{"".join(rows)}</tbody></table>'
                        f'<pre><code class="sparql">{e(q.text)}</code></pre>'
                        f'<p><a href="queries/{e(q.id)}.rq" type="application/sparql-query">'
                        f"{e(q.id)}.rq</a></p></section>")
        self.write(path, render_page(path=path, title="クエリ集 / Queries | ykg", body="\n".join(body)))

    # -- home --
    def search_index(self) -> list[dict]:
        entries = []
        for iri in self.g.resources:
            key = self._first(iri, YKG + "searchKey")
            if not isinstance(key, Literal):
                continue
            ja, en = self.g.label(iri)
            cls = self.g.primary_class(iri)
            cls_ja, cls_en = self.g.label(cls) if cls else ("", "")
            entries.append({"iri": iri, "label_ja": ja, "label_en": en,
                            "class": cls_ja or cls_en or (self.g.curie(cls) if cls else ""),
                            "key": key.value, "url": doc_path(self.g.local[iri]),
                            "w": 1 if cls in RECORD_CLASSES else 0})
        return entries

    def write_home(self) -> None:
        index = self.search_index()
        self.write("search-index.js", "// Search index of the ykg site: one entry per resource.\n"
                   f"window.YKG_INDEX = {script_json(index)};\n")
        d = f"{self.base}/dataset/ykg"
        desc = {(t.predicate.value, getattr(t.object, "language", None)): t.object.value
                for t in self.g.out.get(d, ()) if isinstance(t.object, Literal)}
        path = "index.html"
        body = [f"<h1>{bilingual(desc.get((DCT + 'title', 'ja'), 'ykg'), desc.get((DCT + 'title', 'en'), ''))}</h1>",
                f'<p lang="ja">{e(desc.get((DCT + "description", "ja"), ""))}</p>',
                f'<p lang="en" class="en">{e(desc.get((DCT + "description", "en"), ""))}</p>',
                '<form id="search" role="search" action="index.html" method="get">'
                '<input id="q" name="q" type="search" autocomplete="off" '
                'placeholder="検索(ひらがな・カタカナ・漢字・英語)/ search" aria-label="検索 / search">'
                '<button type="submit">検索</button></form>'
                '<p id="search-status" aria-live="polite"></p><ol id="search-results"></ol>'
                "<noscript><p>検索には JavaScript が必要です。<a href=\"class/index.html\">クラス一覧</a>"
                "から辿ることもできます。 / Search needs JavaScript; browse the classes instead.</p></noscript>"]
        body.append(self.render_hierarchy(path))
        body.append('<h2 id="more">その他 / More</h2><ul>'
                    '<li><a href="class/index.html">クラス一覧 / all classes</a></li>'
                    '<li><a href="ontology.html">オントロジー / ontology</a></li>'
                    '<li><a href="queries.html">クエリ集 / query catalogue</a></li>'
                    '<li><a href="dataset.html">データセットの説明・ダンプ / dataset description and dumps</a></li>'
                    "</ul>")
        self.write(path, render_page(path=path, title="やまぐちデジタル改革基本方針 ナレッジグラフ | ykg",
                                     body="\n".join(body), scripts=("search-index.js", "assets/search.js")))

    def _ordered(self, rows: list[dict], key: str) -> list[dict]:
        def k(r):
            n = r.get("n")
            return (0 if n is not None else 1, float(n) if n is not None else 0, r[key])
        return sorted(rows, key=k)

    def render_hierarchy(self, path: str) -> str:
        out = []
        link = lambda i: self.link(path, i)  # noqa: E731
        # Vision -> pillars -> initiatives (and the programs that carry them out).
        visions = self.select("SELECT ?v WHERE { ?v a ykg:Vision } ORDER BY ?v")
        pillars = self._ordered(self.select(
            "SELECT ?p ?n WHERE { ?p a ykg:Pillar . OPTIONAL { ?p ykg:number ?n } }"), "p")
        inits = self.select("SELECT ?i ?p ?parent ?o WHERE { ?i a ykg:Initiative ; ykg:pillar ?p . "
                            "OPTIONAL { ?i ykg:parentInitiative ?parent } OPTIONAL { ?i ykg:order ?o } }")
        carried = defaultdict(list)
        for r in self.select("SELECT ?i ?prog WHERE { ?i ykg:carriedOutBy ?prog } ORDER BY ?i ?prog"):
            carried[r["i"]].append(r["prog"])
        out.append('<h2 id="vision">ビジョンと施策の柱 / Vision and pillars</h2>')
        for v in visions:
            out.append(f"<p>ビジョン / Vision: {link(v['v'])}</p>")
        out.append('<ul class="tree">')
        for p in pillars:
            kids = self._ordered([dict(r, n=r["o"]) for r in inits if r["p"] == p["p"] and not r["parent"]], "i")
            out.append(f"<li><details><summary>{link(p['p'])} ({len(kids)})</summary><ul class=\"tree\">")
            for i in kids:
                subs = self._ordered([dict(r, n=r["o"]) for r in inits if r["parent"] == i["i"]], "i")
                progs = "".join(f"<li>→ {link(x)}</li>" for x in carried.get(i["i"], ()))
                subs_html = "".join(f"<li>{link(s['i'])}</li>" for s in subs)
                inner = f'<ul class="tree">{subs_html}{progs}</ul>' if (subs_html or progs) else ""
                out.append(f"<li>{link(i['i'])}{inner}</li>")
            out.append("</ul></details></li>")
        out.append("</ul>")
        # Future areas -> policy areas -> goals -> programs.
        areas = self._ordered(self.select(
            "SELECT ?a ?n WHERE { ?a a ykg:FutureArea . OPTIONAL { ?a ykg:number ?n } }"), "a")
        pas = self.select("SELECT ?pa ?a ?o WHERE { ?pa a ykg:PolicyArea ; ykg:inArea ?a . "
                          "OPTIONAL { ?pa ykg:order ?o } }")
        goals = self.select("SELECT ?g ?pa ?o WHERE { ?g a ykg:Goal ; ykg:policyArea ?pa . "
                            "OPTIONAL { ?g ykg:order ?o } }")
        serves = defaultdict(list)
        for r in self.select("SELECT DISTINCT ?g ?p WHERE { ?p ykg:servesGoal ?g } ORDER BY ?g ?p"):
            serves[r["g"]].append(r["p"])
        out.append('<h2 id="areas">将来像の分野・目標・事業 / Areas, goals and programs</h2><ul class="tree">')
        for a in areas:
            mine = self._ordered([dict(r, n=r["o"]) for r in pas if r["a"] == a["a"]], "pa")
            out.append(f"<li><details><summary>{link(a['a'])} ({len(mine)})</summary><ul class=\"tree\">")
            for pa in mine:
                gs = self._ordered([dict(r, n=r["o"]) for r in goals if r["pa"] == pa["pa"]], "g")
                out.append(f"<li>{link(pa['pa'])}<ul class=\"tree\">")
                for g_ in gs:
                    progs = serves.get(g_["g"], ())
                    plist = "".join(f"<li>{link(x)}</li>" for x in progs)
                    out.append(f"<li><details><summary>{link(g_['g'])} ({len(progs)})</summary>"
                               f'<ul class="tree">{plist}</ul></details></li>')
                out.append("</ul></li>")
            out.append("</ul></details></li>")
        out.append("</ul>")
        # The ten Sakigake projects -> component programs.
        projects = self._ordered(self.select(
            "SELECT ?s ?n WHERE { ?s a ykg:SakigakeProject . OPTIONAL { ?s ykg:number ?n } }"), "s")
        comps = defaultdict(list)
        for r in self.select("SELECT ?s ?p WHERE { ?s ykg:hasComponentProgram ?p } ORDER BY ?s ?p"):
            comps[r["s"]].append(r["p"])
        out.append(f'<h2 id="sakigake">デジタル・魁プロジェクト / Digital Sakigake projects ({len(projects)})</h2>'
                   '<ol class="tree">')
        for s in projects:
            plist = "".join(f"<li>{link(x)}</li>" for x in comps.get(s["s"], ()))
            out.append(f"<li><details><summary>{link(s['s'])} ({len(comps.get(s['s'], ()))})</summary>"
                       f'<ul class="tree">{plist}</ul></details></li>')
        out.append("</ol>")
        # Departments -> their programs.
        depts = self.select("SELECT ?d WHERE { ?d a ykg:Department } ORDER BY ?d")
        owned = defaultdict(list)
        for r in self.select("SELECT ?d ?p WHERE { ?p a ykg:Program ; ykg:responsibleOrganization ?d } "
                             "ORDER BY ?d ?p"):
            owned[r["d"]].append(r["p"])
        out.append(f'<h2 id="departments">部局 / Departments ({len(depts)})</h2><ul class="tree">')
        for dpt in depts:
            plist = "".join(f"<li>{link(x)}</li>" for x in owned.get(dpt["d"], ()))
            out.append(f"<li><details><summary>{link(dpt['d'])} ({len(owned.get(dpt['d'], ()))})"
                       f'</summary><ul class="tree">{plist}</ul></details></li>')
        out.append("</ul>")
        return "\n".join(out)

    # -- hosting recipes, sitemap --
    def write_hosting(self) -> None:
        base_path = urlsplit(self.base).path.rstrip("/") or ""
        self.write(".htaccess", apache_rules(base_path))
        self.write("hosting/apache.htaccess", apache_rules(base_path))
        self.write("hosting/nginx.conf", nginx_rules(base_path))
        if self.site_url != self.base:
            self.write("hosting/w3id.htaccess", w3id_rules(self.base, self.site_url))
        self.write("hosting/README.md", HOSTING_README.format(base=self.base, site_url=self.site_url))

    def write_sitemap(self) -> None:
        pages = sorted(set(self.pages))
        urls = "".join(f"  <url><loc>{html.escape(self.site_url + '/' + p, quote=False)}</loc></url>\n"
                       for p in pages)
        self.write("sitemap.xml", '<?xml version="1.0" encoding="UTF-8"?>\n'
                   '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + "</urlset>\n")
        self.write("robots.txt", f"User-agent: *\nAllow: /\nSitemap: {self.site_url}/sitemap.xml\n")


def _curie(iri: str, prefixes: dict[str, str]) -> str:
    best = None
    for prefix, ns in prefixes.items():
        if iri.startswith(ns) and len(iri) > len(ns) and (best is None or len(ns) > len(best[1])):
            best = (prefix, ns)
    return f"{best[0]}:{iri[len(best[1]):]}" if best else iri


def _gzip(data: bytes) -> bytes:
    """Compress deterministically: no file name, no time stamp."""
    import io
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(data)
    return buf.getvalue()


# -- query catalogue ------------------------------------------------------------------------------

def load_query_catalogue(queries_dir: Path) -> list:
    """Return the named queries of queries_dir (ykg.queries.NamedQuery), sorted by id."""
    from ykg.queries import load_catalogue
    return list(load_catalogue(Path(queries_dir)).values())


# -- hosting recipes ------------------------------------------------------------------------------

def _accept_regex(key: str) -> str:
    return "|".join(re.escape(t) for t in ACCEPT_ALIASES[key])


def apache_rules(base_path: str = "") -> str:
    """Return .htaccess rules doing the content negotiation of `ykg serve` (w3id style)."""
    rules = []
    for key in RECIPE_ORDER:
        ext = REPRESENTATIONS[key][0]
        cond = _accept_regex(key)
        rules.append(f"RewriteCond %{{HTTP_ACCEPT}} ({cond}) [NC]\n"
                     f"RewriteRule ^id/(.+)$ doc/$1{ext} [R=303,L]")
    rules.append("RewriteRule ^id/(.+)$ doc/$1.html [R=303,L]")
    for key in RECIPE_ORDER:
        ext = REPRESENTATIONS[key][0]
        cond = _accept_regex(key)
        rules.append(f"RewriteCond %{{HTTP_ACCEPT}} ({cond}) [NC]\n"
                     f"RewriteRule ^(dataset/ykg(/.*)?|graph/[^/]+|\\.well-known/void)$ dataset{ext} [R=303,L]")
        rules.append(f"RewriteCond %{{HTTP_ACCEPT}} ({cond}) [NC]\n"
                     f"RewriteRule ^def$ ontology{ext} [R=303,L]")
    rules.append("RewriteRule ^(dataset/ykg(/.*)?|graph/[^/]+|\\.well-known/void)$ dataset.html [R=303,L]")
    rules.append("RewriteRule ^def$ ontology.html [R=303,L]")
    return f"""# Content negotiation for the ykg linked-data site (written by `ykg publish`; the same
# choices as `ykg serve`). Put this file in the folder served at the base IRI's path.
# {{base}}/id/{{local}} names a thing (a program, a department, a person), not a web page, so it
# answers 303 See Other to the document that describes it, chosen by the Accept header:
#   text/turtle, application/x-turtle        -> doc/{{local}}.ttl
#   application/ld+json, application/json    -> doc/{{local}}.jsonld
#   application/n-triples, text/plain        -> doc/{{local}}.nt
#   anything else (browsers)                 -> doc/{{local}}.html
# These rules test the types in this order and ignore q-values; `ykg serve` weighs q-values.
Options -MultiViews -Indexes
DirectoryIndex index.html
AddType text/html .html
AddType text/turtle .ttl
AddType application/ld+json .jsonld
AddType application/n-triples .nt
AddType application/trig .trig
AddType application/sparql-query .rq
AddType application/gzip .gz
AddCharset utf-8 .html .ttl .nt .jsonld .trig .rq .js .css .xml .json
<IfModule mod_headers.c>
  Header always set X-Content-Type-Options "nosniff"
  <If "%{{REQUEST_URI}} =~ m#/(id/|def$|dataset/ykg|graph/|\\.well-known/void)#">
    Header always set Vary "Accept"
  </If>
</IfModule>
RewriteEngine on
# RewriteBase: the path of the base IRI on its host, where this folder is served.
RewriteBase {base_path}/
""" + "\n".join(rules) + "\n"


def nginx_rules(base_path: str = "") -> str:
    """Return an nginx configuration doing the content negotiation of `ykg serve`."""
    maps = "\n".join(f'    "~*({_accept_regex(key)})"  {REPRESENTATIONS[key][0]};'
                     for key in RECIPE_ORDER)
    p = base_path
    return f"""# nginx: content negotiation for the ykg linked-data site (written by `ykg publish`; the
# same choices as `ykg serve`: 303 See Other from each resource IRI to the document describing it).
# The `map` goes in the http {{}} block, the `server` block next to your other sites.
# nginx tests the regular expressions in order and ignores q-values; `ykg serve` weighs them.

map $http_accept $ykg_ext {{
    default  .html;
{maps}
}}

server {{
    listen 80;
    server_name example.org;          # the host of the base IRI
    root /srv/www;                    # the folder written by `ykg publish` is /srv/www{p}/
    charset utf-8;
    charset_types text/html text/css text/javascript application/json text/turtle
                  application/n-triples application/ld+json application/trig application/xml;
    types {{
        text/html html; text/css css; text/javascript js; application/json json;
        application/xml xml; text/plain txt md conf; text/turtle ttl;
        application/n-triples nt; application/ld+json jsonld; application/trig trig;
        application/gzip gz; application/sparql-query rq;
    }}
    add_header X-Content-Type-Options nosniff always;

    location ~ ^{p}/id/(.+)$ {{
        add_header Vary Accept always;
        return 303 {p}/doc/$1$ykg_ext;
    }}
    location ~ ^{p}/(dataset/ykg(/.*)?|graph/[^/]+|\\.well-known/void)$ {{
        add_header Vary Accept always;
        return 303 {p}/dataset$ykg_ext;
    }}
    location = {p}/def {{
        add_header Vary Accept always;
        return 303 {p}/ontology$ykg_ext;
    }}
    location {p}/ {{
        index index.html;
        try_files $uri $uri/ =404;
    }}
}}
"""


def w3id_rules(base: str, site_url: str) -> str:
    """Return the .htaccess for the w3id.org folder of the base IRI, forwarding to the site host."""
    lines = []
    for key in RECIPE_ORDER:
        ext = REPRESENTATIONS[key][0]
        lines.append(f"RewriteCond %{{HTTP_ACCEPT}} ({_accept_regex(key)}) [NC]\n"
                     f"RewriteRule ^id/(.+)$ {site_url}/doc/$1{ext} [R=303,L]")
    lines.append(f"RewriteRule ^id/(.+)$ {site_url}/doc/$1.html [R=303,L]")
    lines.append(f"RewriteRule ^(.*)$ {site_url}/$1 [R=302,L]")
    return (f"# w3id.org .htaccess for {base} (written by `ykg publish`): the same negotiation, "
            f"forwarding to {site_url}.\nOptions +FollowSymLinks\nRewriteEngine on\n"
            + "\n".join(lines) + "\n")


HOSTING_README = """# Hosting the ykg site

The folder is a static site: copy it to any web server, or open `index.html` from disk.
Resource IRIs (`{base}/id/...`) need content negotiation to resolve: `ykg serve` does it
locally, and these recipes do the same on a public server.

- `../.htaccess` (= `apache.htaccess`): Apache with mod_rewrite and mod_headers, serving this
  folder at the path of the base IRI (`{base}`).
- `nginx.conf`: the same rules for nginx (`map` in `http {{}}`, then the `server` block).
- `w3id.htaccess` (only when `--site-url` differs from the base): for a pull request to
  perma-id/w3id.org, forwarding `{base}` to `{site_url}`.

Why 303: an IRI under `/id/` names a program, a department or a person, not a web page. Answering
`303 See Other` to `/doc/....html|.ttl|.jsonld|.nt` keeps the thing and the document about it
apart (W3C "Cool URIs for the Semantic Web", httpRange-14), gives each representation its own URL
that caches and links can use, and needs only rewrite rules on a static host. The cost is one extra
round trip. Redirects carry `Vary: Accept`.

The SPARQL endpoint exists only under `ykg serve` (`/sparql`); a static host has none.
"""


# -- link checking --------------------------------------------------------------------------------

_ATTR = re.compile(r"""\s(href|src|id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)


def _page_links(text: str) -> tuple[list[str], set[str]]:
    """Return the href/src values and the ids of an HTML page (attributes quoted, as we write them)."""
    links, ids = [], set()
    for m in _ATTR.finditer(text):
        value = html.unescape(m.group(2) if m.group(2) is not None else m.group(3))
        if m.group(1).lower() in ("id", "name"):
            ids.add(value)
        else:
            links.append(value)
    return links, ids


def check_links(site: Path) -> list[str]:
    """Return every internal link (href/src) of the site's pages whose file or #anchor is missing."""
    site = Path(site)
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    parsed: dict[str, tuple[list[str], set[str]]] = {}

    def parse(path: str):
        if path not in parsed:
            parsed[path] = _page_links((site / path).read_text(encoding="utf-8"))
        return parsed[path]

    broken = []
    for page in sorted(f for f in files if f.endswith(".html")):
        for link in parse(page)[0]:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("//"):
                continue  # links to other hosts are not followed
            if parts.path.startswith("/"):
                broken.append(f"{page}: {link} (absolute path: breaks from disk)")
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page),
                                                       unquote(parts.path))) if parts.path else page
            if target == ".." or target.startswith("../"):
                broken.append(f"{page}: {link} (outside the site)")
                continue
            if target not in files and f"{target}/index.html" in files:
                target = f"{target}/index.html"
            if target not in files:
                broken.append(f"{page}: {link}")
                continue
            if parts.fragment and target.endswith(".html"):
                if unquote(parts.fragment) not in parse(target)[1]:
                    broken.append(f"{page}: {link} (no #{parts.fragment})")
    return broken
