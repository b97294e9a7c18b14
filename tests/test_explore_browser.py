"""explore.html in Chromium, on `ykg serve` and on a plain static server: every interaction.

The facts come from ykg.network (neighbours, k shortest paths as `ykg path` finds them); the
page is asked through window.ykgExplore and its list view (one <li data-id="kind/id"> per node).
"""
from __future__ import annotations

import pytest

from ykg.network import build_network, explain_paths
from tests.support.browser import axe_violations, vnu_errors

HOSTS = ("served", "static")
SETTLED = "() => window.ykgExplore && window.ykgExplore.settled === true"


@pytest.fixture(scope="module")
def net(site):
    from ykg.store import store_from_build
    return build_network(store_from_build(site.build))


@pytest.fixture(scope="module", params=HOSTS)
def host(request):
    return request.getfixturevalue("site_server").url if request.param == "served" else \
        request.getfixturevalue("static_server")


def open_explore(browser, host, query=""):
    page, log = browser.open(f"{host}/explore.html{query}")
    page.wait_for_function(SETTLED, timeout=30000)
    return page, log


def drawn(page) -> set[str]:
    return set(page.evaluate("() => window.ykgExplore.drawn"))


def listed(page) -> set[str]:
    return set(page.eval_on_selector_all("#x-list li", "els => els.map(e => e.dataset.id)"))


def act(page, fn):
    """Run an action that redraws, and wait until the drawing has settled again."""
    page.evaluate("() => { window.ykgExplore.settled = false; }")
    fn()
    page.wait_for_function(SETTLED)


def test_overview_is_readable_and_listed(browser, host, net, screenshot_dir):
    page, log = open_explore(browser, host)
    ids = drawn(page)
    assert {net.nodes[n]["cls"] for n in ids} == {"vision", "pillar", "area", "policy-area",
                                                   "project", "department"}
    assert listed(page) == ids
    assert all("/" in i for i in ids)
    # every label is at least 8 px high on screen at the first zoom
    scale = page.evaluate("() => window.ykgExplore.network.getScale()")
    fonts = page.evaluate("() => window.ykgExplore.nodes.get().map(n => n.font.size)")
    assert min(fonts) * scale >= 8, (min(fonts), scale)
    page.screenshot(path=str(screenshot_dir / "explore-overview.png"))
    assert log.page_errors == [] and log.outside == [] and log.console_errors == []
    page.close()


def test_focus_then_expand_collapse_dismiss(browser, host, net):
    page, _ = open_explore(browser, host, "?focus=program/p0005")
    und = net.to_undirected(as_view=True)
    assert drawn(page) == {"program/p0005"} | set(und["program/p0005"])
    goal = sorted(m for m in und["program/p0005"] if net.nodes[m]["cls"] == "goal")[0]
    act(page, lambda: page.click(f'#x-list li[data-id="{goal}"]'))
    assert page.evaluate("() => new URL(location.href).searchParams.get('sel')") == goal
    act(page, lambda: page.click("#x-expand"))
    assert set(und[goal]) <= drawn(page)
    act(page, lambda: page.keyboard.press("c") if page.focus("#x-network") is None else None)
    assert drawn(page) == {"program/p0005"} | set(und["program/p0005"])
    act(page, lambda: page.click("#x-dismiss"))
    assert goal not in drawn(page)
    # double-click expands too (on the node's place on the canvas)
    pos = page.evaluate("""() => { const n = window.ykgExplore.network;
        const p = n.getPositions(['program/p0005'])['program/p0005'];
        const d = n.canvasToDOM(p); const r = document.querySelector('#x-network').getBoundingClientRect();
        return {x: r.left + d.x, y: r.top + d.y}; }""")
    act(page, lambda: page.mouse.dblclick(pos["x"], pos["y"]))
    assert "program/p0005" in page.evaluate("() => new URL(location.href).searchParams.get('x') || ''")
    page.close()


def test_search_suggests_and_focuses(browser, host, net):
    page, _ = open_explore(browser, host)
    page.fill("#x-search", "コンシェルジュ")
    page.wait_for_selector("#x-suggest li")
    first = page.get_attribute("#x-suggest li", "data-id")
    assert "コンシェルジュ" in net.nodes[first]["label_ja"]
    act(page, lambda: page.press("#x-search", "Enter"))
    assert page.evaluate("() => new URL(location.href).searchParams.get('focus')") == first
    page.close()


def test_paths_are_those_of_ykg_path(browser, host, net):
    a, b = "program/p0005", "org/kenko-fukushi-bu"
    if b not in net:
        b = sorted(n for n in net if net.nodes[n]["cls"] == "department")[0]
    page, _ = open_explore(browser, host, f"?path={a},{b}&k=3")
    expected = [[h.start for h in hops] + [hops[-1].end] for hops in explain_paths(net, a, b, 3)]
    got = page.evaluate("() => window.ykgExplore.paths")
    # the same shortest path and the same lengths; among paths of equal weight the order of
    # networkx's search and of the page's may differ, so later paths are checked as walks
    assert got[0] == expected[0]
    assert [len(p) for p in got] == [len(p) for p in expected]
    und = net.to_undirected(as_view=True)
    for p in got:
        assert p[0] == a and p[-1] == b and len(set(p)) == len(p)
        assert all(v in und[u] for u, v in zip(p, p[1:]))
    # each hop is explained with its evidence lines, as `ykg path` prints them
    hops = explain_paths(net, a, b, 3)[0]
    items = page.eval_on_selector_all(".x-pathitem:first-of-type > ol > li",
                                      "els => els.map(e => e.firstChild.textContent)")
    assert items == [f"{s}  [{k}]" for h in hops for s, k, _ in h.facts]
    page.close()


