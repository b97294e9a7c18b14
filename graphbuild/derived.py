"""Derive by rule, into the derived graph: technology tags, hiragana readings and search keys."""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from pyoxigraph import Literal

from .dataset import DERIVED, GraphBuilder, en, ja
from .mapping import Mapper
from .tables import Row
from .text import match_key
from .vocab import RDF, RDFS, Y

# Which texts of which tables are searched for technology keywords.
TAGGED_TEXTS = {
    "goals": ("title_ja", "description_ja"),
    "measures": ("text_ja",),
    "programs": ("label_ja",),
    "sakigake_projects": ("label_ja", "description_ja"),
}
TAG_RULE_JA = "ラベルまたは説明に technologies.csv のキーワードが含まれる(NFKC正規化・小文字化の後の部分文字列一致)"
TAG_RULE_EN = ("the label or description contains a keyword of technologies.csv "
               "(substring match after NFKC normalization and lower-casing)")
READING_MAX = 40


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


READINGS_FILE = Path(__file__).with_name("readings.tsv")


@lru_cache(maxsize=1)
def _kakasi():
    import pykakasi  # imported here: its dictionary takes a second to load
    return pykakasi.kakasi()


@lru_cache(maxsize=1)
def _cached_readings() -> dict[str, str]:
    # Readings of the current labels, kept so that a build need not load pykakasi's dictionary.
    if not READINGS_FILE.exists():
        return {}
    pairs = (line.split("\t") for line in READINGS_FILE.read_text(encoding="utf-8").splitlines())
    return {text: hira for text, hira in pairs}


def compute_reading(text: str) -> str:
    """Return the hiragana reading of Japanese text, computed by pykakasi."""
    return "".join(part["hira"] for part in _kakasi().convert(text))


def reading(text: str) -> str:
    """Return the hiragana reading of Japanese text, from the cache or computed."""
    cached = _cached_readings().get(text)
    return cached if cached is not None else compute_reading(text)


def reading_texts(g: GraphBuilder) -> list[str]:
    """Return the Japanese labels whose readings the build uses."""
    return sorted({q.object.value for q in g.quads if q.predicate == RDFS.label
                   and q.object.language == "ja" and "/id/" in q.subject.value
                   and len(q.object.value) <= READING_MAX})


def write_readings_cache(g: GraphBuilder) -> int:
    """Rewrite readings.tsv with the readings of exactly the labels of this build; return their number."""
    texts = reading_texts(g)
    lines = [f"{t}\t{compute_reading(t)}" for t in texts if "\t" not in t and "\n" not in t]
    READINGS_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _cached_readings.cache_clear()
    return len(lines)


def tag_technologies(m: Mapper) -> None:
    """Tag goals, measures, programs and projects with the technologies their text names."""
    techs = [(t, [p for p in (_norm(x.strip()) for x in t["patterns"].split("|")) if p])
             for t in m.t["technologies"]]
    g = m.g
    for table, columns in TAGGED_TEXTS.items():
        for row in m.t[table]:
            s = m.iri(table, row["id"])
            for tech, patterns in techs:
                hit = _first_hit(row, columns, patterns)
                if hit is None:
                    continue
                column, pattern = hit
                t = m.iri("technologies", tech["id"])
                g.add(s, Y.mentionsTechnology, t, DERIVED)
                tag = m.m.id("tag", f"{m_path(m, table)}-{row['id']}-{tech['id']}")
                g.add(tag, RDF.type, Y.TechnologyTag, DERIVED)
                g.add(tag, Y.tagSubject, s, DERIVED)
                g.add(tag, Y.tagTechnology, t, DERIVED)
                g.add(tag, Y.matchedPattern, Literal(pattern), DERIVED)
                g.add(tag, Y.matchedField, Literal(f"data/{table}.csv:{column}"), DERIVED)
                g.add(tag, Y.rule, ja(TAG_RULE_JA), DERIVED)
                g.add(tag, Y.rule, en(TAG_RULE_EN), DERIVED)


def m_path(m: Mapper, table: str) -> str:
    from .mapping import ENTITY_MAPS
    return ENTITY_MAPS[table].path


def _first_hit(row: Row, columns, patterns):
    for column in columns:
        text = _norm(row.get(column) or "")
        for pattern in patterns:
            if pattern in text:
                return column, pattern
    return None


def add_search_keys(g: GraphBuilder) -> None:
    """Give every labelled entity a hiragana reading and one search key (ja, reading, en)."""
    labels: dict = {}
    for q in g.quads:
        if q.predicate == RDFS.label and "/id/" in q.subject.value:
            labels.setdefault(q.subject, []).append(q.object)
    for s, values in labels.items():
        ja_labels = sorted(v.value for v in values if v.language == "ja")
        en_labels = sorted(v.value for v in values if v.language == "en")
        # Long sentences (measures, statements) are found by their words; reading them costs time.
        readings = sorted({reading(x) for x in ja_labels if len(x) <= READING_MAX} - set(ja_labels))
        for r in readings:
            g.add(s, Y.reading, Literal(r, language="ja-Hira"), DERIVED)
        key = " | ".join(match_key(x) for x in ja_labels + readings + en_labels)
        g.add(s, Y.searchKey, Literal(key), DERIVED)


def derive(m: Mapper) -> None:
    """Add every derived triple of the build."""
    tag_technologies(m)
    add_search_keys(m.g)
