"""The notebooks in notebooks/: committed without outputs, reproducible, and executed green with facts checked.

Each notebook runs with nbclient in a temporary copy of notebooks/, on a kernel that is this
interpreter (the venv's python, found through ipykernel's own kernel spec, so a fresh clone needs no
`jupyter kernelspec install` and a user-level `python3` kernel elsewhere cannot take its place).
"""
from __future__ import annotations

import importlib.util
import os
import re
import shutil
import sys
from functools import lru_cache
from pathlib import Path

import nbformat
import pytest

from ykg.foundation.paths import REPOSITORY_DIR

NB_DIR = REPOSITORY_DIR / "notebooks"
STEMS = ("01-tour", "02-cross-cutting-questions", "03-network", "04-endpoint")
CELL_TIMEOUT = 300  # seconds per cell: a hang fails the test instead of blocking make test


def _generator():
    spec = importlib.util.spec_from_file_location("make_notebooks", NB_DIR / "make_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- committed files -----------------------------------------------------------------------------

def test_the_four_notebooks_are_committed():
    assert sorted(p.stem for p in NB_DIR.glob("*.ipynb")) == sorted(STEMS)


@pytest.mark.parametrize("path", sorted(NB_DIR.glob("*.ipynb")), ids=lambda p: p.name)
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    assert code_cells
    for cell in code_cells:
        assert cell.outputs == [], f"{path.name} cell {cell.id} has outputs"
        assert cell.execution_count is None, f"{path.name} cell {cell.id} has an execution count"
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", sorted(NB_DIR.glob("*.ipynb")), ids=lambda p: p.name)
def test_markdown_in_japanese_and_english(path):
    nb = nbformat.read(path, as_version=4)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    japanese = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            assert japanese.search(cell.source), f"{path.name} {cell.id}: no Japanese"
            assert re.search(r"[A-Za-z]{2,}[\s,:()-]+[a-z]{2,}[\s,:()-]+[a-z]{2,}", cell.source), \
                f"{path.name} {cell.id}: no English sentence"


@pytest.mark.parametrize("path", sorted(NB_DIR.glob("*.ipynb")), ids=lambda p: p.name)
def test_notebooks_import_the_library(path):
    nb = nbformat.read(path, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert re.search(r"^from (graphbuild|ykg)[\w.]* import ", code, re.M)
    # No copies of the library: no graph building, no catalogue parsing, no SHACL by hand.
    for forbidden in ("import rdflib", "import pyshacl", "bulk_extend", "open(\"queries",
                      "script src=\"http"):
        assert forbidden not in code, f"{path.name} uses {forbidden!r}"


def test_generator_reproduces_the_committed_notebooks():
    assert _generator().main(["--check"]) == 0, "run: python notebooks/make_notebooks.py"


# -- execution -----------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def execute(stem: str, workdir: str) -> nbformat.NotebookNode:
    """Run one notebook in a copy of notebooks/ and return it with its outputs."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient

    copy = Path(workdir) / "notebooks"
    if not copy.exists():
        shutil.copytree(NB_DIR, copy, ignore=shutil.ignore_patterns("*.html", "__pycache__",
                                                                     ".ipynb_checkpoints"))
    nb = nbformat.read(copy / f"{stem}.ipynb", as_version=4)
    # kernel_dirs=[]: only ipykernel's native spec, whose argv is this very interpreter.
    km = AsyncKernelManager(kernel_name="python3",
                            kernel_spec_manager=KernelSpecManager(kernel_dirs=[]))
    client = NotebookClient(nb, km=km, timeout=CELL_TIMEOUT, allow_errors=False,
                            resources={"metadata": {"path": str(copy)}})
    client.execute()
    assert km.kernel_spec.argv[0] == sys.executable
    return nb


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    workdir = str(tmp_path_factory.mktemp("notebooks"))
    return lambda stem: execute(stem, workdir)


def outputs(nb) -> list[dict]:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def text_of(nb) -> str:
    """All printed text and plain-text results of a notebook."""
    parts = []
    for o in outputs(nb):
        if o.output_type == "stream" and o.name == "stdout":
            parts.append(o.text)
        elif o.output_type in ("execute_result", "display_data"):
            parts.append(o.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


def html_of(nb) -> list[str]:
    return [o["data"]["text/html"] for o in outputs(nb)
            if o.output_type in ("execute_result", "display_data") and "text/html" in o.get("data", {})]


def images_of(nb) -> int:
    return sum(1 for o in outputs(nb)
               if o.output_type == "display_data" and "image/png" in o.get("data", {}))


def assert_clean(nb, stem):
    """No error output, no traceback or warning on stderr."""
    errors = [o for o in outputs(nb) if o.output_type == "error"]
    assert not errors, f"{stem}: {errors[0].ename}: {errors[0].evalue}"
    stderr = "".join(o.text for o in outputs(nb) if o.output_type == "stream" and o.name == "stderr")
    # Matplotlib's one-time "building the font cache" notice on a fresh machine is allowed.
    for bad in ("Traceback", "Error", "Warning", "missing from font"):
        assert bad not in stderr, f"{stem} wrote to stderr:\n{stderr}"


def test_01_tour(run, built, ask):
    from graphbuild.stats import compute_stats
    nb = run("01-tour")
    assert_clean(nb, "01-tour")
    text = text_of(nb)
    stats = compute_stats(built)
    assert "10 Sakigake projects" in text
    assert "SHACL: 適合 / conforms: 0 violation(s)" in text
    assert f"union graph: {stats.triples:,} triples" in text
    m = re.search(r"^(\d+) classes, (\d+) of them with a source section$", text, re.M)
    assert m and int(m.group(1)) == len(stats.per_class)
    # The classes with a source section, counted here without the notebook's query.
    with_section = ask("""SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {
      ?e a ?c ; prov:wasDerivedFrom ?s . ?s a ykg:DocumentSection }""")[0]["n"]
    assert int(m.group(2)) == with_section and with_section >= 40
    rows = [r for h in html_of(nb) for r in re.findall(r"<tr>.*?</tr>", h, re.S)
            if "<td>ykg:SakigakeProject</td>" in r and "<td>ysakigake:01</td>" in r]
    assert len(rows) == 1
    # The example project with its table row, source section and lines.
    for cell in ("data/sakigake_projects.csv:2", "デジタル・魁プロジェクト 1", "398-400"):
        assert f"<td>{cell}</td>" in rows[0]


def test_02_cross_cutting_questions(run, ask):
    nb = run("02-cross-cutting-questions")
    assert_clean(nb, "02-cross-cutting-questions")
    text = text_of(nb)
    assert re.search(r"^budget-by-project: 10 rows$", text, re.M)
    own = ask("""SELECT (SUM(?kyen) AS ?total) WHERE {
        ?l a ykg:SakigakeListing ; ykg:componentKind "budget" ; ykg:isRelisting false ;
           ykg:statedAmountKyen ?kyen . FILTER NOT EXISTS { ?l ykg:partOfListing ?parent } }""")
    total = int(own[0]["total"])
    assert f"own budget, all projects: {total:,} 千円" in text
    assert re.search(r"^loan facilities: 1 line, 500,000 千円 \(not budget\)$", text, re.M)
    assert images_of(nb) >= 4  # project, department, heatmap, technology charts


@pytest.mark.browser
def test_03_network(run, store, browser, tmp_path):
    from ykg.network import build_network
    from tests.support.browser import wait_for_view
    nb = run("03-network")
    assert_clean(nb, "03-network")
    text = text_of(nb)
    net = build_network(store)
    assert f"policy network: {net.number_of_nodes()} nodes, {net.number_of_edges()} edges" in text
    # The path is explained hop by hop, each with its evidence.
    m = re.search(r"^path: (\d+) steps: スマートファクトリー → .* → 教育委員会$", text, re.M)
    assert m and int(m.group(1)) >= 2
    assert "出典: 資料" in text and "source: 資料" in text and "[servesGoal]" in text
    views = [h for h in html_of(nb) if "<iframe" in h]
    shown = re.findall(r"^(.+): (\d+) nodes, (\d+) edges, [\d,]+ bytes, no external resources$",
                       text, re.M)
    assert len(views) == len(shown) == 3
    for h in views:
        assert 'srcdoc="' in h and 'sandbox="allow-scripts"' in h
        assert not re.search(r"""(src|href)=(&quot;|["'])https?://""", h), "external resource"
    # The inline page really draws: open the first output in Chromium (outside requests aborted).
    page_file = tmp_path / "inline.html"
    page_file.write_text(f"<!DOCTYPE html><meta charset='utf-8'><body>{views[0]}</body>",
                         encoding="utf-8")
    page, log = browser.open(page_file.as_uri())
    frame = page.frames[1]
    counts = wait_for_view(frame)
    assert counts["nodes"] == counts["drawn"] == int(shown[0][1])
    assert counts["edges"] == int(shown[0][2])
    assert not log.outside and not log.page_errors
    page.close()


@pytest.mark.server
def test_04_endpoint(run, built):
    nb = run("04-endpoint")
    assert_clean(nb, "04-endpoint")
    text = text_of(nb)
    m = re.search(r"^Oxigraph .* pid (\d+) answers on http://127\.0\.0\.1:(\d+)/query$", text, re.M)
    assert m, "the server did not start on 127.0.0.1"
    pid = int(m.group(1))
    total = len(built.triples())
    assert re.search(rf"^pushed 5 graphs \({total:,} triples\)", text, re.M)
    m2 = re.search(r"^(\d+) of (\d+) catalogue queries give the same rows remotely$", text, re.M)
    assert m2 and m2.group(1) == m2.group(2) and int(m2.group(2)) >= 20
    assert re.search(rf"^server stopped \(pid {pid}, exit code -?\d+\)$", text, re.M)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
