"""The link check run after every publish: each internal href/src of each page must resolve."""
from __future__ import annotations

import html
import os
import posixpath
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

_ATTR = re.compile(r"""\s(href|src|id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)


def page_links(text: str) -> tuple[list[str], set[str]]:
    """Return the href/src values and the ids of an HTML page (attributes quoted, as we write them)."""
    links, ids = [], set()
    for m in _ATTR.finditer(text):
        # Interned: pages share most of their links, and every page's are kept until the check.
        value = sys.intern(html.unescape(m.group(2) if m.group(2) is not None else m.group(3)))
        if m.group(1).lower() in ("id", "name"):
            ids.add(value)
        else:
            links.append(value)
    return links, ids


class _Site:
    """The files of a site folder and the links and ids of its pages, parsed once each."""

    def __init__(self, root: Path, parsed: dict | None = None):
        self.root = root
        self.files = set(site_files(root))
        self._parsed: dict[str, tuple[list[str], set[str]]] = dict(parsed or {})
        self._verdicts: dict[tuple[str, str], str | None] = {}

    def parse(self, path: str) -> tuple[list[str], set[str]]:
        if path not in self._parsed:
            self._parsed[path] = page_links((self.root / path).read_text(encoding="utf-8"))
        return self._parsed[path]

    def verdict(self, page: str, link: str, folder: str | None = None) -> str | None:
        """Return problem(page, link), once per folder and link (pages share most of their links)."""
        if link[:1] in ("", "#", "?"):
            key = (page, link)
        else:
            key = (posixpath.dirname(page) if folder is None else folder, link)
        try:
            return self._verdicts[key]
        except KeyError:
            got = self._verdicts[key] = self.problem(page, link)
            return got

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


def site_files(root: Path) -> list[str]:
    """Return the paths of every file under root, relative and with '/' (os.walk: fast)."""
    out = []
    for folder, _, names in os.walk(root):
        prefix = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        out.extend(prefix + n for n in names)
    return out


def check_links(site: Path, parsed: dict | None = None) -> list[str]:
    """Return every internal link (href/src) of the site's pages whose file or #anchor is missing.

    parsed: {page: page_links(text)} of pages already parsed when they were written.
    """
    s = _Site(Path(site), parsed)
    broken = []
    for page in sorted(f for f in s.files if f.endswith(".html")):
        folder = posixpath.dirname(page)
        for link in s.parse(page)[0]:
            why = s.verdict(page, link, folder)
            if why is not None:
                broken.append(f"{page}: {link}" + (f" ({why})" if why else ""))
    return broken
