"""The view presets and analysis choices as plain data (no imports, so the CLI starts fast).

ykg.views binds each preset name to the function that selects its nodes; the `ykg view`,
`ykg analyze` and `ykg path` commands take their choices and help from here, so they cannot
offer a preset or a table the library lacks (tests check both lists against the code).
"""
from __future__ import annotations

from typing import NamedTuple

LANGS = ("ja", "en")
DEFAULT_K = 3
MAX_K = 20

ANALYSIS_FORMATS = ("table", "csv", "json")
ANALYSIS_TABLES = ("centrality", "bridges", "communities", "departments")


class PresetInfo(NamedTuple):
    """A named view: its argument syntax, how many arguments it takes, and what it shows."""

    name: str
    args: str
    nargs: tuple  # (min, max); max -1 = any number
    summary_ja: str
    summary_en: str


PRESETS: dict[str, PresetInfo] = {p.name: p for p in (
    PresetInfo("overview", "", (0, 0),
               "政策マップ(ビジョン→柱・分野→目標→事業→部局、魁プロジェクトを強調)",
               "The policy map: vision → pillars / areas → goals → programs → departments"),
    PresetInfo("project", "N", (1, -1), "魁プロジェクトと構成事業・部局・目標・柱",
               "A Sakigake project with its programs, their departments, goals and pillars"),
    PresetInfo("department", "NAME", (1, -1), "部局の周辺", "A department's neighbourhood"),
    PresetInfo("program", "NAME", (1, -1), "事業の周辺", "A program's neighbourhood"),
    PresetInfo("technology", "NAME", (1, -1), "デジタル技術の周辺",
               "A technology's neighbourhood"),
    PresetInfo("path", "A B", (2, 2), "二つの実体をつなぐ最短経路(k本)",
               "The k shortest paths between two entities"),
    PresetInfo("query", "ID [NAME=VALUE…]", (1, -1),
               "カタログのクエリの結果(実体の2列)を辺として描く",
               "A catalogue query with two entity columns, drawn as edges"),
)}
