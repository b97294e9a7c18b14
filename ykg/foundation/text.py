"""Text helpers: the match key that search and entity lookup share, and JSON safe in <script>."""
from __future__ import annotations

import json
import re
import unicodedata

_KATAKANA = {c: c - 0x60 for c in range(ord("ァ"), ord("ヶ") + 1)}
_DROP = {ord(c): None for c in " \t\r\n\u3000・、。「」『』()（）【】《》〈〉\"'"}
# Both in one pass: no hiragana that _KATAKANA makes is dropped, no dropped character is katakana.
_KEY_TABLE = {**_KATAKANA, **_DROP}
# Words of a search are split on ASCII white space only (after NFKC, so U+3000 counts): the same
# class in assets/match-key.js, where \s would also split on characters Python's str.split keeps.
_WORDS = re.compile(r"[ \t\n\r\f\v]+")


def match_key(text: str) -> str:
    """Return the key used to match names: NFKC, hiragana for katakana, lower case, no spaces or brackets."""
    # NFKC maps the long vowel mark to itself; keep it, it is part of katakana words.
    return unicodedata.normalize("NFKC", text).lower().translate(_KEY_TABLE)


def search_terms(query: str) -> list[str]:
    """Split a search input into match keys, one per space-separated word (assets/match-key.js agrees)."""
    return [k for k in (match_key(t) for t in _WORDS.split(unicodedata.normalize("NFKC", query))) if k]


def json_for_script(data) -> str:
    """Serialize data as JSON that is safe inside a <script> element (no markup can break out)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for a, b in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                 ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(a, b)
    return text
