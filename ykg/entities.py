"""Find the entity a user means, whatever form they give: IRI, kind/id, label, reading or number.

Every command that takes an entity (views, paths, query parameters) resolves it here, so all of
them accept the same forms and answer a miss with the closest candidates.
"""
from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from ykg.foundation.constants import PREFIXES, RECORD_CLASSES
from ykg.foundation.errors import NotFound
from ykg.foundation.sparql import prefix_block, select_dicts
from ykg.foundation.text import match_key

MAX_LISTED = 12
MAX_CANDIDATES = 5


@dataclass(frozen=True)
class Entity:
    """What resolution needs to know of one entity."""

    iri: str
    local: str                 # the path after /id/: kind/id
    label_ja: str
    label_en: str
    number: int | None = None
    keys: tuple[str, ...] = ()  # match keys of the labels and the reading
    record: bool = False        # a listing line, budget line, tag or link about other entities

    @property
    def shown(self) -> str:
        return f"{self.local} {self.label_ja}"


def local_of(iri: str) -> str:
    """Return the kind/id of an instance IRI: the path after its last `/id/`."""
    head, sep, tail = iri.rpartition("/id/")
    return tail if sep else iri


class EntityIndex:
    """A set of entities to look names up in."""

    def __init__(self, entities: Iterable[Entity], what: str = "entity"):
        self.entities = sorted(entities, key=lambda e: e.local)
        self.what = what
        self.by_local = {e.local: e for e in self.entities}
        self.by_iri = {e.iri: e for e in self.entities}

    def resolve(self, text: str) -> Entity:
        """Return the one entity text names, or raise NotFound with the closest candidates."""
        text = (text or "").strip()
        if not text:
            raise NotFound(f"give a name or id to look for ({self.what})")
        direct = self.by_iri.get(text) or self.by_local.get(text)
        if direct is not None:
            return direct
        plain = unicodedata.normalize("NFKC", text)
        if plain.isdigit():
            return self._by_number(int(plain), text)
        by_id = [e for e in self.entities if e.local.rsplit("/", 1)[-1].lower() == text.lower()]
        if len(by_id) == 1:
            return by_id[0]
        return self._by_name(text)

    def _by_number(self, number: int, text: str) -> Entity:
        numbered = [e for e in self.entities if e.number == number]
        if len(numbered) == 1:
            return numbered[0]
        if not numbered:
            raise NotFound(f"no {self.what} has the number {text}")
        raise NotFound(f"{len(numbered)} entities have the number {text}: "
                       f"{self._listing(numbered)}. Give the name or the id (e.g. sakigake/04).")

    def _by_name(self, text: str) -> Entity:
        key = match_key(text)
        if not key:
            raise NotFound(f"nothing left to look for in {text!r} after normalization")
        hits = [e for e in self.entities if any(key in k for k in e.keys)]
        if not hits:
            raise NotFound(f"no {self.what} matches {text!r}", self.closest(key))
        # The best tier decides: a whole name, then the start of a name, then any part of it.
        exact = [e for e in hits if key in e.keys]
        prefix = [e for e in hits if any(k.startswith(key) for k in e.keys)]
        shown = next(tier for tier in (exact, prefix, hits) if tier)
        shown = [e for e in shown if not e.record] or shown
        if len(shown) == 1:
            return shown[0]
        raise NotFound(f"{len(shown)} entities match {text!r}: {self._listing(shown)}. "
                       "Give more of the name or the id (e.g. program/p0001).")

    def closest(self, key: str) -> list[str]:
        """Return the entities whose names are nearest to a match key, best first."""
        names: dict[str, Entity] = {}
        # Entities before records, so that a record never hides the entity it repeats.
        for e in sorted(self.entities, key=lambda e: e.record):
            for k in e.keys:
                names.setdefault(k, e)
        near = difflib.get_close_matches(key, list(names), n=MAX_CANDIDATES * 3, cutoff=0.4)
        out: list[str] = []
        for k in near:
            if names[k].shown not in out:
                out.append(names[k].shown)
        return out[:MAX_CANDIDATES]

    @staticmethod
    def _listing(entities: list[Entity]) -> str:
        more = f" and {len(entities) - MAX_LISTED} more" if len(entities) > MAX_LISTED else ""
        return "; ".join(e.shown for e in entities[:MAX_LISTED]) + more


ENTITIES_QUERY = prefix_block(PREFIXES, ("rdfs", "ykg")) + f"""SELECT ?e ?ja ?en ?num ?key ?record WHERE {{
  ?e rdfs:label ?label .
  FILTER(CONTAINS(STR(?e), "/id/"))
  BIND(EXISTS {{ ?e a ?c VALUES ?c {{ {" ".join(f"<{c}>" for c in RECORD_CLASSES)} }} }} AS ?record)
  OPTIONAL {{ ?e rdfs:label ?ja FILTER(LANG(?ja) = "ja") }}
  OPTIONAL {{ ?e rdfs:label ?en FILTER(LANG(?en) = "en") }}
  OPTIONAL {{ ?e ykg:number ?num }}
  OPTIONAL {{ ?e ykg:searchKey ?key }}
}}"""


def keys_of(labels: Iterable[str | None], search_keys: Iterable[str] = ()) -> tuple[str, ...]:
    """Return the match keys of an entity: its ykg:searchKey parts and the keys of its labels."""
    keys = {p.strip() for k in search_keys for p in str(k).split(" | ") if p.strip()}
    keys |= {match_key(x) for x in labels if x}
    return tuple(sorted(k for k in keys if k))


def index_of_store(store) -> EntityIndex:
    """Read every labelled instance of a store into an index."""
    found: dict[str, dict] = {}
    for r in select_dicts(store, ENTITIES_QUERY, use_default_graph_as_union=True):
        e = found.setdefault(r["e"], {"ja": None, "en": None, "num": None, "keys": set(),
                                      "record": r["record"]})
        for col in ("ja", "en"):
            if r[col] is not None and (e[col] is None or r[col] < e[col]):
                e[col] = r[col]
        if r["num"] is not None:
            e["num"] = int(r["num"])
        if r["key"] is not None:
            e["keys"].add(r["key"])
    return EntityIndex(
        Entity(iri, local_of(iri), d["ja"] or d["en"] or local_of(iri),
               d["en"] or d["ja"] or local_of(iri), d["num"], keys_of((d["ja"], d["en"]), d["keys"]),
               d["record"])
        for iri, d in found.items())


def resolve(store, text: str, classes: Iterable[str] | None = None) -> str:
    """Return the IRI of the one entity text names in store (IRI, kind/id, label, reading, number).

    classes, when given, are the kinds (the first path segment after /id/) to look among.
    """
    index = index_of_store(store)
    if classes:
        kinds = tuple(classes)
        index = EntityIndex((e for e in index.entities if e.local.split("/", 1)[0] in kinds),
                            " / ".join(kinds))
    return index.resolve(text).iri
