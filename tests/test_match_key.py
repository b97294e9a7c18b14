"""The match key of the browser (ykg/assets/match-key.js) equals the Python one on the same cases.

The site's search box and every view inline that one file, so one comparison covers them all.
"""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from ykg.foundation.paths import ASSETS_DIR
from ykg.foundation.text import match_key, search_terms

CASES = [
    "",
    "デジタル",                      # katakana -> hiragana
    "ﾃﾞｼﾞﾀﾙ",                       # half-width kana, voiced marks joined by NFKC
    "ヴァイオリン ヵヶ",              # the edges of the shifted katakana range
    "ヷ",                            # just past it: stays katakana
    "データー",                      # the long vowel mark is kept
    "ＡＢＣ１２３ａｂｃ",            # full-width ASCII
    "MixedCase ＤＸ",
    "やまぐち デジタル",              # space
    "やまぐち\u3000デジタル\tDX\r\n",  # ideographic space, tab, line breaks
    "（仮称）やまぐち(仮)",           # full- and half-width brackets
    "【重点】《魁》〈案〉「鍵」『書名』",
    "スマート・シティ、推進。",        # middle dot and Japanese punctuation
    "\"quoted\" 'single'",
    "①Ⅳ㈱",                         # compatibility characters folded by NFKC
    "𠮷野家",                        # outside the BMP (a surrogate pair in JavaScript)
    "  spaces  around  ",
    "「」",                           # only dropped characters
    "Ｄｉｇｉｔａｌ　改革　ﾌﾟﾛｼﾞｪｸﾄ",
    "a\ufeffb c\x85d\x1ce",           # characters JS's \s or Python's str.split would split on
]

MATCH_KEY_JS = ASSETS_DIR / "match-key.js"
# Load the asset as the browser would (a global object), then answer for every case at once.
RUNNER = """
const fs = require("fs");
const vm = require("vm");
vm.runInThisContext(fs.readFileSync(process.argv[1], "utf8"), {filename: process.argv[1]});
const cases = JSON.parse(fs.readFileSync(0, "utf8"));
const m = globalThis.ykgMatch;
process.stdout.write(JSON.stringify(cases.map(c => [m.matchKey(c), m.searchTerms(c)])));
"""


@pytest.fixture(scope="module")
def javascript() -> list[tuple[str, list[str]]]:
    """The match key and search terms of every case, computed by node from the asset file."""
    node = shutil.which("node")
    assert node, "node is needed to run ykg/assets/match-key.js"
    r = subprocess.run([node, "-e", RUNNER, str(MATCH_KEY_JS)], input=json.dumps(CASES),
                       capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert r.returncode == 0, r.stderr
    return [tuple(pair) for pair in json.loads(r.stdout)]


def test_cases_are_answered_one_for_one(javascript):
    assert len(javascript) == len(CASES)


@pytest.mark.parametrize("i", range(len(CASES)), ids=[repr(c) for c in CASES])
def test_match_key_agrees(javascript, i):
    assert javascript[i][0] == match_key(CASES[i])


@pytest.mark.parametrize("i", range(len(CASES)), ids=[repr(c) for c in CASES])
def test_search_terms_agree(javascript, i):
    assert javascript[i][1] == search_terms(CASES[i])


def test_the_cases_say_what_the_key_does():
    # Facts of the Python key, so that agreement cannot hide both sides being wrong.
    assert match_key("デジタル") == match_key("ﾃﾞｼﾞﾀﾙ") == "でじたる"
    assert match_key("データー") == "でーたー"
    assert match_key("ＡＢＣ１２３ａｂｃ") == "abc123abc"
    assert match_key("【重点】《魁》〈案〉「鍵」『書名』") == "重点魁案鍵書名"
    assert match_key("ヷ") == "ヷ"
    assert match_key("") == ""
    assert search_terms("  spaces  around  ") == ["spaces", "around"]
    assert search_terms("「」") == []
