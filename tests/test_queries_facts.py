"""The catalogue's answers on the real data, checked by hand against the source document.

Line numbers are those of the source text 000_7c1a4b2332ad1b6d.txt (data/README.md), as the
tables record them: 資料2 251-372,
資料4 380-523, 資料5 525-632, 名簿 706-723, 資料1 具体的な取組事項 194-240.
"""
from __future__ import annotations

import pytest

from ykg.catalogue import load_catalogue, run_query

BASE = "https://w3id.org/ykg"


# The plan set of the document (data/plan_set.csv): every row of a plan's things names it.
DOCUMENT_PLAN = "やまぐちデジタル改革基本方針等(令和3年2月17日 合同会議資料)"


@pytest.fixture(scope="module")
def rows(store):
    def get(qid, **params):
        result = run_query(store, qid, params or None).as_dicts()
        for row in result:
            if "plan_label" in row:
                assert row.pop("plan_label") == DOCUMENT_PLAN, qid
        return result
    return get


def test_every_row_names_the_document_plan(store):
    for qid, query in load_catalogue().items():
        if "plan_label" in query.column_names:
            labels = {r["plan_label"] for r in run_query(store, query, use_example=True).as_dicts()}
            assert labels <= {DOCUMENT_PLAN}, qid


def test_plan_filter_keeps_the_document_and_refuses_another(rows):
    assert len(rows("budget-by-project", plan="plan-set/yamaguchi-2021")) == 10
    assert rows("budget-by-project", plan="plan-set/no-such-plan") == []


def test_budget_of_each_project(rows):
    # 資料4: amounts of the lines of each project; 《再掲》 lines count only in the listed budget.
    by_no = {r["project_no"]: r for r in rows("budget-by-project")}
    assert sorted(by_no) == list(range(1, 11))
    own = {1: 74_262,        # 45,586 + 28,676 (405-406)
           2: 1_921_587,     # 186,678 + 20,000 + 1,572,734 + 17,325 + 124,850 (416-420)
           3: 139_974,       # 90,000 + 20,000 + 29,974 (430-432)
           4: 1_134_713,     # nine budget lines of 440-445; the 融資枠 500,000 is not budget
           5: 155_405,       # 27,690 + 39,025 + 22,000 + 4,690 + 15,000 + 36,000 + 11,000
           6: 227_844,       # 67,000 + 85,000 + 32,844 + 43,000 (467-470)
           7: 0, 8: 0, 9: 0,  # only 《再掲》 lines (478, 489, 493) or no amounts (503-507)
           10: 19_900}       # 地域雇用創造事業 (521); the rest is 《再掲》
    listed = dict(own)
    listed[4] += 20_000                  # 建設DX加速化事業《再掲》 (444)
    listed[7] = 544_600                  # やまぐちDX推進事業《再掲》 (478)
    listed[8] = 544_600 + 6_000          # (489, 493)
    listed[10] = 19_900 + 544_600 + 48_550 + 6_000 + 271_546 + 186_678 + 1_572_734  # 517-523
    assert {n: r["own_budget_kyen"] for n, r in by_no.items()} == own
    assert {n: r["listed_budget_kyen"] for n, r in by_no.items()} == listed
    assert {n: r["n_components"] for n, r in by_no.items()} == \
        {1: 2, 2: 5, 3: 3, 4: 11, 5: 7, 6: 4, 7: 1, 8: 2, 9: 3, 10: 7}
    assert all(isinstance(r["own_budget_kyen"], int) for r in by_no.values())
    assert by_no[4]["project_label"] == "「未来を切り拓く中堅・中小企業DX」促進プロジェクト"


