"""The settings tables of data/ drive the build: labels, checks, origins."""
from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild import DataError, build_dataset
from tests.support.tables import edit_csv, set_cell
from ykg.foundation.errors import UserError


def _problems(data: Path) -> list[str]:
    """Return the problems of building from data, its folder written `data/` for short."""
    with pytest.raises(DataError) as exc:
        build_dataset(data)
    return [str(p).replace(f"{data}/", "data/") for p in exc.value.problems]


def _labels(build, suffix: str) -> set[str]:
    return {q.object.value for q in build.quads if q.subject.value.endswith(suffix)
            and q.predicate.value.endswith("#label")}


def test_data_error_is_a_user_error():
    error = DataError([])
    assert isinstance(error, UserError) and error.exit_code == 2
    assert error.report().endswith("nothing was written.")


def test_label_patterns_come_from_texts_csv(data_copy):
    set_cell(data_copy / "texts.csv", "fiscal-year", "text_en", "Fiscal year {year}-{next_year}")
    set_cell(data_copy / "roles.csv", "honbucho", "label_en", "Chief")
    b = build_dataset(data_copy)
    assert "Fiscal year 2021-2022" in _labels(b, "/id/fy/2021")
    assert _labels(b, "/id/role/honbucho") == {"本部長", "Chief"}


def test_missing_text_and_bad_pattern_are_problems(data_copy):
    edit_csv(data_copy / "texts.csv", lambda rows: rows.remove(next(r for r in rows
                                                                if r[0] == "person")))
    set_cell(data_copy / "texts.csv", "goal-listing", "text_en", "Listing {nothing}")
    problems = _problems(data_copy)
    assert "data/texts.csv:0:-: no text 'person', which the build needs" in problems
    assert any(p.startswith("data/texts.csv:") and ":text_en: cannot fill in the pattern" in p
               and "nothing" in p for p in problems)


def test_unknown_role_concept_and_organizer(data_copy):
    set_cell(data_copy / "posts.csv", "01", "role", "king")
    set_cell(data_copy / "initiatives.csv", "1-01", "block", "revised")
    set_cell(data_copy / "meetings.csv", "2021-02-17", "organizers", "digital-suishin-honbu|nobody")
    problems = _problems(data_copy)
    assert "data/posts.csv:2:role: unknown role 'king' (not an id in data/roles.csv)" in problems
    assert any(":block: unknown blocks concept 'revised'" in p for p in problems)
    assert any(p.startswith("data/meetings.csv:2:organizers: unknown department 'nobody'")
               for p in problems)
    assert len(problems) == 3


def test_one_row_settings_and_one_basic_policy(data_copy):
    edit_csv(data_copy / "budgets.csv", lambda rows: rows.append(list(rows[1])))
    set_cell(data_copy / "plans.csv", "action-plan", "kind", "basic-policy")
    problems = _problems(data_copy)
    assert "data/budgets.csv:3:-: data/budgets.csv holds one row only" in problems
    assert any(p.startswith("data/plans.csv:") and "a second basic-policy plan" in p
               for p in problems)


def test_texts_table_is_required(data_copy):
    (data_copy / "texts.csv").unlink()
    assert _problems(data_copy) == ["data/texts.csv:0:-: file is missing (every table is "
                                    "required; a table without rows holds its header line only)"]


def test_revision_comes_from_revisions_csv(data_copy):
    set_cell(data_copy / "revisions.csv", "sogo-senryaku-2-r2021", "label_en", "The 2021 revision")
    b = build_dataset(data_copy)
    assert "The 2021 revision" in _labels(b, "/id/revision/sogo-senryaku-2-r2021")
    assert b.origins[f"{b.base}/id/revision/sogo-senryaku-2-r2021"] == f"{data_copy}/revisions.csv:2"
