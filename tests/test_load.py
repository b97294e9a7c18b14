"""`ykg serve` under load, bounded: many clients for a few seconds get every answer, none late.

The full measurement (200 clients for 20 s, against the previous commit) is benchmarks/serve.py.
"""
from __future__ import annotations

import pytest

from tests.support.net import load

pytestmark = pytest.mark.server
CLIENTS, SECONDS = 100, 4


def test_many_clients_get_every_answer(site_server):
    figures = load(site_server.url, CLIENTS, SECONDS, processes=2, timeout=10)
    for kind, f in figures.items():
        assert f["requests"] > 100, (kind, f)
        assert f["errors"] == 0, (kind, f)
        assert f["max"] < 10, (kind, f)  # no request hung until the client gave up
