"""Shared fixtures: the dataset built from the real tables (once per session), the wheel, paths."""
from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.support import build_wheel
from ykg.foundation.constants import PREFIXES as NAMESPACES
from ykg.foundation.paths import DATA_DIR, REPOSITORY_DIR
from ykg.foundation.sparql import select_dicts

# Fixture modules of each area (servers, browser, …) live in tests/support/ and are listed here.
pytest_plugins: list[str] = ["tests.support.servers", "tests.support.site",
                              "tests.support.browser", "tests.support.views"]

PREFIXES = "".join(f"PREFIX {p}: <{NAMESPACES[p]}>\n"
                   for p in ("ykg", "rdfs", "skos", "org", "prov", "schema", "dcterms"))


@pytest.fixture(scope="session")
def built():
    """The dataset built in memory from data/."""
    # Imported here so that tests of other parts still run while the builder is broken.
    from graphbuild import build_dataset
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
        return select_dicts(store, PREFIXES + query, use_default_graph_as_union=True)
    return run


@pytest.fixture()
def data_copy(tmp_path) -> Path:
    """A writable copy of data/ for tests that break it."""
    dst = tmp_path / "data"
    shutil.copytree(DATA_DIR, dst)
    return dst


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository folder (read only: tests write under tmp_path)."""
    return REPOSITORY_DIR


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    """The wheel of the repository, built once per session from a copy under a temporary folder."""
    return build_wheel(tmp_path_factory.mktemp("wheel"))
