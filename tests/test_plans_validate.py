"""The fast validation path (SHACL shapes as SPARQL on pyoxigraph) says what pySHACL says.

pySHACL (graphbuild.validate.validate_graph) is the reference: on the mini build and on every
broken graph below (one fault each, made from the mini build), both report the same violations.
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graphbuild import build_dataset
from graphbuild.validate import load_graph, validate_build, validate_graph, validate_quads
from ykg.foundation.constants import DOCUMENT, PREFIXES
from ykg.foundation.rdf import sorted_ntriples

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
BASE = "https://w3id.org/ykg"
Y = PREFIXES["ykg"]
RDFS_LABEL = ox.NamedNode(PREFIXES["rdfs"] + "label")
RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _y(name: str) -> ox.NamedNode:
    return _n(Y + name)


def _doc(s, p, o) -> ox.Quad:
    return ox.Quad(s, p, o, _n(f"{BASE}/graph/{DOCUMENT}"))


@pytest.fixture(scope="module")
def mini():
    return build_dataset(MINI)


def _first(quads, predicate: str, obj=None):
    return next(q for q in quads if q.predicate.value == predicate
                and (obj is None or q.object == obj))


def _subject_of_type(quads, cls: str):
    return _first(quads, RDF_TYPE.value, _y(cls)).subject


def _drop(quads, keep):
    return [q for q in quads if keep(q)]


def _mutations(quads):
    """Yield (name, broken quads): each breaks one rule of ontology/shapes.ttl."""
    program = _subject_of_type(quads, "Program")
    project = _subject_of_type(quads, "SakigakeProject")
    goal = _subject_of_type(quads, "Goal")
    loan = _subject_of_type(quads, "LoanFacility")
    budget = _subject_of_type(quads, "BudgetAllocation")
    amount = _subject_of_type(quads, "MonetaryAmount")
    area = _subject_of_type(quads, "FutureArea")
    listing = _subject_of_type(quads, "SakigakeListing")
    yield "no Japanese label", _drop(quads, lambda q: not (
        q.subject == program and q.predicate == RDFS_LABEL and q.object.language == "ja"))
    yield "no English label (warning)", _drop(quads, lambda q: not (
        q.subject == program and q.predicate == RDFS_LABEL and q.object.language == "en"))
    yield "label in French", quads + [_doc(program, RDFS_LABEL, ox.Literal("x", language="fr"))]
    yield "two plan sets", quads + [_doc(program, _y("inPlanSet"), _n(f"{BASE}/id/plan-set/x"))]
    yield "loan counted as budget", quads + [_doc(loan, RDF_TYPE, _y("BudgetAllocation"))]
    yield "amount not stated x multiplier", [
        _doc(q.subject, q.predicate, ox.Literal("1.0", datatype=_n(PREFIXES["xsd"] + "decimal")))
        if q.subject == amount and q.predicate.value == PREFIXES["schema"] + "value" else q
        for q in quads]
    yield "number not an integer", [
        _doc(q.subject, q.predicate, ox.Literal("11")) if q.subject == project
        and q.predicate == _y("number") else q for q in quads]
    yield "project number 11", [
        _doc(q.subject, q.predicate, ox.Literal("11", datatype=_n(PREFIXES["xsd"] + "integer")))
        if q.subject == project and q.predicate == _y("number") else q for q in quads]
    yield "unknown component kind", [
        _doc(q.subject, q.predicate, ox.Literal("other")) if q.subject == listing
        and q.predicate == _y("componentKind") else q for q in quads]
    yield "no source section", _drop(quads, lambda q: not (
        q.subject == goal and q.predicate.value == PREFIXES["prov"] + "wasDerivedFrom"))
    yield "policy area of the wrong class", [
        _doc(q.subject, q.predicate, program) if q.subject == goal
        and q.predicate == _y("policyArea") else q for q in quads]
    yield "two Japanese preferred labels", quads + [
        _doc(area, _n(PREFIXES["skos"] + "prefLabel"), ox.Literal("別名", language="ja"))]
    yield "budget printed as a loan", quads + [
        _doc(budget, _y("printedAmount"), ox.Literal("融資枠：1,000千円"))]
    yield "program listed nowhere", _drop(quads, lambda q: not (
        q.predicate == _y("listedProgram") and q.object == program))
    yield "a subject typed by a domain", quads + [
        _doc(_n(f"{BASE}/id/funding/stray"), _y("fundingOf"), program)]


def _reference(quads, origins):
    nt = sorted_ntriples({q.triple for q in quads})
    return validate_graph(load_graph(nt), origins)


def test_the_mini_build_conforms_on_both_paths(mini):
    fast = validate_build(mini)
    assert fast.conforms and fast.violations == validate_build(mini, "pyshacl").violations


@pytest.mark.parametrize("case", range(15))
def test_fast_path_equals_pyshacl_on_a_broken_graph(mini, case):
    name, quads = list(_mutations(list(mini.quads)))[case]
    fast = validate_quads(quads, mini.origins)
    reference = _reference(quads, mini.origins)
    assert reference.violations, f"{name}: the mutation breaks no shape"
    assert fast is not None, name
    assert fast.violations == reference.violations, name
    assert fast.conforms == reference.conforms, name


@pytest.mark.parametrize("suffix", [".nt", ".nq"])
def test_a_broken_file_reports_the_same_on_both_paths(mini, tmp_path, suffix):
    from graphbuild.validate import validate_file
    name, quads = list(_mutations(list(mini.quads)))[4]  # a loan counted as budget
    path = tmp_path / f"graph{suffix}"
    items = {q.triple for q in quads} if suffix == ".nt" else quads
    fmt = ox.RdfFormat.N_TRIPLES if suffix == ".nt" else ox.RdfFormat.N_QUADS
    path.write_bytes(ox.serialize(items, format=fmt))
    fast, reference = validate_file(path), validate_file(path, "pyshacl")
    assert not fast.conforms and fast.violations == reference.violations, name
