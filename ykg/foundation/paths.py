"""Where the product's own files live: in the repository, or inside an installed wheel."""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
REPOSITORY_DIR = PACKAGE_DIR.parent
# A wheel carries data/, ontology/ and queries/ here (setup.py copies them at build time).
BUNDLED_DIR = PACKAGE_DIR / "_resources"


def resource_dir(name: str) -> Path:
    """Return the folder of one top-level resource (data, ontology, queries) of this installation."""
    bundled = BUNDLED_DIR / name
    return bundled if bundled.is_dir() else REPOSITORY_DIR / name


DATA_DIR = resource_dir("data")
ONTOLOGY_DIR = resource_dir("ontology")
QUERIES_DIR = resource_dir("queries")
ONTOLOGY_FILE = ONTOLOGY_DIR / "ykg.ttl"
TEMPLATES_DIR = PACKAGE_DIR / "templates"
ASSETS_DIR = PACKAGE_DIR / "assets"