def test_programs_shared_between_projects(rows):
    shared = {r["program_label"]: r["projects"] for r in rows("programs-in-several-projects")}
    assert shared == {
        "やまぐちDX推進事業": "4,7,8,10",                 # 440, 478, 489, 517
        "データサイエンス活用推進事業": "4,8,10",          # 440, 493, 519
        "建設DX加速化事業": "3,4",                       # 431, 444
        "ものづくり企業におけるDX加速支援事業": "4,10",    # 441, 518
        "中小企業DX推進総合支援事業": "4,10",              # 441, 520
        "ICTを活用した先進的教育推進事業": "2,10",         # 416, 522
        "デジタル化対応産業教育装置整備事業": "2,10",       # 418, 523
    }
    first = rows("programs-in-several-projects")[0]
    assert (first["program_label"], first["n_projects"]) == ("やまぐちDX推進事業", 4)


def test_department_with_the_largest_sakigake_budget(rows):
    result = rows("budget-by-department")
    top = result[0]
    # 教育委員会: 186,678 + 20,000 + 1,572,734 (416-418)
    assert (top["department_label"], top["sakigake_budget_kyen"]) == ("教育委員会", 1_779_412)
    budget = {r["department_label"]: r["sakigake_budget_kyen"] for r in result}
    assert budget["総合企画部"] == 544_600 + 124_850 + 67_000 + 85_000     # 440, 420, 467, 468
    assert budget["商工労働部"] == (6_000 + 271_546 + 62_000 + 10_000 + 100_100 + 10_104
                                + 81_813 + 19_900)                          # 440-445, 521
    assert budget["健康福祉部"] == 74_262 and budget["総務部"] == 17_325
    # Each program once: the whole Sakigake budget equals the sum of the own budgets.
    assert sum(budget.values()) == 1_921_587 + 74_262 + 139_974 + 1_134_713 + 155_405 + \
        227_844 + 19_900
    assert budget["環境生活部"] == 0 and budget["警察本部"] == 0   # in 資料2 only


def test_department_project_matrix(rows):
    cells = {(r["department_label"], r["project_no"]): r["n_programs"]
             for r in rows("department-project-matrix")}
    assert cells[("農林水産部", 5)] == 7            # 453-459
    assert cells[("教育委員会", 2)] == 3            # 416-418
    assert cells[("商工労働部", 4)] == 8            # 440-445, 融資 included
    assert cells[("総合企画部", 9)] == 3            # 503-507
    assert ("教育委員会", 4) not in cells


def test_loan_facilities(rows):
    assert rows("loan-facilities") == [
        {"program_label": "中小企業制度融資（DX対応資金）", "project_no": 4, "amount_kyen": 500_000}]


def test_projects_without_budget(rows):
    assert [(r["project_no"], r["n_components"]) for r in rows("projects-without-budget")] == [(9, 3)]


def test_sub_programs_and_where_they_are_cited(rows):
    subs = {(r["parent_label"], r["sub_program_label"]): r["projects"] for r in rows("sub-programs")}
    assert subs[("やまぐちDX推進事業", "オープンイノベーション創出事業")] == "7"      # 479
    assert subs[("やまぐちDX推進事業", "シビックテック推進事業")] == "7"            # 480
    assert subs[("やまぐちDX推進事業", "DX推進官民協働フォーラム実施事業")] == "7"   # 481
    assert subs[("やまぐちDX推進事業", "山口県版クラウド「Y-Cloud（仮称）」構築事業")] == "8"  # 490
    assert subs[("やまぐちDX推進事業", "データドリブン推進事業")] == "8"            # 492
    assert subs[("高度なインフラ監視・点検", "単独河川改修費（公共事業）")] == "3"      # 430
    assert subs[("高度なインフラ監視・点検", "橋りょう補修費（公共事業）")] == "3"
    assert subs[("やまぐちDX推進事業", "デジタル人材育成事業")] == ""               # 367 only
    assert sum(1 for p, _ in subs if p == "やまぐちDX推進事業") == 8                 # 366-367


