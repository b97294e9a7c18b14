"""The home page: the dataset's title, the offline search box and the policy's hierarchy."""
from __future__ import annotations

import pyoxigraph as ox

from ykg.foundation.constants import PREFIXES

from .context import SiteContext
from .hierarchy import hierarchy

DCT = PREFIXES["dcterms"]
PATH = "index.html"
# Loaded in this order: the index, the shared match key, then the search that uses both.
SCRIPTS = ("search-index.js", "assets/match-key.js", "assets/search.js")


def write_home(site: SiteContext) -> None:
    """Write index.html."""
    d = f"{site.base}/dataset/ykg"
    desc = {(t.predicate.value, t.object.language): t.object.value
            for t in site.graph.out.get(d, ()) if isinstance(t.object, ox.Literal)}
    site.write_page(PATH, "home.html", title="やまぐちデジタル改革基本方針 ナレッジグラフ | ykg",
                    ja=desc.get((DCT + "title", "ja"), "ykg"), en=desc.get((DCT + "title", "en"), ""),
                    description_ja=desc.get((DCT + "description", "ja"), ""),
                    description_en=desc.get((DCT + "description", "en"), ""),
                    scripts=SCRIPTS, **hierarchy(site, PATH))
