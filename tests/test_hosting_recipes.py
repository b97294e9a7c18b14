"""The hosting recipes on the real servers: Debian's nginx and Apache serve the published site with
its own hosting/nginx.conf and .htaccess, on 127.0.0.1, and negotiate as `ykg serve` does.

Static rewrite rules cannot weigh q-values or answer 406; the few Accept headers where that shows
are listed in STATIC_DIFFERENCES with what the static servers answer, so any other drift fails.
"""
from __future__ import annotations

import re

import pytest

from tests.support.servers import apache_server, nginx_server
from tests.test_serve import BROWSER, RDFLIB_DEFAULT, request

pytestmark = pytest.mark.server

RESOURCE = "/id/program/p0001"
ACCEPTS = [None, "*/*", "text/html", "application/xhtml+xml", BROWSER, "text/turtle",
           "application/x-turtle", "application/ld+json", "application/json",
           "application/n-triples", "text/plain", "application/rdf+xml", "text/*",
           "application/*", "text/html;q=0.1, text/turtle", "text/turtle, */*;q=0.1",
           "text/turtle;q=0.5, application/ld+json", RDFLIB_DEFAULT, "image/png",
           "text/turtle;q=0"]
# Accept -> what nginx and Apache answer where `ykg serve` weighs q-values or answers 406.
STATIC_DIFFERENCES = {
    "application/*": (303, "/doc/program/p0001.html"),
    "text/turtle;q=0.5, application/ld+json": (303, "/doc/program/p0001.ttl"),
    "image/png": (303, "/doc/program/p0001.html"),
    "text/turtle;q=0": (303, "/doc/program/p0001.ttl"),
}
OTHER_IRIS = [("/dataset/ykg", "text/turtle"), ("/catalog", "application/ld+json"),
              ("/def", "text/turtle"), ("/def/0.1.0", "text/html"),
              ("/graph/curated", "application/n-triples"), ("/.well-known/void", "text/turtle"),
              ("/doc/program/p0001", "text/turtle"), ("/doc/program/p0001", "text/html")]


def outcome(url: str, path: str, accept: str | None) -> tuple:
    """(status, Location or Content-Location, media type of the document finally served)."""
    headers = {"Accept": accept} if accept is not None else {}
    status, h, _ = request(url + path, headers=headers)
    if status == 303:
        location = re.sub(r"^https?://[^/]+", "", h["location"])  # absolute or not: the same
        final, fh, _ = request(url + location, headers=headers)
        return status, location, final, fh.get("content-type", "").split(";")[0]
    return status, h.get("content-location"), None, h.get("content-type", "").split(";")[0]


@pytest.fixture(scope="module")
def static_servers(site, tmp_path_factory):
    """nginx and Apache serving the session site, each from its published recipe."""
    work = tmp_path_factory.mktemp("hosting")
    with nginx_server(site.root, work / "nginx") as nginx, \
            apache_server(site.root, work / "apache") as apache:
        yield {"nginx": nginx, "apache": apache}


@pytest.mark.parametrize("name", ["nginx", "apache"])
def test_static_servers_negotiate_like_ykg_serve(site_server, static_servers, name):
    url, serve = static_servers[name], site_server.url
    rdf_xml = (site_server_root(site_server) / "doc/program/p0001.rdf").is_file()
    differ = []
    for accept in ACCEPTS:
        want, got = outcome(serve, RESOURCE, accept), outcome(url, RESOURCE, accept)
        if accept in STATIC_DIFFERENCES:
            assert got[:2] == STATIC_DIFFERENCES[accept], (accept, got)
        elif accept == "application/rdf+xml" and not rdf_xml:
            assert got[:2] == (303, "/doc/program/p0001.rdf"), got  # the site has no .rdf yet
        elif got != want:
            differ.append((accept, want, got))
    for path, accept in OTHER_IRIS:
        want, got = outcome(serve, path, accept), outcome(url, path, accept)
        if got[:2] != want[:2] or got[3] != want[3]:
            differ.append((path, accept, want, got))
    assert not differ, differ


def site_server_root(server):
    from pathlib import Path
    args = server.proc.args
    return Path(args[args.index("--site") + 1])


@pytest.mark.parametrize("name", ["nginx", "apache", "serve"])
def test_caching_and_security_headers(site_server, static_servers, name):
    url = site_server.url if name == "serve" else static_servers[name]
    status, h, body = request(url + "/doc/program/p0001.ttl")
    assert status == 200 and h["etag"].startswith('"') and h["last-modified"]
    assert h["cache-control"] == "public, max-age=300"
    assert h["access-control-allow-origin"] == "*" and h["x-content-type-options"] == "nosniff"
    assert request(url + "/doc/program/p0001.ttl", headers={"If-None-Match": h["etag"]})[0] == 304
    assert request(url + "/doc/program/p0001.ttl",
                   headers={"If-Modified-Since": h["last-modified"]})[0] == 304
    assert request(url + "/doc/program/p0001.ttl", headers={"If-None-Match": '"other"'})[0] == 200
    status, h, _ = request(url + "/index.html")
    assert status == 200 and "'wasm-unsafe-eval'" in h["content-security-policy"]
    assert "frame-ancestors 'none'" in h["content-security-policy"]
    status, h, _ = request(url + RESOURCE, headers={"Accept": "text/turtle"})
    assert status == 303 and h["vary"] == "Accept"
