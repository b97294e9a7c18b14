"""Several plans downstream of the build (N=3): the site, the views and analyze show the plan of
each thing and filter by it; a re-publish rewrites only what changed; outputs are deterministic.
"""
from __future__ import annotations

import csv
import filecmp
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from graphbuild import build_dataset
from tests.support.site import PLANS, write_plans_data
from ykg.site import publish_site

BASE = "https://example.org/ykg"


def tree(root: Path) -> dict[str, os.stat_result]:
    """Return {relative path: stat} of every file under root."""
    return {str(Path(f, n).relative_to(root)): os.stat(Path(f, n))
            for f, _, names in os.walk(root) for n in names}


@pytest.fixture(scope="module")
def plans_build(plans_site):
    return plans_site.build


@pytest.fixture(scope="module")
def plans_net(plans_build):
    from ykg.network import build_network
    from ykg.store import store_from_build
    return build_network(store_from_build(plans_build))


def test_every_plan_node_knows_its_plan(plans_net):
    plans = plans_net.graph["plans"]
    assert list(plans) == [f"plan-set/synth-{k:03d}" for k in range(1, PLANS + 1)]
    assert all("synthetic" in p["en"] for p in plans.values())
    per_plan: dict[str, int] = {}
    for n, d in plans_net.nodes(data=True):
        if d["cls"] == "technology":
            assert d["plan"] is None  # shared vocabulary belongs to no plan
        else:
            assert d["plan"] in plans, n
            assert n.split("/")[1] == d["plan"].split("/")[1], n  # the id is scoped by it
            per_plan[d["plan"]] = per_plan.get(d["plan"], 0) + 1
    assert len(set(per_plan.values())) == 1  # every plan is a copy of the document's


def test_resource_page_names_its_plan(plans_site):
    page = (plans_site.root / "doc/program/synth-002/p0005.html").read_text("utf-8")
    m = re.search(r'<p class="plan">計画 / Plan: <a href="([^"]+)"', page)
    assert m and m.group(1) == "../../plan-set/synth-002.html"
    assert (plans_site.root / "doc/plan-set/synth-002.html").is_file()
    shared = (plans_site.root / "doc/technology").glob("*.html")
    assert all('class="plan"' not in p.read_text("utf-8") for p in shared)


def tree_links(page: str) -> list[str]:
    """Return the resource links of a home or plan page's hierarchy (from its first tree on)."""
    section = page.split('<h2 id="vision">', 1)[1].split('<h2 id="more">', 1)[0]
    return re.findall(r'href="(?:\.\./)?(doc/[^"]+)"', section)


def test_home_shows_one_plan_and_each_plan_has_its_page(plans_site, site):
    root = plans_site.root
    home = (root / "index.html").read_text("utf-8")
    plans = [f"synth-{k:03d}" for k in range(1, PLANS + 1)]
    listed = home.split('<h2 id="plans">', 1)[1].split("</ol>", 1)[0]
    assert f"計画 / Plans ({PLANS})" in home
    assert re.findall(r'<li><a href="(plans/[^"]+)">', listed) == [f"plans/{p}.html" for p in plans]
    # the home page draws the first plan only: it weighs one plan, not all of them
    first = tree_links(home)
    assert first and all("/synth-001/" in h for h in first)
    document = tree_links((site.root / "index.html").read_text("utf-8"))
    assert [h.replace("/synth-001/", "/") for h in first] == document
    for p in plans:
        page = (root / f"plans/{p}.html").read_text("utf-8")
        links = tree_links(page)
        assert all(f"/{p}/" in h for h in links), p
        assert [h.replace(f"/{p}/", "/") for h in links] == document, p
        assert all((root / h).is_file() for h in links)
        assert f'<a href="../doc/plan-set/{p}.html">' in page
    assert f"{plans_site.base}/plans/synth-002.html" in (root / "sitemap.xml").read_text("utf-8")


