"""The validators a publisher runs, over the published site: DCAT-AP 3 shapes, HermiT, rapper, Nu, axe.

Each test states what it checked (files, pages, shapes) and asserts 0 violations or errors.
"""
from __future__ import annotations

import gzip
import shutil
import subprocess
from pathlib import Path

import pytest
import rdflib

from tests.support.browser import axe_violations, vnu_errors
from ykg.foundation.paths import ONTOLOGY_DIR

SHAPES = Path(__file__).parent / "validators" / "dcat-ap-3.0.1"
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
# Recommended properties left out on purpose, each because the document gives nothing to fill it.
EXPECTED_WARNINGS = {
    ("dataset/ykg", "http://www.w3.org/ns/dcat#contactPoint"),          # the materials print none
    ("dataset/ykg/service", "http://www.w3.org/ns/dcat#contactPoint"),  # idem
    ("lod/sac/C35000", "http://www.w3.org/ns/dcat#bbox"),              # no geometry in the data
    ("lod/sac/C35000", "http://www.w3.org/ns/dcat#centroid"),          # idem
    ("dataset/ykg/maintainer", "http://purl.org/dc/terms/type"),        # no ADMS type fits
}
# One page of every kind the site writes (a sample: the checkers are slow on 1,200 pages).
PAGE_KINDS = ("index.html", "dataset.html", "ontology.html", "queries.html", "class/index.html",
              "class/ykg-Program.html", "doc/program/p0001.html", "doc/sakigake/01.html",
              "doc/org/yamaguchi-pref.html", "doc/section/s2/1/table.html", "doc/link/o001.html")


def shapes_graph(*names: str) -> rdflib.Graph:
    """Return the vendored SEMIC shapes; drop sh:property links to shapes the files never define.

    ranges.ttl names property shapes that only its sibling file defines (and a few neither does);
    pySHACL refuses such dangling links, other engines skip them. The test counts what it drops.
    """
    g = rdflib.Graph()
    for name in names:
        g.parse(SHAPES / name)
    dangling = [(s, o) for s, o in g.subject_objects(SH.property) if (o, SH.path, None) not in g]
    for s, o in dangling:
        g.remove((s, SH.property, o))
    assert len(dangling) <= 10, dangling
    return g


def shacl_results(data: rdflib.Graph, shapes: rdflib.Graph) -> list[tuple[str, str, str]]:
    """Return (severity, focus node, path) of every validation result."""
    import pyshacl
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                    allow_warnings=True)
    return sorted((str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[-1],
                   str(report.value(r, SH.focusNode)), str(report.value(r, SH.resultPath)))
                  for r in report.subjects(rdflib.RDF.type, SH.ValidationResult))


