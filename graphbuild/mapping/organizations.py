"""Organizations, the headquarters' roles and posts (名簿), and the people who hold them."""
from __future__ import annotations

from ..dataset import en, ja
from ..tables import Row
from ..vocab import FOAF, ORG, PROV, RDFS, SKOS, Y
from .context import Context
from .schemes import ROLES_SCHEME

# The classes of each kind of organization (departments.csv kind).
ORG_KIND_CLASSES = {"prefecture": (ORG.FormalOrganization, Y.Prefecture),
                    "department": (ORG.OrganizationalUnit, Y.Department),
                    "bureau": (ORG.OrganizationalUnit, Y.Department),
                    "committee": (ORG.OrganizationalUnit, Y.Department),
                    "police": (ORG.OrganizationalUnit, Y.Department),
                    "office": (ORG.OrganizationalUnit, Y.Office),
                    "division": (ORG.OrganizationalUnit, Y.Division),
                    "headquarters": (ORG.Organization, Y.Headquarters),
                    "external": (ORG.Organization, Y.ExternalBody)}


def map_organizations(ctx: Context) -> None:
    """Type organizations by kind, link units, and add the roles, posts and post-holders."""
    for row in ctx.tables["departments"]:
        s = ctx.iri("departments", row["id"])
        ctx.graph.typed(s, *ORG_KIND_CLASSES[row["kind"]])
        if row.get("parent"):
            ctx.graph.add(ctx.iri("departments", row["parent"]), ORG.hasUnit, s)
    map_roles(ctx)
    for row in ctx.tables["posts"]:
        s = ctx.iri("posts", row["id"])
        ctx.graph.add(s, ORG.role, ctx.minter.id("role", row["role"]))
        for org_id in row["organization"]:
            ctx.graph.add(ctx.iri("departments", org_id), ORG.hasPost, s)
        if row.get("holder_ja"):
            map_holder(ctx, row)


def map_roles(ctx: Context) -> None:
    """Describe each role of roles.csv that a post has."""
    g = ctx.graph
    held = {p["role"] for p in ctx.tables["posts"]}
    for row in ctx.tables["roles"]:
        if row["id"] not in held:
            continue
        r = ctx.minter.id("role", row["id"])
        g.typed(r, ORG.Role, SKOS.Concept)
        for pred in (RDFS.label, SKOS.prefLabel):
            g.add(r, pred, ja(row["label_ja"]))
            g.add(r, pred, en(row["label_en"]))
        g.add(r, PROV.wasDerivedFrom, ctx.iri("sections", row["section"]))
        g.add(r, SKOS.inScheme, ctx.scheme(ROLES_SCHEME))
        g.add(r, SKOS.topConceptOf, ctx.scheme(ROLES_SCHEME))
        g.add(ctx.scheme(ROLES_SCHEME), SKOS.hasTopConcept, r)


def map_holder(ctx: Context, row: Row) -> None:
    """Add the person who holds a post, named as printed."""
    g = ctx.graph
    post = ctx.iri("posts", row["id"])
    person = ctx.minter.id("person", row["id"])
    g.typed(person, FOAF.Person)
    g.add(person, FOAF.name, ja(row["holder_ja"]))
    g.add(person, RDFS.label, ja(row["holder_ja"]))
    g.add(person, RDFS.label, en(ctx.text("person", "en", post_en=row["label_en"],
                                          holder_ja=row["holder_ja"])))
    g.add(person, ORG.holds, post)
    g.add(post, ORG.heldBy, person)
    g.add(person, PROV.wasDerivedFrom, ctx.iri("sections", row["section"]))
    g.note_origin(person, row.where)
