"""Normalize Japanese text for matching: NFKC, katakana to hiragana, lower case, no spaces."""
from __future__ import annotations

import unicodedata

_KATAKANA = {c: c - 0x60 for c in range(ord("ァ"), ord("ヶ") + 1)}
_DROP = {ord(c): None for c in " \t\r\n\u3000・、。「」『』()（）【】《》〈〉\"'"}


def match_key(text: str) -> str:
    """Return the key used to match names: NFKC, hiragana for katakana, lower case, no spaces or brackets."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.translate(_KATAKANA)
    # NFKC maps the long vowel mark to itself; keep it, it is part of katakana words.
    return text.translate(_DROP)
