"""ykg diff on the test edition (tests/fixtures/editions): exactly its changes, in every format.

The edition is the mini fixture with edits.csv and added/ applied: a budget changed (04-09),
a program added (p0999 with its line 07-02), a program removed (p0012 with its goal line), a
line moved to another project (03-03: project 3 → 8), a translation corrected (project 7) and
a department renamed (観光スポーツ文化部 → 観光・スポーツ文化部).
"""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ykg.cli import main
from ykg.diff import apply_changeset, changeset_trig, diff_editions, load_side
from ykg.foundation.constants import DEFAULT_BASE

FIXTURES = Path(__file__).parent / "fixtures"
sys.path.insert(0, str(FIXTURES / "editions"))
from make_edition import make_edition  # noqa: E402

# (change, kind, id, property, old, new): every row but the version's.
EXPECTED = {
    ("added", "program", "p0999", "", "", ""),
    ("added", "sakigake-listing", "07-02", "", "", ""),
    ("removed", "goal-listing", "1-02-1-1-03", "", "", ""),
    ("removed", "program", "p0012", "", "", ""),
    ("changed", "sakigake-listing", "04-09", "ykg:printedAmount", "10,104千円", "12,000千円"),
    ("changed", "sakigake-listing", "04-09", "ykg:statedAmountKyen", "10104", "12000"),
    ("label", "org", "kanko-sports-bunka-bu", "rdfs:label@ja", "観光スポーツ文化部", "観光・スポーツ文化部"),
    ("translation", "sakigake", "07", "rdfs:label@en",
     '"Let\'s Solve Local Issues Together!" Challenge Project',
     '"Solving Local Issues Together!" Challenge Project'),
    ("translation", "sakigake-listing", "03-03", "rdfs:label@en",
     "Project 3 line 03-03: Program to promote the use of AI infrastructure inspection and diagnosis systems",
     "Project 8 line 03-03: Program to promote the use of AI infrastructure inspection and diagnosis systems"),
    ("link-removed", "sakigake", "03", "ykg:hasComponentProgram", "program/p0058", ""),
    ("link-removed", "sakigake", "03", "ykg:hasListing", "sakigake-listing/03-03", ""),
    ("link-removed", "sakigake-listing", "03-03", "ykg:listedIn", "sakigake/03", ""),
    ("link-added", "sakigake", "07", "ykg:hasComponentProgram", "", "program/p0999"),
    ("link-added", "sakigake", "07", "ykg:hasListing", "", "sakigake-listing/07-02"),
    ("link-added", "sakigake", "08", "ykg:hasComponentProgram", "", "program/p0058"),
    ("link-added", "sakigake", "08", "ykg:hasListing", "", "sakigake-listing/03-03"),
    ("link-added", "sakigake-listing", "03-03", "ykg:listedIn", "", "sakigake/08"),
    ("budget", "org", "shoko-rodo-bu", "budget_kyen", "541563", "543459"),
    ("budget", "org", "sogo-kikaku-bu", "budget_kyen", "544600", "552600"),
    ("budget", "program", "p0014", "budget_kyen", "10104", "12000"),
    ("budget", "program", "p0999", "budget_kyen", "0", "8000"),
    ("budget", "sakigake", "03", "budget_kyen", "139974", "110000"),
    ("budget", "sakigake", "04", "budget_kyen", "1154713", "1156609"),
    ("budget", "sakigake", "07", "budget_kyen", "544600", "552600"),
    ("budget", "sakigake", "08", "budget_kyen", "550600", "580574"),
}


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """The two editions as data folders: the mini fixture and the test edition."""
    root = tmp_path_factory.mktemp("editions")
    old = root / "old"
    shutil.copytree(FIXTURES / "mini", old)
    return old, make_edition(root / "new")


@pytest.fixture(scope="module")
def diff(editions):
    return diff_editions(load_side(str(editions[0]), DEFAULT_BASE),
                         load_side(str(editions[1]), DEFAULT_BASE))


def _rows(records) -> set[tuple]:
    return {(r["change"], r["kind"], r["id"], r["property"], r["old"], r["new"])
            for r in records if r["change"] != "version"}


def run(*args) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_diff_lists_exactly_the_edits(diff):
    assert {(r.change, r.kind, r.id, r.property, r.old, r.new) for r in diff.rows
            if r.change != "version"} == EXPECTED
    assert [r.change for r in diff.rows].count("version") == 1
    assert diff.old_version != diff.new_version


