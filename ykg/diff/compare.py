"""The rows of a diff: entities added, removed and changed, labels, links, budgets, version."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .budgets import budget_deltas
from .entities import (BUDGET_KINDS, RULE_GRAPHS, Entity, entities_of, is_label, local_of,
                       property_name, show)
from .sides import Edition

# The order of the kinds of change, as the table prints them.
CHANGES = ("version", "added", "removed", "changed", "label", "translation", "link-removed",
           "link-added", "budget")


@dataclass(frozen=True)
class Change:
    """One row: change, kind, id, label_ja, property, old, new (the fixed columns)."""

    change: str
    kind: str
    id: str
    label_ja: str
    property: str = ""
    old: str = ""
    new: str = ""

    def as_tuple(self) -> tuple[str, ...]:
        return (self.change, self.kind, self.id, self.label_ja, self.property, self.old, self.new)


@dataclass
class Diff:
    """Two editions and what changed from the first to the second."""

    old: Edition
    new: Edition
    rows: list[Change] = field(default_factory=list)

    @property
    def old_version(self) -> str:
        return _versions(self.old, self.new)[0]

    @property
    def new_version(self) -> str:
        return _versions(self.old, self.new)[1]

    def of(self, kind: str, ident: str) -> list[Change]:
        """Return the rows about one entity."""
        return [r for r in self.rows if r.kind == kind and r.id == ident]

    def entities(self) -> dict[str, str]:
        """Return {kind/id: added|removed|changed} of every entity the diff names (budgets too)."""
        out: dict[str, str] = {}
        for r in self.rows:
            if r.change != "version":
                key = f"{r.kind}/{r.id}"
                out[key] = r.change if r.change in ("added", "removed") else out.get(key, "changed")
        return out


def _versions(old: Edition, new: Edition) -> tuple[str, str]:
    """Return the two version names; equal versions are told apart by their content digests."""
    if old.version != new.version:
        return old.version, new.version
    return f"{old.version}+{old.digest[:8]}", f"{new.version}+{new.digest[:8]}"


def _shown(terms, base: str) -> str:
    return "; ".join(sorted(show(t, base) for t in terms))


def _entity_rows(a: Entity, b: Entity, base: str) -> list[Change]:
    """Return the rows of one entity present in both editions."""
    rows = []
    label = b.label() or a.label()
    for key in sorted(set(a.values) | set(b.values)):
        old, new = a.values.get(key, set()), b.values.get(key, set())
        if old == new:
            continue
        pred, lang = key
        name = property_name(pred, lang)
        iris = [t for t in old | new if type(t).__name__ == "NamedNode"]
        if iris and len(iris) == len(old | new):
            for change, terms in (("link-removed", old - new), ("link-added", new - old)):
                for t in sorted(terms, key=lambda t: t.value):
                    target = local_of(base, t.value)
                    if target and target.split("/", 1)[0] in BUDGET_KINDS:
                        continue  # reported by the budget rows
                    value = show(t, base)
                    rows.append(Change(change, a.kind, a.id, label, name,
                                       value if change == "link-removed" else "",
                                       value if change == "link-added" else ""))
            continue
        change = ("label" if lang != "en" else "translation") if is_label(pred) else "changed"
        rows.append(Change(change, a.kind, a.id, label, name, _shown(old, base), _shown(new, base)))
    return rows


def _kyen(n: Decimal) -> str:
    return format(n.normalize(), "f") if n != n.to_integral() else str(int(n))


def _without_echoes(rows: list[Change]) -> list[Change]:
    """Drop label rows that only repeat another entity's new label inside a composed label.

    A curated link's label is "subject → relation → object": renaming the object changes it,
    and the diff names the renamed entity once, not every label that quotes it.
    """
    named = [r for r in rows if r.change in ("label", "translation") and r.old and r.new]

    def echo(r: Change) -> bool:
        return any(s is not r and (s.kind, s.id) != (r.kind, r.id) and s.old in r.old
                   and s.old != r.old and r.old.replace(s.old, s.new) == r.new for s in named)
    return [r for r in rows if r not in named or not echo(r)]


def diff_editions(old: Edition, new: Edition, *, rule_graphs: bool = False) -> Diff:
    """Compare two editions entity by entity (by IRI); rule_graphs keeps derived and dataset."""
    base = new.base
    left_out = () if rule_graphs else RULE_GRAPHS
    a, b = entities_of(old.quads, base, left_out), entities_of(new.quads, base, left_out)
    diff = Diff(old, new)
    rows = []
    if diff.old_version != diff.new_version:
        rows.append(Change("version", "dataset", "ykg", "", "dcat:version", diff.old_version,
                           diff.new_version))
    shown = [e for e in (a | b) if rule_graphs or (a.get(e) or b.get(e)).kind not in BUDGET_KINDS]
    for iri in sorted(shown, key=lambda i: ((a.get(i) or b.get(i)).kind, (a.get(i) or b.get(i)).id)):
        if iri not in a:
            rows.append(Change("added", b[iri].kind, b[iri].id, b[iri].label()))
        elif iri not in b:
            rows.append(Change("removed", a[iri].kind, a[iri].id, a[iri].label()))
        else:
            rows += _entity_rows(a[iri], b[iri], base)
    if not rule_graphs:
        rows = _without_echoes(rows)
    labels = {(e.kind, e.id): e.label() for e in (a | b).values()}
    for kind, ident, measure, x, y in budget_deltas(old.quads, new.quads, base):
        rows.append(Change("budget", kind, ident, labels.get((kind, ident), ""), measure,
                           _kyen(x), _kyen(y)))
    order = {c: i for i, c in enumerate(CHANGES)}
    diff.rows = sorted(rows, key=lambda r: (order[r.change], r.kind, r.id, r.property, r.old, r.new))
    return diff
