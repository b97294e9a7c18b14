"""Map the checked tables to RDF: the rows of each table, then the rules that span tables."""
from __future__ import annotations

from ..dataset import GraphBuilder
from ..errors import DataError
from ..tables import Tables
from ..vocab import Minter
from .areas import map_goal_listings
from .context import Context
from .curated import map_curated_links
from .entities import ENTITY_MAPS, RULE_PATHS, EntityMap
from .funding import map_fiscal_years, map_funding
from .meeting import map_meetings, map_sections
from .organizations import map_organizations
from .outside import map_outside_links
from .policy import map_plans, map_stance_chains
from .programs import map_programs
from .rows import map_rows
from .sakigake import check_listings, map_listings
from .schemes import map_schemes
from .strategy import map_revision


def run(tables: Tables, minter: Minter, graph: GraphBuilder | None = None) -> Context:
    """Map every table in a fixed order; raise DataError listing every problem found."""
    ctx = Context.start(tables, minter, graph)
    check_listings(ctx)
    map_rows(ctx)
    map_schemes(ctx)
    map_plans(ctx)
    map_meetings(ctx)
    map_sections(ctx)
    map_organizations(ctx)
    map_programs(ctx)
    budget = ctx.single("budgets")
    amounts = map_listings(ctx, budget["fiscal_year"] if budget else None)
    map_funding(ctx, budget, amounts)
    map_fiscal_years(ctx, budget, bool(amounts))
    map_goal_listings(ctx)
    map_stance_chains(ctx)
    map_revision(ctx)
    map_curated_links(ctx)
    map_outside_links(ctx)
    if ctx.problems:
        raise DataError(ctx.problems)
    return ctx


__all__ = ["Context", "ENTITY_MAPS", "EntityMap", "RULE_PATHS", "run"]
