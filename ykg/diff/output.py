"""A diff as text: a table for people, CSV and JSON with fixed columns, TriG (changeset)."""
from __future__ import annotations

import csv
import io
import unicodedata
from decimal import Decimal

from ykg.foundation.errors import UserError
from ykg.foundation.rdf import dumps_json

from .changeset import changeset_trig
from .compare import CHANGES, Diff

COLUMNS = ("change", "kind", "id", "label_ja", "property", "old", "new")
FORMATS = ("table", "csv", "json", "rdf")
HEADINGS = {
    "version": "Version / 版", "added": "Added entities / 追加", "removed": "Removed entities / 削除",
    "changed": "Changed properties / 変更", "label": "Labels / ラベル",
    "translation": "Translations / 英訳", "link-removed": "Links removed / リンク削除",
    "link-added": "Links added / リンク追加", "budget": "Budgets (千円) / 予算の増減",
}


def _width(text: str) -> int:
    """Return the columns text takes in a terminal (wide characters count two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cut(text: str, limit: int) -> str:
    out, used = "", 0
    for c in text:
        w = _width(c)
        if used + w > limit - 1:
            return out + "…"
        out, used = out + c, used + w
    return out


def _table(rows: list[list[str]]) -> list[str]:
    cells = [[_cut(c, 48) for c in r] for r in rows]
    widths = [max(_width(r[i]) for r in cells) for i in range(len(cells[0]))]
    return ["  " + "  ".join(c + " " * (w - _width(c)) for c, w in zip(r, widths)).rstrip()
            for r in cells]


def _delta(old: str, new: str) -> str:
    d = Decimal(new or 0) - Decimal(old or 0)
    return f"{d:+,}"


def as_table(diff: Diff) -> str:
    """Return the diff as sections of aligned columns, one section per kind of change."""
    lines = [f"ykg diff {diff.old.name} ({diff.old_version}) → {diff.new.name} "
             f"({diff.new_version})"]
    if not diff.rows:
        return "\n".join(lines + ["no changes"]) + "\n"
    counts = {c: sum(1 for r in diff.rows if r.change == c) for c in CHANGES}
    lines.append(", ".join(f"{n} {c}" for c, n in counts.items() if n))
    for change in CHANGES:
        rows = [r for r in diff.rows if r.change == change]
        if not rows:
            continue
        lines += ["", f"{HEADINGS[change]} ({len(rows)})"]
        if change in ("added", "removed"):
            body = [[f"{r.kind}/{r.id}", r.label_ja] for r in rows]
        elif change == "budget":
            body = [[f"{r.kind}/{r.id}", r.label_ja, r.property, f"{Decimal(r.old):,}",
                     f"{Decimal(r.new):,}", _delta(r.old, r.new)] for r in rows]
        elif change.startswith("link-"):
            body = [[f"{r.kind}/{r.id}", r.property, r.old or r.new, r.label_ja] for r in rows]
        else:
            body = [[f"{r.kind}/{r.id}", r.property, r.old, "→", r.new] for r in rows]
        lines += _table(body)
    return "\n".join(lines) + "\n"


def as_csv(diff: Diff) -> str:
    """Return the rows as CSV with the fixed header (change,kind,id,label_ja,property,old,new)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    w.writerows(r.as_tuple() for r in diff.rows)
    return buf.getvalue()


def as_json(diff: Diff) -> str:
    """Return the two versions and the rows (objects with the fixed columns) as JSON."""
    data = {"old": {"source": diff.old.name, "version": diff.old_version},
            "new": {"source": diff.new.name, "version": diff.new_version},
            "columns": list(COLUMNS),
            "changes": [dict(zip(COLUMNS, r.as_tuple())) for r in diff.rows]}
    return dumps_json(data).decode("utf-8")


def format_diff(diff: Diff, fmt: str = "table") -> str:
    """Return the diff in one of FORMATS."""
    if fmt == "rdf":
        return changeset_trig(diff).decode("utf-8")
    writers = {"table": as_table, "csv": as_csv, "json": as_json}
    if fmt not in writers:
        raise UserError(f"unknown diff format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return writers[fmt](diff)
