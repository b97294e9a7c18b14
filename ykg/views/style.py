"""How the views look: node styles per class, department colours, sizes, label wrapping."""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Style:
    """How a class of node looks: vis-network shape, fill, border, size and label size."""

    shape: str
    color: str
    border: str
    size: int
    font: int
    layer: float  # column of the layered layout, left to right
    line_chars: int = 12  # a label is wrapped at this many (full-width) characters per line
    lines: int = 2  # … and cut after this many lines (the tooltip has the full label)


# Okabe-Ito hues for the classes; shapes tell the classes apart as well (colour-blind safe).
# The upper levels have large labels, so that they can be read when the whole map is shown.
STYLES: dict[str, Style] = {
    "vision": Style("hexagon", "#555555", "#222222", 30, 34, 0, 12, 2),
    "pillar": Style("diamond", "#E69F00", "#8A5F00", 26, 34, 1, 11, 2),
    "area": Style("square", "#56B4E9", "#1F6F99", 24, 34, 1, 11, 2),
    "strategy-goal": Style("triangle", "#882255", "#4D1330", 20, 24, 1, 12, 2),
    "policy-area": Style("box", "#CDEDE3", "#009E73", 0, 20, 2, 12, 2),
    "initiative": Style("box", "#F4DDEA", "#CC79A7", 0, 16, 2, 13, 2),
    "strategy-pillar": Style("box", "#EBD3E6", "#AA4499", 0, 16, 2, 13, 2),
    "goal": Style("box", "#D6E9F6", "#0072B2", 0, 18, 3, 12, 2),
    "strategy-measure": Style("box", "#F3DADE", "#CC6677", 0, 15, 3, 13, 2),
    "measure": Style("box", "#EEEEEE", "#999999", 0, 14, 4, 14, 2),
    "technology": Style("hexagon", "#D55E00", "#7A3600", 14, 20, 3.5, 10, 2),
    "project": Style("star", "#F0E442", "#000000", 22, 34, 4, 12, 2),
    "strategy-action": Style("box", "#F2ECCE", "#999933", 0, 14, 4, 14, 2),
    "program": Style("dot", "#BBBBBB", "#333333", 8, 15, 5, 12, 2),
    "department": Style("box", "#DDDDDD", "#333333", 0, 30, 6, 12, 2),
}
EN_CHARS = 2.0  # an English line may hold this many times more characters

# Paul Tol's discrete rainbow: the whole set, and the indices Tol's tol_colors.py picks for each
# number of colours (1..16) so that they stay distinct for colour-blind readers.
TOL_RAINBOW = (
    "#E8ECFB", "#D9CCE3", "#D1BBD7", "#CAACCB", "#BA8DB4", "#AE76A3", "#AA6F9E", "#994F88",
    "#882E72", "#1965B0", "#437DBF", "#5289C7", "#6195CF", "#7BAFDE", "#4EB265", "#90C987",
    "#CAE0AB", "#F7F056", "#F7CB45", "#F6C141", "#F4A736", "#F1932D", "#EE8026", "#E8601C",
    "#E65518", "#DC050C", "#A5170E", "#72190E", "#42150A")
TOL_CUTS = (
    (9,), (9, 25), (9, 17, 25), (9, 14, 17, 25), (9, 13, 14, 17, 25), (9, 13, 14, 16, 17, 25),
    (8, 9, 13, 14, 16, 17, 25), (8, 9, 13, 14, 16, 17, 22, 25),
    (8, 9, 13, 14, 16, 17, 22, 25, 27), (8, 9, 13, 14, 16, 17, 20, 23, 25, 27),
    (8, 9, 11, 13, 14, 16, 17, 20, 23, 25, 27), (2, 5, 8, 9, 11, 13, 14, 16, 17, 20, 23, 25),
    (2, 5, 8, 9, 11, 13, 14, 15, 16, 17, 20, 23, 25),
    (2, 5, 8, 9, 11, 13, 14, 15, 16, 17, 19, 21, 23, 25),
    (2, 5, 8, 9, 11, 13, 14, 15, 16, 17, 19, 21, 23, 25, 27),
    (2, 4, 6, 8, 9, 11, 13, 14, 15, 16, 17, 19, 21, 23, 25, 27))


