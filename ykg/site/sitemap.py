"""sitemap.xml (every HTML page under the public URL) and robots.txt."""
from __future__ import annotations

from ykg.foundation.templating import render

from .context import SiteContext


def write_sitemap(site: SiteContext) -> None:
    """Write the sitemap of the pages written so far and the robots.txt naming it."""
    urls = [f"{site.site_url}/{p}" for p in sorted(set(site.pages))]
    site.write("sitemap.xml", render("site/sitemap.xml", urls=urls))
    site.write("robots.txt", render("site/robots.txt", site_url=site.site_url))
