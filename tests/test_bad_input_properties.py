"""Properties of the CSV reader, amounts and IRI minting, over generated input (hypothesis)."""
from __future__ import annotations

import csv
import io
import unicodedata
from decimal import Decimal

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphbuild.cells import AMOUNT_MAX, ID_RE, parse_amount, refused_character, visible
from graphbuild.errors import Problem
from graphbuild.tables import SPECS, read_table
from graphbuild.vocab import Minter
from ykg.foundation.errors import UserError

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
SPEC = SPECS["technologies"]  # id:id label_ja:text! label_en:text! patterns:text! note:text

ids = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
texts = st.text(st.characters(blacklist_categories=("Cc", "Cf", "Co", "Cs", "Zl", "Zp")),
                min_size=1, max_size=40).filter(
    lambda t: t == t.strip() and visible(t) and refused_character(t) is None)


def _csv(rows: list[list[str]]) -> bytes:
    buf = io.StringIO(newline="")
    # Every cell quoted: a bare CR would end the row for any CSV reader.
    csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(rows)
    return buf.getvalue().encode("utf-8")


@SETTINGS
@given(st.lists(st.tuples(ids, texts, texts, texts), min_size=1, max_size=8))
def test_the_reader_gives_back_what_was_written(tmp_path, rows):
    path = tmp_path / "technologies.csv"
    path.write_bytes(_csv([[c.name for c in SPEC.columns]] + [[*r, ""] for r in rows]))
    problems: list[Problem] = []
    read = read_table(path, SPEC, problems, "t.csv")
    assert problems == []
    assert [(r["id"], r["label_ja"], r["label_en"], r["patterns"]) for r in read] == \
        [tuple(unicodedata.normalize("NFC", v) for v in r) for r in rows]
    assert [r.line for r in read] == list(range(2, len(rows) + 2))


@SETTINGS
@given(st.binary(max_size=400))
def test_the_reader_never_fails_on_any_bytes(tmp_path, data):
    path = tmp_path / "technologies.csv"
    path.write_bytes(b"id,label_ja,label_en,patterns,note\n" + data)
    problems: list[Problem] = []
    read = read_table(path, SPEC, problems, "t.csv")
    assert read is None or all(set(r.values) == {c.name for c in SPEC.columns} for r in read)
    assert all(p.file == "t.csv" and p.row >= 0 and "\n" not in str(p) for p in problems)


@SETTINGS
@given(st.lists(st.text(max_size=12), min_size=1, max_size=6))
def test_a_cell_is_a_value_or_a_problem_at_its_place(tmp_path, cells):
    path = tmp_path / "technologies.csv"
    row = (cells + [""] * 5)[:5]
    path.write_bytes(_csv([[c.name for c in SPEC.columns], row]))
    problems: list[Problem] = []
    read = read_table(path, SPEC, problems, "t.csv")
    for p in problems:
        assert (p.row, p.column) in {(2, c.name) for c in SPEC.columns} | {(2, "-")}, p
    if read and not problems:
        assert ID_RE.match(read[0]["id"])


@SETTINGS
@given(st.integers(min_value=1, max_value=AMOUNT_MAX))
def test_amounts_read_in_every_printed_form(n):
    full_width = f"{n:,}".translate(str.maketrans("0123456789,", "０１２３４５６７８９，"))
    for text in (str(n), f"{n:,}", f"{n:,}千円", full_width):
        assert parse_amount(text) == Decimal(n)


@SETTINGS
@given(st.text(alphabet="0123456789,.-e 千円１２", max_size=16))
def test_an_amount_is_a_whole_number_in_range_or_refused(text):
    try:
        value = parse_amount(text)
    except ValueError as exc:
        assert repr(text) in str(exc)
        return
    assert value == value.to_integral_value() and 1 <= value <= AMOUNT_MAX
    digits = unicodedata.normalize("NFKC", text).strip().removesuffix("千円").strip()
    groups = digits.split(",")
    assert len(groups) == 1 or (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]))


@SETTINGS
@given(st.integers(min_value=AMOUNT_MAX + 1, max_value=10 ** 40))
def test_amounts_out_of_range_are_refused(n):
    with pytest.raises(ValueError, match="out of range"):
        parse_amount(f"{n:,}")


@SETTINGS
@given(st.text(max_size=40))
def test_a_base_is_refused_or_mints_valid_iris(base):
    try:
        minter = Minter(base)
    except UserError as exc:
        assert "--base" in str(exc)
        return
    for node in (minter.id("program", "p0001"), minter.id("section", "s1/intro"),
                 minter.graph("document"), minter.dataset):
        assert node.value.startswith(base + "/")
        assert ox.NamedNode(node.value) == node


@SETTINGS
@given(st.sets(ids, min_size=2, max_size=20))
def test_distinct_ids_mint_distinct_iris(local_ids):
    minter = Minter("https://example.org/ykg")
    iris = {minter.id("program", i).value for i in local_ids}
    assert len(iris) == len(local_ids)
    assert {i.rsplit("/", 1)[1] for i in iris} == local_ids
