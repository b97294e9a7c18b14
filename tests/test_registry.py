"""The id registry and the readings cache are kept in step with the tables."""
from graphbuild.build import DATA_DIR
from graphbuild.derived import _cached_readings, compute_reading, reading_texts
from graphbuild.mapping import Mapper
from graphbuild.registry import read_registry, registry_rows
from graphbuild.vocab import Minter


def test_every_id_is_registered(built):
    registered = {(t, i) for t, i, _ in read_registry(DATA_DIR)}
    current = {(t, i) for t, i, _ in registry_rows(built.tables)}
    assert current - registered == set(), "run `ykg registry` to register new ids"


def test_no_registered_id_was_removed(built):
    registered = {(t, i) for t, i, _ in read_registry(DATA_DIR)}
    current = {(t, i) for t, i, _ in registry_rows(built.tables)}
    assert registered - current == set(), "ids are never removed or renamed once registered"


def test_readings_cache_covers_every_label_and_matches_pykakasi(built):
    texts = reading_texts(Mapper(built.tables, Minter()).run())
    cache = _cached_readings()
    assert [t for t in texts if t not in cache] == [], "run `ykg registry` to refresh the cache"
    for text in texts[::50]:
        assert cache[text] == compute_reading(text)
    assert cache["子育てAIコンシェルジュ導入事業"] == "こそだてAIこんしぇるじゅどうにゅうじぎょう"
