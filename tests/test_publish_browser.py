"""The site in Chromium: no outside request, no console error, the offline search, no script injection."""
from __future__ import annotations

import json

import pytest

from ykg.foundation.text import match_key, search_terms
from ykg.site.search_index import search_matches

pytestmark = [pytest.mark.browser]


def assert_clean(log, page_name):
    assert log.console_errors == [], (page_name, log.console_errors)
    assert log.page_errors == [], (page_name, log.page_errors)
    assert log.dialogs == [], (page_name, log.dialogs)
    assert log.outside == [], (page_name, log.outside)
    outside = [u for u in log.requests if not u.startswith(("file:", "data:", "http://127.0.0.1"))]
    assert outside == [], (page_name, outside)


@pytest.mark.parametrize("where", ["ykg-serve", "static-server", "disk"])
def test_home_and_program_pages_load_cleanly(browser, site, site_server, static_server, where):
    root = {"ykg-serve": site_server.url, "static-server": static_server,
            "disk": site.root.as_uri()}[where]
    for name in ("index.html", "doc/program/p0001.html", "dataset.html", "ontology.html"):
        page, log = browser.open(f"{root}/{name}")
        try:
            assert_clean(log, name)
            # the stylesheet applied (served or read from disk)
            assert page.evaluate("getComputedStyle(document.querySelector('header.site'))"
                                 ".backgroundColor") == "rgb(18, 53, 91)"
            if name == "index.html":
                page.wait_for_selector("#search[data-ready=true]")
                assert page.locator("#sakigake ~ ol > li").count() == 10
            if name == "doc/program/p0001.html":
                assert page.locator("h1").inner_text() == "ものづくり企業におけるDX加速支援事業"
                assert page.locator("table.props tr").count() > 5
        finally:
            page.close()


def run_search(page, text):
    # The first search loads the index, so the answer comes later: wait for the count it sets
    # (a selector wait: the page's CSP forbids the string evaluation of wait_for_function).
    page.evaluate("document.getElementById('search-status').removeAttribute('data-count')")
    page.fill("#q", text)
    page.wait_for_selector("#search-status[data-count]", state="attached")
    count = page.get_attribute("#search-status", "data-count")
    iris = page.eval_on_selector_all("#search-results a", "els => els.map(e => e.dataset.iri)")
    return int(count or 0), iris


def search_index(site):
    text = (site.root / "search-index.js").read_text(encoding="utf-8")
    return json.loads(text.split("window.YKG_INDEX = ", 1)[1].rstrip().rstrip(";"))


@pytest.mark.parametrize("query", ["こそだて", "コソダテ", "ｺｿﾀﾞﾃ", "ｄｅ　子育て", "子育て", "ＡＩ"])
def test_search_finds_kosodate_from_any_script(browser, site, site_server, query):
    index = search_index(site)
    expected = [e["iri"] for e in index if search_matches(search_terms(query), e["key"])]
    assert expected
    page, log = browser.open(f"{site_server.url}/index.html")
    try:
        page.wait_for_selector("#search[data-ready=true]")
        assert not [u for u in log.requests if u.endswith("/search-index.js")]  # not with the page
        count, iris = run_search(page, query)
        assert len([u for u in log.requests if u.endswith("/search-index.js")]) == 1
        assert count == len(expected)
        if len(expected) <= 100:
            assert sorted(iris) == sorted(expected)
        else:  # the page shows the first 100, ranked
            assert len(iris) == 100 and set(iris) <= set(expected)
        if query != "ＡＩ":
            assert f"{site.base}/id/sakigake/01" in iris
        if query in ("こそだて", "コソダテ", "ｺｿﾀﾞﾃ"):
            # every entity named with 子育て whose reading is known is found from its sound
            named = {e["iri"] for e in index if "子育て" in e["label_ja"] and "こそだて" in e["key"]}
            assert len(named) >= 5 and named <= set(iris)
        assert_clean(log, "index.html")
    finally:
        page.close()


