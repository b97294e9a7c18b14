"""The one Jinja2 environment over ykg/templates (autoescape on) and the asset files."""
from __future__ import annotations

import base64
import hashlib
from functools import lru_cache

from .paths import ASSETS_DIR, TEMPLATES_DIR
from .text import json_for_script


@lru_cache(maxsize=None)
def environment():
    """Return the shared Environment: HTML and XML templates are autoescaped, others are not."""
    import jinja2
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "xml", "svg"),
                                            default_for_string=True, default=False),
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
        trim_blocks=True, lstrip_blocks=True)
    env.filters["script_json"] = lambda data: jinja2.utils.markupsafe.Markup(json_for_script(data))
    env.globals["asset"] = asset_text
    return env


def render(template: str, **context) -> str:
    """Render one template file of ykg/templates with the given context."""
    return environment().get_template(template).render(**context)


@lru_cache(maxsize=None)
def asset_text(name: str) -> str:
    """Return the text of one asset file of ykg/assets."""
    return (ASSETS_DIR / name).read_text(encoding="utf-8")


def csp_hash(text: str) -> str:
    """Return the Content-Security-Policy source ('sha256-…') allowing an inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
