"""Fixtures of the linked-data site: publish once per session, serve it with `ykg serve`.

The session site is published with the base IRI http://127.0.0.1:{port}, and `ykg serve` runs on
that port, so its resource IRIs really dereference: a LOD client can fetch the IRI itself.
"""
from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from graphbuild import build_dataset
from tests.support.net import free_port, serve_in_thread
from tests.support.servers import stop, wait_http
from tests.support.payload import write_payload_data
from ykg.foundation.paths import DATA_DIR

SERVE_START_TIMEOUT = 60.0
# Limits of the test server: small enough to be reached by the tests that check them.
TEST_TIMEOUT_S = 3
TEST_MAX_ROWS = 200

# A label that would run script on any page that inserted it as markup.
PAYLOAD_JA = ('<script>window.__xss=1;alert(1)</script><img src=x onerror="window.__xss=2;'
              'alert(2)">子育て</script><script>alert(3)</script>')
PAYLOAD_EN = "\"'><svg onload=\"window.__xss=4;alert(4)\">&amp; </title><b>bold</b>"


@dataclass
class PublishedSite:
    """A site written by publish_site, with the build it came from."""

    root: Path
    base: str
    build: object
    report: object


@dataclass
class RunningServer:
    """A `ykg serve` process on 127.0.0.1."""

    url: str
    proc: subprocess.Popen
    log: Path


def ykg_command() -> list[str]:
    """Return the command that runs the `ykg` CLI of this environment."""
    script = Path(sys.executable).parent / "ykg"
    return [str(script)] if script.exists() else [sys.executable, "-m", "ykg.cli"]


def publish(tmp: Path, base: str, data_dir: Path = DATA_DIR) -> PublishedSite:
    """Build the tables under base and publish the site into tmp/site."""
    from ykg.site import publish_site
    build = build_dataset(data_dir, base)
    report = publish_site(build, tmp / "site")
    return PublishedSite(tmp / "site", base, build, report)


@pytest.fixture(scope="session")
def site_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def site(tmp_path_factory, site_port) -> PublishedSite:
    """The real data published once per session, base http://127.0.0.1:{site_port}."""
    return publish(tmp_path_factory.mktemp("lod"), f"http://127.0.0.1:{site_port}")


@pytest.fixture(scope="session")
def site_server(site, site_port, tmp_path_factory) -> RunningServer:
    """`ykg serve` on the session site, 127.0.0.1:{site_port}; stopped by its PID afterwards."""
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    args = ykg_command() + ["serve", "--site", str(site.root), "--port", str(site_port),
                            "--timeout", str(TEST_TIMEOUT_S), "--max-rows", str(TEST_MAX_ROWS),
                            "--workers", "2", "--quiet"]
    with open(log, "wb") as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{site_port}"
    try:
        wait_http(f"{url}/index.html", proc, SERVE_START_TIMEOUT, log)
        yield RunningServer(url, proc, log)
    finally:
        stop(proc)


def static_files(root: Path):
    """Serve a folder with Python's plain static file server (no negotiation); a context of its URL."""
    import functools
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    return serve_in_thread(ThreadingHTTPServer(("127.0.0.1", 0),
                                               functools.partial(Quiet, directory=str(root))))


@pytest.fixture(scope="session")
def static_server(site) -> str:
    """The session site on Python's plain static file server (no negotiation): its URL."""
    with static_files(site.root) as url:
        yield url



@pytest.fixture(scope="session")
def payload_site(tmp_path_factory) -> PublishedSite:
    """A site whose program p0001 carries script payloads in its ja and en labels."""
    tmp = tmp_path_factory.mktemp("xss")
    data = write_payload_data(tmp / "data", PAYLOAD_JA, PAYLOAD_EN)
    return publish(tmp, "https://example.org/ykg", data)


PLANS = 3  # the several-plans fixtures: three synthetic plans (benchmarks/synth.py)


def write_plans_data(folder: Path, n: int = PLANS) -> Path:
    """Write n synthetic plans (the document's tables, ids scoped per plan) into folder."""
    from benchmarks.synth import write_plans
    write_plans(n, folder)
    return folder


@pytest.fixture(scope="session")
def plans_site(tmp_path_factory) -> PublishedSite:
    """Three synthetic plans built and published once per session (base https://example.org/ykg)."""
    tmp = tmp_path_factory.mktemp("plans")
    return publish(tmp, "https://example.org/ykg", write_plans_data(tmp / "data"))


@pytest.fixture(scope="session")
def plans_hosts(plans_site, tmp_path_factory):
    """The three-plan site on `ykg serve` and on a plain static server: {host name: URL}."""
    port = free_port()
    log = tmp_path_factory.mktemp("plans-serve") / "serve.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(ykg_command() + ["serve", "--site", str(plans_site.root), "--port",
                                                 str(port), "--quiet"], stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        wait_http(f"http://127.0.0.1:{port}/index.html", proc, SERVE_START_TIMEOUT, log)
        with static_files(plans_site.root) as static:
            yield {"served": f"http://127.0.0.1:{port}", "static": static}
    finally:
        stop(proc)
