"""Derive by rule, into the derived graph: technology tags, hiragana readings and search keys."""
from __future__ import annotations

import unicodedata

from pyoxigraph import Literal

from ykg.foundation.constants import DERIVED
from ykg.foundation.text import match_key

from .dataset import GraphBuilder, en, ja
from .mapping import ENTITY_MAPS, Context
from .readings import READING_MAX, reading
from .vocab import RDF, Y

# Which texts of which tables are searched for technology keywords.
TAGGED_TEXTS = {
    "goals": ("title_ja", "description_ja"),
    "measures": ("text_ja",),
    "programs": ("label_ja",),
    "sakigake_projects": ("label_ja", "description_ja"),
}


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def tag_technologies(ctx: Context) -> None:
    """Tag goals, measures, programs and projects with the technologies their text names."""
    techs = [(t, [p for p in (_norm(x.strip()) for x in t["patterns"].split("|")) if p])
             for t in ctx.tables["technologies"]]
    rule = [ja(ctx.text("technology-tag-rule", "ja")), en(ctx.text("technology-tag-rule", "en"))]
    g = ctx.graph
    for table, columns in TAGGED_TEXTS.items():
        for row in ctx.tables[table]:
            s = ctx.iri(table, row["id"])
            texts = [(column, _norm(row.get(column) or "")) for column in columns]
            for tech, patterns in techs:
                hit = _first_hit(texts, patterns)
                if hit is None:
                    continue
                column, pattern = hit
                t = ctx.iri("technologies", tech["id"])
                g.add(s, Y.mentionsTechnology, t, DERIVED)
                tag = ctx.minter.id("tag", f"{ENTITY_MAPS[table].path}-{row['id']}-{tech['id']}")
                g.add(tag, RDF.type, Y.TechnologyTag, DERIVED)
                g.add(tag, Y.tagSubject, s, DERIVED)
                g.add(tag, Y.tagTechnology, t, DERIVED)
                g.add(tag, Y.matchedPattern, Literal(pattern), DERIVED)
                g.add(tag, Y.matchedField, Literal(f"data/{table}.csv:{column}"), DERIVED)
                for text in rule:
                    g.add(tag, Y.rule, text, DERIVED)


def _first_hit(texts: list[tuple[str, str]], patterns):
    """Return the first (column, pattern) of the normalized texts that holds a pattern, or None."""
    for column, text in texts:
        for pattern in patterns:
            if pattern in text:
                return column, pattern
    return None


def add_search_keys(g: GraphBuilder, extra: dict[str, str] | None = None) -> None:
    """Give every labelled entity a hiragana reading and one search key (ja, reading, en).

    extra holds readings that plan folders carry for labels the package cache lacks.
    """
    for s, values in g.labels.items():
        ja_labels = sorted(v.value for v in values if v.language == "ja")
        en_labels = sorted(v.value for v in values if v.language == "en")
        readings = sorted({reading(x, extra) for x in ja_labels if len(x) <= READING_MAX} - set(ja_labels))
        for r in readings:
            g.add(s, Y.reading, Literal(r, language="ja-Hira"), DERIVED)
        key = " | ".join(match_key(x) for x in ja_labels + readings + en_labels)
        g.add(s, Y.searchKey, Literal(key), DERIVED)


def derive(ctx: Context) -> None:
    """Add every derived triple of a one-plan build."""
    tag_technologies(ctx)
    add_search_keys(ctx.graph)
