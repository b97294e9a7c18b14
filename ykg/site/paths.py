"""Where things live in the site: resource files, relative links between site paths, anchors."""
from __future__ import annotations

import re
from functools import lru_cache


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


def root_of(path: str) -> str:
    """Return the relative prefix from a site path to the site's root folder ('' or '../…')."""
    return rel(path, "index.html")[: -len("index.html")]


def slug(text: str) -> str:
    """Return text with every character outside [A-Za-z0-9_-] replaced by '-' (ids, file names)."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", text)


def dataset_anchor(base: str, iri: str) -> str:
    """Return the anchor on dataset.html of the dataset or one of its parts."""
    tail = iri[len(f"{base}/dataset/ykg"):].strip("/")
    return slug(tail) or "dataset"