def test_search_normalizer_matches_python(browser, site_server):
    samples = ["ＤＸ推進", "ｺｿﾀﾞﾃ支援", "「デジタル de 子育て支援」", "ヴァイオリン・ヵヶ", "ＡＢＣ　ｄｅｆ",
               "（仮称）【拠点】《α》〈β〉『γ』", "Ⅳ 共通", "ﾃﾞｼﾞﾀﾙ･ｶﾞﾊﾞﾒﾝﾄ", "5G、AI。IoT", "\"quoted\" 'x'",
               "ＳＮＳを基盤としたＡＩチャットボット", "ー〜－"]
    page, log = browser.open(f"{site_server.url}/index.html")
    try:
        page.wait_for_selector("#search[data-ready=true]")
        got = page.evaluate("s => s.map(x => window.ykgMatch.matchKey(x))", samples)
        assert got == [match_key(s) for s in samples]
        terms = page.evaluate("s => s.map(x => window.ykgMatch.searchTerms(x))", samples)
        assert terms == [search_terms(s) for s in samples]
    finally:
        page.close()


def test_query_string_search_and_results_are_links(browser, site):
    page, log = browser.open(site.root.as_uri() + "/index.html?q=%E3%81%93%E3%81%9D%E3%81%A0%E3%81%A6")
    try:
        page.wait_for_selector("#search-results a")
        href = page.get_attribute("#search-results a >> nth=0", "href")
        assert href.startswith("doc/") and href.endswith(".html")
        assert (site.root / href).is_file()
        assert_clean(log, "index.html?q=")
    finally:
        page.close()


def test_a_search_in_the_url_survives_a_focus_while_the_index_loads(browser, site, site_server):
    index = search_index(site)
    expected = [e["iri"] for e in index if search_matches(search_terms("こそだて"), e["key"])]
    page, log = browser.new_page()
    held = []  # the index's request, answered only after the input has been focused
    page.route("**/search-index.js", lambda route: held.append(route))
    try:
        with page.expect_request(lambda r: r.url.endswith("/search-index.js")):
            page.goto(f"{site_server.url}/index.html?q=こそだて", wait_until="domcontentloaded")
        page.focus("#q")
        assert len(held) == 1 and not page.get_attribute("#search-status", "data-count")
        held[0].continue_()
        page.wait_for_selector("#search-status[data-count]", state="attached")
        assert int(page.get_attribute("#search-status", "data-count")) == len(expected)
        assert_clean(log, "index.html?q=")
    finally:
        page.close()


def test_script_payload_never_runs(browser, payload_site):
    """A fixture label carrying <script>, onerror and onload payloads stays text on every page."""
    from tests.support.site import PAYLOAD_JA
    root = payload_site.root
    pages = ["doc/program/p0001.html", "class/ykg-Program.html", "index.html",
             "doc/goal/1-01-1.html", "doc/org/sangyo-senryaku-bu.html", "doc/section/s2/1/table.html"]
    for name in pages:
        assert (root / name).is_file(), name
        page, log = browser.open((root / name).as_uri())
        try:
            if name == "index.html":
                page.wait_for_selector("#search[data-ready=true]")
                count, iris = run_search(page, "子育て")
                assert f"{payload_site.base}/id/program/p0001" in iris
                # details elements open: the payload label is rendered in the tree as text
                page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            # the page has loaded, every image has settled (an onerror payload would have run) and
            # the tasks queued before the next frame have run
            page.wait_for_function("document.readyState === 'complete'"
                                   " && Array.from(document.images).every(i => i.complete)")
            page.evaluate("new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))")
            assert page.evaluate("window.__xss === undefined"), name
            assert log.dialogs == [], (name, log.dialogs)
            assert page.locator("img[src=x], svg").count() == 0, name
            text = page.evaluate("document.body.innerText")
            assert "<script>window.__xss=1;alert(1)</script>" in text, name
        finally:
            page.close()
    assert PAYLOAD_JA
