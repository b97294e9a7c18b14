"""The static linked-data site written by `ykg publish`: files, pages, dumps, VoID/DCAT, links."""
from __future__ import annotations

import gzip
import hashlib
import html
import json
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from markupsafe import escape

from ykg.catalogue import load_catalogue
from ykg.cli import main
from ykg.foundation.constants import EXTRA_PREFIXES, PREFIXES, RDF_TYPE, YKG
from ykg.foundation.constants import RDFS_LABEL as LABEL
from ykg.foundation.paths import DATA_DIR, ONTOLOGY_DIR, QUERIES_DIR
from ykg.foundation.rdf import curie
from ykg.foundation.text import search_terms
from ykg.site import publish_site
from ykg.site.linkcheck import check_links
from ykg.site.negotiation import REPRESENTATIONS, choose_representation
from ykg.site.paths import doc_path, resource_local
from ykg.site.search_index import search_matches

DCAT, VOID = PREFIXES["dcat"], PREFIXES["void"]
SPDX, IANA = EXTRA_PREFIXES["spdx"], EXTRA_PREFIXES["iana"]
ONTOLOGY = ONTOLOGY_DIR / "ykg.ttl"


def esc(text: str) -> str:
    """Return text escaped as the site's templates escape it (Jinja2 autoescape)."""
    return str(escape(text))


def dump_triples(root: Path) -> set:
    """Return the triples of the site's N-Triples dump."""
    data = gzip.decompress((root / "dumps" / "ykg.nt.gz").read_bytes())
    return triples(data, ox.RdfFormat.N_TRIPLES)


def triples(data, fmt, path=None) -> set:
    """Parse bytes (or path) into a set of triples (pyoxigraph parses into quads)."""
    parsed = ox.parse(path=str(path), format=fmt) if path is not None else ox.parse(data, format=fmt)
    return {q.triple for q in parsed}


def document_triples(site, iri: str) -> set:
    """Return what a resource's document says about itself: topic, licence, dataset."""
    N = ox.NamedNode
    doc = N(site.base + "/doc/" + resource_local(site.base, iri))
    return {ox.Triple(doc, N(RDF_TYPE), N("http://xmlns.com/foaf/0.1/Document")),
            ox.Triple(doc, N("http://xmlns.com/foaf/0.1/primaryTopic"), N(iri)),
            ox.Triple(doc, N("http://purl.org/dc/terms/license"),
                      N("https://creativecommons.org/licenses/by/4.0/")),
            ox.Triple(doc, N("http://rdfs.org/ns/void#inDataset"), N(site.base + "/dataset/ykg"))}


def describe(triples: set, iri: str) -> set:
    """Return the triples whose subject or object is iri: what a resource's files must hold."""
    return {t for t in triples if t.subject.value == iri
            or (isinstance(t.object, ox.NamedNode) and t.object.value == iri)}


@pytest.fixture(scope="module")
def dump(site):
    return dump_triples(site.root)


@pytest.fixture(scope="module")
def by_resource(site, dump):
    """Triples of each resource (subject or object), from the dump."""
    index = defaultdict(set)
    for t in dump:
        for term in (t.subject, t.object):
            if isinstance(term, ox.NamedNode) and resource_local(site.base, term.value):
                index[term.value].add(t)
    return index


@pytest.fixture(scope="module")
def classes(dump, site):
    """class IRI -> sorted instances (resources under {base}/id/)."""
    out = defaultdict(list)
    for t in dump:
        if t.predicate.value == RDF_TYPE and resource_local(site.base, t.subject.value):
            out[t.object.value].append(t.subject.value)
    return {c: sorted(v) for c, v in sorted(out.items())}


