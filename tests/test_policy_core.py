"""Facts of 資料1 (vision, stances, pillars, initiatives) checked by hand against the source."""


def test_five_stances_with_their_chains(ask):
    rows = ask("""
      SELECT ?no (COUNT(DISTINCT ?step) AS ?steps) (COUNT(?s) AS ?items) WHERE {
        ?st a ykg:BasicStance ; ykg:number ?no .
        ?s ykg:stepOf ?st ; ykg:stepNumber ?step .
      } GROUP BY ?no ORDER BY ?no""")
    # Source lines 106-171: steps are separated by ↓; some steps hold two or three items.
    assert [(r["no"], r["steps"], r["items"]) for r in rows] == [
        (1, 4, 4), (2, 3, 5), (3, 3, 4), (4, 3, 4), (5, 3, 6)]


def test_stance_chain_links_consecutive_steps(ask):
    rows = ask("""
      SELECT ?a ?b WHERE {
        ?x ykg:stepOf/ykg:number 1 ; ykg:leadsTo ?y .
        ?x rdfs:label ?a . ?y rdfs:label ?b FILTER(lang(?a) = 'ja' && lang(?b) = 'ja')
      } ORDER BY ?a""")
    assert {(r["a"], r["b"]) for r in rows} == {
        ("今までと違う発想", "新たな解決方策"), ("新たな解決方策", "ソリューションの具体化"),
        ("ソリューションの具体化", "速やかな社会実装")}


def test_three_pillars_with_initiative_counts(ask):
    rows = ask("""
      SELECT ?no (COUNT(?i) AS ?all) (SUM(IF(BOUND(?parent), 0, 1)) AS ?top) WHERE {
        ?p a ykg:Pillar ; ykg:number ?no . ?i ykg:pillar ?p .
        OPTIONAL { ?i ykg:parentInitiative ?parent }
      } GROUP BY ?no ORDER BY ?no""")
    # Pillar 3 has five top-level items; six ・ sub-items stand under デジタル人材の育成.
    assert [(r["no"], r["all"], r["top"]) for r in rows] == [(1, 9, 9), (2, 11, 11), (3, 11, 5)]


def test_vision_and_period(ask):
    rows = ask("""
      SELECT ?v ?start ?end WHERE {
        ?x a ykg:Vision ; rdfs:label ?v FILTER(lang(?v) = 'ja')
        ?plan ykg:startFiscalYear/ykg:yearNumber ?start ; ykg:endFiscalYear/ykg:yearNumber ?end ;
              rdfs:label "やまぐちデジタル改革基本方針(案)"@ja .
      } ORDER BY ?v""")
    assert rows == [{"v": "県民一人ひとりが、希望するサービスやライフスタイルを自由に選択でき、"
                          "豊かさと幸せを実感することのできる社会", "start": 2021, "end": 2022}]


def test_printed_typo_kept_with_correction(ask):
    rows = ask("""
      SELECT ?label ?fixed WHERE { ?i a ykg:Initiative ; rdfs:label ?label ; ykg:correctedText ?fixed
        FILTER(CONTAINS(?label, "ワンズオンリー")) } ORDER BY ?label""")
    assert rows == [{"label": "行政手続のワンストップ化・ワンズオンリー化",
                     "fixed": "行政手続のワンストップ化・ワンスオンリー化"}]


def test_every_entity_is_derived_from_a_section_and_has_both_labels(ask):
    missing = ask("""
      SELECT ?s WHERE {
        GRAPH ?g { ?s rdfs:label ?l } FILTER(STRSTARTS(STR(?s), "https://w3id.org/ykg/id/"))
        FILTER NOT EXISTS { ?s rdfs:label ?en FILTER(lang(?en) = 'en') }
      } ORDER BY ?s""")
    assert missing == []
