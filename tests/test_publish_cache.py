"""The re-publish cache: a publish over a site renders again only the resources whose inputs changed.

Every publish here runs in one process (no forked workers), so the renders can be counted.
"""
from __future__ import annotations

import filecmp
import os
import shutil
from pathlib import Path

import pytest

from graphbuild import build_dataset
from tests.support.tables import set_cell
from ykg.foundation import templating
from ykg.foundation.paths import DATA_DIR, TEMPLATES_DIR
from ykg.site import publish_site
from ykg.site import resource as resource_module
from ykg.site.cache import cache_file

BASE = "https://example.org/ykg"


def tree(root: Path) -> dict[str, os.stat_result]:
    """Return {relative path: stat} of every file under root."""
    return {Path(f, n).relative_to(root).as_posix(): os.stat(Path(f, n))
            for f, _, names in os.walk(root) for n in names}


def same_site(a: Path, b: Path) -> bool:
    """Return whether two sites hold the same files with the same bytes."""
    files = tree(a)
    return files.keys() == tree(b).keys() and all(
        filecmp.cmp(a / f, b / f, shallow=False) for f in files)


@pytest.fixture(scope="module")
def build():
    return build_dataset(DATA_DIR, BASE)


@pytest.fixture
def renders(monkeypatch):
    """Run publishes in this process and return the list of resource pages they render."""
    import ykg.site.parallel as parallel
    monkeypatch.setattr(parallel, "workers", lambda: 1)
    monkeypatch.setattr("ykg.site.publish.workers", lambda: 1)
    calls = []
    real = resource_module.render

    def counting(template, **context):
        calls.append(context["path"])
        return real(template, **context)
    monkeypatch.setattr(resource_module, "render", counting)
    return calls


def test_unchanged_republish_renders_and_writes_nothing(tmp_path, build, renders):
    site = tmp_path / "site"
    publish_site(build, site)
    assert len(renders) == len({p for p in renders}) > 1000
    assert cache_file(site).is_file() and cache_file(site).parent == tmp_path
    before = tree(site)
    renders.clear()
    report = publish_site(build, site)
    assert renders == [] and report.reused == report.resources
    assert report.written == 0 and report.kept == report.files == len(before)
    assert f"rendered 0 of {report.resources:,} resources" in report.text()
    after = tree(site)
    assert {f: s.st_ino for f, s in after.items()} == {f: s.st_ino for f, s in before.items()}
    assert report.broken_links == []


def test_changed_row_renders_only_what_it_touches_and_equals_a_fresh_publish(tmp_path, build,
                                                                               renders):
    site = tmp_path / "site"
    publish_site(build, site)
    before = tree(site)
    old_bytes = {f: (site / f).read_bytes() for f in before}
    data = shutil.copytree(DATA_DIR, tmp_path / "data")
    set_cell(data / "programs.csv", "p0001", "label_ja", "ものづくり企業DX加速支援事業(改)")
    changed = build_dataset(data, BASE)
    renders.clear()
    report = publish_site(changed, site)
    rendered = set(renders)
    after = tree(site)
    fresh = tmp_path / "fresh"
    publish_site(changed, fresh)
    assert same_site(site, fresh)
    differ = {f for f in after if f not in old_bytes or (site / f).read_bytes() != old_bytes[f]}
    rewritten = {f for f in after if f not in before or after[f].st_ino != before[f].st_ino}
    # exactly the files whose bytes changed were written, the rest are the old files
    assert rewritten == differ and report.written == len(differ)
    assert report.resources - report.reused == len(rendered)
    assert "doc/program/p0001.html" in rendered
    # every resource page that changed was rendered, and few others were
    assert {f for f in differ if f.startswith("doc/") and f.endswith(".html")} <= rendered
    pages = [f for f in after if f.startswith("doc/") and f.endswith(".html")]
    assert 0 < len(rendered) < len(pages) // 20
    assert "(改)" in (site / "doc/program/p0001.html").read_text("utf-8")


@pytest.fixture
def edited_templates(tmp_path, monkeypatch):
    """Use a copy of the templates whose resource page says "Sources" instead of "Source"."""
    copy = shutil.copytree(TEMPLATES_DIR, tmp_path / "templates")
    page = copy / "site/resource.html"
    text = page.read_text("utf-8")
    assert text.count("出典 / Source") == 1
    page.write_text(text.replace("出典 / Source", "出典 / Sources"), "utf-8")
    yield lambda: (monkeypatch.setattr(templating, "TEMPLATES_DIR", copy),
                   templating.environment.cache_clear())
    monkeypatch.undo()
    templating.environment.cache_clear()


def test_changed_template_renders_every_resource_again(tmp_path, build, renders, edited_templates):
    site = tmp_path / "site"
    publish_site(build, site)
    resources = len(renders)
    edited_templates()
    renders.clear()
    publish_site(build, site)
    assert len(renders) == resources
    fresh = tmp_path / "fresh"
    publish_site(build, fresh)
    assert same_site(site, fresh)
    assert "出典 / Sources" in (site / "doc/program/p0001.html").read_text("utf-8")


def test_a_file_changed_in_the_site_is_made_again(tmp_path, build, renders):
    site = tmp_path / "site"
    publish_site(build, site)
    original = (site / "doc/program/p0002.ttl").read_bytes()
    os.unlink(site / "doc/program/p0002.ttl")  # the old site's file is never written through
    (site / "doc/program/p0002.ttl").write_bytes(original + b"# edited by hand\n")
    renders.clear()
    report = publish_site(build, site)
    assert renders == ["doc/program/p0002.html"]
    assert report.written == 1
    assert (site / "doc/program/p0002.ttl").read_bytes() == original


def test_an_unreadable_cache_is_an_empty_one(tmp_path, build, renders):
    site = tmp_path / "site"
    publish_site(build, site)
    resources = len(renders)
    cache_file(site).write_bytes(b"not a cache")
    renders.clear()
    report = publish_site(build, site)
    assert len(renders) == resources
    assert report.written == 0  # rendered again, and the same bytes: the old files are kept
    renders.clear()
    publish_site(build, site)  # the cache is whole again
    assert renders == []