def test_csv_and_json_have_the_fixed_columns(editions):
    code, out, _ = run("diff", str(editions[0]), str(editions[1]), "--format", "csv")
    assert code == 0
    reader = csv.DictReader(io.StringIO(out))
    assert reader.fieldnames == ["change", "kind", "id", "label_ja", "property", "old", "new"]
    records = list(reader)
    assert _rows(records) == EXPECTED
    assert {r["label_ja"] for r in records if r["id"] == "p0999"} == {"地域課題解決ラボ運営事業"}
    code, out, _ = run("diff", str(editions[0]), str(editions[1]), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["columns"] == reader.fieldnames
    assert _rows(data["changes"]) == EXPECTED


def test_table_names_every_change(editions):
    code, out, _ = run("diff", str(editions[0]), str(editions[1]))
    assert code == 0
    assert "Budgets (千円)" in out and "+8,000" in out and "-29,974" in out
    body = [line for line in out.splitlines()[2:] if line.startswith("  ")]
    assert len(body) == len(EXPECTED) + 1  # and the version line
    for _, kind, ident, *_ in EXPECTED:
        assert f"{kind}/{ident}" in out


def test_changeset_parses_and_applies(diff):
    import pyoxigraph as ox
    trig = changeset_trig(diff)
    assert trig == changeset_trig(diff)  # deterministic
    quads = list(ox.parse(trig, format=ox.RdfFormat.TRIG))
    prov = "http://www.w3.org/ns/prov#"
    revision = [q for q in quads if q.predicate.value == prov + "wasRevisionOf"]
    assert len(revision) == 1 and revision[0].subject.value.endswith(diff.new_version)
    assert revision[0].object.value.endswith(diff.old_version)
    assert set(apply_changeset(diff.old.quads, trig)) == set(diff.new.quads)
    # The statements it moves about entities are those of the diff's entities (and parts).
    touched = {q.subject.value.split("/id/", 1)[1] for q in quads
               if "/changes/" in str(q.graph_name) and "/id/" in q.subject.value
               and q.graph_name.value.rsplit("/", 1)[1] in ("document", "labels-en", "curated")}
    named = {f"{k}/{i}" for _, k, i, *_ in EXPECTED}
    assert {t for t in touched if t.split("/")[0] not in ("funding", "amount")} == named - {
        "org/shoko-rodo-bu", "org/sogo-kikaku-bu", "program/p0014", "sakigake/04"} | {
        "link/l080", "link/l104", "link/l145"}  # budgets only; labels quoting project 7


def test_rdf_format_is_the_changeset(editions, diff):
    code, out, _ = run("diff", str(editions[0]), str(editions[1]), "--format", "rdf")
    assert code == 0 and out.encode() == changeset_trig(diff)


def test_builds_dumps_and_sites_compare_alike(editions, tmp_path):
    for name, folder in (("old", editions[0]), ("new", editions[1])):
        assert run("build", "--data", str(folder), "--out", str(tmp_path / name))[0] == 0
    code, out, _ = run("diff", str(tmp_path / "old"), str(tmp_path / "new" / "graph.trig"),
                       "--format", "csv")
    assert code == 0 and _rows(csv.DictReader(io.StringIO(out))) == EXPECTED
    code, out, _ = run("diff", str(tmp_path / "old"), str(editions[0]))
    assert code == 0 and "no changes" in out


def test_git_revisions(editions, tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    shutil.copytree(editions[0], repo / "data", dirs_exist_ok=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "old"], check=True)
    shutil.rmtree(repo / "data")
    shutil.copytree(editions[1], repo / "data")
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "new"], check=True)
    shutil.rmtree(repo / "data")  # the work tree is not read: only the revisions are
    monkeypatch.chdir(repo)
    code, out, _ = run("diff", "git:HEAD~1", "git:HEAD", "--format", "csv")
    assert code == 0 and _rows(csv.DictReader(io.StringIO(out))) == EXPECTED
    assert not (repo / "data").exists()
    status = subprocess.run([*git, "status", "--porcelain"], capture_output=True, text=True)
    assert all(line.startswith(" D data/") for line in status.stdout.splitlines())  # ours only


@pytest.mark.parametrize("side, message", [
    ("/no/such/folder", "no such file or folder"),
    ("git:no-such-revision-xyz", "git rev-parse"),
    ("git:", "give a revision"),
])
def test_bad_side_is_a_user_error(editions, side, message):
    code, _, err = run("diff", side, str(editions[1]))
    assert code == 2 and message in err


def test_a_folder_without_tables_is_a_user_error(tmp_path, editions):
    code, _, err = run("diff", str(tmp_path), str(editions[1]))
    assert code == 2 and "without graph.trig" in err
