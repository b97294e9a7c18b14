"""`ykg serve` against a hostile or broken client: bad lengths and headers, slow and short bodies,
hundreds of idle half-requests, and slow queries that must not starve cheap ones."""
from __future__ import annotations

import json
import socket
import threading
import time
import urllib.parse

import pytest

from tests.support.net import serve_in_thread
from tests.test_serve import request, sparql
from ykg.site.serve import make_server

pytestmark = pytest.mark.server
READ_TIMEOUT = 1.0


@pytest.fixture(scope="module")
def strict_server(site):
    """The session site on an in-process server with a 1 s read timeout (no SPARQL workers)."""
    server = make_server(site.root, port=0, sparql=False, quiet=True, read_timeout=READ_TIMEOUT)
    with serve_in_thread(server) as url:
        yield url


def raw(url: str, data: bytes, wait: float = 10.0) -> bytes:
    """Send raw bytes on one connection; return everything the server sends until it closes."""
    host, port = urllib.parse.urlsplit(url).hostname, urllib.parse.urlsplit(url).port
    with socket.create_connection((host, port), timeout=wait) as s:
        s.sendall(data)
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


@pytest.mark.parametrize("length", ["-5", "abc", "1e3", "5, 7", " "])
def test_bad_content_length_is_400(strict_server, length):
    """The HTTP parser refuses the request (its own one-line message) and closes the connection."""
    answer = raw(strict_server, b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: "
                 b"application/sparql-query\r\nContent-Length: " + length.encode() + b"\r\n\r\n")
    assert status_of(answer) == 400 and b"connection: close" in answer.lower()


def test_conflicting_lengths_chunked_and_oversized_bodies(strict_server):
    head = b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
    assert status_of(raw(strict_server, head + b"Content-Length: 3\r\nContent-Length: 4\r\n\r\n"
                         b"ASK{")) == 400
    assert status_of(raw(strict_server, head + b"Transfer-Encoding: chunked\r\n\r\n3\r\nASK\r\n"
                         b"0\r\n\r\n")) == 411
    assert status_of(raw(strict_server, head + b"Content-Length: 99999999\r\n\r\n")) == 413


def test_a_body_shorter_than_its_length_gets_408_after_the_read_timeout(strict_server):
    started = time.monotonic()
    answer = raw(strict_server, b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: "
                 b"application/sparql-query\r\nContent-Length: 100\r\n\r\nASK {}")
    assert status_of(answer) == 408
    assert READ_TIMEOUT * 0.9 <= time.monotonic() - started < READ_TIMEOUT + 5


# The HTTP parser (httptools) answers 400 to what it cannot parse: an over-long target, an unknown
# method, an unknown HTTP version (http.server said 414, 501, 505).
@pytest.mark.parametrize("data, status", [
    (b"GET /index.html HTTP/1.1\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(150))
     + b"\r\n", 431),
    (b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n", 400),
    (b"GET /index.html HTTP/1.1\r\nHost: x\r\nthis line has no colon\r\nAccept: */*\r\n\r\n", 400),
    (b"GET /index.html HTTP/1.1\r\nHost: x\r\n X-Folded: continuation first\r\n\r\n", 400),
    (b"BREW /index.html HTTP/1.1\r\n\r\n", 400),
    (b"GET /index.html HTTP/9.9\r\n\r\n", 400),
    (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 400),
])
def test_malformed_requests(strict_server, data, status):
    assert status_of(raw(strict_server, data)) == status


def test_idle_half_requests_are_dropped_and_do_not_block_others(strict_server):
    host, port = urllib.parse.urlsplit(strict_server).hostname, urllib.parse.urlsplit(strict_server).port
    idle = []
    try:
        for _ in range(300):
            s = socket.create_connection((host, port), timeout=10)
            s.sendall(b"GET /index.html HTTP/1.1\r\nHost: x\r\n")  # never finished
            idle.append(s)
        started = time.monotonic()
        assert request(strict_server + "/index.html")[0] == 200
        assert time.monotonic() - started < 1.0
        # every idle connection is closed by the server after the read timeout
        for s in idle:
            s.settimeout(READ_TIMEOUT + 10)
            try:
                assert s.recv(100) == b""
            except ConnectionResetError:
                pass
    finally:
        for s in idle:
            s.close()


def test_a_cheap_query_is_not_starved_by_slow_ones(site_server):
    """Two runaway queries hold both general workers; every ASK meanwhile answers within 1 s."""
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    answers: list = []
    slow = [threading.Thread(target=lambda: answers.append(sparql(site_server, heavy)[0]))
            for _ in range(2)]
    for t in slow:
        t.start()
    latencies = []
    while any(t.is_alive() for t in slow) and len(latencies) < 2000:
        started = time.monotonic()
        status, _, body = sparql(site_server, "ASK { ?s ?p ?o }")
        latencies.append(time.monotonic() - started)
        assert status == 200 and json.loads(body)["boolean"] is True
    for t in slow:
        t.join(30)
    assert answers == [503, 503]  # the runaway queries did run into the time limit
    assert len(latencies) >= 10 and max(latencies) < 1.0, (len(latencies), max(latencies))