def test_site_layout(site, by_resource, classes):
    root = site.root
    for name in ("index.html", "search-index.js", "assets/search.js", "assets/match-key.js",
                 "assets/style.css",
                 "class/index.html", "ontology.html", "ontology.ttl", "queries.html",
                 "dataset.html", "dataset.ttl", "dataset.jsonld", "dataset.nt", "context.jsonld",
                 "dumps/ykg.trig", "dumps/ykg.ttl", "dumps/ykg.nt.gz", "dumps/ykg.jsonld",
                 "sitemap.xml", "robots.txt", ".htaccess", "hosting/nginx.conf",
                 "hosting/apache.htaccess", "hosting/README.md", "site.json"):
        assert (root / name).is_file(), name
    # one page and three RDF files per resource, at doc/{local}.{ext}
    for iri in by_resource:
        local = resource_local(site.base, iri)
        for ext, _ in REPRESENTATIONS.values():
            assert (root / doc_path(local, ext)).is_file(), (iri, ext)
    pages = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html"))
    fixed = {"index.html", "class/index.html", "ontology.html", "queries.html", "dataset.html"}
    fixed |= {p for p in ("explore.html", "query.html", "sparql.html") if (root / p).is_file()}
    assert len(pages) == len(by_resource) + len(classes) + len(fixed)
    assert site.report.pages == len(pages)
    assert site.report.resources == len(by_resource)
    assert json.loads((root / "site.json").read_text())["base"] == site.base
    # the program IRI maps to the documented path
    assert (root / "doc/program/p0001.html").is_file()
    assert not list(root.parent.glob(".site-tmp-*")), "temporary folder left behind"


def test_every_resource_file_holds_exactly_its_triples(site, by_resource):
    """doc/{local}.nt, .ttl, .jsonld and .rdf each parse to the resource's triples from the dump,
    plus the four its document states about itself (foaf:primaryTopic, licence, void:inDataset)."""
    wrong = []
    for iri, triples_of in sorted(by_resource.items()):
        local = resource_local(site.base, iri)
        expected = triples_of | document_triples(site, iri)
        for ext, fmt in ((".nt", ox.RdfFormat.N_TRIPLES), (".ttl", ox.RdfFormat.TURTLE),
                         (".jsonld", ox.RdfFormat.JSON_LD), (".rdf", ox.RdfFormat.RDF_XML)):
            got = triples(None, fmt, site.root / doc_path(local, ext))
            if got != expected:
                wrong.append(f"{local}{ext}: {len(got - expected)} extra, {len(expected - got)} missing")
    assert not wrong, wrong[:10]


def test_pages_embed_the_same_jsonld(site, by_resource):
    """Each page's <script type=application/ld+json> holds the resource's triples (sampled)."""
    for iri in sorted(by_resource)[::25]:
        text = (site.root / doc_path(resource_local(site.base, iri))).read_text(encoding="utf-8")
        m = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
        assert m, iri
        assert "<" not in m.group(1)
        got = triples(m.group(1).encode("utf-8"), ox.RdfFormat.JSON_LD)
        assert got == by_resource[iri] | document_triples(site, iri), iri


def _text(page_html: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page_html))


def test_program_page_shows_labels_properties_inverse_links_and_source(site, dump):
    iri = f"{site.base}/id/program/p0001"
    page = (site.root / "doc/program/p0001.html").read_text(encoding="utf-8")
    text = _text(page)
    labels = {t.object.language: t.object.value for t in dump
              if t.subject.value == iri and t.predicate.value == LABEL}
    assert f'<h1 lang="ja">{esc(labels["ja"])}</h1>' in page
    assert esc(labels["en"]) in page
    assert 'href="../../class/ykg-Program.html"' in page
    for ext in (".ttl", ".jsonld", ".nt"):
        assert f'href="p0001{ext}"' in page
    # every object of the program is linked with its Japanese label
    for t in dump:
        if t.subject.value == iri and isinstance(t.object, ox.NamedNode) and "/id/" in t.object.value:
            local = resource_local(site.base, t.object.value)
            target = "../" + local + ".html"
            assert f'href="{esc(target)}"' in page, t
            ja = next(x.object.value for x in dump if x.subject == t.object
                      and x.predicate.value == LABEL and x.object.language == "ja")
            assert ja in text
    # every inverse link is listed (subject linked from the inverse table)
    inverse = [t for t in dump if isinstance(t.object, ox.NamedNode) and t.object.value == iri]
    assert inverse
    section = page.split('id="inverse"', 1)[1]
    for t in inverse:
        local = resource_local(site.base, t.subject.value)
        # the dataset names p0001 as an example resource: linked to the dataset page
        target = "../" + local + ".html" if local else "../../dataset.html#dataset"
        assert f'href="{esc(target)}"' in section, t
    assert f"({len(inverse)})" in section.split("</h2>", 1)[0]
    # its source: the section link, the line numbers and the text printed there, from the graph
    assert 'href="../section/s2/1/table.html"' in page
    source = page.split('id="source"', 1)[1].split("<h2", 1)[0]
    lines = {t.object.value for t in dump if t.subject.value == iri
             and t.predicate.value == YKG + "sourceLines"}
    assert lines == {"262"} and "<p>行 / Lines: 262</p>" in source
    quote = re.search(r'<blockquote class="source" lang="ja">(.*?)</blockquote>', source, re.S)
    assert quote and html.unescape(quote.group(1)) == labels["ja"]


