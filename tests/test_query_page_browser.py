"""query.html and sparql.html in Chromium, served by `ykg serve` and by a plain static server.

Every catalogue query runs in the browser on both hosts (the server's /sparql, and Oxigraph
WebAssembly in the page); its rows must equal the CLI's (`ykg query run ID --format csv`).
"""
from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest

from ykg.catalogue import load_catalogue, run_query
from ykg.foundation.results import to_csv

QUERIES = list(load_catalogue())
HOSTS = ("served", "static")
DONE = "() => window.ykgQuery && window.ykgQuery.done"


@pytest.fixture(scope="module")
def cli_csv(site):
    """The CSV of every catalogue query as `ykg query run --format csv` writes it (same build)."""
    from ykg.store import store_from_build
    store = store_from_build(site.build)
    return {qid: to_csv(run_query(store, qid, base=site.base, use_example=True)) for qid in QUERIES}


def host_url(request, host: str) -> str:
    return request.getfixturevalue("site_server").url if host == "served" else \
        request.getfixturevalue("static_server")


@pytest.fixture(scope="module", params=HOSTS)
def query_tab(request, browser):
    """One page per host that the tests navigate between queries."""
    page, log = browser.new_page()
    yield request.param, host_url(request, request.param), page, log
    page.close()


def run_in_page(page, url: str, qid: str, values: dict | None = None) -> dict:
    query = urlencode({"id": qid, **(values or {})})
    page.goto(f"{url}/query.html?{query}")
    page.wait_for_function(DONE, timeout=60000)
    return page.evaluate("""() => ({error: window.ykgQuery.error, csv: window.ykgQuery.csv,
        engine: window.ykgQuery.engine,
        rows: document.querySelector('table[data-ykg-rows]')?.dataset.ykgRows})""")


def test_every_catalogue_query_matches_the_cli(query_tab, cli_csv):
    host, url, page, log = query_tab
    for qid in QUERIES:
        got = run_in_page(page, url, qid)
        assert got["error"] is None, (qid, got["error"])
        assert got["engine"] == ("server" if host == "served" else "wasm")
        assert got["csv"] == cli_csv[qid], qid
        assert int(got["rows"]) == cli_csv[qid].count("\n") - 1 - cli_csv[qid].count('\n"') , qid
    assert log.page_errors == [] and log.outside == [] and log.console_errors == []


def test_parameters_are_form_fields_and_the_url_is_the_permalink(query_tab):
    host, url, page, log = query_tab
    got = run_in_page(page, url, "neighbours", {"entity": "program/p0005"})
    assert got["error"] is None
    assert page.input_value("#q-param-entity") == "program/p0005"
    assert page.get_attribute("#q-permalink", "href").endswith("entity=program%2Fp0005")
    # a name instead of kind/id is looked up as `ykg query run` does
    named = run_in_page(page, url, "neighbours", {"entity": "ものづくり企業におけるDX加速支援事業"})
    direct = run_in_page(page, url, "neighbours", {"entity": "program/p0001"})
    assert named["error"] is None and named["csv"] == direct["csv"]
    # the form submits to the same page: the new URL carries the new values
    page.fill("#q-param-entity", "program/p0001")
    page.click("#q-form button[type=submit]")
    page.wait_for_url("**entity=program%2Fp0001**")
    page.wait_for_function(DONE)
    assert page.evaluate("() => window.ykgQuery.csv") == direct["csv"]


def test_chart_network_and_downloads(query_tab):
    host, url, page, log = query_tab
    run_in_page(page, url, "budget-by-department")
    assert page.locator("#q-chart svg rect").count() > 0
    with page.expect_download() as dl:
        page.click("#q-csv")
    assert dl.value.suggested_filename == "budget-by-department.csv"
    with page.expect_download() as dl:
        page.click("#q-json")
    assert dl.value.suggested_filename == "budget-by-department.json"
    run_in_page(page, url, "project-components")  # program_label, department_label
    page.wait_for_function("() => document.querySelector('#q-network canvas') !== null")


@pytest.mark.parametrize("host", HOSTS)
def test_sparql_editor_runs_catalogue_text(request, browser, cli_csv, host):
    url = host_url(request, host)
    page, log = browser.open(f"{url}/sparql.html?query=" + quote(load_catalogue()["budget-by-department"].text))
    page.wait_for_function("() => window.ykgSparql && window.ykgSparql.done", timeout=60000)
    assert page.evaluate("() => window.ykgSparql.error") is None
    expected = cli_csv["budget-by-department"].count("\n") - 1
    assert page.get_attribute("table[data-ykg-rows]", "data-ykg-rows") == str(expected)
    assert page.locator(".CodeMirror").count() == 1  # YASQE's editor is up
    assert log.page_errors == [] and log.outside == []
    page.close()