def department_colors(departments: list[str]) -> dict[str, str]:
    """Give each department (in the order given) a colour of Tol's rainbow for that many colours."""
    n = len(departments)
    if n == 0:
        return {}
    cut = TOL_CUTS[min(n, len(TOL_CUTS)) - 1]
    return {d: TOL_RAINBOW[cut[i % len(cut)]] for i, d in enumerate(departments)}


def text_color(background: str) -> str:
    """Return black or white, whichever reads better on the background colour."""
    r, g, b = (int(background[i:i + 2], 16) / 255 for i in (1, 3, 5))
    lum = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    y = 0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2]
    return "#000000" if (y + 0.05) / 0.05 > 1.05 / (y + 0.05) else "#FFFFFF"


SOURCE_NAMES = {"ja": {"curated": "補足リンク", "derived": "自動付与"},
                "en": {"curated": "curated link", "derived": "derived tag"}}
EDGE_COLORS = {"document": "#7F7F7F", "curated": "#2F6DB5", "derived": "#8C8C8C",
               "query": "#555555"}
EDGE_DASHES = {"document": False, "curated": [8, 5], "derived": [3, 4], "query": False}


def budget_size(cls: str, yen: int | None, base: int) -> float:
    """Node size from a budget on a log scale (1 million yen to 2 billion); base when there is none."""
    if not yen or yen <= 0:
        return base * 0.8 if cls == "program" else base
    x = min(max((math.log10(yen) - 6.0) / (math.log10(2e9) - 6.0), 0.0), 1.0)
    lo, hi = {"program": (8, 28), "project": (20, 40)}.get(cls, (base, base))
    return round(lo + x * (hi - lo), 1)


def department_font(yen: int | None, base: int) -> float:
    """Department boxes show the budget through their label size (log scale)."""
    if not yen or yen <= 0:
        return base
    x = min(max((math.log10(yen) - 7.0) / (math.log10(2e9) - 7.0), 0.0), 1.0)
    return round(base + x * 12, 1)


def yen_text(yen: int | None, lang: str) -> str | None:
    """Write an amount in thousands of yen, in lang."""
    if yen is None:
        return None
    kyen = yen // 1000 if yen % 1000 == 0 else yen / 1000
    return f"{kyen:,}千円" if lang == "ja" else f"{kyen:,} thousand yen"


def width_units(text: str) -> float:
    """Width in ems: full-width characters 1, others about 0.56."""
    wide = sum(1 for c in text if unicodedata.east_asian_width(c) in "WFA")
    return wide + 0.56 * (len(text) - wide)


# Good places to break a Japanese label: after these characters (or at a space).
BREAK_AFTER = set("・、。」』）)】〉》/／ ")
# A line never starts with these (kinsoku): they stay at the end of the line before.
NO_LINE_START = set("、。，．・」』）)】〉》！？!?ー")


def wrap_label(text: str, line_em: float, lines: int) -> str:
    """Wrap text into at most `lines` lines of about line_em ems; cut the rest with an ellipsis."""
    out: list[str] = []
    rest = text.strip()
    while rest and len(out) < lines:
        if width_units(rest) <= line_em:
            out.append(rest)
            rest = ""
            break
        i, w = 0, 0.0
        while i < len(rest) and w + width_units(rest[i]) <= line_em:
            w += width_units(rest[i])
            i += 1
        i = max(i, 1)
        # prefer a natural break in the last third of the line
        for j in range(i, max(int(i * 2 / 3), 1) - 1, -1):
            if rest[j - 1] in BREAK_AFTER:
                i = j
                break
        while i < len(rest) and rest[i] in NO_LINE_START:
            i += 1
        out.append(rest[:i].rstrip())
        rest = rest[i:].lstrip()
    if rest:
        last = out[-1]
        while last and width_units(last) + 1 > line_em:
            last = last[:-1]
        out[-1] = last.rstrip() + "…"
    return "\n".join(out)