def test_resource_pages_quote_the_printed_text_and_lines(site, dump):
    """A resource with ykg:printedText quotes it (not its label) beside its source line numbers."""
    printed = {t.subject.value: t.object.value for t in dump
               if t.predicate.value == YKG + "printedText" and resource_local(site.base, t.subject.value)}
    spans = {t.subject.value: t.object.value for t in dump if t.predicate.value == YKG + "sourceLines"}
    checked = 0
    for iri in sorted(set(printed) & set(spans))[:50]:
        page = (site.root / doc_path(resource_local(site.base, iri))).read_text(encoding="utf-8")
        source = page.split('id="source"', 1)[1].split("<h2", 1)[0]
        first, _, last = spans[iri].partition("-")
        where = first if not last or last == first else f"{first}–{last}"
        assert f"<p>行 / Lines: {where}</p>" in source, iri
        quote = re.search(r'<blockquote class="source" lang="ja">(.*?)</blockquote>', source, re.S)
        assert quote and html.unescape(quote.group(1)) == printed[iri], iri
        checked += 1
    assert checked >= 10
    # nothing is quoted from a source file outside the graph (no numbered source lines)
    assert not any('class="ln"' in p.read_text(encoding="utf-8") for p in site.root.rglob("*.html"))


def test_curated_links_shown_with_their_basis(site, dump):
    links = defaultdict(dict)
    for t in dump:
        if t.predicate.value in (YKG + "linkSubject", YKG + "linkObject", YKG + "basis"):
            links[t.subject.value].setdefault(t.predicate.value, []).append(t.object)
    # every curated cross-link and every curated link out, one record each
    tables = ("curated_links.csv", "outside_links.csv")
    rows = sum(len((DATA_DIR / t).read_text(encoding="utf-8").splitlines()) - 1 for t in tables)
    assert len(links) == rows and rows >= 170
    for link, props in sorted(links.items())[:20]:
        subject = props[YKG + "linkSubject"][0].value
        page = (site.root / doc_path(resource_local(site.base, subject))).read_text(encoding="utf-8")
        curated = page.split('id="curated"', 1)[1].split("</table>", 1)[0]
        for basis in props[YKG + "basis"]:
            assert esc(basis.value) in curated, (link, basis.value)
        target = resource_local(site.base, props[YKG + "linkObject"][0].value)
        assert target.rsplit("/", 1)[-1] in curated


def test_class_pages_list_every_instance(site, classes):
    index = (site.root / "class/index.html").read_text(encoding="utf-8")
    for cls, members in classes.items():
        slug = re.sub(r"[^A-Za-z0-9_-]", "-", curie(cls, site.build.prefixes).replace(":", "-"))
        page = (site.root / f"class/{slug}.html").read_text(encoding="utf-8")
        links = re.findall(r'href="\.\./doc/([^"]+)\.html"', page)
        assert sorted(links) == sorted(resource_local(site.base, m) for m in members), cls
        assert f'href="{slug}.html"' in index
        assert f'<td class="num">{len(members)}</td>' in index


