"""Several plans in one graph (issue 13): three synthetic plans, and the document beside one.

Each plan of benchmarks/synth.py is the document's tables with every text marked synthetic, so
every count per plan equals the document's; ids are scoped per plan, so nothing collides.
"""
from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.synth import plan_id, write_plans
from graphbuild import build_dataset, write_build
from graphbuild.errors import DataError
from graphbuild.validate import validate_build
from ykg.catalogue import run_query
from ykg.foundation.constants import DESCRIPTION, PREFIXES, RDF_TYPE
from ykg.foundation.paths import DATA_DIR
from ykg.store import store_from_build

BASE = "https://w3id.org/ykg"
IN_PLAN = PREFIXES["ykg"] + "inPlanSet"
PLAN_SET = PREFIXES["ykg"] + "PlanSet"
N = 3


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    """The document as a synthetic plan copies it: without its links to other datasets."""
    data = tmp_path_factory.mktemp("document") / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("outside_links.csv"))
    return build_dataset(data)


@pytest.fixture(scope="module")
def synth_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth")
    write_plans(N, out)
    return out


@pytest.fixture(scope="module")
def three(synth_dir):
    return build_dataset(synth_dir)


@pytest.fixture(scope="module")
def three_store(three):
    return store_from_build(three)


def _plan_of(build) -> dict[str, str]:
    return {q.subject.value: q.object.value for q in build.quads if q.predicate.value == IN_PLAN}


def _class_counts(build) -> Counter:
    """Count (plan, class) of every entity of a plan (the one dataset description aside)."""
    plan = _plan_of(build)
    described = f"{BASE}/graph/{DESCRIPTION}"
    seen = {(q.subject.value, q.object.value) for q in build.quads
            if q.predicate.value == RDF_TYPE and q.subject.value in plan
            and q.graph_name.value != described}
    return Counter((plan[s], c) for s, c in seen)


def test_the_plans_are_the_folders(three):
    assert [p.id for p in three.plans] == [plan_id(k) for k in range(1, N + 1)]
    assert all("合成" in p.label_ja and "synthetic" in p.label_en for p in three.plans)
    assert all(p.iri == f"{BASE}/id/plan-set/{p.id}" for p in three.plans)


def test_counts_per_plan_equal_the_document(document, three):
    doc = Counter({c: n for (_, c), n in _class_counts(document).items()})
    per_plan = _class_counts(three)
    for plan in three.plans:
        assert {c: n for (p, c), n in per_plan.items() if p == plan.iri} == dict(doc), plan.id


def test_no_id_collides_and_every_entity_has_one_plan(document, three):
    plan = _plan_of(three)
    members = Counter(q.subject.value for q in three.quads if q.predicate.value == IN_PLAN)
    assert set(members.values()) == {1}
    # N plans, each as many members as the document: no IRI is shared between two plans.
    assert len(plan) == N * len(_plan_of(document))
    for iri, p in plan.items():
        scope = p.rsplit("/", 1)[1]
        kind, rest = iri[len(f"{BASE}/id/"):].split("/", 1)
        assert rest.startswith(scope + "/"), iri


def test_labels_are_marked_synthetic(three):
    labels = [q.object for q in three.quads if q.predicate.value == PREFIXES["rdfs"] + "label"
              and "/id/" in q.subject.value]
    assert labels and all(("合成" if x.language == "ja" else "synthetic") in x.value
                          for x in labels)


def test_shared_vocabulary_is_one_thing(document, three):
    techs = {q.subject.value for q in three.quads if q.predicate.value == RDF_TYPE
             and q.object.value == PREFIXES["ykg"] + "Technology"}
    assert techs == {q.subject.value for q in document.quads if q.predicate.value == RDF_TYPE
                     and q.object.value == PREFIXES["ykg"] + "Technology"}


def test_queries_filter_by_plan(three_store):
    every = run_query(three_store, "budget-by-project").as_dicts()
    assert len(every) == 10 * N
    for k in range(1, N + 1):
        only = run_query(three_store, "budget-by-project",
                         {"plan": f"plan-set/{plan_id(k)}"}).as_dicts()
        assert len(only) == 10 and {r["plan_label"] for r in only} == {
            f"【合成{k:03d}】計画セット {k:03d}"}
        assert [r["own_budget_kyen"] for r in only] == [
            r["own_budget_kyen"] for r in every if r["plan_label"] == only[0]["plan_label"]]
    by_name = run_query(three_store, "projects-without-budget",
                        {"plan": "【合成002】計画セット 002"}).as_dicts()
    assert [r["project_no"] for r in by_name] == [9]


def test_the_synthetic_build_validates(three):
    report = validate_build(three)
    assert report.conforms, report.text()


def test_two_builds_are_byte_identical(three, synth_dir, tmp_path):
    again = build_dataset(synth_dir)
    a, b = write_build(three, tmp_path / "a"), write_build(again, tmp_path / "b")
    for x, y in zip(a, b):
        assert x.read_bytes() == y.read_bytes(), x.name


