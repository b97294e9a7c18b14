"""How the rows of each table become entities: one EntityMap per table."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..vocab import DCT, ORG, SDO, SKOS, Y


@dataclass(frozen=True)
class EntityMap:
    """How the rows of one table become entities."""

    path: str                                   # IRI segment: {base}/id/{path}/{id}
    types: tuple                                # rdf:type values
    label: str | None = "label_ja"              # column of the @ja label
    label_en: str | None = "label_en"           # column of the @en label
    concept_scheme: str | None = None           # SKOS scheme for concept tables
    top_concepts: bool = True                   # rows are top concepts of their scheme
    texts: dict = field(default_factory=dict)   # column -> predicate, language from suffix
    refs: dict = field(default_factory=dict)    # column -> (predicate, table)
    concepts: dict = field(default_factory=dict)  # concept column -> predicate
    ints: dict = field(default_factory=dict)    # column -> predicate (xsd:integer)
    plain: dict = field(default_factory=dict)   # column -> predicate (plain literal)


DESCRIPTION = {"description_ja": DCT.description, "description_en": DCT.description}

ENTITY_MAPS: dict[str, EntityMap] = {
    "meetings": EntityMap("meeting", (Y.Meeting,),
                          refs={"organizers": (SDO.organizer, "departments")},
                          texts={"place_ja": Y.place, "place_en": Y.place}),
    "agenda_items": EntityMap("agenda-item", (Y.AgendaItem,),
                              refs={"meeting": (Y.agendaOf, "meetings"),
                                    "material": (Y.treatedIn, "materials")},
                              ints={"no": Y.number}),
    "materials": EntityMap("material", (Y.Material,), label="title_ja", label_en="title_en",
                           plain={"identifier": DCT.identifier, "kind": Y.materialKind}),
    "sections": EntityMap("section", (Y.DocumentSection,),
                          refs={"material": (Y.inMaterial, "materials"),
                                "parent": (DCT.isPartOf, "sections")}),
    "plans": EntityMap("plan", (Y.Plan,), plain={"kind": Y.planKind}),
    "statements": EntityMap("statement", (Y.Statement,), label="text_ja", label_en="text_en",
                            refs={"subject": (Y.statementOf, "plans")},
                            ints={"seq": Y.order}, plain={"kind": Y.statementKind}),
    "visions": EntityMap("vision", (Y.Vision,), refs={"plan": (Y.visionOf, "plans")},
                         texts={"lead_ja": Y.lead, "lead_en": Y.lead}),
    "areas": EntityMap("area", (Y.FutureArea, SKOS.Concept), concept_scheme="areas",
                       ints={"no": Y.number}, plain={"numeral": SKOS.notation}),
    "future_images": EntityMap("future-image", (Y.FutureImage,), label="text_ja",
                               label_en="text_en",
                               refs={"area": (Y.futureImageOf, "areas"),
                                     "material": (Y.statedIn, "materials")},
                               ints={"seq": Y.order}),
    "stances": EntityMap("stance", (Y.BasicStance, SKOS.Concept), concept_scheme="stances",
                         ints={"no": Y.number}),
    "stance_steps": EntityMap("stance-step", (Y.StanceStep,), label="text_ja",
                              label_en="text_en", refs={"stance": (Y.stepOf, "stances")},
                              ints={"step": Y.stepNumber, "item": Y.order}),
    "pillars": EntityMap("pillar", (Y.Pillar, SKOS.Concept), concept_scheme="pillars",
                         ints={"no": Y.number}, texts=DESCRIPTION),
    "initiatives": EntityMap("initiative", (Y.Initiative,),
                             refs={"pillar": (Y.pillar, "pillars"),
                                   "parent": (Y.parentInitiative, "initiatives")},
                             concepts={"block": Y.block}, ints={"seq": Y.order}),
    "departments": EntityMap("org", (ORG.Organization,),
                             refs={"parent": (ORG.unitOf, "departments")},
                             plain={"kind": Y.organizationKind}),
    "programs": EntityMap("program", (Y.Program,),
                          refs={"department": (Y.responsibleOrganization, "departments"),
                                "parent": (Y.parentProgram, "programs")},
                          plain={"kind": Y.programKind}),
    "sakigake_projects": EntityMap("sakigake", (Y.SakigakeProject,), ints={"no": Y.number},
                                   texts=DESCRIPTION),
    "sakigake_components": EntityMap(
        "sakigake-listing", (Y.SakigakeListing, Y.ProgramListing), label="printed_ja",
        label_en=None,
        refs={"project": (Y.listedIn, "sakigake_projects"),
              "parent": (Y.partOfListing, "sakigake_components"),
              "program": (Y.listedProgram, "programs"),
              "department": (Y.listedDepartment, "departments")},
        ints={"seq": Y.order},
        texts={"contents_ja": Y.contents, "contents_en": Y.contents},
        plain={"kind": Y.componentKind, "amount_printed": Y.printedAmount}),
    # Policy areas sit under the future areas, so they are not top concepts of their scheme.
    "policy_areas": EntityMap("policy-area", (Y.PolicyArea, SKOS.Concept),
                              concept_scheme="policy-areas", top_concepts=False,
                              refs={"area": (Y.inArea, "areas")}, ints={"seq": Y.order}),
    "goals": EntityMap("goal", (Y.Goal,), label="title_ja", label_en="title_en",
                       refs={"policy_area": (Y.policyArea, "policy_areas")},
                       ints={"seq": Y.order}, texts=DESCRIPTION),
    "measures": EntityMap("measure", (Y.Measure,), label="text_ja", label_en="text_en",
                          refs={"goal": (Y.measureOf, "goals")}, ints={"seq": Y.order}),
    "goal_programs": EntityMap(
        "goal-listing", (Y.GoalListing, Y.ProgramListing), label="printed_ja", label_en=None,
        refs={"measure": (Y.listedUnder, "measures"),
              "program": (Y.listedProgram, "programs"),
              "department": (Y.listedDepartment, "departments")},
        ints={"seq": Y.order}, texts={"contents_ja": Y.contents}),
    "strategy_goals": EntityMap("strategy-goal", (Y.StrategyBasicGoal,), ints={"no": Y.number}),
    "strategy_pillars": EntityMap("strategy-pillar", (Y.StrategyPillar,),
                                  refs={"goal": (Y.basicGoal, "strategy_goals")},
                                  ints={"seq": Y.order}),
    "strategy_measures": EntityMap("strategy-measure", (Y.StrategyMeasure,),
                                   refs={"pillar": (Y.strategyPillar, "strategy_pillars")},
                                   concepts={"change": Y.changeType}, ints={"seq": Y.order}),
    "strategy_actions": EntityMap("strategy-action", (Y.StrategyAction,),
                                  refs={"measure": (Y.strategyMeasure, "strategy_measures")},
                                  concepts={"change": Y.changeType}, ints={"seq": Y.order},
                                  texts={"content_ja": Y.expandedContent,
                                         "content_en": Y.expandedContent}),
    "posts": EntityMap("post", (ORG.Post,),
                       refs={"organization": (ORG.postIn, "departments"),
                             "heads": (Y.headsOrganization, "departments")},
                       ints={"seq": Y.order}),
    "seats": EntityMap("seat", (Y.Seat,), refs={"post": (Y.seatOf, "posts")},
                       ints={"seq": Y.order}, texts={"group_ja": Y.seatGroup}),
    "technologies": EntityMap("technology", (Y.Technology, SKOS.Concept),
                              concept_scheme="technologies"),
}
# Kinds of instance IRIs minted by the rules that span tables, besides one per EntityMap.
RULE_PATHS = ("funding", "amount", "fy", "scheme", "person", "role", "revision", "tag", "link",
              "name-variant")
