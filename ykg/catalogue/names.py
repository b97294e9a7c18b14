"""Look up an entity by name on a SPARQL endpoint (the remote side of ykg.entities.resolve).

One query: the entities one of whose names (Japanese label, reading, English label) has exactly
the match key of the text. ykg:searchKey holds those keys joined by " | ", so an exact name is a
whole segment of it. Listing lines, funding lines, amounts, tags and links are left out, as in the
`search` query (ykg.foundation.constants.RECORD_CLASSES), because they repeat the names of what
they list.
"""
from __future__ import annotations

from ykg.foundation.constants import PREFIXES, RECORD_CLASSES
from ykg.foundation.errors import NotFound
from ykg.foundation.sparql import QueryError, prefix_block, substitute
from ykg.foundation.text import match_key

from .endpoint import Endpoint, run_select

SEPARATOR = " | "
MAX_CANDIDATES = 8
LOOKUP = prefix_block(PREFIXES, ("ykg", "rdfs")) + f"""SELECT ?entity (MIN(?ja) AS ?label)
WHERE {{
  ?entity ykg:searchKey ?key .
  FILTER(CONTAINS(CONCAT("{SEPARATOR}", STR(?key), "{SEPARATOR}"), ?needle))
  FILTER NOT EXISTS {{
    ?entity a ?skipped .
    VALUES ?skipped {{ {" ".join(f"<{c}>" for c in RECORD_CLASSES)} }}
  }}
  OPTIONAL {{ ?entity rdfs:label ?jl . FILTER(LANG(?jl) = "ja") }}
  BIND(STR(?jl) AS ?ja)
}}
GROUP BY ?entity
ORDER BY STR(?entity)
LIMIT {MAX_CANDIDATES + 1}
"""


def short_id(iri: str, base: str) -> str:
    """Return kind/id for an instance IRI under base, else the IRI."""
    prefix = f"{base}/id/"
    return iri[len(prefix):] if iri.startswith(prefix) else iri


def lookup(endpoint: Endpoint, text: str) -> str:
    """Return the IRI of the one entity named text on the endpoint; NotFound if none or several."""
    import pyoxigraph as ox
    key = match_key(text)
    if not key or SEPARATOR.strip() in key:
        raise QueryError(f"{text!r} is not a name to look up")
    needle = ox.Literal(f"{SEPARATOR}{key}{SEPARATOR}")
    rows = run_select(endpoint, substitute(LOOKUP, {"needle": needle})).rows
    if len(rows) == 1:
        return rows[0][0]
    candidates = [f"{label or ''} ({short_id(iri, endpoint.base)})".strip()
                  for iri, label in rows[:MAX_CANDIDATES]]
    if rows:
        raise NotFound(f"{text!r} names several entities on {endpoint.url}; give kind/id",
                       candidates)
    raise NotFound(f"no entity named {text!r} on {endpoint.url} (try `ykg query run search "
                   f"-p q=…`)")
