"""Curated cross-links and derived technology tags: in their own graphs, each with its basis or rule."""

G = "https://w3id.org/ykg/graph/"


def test_initiative_carried_out_by_program(ask):
    rows = ask("""
      SELECT ?basis WHERE { GRAPH <%scurated> {
        ?i ykg:carriedOutBy ?p .
        ?l ykg:linkSubject ?i ; ykg:linkObject ?p ; ykg:basis ?basis FILTER(lang(?basis) = 'ja') }
        ?i rdfs:label "県版クラウド「Y-Cloud(仮称)」の構築"@ja .
        ?p rdfs:label "山口県版クラウド「Y-Cloud（仮称）」構築事業"@ja .
      } ORDER BY ?basis""" % G)
    assert len(rows) == 1 and "Y-Cloud" in rows[0]["basis"]


def test_strategy_action_realized_by_project_2(ask):
    rows = ask("""
      SELECT ?no WHERE { GRAPH <%scurated> { ?a ykg:realizedBy ?p }
        ?a rdfs:label ?l FILTER(lang(?l) = 'ja' && CONTAINS(?l, "やまぐちスマートスクール構想"))
        ?p a ykg:SakigakeProject ; ykg:number ?no } ORDER BY ?no""" % G)
    assert [r["no"] for r in rows] == [2]


def test_every_project_serves_a_pillar(ask):
    rows = ask("""
      SELECT ?no (COUNT(DISTINCT ?pillar) AS ?n) WHERE { ?p a ykg:SakigakeProject ; ykg:number ?no .
        OPTIONAL { GRAPH <%scurated> { ?p ykg:servesPillar ?pillar } } } GROUP BY ?no ORDER BY ?no""" % G)
    assert [r["no"] for r in rows if r["n"] == 0] == []


def test_curated_links_stay_out_of_document_facts(ask):
    rows = ask("""
      SELECT ?p (COUNT(*) AS ?n) WHERE { GRAPH <%sdocument> { ?s ?p ?o }
        FILTER(?p IN (ykg:carriedOutBy, ykg:servesPillar, ykg:contributesToGoal, ykg:realizedBy,
                      ykg:mentionsTechnology, ykg:basis)) } GROUP BY ?p ORDER BY ?p""" % G)
    assert rows == []


def test_every_curated_link_has_a_basis(ask):
    rows = ask("""
      SELECT ?l WHERE { GRAPH <%scurated> { ?l a ykg:CuratedLink
        FILTER NOT EXISTS { ?l ykg:basis ?b FILTER(lang(?b) = 'ja') } } } ORDER BY ?l""" % G)
    assert rows == []
    n = ask("SELECT (COUNT(?l) AS ?n) WHERE { GRAPH <%scurated> { ?l a ykg:CuratedLink } }" % G)
    assert n[0]["n"] >= 100


def test_technology_tags_record_their_rule(ask):
    rows = ask("""
      SELECT ?pattern ?field WHERE { GRAPH <%sderived> {
        ?t ykg:tagSubject ?p ; ykg:tagTechnology ?tech ; ykg:matchedPattern ?pattern ;
           ykg:matchedField ?field ; ykg:rule ?rule . ?p ykg:mentionsTechnology ?tech
        FILTER(lang(?rule) = 'en') }
        ?p rdfs:label "子育てAIコンシェルジュ導入事業"@ja .
        FILTER(?tech = <https://w3id.org/ykg/id/technology/ai>)
      } ORDER BY ?pattern""" % G)
    assert rows == [{"pattern": "ai", "field": "data/programs.csv:label_ja"}]


def test_5g_programs(ask):
    rows = ask("""
      SELECT ?label WHERE { GRAPH <%sderived> { ?p ykg:mentionsTechnology ?t } ?p a ykg:Program ;
        rdfs:label ?label FILTER(lang(?label) = 'ja') FILTER(?t = <https://w3id.org/ykg/id/technology/5g>) } ORDER BY ?label""" % G)
    assert sorted(r["label"] for r in rows) == sorted(["5G基地局の整備促進に向けた県有施設敷地等の活用",
                                                      "5Gを活用したへき地医療機関遠隔サポート事業"])


def test_search_key_finds_kanji_labels_from_kana(ask):
    from ykg.foundation.text import match_key
    for q in ("こそだて", "コソダテ", "ｺｿﾀﾞﾃ", "子育て"):
        rows = ask('SELECT ?s WHERE { ?s ykg:searchKey ?k FILTER(CONTAINS(?k, "%s")) } ORDER BY ?s'
                   % match_key(q))
        labels = {r["s"].rsplit("/", 2)[-2] for r in rows}
        assert "program" in labels and "sakigake" in labels, q
