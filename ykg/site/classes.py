"""The class pages: class/index.html and one class/{prefix}-{Name}.html listing its instances."""
from __future__ import annotations

from collections import defaultdict

from ykg.foundation.rdf import local_name

from .context import SiteContext
from .paths import doc_path, rel

INDEX = "class/index.html"


def write_class_pages(site: SiteContext) -> None:
    """Write one page per class with instances, then the index of the classes."""
    g = site.graph
    members = defaultdict(list)
    for i in g.resources:
        for c in g.types.get(i, ()):
            members[c].append(i)
    rows = []
    for c in g.classes():
        path = site.class_pages[c]
        ja, en = g.label(c)
        ontology = (rel(path, "ontology.html") + "#" + local_name(c)) if c in site.vocab.terms else c
        site.write_page(path, "class.html", title=f"{ja or en or g.curie(c)} | ykg", iri=c,
                        ja=ja, en=en, curie=g.curie(c), ontology=ontology,
                        in_ontology=c in site.vocab.terms,
                        members=[(rel(path, doc_path(g.local[i])), g.local[i], *g.label(i))
                                 for i in members[c]])
        rows.append((rel(INDEX, path), ja, en, g.curie(c), len(members[c])))
    site.write_page(INDEX, "classes.html", title="クラス一覧 | ykg", rows=rows)
