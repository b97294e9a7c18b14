"""What the site and its server agree on: representations, media types, CSP, the site marker.

Cheap to import: the static rewrite recipes, the publisher and the server all read these tables,
so the choices of `ykg serve` and of the Apache/nginx rules cannot drift apart.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from ykg.foundation.rdf import BY_KEY, FORMATS

from .errors import ServeError

DEFAULT_SITE = Path("build") / "site"
MARKER = "site.json"  # marks a folder as a site written by `ykg publish`
GENERATOR = "ykg publish"

HTML_TYPES = ("text/html", "application/xhtml+xml")
RDF_KEYS = ("ttl", "jsonld", "nt")  # the RDF files the pages link to
# Every RDF representation the server and the recipes negotiate (RDF/XML: doc/{local}.rdf).
NEGOTIATED_KEYS = tuple(dict.fromkeys(RDF_KEYS + ("rdfxml",)))
# Media types in an Accept header that select each representation (first = canonical).
# Order = server preference: HTML, Turtle, JSON-LD, N-Triples, RDF/XML.
ACCEPT_ALIASES = {"html": HTML_TYPES, **{k: BY_KEY[k].media_types for k in NEGOTIATED_KEYS}}
# The representations of a resource: (file extension, media type).
REPRESENTATIONS = {"html": (".html", "text/html"),
                   **{k: (BY_KEY[k].extension, BY_KEY[k].media_type) for k in NEGOTIATED_KEYS}}
# Order in which the static rewrite rules test the Accept header (they cannot weigh q-values;
# RDF first, because browsers never ask for RDF and RDF clients may also list text/html).
RECIPE_ORDER = NEGOTIATED_KEYS

_OTHER_TYPES = {".html": "text/html", ".gz": "application/gzip", ".js": "text/javascript",
                ".css": "text/css", ".xml": "application/xml", ".json": "application/json",
                ".txt": "text/plain", ".rq": "application/sparql-query", ".md": "text/markdown",
                ".conf": "text/plain", ".htaccess": "text/plain"}


def content_type(media: str) -> str:
    """Return the Content-Type header of a media type: text types are UTF-8."""
    return media + ("; charset=utf-8" if media.startswith("text/") else "")


# File extension -> Content-Type of the static files.
CONTENT_TYPES = {ext: content_type(media) for ext, media in
                 {**{f.extension: f.media_type for f in FORMATS}, **_OTHER_TYPES}.items()}

# Content Security Policy of every page: scripts and styles only from the site itself;
# 'wasm-unsafe-eval' lets the site's own scripts compile WebAssembly (Oxigraph in the explorer).
CSP = ("default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
       "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'")
# Cache-Control of files, negotiated documents and redirects: caches may keep them for a while
# and then revalidate with the ETag / Last-Modified they were given (answered 304).
CACHE_CONTROL = "public, max-age=300"
# Paths that name the vocabulary: {base}/def and its versionIRI {base}/def/{version}.
VOCABULARY_PATH = r"def(/[0-9][0-9A-Za-z.-]*)?"
# The part of a resource IRI after {base}/id/ that maps to a file name.
LOCAL_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]*(/[A-Za-z0-9][A-Za-z0-9._~-]*)*$")
# Paths that name the dataset, its graphs and the vocabulary rather than a document.
DATASET_PATH = r"dataset/ykg(/.*)?|graph/[^/]+|catalog|\.well-known/void"


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Return the media ranges of an Accept header with their q-values (malformed parts skipped)."""
    if header is None or not header.strip():
        return [("*/*", 1.0)]
    ranges = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not re.match(r"^[a-z0-9!#$&^_.+*-]+/[a-z0-9!#$&^_.+*-]+$", media):
            continue
        q = 1.0
        for f in fields[1:]:
            name, _, value = f.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges


def _match(ranges, types: tuple[str, ...]) -> tuple[float | None, int]:
    """Return the q-value and specificity of the best range matching one offer's media types."""
    match_q, specificity = None, -1
    for media, q in ranges:
        for i, t in enumerate(types):
            # Aliases (later types) match only by name; type/* ranges match the type we send.
            kind = t.split("/")[0]
            spec = (2 if media == t else 1 if media == f"{kind}/*" and i == 0
                    else 0 if media == "*/*" else -1)
            if spec > specificity:
                match_q, specificity = q, spec
    return match_q, specificity


def negotiate(accept: str | None, offers: dict[str, tuple[str, ...]]) -> str | None:
    """Choose the offer (key -> media types, in server preference order) the Accept header ranks best."""
    ranges = parse_accept(accept)
    best, best_score = None, None
    for order, (key, types) in enumerate(offers.items()):
        match_q, specificity = _match(ranges, types)
        if match_q is None or match_q <= 0:
            continue
        score = (match_q, specificity, -order)
        if best_score is None or score > best_score:
            best, best_score = key, score
    return best


def choose_representation(accept: str | None, available=None) -> str | None:
    """Return the representation key (html, ttl, …) for an Accept header, or None (406).

    available: the keys that exist for this resource (default: all).
    """
    offers = ACCEPT_ALIASES if available is None else \
        {k: v for k, v in ACCEPT_ALIASES.items() if k in available}
    return negotiate(accept, offers)


def read_site_meta(site: Path) -> dict:
    """Read site.json of a published site; raise ServeError when the folder is not one."""
    site = Path(site)
    marker = site / MARKER
    if not marker.is_file() or not (site / "dumps" / "ykg.trig").is_file():
        raise ServeError(f"{site} is not a site written by `ykg publish` (no {MARKER} or "
                         "dumps/ykg.trig); run `ykg publish --out DIR` first")
    try:
        return json.loads(marker.read_text(encoding="utf-8"))
    except (ValueError, OSError) as exc:
        raise ServeError(f"{marker}: {exc}") from None
