"""ykg publish --previous: the earlier edition's dumps kept as versions, the changes page, the
"changed since" box of each changed resource and the explorer's editions toggle (Chromium).
"""
from __future__ import annotations

import csv
import gzip
import io
import shutil
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from ykg.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
sys.path.insert(0, str(FIXTURES / "editions"))
from make_edition import make_edition  # noqa: E402

DCAT = "http://www.w3.org/ns/dcat#"
SETTLED = "() => window.ykgExplore && window.ykgExplore.settled === true && window.ykgExplore.editions"


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The previous edition's site (the mini fixture) and this edition's, published --previous."""
    root = tmp_path_factory.mktemp("sites")
    shutil.copytree(FIXTURES / "mini", root / "old-data")
    make_edition(root / "new-data")
    runner = CliRunner()
    first = runner.invoke(main, ["publish", "--data", str(root / "old-data"), "--out",
                                 str(root / "old")])
    assert first.exit_code == 0, first.output
    second = runner.invoke(main, ["publish", "--data", str(root / "new-data"), "--out",
                                  str(root / "new"), "--previous", str(root / "old")])
    assert second.exit_code == 0, second.output
    return root / "old", root / "new"


@pytest.fixture(scope="module")
def versions(sites):
    return list(ox.parse(path=str(sites[1] / "editions.ttl"), format=ox.RdfFormat.TURTLE))


def _objects(triples, subject_end: str, pred: str) -> set[str]:
    return {t.object.value for t in triples if t.subject.value.endswith(subject_end)
            and t.predicate.value == pred}


def test_previous_dumps_are_kept_as_a_version(sites, versions):
    old, new = sites
    folders = list((new / "editions").iterdir())
    assert len(folders) == 1
    for name in ("ykg.trig", "ykg.ttl", "ykg.nt.gz", "ykg.jsonld"):
        assert (folders[0] / name).read_bytes() == (old / "dumps" / name).read_bytes()
    current = _objects(versions, "/dataset/ykg", DCAT + "hasCurrentVersion")
    assert len(current) == 1
    now = current.pop()
    assert len(_objects(versions, "/dataset/ykg", DCAT + "hasVersion")) == 2
    previous = _objects(versions, now, DCAT + "previousVersion")
    assert len(previous) == 1
    urls = {t.object.value for t in versions if t.predicate.value == DCAT + "downloadURL"}
    assert {u.rsplit("/", 2)[1] for u in urls} == {folders[0].name}
    assert {u.rsplit("/", 1)[1] for u in urls} == {"ykg.trig", "ykg.ttl", "ykg.nt.gz", "ykg.jsonld"}
    assert gzip.decompress((folders[0] / "ykg.nt.gz").read_bytes())


def test_changes_page_and_files(sites):
    new = sites[1]
    page = (new / "changes.html").read_text()
    for text in ("program/p0999", "program/p0012", "sakigake-listing/03-03", "観光・スポーツ文化部",
                 "Solving Local Issues Together!", "+8,000"):
        assert text in page
    assert 'href="doc/program/p0999.html"' in page  # this edition
    assert "doc/program/p0012.ttl" in page          # the previous one (removed here)
    rows = list(csv.DictReader(io.StringIO((new / "changes.csv").read_text())))
    assert len([r for r in rows if r["change"] != "version"]) == 25
    assert '<a href="changes.html">変更 / Changes</a>' in (new / "index.html").read_text()


def test_changed_resources_say_what_changed(sites):
    new = sites[1]
    dept = (new / "doc/org/kanko-sports-bunka-bu.html").read_text()
    assert "Changed since the previous edition" in dept and "観光スポーツ文化部" in dept
    box = dept.split('<section class="changes-since"', 1)[1].split("</section>", 1)[0]
    old_ttl = box.split('<a href="', 1)[1].split('"', 1)[0]  # the previous description
    described = (new / "doc/org" / old_ttl).resolve().read_text()
    assert '"観光スポーツ文化部"@ja' in described
    assert "Added in this edition" in (new / "doc/program/p0999.html").read_text()
    assert "changes-since" not in (new / "doc/program/p0001.html").read_text()


def test_without_previous_nothing_changes(sites):
    old = sites[0]
    assert not (old / "changes.html").exists() and not (old / "editions.ttl").exists()
    assert "ykg-editions" not in (old / "explore.html").read_text()


def test_bad_previous_is_a_user_error(tmp_path):
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(main, ["publish", "--data", str(FIXTURES / "mini"), "--out",
                                       str(tmp_path / "site"), "--previous", str(tmp_path / "empty")])
    assert result.exit_code == 2 and "without graph.trig" in result.stderr


@pytest.mark.browser
def test_explorer_toggle_colours_the_editions(browser, sites):
    page, log = browser.open((sites[1] / "explore.html").as_uri() + "?editions=1")
    page.wait_for_function(SETTLED, timeout=30000)
    coloured = page.evaluate("() => window.ykgExplore.editions.coloured")
    drawn = set(page.evaluate("() => window.ykgExplore.drawn"))
    assert {k: v for k, v in coloured.items() if k in drawn} == {
        "sakigake/03": "changed", "sakigake/04": "changed", "sakigake/07": "changed",
        "sakigake/08": "changed", "org/kanko-sports-bunka-bu": "changed",
        "org/shoko-rodo-bu": "changed", "org/sogo-kikaku-bu": "changed"}
    assert coloured["program/p0012"] == "removed"  # drawn beside its former department
    border = page.evaluate("() => window.ykgExplore.nodes.get('sakigake/07').color.border")
    assert border.upper() == "#E8A200"
    budget = page.eval_on_selector_all("#x-editions-budgets tr[data-id]", "els => els.map(e => e.dataset.id)")
    assert set(budget) == {"sakigake/03", "sakigake/04", "sakigake/07", "sakigake/08",
                           "org/shoko-rodo-bu", "org/sogo-kikaku-bu"}
    page.click("#x-editions-toggle")
    page.wait_for_function("() => !window.ykgExplore.editions.on")
    assert page.evaluate("() => window.ykgExplore.nodes.get('program/p0012')") is None
    assert page.evaluate("() => window.ykgExplore.nodes.get('sakigake/07').color.border") != border
    page.click("#x-editions-toggle")
    page.wait_for_function("() => window.ykgExplore.editions.on")
    page.evaluate("() => { window.ykgExplore.settled = false; }")
    page.goto((sites[1] / "explore.html").as_uri() + "?editions=1&focus=program/p0999")
    page.wait_for_function(SETTLED, timeout=30000)
    assert page.evaluate("() => window.ykgExplore.editions.coloured")["program/p0999"] == "added"
    assert not log.page_errors and not log.console_errors and not log.outside