def test_explorer_embeds_one_plan_and_loads_the_others(plans_site, plans_net):
    html = (plans_site.root / "explore.html").read_text("utf-8")
    data = json.loads(re.search(r'id="ykg-network">(.*?)</script>', html, re.S).group(1))
    assert [p["id"] for p in data["plans"]] == list(plans_net.graph["plans"])
    assert [p["part"] for p in data["plans"]] == [None] + [
        f"explore/plan-set/synth-{k:03d}.js" for k in range(2, PLANS + 1)]
    assert {n["plan"] for n in data["nodes"]} <= {"plan-set/synth-001", None}
    for p in data["plans"][1:]:
        text = (plans_site.root / p["part"]).read_text("utf-8")
        part = json.loads(re.search(r"ykgExploreAdd\((.*)\);\s*$", text, re.S).group(1))
        mine = {n["id"] for n in part["nodes"] if n["plan"] == p["id"]}
        assert len(mine) == p["size"] == sum(1 for _, q in plans_net.nodes(data="plan") if q == p["id"])
        assert {n["plan"] for n in part["nodes"]} <= {p["id"], None}
        ids = {n["id"] for n in part["nodes"]}
        assert all(e["from"] in ids and e["to"] in ids for e in part["edges"])


def test_republish_rewrites_only_what_changed(tmp_path):
    data = write_plans_data(tmp_path / "data")
    site = tmp_path / "site"
    publish_site(build_dataset(data, BASE), site)
    before = tree(site)
    table = data / "plans/synth-002/programs.csv"
    rows = list(csv.DictReader(open(table, encoding="utf-8", newline="")))
    rows[4]["label_ja"] += "(改訂)"
    with open(table, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    changed_build = build_dataset(data, BASE)
    report = publish_site(changed_build, site)
    after = tree(site)
    full = tmp_path / "full"
    publish_site(changed_build, full)
    # the incremental result is the full publish, file for file and byte for byte
    assert set(after) == set(tree(full))
    assert all(filecmp.cmp(site / f, full / f, shallow=False) for f in after)
    # a file kept its inode exactly when its bytes did not change
    rewritten = {f for f in after if f not in before or after[f].st_ino != before[f].st_ino}
    old = {f for f in rewritten if f in before}
    assert report.written == len(rewritten) and report.kept == len(after) - len(rewritten)
    assert "doc/program/synth-002/" + rows[4]["id"] + ".html" in rewritten
    assert not any("synth-003" in f for f in rewritten)  # another plan's pages stay as they were
    assert "plans/synth-002.html" in rewritten and "index.html" not in rewritten  # home: plan 1
    assert 0 < len(rewritten) < len(after) // 20
    assert "(改訂)" in (site / f"doc/program/synth-002/{rows[4]['id']}.html").read_text("utf-8")
    assert all(f.startswith(("doc/", "dumps/", "search-index", "explore", "dataset", "plans/",
                             "sitemap", "class/", "site.json", "changes")) for f in old), old


def test_analyze_is_exact_per_part_and_says_how(plans_net):
    import networkx as nx
    from ykg.network import analysis_graph, format_analysis, run_analysis
    analysis = run_analysis(plans_net, "en", "centrality")
    exact = nx.betweenness_centrality(analysis_graph(plans_net), normalized=True)
    for r in analysis.tables["centrality"].as_dicts():
        assert r["betweenness"] == round(exact[r["id"]], 4), r["id"]
    text = format_analysis(analysis, "table", "en")
    assert text.rstrip().endswith(f"(betweenness: exact (Brandes) in each of {PLANS} connected parts)")


def test_views_filter_and_cap_by_plan(plans_build, plans_net):
    from ykg.views import page_data, select_view
    from ykg.views.select import cap_by_plan
    view = select_view(plans_net, "overview")
    data = page_data(view, "ja")
    assert [p["id"] for p in data["plans"]] == list(plans_net.graph["plans"])
    assert sum(p["count"] for p in data["plans"]) == len(data["nodes"])
    assert all(n["meta"]["plan"] for n in data["nodes"])
    per_plan = data["plans"][0]["count"]
    capped = cap_by_plan(select_view(plans_net, "overview"), cap=2 * per_plan + 1)
    assert {d for _, d in capped.graph.nodes(data="plan")} == {"plan-set/synth-001",
                                                               "plan-set/synth-002"}
    assert any("showing 2 of 3 plans" in note for note in capped.notes)
    focus = select_view(plans_net, "program", ["program/synth-003/p0005"])
    assert {d for _, d in focus.graph.nodes(data="plan")} <= {"plan-set/synth-003", None}


def test_views_are_byte_identical_across_processes(plans_site, tmp_path):
    build_dir = tmp_path / "build"
    from graphbuild import write_build
    write_build(plans_site.build, build_dir)
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"overview-{seed}.html"
        subprocess.run([sys.executable, "-m", "ykg.cli", "view", "overview", "--source",
                        str(build_dir), "--out", str(out)], check=True, capture_output=True,
                       env=dict(os.environ, PYTHONHASHSEED=seed))
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and b"plan-set/synth-003" in outs[0]
