"""Bad input: one clear message per problem with file:row:column, exit 2, no traceback, nothing written."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from graphbuild import DataError, build_dataset
from graphbuild.tables import parse_amount
from tests.support.tables import edit_csv, set_cell


def _graph_files(out: Path) -> dict[str, bytes]:
    """Return the bytes of the four graph files in out (the folder may hold others)."""
    return {p.name: p.read_bytes() for p in sorted(out.glob("graph.*"))}


def _ykg(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "ykg.cli", *args], capture_output=True,
                          text=True, cwd=cwd)


def _problems(data: Path) -> list[str]:
    """Return the problems of building from data, its folder written `data/` for short."""
    with pytest.raises(DataError) as exc:
        build_dataset(data)
    return [str(p).replace(f"{data}/", "data/") for p in exc.value.problems]


def test_missing_column(data_copy):
    edit_csv(data_copy / "programs.csv",
             lambda rows: [r.pop(rows[0].index("department")) for r in rows[::-1]])
    assert _problems(data_copy) == ["data/programs.csv:1:department: missing column 'department'; "
                                    "the references to its rows were not checked"]


def test_unknown_department(data_copy):
    line = set_cell(data_copy / "programs.csv", "p0001", "department", "no-such-bu")
    assert _problems(data_copy) == [
        f"data/programs.csv:{line}:department: unknown department 'no-such-bu' "
        "(not an id in data/departments.csv)"]


def test_duplicate_id(data_copy):
    line = set_cell(data_copy / "sakigake_projects.csv", "02", "id", "01")
    problems = _problems(data_copy)
    assert f"data/sakigake_projects.csv:{line}:id: duplicate id '01' (first on row 2)" in problems


def test_dangling_reference(data_copy):
    line = set_cell(data_copy / "sakigake_components.csv", "01-01", "program", "p9999")
    assert _problems(data_copy) == [
        f"data/sakigake_components.csv:{line}:program: unknown program 'p9999' "
        "(not an id in data/programs.csv)"]


def test_amount_that_is_not_a_number(data_copy):
    line = set_cell(data_copy / "sakigake_components.csv", "01-01", "amount_kyen", "45,58六")
    assert _problems(data_copy) == [
        f"data/sakigake_components.csv:{line}:amount_kyen: not a number: '45,58六'"]


def test_full_width_digits_and_commas_are_numbers(data_copy):
    assert parse_amount("４５，５８６") == 45586
    assert parse_amount("1,572,734千円") == 1572734
    set_cell(data_copy / "sakigake_components.csv", "01-01", "amount_kyen", "４５，５８６")
    b = build_dataset(data_copy)
    values = {q.object.value for q in b.quads if q.predicate.value.endswith("#statedAmountKyen")
              and q.subject.value.endswith("/sakigake-listing/01-01")}
    assert values == {"45586.0"}


def test_file_that_is_not_utf8(data_copy):
    path = data_copy / "departments.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp932"))
    problems = _problems(data_copy)
    assert len(problems) >= 1
    assert problems[0].startswith("data/departments.csv:2:byte ")
    assert "is not UTF-8" in problems[0]


def test_every_problem_is_reported_at_once(data_copy):
    set_cell(data_copy / "programs.csv", "p0001", "department", "nowhere")
    set_cell(data_copy / "sakigake_components.csv", "01-02", "amount_kyen", "x")
    assert len(_problems(data_copy)) == 2


def test_cli_exit_2_no_traceback_and_nothing_written(data_copy, tmp_path):
    out = tmp_path / "out"
    ok = _ykg("build", "--out", str(out), "--data", str(data_copy))
    assert ok.returncode == 0, ok.stderr
    before = _graph_files(out)
    assert sorted(before) == ["graph.jsonld", "graph.nt", "graph.trig", "graph.ttl"]
    set_cell(data_copy / "programs.csv", "p0001", "department", "nowhere")
    bad = _ykg("build", "--out", str(out), "--data", str(data_copy))
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr + bad.stdout
    assert f"{data_copy}/programs.csv:" in bad.stderr
    assert ":department: unknown department" in bad.stderr
    assert _graph_files(out) == before
    for cmd in (["validate"], ["stats"]):
        r = _ykg(*cmd, "--data", str(data_copy))
        assert r.returncode == 2 and "Traceback" not in r.stderr


def test_bad_base_iri_is_a_clear_error(tmp_path):
    r = _ykg("build", "--out", str(tmp_path), "--base", "not an iri/")
    assert r.returncode == 2
    assert "--base must be an absolute http(s) IRI" in r.stderr
    assert "Traceback" not in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_failure_while_serializing_replaces_nothing(tmp_path, monkeypatch):
    from graphbuild import build as build_mod
    out = tmp_path / "out"
    b = build_dataset()
    build_mod.write_build(b, out)
    before = _graph_files(out)

    def boom(_):
        raise OSError("disk full")
    monkeypatch.setitem(build_mod.SERIALIZERS, "graph.jsonld", boom)
    with pytest.raises(OSError):
        build_mod.write_build(b, out)
    assert _graph_files(out) == before


def test_messages_name_the_folder_as_given(data_copy):
    set_cell(data_copy / "programs.csv", "p0001", "department", "nowhere")
    r = _ykg("build", "--out", "out", "--data", "data", cwd=data_copy.parent)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.startswith("data/programs.csv:2:department: unknown department 'nowhere'")
    r = _ykg("build", "--out", "out", "--data", "./data/", cwd=data_copy.parent)
    assert r.stderr.startswith("data/programs.csv:2:department:")
    assert not (data_copy.parent / "out").exists()


def test_a_missing_data_folder_is_reported_once(tmp_path):
    r = _ykg("build", "--out", str(tmp_path / "out"), "--data", str(tmp_path / "nowhere"))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.strip().splitlines() == [
        f"error: --data: the folder of the tables '{tmp_path / 'nowhere'}' does not exist"]


def test_an_unreadable_file_comes_first_and_hides_what_it_causes(data_copy):
    path = data_copy / "departments.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp932"))
    set_cell(data_copy / "areas.csv", "daikoryu-ishin", "label_en", "\u200b")
    problems = _problems(data_copy)
    assert problems[0].startswith("data/departments.csv:2:byte ")
    assert problems[0].endswith("save it as UTF-8; the references to its rows were not checked")
    assert problems[1:] == ["data/areas.csv:2:label_en: invisible or control character U+200B "
                            "ZERO WIDTH SPACE"]


def test_a_loan_facility_counted_as_budget_breaks_the_shapes(built):
    from graphbuild.validate import load_graph, validate_graph
    from ykg.foundation.rdf import sorted_ntriples
    loan = "/id/funding/p0088/fy2021-loan> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    nt = sorted_ntriples(built.triples()).decode("utf-8")
    assert loan + "<https://w3id.org/ykg/def#LoanFacility>" in nt
    nt = nt.replace(loan + "<https://w3id.org/ykg/def#LoanFacility>",
                    loan + "<https://w3id.org/ykg/def#BudgetAllocation>")
    report = validate_graph(load_graph(nt.encode("utf-8")), built.origins)
    assert not report.conforms
    assert {(v.path, v.message_en) for v in report.errors} == {
        ("ykg:fundingOf", "a loan program's facility must not be counted as a budget allocation"),
        ("ykg:printedAmount", "an amount printed 融資枠 is not a budget allocation")}
    assert {v.origin for v in report.errors} == {"data/sakigake_components.csv:19"}


def test_validate_exits_1_only_when_the_graph_does_not_conform(data_copy):
    set_cell(data_copy / "sakigake_projects.csv", "10", "no", "11")
    r = _ykg("validate", "--data", str(data_copy))
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert "a project number is 1 to 10" in r.stdout
    assert "does not conform" in r.stdout