def test_facets_hide_what_they_should(browser, host, net):
    page, _ = open_explore(browser, host)
    of_class = lambda c: {n for n in drawn(page) if net.nodes[n]["cls"] == c}  # noqa: E731
    act(page, lambda: page.uncheck("#x-f-hcls-project"))
    assert not of_class("project")
    act(page, lambda: page.check("#x-f-hcls-project"))
    assert len(of_class("project")) == 10
    for facet in ("Pillars", "Departments", "Future areas"):  # folded until opened
        page.click(f"summary:has-text('{facet}')")
    # pillar: the unchecked pillar goes, the other two stay
    act(page, lambda: page.uncheck("#x-f-hpillar-pillar-1"))
    assert of_class("pillar") == {"pillar/2", "pillar/3"}
    # 部局: the unchecked department goes, every other department stays
    departments = of_class("department")
    gone = sorted(departments)[0]
    act(page, lambda: page.uncheck(f"#x-f-hdept-{gone.replace('/', '-')}"))
    assert of_class("department") == departments - {gone}
    # future area: likewise
    areas = of_class("area")
    area = sorted(areas)[0]
    act(page, lambda: page.uncheck(f"#x-f-harea-{area.replace('/', '-')}"))
    assert of_class("area") == areas - {area}
    # budget band: from 10億円 up, no node with a smaller budget is drawn
    budget = lambda: {n: net.nodes[n]["budget_yen"] for n in drawn(page)}  # noqa: E731
    assert any(b is not None and b < 1e9 for b in budget().values())
    act(page, lambda: page.fill("#x-bmin", "5") or page.dispatch_event("#x-bmin", "change"))
    assert page.evaluate("() => new URL(location.href).searchParams.get('bmin')") == "5"
    assert budget() and all(b is None or b >= 1e9 for b in budget().values())
    page.close()


def test_url_round_trip_reload_back_forward(browser, host):
    page, _ = open_explore(browser, host, "?focus=program/p0005")
    act(page, lambda: page.click('#x-list li[data-id="program/p0005"]'))
    act(page, lambda: page.click("#x-expand"))
    act(page, lambda: page.click("#x-lang"))
    url = page.url
    before = (sorted(drawn(page)), page.evaluate("() => window.ykgExplore.network.getPositions()"))
    assert "lang=en" in url and "x=program/p0005" in url
    page.reload()
    page.wait_for_function(SETTLED)
    assert (sorted(drawn(page)), page.evaluate("() => window.ykgExplore.network.getPositions()")) == before
    assert page.evaluate("() => document.documentElement.lang") == "en"
    act(page, lambda: page.go_back())
    assert "lang=en" not in page.url
    act(page, lambda: page.go_forward())
    assert page.url == url and sorted(drawn(page)) == before[0]
    page.close()


def test_export_png_and_svg(browser, host):
    page, _ = open_explore(browser, host, "?focus=program/p0005")
    with page.expect_download() as dl:
        page.click("#x-png")
    assert dl.value.suggested_filename == "ykg-explore.png"
    assert page.evaluate("() => window.ykgExplore.png.startsWith('data:image/png;base64,')")
    with page.expect_download() as dl:
        page.click("#x-svg")
    assert dl.value.suggested_filename == "ykg-explore.svg"
    svg = page.evaluate("() => window.ykgExplore.svg")
    assert svg.startswith("<svg") and 'data-id="program/p0005"' in svg
    page.close()


def test_keyboard_moves_and_zooms(browser, host):
    page, _ = open_explore(browser, host, "?focus=program/p0005")
    page.focus("#x-list")
    page.keyboard.press("ArrowDown")
    first = page.evaluate("() => document.activeElement.dataset.id")
    assert first and page.evaluate("() => new URL(location.href).searchParams.get('sel')") == first
    page.keyboard.press("ArrowRight")
    nxt = page.evaluate("() => document.activeElement.dataset.id")
    assert nxt != first
    scale = page.evaluate("() => window.ykgExplore.network.getScale()")
    page.keyboard.press("+")
    assert page.evaluate("() => window.ykgExplore.network.getScale()") > scale
    page.close()


@pytest.mark.parametrize("path", ["explore.html", "explore.html?focus=program/p0005",
                                  "query.html?id=project-components", "sparql.html",
                                  "sparql.html?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D%20LIMIT%203"])
def test_axe_finds_nothing_serious(browser, static_server, path):
    page, _ = browser.open(f"{static_server}/{path}")
    page.wait_for_function("() => (window.ykgExplore && window.ykgExplore.settled) || "
                           "(window.ykgQuery && window.ykgQuery.done) || (window.ykgSparql && window.ykgSparql.done)",
                           timeout=60000)
    assert axe_violations(page, static_server) == []
    page.close()


def test_nu_checker_finds_no_errors(site):
    assert vnu_errors([site.root / p for p in ("explore.html", "query.html", "sparql.html")]) == []


def test_print_shows_the_drawing_and_the_list_without_the_controls(browser, host):
    page, _ = open_explore(browser, host)
    assert page.is_visible(".x-toolbar")
    page.emulate_media(media="print")
    page.wait_for_function("() => getComputedStyle(document.querySelector('.x-toolbar'))"
                           ".display === 'none'")
    assert not page.is_visible("header.site") and not page.is_visible("#x-expand")
    assert page.is_visible("#x-network") and page.is_visible("#x-list li")
    listed_now = page.evaluate("() => document.querySelectorAll('#x-list li').length")
    assert listed_now == len(drawn(page))
    page.close()
