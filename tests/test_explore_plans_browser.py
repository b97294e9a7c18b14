"""explore.html of three plans in Chromium, served by `ykg serve` and by a plain static server:
the first drawing holds the first plan only; the plan facet and a node named in the URL load the
other plans' scripts (explore/plan-set/<id>.js) and draw them.
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

SETTLED = "() => window.ykgExplore && window.ykgExplore.settled === true"
HOSTS = ("served", "static")


def open_explore(browser, url):
    page, log = browser.open(url)
    page.wait_for_function(SETTLED, timeout=60000)
    return page, log


def drawn_plans(page) -> set:
    return set(page.evaluate("() => window.ykgExplore.nodes.get().map(n => n.id.split('/')[1])"))


def part_requests(log) -> list[str]:
    return sorted(u.rsplit("/", 1)[-1] for u in log.requests if "/explore/plan-set/" in u)


@pytest.mark.parametrize("host", HOSTS)
def test_first_plan_first_then_the_others_on_demand(browser, plans_hosts, host):
    page, log = open_explore(browser, f"{plans_hosts[host]}/explore.html")
    assert drawn_plans(page) == {"synth-001"}
    assert part_requests(log) == []
    boxes = page.eval_on_selector_all("#x-f-plan input", "els => els.map(e => [e.value, e.checked])")
    assert boxes == [["plan-set/synth-001", True], ["plan-set/synth-002", False],
                     ["plan-set/synth-003", False]]
    page.evaluate("() => { window.ykgExplore.settled = false; }")
    page.check("#x-f-plan-plan-set-synth-002")
    page.wait_for_function(SETTLED)
    assert drawn_plans(page) == {"synth-001", "synth-002"}
    assert part_requests(log) == ["synth-002.js"]
    assert "plans=plan-set/synth-001,plan-set/synth-002" in page.url
    assert log.page_errors == [] and log.console_errors == [] and log.outside == []
    page.close()


@pytest.mark.parametrize("host", HOSTS)
def test_a_node_of_another_plan_in_the_url_loads_its_plan(browser, plans_hosts, host):
    page, log = open_explore(browser, f"{plans_hosts[host]}/explore.html?focus=program/synth-003/p0005")
    ids = set(page.evaluate("() => window.ykgExplore.drawn"))
    assert "program/synth-003/p0005" in ids
    assert {i.split("/")[1] for i in ids} <= {"synth-003"} | {i.split("/")[1] for i in ids
                                                              if i.startswith("technology/")}
    assert part_requests(log) == ["synth-003.js"]
    assert log.page_errors == [] and log.console_errors == []
    page.close()