def test_the_document_keeps_its_iris_beside_another_plan(tmp_path):
    document = build_dataset(DATA_DIR)
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    neighbour = data / "plans" / "neighbour"
    shutil.copytree(DATA_DIR, neighbour)
    (neighbour / "plan_set.csv").write_text(
        "id,label_ja,label_en,note\nneighbour,隣の計画,The neighbour's plans,\n", encoding="utf-8")
    both = build_dataset(data)
    assert [p.id for p in both.plans] == ["yamaguchi-2021", "neighbour"]
    plan = _plan_of(both)
    home = f"{BASE}/id/plan-set/yamaguchi-2021"
    assert {s for s, p in plan.items() if p == home} == set(_plan_of(document))
    scoped = {s for s, p in plan.items() if p != home}
    assert len(scoped) == len(_plan_of(document))
    assert all(s.split("/id/", 1)[1].split("/")[1] == "neighbour" for s in scoped)
    doc_subjects = {q.subject.value for q in document.quads if "/id/" in q.subject.value}
    assert doc_subjects <= {q.subject.value for q in both.quads}


def test_a_plan_folder_named_against_its_id_is_refused(synth_dir, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(synth_dir / "plans" / plan_id(1), data / "plans" / "other")
    with pytest.raises(DataError) as err:
        build_dataset(data)
    assert "differs from its folder's name 'other'" in err.value.report()


def test_shared_rows_must_agree(synth_dir, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(synth_dir / "plans", data / "plans")
    techs = data / "plans" / plan_id(2) / "technologies.csv"
    lines = techs.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("【合成】", "【別】", 1)
    techs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        build_dataset(data)
    assert "rows of shared vocabulary must be the same in every plan" in err.value.report()


# Build in a fresh process (one thread, so the build may fork) with FORK_PLANS set; print the forks
# it made, or the problems it found.
FORKING_BUILD = """
import os, sys
from pathlib import Path
import graphbuild.build as b
from graphbuild.errors import DataError
forks, fork = [], os.fork
def counted():
    pid = fork()
    if pid:
        forks.append(pid)
    return pid
os.fork = counted
b.FORK_PLANS = int(sys.argv[3])
try:
    b.write_build(b.build_dataset(Path(sys.argv[1])), Path(sys.argv[2]))
except DataError as exc:
    print(exc.report())
    sys.exit(2)
print(len(forks), "forks")
"""


def forking_build(data: Path, out: Path, fork_plans: int):
    import subprocess
    import sys
    return subprocess.run([sys.executable, "-c", FORKING_BUILD, str(data), str(out), str(fork_plans)],
                          capture_output=True, text=True, timeout=600)


def test_plans_mapped_in_two_processes_give_the_same_bytes(synth_dir, tmp_path):
    forked = forking_build(synth_dir, tmp_path / "forked", 2)
    alone = forking_build(synth_dir, tmp_path / "alone", 10**9)
    assert (forked.returncode, forked.stdout, forked.stderr) == (0, "1 forks\n", "")
    assert (alone.returncode, alone.stdout, alone.stderr) == (0, "0 forks\n", "")
    for name in ("graph.nt", "graph.ttl", "graph.trig", "graph.jsonld"):
        assert (tmp_path / "forked" / name).read_bytes() == (tmp_path / "alone" / name).read_bytes()


def test_problems_of_the_forked_half_are_reported_as_alone(synth_dir, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(synth_dir / "plans", data / "plans")
    programs = data / "plans" / plan_id(3) / "programs.csv"  # mapped by the forked process
    lines = programs.read_text(encoding="utf-8").splitlines()
    lines[2] = "!" + lines[2]  # not an id
    programs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (data / "plans" / plan_id(1) / "readings.tsv").write_text("子育て\n", encoding="utf-8")
    forked = forking_build(data, tmp_path / "forked", 2)
    alone = forking_build(data, tmp_path / "alone", 10**9)
    assert forked.returncode == alone.returncode == 2 and forked.stderr == ""
    assert forked.stdout == alone.stdout
    assert f"plans/{plan_id(3)}/programs.csv:3:id:" in forked.stdout
    assert f"plans/{plan_id(1)}/readings.tsv:1:-: a line of readings.tsv is a text" in forked.stdout
    assert not (tmp_path / "forked").exists()


def _children(pid: int) -> list[int]:
    return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _running(pid: int) -> bool:
    """Tell whether a process exists and is not a zombie (an orphan nobody reaped is gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_killed_build_leaves_no_mapping_process(synth_dir, tmp_path):
    import subprocess
    import sys
    from tests.support.net import wait_until
    proc = subprocess.Popen([sys.executable, "-c", FORKING_BUILD, str(synth_dir), str(tmp_path / "o"),
                             "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        mapper = wait_until(lambda: _children(proc.pid), 120, "the forked mapping process")
    finally:
        proc.kill()
        proc.wait()
    assert len(mapper) == 1
    wait_until(lambda: not _running(mapper[0]), 30, "the mapping process to end with its parent")
    assert not (tmp_path / "o").exists()


def test_synth_cli_writes_what_build_reads(tmp_path):
    from benchmarks.synth import main
    assert main(["2", str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out" / "plans").iterdir()) == [
        plan_id(1), plan_id(2)]
    assert not list(Path(tmp_path / "out").glob("*.csv"))
