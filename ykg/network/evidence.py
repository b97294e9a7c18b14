"""The evidence of an edge: the listing lines that state it, a curated basis, a derived rule.

Each piece of evidence is a small dict: {"kind": "section", "section", "lines"},
{"kind": "curated", "link", "basis_ja", "basis_en"} or {"kind": "derived", "field", "pattern",
"rule_ja", "rule_en"}; the functions at the end describe them in one line each.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from .rows import rows
from .vocabulary import node_id, section_id

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

Key = tuple[str, str, str]  # (subject, relation, object)


def section_evidence(section: str | None, lines: str | None) -> dict:
    """Return the evidence of a statement read in a document section."""
    return {"kind": "section", "section": section, "lines": lines}


def _sorted_rows(found: list[dict]) -> list[dict]:
    return sorted(found, key=lambda r: tuple(str(v) for v in r.values()))


def listing_evidence(store) -> dict[Key, set]:
    """Return {(subject, relation, object): {(section, lines)}} of the listing lines stating them."""
    found = rows(store, """
SELECT DISTINCT ?s ?rel ?o ?sec ?lines WHERE {
  {
    ?l ykg:listedProgram ?s ; ykg:listedUnder ?m . ?m ykg:measureOf ?o .
    BIND("servesGoal" AS ?rel)
  } UNION {
    ?l ykg:listedProgram ?s ; ykg:listedUnder ?o .
    BIND("implementsMeasure" AS ?rel)
  } UNION {
    ?l ykg:listedProgram ?s ; ykg:listedDepartment ?o .
    BIND("responsibleOrganization" AS ?rel)
  } UNION {
    ?l ykg:listedIn ?s ; ykg:listedProgram ?o .
    BIND("hasComponentProgram" AS ?rel)
  }
  ?l prov:wasDerivedFrom ?sec .
  OPTIONAL { ?l ykg:sourceLines ?lines }
}""")
    out: dict[Key, set] = {}
    for r in found:
        key = (node_id(r["s"]), r["rel"], node_id(r["o"]))
        out.setdefault(key, set()).add((section_id(r["sec"]), r["lines"]))
    return out


def curated_evidence(store) -> dict[Key, list[dict]]:
    """Return the bases of the curated links, by the statement they make."""
    found = rows(store, """
SELECT DISTINCT ?link ?s ?rel ?o ?ja ?en WHERE {
  ?link a ykg:CuratedLink ; ykg:linkSubject ?s ; ykg:linkRelation ?rel ; ykg:linkObject ?o .
  OPTIONAL { ?link ykg:basis ?ja FILTER(LANG(?ja) = "ja") }
  OPTIONAL { ?link ykg:basis ?en FILTER(LANG(?en) = "en") }
}""")
    out: dict[Key, list[dict]] = {}
    for r in _sorted_rows(found):
        key = (node_id(r["s"]), r["rel"].rsplit("#", 1)[-1], node_id(r["o"]))
        out.setdefault(key, []).append({"kind": "curated", "link": node_id(r["link"]),
                                        "basis_ja": r["ja"], "basis_en": r["en"]})
    return out


def derived_evidence(store) -> dict[Key, list[dict]]:
    """Return the rules of the derived technology tags, by the statement they make."""
    found = rows(store, """
SELECT DISTINCT ?s ?o ?field ?pattern ?ja ?en WHERE {
  ?tag a ykg:TechnologyTag ; ykg:tagSubject ?s ; ykg:tagTechnology ?o .
  OPTIONAL { ?tag ykg:matchedField ?field }
  OPTIONAL { ?tag ykg:matchedPattern ?pattern }
  OPTIONAL { ?tag ykg:rule ?ja FILTER(LANG(?ja) = "ja") }
  OPTIONAL { ?tag ykg:rule ?en FILTER(LANG(?en) = "en") }
}""")
    out: dict[Key, list[dict]] = {}
    for r in _sorted_rows(found):
        key = (node_id(r["s"]), "mentionsTechnology", node_id(r["o"]))
        out.setdefault(key, []).append({"kind": "derived", "field": r["field"],
                                        "pattern": r["pattern"], "rule_ja": r["ja"],
                                        "rule_en": r["en"]})
    return out


def read_evidence(store) -> tuple[dict[Key, set], dict[Key, list[dict]]]:
    """Return the listing evidence, and the curated then derived evidence of each statement."""
    stated: dict[Key, list[dict]] = {}
    for found in (curated_evidence(store), derived_evidence(store)):
        for key, items in found.items():
            stated.setdefault(key, []).extend(items)
    return listing_evidence(store), stated


# -- in words ---------------------------------------------------------------------------------

def section_text(g: "nx.MultiDiGraph", section: str | None, lines: str | None,
                 lang: str = "ja") -> str:
    """Describe a source section: material, section id, section title and lines."""
    if section is None:
        return ""
    info = g.graph.get("sections", {}).get(section, {})
    title = info.get("en" if lang == "en" else "ja") or ""
    text = " ".join(p for p in (info.get("material"), section) if p)
    if title:
        text += f" {title}"
    if lines:
        text += f" (l. {lines})" if lang == "en" else f"({lines}行)"
    return text


def _one_line(ev: dict, lang: str) -> str:
    """Describe a curated or derived piece of evidence."""
    en = lang == "en"
    if ev["kind"] == "curated":
        basis = ev["basis_en"] if en else ev["basis_ja"]
        prefix = "curated link: " if en else "補足リンクの根拠: "
        return prefix + (basis or ev.get("basis_en") or ev.get("basis_ja") or ev["link"])
    rule = ev["rule_en"] if en else ev["rule_ja"]
    prefix = "derived: " if en else "自動付与: "
    return f"{prefix}「{ev['pattern']}」 in {ev['field']} — {rule or ''}".rstrip(" —")


def evidence_text(g: "nx.MultiDiGraph", evidence: Iterable[dict], lang: str = "ja") -> list[str]:
    """Describe each piece of an edge's evidence in one line."""
    evidence = list(evidence)
    # one line per section, its line numbers joined (a program listed five times in a table)
    lines_of: dict[str | None, list[str]] = {}
    for ev in evidence:
        if ev["kind"] == "section":
            lines_of.setdefault(ev["section"], [])
            if ev["lines"] and ev["lines"] not in lines_of[ev["section"]]:
                lines_of[ev["section"]].append(ev["lines"])
    out = []
    for ev in evidence:
        if ev["kind"] == "section":
            if ev["section"] not in lines_of:
                continue
            joined = ", ".join(lines_of.pop(ev["section"])) or None
            prefix = "source: " if lang == "en" else "出典: "
            out.append(prefix + section_text(g, ev["section"], joined, lang))
        elif ev["kind"] in ("curated", "derived"):
            out.append(_one_line(ev, lang))
    return out
