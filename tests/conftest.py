"""Shared fixtures: the dataset built from the real tables, loaded once per session."""
from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from graphbuild import build_dataset
from graphbuild.build import DATA_DIR, ROOT

# Fixture modules of each area (servers, browser, …) live in tests/support/ and are listed here.
pytest_plugins: list[str] = ["tests.support.servers", "tests.support.site",
                              "tests.support.browser", "tests.support.views"]

YKG = "https://w3id.org/ykg/def#"
BASE = "https://w3id.org/ykg"
PREFIXES = f"""
PREFIX ykg: <{YKG}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


@pytest.fixture(scope="session")
def built():
    """The dataset built in memory from data/."""
    return build_dataset(DATA_DIR)


@pytest.fixture(scope="session")
def store(built):
    """A pyoxigraph store holding the built dataset (named graphs kept)."""
    s = ox.Store()
    s.bulk_extend(built.quads)
    return s


@pytest.fixture(scope="session")
def ask(store):
    """Run a SELECT over the union of the named graphs; return rows as dicts of Python values."""
    def run(query: str) -> list[dict]:
        result = store.query(PREFIXES + query, use_default_graph_as_union=True)
        names = [v.value for v in result.variables]
        return [{n: py(sol[n]) for n in names} for sol in result]
    return run


def py(term):
    """Turn an RDF term into a plain Python value (IRI string, int, Decimal, bool, str)."""
    from decimal import Decimal
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    dt = term.datatype.value.rsplit("#", 1)[-1]
    if dt == "integer":
        return int(term.value)
    if dt == "decimal":
        return Decimal(term.value)
    if dt == "boolean":
        return term.value == "true"
    return term.value


@pytest.fixture()
def data_copy(tmp_path) -> Path:
    """A writable copy of data/ for tests that break it."""
    dst = tmp_path / "data"
    shutil.copytree(DATA_DIR, dst)
    return dst


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