def test_home_page_shows_the_hierarchy(site, ask_site):
    page = (site.root / "index.html").read_text(encoding="utf-8")
    pos = lambda iri: page.index(f'href="{doc_path(resource_local(site.base, iri))}"')  # noqa: E731
    vision = ask_site("SELECT ?v WHERE { ?v a ykg:Vision }")
    assert len(vision) == 1 and pos(vision[0]["v"]) < page.index('id="areas"')
    for query, n in (("SELECT ?x ?n WHERE { ?x a ykg:Pillar ; ykg:number ?n } ORDER BY ?n", 3),
                     ("SELECT ?x ?n WHERE { ?x a ykg:FutureArea ; ykg:number ?n } ORDER BY ?n", 4),
                     ("SELECT ?x ?n WHERE { ?x a ykg:SakigakeProject ; ykg:number ?n } ORDER BY ?n", 10)):
        rows = ask_site(query)
        assert len(rows) == n
        positions = [pos(r["x"]) for r in rows]
        assert positions == sorted(positions), query  # in the document's order
    for r in ask_site("SELECT ?g WHERE { ?g a ykg:Goal }"):
        pos(r["g"])
    depts = ask_site("SELECT ?d WHERE { ?d a ykg:Department }")
    section = page.split('id="departments"', 1)[1]
    assert f"({len(depts)})" in section.split("</h2>", 1)[0]
    for r in depts:
        assert f'href="{doc_path(resource_local(site.base, r["d"]))}"' in section
    # every program that serves a goal appears under it
    for r in ask_site("SELECT DISTINCT ?p WHERE { ?p ykg:servesGoal ?g }"):
        pos(r["p"])
    # the index is loaded by the search when first wanted, not with the page
    assert '<input id="q"' in page and 'data-index="search-index.js"' in page
    assert 'src="search-index.js"' not in page


@pytest.fixture(scope="module")
def ask_site(site):
    store = ox.Store()
    store.bulk_extend(site.build.quads)

    def run(query):
        res = store.query(f"PREFIX ykg: <{YKG}>\n" + query, use_default_graph_as_union=True)
        names = [v.value for v in res.variables]
        return [{n: s[n].value for n in names} for s in res]
    return run


def search_index(root: Path) -> list[dict]:
    text = (root / "search-index.js").read_text(encoding="utf-8")
    return json.loads(text.split("window.YKG_INDEX = ", 1)[1].rstrip().rstrip(";"))


def test_search_index_covers_every_searchable_resource(site, dump):
    index = search_index(site.root)
    keys = {t.subject.value: t.object.value for t in dump if t.predicate.value == YKG + "searchKey"
            and resource_local(site.base, t.subject.value)}
    assert {e["iri"]: e["key"] for e in index} == keys
    for e in index:
        assert (site.root / e["url"]).is_file()
    # the query rule: 子育て in hiragana, katakana or half-width finds the same entities
    sets = [{e["iri"] for e in index if search_matches(search_terms(q), e["key"])}
            for q in ("こそだて", "コソダテ", "ｺｿﾀﾞﾃ")]
    assert sets[0] == sets[1] == sets[2]
    assert f"{site.base}/id/sakigake/01" in sets[0]


def test_dataset_description_counts_and_distributions(site, dump):
    root = site.root
    desc = list(ox.parse(path=str(root / "dataset.ttl"), format=ox.RdfFormat.TURTLE))
    by = defaultdict(lambda: defaultdict(list))
    for t in desc:
        by[t.subject.value][t.predicate.value].append(t.object)
    d = f"{site.base}/dataset/ykg"
    # the content graphs' triples (the description graph itself is not counted)
    content = {q.triple for q in site.build.quads if not q.graph_name.value.endswith("/graph/dataset")}
    assert int(by[d][VOID + "triples"][0].value) == len(content)
    types = defaultdict(int)
    for t in content:
        if t.predicate.value == RDF_TYPE:
            types[t.object.value] += 1
    parts = {by[p.value][VOID + "class"][0].value: int(by[p.value][VOID + "entities"][0].value)
             for p in by[d][VOID + "classPartition"]}
    assert parts == dict(types)
    assert by[d][VOID + "propertyPartition"] and by[d][VOID + "exampleResource"]
    assert by[d]["http://purl.org/dc/terms/license"][0].value.startswith("https://creativecommons.org/")
    dists = {o.value for o in by[d][DCAT + "distribution"]}
    expected_media = {"ykg.trig": "application/trig", "ykg.ttl": "text/turtle",
                      "ykg.nt.gz": "application/n-triples", "ykg.jsonld": "application/ld+json"}
    seen = set()
    for dist in dists:
        url = by[dist][DCAT + "downloadURL"][0].value
        name = url.rsplit("/", 1)[-1]
        seen.add(name)
        data = (root / "dumps" / name).read_bytes()
        assert int(by[dist][DCAT + "byteSize"][0].value) == len(data), name
        assert by[dist][DCAT + "mediaType"][0].value == IANA + expected_media[name]
        checksum = by[dist][SPDX + "checksum"][0].value
        assert by[checksum][SPDX + "checksumValue"][0].value == hashlib.sha256(data).hexdigest()
        assert url == f"{site.base}/dumps/{name}"
    assert seen == set(expected_media)
    assert by[f"{site.base}/dataset/ykg/distribution/ntriples"][DCAT + "compressFormat"][0].value \
        == IANA + "application/gzip"
    # the dumps hold the same data: N-Triples = Turtle = TriG union = JSON-LD
    assert triples(None, ox.RdfFormat.TURTLE, root / "dumps/ykg.ttl") == dump
    quads = list(ox.parse(path=str(root / "dumps/ykg.trig"), format=ox.RdfFormat.TRIG))
    assert {q.triple for q in quads} == dump
    assert set(ox.parse(path=str(root / "dumps/ykg.jsonld"), format=ox.RdfFormat.JSON_LD)) == set(quads)
    assert len(dump) == len({q.triple for q in site.build.quads})


