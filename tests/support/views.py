"""Fixtures of the network views: the policy network, every preset rendered once, an XSS fixture.

The XSS fixture is a hand-built network in the shape ykg.network produces, with script payloads
in a label, in the texts that make up tooltips (section titles, curated bases, a text that
contains "href", which switches pyvis's own template to innerHTML), and in the page heading.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.payload import write_payload_data
from ykg.foundation.text import match_key

# Every preset with the arguments the tests use (name matching is part of what they test).
PRESET_CASES = {
    "overview": ("overview", ()),
    "project-4": ("project", ("4",)),
    "department": ("department", ("健康福祉部",)),
    "program": ("program", ("ものづくり企業におけるＤＸ加速支援事業",)),  # full-width DX: NFKC
    "technology": ("technology", ("AI",)),
    "path": ("path", ("子育てAIコンシェルジュ導入事業", "スマートファクトリー")),
    "query": ("query", ("department-project-matrix",)),
}

PAYLOAD_LABEL = '<img src=x onerror="window.__xss=1;alert(1)">子育て支援<b>太字</b>'
PAYLOAD_SCRIPT = "</script><script>window.__xss=2;alert(2)</script>"
PAYLOAD_HREF = '<a href="javascript:alert(3)" onmouseover="window.__xss=3;alert(3)">href</a>'
PAYLOAD_HEADING = ('</title><script>window.__xss=4;alert(4)</script>'
                   '<h1 onmouseover="alert(5)">見出し</h1><svg onload="window.__xss=5;alert(5)">')
PAYLOADS = (PAYLOAD_LABEL, PAYLOAD_SCRIPT, PAYLOAD_HREF, PAYLOAD_HEADING)


@dataclass
class RenderedView:
    """One preset written to disk, with the view it came from."""

    name: str
    path: Path
    view: object
    nodes: int
    edges: int
    size: int

    @property
    def url(self) -> str:
        return self.path.resolve().as_uri()


def xss_network():
    """A five-node network whose texts carry script payloads."""
    import networkx as nx
    sections = {"s9/x": {"ja": PAYLOAD_SCRIPT, "en": PAYLOAD_HREF, "material": PAYLOAD_LABEL,
                         "lines": "1-2"}}
    g = nx.MultiDiGraph(sections=sections, all_departments=["org/x"],
                        department_labels={"org/x": {"ja": PAYLOAD_LABEL, "en": PAYLOAD_HREF}})

    def node(nid, cls, ja, en, **extra):
        attrs = dict(cls=cls, iri=f"https://example.org/id/{nid}", label_ja=ja, label_en=en,
                     section="s9/x", lines="1", number=None, kind=None, budget_yen=None,
                     loan_yen=None, departments=(), keys=(match_key(ja), match_key(en)))
        attrs.update(extra)
        g.add_node(nid, **attrs)

    node("goal/x", "goal", PAYLOAD_SCRIPT, PAYLOAD_HREF)
    node("org/x", "department", PAYLOAD_LABEL, PAYLOAD_HREF, departments=("org/x",))
    node("pillar/x", "pillar", PAYLOAD_HREF, PAYLOAD_SCRIPT, number=1)
    node("program/x", "program", PAYLOAD_LABEL, PAYLOAD_SCRIPT, departments=("org/x",),
         budget_yen=12_345_000, kind=PAYLOAD_HREF)
    node("sakigake/x", "project", PAYLOAD_HEADING, PAYLOAD_LABEL, number=99,
         budget_yen=50_000_000)
    curated = ({"kind": "curated", "link": "link/x", "basis_ja": PAYLOAD_HREF,
                "basis_en": PAYLOAD_SCRIPT},)
    section = ({"kind": "section", "section": "s9/x", "lines": PAYLOAD_LABEL},)
    derived = ({"kind": "derived", "field": PAYLOAD_SCRIPT, "pattern": PAYLOAD_LABEL,
                "rule_ja": PAYLOAD_HREF, "rule_en": PAYLOAD_HREF},)
    g.add_edge("program/x", "goal/x", key="servesGoal", relation="servesGoal",
               source="document", evidence=section)
    g.add_edge("program/x", "org/x", key="responsibleOrganization",
               relation="responsibleOrganization", source="document", evidence=section)
    g.add_edge("sakigake/x", "program/x", key="hasComponentProgram",
               relation="hasComponentProgram", source="document", evidence=section)
    g.add_edge("sakigake/x", "pillar/x", key="servesPillar", relation="servesPillar",
               source="curated", evidence=curated)
    g.add_edge("sakigake/x", "goal/x", key="mentionsTechnology", relation="mentionsTechnology",
               source="derived", evidence=derived)
    return g


def xss_view():
    """The XSS network as a view whose heading is a payload too."""
    from ykg.views import View
    return View("overview", "xss", PAYLOAD_HEADING, PAYLOAD_HEADING, xss_network(),
                focus=("program/x",), notes=[PAYLOAD_LABEL])



@pytest.fixture(scope="session")
def network(store):
    """The policy network of the real data (ykg.network.build_network)."""
    from ykg.network import build_network
    return build_network(store)


@pytest.fixture(scope="session")
def rendered_views(store, network, tmp_path_factory) -> dict[str, RenderedView]:
    """Every preset of PRESET_CASES written once (Japanese), plus the XSS page and an English overview."""
    from ykg.views import render_html, write_view
    out = tmp_path_factory.mktemp("views")
    views = {}
    for name, (preset, args) in PRESET_CASES.items():
        r = write_view(store, preset, args, out / f"{name}.html", "ja", net=network)
        views[name] = RenderedView(name, r.path, r.view, r.nodes, r.edges, r.size)
    r = write_view(store, "overview", (), out / "overview-en.html", "en", net=network)
    views["overview-en"] = RenderedView("overview-en", r.path, r.view, r.nodes, r.edges, r.size)
    view = xss_view()
    path = out / "xss.html"
    path.write_text(render_html(view, "ja"), encoding="utf-8")
    views["xss"] = RenderedView("xss", path, view, view.graph.number_of_nodes(),
                                view.graph.number_of_edges(), path.stat().st_size)
    return views


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory) -> Path:
    """Where the browser tests save their screenshots (a temporary folder, never build/)."""
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="session")
def payload_view(tmp_path_factory) -> RenderedView:
    """The program view of a build whose program p0001 carries payloads in its labels."""
    from graphbuild import build_dataset
    from ykg.store import store_from_build
    from ykg.views import write_view
    tmp = tmp_path_factory.mktemp("xss-data")
    data = write_payload_data(tmp / "data", PAYLOAD_LABEL + PAYLOAD_SCRIPT, PAYLOAD_HREF)
    store = store_from_build(build_dataset(data))
    r = write_view(store, "program", ("program/p0001",), tmp / "payload.html", "ja")
    return RenderedView("payload", r.path, r.view, r.nodes, r.edges, r.size)
