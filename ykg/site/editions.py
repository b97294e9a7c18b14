"""Editions in the site: what changed since the previous edition (`ykg publish --previous DIR`).

DIR is the previous edition's published site (its dumps/ykg.trig), a folder of its dumps or its
.trig/.nq dump. The site then gets changes.html (every change, with links to the entity in both
editions), changes.csv/.json/.trig (the diff and its changeset), editions.ttl (DCAT versions),
the previous edition's dumps under editions/<version>/ (with the descriptions of the entities it
changed, editions/<version>/doc/<kind>/<id>.ttl), a "changed since" box on each changed resource
page and the explorer's editions toggle (assets/editions.js, its data in explore.html).
"""
from __future__ import annotations

from pathlib import Path

from ykg.diff import diff_editions, edition_from_quads, format_diff, load_side
from ykg.diff.sides import SITE_DUMP
from ykg.foundation.constants import PREFIXES
from ykg.foundation.templating import asset_text

from .context import SiteContext
from .editions_data import explorer_data, version_quads
from .paths import doc_path, rel, slug

PAGE = "changes.html"
VERSIONS = "editions.ttl"
ASSETS = {"assets/editions.js": "editions.js", "assets/editions.css": "editions.css"}


class EditionsContext(SiteContext):
    """A SiteContext that knows the previous edition and adds what changed to the pages."""

    def __init__(self, *args, previous_edition: Path | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition_source = Path(previous_edition) if previous_edition is not None else None
        self.diff = None
        if self.edition_source is not None:
            old = load_side(str(self.edition_source), self.base)
            self.diff = diff_editions(old, edition_from_quads("this edition", self.base,
                                                              self.build.quads))
            self.changed = self.diff.entities()
            self.old_dir = f"editions/{slug(self.diff.old_version)}"

    def page_context(self, path: str, template: str, *, title: str, **context) -> dict:
        """Return a page's context; with a previous edition, its link to changes.html and its changes."""
        if self.diff is not None:
            context.update(self.edition_context(path, template, context))
        return super().page_context(path, template, title=title, **context)

    def edition_context(self, path: str, template: str, context: dict) -> dict:
        out = {"changes_page": rel(path, PAGE)}
        local = context.get("iri", "")[len(self.base) + 4:] if template == "resource.html" else ""
        if local in self.changed:
            out["changes_since"] = {
                "old": self.diff.old_version, "status": self.changed[local],
                "rows": [r for r in self.diff.rows if f"{r.kind}/{r.id}" == local],
                "old_href": rel(path, f"{self.old_dir}/doc/{local}.ttl")
                if self.changed[local] != "added" else ""}
        if template == "explore.html":
            out["editions"] = explorer_data(self.diff)
            out["editions_assets"] = [rel(path, p) for p in ASSETS]
        return out


def _kept_dumps(source: Path) -> list[Path]:
    """Return the dump files of the previous edition: its site's dumps/, a folder, or one file."""
    if (source / SITE_DUMP).is_file():
        source = source / SITE_DUMP.parent
    if source.is_file():
        return [source]
    return sorted(p for p in source.glob("ykg.*") if p.is_file())


def _write_old_descriptions(site: EditionsContext) -> None:
    """Write the previous edition's description of every entity the diff names."""
    import pyoxigraph as ox
    by_subject: dict[str, list] = {}
    for q in site.diff.old.quads:
        by_subject.setdefault(q.subject.value, []).append(q.triple)
    for local, status in sorted(site.changed.items()):
        triples = by_subject.get(f"{site.base}/id/{local}")
        if status != "added" and triples:
            site.write(f"{site.old_dir}/doc/{local}.ttl", ox.serialize(
                sorted(set(triples), key=str), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES))


def _write_versions(site: EditionsContext) -> None:
    """Keep the previous edition's dumps (and its own history) and describe every version."""
    import pyoxigraph as ox
    kept: dict[str, list[Path]] = {site.diff.old_version: []}
    for f in _kept_dumps(site.edition_source):
        site.write(f"{site.old_dir}/{f.name}", f.read_bytes())
        kept[site.diff.old_version].append(f)
    earlier = []
    if (site.edition_source / VERSIONS).is_file():  # the previous site's history, carried over
        earlier = list(ox.parse(path=str(site.edition_source / VERSIONS), format=ox.RdfFormat.TURTLE))
        for folder in sorted((site.edition_source / "editions").glob("*/")):
            for f in sorted(folder.rglob("*")):
                if f.is_file():
                    site.write(str(f.relative_to(site.edition_source)), f.read_bytes())
    site.write(VERSIONS, ox.serialize(version_quads(site.diff, site.site_url, kept, earlier),
                                      format=ox.RdfFormat.TURTLE, prefixes=PREFIXES))


def write_editions(site: SiteContext) -> None:
    """Write the changes page, the diff files, the kept dumps and the versions (if any)."""
    if getattr(site, "diff", None) is None:
        return
    for path, name in ASSETS.items():
        site.write(path, asset_text(name))
    _write_versions(site)
    _write_old_descriptions(site)
    for ext, fmt in ((".csv", "csv"), (".json", "json"), (".trig", "rdf")):
        site.write(f"changes{ext}", format_diff(site.diff, fmt))
    rows = [{"row": r, "key": f"{r.kind}/{r.id}",
             "new_href": rel(PAGE, doc_path(f"{r.kind}/{r.id}"))
             if f"{site.base}/id/{r.kind}/{r.id}" in site.graph.local else "",
             "old_href": f"{site.old_dir}/doc/{r.kind}/{r.id}.ttl"
             if site.changed.get(f"{r.kind}/{r.id}") not in (None, "added")
             and (site.out / site.old_dir / "doc" / f"{r.kind}/{r.id}.ttl").is_file() else ""}
            for r in site.diff.rows if r.change != "version"]
    site.write_page(PAGE, "changes.html", title="前の版からの変更 / What changed | ykg",
                    diff=site.diff, rows=rows, old_dir=site.old_dir,
                    kept=[f.name for f in _kept_dumps(site.edition_source)])


__all__ = ["EditionsContext", "write_editions"]
