"""The id registry is kept in step with the tables; settings tables are not registered."""
from graphbuild.readings import cached_readings, compute_reading
from graphbuild.registry import read_registry, registry_rows
from graphbuild.tables import SETTINGS_TABLES
from ykg.foundation.paths import DATA_DIR


def test_every_id_is_registered(built):
    registered = {(t, i) for t, i, _ in read_registry(DATA_DIR)}
    current = {(t, i) for t, i, _ in registry_rows(built.tables)}
    assert current - registered == set(), "run `ykg registry` to register new ids"


def test_no_registered_id_was_removed(built):
    registered = {(t, i) for t, i, _ in read_registry(DATA_DIR)}
    current = {(t, i) for t, i, _ in registry_rows(built.tables)}
    assert registered - current == set(), "ids are never removed or renamed once registered"


def test_settings_tables_are_not_registered(built):
    assert {t for t, _, _ in registry_rows(built.tables)} & SETTINGS_TABLES == set()
    assert built.tables["texts"] and built.tables["schemes"]


def test_cached_reading_matches_pykakasi():
    text = "子育てAIコンシェルジュ導入事業"
    expected = "こそだてAIこんしぇるじゅどうにゅうじぎょう"
    assert cached_readings()[text] == compute_reading(text) == expected
