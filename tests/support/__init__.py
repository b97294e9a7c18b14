"""Helpers shared by the test modules; fixture modules of each area sit next to this file.

Here: the product's file list and building its wheel from a copy (so no build step writes into the
repository), for tests/test_wheel.py and tests/test_repository.py.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from ykg.foundation.paths import REPOSITORY_DIR

# What a source distribution holds: the product, nothing of tests, notebooks, benchmarks or builds.
PRODUCT = ("pyproject.toml", "setup.py", "README.md", "ykg", "graphbuild", "data", "ontology", "queries")
# The top-level folders setup.py copies into ykg/_resources/ of the wheel.
RESOURCES = ("data", "ontology", "queries")
_NOT_PRODUCT = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "_resources")


def copy_product(dest: Path) -> Path:
    """Copy the product files of the repository into dest (a clean checkout, as pip would see it)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PRODUCT:
        src = REPOSITORY_DIR / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=_NOT_PRODUCT)
        else:
            shutil.copy2(src, dest / name)
    return dest


def build_wheel(workdir: Path) -> Path:
    """Build the wheel of a copy of the repository under workdir and return its path."""
    source = copy_product(workdir / "source")
    out = workdir / "dist"
    # setuptools builds in the source folder (build/, *.egg-info): the copy keeps the repository clean.
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
                        "--wheel-dir", str(out), str(source)],
                       capture_output=True, text=True, cwd=workdir)
    assert r.returncode == 0, r.stdout + r.stderr
    wheels = sorted(out.glob("ykg-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]
