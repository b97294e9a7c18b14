"""The views in Debian's Chromium: they draw what the graph holds, offline, and never run a payload.

One browser for the whole session (tests/support/browser.py); every non-local request is aborted
and counted per page. Screenshots of the overview and of project 4 are saved in a temporary
folder (the screenshot_dir fixture) and checked to hold a drawing. Nothing waits on a timer: the
tests wait for the page's own signals (ykg.settled, ykg.popup) or for elements.
"""
from __future__ import annotations

import pytest

from tests.support.browser import wait_for_view
from tests.support.views import PAYLOADS, PRESET_CASES

pytestmark = [pytest.mark.browser]

SCREENSHOTS = {"overview": "overview.png", "project-4": "project-4.png"}


def assert_clean(log, name):
    assert log.console_errors == [], (name, log.console_errors)
    assert log.page_errors == [], (name, log.page_errors)
    assert log.dialogs == [], (name, log.dialogs)
    assert log.outside == [], (name, log.outside)  # zero outside requests
    assert all(u.startswith(("file:", "data:", "about:", "blob:")) for u in log.requests), \
        (name, log.requests)


def next_frame(page):
    """Wait until the browser has painted two more frames (the canvas is on screen)."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def node_point(page, node_id):
    """Return the page coordinates of a node's centre."""
    return page.evaluate("""(id) => {
        const p = network.canvasToDOM(network.getPositions([id])[id]);
        const r = document.getElementById('ykg-network').getBoundingClientRect();
        return [r.left + p.x, r.top + p.y];
    }""", node_id)


@pytest.mark.parametrize("name", list(PRESET_CASES) + ["overview-en"])
def test_preset_renders(browser, rendered_views, screenshot_dir, name):
    v = rendered_views[name]
    page, log = browser.open(v.url)
    try:
        counts = wait_for_view(page)
        # what the page holds and draws is exactly the view's graph
        assert counts["nodes"] == counts["drawn"] == v.nodes
        assert counts["edges"] == v.edges
        assert counts["canvases"] == 1
        ids = sorted(page.evaluate("() => network.body.data.nodes.getIds()"))
        assert ids == sorted(v.view.graph.nodes)
        pairs = sorted(map(tuple, page.evaluate(
            "() => network.body.data.edges.get().map(e => [e.from, e.to])")))
        assert pairs == sorted((s, o) for s, o in v.view.graph.edges())
        # the Japanese heading is there as text, and the legend lists every class shown
        assert page.locator("#ykg-heading").inner_text() == v.view.title(
            "en" if name.endswith("-en") else "ja")
        classes = {d["cls"] for _, d in v.view.graph.nodes(data=True)}
        assert page.locator("#ykg-classes input[type=checkbox]").count() == len(classes)
        if name in SCREENSHOTS:
            next_frame(page)
            shot = screenshot_dir / SCREENSHOTS[name]
            page.screenshot(path=str(shot))
            assert shot.stat().st_size > 50_000
        assert_clean(log, name)
    finally:
        page.close()


def test_search_box_focuses_a_node(browser, rendered_views, network):
    page, log = browser.open(rendered_views["overview"].url)
    try:
        wait_for_view(page)
        box = page.locator("#ykg-search")
        box.fill("ケンコウフクシブ")  # katakana reading; the graph holds 健康福祉部
        box.press("Enter")
        assert page.evaluate("() => network.getSelectedNodes()") == ["org/kenko-fukushi-bu"]
        assert page.locator("#ykg-info h2").inner_text() == "健康福祉部"
        # the view is centred on it and its neighbourhood is highlighted
        centre = page.evaluate("() => network.getViewPosition()")
        pos = page.evaluate("() => network.getPositions(['org/kenko-fukushi-bu'])"
                            "['org/kenko-fukushi-bu']")
        assert abs(centre["x"] - pos["x"]) < 1 and abs(centre["y"] - pos["y"]) < 1
        expected = sorted({"org/kenko-fukushi-bu"} | set(
            network.to_undirected(as_view=True)["org/kenko-fukushi-bu"]))
        assert page.evaluate("() => ykg.highlighted") == expected
        # the results list offers every match; a click on one focuses it
        box.fill("スマート")
        results = page.locator("#ykg-results button")
        assert results.count() >= 5
        results.first.click()
        assert page.evaluate("() => ykg.focused") == page.evaluate("() => ykg.search('スマート')[0].id")
        box.fill("存在しない名前")
        assert page.locator("#ykg-results li").inner_text() == "見つかりません"
        assert_clean(log, "search")
    finally:
        page.close()


