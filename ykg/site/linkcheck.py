"""The link check run after every publish: each internal href/src of each page must resolve."""
from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

_ATTR = re.compile(r"""\s(href|src|id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)


def page_links(text: str) -> tuple[list[str], set[str]]:
    """Return the href/src values and the ids of an HTML page (attributes quoted, as we write them)."""
    links, ids = [], set()
    for m in _ATTR.finditer(text):
        value = html.unescape(m.group(2) if m.group(2) is not None else m.group(3))
        if m.group(1).lower() in ("id", "name"):
            ids.add(value)
        else:
            links.append(value)
    return links, ids


class _Site:
    """The files of a site folder and the links and ids of its pages, parsed once each."""

    def __init__(self, root: Path):
        self.root = root
        self.files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
        self._parsed: dict[str, tuple[list[str], set[str]]] = {}

    def parse(self, path: str) -> tuple[list[str], set[str]]:
        if path not in self._parsed:
            self._parsed[path] = page_links((self.root / path).read_text(encoding="utf-8"))
        return self._parsed[path]

    def problem(self, page: str, link: str) -> str | None:
        """Return why one link of a page is broken, or None when it resolves (or leaves the site)."""
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or link.startswith("//"):
            return None  # links to other hosts are not followed
        if parts.path.startswith("/"):
            return "absolute path: breaks from disk"
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path))) \
            if parts.path else page
        if target == ".." or target.startswith("../"):
            return "outside the site"
        if target not in self.files and f"{target}/index.html" in self.files:
            target = f"{target}/index.html"
        if target not in self.files:
            return ""
        if parts.fragment and target.endswith(".html") \
                and unquote(parts.fragment) not in self.parse(target)[1]:
            return f"no #{parts.fragment}"
        return None


def check_links(site: Path) -> list[str]:
    """Return every internal link (href/src) of the site's pages whose file or #anchor is missing."""
    s = _Site(Path(site))
    broken = []
    for page in sorted(f for f in s.files if f.endswith(".html")):
        for link in s.parse(page)[0]:
            why = s.problem(page, link)
            if why is not None:
                broken.append(f"{page}: {link}" + (f" ({why})" if why else ""))
    return broken
