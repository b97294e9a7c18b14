"""One view as one self-contained HTML page: the template, the inlined assets, the policy.

The page fetches nothing: vis-network 9.1.2 (the copy bundled in the pyvis package), the match
key (assets/match-key.js) and the page script (assets/view.js) are inlined, and a
Content-Security-Policy lets only those scripts run (by hash). No text from the data is put into
markup: it travels in one JSON block (<, >, & escaped) and the script inserts it with textContent;
the heading and the <title> are escaped by the template. pyvis's own template is not used (it
loads Bootstrap from a CDN, inserts the heading raw and switches tooltips to innerHTML when a
title contains "href").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ykg.foundation.templating import asset_text, csp_hash, render
from ykg.network import build_network
from ykg.network.presets import DEFAULT_K, LANGS

from .model import View, ViewError
from .payload import UI, page_data
from .select import select_view

# The explorer's vendored vis-network (ykg/assets/vendor, from the npm lockfile): one library.
VIS_DIR = "vendor/vis"
DEFAULT_OUT_DIR = Path("build") / "views"
# After vis-network, in this order; explore-core.js is the code shared with the explorer page.
SCRIPT_ASSETS = ("match-key.js", "explore-core.js", "view.js")
STYLE_ASSET = "view.css"
POLICY = ("default-src 'none'; script-src {scripts}; style-src 'unsafe-inline'; img-src data:; "
          "font-src data:; base-uri 'none'; form-action 'none'")


def vis_assets() -> tuple[list[str], str]:
    """Return vis-data's and vis-network's JS and vis-network's CSS, as vendored for the site.

    The source-map comments are dropped (they would name a file), and so are the CSS rules with
    images (icons of the navigation and editing buttons, which the views do not show).
    """
    js = [re.sub(r"\n?//# sourceMappingURL=\S*\s*$", "\n", asset_text(f"{VIS_DIR}/{name}"))
          for name in ("vis-data.min.js", "vis-network.min.js")]
    css = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", asset_text(f"{VIS_DIR}/vis-network.min.css"))
    css = re.sub(r"[^{}]*\{[^{}]*url\([^{}]*\}", "", css)
    return js, css


def vis_version() -> str:
    """Return the version of the vendored vis-network (from its banner)."""
    banner = asset_text(f"{VIS_DIR}/vis-network.min.js")[:400]
    return re.search(r"@version\s+(\S+)", banner).group(1)


def _check_inline(text: str, tag: str) -> str:
    """Refuse a text that would end its <script> or <style> element early."""
    if re.search(rf"</{tag}", text, re.IGNORECASE) or "<!--" in text:
        raise ViewError(f"cannot inline: the text contains </{tag} or <!--")
    return text


def inline_assets() -> tuple[list[str], str]:
    """Return the page's scripts (vis-network, match key, page script) and its styles."""
    vis_js, vis_css = vis_assets()
    scripts = [_check_inline(t, "script") for t in
               (*vis_js, *(asset_text(name) for name in SCRIPT_ASSETS))]
    styles = "\n".join(_check_inline(t, "style") for t in (vis_css, asset_text(STYLE_ASSET)))
    return scripts, styles


def render_html(view: View, lang: str = "ja") -> str:
    """Render a view as one self-contained HTML page (vis-network inlined, nothing fetched)."""
    if lang not in LANGS:
        raise ViewError(f"unknown language {lang!r} (one of {', '.join(LANGS)})")
    scripts, styles = inline_assets()
    data = page_data(view, lang)
    ui = UI[lang]
    subtitle = f"{data['counts']['nodes']} {ui['nodes']} · {data['counts']['edges']} {ui['edges']}"
    if view.notes:
        subtitle += " · " + "; ".join(view.notes)
    csp = POLICY.format(scripts=" ".join(csp_hash(s) for s in scripts))
    return render("views/view.html", lang=lang, csp=csp, vis_version=vis_version(),
                  title=view.title(lang), subtitle=subtitle, styles=styles, ui=ui, data=data,
                  scripts=scripts)


@dataclass(frozen=True)
class ViewResult:
    """A written view: where, and how much it shows."""

    path: Path
    nodes: int
    edges: int
    size: int
    view: View


def default_out(view: View, out_dir: Path = DEFAULT_OUT_DIR) -> Path:
    """Return build/views/<slug>.html, the slug cut down to safe file-name characters."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", view.slug).strip("-") or view.preset
    return Path(out_dir) / f"{slug}.html"


def write_view(store, preset: str, args: list[str] | tuple[str, ...] = (), out: Path | None = None,
               lang: str = "ja", *, k: int = DEFAULT_K, columns: str | None = None,
               net=None) -> ViewResult:
    """Build the network from the store (unless given), select the preset's view, write its page."""
    net = build_network(store) if net is None else net
    view = select_view(net, preset, args, store=store, k=k, columns=columns)
    text = render_html(view, lang)
    path = Path(out) if out is not None else default_out(view)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    path.write_bytes(data)
    return ViewResult(path, view.graph.number_of_nodes(), view.graph.number_of_edges(),
                      len(data), view)
