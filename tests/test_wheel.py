"""The wheel is the whole product: installed into a fresh venv outside the repository, it builds,
queries, draws a view and publishes the site, and never reads a file of the repository.

The fresh venv gets the wheel with --no-deps and finds the dependencies in the project's .venv
through a .pth file (no network, no second install of pyoxigraph & co.). A .pth file processed
there adds a directory to sys.path but does not run that directory's own .pth files, so the
project's editable finder stays out. An audit hook, installed in the fresh venv before anything
else, records every file opened or listed under the repository's parent folder.
"""
from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.support import RESOURCES
from ykg.foundation.paths import ASSETS_DIR, REPOSITORY_DIR, TEMPLATES_DIR

pytestmark = pytest.mark.slow

AUDIT_HOOK = '''\
"""Record every file the process opens or lists under the watched folders (tests/test_wheel.py)."""
import os
import sys

_LOG = os.environ.get("YKG_AUDIT_LOG")
_WATCH = tuple(p for p in os.environ.get("YKG_AUDIT_WATCH", "").split(os.pathsep) if p)
_ALLOW = tuple(p for p in os.environ.get("YKG_AUDIT_ALLOW", "").split(os.pathsep) if p)
_LOG_PATH = os.path.abspath(_LOG) if _LOG else None


def _hook(event, args):
    if event not in ("open", "os.listdir", "os.scandir") or not args or args[0] is None:
        return
    if isinstance(args[0], int):
        return
    path = os.path.abspath(os.fsdecode(args[0]))
    # The log's own open must not be logged (a repository in /tmp watches the pytest folders).
    if path.startswith(_WATCH) and not path.startswith(_ALLOW) and path != _LOG_PATH:
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{event} {path}\\n")


if _LOG and _WATCH:
    sys.addaudithook(_hook)
'''

# A label of the overview: the second Sakigake project, as printed.
KNOWN_LABEL = "「やまぐちスマートスクール構想」推進プロジェクト"


def _under(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory):
    """A fresh venv under a temporary folder with the wheel installed and the audit hook in place."""
    home = tmp_path_factory.mktemp("installed")
    venv = home / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    # Install before the dependency .pth exists: pip must not see the project's own ykg install.
    r = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                        "--no-deps", "--no-index", str(wheel)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "_ykg_audit.py").write_text(AUDIT_HOOK, encoding="utf-8")
    # .pth files run in name order: the hook comes first, so it sees the imports too.
    (site / "_ykg_a_audit.pth").write_text("import _ykg_audit\n", encoding="utf-8")
    deps = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    (site / "_ykg_b_deps.pth").write_text("".join(p + "\n" for p in deps), encoding="utf-8")
    log = home / "audit.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}", YKG_AUDIT_LOG=str(log),
               # The repository and the folders beside it are off limits; the project's
               # .venv only lends the dependencies.
               YKG_AUDIT_WATCH=str(REPOSITORY_DIR.parent),
               YKG_AUDIT_ALLOW=os.pathsep.join([sys.prefix, str(home)]))
    work = home / "work"
    work.mkdir()
    return {"venv": venv, "python": python, "env": env, "log": log, "work": work}


def ykg(installed, *args) -> subprocess.CompletedProcess:
    """Run the installed `ykg` from a folder outside the repository."""
    return subprocess.run([str(installed["venv"] / "bin" / "ykg"), *args], capture_output=True,
                          text=True, cwd=installed["work"], env=installed["env"], timeout=900)


@pytest.fixture(scope="module")
def graph(installed) -> Path:
    """The build folder written by the installed ykg."""
    out = installed["work"] / "build"
    r = ykg(installed, "build", "--out", str(out))
    assert r.returncode == 0, r.stderr
    return out


def test_the_wheel_carries_every_resource(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"ykg/_resources/{p.relative_to(REPOSITORY_DIR).as_posix()}"
                for name in RESOURCES for p in (REPOSITORY_DIR / name).rglob("*")
                if p.is_file() and "__pycache__" not in p.parts}
    expected |= {f"ykg/{p.relative_to(TEMPLATES_DIR.parent).as_posix()}"
                 for folder in (TEMPLATES_DIR, ASSETS_DIR) for p in folder.rglob("*") if p.is_file()}
    expected.add("graphbuild/readings.tsv")
    assert any(n.startswith("ykg/_resources/data/") and n.endswith(".csv") for n in expected)
    assert "ykg/assets/match-key.js" in expected
    assert sorted(expected - names) == []


def test_the_installed_package_lives_in_the_venv(installed):
    r = subprocess.run([str(installed["python"]), "-c",
                        "import ykg, graphbuild, ykg.foundation.paths as p\n"
                        "for x in (ykg.__file__, graphbuild.__file__, p.DATA_DIR, p.ONTOLOGY_DIR,"
                        " p.QUERIES_DIR, p.TEMPLATES_DIR, p.ASSETS_DIR): print(x)"],
                       capture_output=True, text=True, cwd=installed["work"], env=installed["env"])
    assert r.returncode == 0, r.stderr
    paths = [Path(line) for line in r.stdout.splitlines()]
    assert len(paths) == 7
    for path in paths:
        assert _under(path, installed["venv"]), path
        assert path.exists(), path
    assert paths[2].parent.name == "_resources"


def test_build_gives_the_same_graph_as_the_repository(installed, graph, tmp_path):
    # The build folder also holds .ykg-graph/, the versions its graph.* links switch between.
    assert sorted(p.name for p in graph.iterdir() if not p.name.startswith(".")) == [
        "graph.jsonld", "graph.nt", "graph.trig", "graph.ttl"]
    reference = tmp_path / "reference"
    r = subprocess.run([str(Path(sys.executable).parent / "ykg"), "build", "--out", str(reference)],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    for name in ("graph.nt", "graph.ttl"):
        assert (graph / name).read_bytes() == (reference / name).read_bytes(), name


def test_query_run_on_the_build(installed, graph):
    r = ykg(installed, "query", "run", "budget-by-project", "--source", str(graph), "--format", "csv")
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [int(row["project_no"]) for row in rows] == list(range(1, 11))
    assert rows[1]["project_label"] == KNOWN_LABEL


def test_view_of_the_build(installed, graph):
    out = graph / "o.html"
    r = ykg(installed, "view", "overview", "--source", str(graph), "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert KNOWN_LABEL in out.read_text(encoding="utf-8")


def test_publish_the_build(installed, graph):
    site = graph / "site"
    r = ykg(installed, "publish", "--source", str(graph), "--out", str(site))
    assert r.returncode == 0, r.stderr
    assert (site / "index.html").is_file()
    assert len(list(site.rglob("*.html"))) > 1000


def test_the_audit_hook_sees_a_read_of_the_repository(installed, tmp_path):
    # The check below means something only if the hook records what it should.
    log = tmp_path / "probe.log"
    env = dict(installed["env"], YKG_AUDIT_LOG=str(log))
    r = subprocess.run([str(installed["python"]), "-c", "import sys; open(sys.argv[1]).close()",
                        str(REPOSITORY_DIR / "README.md")], cwd=installed["work"], env=env,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert log.read_text(encoding="utf-8").splitlines() == [f"open {REPOSITORY_DIR / 'README.md'}"]


def test_nothing_of_the_repository_was_read(installed, graph):
    # Runs last in this module (pytest keeps file order): every command above has run by now.
    log = installed["log"]
    assert log.parent.is_dir()
    read = sorted(set(log.read_text(encoding="utf-8").splitlines())) if log.exists() else []
    assert read == []
