"""Interactive network views: one self-contained HTML file per view, safe and offline.

A view is a preset (ykg.network.presets.PRESETS) applied to the policy network (ykg.network):
it selects nodes and edges (select, query), lays them out deterministically (layout), and
renders one HTML page (page: templates/views/view.html with vis-network, assets/match-key.js and
assets/view.js inlined; payload: the data it carries; style: how nodes look).
"""
from __future__ import annotations

from ykg.network.presets import DEFAULT_K, LANGS, PRESETS

from .layout import layered
from .model import View, ViewError
from .page import (DEFAULT_OUT_DIR, ViewResult, default_out, render_html, vis_assets, vis_version,
                   write_view)
from .payload import UI, page_data
from .select import CONTEXT_CLASSES, OVERVIEW_CLASSES, SELECTORS, select_view
from .style import STYLES, department_colors, text_color, wrap_label

__all__ = [
    "CONTEXT_CLASSES", "DEFAULT_K", "DEFAULT_OUT_DIR", "LANGS", "OVERVIEW_CLASSES", "PRESETS",
    "SELECTORS", "STYLES", "UI", "View", "ViewError", "ViewResult",
    "default_out", "department_colors", "layered", "page_data", "render_html", "select_view",
    "text_color", "vis_assets", "vis_version", "wrap_label", "write_view",
]