def test_dcat_ap_shapes_are_vendored_with_their_licence():
    for name in ("dcat-ap-SHACL.ttl", "ranges.ttl", "shapes_recommended.ttl", "LICENSE.md"):
        assert (SHAPES / name).is_file(), name
    assert "CC-BY 4.0" in (SHAPES / "LICENSE.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("names", [("dcat-ap-SHACL.ttl",), ("dcat-ap-SHACL.ttl", "ranges.ttl")])
def test_dataset_description_conforms_to_dcat_ap_3(site, names):
    data = rdflib.Graph().parse(site.root / "dataset.ttl")
    assert len(data) > 500
    assert shacl_results(data, shapes_graph(*names)) == []


def test_recommended_dcat_ap_properties_are_filled(site):
    data = rdflib.Graph().parse(site.root / "dataset.ttl")
    warnings = shacl_results(data, shapes_graph("shapes_recommended.ttl"))
    assert all(sev == "Warning" for sev, _, _ in warnings)
    left = {(focus.split(site.base + "/", 1)[-1].split("data.e-stat.go.jp/")[-1], path)
            for _, focus, path in warnings}
    assert left == EXPECTED_WARNINGS


def test_description_names_the_endpoint_and_the_service(site):
    g = rdflib.Graph().parse(site.root / "dataset.ttl")
    dcat, void = rdflib.Namespace("http://www.w3.org/ns/dcat#"), rdflib.Namespace(
        "http://rdfs.org/ns/void#")
    d, endpoint = rdflib.URIRef(f"{site.base}/dataset/ykg"), rdflib.URIRef(f"{site.base}/sparql")
    assert (d, void.sparqlEndpoint, endpoint) in g
    services = set(g.subjects(dcat.servesDataset, d))
    assert len(services) == 1
    assert (services.pop(), dcat.endpointURL, endpoint) in g


def test_ontology_is_consistent_under_hermit(tmp_path):
    import owlready2
    g = rdflib.Graph().parse(ONTOLOGY_DIR / "ykg.ttl")
    nt = tmp_path / "ykg.nt"
    g.serialize(nt, format="nt", encoding="utf-8")
    world = owlready2.World()
    world.get_ontology(nt.as_uri()).load()
    owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    assert list(world.inconsistent_classes()) == []


def test_rapper_parses_the_dumps_and_a_sample_of_resource_files(site, tmp_path):
    assert shutil.which("rapper"), "rapper is missing: run `make system` (raptor2-utils)"
    nt = tmp_path / "ykg.nt"
    nt.write_bytes(gzip.decompress((site.root / "dumps/ykg.nt.gz").read_bytes()))
    files = {nt: "ntriples", site.root / "dumps/ykg.ttl": "turtle",
             site.root / "dumps/ykg.trig": "trig", site.root / "dataset.rdf": "rdfxml",
             site.root / "ontology.rdf": "rdfxml", site.root / "dataset.ttl": "turtle"}
    docs = sorted((site.root / "doc").rglob("*.rdf"))
    sample = docs[:: max(1, len(docs) // 60)]
    files.update({p: "rdfxml" for p in sample})
    files.update({p.with_suffix(".ttl"): "turtle" for p in sample})
    counts = {path: rapper_count(path, syntax) for path, syntax in files.items()}
    assert len(counts) >= 100
    assert counts[nt] == sum(1 for line in nt.read_text(encoding="utf-8").splitlines() if line)
    # RDF/XML holds the same statements as the N-Triples file of the same resource.
    for p in sample:
        assert counts[p] == counts[p.with_suffix(".ttl")] == len(
            p.with_suffix(".nt").read_text(encoding="utf-8").splitlines()), p


def rapper_count(path: Path, syntax: str) -> int:
    """Parse a file with rapper; return the number of triples it reports (fail on any error)."""
    out = subprocess.run(["rapper", "-i", syntax, "-c", str(path)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "Error" not in out.stderr, (path, out.stderr)
    return int(out.stderr.rsplit("returned", 1)[1].split()[0])


def test_nu_html_checker_finds_no_errors(site):
    pages = [site.root / p for p in PAGE_KINDS]
    assert all(p.is_file() for p in pages), [p for p in pages if not p.is_file()]
    assert vnu_errors(pages) == []


def test_pages_of_several_plans_pass_the_checkers(plans_hosts, plans_site, browser):
    names = ("index.html", "plans/synth-002.html")  # the home and plan pages of three plans
    assert vnu_errors([plans_site.root / n for n in names]) == []
    for name in names:
        page, _ = browser.open(f"{plans_hosts['static']}/{name}")
        try:
            assert page.locator("#sakigake ~ ol > li").count() == 10, name  # one plan's projects
            assert axe_violations(page, plans_hosts["static"]) == [], name
        finally:
            page.close()


def test_axe_finds_no_serious_violations(site, static_server, browser):
    found = {}
    for path in PAGE_KINDS:
        page, _ = browser.open(f"{static_server}/{path}")
        try:
            found[path] = axe_violations(page, static_server)
        finally:
            page.close()
    assert len(found) == len(PAGE_KINDS)
    assert {p: v for p, v in found.items() if v} == {}
