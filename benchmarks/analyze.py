"""Time `ykg analyze` as the plans grow: linear growth is the target.

Reference measured in the same run: N times the time of N=1 (what linear growth would take);
the ratio is under about 1 when analyze grows linearly. The method of the betweenness (exact per
connected part, or sampled) is taken from the command's own output.

Run alone: .venv/bin/python -m benchmarks.run --only analyze --sizes 1,10
"""
from __future__ import annotations

import re

_FIRST: dict[str, float] = {}  # the N=1 time of this run


def measure(n: int, ctx) -> list[dict]:
    """Run `ykg analyze` on the build of n plans; return the rows of the bench table."""
    wall, rss, proc = ctx.timed(ctx.ykg + ["analyze", "--lang", "en", "--source", ctx.build])
    if n == 1 or "t1" not in _FIRST:
        _FIRST["t1"], _FIRST["n1"] = wall, n
    method = re.search(r"^\((betweenness: .*)\)$", proc.stdout, re.M)
    return [{"what": "`ykg analyze`", "value": wall, "unit": "s",
             "reference": f"N × the N={_FIRST['n1']} time (linear)",
             "ref_value": _FIRST["t1"] * n / _FIRST["n1"], "target": "≈ linear (≤ 1×)",
             "note": f"{method.group(1) if method else 'method not stated'}; peak RSS {rss:,.0f} MB"}]
