"""The vendored front-end files are npm's files of the locked versions, byte for byte, with licences."""
from __future__ import annotations

import json

import pytest

from ykg.foundation.paths import REPOSITORY_DIR
from ykg.site.vendor import VENDOR_DIR, VENDORED, licenses_text, lock_packages

ROOT = REPOSITORY_DIR
MODULES = ROOT / "node_modules"

# node_modules/ comes from `npm ci` (make test runs it); without it these tests fail, never skip.


@pytest.mark.parametrize("item", VENDORED, ids=lambda v: v.target)
def test_vendored_file_is_npm_file(item):
    assert (VENDOR_DIR / item.target).read_bytes() == (MODULES / item.package / item.source).read_bytes()


@pytest.mark.parametrize("package", sorted({v.package for v in VENDORED}))
def test_installed_package_is_the_locked_version(package):
    installed = json.loads((MODULES / package / "package.json").read_text(encoding="utf-8"))
    assert installed["version"] == lock_packages(ROOT)[package]["version"]


def test_licenses_list_every_vendored_package():
    text = (VENDOR_DIR / "LICENSES").read_text(encoding="utf-8")
    assert text == licenses_text(ROOT)
    for name in {v.package for v in VENDORED}:
        assert f"## {name} {lock_packages(ROOT)[name]['version']}" in text


def test_vendor_files_ship_in_the_site(site):
    for v in VENDORED:
        assert (site.root / "assets" / "vendor" / v.target).read_bytes() == (VENDOR_DIR / v.target).read_bytes()
    assert (site.root / "assets" / "vendor" / "LICENSES").is_file()
