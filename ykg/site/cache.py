"""The re-publish cache: what each resource's files were made from, kept beside the site.

A publish records, for each resource, a fingerprint of everything its files are made from (the
resource's triples and the context its page template gets) and the modification time and size of
each of its files, in ``.{site}.publish-cache`` next to the site folder. The record is valid for
the code and templates that wrote it only (the generator key). A later publish into the same
folder renders a resource again only when its fingerprint changed or one of its files is not the
one recorded (edited since, or the record is older than the site); otherwise it hard-links the
files from the old site, which holds exactly the bytes a render would give.

The cache is outside the site, so the site is the same with or without it; it is replaced
atomically after the site has been swapped in, and a missing or unreadable cache is an empty one.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import sys
from importlib import metadata
from pathlib import Path

from ykg.foundation.templating import environment

SUFFIX = ".publish-cache"
VERSION = 1
PACKAGE = Path(__file__).resolve().parents[1]  # the ykg package: every module a page depends on
LIBRARIES = ("pyoxigraph", "jinja2", "markupsafe")


def cache_file(out_dir: Path) -> Path:
    """Return the path of the re-publish cache of a site folder (beside it)."""
    out_dir = Path(out_dir)
    return out_dir.resolve().parent / f".{out_dir.name}{SUFFIX}"


def generator_key(extra: str = "") -> str:
    """Return a digest of the code, the templates and the libraries that write a resource's files."""
    h = hashlib.sha256(f"{VERSION} {sys.version}\n{extra}\n".encode())
    for name in LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "?"
        h.update(f"{name} {version}\n".encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    env = environment()
    for name in sorted(env.loader.list_templates()):
        h.update(name.encode() + b"\0" + env.loader.get_source(env, name)[0].encode())
    return h.hexdigest()


def stat_digest(files: list[str]) -> str | None:
    """Return a digest of the modification times and sizes of files, None when one is missing."""
    parts = []
    for f in files:
        try:
            st = os.lstat(f)
        except OSError:
            return None
        parts.append(f"{st.st_mtime_ns}:{st.st_size}:{st.st_mode}")
    return hashlib.sha1(" ".join(parts).encode()).hexdigest()[:20]


class PublishCache:
    """The records of the site being replaced, and the records of the site being written."""

    def __init__(self, key: str, previous: Path | None, records: dict[str, list[str]] | None = None):
        self.key = key
        self.previous = previous  # the old site folder, or None
        self.old: dict[str, list[str]] = records or {}
        self.new: dict[str, list[str]] = {}
        self.reused = 0  # resources whose files were linked from the old site, not rendered

    @classmethod
    def load(cls, out_dir: Path, previous: Path | None, key: str) -> "PublishCache":
        """Read the cache beside out_dir; its records count only for this key and an old site."""
        records = None
        if previous is not None:
            try:
                with gzip.open(cache_file(out_dir), "rt", encoding="utf-8") as f:
                    data = json.load(f)
                if data.get("key") == key and isinstance(data.get("resources"), dict):
                    records = data["resources"]
            except (OSError, ValueError, EOFError):
                records = None
        return cls(key, previous, records)

    def fingerprint(self, triples, context: dict) -> str:
        """Return the digest of a resource's inputs: its triples and its page's template context."""
        h = hashlib.sha256(self.key.encode())
        h.update("\n".join(map(str, triples)).encode())
        h.update(repr(sorted(context.items())).encode())
        return h.hexdigest()[:32]

    def keep(self, site, local: str, fingerprint: str, paths: list[str]) -> bool:
        """Hard-link a resource's files from the old site when its record matches; True if done."""
        old = self.old.get(local)
        if old is None or old[0] != fingerprint or self.previous is None:
            return False
        sources = [f"{self.previous}/{p}" for p in paths]
        if stat_digest(sources) != old[1]:
            return False
        html = []
        try:
            for p, src in zip(paths, sources):
                target = f"{site.out}/{p}"
                site.ensure_folder(target.rpartition("/")[0])
                os.link(src, target)
                if p.endswith(".html"):
                    html.append((p, src))
        except OSError:
            for p in paths:  # a half-linked resource is written again as a whole
                Path(site.out, p).unlink(missing_ok=True)
            return False
        for p, src in html:
            with open(src, encoding="utf-8") as f:
                site.add_page(p, f.read())
        site.kept += len(paths)
        self.new[local] = old
        self.reused += 1
        return True

    def record(self, site, local: str, fingerprint: str, paths: list[str]) -> None:
        """Remember what a resource's files (just written into the site) were made from."""
        digest = stat_digest([f"{site.out}/{p}" for p in paths])
        if digest is not None:
            self.new[local] = [fingerprint, digest]

    def save(self, out_dir: Path, scratch: Path) -> None:
        """Replace the cache beside out_dir with the new records (written in scratch first)."""
        tmp = Path(scratch) / f"{SUFFIX}.new"
        with open(tmp, "wb") as raw:
            with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=1) as gz:
                gz.write(json.dumps({"key": self.key, "resources": self.new}, sort_keys=True,
                                    separators=(",", ":")).encode())
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, cache_file(out_dir))
