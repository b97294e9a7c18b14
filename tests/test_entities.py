"""One resolver for every command: each form of a name finds the same entity; a miss lists candidates."""
from __future__ import annotations

import pytest

from ykg.entities import EntityIndex, index_of_store, resolve
from ykg.foundation.errors import NotFound

P0005 = "https://w3id.org/ykg/id/program/p0005"
HEALTH = "https://w3id.org/ykg/id/org/kenko-fukushi-bu"


@pytest.mark.parametrize("text, iri", [
    (P0005, P0005),                               # the IRI
    ("program/p0005", P0005),                     # kind/id
    ("p0005", P0005),                             # the id alone, when only one kind has it
    ("やまぐちDX推進事業", P0005),                 # the Japanese label (the listings that repeat it are records)
    ("やまぐちＤＸ推進事業", P0005),               # full-width letters (NFKC)
    ("健康福祉部", HEALTH),                        # Japanese label
    ("けんこうふくしぶ", HEALTH),                  # the reading
    ("ケンコウフクシブ", HEALTH),                  # the reading in katakana
    ("Health and Welfare Department", HEALTH),   # the English label
    ("health and welfare department", HEALTH),   # any case
])
def test_every_form_finds_the_same_entity(store, text, iri):
    assert resolve(store, text) == iri


def test_a_number_with_a_kind_finds_the_project(store):
    assert resolve(store, "4", ["sakigake"]) == "https://w3id.org/ykg/id/sakigake/04"
    assert resolve(store, "④", ["sakigake"]) == "https://w3id.org/ykg/id/sakigake/04"


def test_an_ambiguous_number_lists_every_entity_that_has_it(store):
    with pytest.raises(NotFound) as err:
        resolve(store, "4")
    assert "sakigake/04" in str(err.value) and "strategy-goal/4" in str(err.value)
    assert err.value.exit_code == 1


def test_a_miss_names_the_closest_candidates(store):
    with pytest.raises(NotFound) as err:
        resolve(store, "けんこうふくしぶx")
    assert err.value.candidates[0] == "org/kenko-fukushi-bu 健康福祉部"
    assert "did you mean: org/kenko-fukushi-bu 健康福祉部" in err.value.report()


def test_several_entities_matching_a_part_are_listed_not_guessed(store):
    with pytest.raises(NotFound) as err:
        resolve(store, "デジタル人材")
    text = str(err.value)
    assert text.startswith("5 entities match 'デジタル人材'")
    assert "initiative/3-03 デジタル人材の育成" in text and "program/p0082" in text


def test_kinds_restrict_the_search(store):
    with pytest.raises(NotFound):
        resolve(store, "健康福祉部", ["program"])


def test_every_labelled_instance_is_indexed_once(store, ask):
    index = index_of_store(store)
    rows = ask("""SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {
      ?e rdfs:label ?l FILTER(CONTAINS(STR(?e), "/id/")) }""")
    assert len(index.entities) == rows[0]["n"]
    assert len(index.by_local) == len(index.entities)


def test_an_empty_name_is_refused():
    with pytest.raises(NotFound, match="give a name"):
        EntityIndex([]).resolve("  ")
