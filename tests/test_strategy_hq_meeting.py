"""Facts of 資料5 (strategy revision), the roster and the meeting, checked by hand."""


def test_strategy_change_counts(ask):
    rows = ask("""
      SELECT ?kind (COUNT(?x) AS ?n) WHERE { ?x ykg:changeType ?c ; a ?cls .
        ?c skos:prefLabel ?kind FILTER(lang(?kind) = 'en') } GROUP BY ?kind ORDER BY ?kind""")
    # 新 glued to 7 actions; (修正) after 6 actions and 1 施策展開 (line 608).
    assert {r["kind"]: r["n"] for r in rows} == {"new": 7, "revised": 7}
    measures = ask("SELECT (COUNT(?x) AS ?n) WHERE { ?x a ykg:StrategyMeasure ; ykg:changeType ?c }")
    assert measures[0]["n"] == 1


def test_strategy_structure(ask):
    rows = ask("""
      SELECT ?no (COUNT(DISTINCT ?p) AS ?pillars) WHERE {
        ?g a ykg:StrategyBasicGoal ; ykg:number ?no . ?p ykg:basicGoal ?g } GROUP BY ?no ORDER BY ?no""")
    assert [r["no"] for r in rows] == [1, 2, 3, 4]
    assert sum(r["pillars"] for r in rows) == 13


def test_new_marker_is_not_part_of_the_text(ask):
    rows = ask("""
      SELECT ?label ?printed WHERE { ?a a ykg:StrategyAction ; ykg:changeType ?c ;
        rdfs:label ?label ; ykg:printedText ?printed
        FILTER(lang(?label) = 'ja' && STRENDS(STR(?c), "/new") && CONTAINS(?printed, "新型コロナ")) }
      ORDER BY ?label""")
    assert len(rows) == 1
    assert rows[0]["label"].startswith("新型コロナウイルス感染症")
    assert rows[0]["printed"].startswith("新新型コロナ")


def test_revision_is_a_prov_activity(ask):
    rows = ask("""
      SELECT ?old ?new WHERE { ?r a prov:Activity , ykg:StrategyRevision ; prov:used ?old ;
        prov:generated ?new . ?new prov:wasRevisionOf ?old } ORDER BY ?old""")
    assert len(rows) == 1


def test_roster_posts(ask):
    rows = ask("""
      SELECT ?role (COUNT(?post) AS ?n) WHERE { ?post a org:Post ; org:role/skos:prefLabel ?role ;
        org:postIn ?hq FILTER(lang(?role) = 'ja') . ?hq rdfs:label "山口県デジタル推進本部"@ja }
      GROUP BY ?role ORDER BY ?role""")
    assert {r["role"]: r["n"] for r in rows} == {"本部長": 1, "副本部長": 1, "本部員": 17}
    head = ask("""
      SELECT ?name ?org WHERE { ?post org:role/skos:prefLabel "本部長"@ja ; org:heldBy/rdfs:label ?name ;
        ykg:headsOrganization/rdfs:label ?org FILTER(lang(?name) = 'ja' && lang(?org) = 'ja') }
      ORDER BY ?name""")
    assert head == [{"name": "村岡嗣政", "org": "山口県"}]


def test_posts_head_their_departments(ask):
    rows = ask("""
      SELECT ?post ?org WHERE { ?p a org:Post ; rdfs:label ?post ; ykg:headsOrganization/rdfs:label ?org
        FILTER(lang(?post) = 'ja' && lang(?org) = 'ja') } ORDER BY ?post""")
    pairs = {(r["post"], r["org"]) for r in rows}
    assert ("総合企画部長", "総合企画部") in pairs
    assert ("警察本部長", "警察本部") in pairs
    assert ("企業局長", "企業局") in pairs


def test_meeting(ask):
    rows = ask("""
      SELECT ?date ?place (COUNT(DISTINCT ?item) AS ?items) (COUNT(DISTINCT ?mat) AS ?materials) WHERE {
        ?m a ykg:Meeting ; schema:startDate ?date ; ykg:place ?place ; ykg:hasAgendaItem ?item ;
           ykg:hasMaterial ?mat FILTER(lang(?place) = 'ja') } GROUP BY ?date ?place ORDER BY ?date""")
    assert rows == [{"date": "2021-02-17", "place": "共用第1会議室", "items": 6, "materials": 12}]
    mats = ask("""SELECT ?id WHERE { ?m ykg:materialKind "material" ; dcterms:identifier ?id } ORDER BY ?id""")
    assert [r["id"] for r in mats] == ["資料1", "資料2", "資料3", "資料4", "資料5"]