def test_programs_across_areas(rows):
    spans = {r["program_label"]: r["areas"] for r in rows("programs-across-areas")}
    # 272 (I), 303 (II, 再掲), 322 (III, 再掲)
    assert spans["新たな就職・採用スタイル推進事業"] == "産業維新,大交流維新,生活維新"
    assert spans["建設DX加速化事業"] == "産業維新,生活維新"          # 281, 333
    assert spans["新たな美術館魅力創出事業"] == "大交流維新,生活維新"  # 297, 331
    assert spans["警察行政デジタル化推進事業"] == "生活維新,共通"      # 344, 362
    assert "子育てAIコンシェルジュ導入事業" not in spans                # 316 only


def test_programs_by_goal_count(rows):
    result = rows("programs-by-goal-count")
    assert (result[0]["program_label"], result[0]["n_goals"]) == ("やまぐちDX推進事業", 5)
    counts = {r["program_label"]: r["n_goals"] for r in result}
    assert counts["ICT教育基盤高度化事業"] == 0           # 資料4 only (420)
    assert counts["新たな就職・採用スタイル推進事業"] == 3  # 272, 303, 322


def test_goals_without_sakigake(rows):
    goals = {(r["area_label"], r["goal_label"]) for r in rows("goals-without-sakigake")}
    assert ("生活維新", "遠隔医療") in goals              # 335: not in 資料4
    assert ("大交流維新", "MaaS") in goals                # 296
    assert ("共通", "行政手続オンライン化等") in goals       # 357-359
    assert ("産業維新", "スマートファクトリー") not in goals  # やまぐちDX推進事業 (262, 440)
    assert ("共通", "県内全域の基盤整備") not in goals       # 未来技術活用推進事業 (370, 506)
    assert ("生活維新", "デジタル技術×インフラ点検・監視") not in goals  # 332, 430


def test_departments_by_section(rows):
    result = {r["department_label"]: (r["in_section2"], r["in_sakigake"])
              for r in rows("departments-by-section")}
    assert result["教育委員会"] == (False, True)      # 資料4 only (416-418, 522-523)
    for dept in ("企業局", "会計管理局", "環境生活部", "警察本部"):
        assert result[dept] == (True, False), dept   # 資料2 only (282, 359, 325, 343)
    assert result["総合企画部"] == (True, True)
    assert len(result) == 13


def test_headquarters_posts(rows):
    result = rows("headquarters-posts")
    assert len(result) == 19                                 # 708-722
    assert result[0] == {"role": "本部長", "post_label": "知事", "organization_label": "山口県"}
    assert result[1]["role"] == "副本部長" and result[1]["organization_label"] is None
    assert sum(r["role"] == "本部員" for r in result) == 17
    assert {"role": "本部員", "post_label": "教育長", "organization_label": "教育委員会"} in result


def test_strategy_changes(rows):
    result = rows("strategy-changes")
    # 資料5: 新 at 551, 562, 572, 584, 601, 609, 616; (修正) at 550, 571, 608 (twice), 610, 617, 629
    assert sum(r["change"] == "new" for r in result) == 7
    assert sum(r["change"] == "revised" for r in result) == 7
    assert {"basic_goal_no": 1, "pillar_label": "地域の雇用を支える中堅・中小企業の応援",
            "initiative_label": "離職者の再就職支援", "change": "new"} in result
    assert [r["basic_goal_no"] for r in result] == sorted(r["basic_goal_no"] for r in result)


def test_pillar_coverage(rows):
    result = rows("pillar-coverage")
    assert [r["pillar_label"] for r in result] == [
        "『やまぐちDX』の創出", "『デジタル・ガバメントやまぐち』の構築", "『デジタル・エリアやまぐち』の形成"]
    assert [r["n_initiatives"] for r in result] == [9, 11, 11]   # 194-238
    assert all(r["n_linked_programs"] > 0 for r in result)


