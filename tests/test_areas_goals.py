"""Facts of 資料2 (future areas, policy areas, goals, measures, programs) checked by hand."""

PER_AREA = """
SELECT ?no (COUNT(DISTINCT ?pa) AS ?areas) (COUNT(DISTINCT ?g) AS ?goals)
       (COUNT(DISTINCT ?m) AS ?measures) WHERE {
  ?a a ykg:FutureArea ; ykg:number ?no .
  OPTIONAL { ?pa ykg:inArea ?a ; a ykg:PolicyArea .
             OPTIONAL { ?g ykg:policyArea ?pa . OPTIONAL { ?m ykg:measureOf ?g } } }
} GROUP BY ?no ORDER BY ?no
"""


def test_policy_areas_goals_and_measures_per_area(ask):
    rows = ask(PER_AREA)
    # Counted in the source, lines 261-372 (a 区分 repeated after a page break is one area).
    assert [(r["no"], r["areas"], r["goals"]) for r in rows] == [
        (1, 6, 13), (2, 4, 7), (3, 11, 15), (4, 4, 5)]
    assert sum(r["measures"] for r in rows) == 46


def test_four_areas_form_a_concept_scheme(ask):
    rows = ask("""SELECT ?label WHERE { ?a skos:topConceptOf ?s ; a ykg:FutureArea ;
                  skos:prefLabel ?label FILTER(lang(?label) = 'ja') } ORDER BY ?label""")
    assert sorted(r["label"] for r in rows) == sorted(["産業維新", "大交流維新", "生活維新", "共通"])


def test_distinct_programs_in_section_2(ask):
    rows = ask("SELECT (COUNT(DISTINCT ?p) AS ?n) (COUNT(?l) AS ?listings) WHERE "
               "{ ?l a ykg:GoalListing ; ykg:listedProgram ?p }")
    assert rows[0]["n"] == 82
    assert rows[0]["listings"] == 104


def test_program_under_most_areas(ask):
    rows = ask("""
      SELECT ?label (COUNT(DISTINCT ?a) AS ?n) WHERE {
        ?p ykg:inFutureArea ?a ; rdfs:label ?label FILTER(lang(?label) = 'ja')
      } GROUP BY ?label ORDER BY DESC(?n) ?label LIMIT 2""")
    assert rows[0] == {"label": "新たな就職・採用スタイル推進事業", "n": 3}
    assert rows[1]["n"] == 2


def test_program_under_most_goals(ask):
    rows = ask("""
      SELECT ?label (COUNT(DISTINCT ?g) AS ?n) WHERE {
        ?p ykg:servesGoal ?g ; rdfs:label ?label FILTER(lang(?label) = 'ja')
      } GROUP BY ?label ORDER BY DESC(?n) ?label LIMIT 2""")
    assert rows[0] == {"label": "やまぐちDX推進事業", "n": 5}
    assert rows[1]["n"] == 3


def test_no_section_2_program_lost_its_department(ask):
    rows = ask("""
      SELECT ?l WHERE { ?l a ykg:GoalListing
        FILTER NOT EXISTS { ?l ykg:listedDepartment ?d . ?d a ykg:Department } } ORDER BY ?l""")
    assert rows == []
    bad = ask("""
      SELECT ?p WHERE { ?l a ykg:GoalListing ; ykg:listedProgram ?p ; ykg:listedDepartment ?d .
        ?p ykg:responsibleOrganization ?o FILTER(?o != ?d) } ORDER BY ?p""")
    assert bad == []


def test_program_in_both_materials_is_one_entity(ask):
    rows = ask("""
      SELECT ?p WHERE { ?p rdfs:label "中小企業DX推進総合支援事業"@ja .
        ?g ykg:listedProgram ?p ; a ykg:GoalListing . ?s ykg:listedProgram ?p ; a ykg:SakigakeListing }
      GROUP BY ?p ORDER BY ?p""")
    assert len(rows) == 1


def test_aliases_reconcile_printed_variants(ask):
    rows = ask("""
      SELECT ?alias ?label WHERE { ?v a ykg:NameVariant ; ykg:variantOf ?p ; rdfs:label ?alias ;
        ykg:reason ?why . ?p rdfs:label ?label FILTER(lang(?label) = 'ja' && lang(?alias) = 'ja') }
      ORDER BY ?alias""")
    pairs = {(r["alias"], r["label"]) for r in rows}
    assert ("E Vによる分散型エネルギー活用推進事業", "EVによる分散型エネルギー活用推進事業") in pairs
    assert ("ぶちエコやまぐちC O 2削減加速化事業", "ぶちエコやまぐちCO2削減加速化事業") in pairs


def test_sub_programs_of_the_dx_program(ask):
    rows = ask("""
      SELECT ?label WHERE { ?s ykg:parentProgram/rdfs:label "やまぐちDX推進事業"@ja ;
        rdfs:label ?label FILTER(lang(?label) = 'ja') } ORDER BY ?label""")
    labels = [r["label"] for r in rows]
    assert len(labels) == 8
    assert "山口県版クラウド「Y-Cloud（仮称）」構築事業" in labels
    assert "デジタル人材育成事業" in labels


def test_shifted_rows_read_as_documented(ask):
    # 生活維新 地域交通: the キャッシュレス row is shifted one column; its measure is the IC card one.
    rows = ask("""
      SELECT ?m WHERE { ?g rdfs:label "キャッシュレス"@ja ; ykg:policyArea/rdfs:label "地域交通"@ja .
        ?x ykg:measureOf ?g ; rdfs:label ?m FILTER(lang(?m) = 'ja') } ORDER BY ?m""")
    assert [r["m"] for r in rows] == ["県内路線バスへのICカード導入を支援する。"]
    # 共通 デジタル・ガバメント: 県民相談高度化事業 is listed under its own measure of AI・RPA等⇒行政サービス向上.
    rows = ask("""
      SELECT ?goal WHERE { ?l ykg:listedProgram/rdfs:label "県民相談高度化事業"@ja ;
        ykg:listedUnder/ykg:measureOf/rdfs:label ?goal FILTER(lang(?goal) = 'ja') } ORDER BY ?goal""")
    assert [r["goal"] for r in rows] == ["AI・RPA等⇒行政サービス向上"]
