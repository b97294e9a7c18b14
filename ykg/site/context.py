"""The state every page generator shares: the graph, the output folder, links and labels.

Generators get one SiteContext; it writes files, renders pages through the templates of
ykg/templates/site/, and turns IRIs and terms into the link and value records the macros show.
"""
from __future__ import annotations

import os
import posixpath
import stat
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from ykg.foundation.constants import DOCUMENT, LICENSE, NAMED_GRAPHS, XSD, YKG
from ykg.foundation.rdf import local_name
from ykg.foundation.sparql import prefix_block, select_dicts
from ykg.foundation.templating import environment, render

from .graph import Graph
from .linkcheck import page_links
from .negotiation import CSP, NEGOTIATED_KEYS, REPRESENTATIONS
from .paths import dataset_anchor, doc_path, rel, root_of, slug
from .vocabulary import Vocabulary

FORMAT_LABELS = {"ttl": "Turtle", "jsonld": "JSON-LD", "nt": "N-Triples", "rdfxml": "RDF/XML"}
GRAPH_ORDER = {g.name: i for i, g in enumerate(NAMED_GRAPHS)}
GRAPH_NAMES = {g.name: (g.ja, g.en) for g in NAMED_GRAPHS}
# Fragments of HTML kept per process: most links of a page recur on its neighbours' pages.
FRAGMENTS = 1 << 16


@dataclass(frozen=True)
class Link:
    """A link to an IRI: its text, the English label beside it, its CURIE when it leaves the site."""

    href: str
    text: str
    en: str = ""
    code: str = ""


@dataclass(frozen=True)
class TermLink:
    """A link to a vocabulary term showing its labels and its CURIE."""

    href: str
    ja: str
    en: str
    curie: str


@dataclass(frozen=True)
class LiteralValue:
    """A literal as shown: its text, its language and a tag (language or datatype CURIE)."""

    text: str
    lang: str
    tag: str


@dataclass(frozen=True)
class GraphTag:
    """The named graph (other than the document graph) a statement comes from."""

    ja: str
    en: str


def keep_unchanged(old: str, target: str, data: bytes) -> bool:
    """Hard-link old to target when it holds exactly data; False when it does not (or cannot)."""
    try:
        st = os.lstat(old)
        if not stat.S_ISREG(st.st_mode) or st.st_size != len(data):
            return False
        with open(old, "rb") as f:
            if f.read() != data:
                return False
        os.link(old, target)
    except OSError:
        return False
    return True