def test_jsonld_expands_and_compacts_with_nothing_lost(site, by_resource):
    """pyld: dump and sampled resource files expand, compact with the published context, round-trip."""
    from pyld import jsonld
    context = json.loads((site.root / "context.jsonld").read_text(encoding="utf-8"))
    nquads = lambda doc: set(jsonld.to_rdf(doc, {"format": "application/n-quads"}).splitlines())  # noqa: E731
    trig = ox.parse(path=str(site.root / "dumps/ykg.trig"), format=ox.RdfFormat.TRIG)
    expected = set(ox.serialize(list(trig), format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines())
    doc = json.loads((site.root / "dumps/ykg.jsonld").read_text(encoding="utf-8"))
    expanded = jsonld.expand(doc)
    assert nquads(expanded) == expected
    compacted = jsonld.compact(expanded, context)
    assert compacted["@context"] == context["@context"]
    assert nquads(jsonld.expand(compacted)) == expected
    for iri in sorted(by_resource)[::40]:
        path = site.root / doc_path(resource_local(site.base, iri), ".jsonld")
        doc = json.loads(path.read_text(encoding="utf-8"))
        want = set(ox.serialize(sorted(by_resource[iri] | document_triples(site, iri), key=str),
                                format=ox.RdfFormat.N_TRIPLES)
                   .decode("utf-8").splitlines())
        assert nquads(jsonld.expand(doc)) == want, iri
        assert nquads(jsonld.compact(doc, context)) == want, iri


def test_no_broken_internal_link(site):
    assert site.report.broken_links == []
    assert check_links(site.root) == []
    pages = list(site.root.rglob("*.html"))
    # no page refers to anything on another host except plain <a> links
    for p in pages[::10] + [site.root / "index.html"]:
        text = p.read_text(encoding="utf-8")
        for m in re.finditer(r'<(script|link|img|iframe)\b[^>]*\b(?:src|href)="([^"]*)"', text):
            assert not re.match(r"^(https?:)?//", m.group(2)), (p, m.group(0))


def test_link_checker_finds_broken_links(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/b.html#x">x</a> <a href="missing.html">m</a>'
                                         ' <a href="https://example.org/">ext</a>'
                                         ' <img src="../outside.png"> <a href="/abs.html">abs</a>')
    (tmp_path / "a/b.html").write_text('<p id="y">y</p>')
    broken = check_links(tmp_path)
    assert len(broken) == 4, broken
    assert any("#x" in b for b in broken) and any("missing.html" in b for b in broken)
    assert any("outside" in b for b in broken) and any("absolute" in b for b in broken)


def test_sitemap_lists_every_page(site):
    tree = ET.parse(site.root / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = sorted(e.text for e in tree.getroot().findall("s:url/s:loc", ns))
    pages = sorted(f"{site.base}/{p.relative_to(site.root).as_posix()}"
                   for p in site.root.rglob("*.html"))
    assert locs == pages
    assert f"Sitemap: {site.base}/sitemap.xml" in (site.root / "robots.txt").read_text()


def test_ontology_page_documents_every_term(site):
    page = (site.root / "ontology.html").read_text(encoding="utf-8")
    onto = list(ox.parse(path=str(ONTOLOGY), format=ox.RdfFormat.TURTLE))
    terms = {t.subject.value for t in onto if t.predicate.value == RDF_TYPE
             and t.subject.value.startswith(YKG) and t.object.value.startswith(
                 "http://www.w3.org/2002/07/owl#") and t.object.value.endswith(("Class", "Property"))}
    assert len(terms) > 50
    for term in terms:
        name = term[len(YKG):]
        assert f'id="{name}"' in page, name
        labels = [t.object.value for t in onto if t.subject.value == term and t.predicate.value == LABEL]
        for label in labels:
            assert esc(label) in page, (name, label)
    # domain/range and closeMatch axioms are shown
    assert "domain" in page and "range" in page and "closeMatch" in page and "subClassOf" in page
    assert (site.root / "ontology.ttl").read_bytes() == ONTOLOGY.read_bytes()


def test_query_catalogue_page(site):
    page = (site.root / "queries.html").read_text(encoding="utf-8")
    queries = list(load_catalogue(QUERIES_DIR).values())
    assert queries
    for q in queries:
        assert f'id="{q.id}"' in page
        assert esc(q.text) in page
        assert esc(q.summary_ja) in page and esc(q.description_en) in page
        assert (site.root / f"queries/{q.id}.rq").read_text(encoding="utf-8") == q.text



def test_publish_is_deterministic_and_the_cli_writes_the_same_site(built, tmp_path):
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["publish", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "HTML pages" in result.output and "all resolve" in result.output
    tree = lambda: {p.relative_to(out).as_posix(): p.read_bytes()  # noqa: E731
                    for p in out.rglob("*") if p.is_file()}
    a = tree()
    (out / "stale.html").write_text("from an older site")
    # publishing again (library, same tables) replaces the whole site with identical files
    publish_site(built, out)
    b = tree()
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []
    assert "https://w3id.org/ykg/id/program/p0001" in a["doc/program/p0001.html"].decode()
    # no temporary folder left; the re-publish cache is beside the site
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.publish-cache", "site"]


def test_publish_refuses_to_replace_a_folder_that_is_not_a_site(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    result = CliRunner().invoke(main, ["publish", "--out", str(tmp_path / "mine")])
    assert result.exit_code == 2
    assert "refusing" in result.output and "Traceback" not in result.output
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]


@pytest.mark.parametrize("args, message", [
    (["publish", "--base", "not an iri"], "--base"),
    (["publish", "--source", "/nonexistent/build"], "does not exist"),
    (["publish", "--site-url", "ftp://x"], "--site-url"),
    (["serve", "--site", "/nonexistent/site"], "not a site"),
])
def test_bad_input_gives_a_message_and_exit_2(args, message, tmp_path):
    if args[0] == "publish":
        args = args + ["--out", str(tmp_path / "out")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_script_payload_is_escaped_on_every_page(payload_site):
    """A label carrying markup appears only as text: no page contains it as markup."""
    from tests.support.site import PAYLOAD_EN, PAYLOAD_JA
    root = payload_site.root
    raw = [PAYLOAD_JA, PAYLOAD_EN, "<script>window.__xss", "<img src=x", "<svg onload",
           "</script><script>alert(3)"]
    pages = list(root.rglob("*.html"))
    seen_escaped = 0
    for p in pages:
        text = p.read_text(encoding="utf-8")
        for needle in raw:
            assert needle not in text, (p, needle)
        seen_escaped += esc(PAYLOAD_JA) in text
        # the only scripts are the site's own files and data blocks (JSON-LD, JSON: never run)
        for m in re.finditer(r"<script\b([^>]*)>", text):
            assert m.group(1) == ' type="application/ld+json"' or re.fullmatch(
                r' type="application/json" id="[a-z-]+"', m.group(1)) or re.fullmatch(
                r'( type="module")? src="(\.\./)*(search-index\.js|assets/[A-Za-z0-9/._-]+\.js)"',
                m.group(1)), (p, m.group(0))
    assert seen_escaped >= 5  # its page, class page, home, goal and department pages, ...
    index = (root / "search-index.js").read_text(encoding="utf-8")
    assert "<" not in index and "\\u003cscript\\u003e" in index
