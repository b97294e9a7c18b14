"""queries/README.md: the index of the catalogue, rendered from the headers by a template."""
from __future__ import annotations

from pathlib import Path

from ykg.foundation.paths import QUERIES_DIR
from ykg.foundation.templating import render

from .named import NamedQuery, load_catalogue
from .params import PARAM_TYPES

README_NAME = "README.md"
TEMPLATE = "catalogue/README.md"


def render_readme(catalogue: dict[str, NamedQuery]) -> str:
    """Return queries/README.md: the index of the catalogue, generated from the headers."""
    return render(TEMPLATE, queries=list(catalogue.values()),
                  param_types=[(name, desc) for name, (_, desc) in PARAM_TYPES.items()])


def readme_is_current(directory: Path = QUERIES_DIR) -> bool:
    """Tell whether directory/README.md equals what the headers give."""
    path = Path(directory) / README_NAME
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    return current == render_readme(load_catalogue(directory))


def write_readme(directory: Path = QUERIES_DIR) -> Path:
    """Regenerate queries/README.md from the headers."""
    path = Path(directory) / README_NAME
    path.write_text(render_readme(load_catalogue(directory)), encoding="utf-8")
    return path