def test_technology_coverage(rows):
    result = {r["technology_label"]: r for r in rows("technology-coverage")}
    five_g = next(r for label, r in result.items() if label.startswith("5G"))
    assert five_g["n_projects"] >= 1   # project 9 names 5G (499)
    assert five_g["n_goals"] >= 3      # 遠隔医療 (335), 文化・芸術×デジタル技術 (297, 331), 基盤整備 (370)


def test_search_ignores_kana_width_and_case(rows):
    katakana = rows("search", q="デジタル人材")
    assert {r["label"] for r in katakana} >= {"デジタル人材育成", "デジタル人材育成事業",
                                                "「明日の社会を創るデジタル人材」育成プロジェクト"}
    assert rows("search", q="でじたる人材") == katakana
    assert rows("search", q="ﾃﾞｼﾞﾀﾙ人材") == katakana
    english = rows("search", q="Civic Tech")
    assert "シビックテック推進事業" in {r["label"] for r in english}
    program = next(r for r in english if r["label"] == "シビックテック推進事業")
    assert program["class"] == "https://w3id.org/ykg/def#Program"
    assert rows("search", q="存在しない語") == []


def test_neighbours_of_yamaguchi_dx(rows):
    result = rows("neighbours", entity="program/p0005")
    into = {r["other"] for r in result
            if r["direction"] == "in" and r["predicate"].endswith("#hasComponentProgram")}
    assert into == {f"{BASE}/id/sakigake/{n}" for n in ("04", "07", "08", "10")}
    out = {(r["predicate"].rsplit("#", 1)[-1], r["other_label"]) for r in result
           if r["direction"] == "out"}
    assert ("responsibleOrganization", "総合企画部") in out
    assert rows("neighbours", entity=f"{BASE}/id/program/p0005") == result


def test_project_components(rows):
    result = rows("project-components")
    assert len(result) == 53
    p3 = [(r["line"], r["program_label"], r["kind"], r["amount_kyen"]) for r in result
          if r["project_no"] == 3]
    assert p3 == [("1", "高度なインフラ監視・点検", "budget", 90_000),
                  ("1.1", "単独河川改修費（公共事業）", "sub-line", None),
                  ("1.2", "橋りょう補修費（公共事業）", "sub-line", None),
                  ("2", "建設DX加速化事業", "budget", 20_000),
                  ("3", "AIによるインフラ点検・診断システム活用推進事業", "budget", 29_974)]
    assert sum(r["relisting"] for r in result) == 10   # 444, 478, 489, 493, 517-520, 522-523


def test_sakigake_programs_without_goal(rows):
    result = {r["program_label"]: r["projects"] for r in rows("sakigake-programs-without-goal")}
    assert result["中小企業制度融資（DX対応資金）"] == "4"
    assert result["ICTを活用した先進的教育推進事業"] == "2,10"
    assert "やまぐちDX推進事業" not in result


def test_area_overview(rows):
    result = rows("area-overview")
    assert [(r["area_no"], r["area_label"]) for r in result] == [
        (1, "産業維新"), (2, "大交流維新"), (3, "生活維新"), (4, "共通")]
    assert [r["n_policy_areas"] for r in result] == [6, 4, 11, 4]   # 区分 of 262-370


def test_every_query_answers_on_the_real_data(store):
    for qid, q in load_catalogue().items():
        assert run_query(store, q, use_example=True).rows, f"{qid} has no rows"


def test_the_list_slots_cover_every_number(ask):
    # Lists in cells are built slot by slot (projects 1-10, areas 1-4) to keep their order the
    # same on every engine: no project or area may fall outside the slots.
    projects = ask("SELECT ?n WHERE { ?p a ykg:SakigakeProject ; ykg:number ?n }")
    areas = ask("SELECT ?n WHERE { ?a a ykg:FutureArea ; ykg:number ?n }")
    assert sorted(r["n"] for r in projects) == list(range(1, 11))
    assert sorted(r["n"] for r in areas) == [1, 2, 3, 4]