def test_click_highlights_the_neighbourhood_and_filters_hide(browser, rendered_views, network):
    v = rendered_views["project-4"]
    page, log = browser.open(v.url)
    try:
        wait_for_view(page)
        x, y = node_point(page, "org/shoko-rodo-bu")
        page.mouse.click(x, y)
        g = v.view.graph.to_undirected(as_view=True)
        assert page.evaluate("() => ykg.highlighted") == sorted({"org/shoko-rodo-bu"} |
                                                                set(g["org/shoko-rodo-bu"]))
        dimmed = page.evaluate("() => network.body.data.nodes.get().filter(n => n.opacity < 1)"
                               ".length")
        assert dimmed == v.nodes - len(g["org/shoko-rodo-bu"]) - 1
        # the tooltip of a hovered node shows both labels and the source
        x, y = node_point(page, "program/p0001")
        page.mouse.move(x, y)
        tip = page.locator("div.vis-tooltip")
        tip.wait_for(state="visible")
        text = tip.inner_text()
        assert "ものづくり企業におけるDX加速支援事業" in text
        assert "Program to support the acceleration of DX" in text
        assert "予算額: 48,550千円" in text and "出典: 資料2 s2/1/table" in text
        # filters: hiding the class 事業 hides every program; a department hides its programs
        programs = sum(1 for _, c in v.view.graph.nodes(data="cls") if c == "program")
        page.locator("#ykg-classes label", has_text="事業").locator("input").uncheck()
        assert page.evaluate("() => ykg.visible") == v.nodes - programs
        page.locator("#ykg-classes label", has_text="事業").locator("input").check()
        assert page.evaluate("() => ykg.visible") == v.nodes
        mine = [n for n, d in v.view.graph.nodes(data=True) if "org/shoko-rodo-bu" in d["departments"]]
        page.locator("#ykg-departments label", has_text="商工労働部").locator("input").uncheck()
        assert page.evaluate("() => ykg.visible") == v.nodes - len(mine)
        hidden = page.evaluate("() => network.body.data.nodes.get().filter(n => n.hidden)"
                               ".map(n => n.id).sort()")
        assert hidden == sorted(mine) and len(mine) == 9  # 8 programs and the department
        page.locator("#ykg-reset").click()
        assert page.evaluate("() => ykg.visible") == v.nodes
        assert_clean(log, "project-4 interaction")
    finally:
        page.close()


def hover(page, x, y):
    """Move the mouse to (x, y) and wait until a tooltip (of whatever lies there) is shown."""
    page.mouse.move(x, y)
    page.wait_for_function("() => ykg.popup !== null")


def empty_point(page):
    """Return page coordinates of a point of the canvas with no node and no edge under it."""
    return page.evaluate("""() => {
        const r = document.getElementById('ykg-network').getBoundingClientRect();
        for (let y = 4; y < r.height; y += 23) {
            for (let x = 4; x < r.width; x += 23) {
                const p = {x, y};
                if (network.getNodeAt(p) === undefined && network.getEdgeAt(p) === undefined) {
                    return [r.left + x, r.top + y];
                }
            }
        }
        return null;
    }""")


def leave(page, point):
    """Move the mouse to an empty point and wait until no tooltip is shown."""
    page.mouse.move(*point)
    page.wait_for_function("() => ykg.popup === null")


def hover_and_click_everything(page, view):
    """Show the tooltip of every node and edge and click every node."""
    shown, empty = [], empty_point(page)
    assert empty is not None
    for n in view.graph.nodes:
        x, y = node_point(page, n)
        leave(page, empty)
        hover(page, x, y)
        shown.append(page.evaluate("() => ykg.popup"))
        page.mouse.click(x, y)
    for s, o in view.graph.edges():  # an edge tooltip: hover the middle of the edge
        (x1, y1), (x2, y2) = node_point(page, s), node_point(page, o)
        leave(page, empty)
        hover(page, (x1 + x2) / 2, (y1 + y2) / 2)
        shown.append(page.evaluate("() => ykg.popup"))
    assert len(shown) == view.graph.number_of_nodes() + view.graph.number_of_edges()


def test_payloads_never_run(browser, rendered_views):
    v = rendered_views["xss"]
    page, log = browser.open(v.url)
    try:
        counts = wait_for_view(page)
        assert counts["nodes"] == 5 and counts["edges"] == 5
        hover_and_click_everything(page, v.view)
        page.locator("#ykg-search").fill("子育て")
        page.locator("#ykg-search").press("Enter")
        page.locator("#ykg-results button").first.click()
        page.locator("#ykg-heading").hover()
        page.locator("#ykg-subtitle").hover()
        assert log.dialogs == []
        assert page.evaluate("() => window.__xss") is None
        assert page.evaluate("() => document.querySelectorAll('img, svg, a, iframe').length") == 0
        assert page.evaluate("() => document.scripts.length") == 6  # data, vis-data, vis, match key, shared, page
        # the payloads are shown as text
        assert page.locator("#ykg-heading").inner_text() == PAYLOADS[3]
        assert page.title() == PAYLOADS[3]
        assert page.locator("#ykg-info h2").inner_text() == PAYLOADS[0]
        x, y = node_point(page, "goal/x")
        page.mouse.move(x, y)
        tip = page.locator("div.vis-tooltip")
        tip.wait_for(state="visible")
        assert PAYLOADS[1] in tip.inner_text() and PAYLOADS[2] in tip.inner_text()
        assert_clean(log, "xss")
    finally:
        page.close()


def test_payload_in_the_data_never_runs(browser, payload_view):
    page, log = browser.open(payload_view.url)
    try:
        counts = wait_for_view(page)
        assert counts["nodes"] == payload_view.nodes
        hover_and_click_everything(page, payload_view.view)
        assert log.dialogs == [] and page.evaluate("() => window.__xss") is None
        assert page.evaluate("() => document.querySelectorAll('img, svg, a').length") == 0
        assert PAYLOADS[0] in page.locator("#ykg-heading").inner_text()
        assert_clean(log, "payload data")
    finally:
        page.close()


def test_outside_requests_are_aborted_and_counted(browser, tmp_path):
    # The counter itself works: a page that asks a CDN gets nothing, and the request is counted.
    page_file = tmp_path / "cdn.html"
    page_file.write_text('<!DOCTYPE html><meta charset="utf-8"><link rel="stylesheet" '
                         'href="https://cdn.jsdelivr.net/npm/bootstrap@5/dist/css/bootstrap.min.css">'
                         '<img src="https://example.org/x.png">', encoding="utf-8")
    page, log = browser.open(page_file.as_uri())  # "load" waits for both to have failed
    try:
        assert sorted(log.outside) == ["https://cdn.jsdelivr.net/npm/bootstrap@5/dist/css/bootstrap.min.css",
                                       "https://example.org/x.png"]
    finally:
        page.close()
