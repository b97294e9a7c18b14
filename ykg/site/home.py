"""The home page (title, offline search, the policy's hierarchy) and, with several plans, a page per plan.

With one plan the home page shows its hierarchy. With several it shows the first plan's and lists
every plan, each with its hierarchy on ``plans/<plan-id>.html``: a home page of a hundred plans
stays the size of one.
"""
from __future__ import annotations

import pyoxigraph as ox

from ykg.foundation.constants import PREFIXES

from .context import SiteContext
from .hierarchy import hierarchy, read_hierarchy
from .paths import slug

DCT = PREFIXES["dcterms"]
PATH = "index.html"
PLAN_PAGES = "plans"
# Loaded in this order: the shared match key, then the search that uses it (and loads the index).
SCRIPTS = ("assets/match-key.js", "assets/search.js")


def plan_page(plan: str) -> str:
    """Return the site path of the hierarchy page of a plan (set) IRI."""
    return f"{PLAN_PAGES}/{slug(plan.rstrip('/').rsplit('/', 1)[-1])}.html"


def write_home(site: SiteContext) -> None:
    """Write index.html, and plans/<plan-id>.html for each plan when there are several."""
    d = f"{site.base}/dataset/ykg"
    desc = {(t.predicate.value, t.object.language): t.object.value
            for t in site.graph.out.get(d, ()) if isinstance(t.object, ox.Literal)}
    h = read_hierarchy(site)
    plans = [p for p in h.plans() if p]
    several = len(plans) > 1
    listed = [{"plan": site.link(PATH, p), "page": plan_page(p)} for p in plans] if several else []
    site.write_page(PATH, "home.html", title="やまぐちデジタル改革基本方針 ナレッジグラフ | ykg",
                    ja=desc.get((DCT + "title", "ja"), "ykg"), en=desc.get((DCT + "title", "en"), ""),
                    description_ja=desc.get((DCT + "description", "ja"), ""),
                    description_en=desc.get((DCT + "description", "en"), ""),
                    scripts=SCRIPTS, plans=listed,
                    **hierarchy(site, PATH, h, plans[0] if several else None))
    for p in plans if several else ():
        path = plan_page(p)
        link = site.link(path, p)
        site.write_page(path, "plan.html", title=f"{link.text} | ykg", plan=link,
                        **hierarchy(site, path, h, p))
