"""The two sides of a diff: a build folder, a dump, a published site, a data folder or git:REV."""
from __future__ import annotations

import hashlib
import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ykg.foundation.constants import DESCRIPTION
from ykg.foundation.errors import UserError
from ykg.foundation.rdf import sorted_nquads

GIT_PREFIX = "git:"
SITE_DUMP = Path("dumps") / "ykg.trig"  # the TriG dump of a site written by `ykg publish`
DCAT_VERSION = "http://www.w3.org/ns/dcat#version"
GIT_PATHS = ("data", "ontology")  # what a git revision contributes (code is today's)


class DiffError(UserError):
    """A side of a diff that cannot be read or built: exit 2."""


@dataclass
class Edition:
    """One version of the dataset: where it came from, its quads, its version and digest."""

    name: str
    base: str
    quads: list
    version: str
    digest: str  # SHA-256 of the content (every graph but the dataset description), sorted N-Quads


def edition_from_quads(name: str, base: str, quads) -> Edition:
    """Return the Edition of some quads: its version is the dataset's dcat:version, else '0'."""
    quads = list(quads)
    dataset = f"{base}/dataset/ykg"
    description = f"{base}/graph/{DESCRIPTION}"
    versions = sorted(q.object.value for q in quads if q.subject.value == dataset
                      and q.predicate.value == DCAT_VERSION)
    content = [q for q in quads if getattr(q.graph_name, "value", "") != description]
    digest = hashlib.sha256(sorted_nquads(content)).hexdigest()
    return Edition(name, base, quads, versions[0] if versions else "0", digest)


def load_side(side: str, base: str, cwd: Path | None = None) -> Edition:
    """Read one side named on the command line as an Edition."""
    if side.startswith(GIT_PREFIX):
        return _from_git(side, side[len(GIT_PREFIX):], base, Path(cwd or Path.cwd()))
    path = Path(side)
    if not path.exists():
        raise DiffError(f"{side}: no such file or folder (expected a build folder, a .trig/.nq "
                        f"dump, a published site, a data folder or git:REV)")
    if path.is_dir() and (path / SITE_DUMP).is_file():
        path = path / SITE_DUMP
    if path.is_dir() and not (path / "graph.trig").exists():
        return _from_data(side, path, base)
    return _from_dump(side, path, base)


def _from_dump(name: str, path: Path, base: str) -> Edition:
    from ykg.store import load_build  # loads pyoxigraph
    try:
        build = load_build(path, base)
    except UserError as exc:
        raise DiffError(str(exc)) from None
    return edition_from_quads(name, base, build.quads)


def _from_data(name: str, folder: Path, base: str) -> Edition:
    if not any(folder.glob("*.csv")) and not (folder / "plans").is_dir():
        raise DiffError(f"{name}: a folder without graph.trig, dumps/ykg.trig or CSV tables")
    from graphbuild import build_dataset
    return edition_from_quads(name, base, build_dataset(folder, base).quads)


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise DiffError(f"cannot run git: {exc}") from None
    if done.returncode != 0:
        raise DiffError(f"git {' '.join(args)}: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def _from_git(name: str, rev: str, base: str, cwd: Path) -> Edition:
    """Build the tables of a revision, read with `git archive` (the work tree is not touched)."""
    if not rev or rev.startswith("-"):
        raise DiffError(f"{name}: give a revision after git:, e.g. git:HEAD~1")
    commit = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd).decode().strip()
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd).decode().strip())
    listed = _git(["ls-tree", "--name-only", commit], top).decode().split()
    paths = [p for p in GIT_PATHS if p in listed]
    if "data" not in paths:
        raise DiffError(f"{name}: revision {commit[:12]} has no data/ folder")
    archive = _git(["archive", "--format=tar", commit, *paths], top)
    with tempfile.TemporaryDirectory(prefix="ykg-diff-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        return _from_data(name, Path(tmp) / "data", base)