def write_new(target: str, data: bytes) -> None:
    """Write data into a new file at target; a file or link already there is replaced, not written."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
    try:
        fd = os.open(target, flags, 0o666)
    except FileExistsError:
        os.unlink(target)
        fd = os.open(target, flags, 0o666)
    with open(fd, "wb") as f:
        f.write(data)


def rdf_links(stem: str) -> list[tuple[str, str, str]]:
    """Return (file, media type, name) of the RDF files written next to a page."""
    return [(stem + REPRESENTATIONS[k][0], REPRESENTATIONS[k][1], FORMAT_LABELS[k])
            for k in NEGOTIATED_KEYS]


class SiteContext:
    """Render and write the files of one site into one folder."""

    def __init__(self, build, out: Path, vocab: Vocabulary, site_url: str | None,
                 previous: Path | None = None):
        self.build = build
        self.out = Path(out)
        # The site being replaced: a file whose bytes did not change is hard-linked from it
        # instead of written again, so a re-publish rewrites only what changed.
        self.previous = previous
        self.kept = 0
        self.written = 0
        self.parsed: dict[str, tuple[list[str], set[str]]] = {}
        self.vocab = vocab
        self.graph = Graph(build, vocab)
        self.base = build.base
        self.site_url = (site_url or build.base).rstrip("/")
        self.pages: list[str] = []
        self.folders: set[str] = set()
        self.cache = None  # the re-publish cache (cache.PublishCache), set by publish_site
        self._macros = environment().get_template("site/macros.html").module
        self.fragment = lru_cache(maxsize=FRAGMENTS)(self._fragment)
        self._link_html = lru_cache(maxsize=FRAGMENTS)(self._make_link_html)
        self._term_html = lru_cache(maxsize=FRAGMENTS)(self._make_term_html)
        self._tags_html = lru_cache(maxsize=FRAGMENTS)(self._make_tags_html)
        self.class_pages = {c: f"class/{self.class_slug(c)}.html" for c in self.graph.classes()}
        self._store = None

    # -- files --
    def write(self, path: str, data: bytes | str) -> None:
        """Write one file of the site (a site path) and remember the HTML pages."""
        target = f"{self.out}/{path}"
        self.ensure_folder(target.rpartition("/")[0])
        if path.endswith(".html"):
            self.add_page(path, data if isinstance(data, str) else data.decode("utf-8"))
        data = data.encode("utf-8") if isinstance(data, str) else data
        if self.previous is not None and keep_unchanged(f"{self.previous}/{path}", target, data):
            self.kept += 1
            return
        # Never write through a link: the old site's file would change with it.
        write_new(target, data)
        self.written += 1

    def add_page(self, path: str, text: str) -> None:
        """Remember an HTML page of the site for the sitemap, with its links for the link check."""
        self.pages.append(path)
        # Parsed now, while the text is at hand, not read back from the staging folder later.
        self.parsed[path] = page_links(text)

    def ensure_folder(self, folder: str) -> None:
        """Create a folder of the site (and its parents) unless this process already did."""
        if folder not in self.folders:
            os.makedirs(folder, exist_ok=True)
            self.folders.add(folder)

    def page_context(self, path: str, template: str, *, title: str, **context) -> dict:
        """Return everything the template of one page gets (what its bytes are made from)."""
        return dict(context, path=path, root=root_of(path), csp=CSP, site_license=LICENSE,
                    title=title)

    def write_page(self, path: str, template: str, *, title: str, **context) -> None:
        """Render one HTML page of the site from its template and write it."""
        self.write(path, render(f"site/{template}",
                                **self.page_context(path, template, title=title, **context)))

    def _fragment(self, macro: str, record):
        return getattr(self._macros, macro)(record)

    def link_html(self, folder: str, iri: str, *, with_en: bool = True):
        """Return the HTML of the link macro for iri on a page of folder (made once per folder)."""
        return self._link_html(folder, iri, with_en)

    def _make_link_html(self, folder: str, iri: str, with_en: bool):
        return self.fragment("link", self.link(posixpath.join(folder, "_"), iri, with_en=with_en))

    def term_html(self, folder: str, iri: str):
        """Return the HTML of the term macro for a vocabulary term on a page of folder."""
        return self._term_html(folder, iri)

    def _make_term_html(self, folder: str, iri: str):
        return self.fragment("term", self.term(posixpath.join(folder, "_"), iri))

    def value_html(self, folder: str, term):
        """Return the HTML of the value macro for an IRI on a page of folder, or a literal's record."""
        if isinstance(term, ox.NamedNode):
            return self._link_html(folder, term.value, True)
        return self.value(folder, term)  # a literal: rendered by the template, only if needed

    def tags_html(self, t: ox.Triple):
        """Return the HTML of the tags macro: the named graphs a statement comes from."""
        return self._tags_html(self.graph.graphs_of.get(t, frozenset()))

    def _make_tags_html(self, names: frozenset[str]):
        return self.fragment("tags", tuple(self.names_tags(names)))

    def select(self, query: str) -> list[dict]:
        """Run a SELECT over the union graph (the build's prefixes declared); rows of plain values."""
        return select_dicts(self.store, prefix_block(self.graph.prefixes) + query,
                            use_default_graph_as_union=True)

    @property
    def store(self) -> ox.Store:
        """The build in an Oxigraph store, loaded once for every generator that queries it."""
        if self._store is None:
            self._store = ox.Store()
            self._store.bulk_extend(self.build.quads)
        return self._store

    # -- links --
    def class_slug(self, iri: str) -> str:
        """Return the file name (without .html) of a class page."""
        return slug(self.graph.curie(iri).replace(":", "-"))

    def href(self, from_path: str, iri: str) -> str | None:
        """Return the relative link to the page describing iri, if the site has one."""
        local = self.graph.local.get(iri)
        if local is not None:
            return rel(from_path, doc_path(local))
        if iri in self.class_pages:
            return rel(from_path, self.class_pages[iri])
        if iri.startswith(YKG) and iri in self.vocab.terms:
            return rel(from_path, "ontology.html") + "#" + local_name(iri)
        if iri == self.vocab.ontology_iri:
            return rel(from_path, "ontology.html")
        if iri == f"{self.base}/catalog":
            return rel(from_path, "dataset.html") + "#catalog"
        if iri == f"{self.base}/dataset/ykg" or iri.startswith(f"{self.base}/dataset/ykg/"):
            return rel(from_path, "dataset.html") + "#" + dataset_anchor(self.base, iri)
        if iri.startswith(f"{self.base}/graph/"):
            return rel(from_path, "dataset.html") + "#graph-" + iri.rsplit("/", 1)[-1]
        return None

    def link(self, from_path: str, iri: str, *, with_en: bool = True) -> Link:
        """Return a link to iri labelled in Japanese (and English), or the IRI itself."""
        ja, en = self.graph.label(iri)
        href = self.href(from_path, iri)
        return Link(href if href is not None else iri, ja or en or self.graph.curie(iri),
                    en if with_en and en and ja else "",
                    self.graph.curie(iri) if href is None and (ja or en) else "")

    def term(self, from_path: str, iri: str) -> TermLink:
        """Return a link to a vocabulary term showing its label and its compact IRI."""
        ja, en = self.graph.label(iri)
        return TermLink(self.href(from_path, iri) or iri, ja, en, self.graph.curie(iri))

    def value(self, from_path: str, term) -> Link | LiteralValue:
        """Return how an object is shown: a link for an IRI, the text and its tag for a literal."""
        if isinstance(term, ox.NamedNode):
            return self.link(from_path, term.value)
        tag = term.language or ("" if term.datatype.value == XSD + "string"
                                else self.graph.curie(term.datatype.value))
        return LiteralValue(term.value, term.language or "", tag)

    def graph_tags(self, t: ox.Triple) -> list[GraphTag]:
        """Return the named graphs a statement comes from, the document graph left out."""
        return self.names_tags(self.graph.graphs_of.get(t, ()))

    @staticmethod
    def names_tags(names) -> list[GraphTag]:
        """Return the tags of a set of graph names, the document graph left out, in graph order."""
        ordered = sorted(names, key=lambda n: GRAPH_ORDER.get(n, 99))
        return [GraphTag(*GRAPH_NAMES.get(n, (n, n))) for n in ordered if n != DOCUMENT]
