"""Facts of 資料4 (the Digital Sakigake projects) checked by hand against the source."""
from decimal import Decimal

import pytest

# Own budget lines (no 再掲, no loan facility), added up by hand from source lines 398-523 (千円).
OWN_BUDGET_KYEN = {
    1: 45_586 + 28_676,
    2: 186_678 + 20_000 + 1_572_734 + 17_325 + 124_850,
    3: 90_000 + 20_000 + 29_974,
    4: 544_600 + 48_550 + 62_000 + 10_000 + 10_104 + 81_813 + 6_000 + 271_546 + 100_100,
    5: 27_690 + 39_025 + 22_000 + 4_690 + 15_000 + 36_000 + 11_000,
    6: 67_000 + 85_000 + 32_844 + 43_000,
    7: 0, 8: 0, 9: 0,
    10: 19_900,
}

OWN = """
SELECT ?no (SUM(?kyen) AS ?total) WHERE {
  ?p a ykg:SakigakeProject ; ykg:number ?no .
  OPTIONAL {
    ?l ykg:listedIn ?p ; ykg:isRelisting false ; ykg:fundingLine ?f .
    ?f a ykg:BudgetAllocation ; ykg:amount/ykg:statedValue ?kyen .
  }
} GROUP BY ?no ORDER BY ?no
"""


def test_ten_projects(ask):
    rows = ask("SELECT ?no ?label WHERE { ?p a ykg:SakigakeProject ; ykg:number ?no ; "
               "rdfs:label ?label FILTER(lang(?label) = 'ja') } ORDER BY ?no")
    assert [r["no"] for r in rows] == list(range(1, 11))
    assert rows[0]["label"] == "「デジタル de 子育て支援」推進プロジェクト"
    assert rows[9]["label"] == "「明日の社会を創るデジタル人材」育成プロジェクト"


def test_project_4_has_eleven_lines_with_the_loan_facility(ask):
    rows = ask("""
      SELECT ?kind ?relisting ?printed WHERE {
        ?l ykg:listedIn/ykg:number 4 ; ykg:componentKind ?kind ; ykg:isRelisting ?relisting ;
           ykg:printedAmount ?printed .
        FILTER NOT EXISTS { ?l ykg:partOfListing ?parent }
      } ORDER BY ?printed""")
    assert len(rows) == 11
    loans = [r for r in rows if r["kind"] == "loan"]
    assert [r["printed"] for r in loans] == ["融資枠：500,000千円"]
    assert sum(r["relisting"] for r in rows) == 1  # 建設DX加速化事業《再掲》


def test_loan_facility_is_not_budget(ask):
    rows = ask("""
      SELECT ?label ?kyen ?yen WHERE {
        ?f a ykg:LoanFacility ; ykg:fundingOf ?p ; ykg:amount ?a .
        ?a ykg:statedValue ?kyen ; schema:value ?yen .
        ?p rdfs:label ?label FILTER(lang(?label) = 'ja')
        FILTER NOT EXISTS { ?f a ykg:BudgetAllocation }
      } ORDER BY ?label""")
    assert rows == [{"label": "中小企業制度融資（DX対応資金）", "kyen": Decimal(500000),
                     "yen": Decimal(500000000)}]


def test_own_budget_per_project_equals_hand_sums(ask):
    totals = {r["no"]: int(r["total"] or 0) for r in ask(OWN)}
    assert totals == OWN_BUDGET_KYEN
    assert totals[4] == 1_134_713


def test_amounts_are_normalized_to_yen(ask):
    rows = ask("""
      SELECT ?kyen ?yen ?cur WHERE {
        ?p rdfs:label "子育てAIコンシェルジュ導入事業"@ja ; ykg:hasFunding/ykg:amount ?a .
        ?a ykg:statedValue ?kyen ; schema:value ?yen ; schema:currency ?cur .
      } ORDER BY ?kyen""")
    assert rows == [{"kyen": Decimal(45586), "yen": Decimal(45586000), "cur": "JPY"}]


def test_every_budget_line_has_a_department(ask):
    rows = ask("""
      SELECT ?l WHERE { ?l a ykg:SakigakeListing ; ykg:componentKind ?k
        FILTER(?k IN ("budget", "loan"))
        FILTER NOT EXISTS { ?l ykg:listedDepartment ?d } } ORDER BY ?l""")
    assert rows == []
    n = ask("SELECT (COUNT(?l) AS ?n) WHERE { ?l ykg:componentKind ?k FILTER(?k IN ('budget','loan')) }")
    assert n[0]["n"] > 40


def test_dx_program_is_one_entity_listed_in_four_projects(ask):
    rows = ask("""
      SELECT ?p (GROUP_CONCAT(STR(?no); separator=",") AS ?projects) WHERE {
        { SELECT DISTINCT ?p ?no WHERE {
          ?p rdfs:label "やまぐちDX推進事業"@ja .
          ?l ykg:listedProgram ?p ; ykg:listedIn/ykg:number ?no } ORDER BY ?no }
      } GROUP BY ?p ORDER BY ?p""")
    assert len(rows) == 1
    assert rows[0]["projects"] == "4,7,8,10"


def test_project_3_first_line_has_two_sub_lines_with_contents(ask):
    rows = ask("""
      SELECT ?sub ?contents WHERE {
        ?l ykg:listedIn/ykg:number 3 ; ykg:order 1 ; ykg:printedAmount "90,000千円" .
        ?s ykg:partOfListing ?l ; ykg:listedProgram/rdfs:label ?sub ; ykg:contents ?contents .
        FILTER(lang(?sub) = 'ja' && lang(?contents) = 'ja')
      } ORDER BY ?sub""")
    assert {(r["sub"], r["contents"]) for r in rows} == {
        ("単独河川改修費（公共事業）", "地形の変状監視"),
        ("橋りょう補修費（公共事業）", "構造物の健全度診断等"),
    }


@pytest.mark.parametrize("no", [9])
def test_project_9_has_no_amounts(ask, no):
    rows = ask(f"SELECT ?l WHERE {{ ?l ykg:listedIn/ykg:number {no} ; ykg:fundingLine ?f }} ORDER BY ?l")
    assert rows == []
    n = ask(f"SELECT (COUNT(?l) AS ?n) WHERE {{ ?l ykg:listedIn/ykg:number {no} }}")
    assert n[0]["n"] == 3
