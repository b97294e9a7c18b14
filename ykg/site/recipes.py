"""The hosting recipes: .htaccess and hosting/ (Apache, nginx, w3id), the negotiation of `ykg serve`.

The rules come from the same tables as the server (negotiation.ACCEPT_ALIASES, RECIPE_ORDER), so a
static host picks the file `ykg serve` would pick for any single-type Accept header.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from ykg.foundation.templating import render

from .context import SiteContext
from .negotiation import (ACCEPT_ALIASES, CACHE_CONTROL, CSP, DATASET_PATH, RECIPE_ORDER,
                          REPRESENTATIONS, VOCABULARY_PATH)


def rules() -> list[tuple[tuple[str, ...], str, str]]:
    """Return (media types, file extension, Accept regex) per RDF representation, in test order."""
    return [(ACCEPT_ALIASES[k], REPRESENTATIONS[k][0],
             "|".join(re.escape(t) for t in ACCEPT_ALIASES[k])) for k in RECIPE_ORDER]


def recipe(name: str, **context) -> str:
    """Render one recipe of ykg/templates/recipes/."""
    return render(f"recipes/{name}", rules=rules(), dataset_path=DATASET_PATH,
                  vocabulary_path=VOCABULARY_PATH, csp=CSP, cache_control=CACHE_CONTROL, **context)


def write_hosting(site: SiteContext) -> None:
    """Write .htaccess, hosting/apache.htaccess, nginx.conf, README.md (and w3id.htaccess)."""
    base_path = urlsplit(site.base).path.rstrip("/") or ""
    apache = recipe("apache.htaccess", base_path=base_path)
    site.write(".htaccess", apache)
    site.write("hosting/apache.htaccess", apache)
    site.write("hosting/nginx.conf", recipe("nginx.conf", p=base_path))
    if site.site_url != site.base:
        site.write("hosting/w3id.htaccess",
                   recipe("w3id.htaccess", base=site.base, site_url=site.site_url))
    site.write("hosting/README.md", recipe("README.md", base=site.base, site_url=site.site_url))
