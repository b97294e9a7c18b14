"""The column spec of every table in data/: names, types, which are required."""
from __future__ import annotations

from dataclasses import dataclass

SOURCE = "section:ref=sections! lines:lines! note:text"


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, type and whether a value is required."""

    name: str
    kind: str
    required: bool = False
    arg: str = ""


@dataclass(frozen=True)
class TableSpec:
    """The columns of one table, in order."""

    name: str
    columns: tuple[Column, ...]

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def has_id(self) -> bool:
        return self.columns[0].name == "id"


def _spec(name: str, text: str) -> TableSpec:
    cols = []
    for token in text.split():
        required = token.endswith("!")
        token = token.rstrip("!")
        cname, _, kind = token.partition(":")
        kind, _, arg = kind.partition("=")
        cols.append(Column(cname, kind, required or kind == "id", arg))
    return TableSpec(name, tuple(cols))


# Column types: id, section (ids joined by /), text, int, year (a fiscal year), bool, amount
# (whole 千円), lines, date, time, ref=TABLE, refs=TABLE (ids joined by |), concept=SCHEME (an id
# of that scheme in concepts.csv), enum=a|b, tableref (table:id).
# Required columns end with "!".
_SPECS = {
    "materials": "id:id identifier:text! kind:enum=agenda|material|handout|seating-chart|roster! "
                 "title_ja:text! title_en:text! lines:lines! note:text",
    "sections": "id:section! material:ref=materials! parent:ref=sections label_ja:text! "
                "label_en:text! lines:lines! note:text",
    "meetings": "id:id label_ja:text! label_en:text! date:date! start_time:time place_ja:text! "
                "place_en:text! organizers:refs=departments " + SOURCE,
    "agenda_items": "id:id meeting:ref=meetings! no:int! label_ja:text! label_en:text! "
                    "material:ref=materials " + SOURCE,
    "plans": "id:id kind:enum=basic-policy|national-plan|strategy|prefectural-plan! label_ja:text! "
             "label_en:text! start_fy:year end_fy:year " + SOURCE,
    "statements": "id:id subject:ref=plans! kind:text! seq:int! text_ja:text! printed_ja:text "
                  "text_en:text! " + SOURCE,
    "visions": "id:id plan:ref=plans! lead_ja:text label_ja:text! lead_en:text label_en:text! "
               + SOURCE,
    "areas": "id:id no:int! numeral:text! label_ja:text! label_en:text! " + SOURCE,
    "future_images": "id:id area:ref=areas! material:ref=materials! seq:int! text_ja:text! "
                     "printed_ja:text text_en:text! " + SOURCE,
    "stances": "id:id no:int! label_ja:text! printed_ja:text label_en:text! " + SOURCE,
    "stance_steps": "id:id stance:ref=stances! step:int! item:int! text_ja:text! printed_ja:text "
                    "corrected_ja:text text_en:text! " + SOURCE,
    "pillars": "id:id no:int! label_ja:text! label_en:text! description_ja:text! "
               "description_en:text! " + SOURCE,
    "initiatives": "id:id pillar:ref=pillars! seq:int! parent:ref=initiatives "
                   "block:concept=blocks label_ja:text! printed_ja:text corrected_ja:text "
                   "label_en:text! " + SOURCE,
    "departments": "id:id kind:enum=prefecture|department|bureau|committee|police|office|"
                   "headquarters|division|external! label_ja:text! label_en:text! "
                   "parent:ref=departments " + SOURCE,
    "programs": "id:id kind:enum=program|sub-program|activity|loan-program! label_ja:text! "
                "label_en:text! department:ref=departments! parent:ref=programs " + SOURCE,
    "program_aliases": "program:ref=programs! alias_ja:text! reason:text! section:ref=sections! "
                       "lines:lines!",
    "sakigake_projects": "id:id no:int! label_ja:text! label_en:text! description_ja:text! "
                         "description_en:text! " + SOURCE,
    "sakigake_components": "id:id project:ref=sakigake_projects! seq:int! "
                           "parent:ref=sakigake_components program:ref=programs! printed_ja:text! "
                           "department:ref=departments kind:enum=budget|loan|sub-line|unbudgeted! "
                           "relisting:bool! amount_kyen:amount amount_printed:text contents_ja:text "
                           "contents_en:text " + SOURCE,
    "policy_areas": "id:id area:ref=areas! seq:int! label_ja:text! printed_ja:text label_en:text! "
                    + SOURCE,
    "goals": "id:id policy_area:ref=policy_areas! seq:int! title_ja:text! printed_title_ja:text "
             "title_en:text! description_ja:text! description_en:text! " + SOURCE,
    "measures": "id:id goal:ref=goals! seq:int! text_ja:text! printed_ja:text text_en:text! "
                + SOURCE,
    "goal_programs": "id:id measure:ref=measures! seq:int! program:ref=programs! "
                     "department:ref=departments! printed_ja:text! relisting:bool! "
                     "contents_ja:text " + SOURCE,
    "strategy_goals": "id:id no:int! label_ja:text! label_en:text! " + SOURCE,
    "strategy_pillars": "id:id goal:ref=strategy_goals! seq:int! label_ja:text! label_en:text! "
                        + SOURCE,
    "strategy_measures": "id:id pillar:ref=strategy_pillars! seq:int! label_ja:text! "
                         "printed_ja:text change:concept=change-types label_en:text! " + SOURCE,
    "strategy_actions": "id:id measure:ref=strategy_measures! seq:int! label_ja:text! "
                        "printed_ja:text change:concept=change-types label_en:text! "
                        "content_ja:text! content_en:text! " + SOURCE,
    "posts": "id:id organization:refs=departments! role:ref=roles! "
             "seq:int! label_ja:text! label_en:text! heads:ref=departments holder_ja:text "
             "printed_holder_ja:text " + SOURCE,
    "seats": "id:id seq:int! label_ja:text! printed_ja:text label_en:text! group_ja:text "
             "post:ref=posts " + SOURCE,
    "technologies": "id:id label_ja:text! label_en:text! patterns:text! note:text",
    "curated_links": "id:id subject:tableref! relation:text! object:tableref! basis_ja:text! "
                     "basis_en:text note:text",
    "registry": "table:text! id:text! label_ja:text",
}
# Settings: what the build writes besides the rows of the document tables (scheme and role names,
# label patterns, the budget, the dataset's own description). Their ids are not registered.
_SETTINGS = {
    "schemes": "id:id label_ja:text! label_en:text! section:ref=sections note:text",
    "concepts": "id:id scheme:ref=schemes! label_ja:text! label_en:text! section:ref=sections "
                "note:text",
    "roles": "id:id label_ja:text! label_en:text! section:ref=sections! note:text",
    "revisions": "id:id revises:ref=plans! result:ref=plans! label_ja:text! label_en:text! "
                 "section:ref=sections note:text",
    "budgets": "fiscal_year:year! basis_ja:text! basis_en:text! unit_ja:text! unit_multiplier:int! "
               "currency:text! note:text",
    "texts": "id:id text_ja:text text_en:text note:text",
    "dataset": "title_ja:text! title_en:text! description_ja:text! description_en:text! "
               "keywords_ja:text keywords_en:text themes:text theme_labels_en:text theme_scheme_ja:text "
               "theme_scheme_en:text "
               "publisher:ref=departments! maintainer_ja:text! maintainer_en:text! "
               "temporal_plan:ref=plans spatial:text issued:date! modified:date! "
               "example_tables:text note:text",
    "plan_set": "id:id label_ja:text! label_en:text! note:text",
    "outside_links": "id:id subject:tableref! relation:enum=sameAs|exactMatch|closeMatch|spatial|identifier! "
                     "object:text! basis_ja:text! basis_en:text! source:text! note:text",
}
SPECS: dict[str, TableSpec] = {name: _spec(name, text)
                               for name, text in {**_SPECS, **_SETTINGS}.items()}
SETTINGS_TABLES = frozenset(_SETTINGS)
# Every table is required: a missing file is an error, never an empty table (a fixture that has
# no rows of a table holds its header line only). The registry is optional: `ykg registry`
# writes it; the links to other datasets enrich the graph and may be left out; a folder without
# plan_set.csv is a plan named after its folder (or `home`).
OPTIONAL_TABLES = frozenset({"registry", "outside_links", "plan_set"})
REQUIRED_TABLES = tuple(name for name in SPECS if name not in OPTIONAL_TABLES)
# Tables without which there is no document: a header line alone is an error too.
CORE_TABLES = ("materials", "sections", "departments", "programs", "texts", "schemes", "concepts",
               "budgets", "sakigake_projects", "sakigake_components")
