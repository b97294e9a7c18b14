"""Map the rows of each table to RDF: one EntityMap per table, plus the few rules that span tables."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from pyoxigraph import Literal, NamedNode

from .dataset import CURATED, DOCUMENT, GraphBuilder, boolean, decimal, en, integer, ja
from .errors import DataError, Problem
from .tables import Row, Tables
from .vocab import DCT, FOAF, ORG, PROV, RDFS, SDO, SKOS, XSD, Y, Minter

# The fiscal year of every amount in 資料4 (令和3年度; the ※ note says the amounts include the
# 令和2年度2月補正予算 items carried into it).
FISCAL_YEAR = 2021
BUDGET_BASIS_JA = "令和3年度当初予算(案)(令和2年度2月補正予算に計上したものを含む)"
BUDGET_BASIS_EN = ("FY2021 initial budget (draft), including items in the FY2020 February "
                   "supplementary budget")


@dataclass(frozen=True)
class EntityMap:
    """How the rows of one table become entities."""

    path: str                                   # IRI segment: {base}/id/{path}/{id}
    types: tuple                                # rdf:type values
    label: str | None = "label_ja"              # column of the @ja label
    label_en: str | None = "label_en"           # column of the @en label
    concept_scheme: str | None = None           # SKOS scheme for concept tables
    texts: dict = field(default_factory=dict)   # column -> predicate, language from suffix
    refs: dict = field(default_factory=dict)    # column -> (predicate, table)
    ints: dict = field(default_factory=dict)    # column -> predicate (xsd:integer)
    plain: dict = field(default_factory=dict)   # column -> predicate (plain literal)


ENTITY_MAPS: dict[str, EntityMap] = {
    "meetings": EntityMap("meeting", (Y.Meeting,),
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
                         ints={"no": Y.number},
                         texts={"description_ja": DCT.description,
                                "description_en": DCT.description}),
    "initiatives": EntityMap("initiative", (Y.Initiative,),
                             refs={"pillar": (Y.pillar, "pillars"),
                                   "parent": (Y.parentInitiative, "initiatives")},
                             ints={"seq": Y.order}),
    "departments": EntityMap("org", (ORG.Organization,),
                             refs={"parent": (ORG.unitOf, "departments")},
                             plain={"kind": Y.organizationKind}),
    "programs": EntityMap("program", (Y.Program,),
                          refs={"department": (Y.responsibleOrganization, "departments"),
                                "parent": (Y.parentProgram, "programs")},
                          plain={"kind": Y.programKind}),
    "sakigake_projects": EntityMap("sakigake", (Y.SakigakeProject,), ints={"no": Y.number},
                                   texts={"description_ja": DCT.description,
                                          "description_en": DCT.description}),
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
    "policy_areas": EntityMap("policy-area", (Y.PolicyArea, SKOS.Concept),
                              concept_scheme="policy-areas",
                              refs={"area": (Y.inArea, "areas")}, ints={"seq": Y.order}),
    "goals": EntityMap("goal", (Y.Goal,), label="title_ja", label_en="title_en",
                       refs={"policy_area": (Y.policyArea, "policy_areas")},
                       ints={"seq": Y.order},
                       texts={"description_ja": DCT.description,
                              "description_en": DCT.description}),
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
                                   ints={"seq": Y.order}),
    "strategy_actions": EntityMap("strategy-action", (Y.StrategyAction,),
                                  refs={"measure": (Y.strategyMeasure, "strategy_measures")},
                                  ints={"seq": Y.order},
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

# Schemes: id -> (ja, en).
SCHEMES = {
    "areas": ("デジタル社会の将来像の4分野", "Four areas of the future digital society"),
    "stances": ("改革の基本姿勢", "Basic stances of the reform"),
    "pillars": ("施策の3つの柱", "Three pillars of measures"),
    "policy-areas": ("区分(政策分野)", "Policy areas"),
    "technologies": ("デジタル技術", "Digital technologies"),
    "blocks": ("取組のまとまり", "Blocks of initiatives"),
    "change-types": ("改訂の種類", "Kinds of change"),
}
BLOCKS = {"hub": ("やまぐちDX推進拠点(仮称)", "Yamaguchi DX Promotion Hub (provisional name)"),
          "field": ("各分野における取組", "Initiatives in each field")}
CHANGES = {"new": ("新", "new"), "revised": ("修正", "revised")}
ROLES = {"honbucho": ("本部長", "Head of headquarters"),
         "fuku-honbucho": ("副本部長", "Deputy head of headquarters"),
         "honbuin": ("本部員", "Member of headquarters")}
ORG_KIND_CLASSES = {"prefecture": (ORG.FormalOrganization, Y.Prefecture),
                    "department": (ORG.OrganizationalUnit, Y.Department),
                    "bureau": (ORG.OrganizationalUnit, Y.Department),
                    "committee": (ORG.OrganizationalUnit, Y.Department),
                    "police": (ORG.OrganizationalUnit, Y.Department),
                    "office": (ORG.OrganizationalUnit, Y.Office),
                    "division": (ORG.OrganizationalUnit, Y.Division),
                    "headquarters": (ORG.Organization, Y.Headquarters),
                    "external": (ORG.Organization, Y.ExternalBody)}
PROGRAM_KIND_CLASSES = {"program": (), "sub-program": (Y.SubProgram,),
                        "activity": (Y.Activity,), "loan-program": (Y.LoanProgram,)}


class Mapper:
    """Turn checked tables into quads in a GraphBuilder."""

    def __init__(self, tables: Tables, minter: Minter):
        self.t = tables
        self.m = minter
        self.g = GraphBuilder(minter)
        self.problems: list[Problem] = []

    def problem(self, row: Row, column: str, message: str) -> None:
        self.problems.append(Problem(f"data/{row.table}.csv", row.line, column, message))

    def check_components(self) -> None:
        """Check the rules of 資料4 lines that a single cell cannot show."""
        originals = {(r["program"]) for r in self.t["sakigake_components"] if not r["relisting"]}
        for row in self.t["sakigake_components"]:
            if row["kind"] in ("budget", "loan") and not row.get("department"):
                self.problem(row, "department", f"a {row['kind']} line needs a department")
            if row["kind"] in ("budget", "loan") and row.get("amount_kyen") in (None, ""):
                self.problem(row, "amount_kyen", f"a {row['kind']} line needs an amount")
            if row["kind"] in ("sub-line", "unbudgeted") and row.get("amount_kyen") not in (None, ""):
                self.problem(row, "amount_kyen", f"a {row['kind']} line has no amount of its own")
            if row["kind"] == "sub-line" and not row.get("parent"):
                self.problem(row, "parent", "a sub-line needs the id of the line it belongs to")
            if row["relisting"] and row["program"] not in originals:
                self.problem(row, "relisting", "a 再掲 line whose program is listed nowhere "
                             "without 再掲")

    # -- IRIs -------------------------------------------------------------------------------
    def iri(self, table: str, rid: str) -> NamedNode:
        return self.m.id(ENTITY_MAPS[table].path, rid)

    def scheme(self, sid: str) -> NamedNode:
        return self.m.id("scheme", sid)

    def concept(self, scheme: str, cid: str) -> NamedNode:
        return self.m.id(f"scheme/{scheme}", cid)

    def fy(self, year: int) -> NamedNode:
        return self.m.id("fy", str(year))

    def row_label(self, table: str, rid: str, lang: str) -> str:
        """Return a row's label in ja or en (its id when the table has no such label)."""
        em = ENTITY_MAPS[table]
        column = em.label if lang == "ja" else em.label_en
        row = self.t.by_id(table)[rid]
        return row.get(column) or f"{table}:{rid}"

    # -- generic rows -----------------------------------------------------------------------
    def map_row(self, table: str, row: Row) -> NamedNode:
        em = ENTITY_MAPS[table]
        s = self.iri(table, row["id"])
        g = self.g
        g.note_origin(s, row.where)
        g.typed(s, *em.types)
        label_pred = SKOS.prefLabel if em.concept_scheme else RDFS.label
        if em.label and row.get(em.label):
            g.add(s, RDFS.label, ja(row[em.label]))
            if em.concept_scheme:
                g.add(s, label_pred, ja(row[em.label]))
        if em.label_en and row.get(em.label_en):
            g.add(s, RDFS.label, en(row[em.label_en]))
            if em.concept_scheme:
                g.add(s, label_pred, en(row[em.label_en]))
        if em.concept_scheme:
            sch = self.scheme(em.concept_scheme)
            g.add(s, SKOS.inScheme, sch)
        for col, pred in em.texts.items():
            if row.get(col):
                g.add(s, pred, en(row[col]) if col.endswith("_en") else ja(row[col]))
        for col, (pred, target) in em.refs.items():
            if row.get(col):
                g.add(s, pred, self.iri(target, row[col]))
        for col, pred in em.ints.items():
            if row.get(col) not in (None, ""):
                g.add(s, pred, integer(row[col]))
        for col, pred in em.plain.items():
            if row.get(col):
                g.add(s, pred, Literal(row[col]))
        for col in ("printed_ja", "printed_title_ja", "printed_holder_ja"):
            if row.get(col):
                g.add(s, Y.printedText, ja(row[col]))
        if row.get("corrected_ja"):
            g.add(s, Y.correctedText, ja(row["corrected_ja"]))
            g.add(s, SKOS.hiddenLabel, ja(row["corrected_ja"]))
        if row.get("section"):
            g.add(s, PROV.wasDerivedFrom, self.iri("sections", row["section"]))
        if row.get("lines"):
            g.add(s, Y.sourceLines, Literal(row["lines"]))
        if row.get("note"):
            # The curators' reading of the print belongs with the facts it qualifies.
            g.add(s, SKOS.editorialNote, en(row["note"]), DOCUMENT)
        return s

    # -- rules that span tables -------------------------------------------------------------
    def map_schemes(self) -> None:
        used = {em.concept_scheme for t, em in ENTITY_MAPS.items() if em.concept_scheme and self.t[t]}
        used |= {"blocks"} if self.t["initiatives"] else set()
        used |= {"change-types"} if self.t["strategy_actions"] else set()
        for sid in sorted(used):
            s = self.scheme(sid)
            self.g.typed(s, SKOS.ConceptScheme)
            label_ja, label_en = SCHEMES[sid]
            for pred in (SKOS.prefLabel, RDFS.label):
                self.g.add(s, pred, ja(label_ja))
                self.g.add(s, pred, en(label_en))
            self.g.add(s, PROV.wasDerivedFrom, self.iri("sections", "s1")
                       if sid in ("stances", "pillars", "blocks") else None)
        for table, em in ENTITY_MAPS.items():
            if em.concept_scheme:
                for row in self.t[table]:
                    if table != "policy_areas":
                        self.g.add(self.iri(table, row["id"]), SKOS.topConceptOf,
                                   self.scheme(em.concept_scheme))
                        self.g.add(self.scheme(em.concept_scheme), SKOS.hasTopConcept,
                                   self.iri(table, row["id"]))
        for kind, values in (("blocks", BLOCKS), ("change-types", CHANGES)):
            if kind not in used:
                continue
            for cid, (lja, len_) in values.items():
                c = self.concept(kind, cid)
                self.g.typed(c, SKOS.Concept)
                for pred in (SKOS.prefLabel, RDFS.label):
                    self.g.add(c, pred, ja(lja))
                    self.g.add(c, pred, en(len_))
                self.g.add(c, SKOS.inScheme, self.scheme(kind))
                self.g.add(c, SKOS.topConceptOf, self.scheme(kind))
                self.g.add(self.scheme(kind), SKOS.hasTopConcept, c)
                section = "s1/initiatives" if kind == "blocks" else "s5/contents"
                if self.t.by_id("sections").get(section):
                    self.g.add(c, PROV.wasDerivedFrom, self.iri("sections", section))

    def map_structure(self) -> None:
        """Link the parts of the basic policy, the meeting and the materials together."""
        g = self.g
        plans = self.t.by_id("plans")
        policy = self.iri("plans", "basic-policy") if "basic-policy" in plans else None
        for row in self.t["plans"]:
            s = self.iri("plans", row["id"])
            if row.get("start_fy"):
                g.add(s, Y.startFiscalYear, self.fy(row["start_fy"]))
            if row.get("end_fy"):
                g.add(s, Y.endFiscalYear, self.fy(row["end_fy"]))
        if policy is not None:
            for table, pred in (("stances", Y.hasBasicStance), ("pillars", Y.hasPillar),
                                ("areas", Y.hasFutureArea),
                                ("sakigake_projects", Y.hasSakigakeProject)):
                for row in self.t[table]:
                    g.add(policy, pred, self.iri(table, row["id"]))
        for row in self.t["meetings"]:
            s = self.iri("meetings", row["id"])
            g.add(s, SDO.startDate, Literal(row["date"], datatype=XSD.date))
            if row.get("start_time"):
                g.add(s, Y.startTime, Literal(row["start_time"] + ":00", datatype=XSD.time))
            for hq in ("digital-suishin-honbu", "katsuryoku-soshutsu-honbu"):
                if hq in self.t.by_id("departments"):
                    g.add(s, SDO.organizer, self.iri("departments", hq))
            for m in self.t["materials"]:
                g.add(s, Y.hasMaterial, self.iri("materials", m["id"]))
                g.add(self.iri("materials", m["id"]), Y.presentedAt, s)
        for row in self.t["agenda_items"]:
            g.add(self.iri("meetings", row["meeting"]), Y.hasAgendaItem,
                  self.iri("agenda_items", row["id"]))
        for row in self.t["sections"]:
            if not row.get("parent"):
                g.add(self.iri("sections", row["id"]), DCT.isPartOf,
                      self.iri("materials", row["material"]))
            lo, _, hi = row["lines"].partition("-")
            g.add(self.iri("sections", row["id"]), Y.firstLine, integer(int(lo)))
            g.add(self.iri("sections", row["id"]), Y.lastLine, integer(int(hi or lo)))
        for row in self.t["materials"]:
            lo, _, hi = row["lines"].partition("-")
            g.add(self.iri("materials", row["id"]), Y.firstLine, integer(int(lo)))
            g.add(self.iri("materials", row["id"]), Y.lastLine, integer(int(hi or lo)))

    def map_organizations(self) -> None:
        for row in self.t["departments"]:
            s = self.iri("departments", row["id"])
            self.g.typed(s, *ORG_KIND_CLASSES[row["kind"]])
            if row.get("parent"):
                self.g.add(self.iri("departments", row["parent"]), ORG.hasUnit, s)
        for rid, (lja, len_) in ROLES.items():
            if any(p["role"] == rid for p in self.t["posts"]):
                r = self.m.id("role", rid)
                self.g.typed(r, ORG.Role, SKOS.Concept)
                self.g.add(r, RDFS.label, ja(lja))
                self.g.add(r, RDFS.label, en(len_))
                self.g.add(r, SKOS.prefLabel, ja(lja))
                self.g.add(r, SKOS.prefLabel, en(len_))
                self.g.add(r, PROV.wasDerivedFrom, self.iri("sections", "meibo"))
        for row in self.t["posts"]:
            s = self.iri("posts", row["id"])
            self.g.add(s, ORG.role, self.m.id("role", row["role"]))
            # The roster is shared by both headquarters: every post sits in both.
            if row["organization"] == "digital-suishin-honbu" and \
                    "katsuryoku-soshutsu-honbu" in self.t.by_id("departments"):
                self.g.add(s, ORG.postIn, self.iri("departments", "katsuryoku-soshutsu-honbu"))
            for org_id in {row["organization"], "katsuryoku-soshutsu-honbu"} & \
                    set(self.t.by_id("departments")):
                self.g.add(self.iri("departments", org_id), ORG.hasPost, s)
            if row.get("holder_ja"):
                person = self.m.id("person", row["id"])
                self.g.typed(person, FOAF.Person)
                self.g.add(person, FOAF.name, ja(row["holder_ja"]))
                self.g.add(person, RDFS.label, ja(row["holder_ja"]))
                # No official romanization is printed: the English label names the post.
                self.g.add(person, RDFS.label, en(f"{row['label_en']} ({row['holder_ja']})"))
                self.g.add(person, ORG.holds, s)
                self.g.add(s, ORG.heldBy, person)
                self.g.add(person, PROV.wasDerivedFrom, self.iri("sections", row["section"]))
                self.g.note_origin(person, row.where)

    def map_programs(self) -> None:
        for row in self.t["programs"]:
            s = self.iri("programs", row["id"])
            self.g.typed(s, *PROGRAM_KIND_CLASSES[row["kind"]])
        for n, row in enumerate(sorted(self.t["program_aliases"],
                                       key=lambda r: (r["program"], r["alias_ja"])), start=1):
            prog = self.iri("programs", row["program"])
            self.g.add(prog, SKOS.altLabel, ja(row["alias_ja"]))
            v = self.m.id("name-variant", f"{row['program']}-{self._alias_key(row)}")
            self.g.note_origin(v, row.where)
            self.g.typed(v, Y.NameVariant)
            self.g.add(v, RDFS.label, ja(row["alias_ja"]))
            program_en = self.t.by_id("programs")[row["program"]]["label_en"]
            self.g.add(v, RDFS.label, en(f"Printed variant of the name of: {program_en}"))
            self.g.add(v, Y.variantOf, prog)
            self.g.add(v, Y.reason, en(row["reason"]), DOCUMENT)
            self.g.add(v, PROV.wasDerivedFrom, self.iri("sections", row["section"]))
            self.g.add(v, Y.sourceLines, Literal(row["lines"]))

    @staticmethod
    def _alias_key(row: Row) -> str:
        # A stable ASCII key per alias text, so that reordering rows keeps the IRI.
        return hashlib.sha1(row["alias_ja"].encode("utf-8")).hexdigest()[:10]

    def funding_iri(self, program: str, kind: str) -> NamedNode:
        return self.m.id("funding", f"{program}/fy{FISCAL_YEAR}-{kind}")

    def map_funding(self) -> None:
        """Give each program one funding line per kind, from its listings in 資料4."""
        g = self.g
        amounts: dict[tuple[str, str], tuple[Decimal, Row]] = {}
        for row in self.t["sakigake_components"]:
            listing = self.iri("sakigake_components", row["id"])
            g.add(listing, Y.isRelisting, boolean(row["relisting"]))
            program_en = self.t.by_id("programs")[row["program"]]["label_en"]
            g.add(listing, RDFS.label, en(f"Project {int(row['project'])} line {row['id']}: "
                                          f"{program_en}"))
            project = self.iri("sakigake_projects", row["project"])
            g.add(project, Y.hasListing, listing)
            if row["kind"] in ("budget", "loan", "unbudgeted") and not row.get("parent"):
                g.add(project, Y.hasComponentProgram, self.iri("programs", row["program"]))
            if row.get("amount_kyen") in (None, ""):
                continue
            kind = "loan" if row["kind"] == "loan" else "budget"
            key = (row["program"], kind)
            if key in amounts and amounts[key][0] != row["amount_kyen"]:
                first = amounts[key][1]
                self.problem(row, "amount_kyen", f"amount {row['amount_kyen']} differs from "
                             f"{first['amount_kyen']} on row {first.line} for the same program")
            if key not in amounts or (amounts[key][1]["relisting"] and not row["relisting"]):
                amounts[key] = (row["amount_kyen"], row)
            g.add(listing, Y.fundingLine, self.funding_iri(row["program"], kind))
            g.add(listing, Y.statedAmountKyen, decimal(row["amount_kyen"]))
        for (program, kind), (kyen, row) in sorted(amounts.items()):
            f = self.funding_iri(program, kind)
            amount = self.m.id("amount", f"{program}/fy{FISCAL_YEAR}-{kind}")
            g.note_origin(f, row.where)
            g.note_origin(amount, row.where)
            prog = self.iri("programs", program)
            g.add(prog, Y.hasFunding, f)
            g.typed(f, Y.FundingLine, Y.LoanFacility if kind == "loan" else Y.BudgetAllocation)
            g.add(f, Y.fundingOf, prog)
            g.add(f, Y.fiscalYear, self.fy(FISCAL_YEAR))
            g.add(f, Y.amount, amount)
            g.add(f, Y.budgetBasis, ja(BUDGET_BASIS_JA))
            g.add(f, Y.budgetBasis, en(BUDGET_BASIS_EN))
            title = self.t.by_id("programs")[program]["label_ja"]
            label = "融資枠" if kind == "loan" else "予算額"
            g.add(f, RDFS.label, ja(f"{title} {label}(令和3年度)"))
            g.add(f, RDFS.label, en(f"{'Loan facility' if kind == 'loan' else 'Budget'} "
                                    f"FY{FISCAL_YEAR}: {program}"))
            g.add(f, PROV.wasDerivedFrom, self.iri("sections", row["section"]))
            g.add(f, Y.sourceLines, Literal(row["lines"]))
            g.add(f, Y.printedAmount, Literal(row["amount_printed"]))
            g.typed(amount, Y.MonetaryAmount, SDO.MonetaryAmount)
            g.add(amount, SDO.value, decimal(kyen * 1000))
            g.add(amount, SDO.currency, Literal("JPY"))
            g.add(amount, Y.statedValue, decimal(kyen))
            g.add(amount, Y.unitMultiplier, integer(1000))
            g.add(amount, Y.statedUnit, ja("千円"))
            g.add(amount, RDFS.label, ja(f"{kyen:,}千円"))
            g.add(amount, RDFS.label, en(f"JPY {kyen * 1000:,}"))
            g.add(amount, PROV.wasDerivedFrom, self.iri("sections", row["section"]))
    def map_fiscal_years(self) -> None:
        """Describe every fiscal year a plan period or a funding line points to."""
        years = {r[c] for r in self.t["plans"] for c in ("start_fy", "end_fy") if r.get(c)}
        if any(r.get("amount_kyen") not in (None, "") for r in self.t["sakigake_components"]):
            years.add(FISCAL_YEAR)
        for year in sorted(years):
            fy = self.fy(year)
            self.g.typed(fy, Y.FiscalYear)
            self.g.add(fy, RDFS.label, en(f"FY{year} (April {year} to March {year + 1})"))
            reiwa = year - 2018
            self.g.add(fy, RDFS.label, ja(f"令和{reiwa}年度({year}年度)"))
            self.g.add(fy, Y.yearNumber, integer(year))
            self.g.add(fy, SDO.startDate, Literal(f"{year}-04-01", datatype=XSD.date))
            self.g.add(fy, SDO.endDate, Literal(f"{year + 1}-03-31", datatype=XSD.date))

    def map_goal_listings(self) -> None:
        measures = self.t.by_id("measures")
        goals = self.t.by_id("goals")
        areas = self.t.by_id("policy_areas")
        for row in self.t["goal_programs"]:
            listing = self.iri("goal_programs", row["id"])
            self.g.add(listing, Y.isRelisting, boolean(row["relisting"]))
            program_en = self.t.by_id("programs")[row["program"]]["label_en"]
            self.g.add(listing, RDFS.label, en(f"Listing {row['id']}: {program_en}"))
            prog = self.iri("programs", row["program"])
            measure = measures[row["measure"]]
            goal = goals[measure["goal"]]
            self.g.add(prog, Y.implementsMeasure, self.iri("measures", row["measure"]))
            self.g.add(prog, Y.servesGoal, self.iri("goals", goal["id"]))
            self.g.add(prog, Y.inFutureArea, self.iri("areas", areas[goal["policy_area"]]["area"]))
        for row in self.t["goals"]:
            self.g.add(self.iri("goals", row["id"]), Y.inArea,
                       self.iri("areas", areas[row["policy_area"]]["area"]))

    def map_initiatives(self) -> None:
        for row in self.t["initiatives"]:
            if row.get("block"):
                self.g.add(self.iri("initiatives", row["id"]), Y.block,
                           self.concept("blocks", row["block"]))

    def map_stance_chains(self) -> None:
        by_stance: dict[str, dict[int, list[Row]]] = {}
        for row in self.t["stance_steps"]:
            by_stance.setdefault(row["stance"], {}).setdefault(row["step"], []).append(row)
        for stance, steps in by_stance.items():
            for step, items in steps.items():
                for item in items:
                    for nxt in steps.get(step + 1, []):
                        self.g.add(self.iri("stance_steps", item["id"]), Y.leadsTo,
                                   self.iri("stance_steps", nxt["id"]))

    def map_strategy(self) -> None:
        g = self.g
        plans = self.t.by_id("plans")
        changed = [(t, r) for t in ("strategy_measures", "strategy_actions") for r in self.t[t]]
        for table, row in changed:
            if row.get("change"):
                g.add(self.iri(table, row["id"]), Y.changeType,
                      self.concept("change-types", row["change"]))
        if not ({"sogo-senryaku-2", "sogo-senryaku-2-r2021"} <= set(plans)):
            return
        old, new = self.iri("plans", "sogo-senryaku-2"), self.iri("plans", "sogo-senryaku-2-r2021")
        rev = self.m.id("revision", "sogo-senryaku-2-r2021")
        g.note_origin(rev, plans["sogo-senryaku-2-r2021"].where)
        g.typed(rev, Y.StrategyRevision, PROV.Activity)
        g.add(rev, RDFS.label, ja("第2期「山口県まち・ひと・しごと創生総合戦略」の改訂(2021)"))
        g.add(rev, RDFS.label, en("Revision (2021) of the 2nd comprehensive strategy"))
        g.add(rev, PROV.used, old)
        g.add(rev, PROV.generated, new)
        g.add(new, PROV.wasRevisionOf, old)
        g.add(new, PROV.wasGeneratedBy, rev)
        if "s5" in self.t.by_id("sections"):
            g.add(rev, PROV.wasDerivedFrom, self.iri("sections", "s5"))
        for table, row in changed:
            if row.get("change"):
                g.add(self.iri(table, row["id"]), PROV.wasGeneratedBy, rev)
                g.add(rev, Y.changed, self.iri(table, row["id"]))
        for row in self.t["strategy_goals"]:
            g.add(new, Y.hasBasicGoal, self.iri("strategy_goals", row["id"]))

    def map_curated_links(self) -> None:
        for row in self.t["curated_links"]:
            stable, sid = row["subject"].split(":")
            otable, oid = row["object"].split(":")
            s, o = self.iri(stable, sid), self.iri(otable, oid)
            pred = Y[row["relation"]]
            self.g.add(s, pred, o, CURATED)
            link = self.m.id("link", row["id"])
            self.g.note_origin(link, row.where)
            for triple in ((link, Y.linkSubject, s), (link, Y.linkRelation, pred),
                           (link, Y.linkObject, o), (link, Y.basis, ja(row["basis_ja"]))):
                self.g.add(*triple, CURATED)
            for lang, make in (("ja", ja), ("en", en)):
                text = (f"{self.row_label(stable, sid, lang)} → {row['relation']} → "
                        f"{self.row_label(otable, oid, lang)}")
                self.g.add(link, RDFS.label, make(text), CURATED)
            self.g.typed(link, Y.CuratedLink, graph=CURATED)
            if row.get("basis_en"):
                self.g.add(link, Y.basis, en(row["basis_en"]), CURATED)
            if row.get("note"):
                self.g.add(link, SKOS.editorialNote, en(row["note"]), CURATED)

    def run(self) -> GraphBuilder:
        self.check_components()
        for table in ENTITY_MAPS:
            for row in self.t[table]:
                self.map_row(table, row)
        self.map_schemes()
        self.map_structure()
        self.map_organizations()
        self.map_programs()
        self.map_funding()
        self.map_fiscal_years()
        self.map_goal_listings()
        self.map_initiatives()
        self.map_stance_chains()
        self.map_strategy()
        self.map_curated_links()
        if self.problems:
            raise DataError(self.problems)
        return self.g


__all__ = ["Mapper", "ENTITY_MAPS", "DOCUMENT"]
