"""Write notebooks/*.ipynb from the cells below, without outputs.

Run `python notebooks/make_notebooks.py` after editing a cell; `--check` exits 1 when a committed
notebook differs from what this script writes (tests/test_notebooks.py runs the check). Cell ids
are fixed so that the files are byte-for-byte reproducible.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def md(text: str) -> tuple[str, str]:
    return ("markdown", text)


def code(text: str) -> tuple[str, str]:
    return ("code", text)


# -- 01-tour -------------------------------------------------------------------------------------

TOUR = [
    md("""\
# 01 グラフの案内 / A tour of the graph

やまぐちデジタル改革基本方針(令和3年2月17日の合同会議資料)を表(`data/*.csv`)に書き起こし、RDFのデータセットに
組み立てます。このノートブックでは、データセットを組み立てて SHACL で検証し、名前付きグラフとクラスごとに
何件あるかを数え、すべてのクラスから実体を1つずつ、出典の節(資料のどこに書かれているか)とともに示します。
コードはライブラリ(`graphbuild`, `ykg`)を呼び出すだけです。

The Yamaguchi Digital Reform Basic Policy (joint meeting of 17 February 2021) is transcribed into tables
(`data/*.csv`) and built into an RDF dataset. This notebook builds the dataset, validates it with SHACL,
counts what each named graph and each class holds, and shows one entity of every class with the section of
the document it comes from. The code only calls the library (`graphbuild`, `ykg`)."""),
    code("""\
import pandas as pd

from graphbuild import build_dataset, compute_stats, validate_build
from ykg.catalogue import run_sparql
from ykg.store import store_from_build

pd.set_option("display.max_rows", 200)
pd.set_option("display.max_colwidth", 60)"""),
    md("""\
## 1. 組み立て / Build

`build_dataset()` は `data/` の表を読んで検査し、RDF の四つ組(quad: 主語・述語・目的語・名前付きグラフ)にします。
表の誤りは、ファイル名と行番号つきの日英のメッセージで止まります。

`build_dataset()` reads and checks the tables in `data/` and maps them to RDF quads (subject, predicate,
object, named graph). A mistake in a table stops the build with a Japanese and English message naming the
file and the row."""),
    code("""\
b = build_dataset()
print(f"{len(b.quads):,} quads, {len(b.triples()):,} distinct triples, base {b.base}")
print("named graphs:", *b.graph_names(), sep="\\n  ")"""),
    md("""\
## 2. 検証 / Validate

`ontology/shapes.ttl` の SHACL 形状で和集合グラフを検証します。違反があれば、実体のラベルと元の表の行を示します。

The union graph is validated against the SHACL shapes in `ontology/shapes.ttl`. A violation would name the
entity's label and the table row it came from."""),
    code("""\
report = validate_build(b)
print(report.text())"""),
    md("""\
## 3. 名前付きグラフごとの三つ組数 / Triples per named graph

- `document`: 資料に書かれている事実 / facts printed in the document
- `labels-en`: すべての英語ラベル(`@en`、翻訳) / every English label (`@en`, translated)
- `curated`: 資料には線で結ばれていないが、整理のために付けた対応(根拠つき) / cross-links the document does
  not draw, added with their basis
- `derived`: 規則で導いたもの(技術タグ、読み、検索キー) / derived by rule (technology tags, readings, search keys)
- `dataset`: データセットの説明(VoID/DCAT) / the description of the dataset (VoID/DCAT)"""),
    code("""\
stats = compute_stats(b)
per_graph = pd.DataFrame(list(stats.per_graph.items()), columns=["named_graph", "triples"])
print(f"union graph: {stats.triples:,} triples")
per_graph"""),
    md("""\
## 4. クラスごとの実体数 / Entities per class

`ykg:` は本データセットの語彙(`ontology/ykg.ttl`)、ほかは標準の語彙(W3C ORG、PROV、SKOS、schema.org、FOAF、
VoID、DCAT)です。1つの実体が複数のクラスに属することがあります(例: 部局は `ykg:Department` かつ
`org:OrganizationalUnit`)。

`ykg:` is this dataset's vocabulary (`ontology/ykg.ttl`); the others are standard vocabularies (W3C ORG,
PROV, SKOS, schema.org, FOAF, VoID, DCAT). An entity can belong to several classes (a department is both
`ykg:Department` and `org:OrganizationalUnit`)."""),
    code("""\
per_class = (pd.Series(stats.per_class, name="entities").rename_axis("class")
             .sort_values(ascending=False, kind="stable").reset_index())
print(f"{len(per_class)} classes, {per_class['entities'].sum():,} typed entities")
per_class"""),
    md("""\
## 5. 魁プロジェクト / The Sakigake projects

グラフを組み込みの Oxigraph ストアに読み込み、SPARQL で問い合わせます。`run_sparql` は名前付きグラフの和集合に
対して問い合わせ、値を Python の値にして返します。資料4の「デジタル・魁プロジェクト」は10件です。

The graph is loaded into an embedded Oxigraph store and queried with SPARQL. `run_sparql` queries the union of
the named graphs and returns plain Python values. 資料4 lists ten Digital Sakigake (魁, "pioneer") projects."""),
    code('''\
store = store_from_build(b)
PREFIXES = """
PREFIX ykg: <https://w3id.org/ykg/def#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


def table(sparql: str) -> pd.DataFrame:
    """Run a SELECT on the store and return its rows as a DataFrame."""
    result = run_sparql(store, PREFIXES + sparql)
    return pd.DataFrame(result.rows, columns=result.columns)


projects = table("""
SELECT ?no ?label_ja ?label_en WHERE {
  ?project a ykg:SakigakeProject ; ykg:number ?no ; rdfs:label ?label_ja, ?label_en .
  FILTER(LANG(?label_ja) = "ja" && LANG(?label_en) = "en")
} ORDER BY ?no""")
print(f"魁プロジェクト {len(projects)} 件 / {len(projects)} Sakigake projects")
projects'''),
    md("""\
## 6. 各クラスの実体と出典 / One entity of every class and where it comes from

資料から取った実体は `prov:wasDerivedFrom` で資料の節(`ykg:DocumentSection`)を、`ykg:sourceLines` で
書き起こしの行番号を持ちます。`table_row` は実体を作った表の行です。節を持たないのは、データセットの説明
(VoID/DCAT)、整理のための対応(`ykg:CuratedLink`)、技術とその規則によるタグ、年度、概念体系など、
資料の一箇所に由来しないもの、そして節(`ykg:DocumentSection`)と資料(`ykg:Material`)そのものです。
節は自分の行番号(`lines`)を持ちます。

Entities taken from the document point to a section of it (`ykg:DocumentSection`) with
`prov:wasDerivedFrom`, and to the lines of the transcript with `ykg:sourceLines`. `table_row` is the table
row that made the entity. The classes without a section are those that come from no single passage: the
dataset description (VoID/DCAT), curated links (`ykg:CuratedLink`), technologies and their rule-based tags,
fiscal years and concept schemes, and the sections (`ykg:DocumentSection`) and materials
(`ykg:Material`) themselves; a section carries its own lines (`lines`)."""),
    code('''\
def compact(iri):
    """Shorten an IRI with the build's prefixes (ykg:Program, yprogram:p0001)."""
    if not isinstance(iri, str):
        return iri
    for prefix, ns in sorted(b.prefixes.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


# The first entity (by IRI) of each class, preferring one that has a source section.
examples = table("""
SELECT ?class ?entity ?label_ja ?label_en ?section_ja ?lines WHERE {
  { SELECT ?class (MIN(?e) AS ?first) WHERE { ?e a ?class } GROUP BY ?class }
  OPTIONAL { SELECT ?class (MIN(?e) AS ?with_section) WHERE {
      ?e a ?class ; prov:wasDerivedFrom ?s . ?s a ykg:DocumentSection } GROUP BY ?class }
  BIND(COALESCE(?with_section, ?first) AS ?entity)
  OPTIONAL { ?entity rdfs:label ?label_ja FILTER(LANG(?label_ja) = "ja") }
  OPTIONAL { ?entity rdfs:label ?label_en FILTER(LANG(?label_en) = "en") }
  OPTIONAL { ?entity prov:wasDerivedFrom ?section . ?section a ykg:DocumentSection ;
             rdfs:label ?section_ja FILTER(LANG(?section_ja) = "ja") }
  OPTIONAL { ?entity ykg:sourceLines ?lines }
} ORDER BY ?class""")
examples.insert(2, "table_row", examples["entity"].map(b.origins.get))
examples["class"] = examples["class"].map(compact)
examples["entity"] = examples["entity"].map(compact)
with_section = examples["section_ja"].notna().sum()
print(f"{len(examples)} classes, {with_section} of them with a source section")
examples'''),
    code("""\
print("classes without a source section:", ", ".join(examples.loc[examples["section_ja"].isna(), "class"]))"""),
    md("""\
## 7. 1つの実体のすべて / Everything about one entity

やまぐちDX推進事業(`yprogram:p0005`)から出る(`out`)・に入る(`in`)すべての三つ組を、名前付きグラフごとに
示します。資料に書かれた事実、英語ラベル、規則で導いた読み・検索キー、整理のための対応がどのグラフにあるかが
分かります。

Every triple about the Yamaguchi DX promotion program (`yprogram:p0005`), from it (`out`) and to it (`in`),
by named graph: which facts are printed in the document, which are English labels, which are derived by rule
(reading, search key) and which are curated links."""),
    code('''\
facts = table("""
SELECT ?graph ?direction ?predicate ?other WHERE {
  BIND(<https://w3id.org/ykg/id/program/p0005> AS ?program)
  { GRAPH ?graph { ?program ?predicate ?other } BIND("out" AS ?direction) }
  UNION
  { GRAPH ?graph { ?other ?predicate ?program } BIND("in" AS ?direction) }
} ORDER BY ?graph ?direction ?predicate ?other""")
print(facts.groupby("graph").size().rename(compact).to_string())
facts.apply(lambda column: column.map(compact))'''),
    md("""\
次は `02-cross-cutting-questions.ipynb`(横断的な問い: 予算、部局、技術)へ。

Next: `02-cross-cutting-questions.ipynb` (cross-cutting questions: budgets, departments, technologies)."""),
]

# -- 02-cross-cutting-questions ------------------------------------------------------------------

QUESTIONS = [
    md("""\
# 02 横断的な問い / Cross-cutting questions

資料は、分野別の目標と事業(資料2)、魁プロジェクト(資料4)、総合戦略の改訂(資料5)などに分かれています。
「どの部局がいくら」「どのプロジェクトにどの部局が関わるか」「どの技術がどこに出てくるか」のように資料を
横断する問いは、`queries/` の問い合わせカタログ(名前付きの SPARQL)で答えます。ここではカタログの問い合わせを
pandas の表にし、matplotlib で図にします。

The document is split into goals and programs by area (資料2), the Sakigake projects (資料4), the strategy
revision (資料5) and more. Questions that cut across it, such as "how much does each department get", "which
departments work on which project" or "where does each technology appear", are answered by the query
catalogue in `queries/` (named SPARQL queries). This notebook turns catalogue queries into pandas tables and
draws them with matplotlib."""),
    code("""\
%matplotlib inline
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib import font_manager

from ykg.catalogue import load_catalogue, run_query
from ykg.store import open_store

# Japanese labels need a CJK font (Debian: fonts-noto-cjk); without one they are drawn as boxes.
cjk = sorted({f.name for f in font_manager.fontManager.ttflist if "CJK JP" in f.name})
plt.rcParams["font.family"] = cjk[:1] + ["DejaVu Sans"]
pd.set_option("display.max_rows", 100)
pd.set_option("display.max_colwidth", 70)

store = open_store()  # built from data/ in memory


def frame(query_id: str, **params) -> pd.DataFrame:
    \"\"\"Run a catalogue query on the embedded store and return it as a DataFrame.\"\"\"
    result = run_query(store, query_id, params)
    return pd.DataFrame(result.rows, columns=result.columns)"""),
    md("""\
## 1. 問い合わせカタログ / The query catalogue

各問い合わせは `queries/<id>.rq` にあり、先頭の `#+` 行に日英の概要、引数、列が書かれています。
コマンドラインでは `ykg query list`、`ykg query run <id>` で同じものを実行できます。`rows` は例の引数での行数です。

Each query lives in `queries/<id>.rq`; its `#+` header lines give a summary in Japanese and English, its
parameters and its columns. On the command line, `ykg query list` and `ykg query run <id>` run the same
queries. `rows` is the number of rows with the example parameters."""),
    code("""\
catalogue = load_catalogue()
overview = pd.DataFrame([
    {"id": q.id, "summary_ja": q.summary_ja, "summary_en": q.summary_en,
     "params": ", ".join(f"{k}={v}" for k, v in q.example),
     "rows": len(run_query(store, q, use_example=True).rows)}
    for q in catalogue.values()])
print(f"{len(overview)} queries in the catalogue")
overview"""),
    md("""\
## 2. 魁プロジェクト別の予算 / Budget by Sakigake project

金額は資料どおり千円単位です。`own_budget_kyen` はそのプロジェクト自身の予算行(《再掲》を除く)の合計、
`listed_budget_kyen` は《再掲》の行も含めて掲載された額の合計です。融資枠(中小企業制度融資)は貸付の枠で予算では
ないので、どちらにも含めず、図では別の棒(斜線)で示します。

Amounts are in thousand yen (千円) as printed. `own_budget_kyen` sums the project's own budget lines
(without 《再掲》, "listed again"); `listed_budget_kyen` also counts the lines listed again. The loan
facility (融資枠, a lending limit of the SME loan scheme) is not budget: it is in neither sum and is drawn
as a separate hatched bar."""),
    code("""\
budget = frame("budget-by-project")
loans = frame("loan-facilities")
print(f"budget-by-project: {len(budget)} rows")
print(f"own budget, all projects: {budget['own_budget_kyen'].sum():,} 千円")
print(f"loan facilities: {len(loans)} line{'s' if len(loans) != 1 else ''}, "
      f"{loans['amount_kyen'].sum():,} 千円 (not budget)")
budget"""),
    code("""\
loans"""),
    code("""\
chart = budget.assign(project=budget["project_no"].astype(str) + ". " + budget["project_label"])
chart["loan_kyen"] = chart["project_no"].map(loans.groupby("project_no")["amount_kyen"].sum()).fillna(0)
y = range(len(chart))
fig, ax = plt.subplots(figsize=(11, 6))
ax.barh([i - 0.27 for i in y], chart["own_budget_kyen"] / 1000, height=0.27, label="自身の予算 / own budget")
ax.barh(y, chart["listed_budget_kyen"] / 1000, height=0.27, label="《再掲》を含む / incl. listed again")
ax.barh([i + 0.27 for i in y], chart["loan_kyen"] / 1000, height=0.27, color="white", edgecolor="grey",
        hatch="//", label="融資枠(予算ではない) / loan facility (not budget)")
ax.set_yticks(list(y), chart["project"])
ax.invert_yaxis()
ax.set_xlabel("百万円 / million yen")
ax.set_title("魁プロジェクト別の予算 / Budget by Sakigake project (FY2021)")
ax.legend(loc="center right")
plt.show()"""),
    md("""\
## 3. 部局別の予算 / Budget by department

魁プロジェクトの構成事業を所管する部局ごとの予算額です(各事業は1回だけ数え、《再掲》で重ねない)。融資枠は
所管部局(商工労働部)の横に別の棒で示します。`n_programs` は資料全体でその部局が所管する事業の数です。

The budget of the Sakigake component programs, by the department that owns them (each program counted
once, never again for a 《再掲》 line). The loan facility is drawn apart next to its department
(商工労働部, Commerce, Industry and Labour). `n_programs` counts the department's programs in the whole
document."""),
    code("""\
departments = frame("budget-by-department")
components = frame("project-components")
loan_by_department = (components[components["kind"] == "loan"]
                      .groupby("department_label")["amount_kyen"].sum())
print(f"budget-by-department: {len(departments)} rows, "
      f"{departments['sakigake_budget_kyen'].sum():,} 千円 in all")
departments"""),
    code("""\
chart = departments.set_index("department_label")
loan = loan_by_department.reindex(chart.index).fillna(0)
y = range(len(chart))
fig, ax = plt.subplots(figsize=(10, 5.5))
ax.barh([i - 0.2 for i in y], chart["sakigake_budget_kyen"] / 1000, height=0.4, label="予算 / budget")
ax.barh([i + 0.2 for i in y], loan / 1000, height=0.4, color="white", edgecolor="grey", hatch="//",
        label="融資枠(予算ではない) / loan facility (not budget)")
ax.set_yticks(list(y), chart.index)
ax.invert_yaxis()
ax.set_xlabel("百万円 / million yen")
ax.set_title("部局別の魁プロジェクト予算 / Sakigake budget by department")
ax.legend(loc="lower right")
plt.show()"""),
    md("""\
## 4. 部局 × 魁プロジェクト / Departments × Sakigake projects

マスの数字は、その部局が所管するそのプロジェクトの構成事業の数です。プロジェクトの多くは複数の部局にまたがり、
総合企画部と商工労働部は多くのプロジェクトに関わります。

Each cell counts the project's component programs that the department owns. Most projects involve several
departments; 総合企画部 (Policy Planning) and 商工労働部 (Commerce, Industry and Labour) take part in many."""),
    code("""\
matrix = (frame("department-project-matrix")
          .pivot(index="department_label", columns="project_no", values="n_programs")
          .reindex(columns=sorted(budget["project_no"])).fillna(0).astype(int))
fig, ax = plt.subplots(figsize=(9, 5))
ax.imshow(matrix.values, cmap="Blues")
ax.set_xticks(range(matrix.shape[1]), matrix.columns)
ax.set_yticks(range(matrix.shape[0]), matrix.index)
for (row, col), n in pd.DataFrame(matrix.values).stack().items():
    if n:
        ax.text(col, row, n, ha="center", va="center", color="white" if n > 4 else "black")
ax.set_xlabel("魁プロジェクト番号 / Sakigake project no.")
ax.set_title("部局 × 魁プロジェクトの事業数 / Programs per department and project")
plt.show()
print(f"department-project-matrix: {matrix.shape[0]} departments × {matrix.shape[1]} projects, "
      f"{int((matrix > 0).sum().sum())} non-empty cells")"""),
    md("""\
## 5. 技術の広がり / Technology coverage

目標・事業・魁プロジェクトの名称や説明に出てくるデジタル技術(AI、5G、RPA など)を、キーワードの規則で
タグ付けしたもの(`derived` グラフ)の集計です。技術ごとに、言及する目標・事業・プロジェクトの数を示します。

Digital technologies (AI, 5G, RPA, …) named in the titles and descriptions of goals, programs and Sakigake
projects, tagged by a keyword rule (the `derived` graph). For each technology: how many goals, programs and
projects mention it."""),
    code("""\
technologies = frame("technology-coverage")
print(f"technology-coverage: {len(technologies)} technologies, "
      f"{int((technologies[['n_goals', 'n_programs', 'n_projects']].sum(axis=1) > 0).sum())} mentioned at least once")
top = (technologies.assign(total=technologies[["n_goals", "n_programs", "n_projects"]].sum(axis=1))
       .sort_values("total", ascending=False, kind="stable").head(15).set_index("technology_label"))
ax = top[["n_goals", "n_programs", "n_projects"]].plot.barh(figsize=(9, 6), width=0.8)
ax.invert_yaxis()
ax.set_xlabel("言及する数 / number that mention it")
ax.set_ylabel("")
ax.legend(["目標 / goals", "事業 / programs", "魁プロジェクト / projects"], loc="lower right")
ax.set_title("技術の広がり(上位15) / Technology coverage (top 15)")
plt.show()"""),
    md("""\
## 6. ほかの問い / More questions

複数の魁プロジェクトに載る事業、魁プロジェクトの事業がない目標、キーワード検索(ひらがな・カタカナ・英語の
どれでも、`search` の引数 `q`)。

Programs in several Sakigake projects, goals no Sakigake program serves, and a keyword search (hiragana,
katakana or English all match; parameter `q` of `search`)."""),
    code("""\
frame("programs-in-several-projects")"""),
    code("""\
frame("goals-without-sakigake")"""),
    code("""\
frame("search", q="でーたかつよう")"""),
    md("""\
次は `03-network.ipynb`(ネットワーク分析と図)へ。

Next: `03-network.ipynb` (network analytics and views)."""),
]


# -- 03-network ----------------------------------------------------------------------------------

NETWORK = [
    md("""\
# 03 ネットワーク / The policy network

グラフを、企画担当者が考えるときの実体(柱・分野・目標・魁プロジェクト・事業・部局など)と、その間の意味のある
関係(資する、所管する、構成事業とする など)のネットワークとして読みます。各辺は根拠(資料の節と行、補足リンクの
根拠、自動付与の規則)を持ちます。このノートブックでは、中心性・橋渡しをする事業・コミュニティ・部局の共同参画を
表にし、ネットワークの図をノートブックの中に表示し、2つの実体を結ぶ経路を根拠つきの文で説明します。

The graph is read as a network of the entities a planner reasons with (pillars, areas, goals, Sakigake
projects, programs, departments, …) and the meaningful relations between them (serves, is run by, includes
…). Every edge keeps its evidence: the section and lines of the document, the basis of a curated link or the
rule of a derived tag. This notebook tabulates centrality, bridge programs, communities and department
co-participation, shows the network views inline, and explains a path between two entities in sentences
with their evidence."""),
    code("""\
import html
from collections import Counter

import pandas as pd
from IPython.display import HTML, display

from ykg.network import CLASSES, build_network, describe_paths, explain_paths, find_node, run_analysis
from ykg.store import open_store
from ykg.views import render_html, select_view

pd.set_option("display.max_rows", 100)
pd.set_option("display.max_colwidth", 80)

store = open_store()  # built from data/ in memory
net = build_network(store)
print(f"policy network: {net.number_of_nodes()} nodes, {net.number_of_edges()} edges")
pd.DataFrame(sorted(Counter(cls for _, cls in net.nodes(data="cls")).items()),
             columns=["class", "nodes"]).assign(ja=lambda t: t["class"].map(lambda c: CLASSES[c].ja))"""),
    md("""\
## 1. 中心性 / Centrality

事業と部局の次数(つながりの数)と媒介中心性(ほかの実体どうしの最短経路にどれだけ現れるか)です。分析には
ビジョン・対応策・技術タグ・総合戦略を含めません(どこにでもつながる「ハブ」になり、順位をゆがめるため)。

Degree (number of connections) and betweenness (how often an entity lies on the shortest paths between
others) of programs and departments. The vision, the measures, the technology tags and the comprehensive
strategy are left out of the analysis: they connect to everything and would distort the ranking."""),
    code("""\
analysis = run_analysis(net, "ja")


def table(name: str) -> pd.DataFrame:
    \"\"\"Return one analysis table as a DataFrame.\"\"\"
    result = analysis.tables[name]
    return pd.DataFrame(result.rows, columns=result.columns)


print({name: len(result.rows) for name, result in analysis.tables.items()})
table("centrality").head(15)"""),
    md("""\
## 2. 橋渡しをする事業 / Bridge programs

2つ以上の分野(維新)や施策の柱にまたがる事業です。`n_sole_links` は、その事業だけがつないでいる分野・柱の組の
数で、その事業がなくなると切れるつながりを示します。

Programs that span two or more future areas or pillars. `n_sole_links` counts the pairs of areas or pillars
that only this program joins: the connections that would be lost without it."""),
    code("""\
table("bridges").head(10)"""),
    md("""\
## 3. コミュニティ / Communities

Louvain 法(乱数の種を固定)で、密につながる実体のまとまりに分けます。まとまりごとに主な部局と分野、中心の
メンバーを示します。

Communities of densely connected entities (Louvain, with a fixed seed), each with its main departments,
areas and central members."""),
    code("""\
table("communities")"""),
    md("""\
## 4. 部局の共同参画 / Department co-participation

2つの部局の事業が、同じ魁プロジェクトや同じ目標にどれだけ載っているか(`weight` = 共有するプロジェクト数 +
目標数)。部局間の連携が必要な所の目安になります。

How many Sakigake projects and goals the programs of two departments share (`weight` = shared projects +
shared goals): where departments need to work together."""),
    code("""\
table("departments").drop(columns=["id_a", "id_b"]).head(15)"""),
    md("""\
## 5. 図をノートブックの中に / Views inline

図は1つの HTML ファイルで完結しています(vis-network を埋め込み、CDN などから何も読み込まず、
Content-Security-Policy で外部への接続を禁止)。ここでは `srcdoc` の iframe にそのまま入れて表示します。
ノードをクリックすると出典が、検索欄で実体が探せます。コマンドラインでは `ykg view …` で同じ図をファイルに
書き出せます。

Each view is one self-contained HTML page (vis-network inlined, nothing loaded from a CDN or anywhere else,
a Content-Security-Policy forbids outside connections). Here it is put as is into an iframe's `srcdoc`.
Click a node to see its source; use the search box to find an entity. On the command line, `ykg view …`
writes the same views to files."""),
    code("""\
def show(view, lang: str = "ja", height: int = 620) -> None:
    \"\"\"Display a view's self-contained page inline (sandboxed iframe, no network).\"\"\"
    page = render_html(view, lang)
    display(HTML(f'<div><iframe srcdoc="{html.escape(page)}" sandbox="allow-scripts" '
                 f'style="width:100%;height:{height}px;border:1px solid #ccc"></iframe></div>'))
    print(f"{view.title(lang)}: {view.graph.number_of_nodes()} nodes, "
          f"{view.graph.number_of_edges()} edges, {len(page.encode()):,} bytes, no external resources")


show(select_view(net, "project", ["4"], store=store))"""),
    code("""\
show(select_view(net, "overview", store=store), height=760)"""),
    md("""\
## 6. 2つの実体を結ぶ経路 / A path between two entities

目標「スマートファクトリー」と部局「教育委員会」は、どのようにつながっているでしょうか。名前は日本語・かな・
英語のどれでも探せます。各ステップの事実と、その根拠(資料の節と行、補足リンクの根拠)を文で示します。
資料の事実と補足リンクを優先し、技術タグを通る経路は重みを大きくしています。

How are the goal "Smart factory" (スマートファクトリー) and the Board of Education (教育委員会) connected? Names
can be given in Japanese, kana or English. Each step is stated as a sentence with its evidence (section and
lines of the document, or the basis of a curated link). Document facts and curated links are preferred;
a hop through a technology tag weighs more."""),
    code("""\
a = find_node(net, "スマートファクトリー")
b = find_node(net, "教育委員会")
hops = explain_paths(net, a, b, k=1, lang="ja")[0]
steps = [hops[0].start] + [hop.end for hop in hops]
print(f"path: {len(hops)} steps: " + " → ".join(net.nodes[n]["label_ja"] for n in steps))"""),
    code("""\
print(describe_paths(store, "スマートファクトリー", "教育委員会", k=2, lang="ja"))"""),
    code("""\
print(describe_paths(store, "smart factory", "board of education", k=1, lang="en"))"""),
    code("""\
show(select_view(net, "path", [a, b], store=store, k=2), lang="en", height=480)"""),
    md("""\
次は `04-endpoint.ipynb`(SPARQL サーバーで同じ問いを)へ。

Next: `04-endpoint.ipynb` (the same questions on a SPARQL server)."""),
]


# -- 04-endpoint ---------------------------------------------------------------------------------

ENDPOINT = [
    md("""\
# 04 SPARQL エンドポイント / A SPARQL endpoint

組み込みのストアの代わりに、SPARQL サーバーに同じデータを載せて同じ問いを投げます。このノートブックは
PyPI の `oxigraph` パッケージに入っているサーバーをこの計算機(127.0.0.1)だけで起動し、データセットの
名前付きグラフを Graph Store Protocol で送り、カタログの問い合わせを SPARQLWrapper 経由で実行して組み込みの
ストアと同じ答えになることを確かめ、最後にサーバーを止めます。外部には公開しません。

Instead of the embedded store, the same data goes to a SPARQL server and the same questions are asked there.
This notebook starts the server shipped in the PyPI package `oxigraph` on this machine only (127.0.0.1),
sends the dataset's named graphs with the Graph Store Protocol, runs the catalogue queries through
SPARQLWrapper, checks that they give the same answers as the embedded store, and stops the server. Nothing
is exposed to the network."""),
    code("""\
import atexit
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pandas as pd

from graphbuild import build_dataset
from ykg.catalogue import (Endpoint, EndpointError, load_catalogue, ping, push_dataset, run_query,
                           run_sparql)
from ykg.store import store_from_build

pd.set_option("display.max_rows", 100)
pd.set_option("display.max_colwidth", 70)"""),
    md("""\
## 1. サーバーを起動 / Start the server

空いているポートを選び、`oxigraph serve` をメモリ上のストアで起動し、`ASK {}` に答えるまで待ちます。
後のセルが失敗してもサーバーが残らないよう、カーネルの終了時にも止まるようにしておきます。

Pick a free port, start `oxigraph serve` with an in-memory store and wait until it answers `ASK {}`.
The server is also registered to stop when the kernel exits, so a failing cell below cannot leave it
running."""),
    code("""\
def free_port() -> int:
    \"\"\"Return a TCP port on 127.0.0.1 that nothing listens on right now.\"\"\"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
if binary is None:
    raise RuntimeError("the oxigraph server is missing: pip install -e '.[test]'")
port = free_port()
server = subprocess.Popen([binary, "serve", "--bind", f"127.0.0.1:{port}"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
atexit.register(server.terminate)
endpoint = Endpoint(f"http://127.0.0.1:{port}/query", timeout=60)
deadline = time.monotonic() + 30
while True:
    try:
        ping(endpoint)
        break
    except EndpointError:
        if server.poll() is not None or time.monotonic() > deadline:
            server.terminate()
            raise
        time.sleep(0.1)
print(f"Oxigraph {Path(binary).name} pid {server.pid} answers on {endpoint.url}")"""),
    md("""\
## 2. データセットを送る / Push the dataset

`push_dataset` は名前付きグラフごとに1回の PUT(Graph Store Protocol、`/store?graph=…`)で中身を置き換え、
サーバーが持つ三つ組の数を数え直して確かめます。何度実行しても同じ結果になります。

`push_dataset` replaces each named graph with one PUT (Graph Store Protocol, `/store?graph=…`) and checks
the number of triples the server then holds. Running it again gives the same result."""),
    code("""\
b = build_dataset()
report = push_dataset(b.quads, endpoint)
print(report.text())"""),
    md("""\
## 3. 同じ問いをサーバーで / The same questions on the server

カタログのすべての問い合わせを、サーバー(SPARQLWrapper 経由)と組み込みのストアの両方で実行し、行を比べます。
サーバーには、データセットの名前付きグラフを `default-graph-uri` として渡すので、既定グラフはそれらを合わせた
ものになります(組み込みのストアの和集合と同じ)。

Every catalogue query runs on the server (through SPARQLWrapper) and on the embedded store, and the rows
are compared. The server gets the dataset's named graphs as `default-graph-uri`, so its default graph is
their merge, like the union the embedded store queries."""),
    code("""\
local = store_from_build(b)
rows = []
for query in load_catalogue().values():
    remote_rows = run_query(endpoint, query, use_example=True).rows
    local_rows = run_query(local, query, use_example=True).rows
    rows.append({"query": query.id, "rows": len(remote_rows), "same_as_local": remote_rows == local_rows})
comparison = pd.DataFrame(rows)
print(f"{comparison['same_as_local'].sum()} of {len(comparison)} catalogue queries give the same rows remotely")
comparison"""),
    code("""\
remote = run_query(endpoint, "budget-by-project")
pd.DataFrame(remote.rows, columns=remote.columns)"""),
    md("""\
引数のある問い合わせも同じです。値は問い合わせ文に貼り込まず、検査したうえで `VALUES` として結び付けます。

Queries with parameters work the same way. Values are never pasted into the query text: they are checked and
bound in a `VALUES` block."""),
    code("""\
found = run_query(endpoint, "search", {"q": "じんざい"})
pd.DataFrame(found.rows, columns=found.columns)"""),
    md("""\
## 4. 任意の SPARQL / Any SPARQL

カタログにない問いは `run_sparql` で投げられます。ふだんは名前付きグラフを合わせたものが既定グラフですが、
`GRAPH ?g` で名前付きグラフごとに数えるには、`default_graphs=()` としてサーバー自身のデータセットを使います。
最後のセルは SPARQLWrapper を直接使う例で、名前付きグラフを `addDefaultGraph` で既定グラフとして渡します
(Oxigraph の既定グラフは、それ自体は空です)。

Questions outside the catalogue go through `run_sparql`. Normally the default graph is the merge of the
named graphs; to count per named graph with `GRAPH ?g`, use the server's own dataset with
`default_graphs=()`. The last cell uses SPARQLWrapper directly and passes the named graphs as the default
graph with `addDefaultGraph` (Oxigraph's own default graph is empty)."""),
    code('''\
per_graph = run_sparql(replace(endpoint, default_graphs=()), """
SELECT ?graph (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?s ?p ?o } }
GROUP BY ?graph ORDER BY ?graph""")
pd.DataFrame(per_graph.rows, columns=per_graph.columns)'''),
    code('''\
from SPARQLWrapper import JSON, SPARQLWrapper

sparql = SPARQLWrapper(endpoint.url)
sparql.setReturnFormat(JSON)
for graph in endpoint.graphs():
    sparql.addDefaultGraph(graph)
sparql.setQuery("""
PREFIX ykg: <https://w3id.org/ykg/def#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?no ?label WHERE {
  ?project a ykg:SakigakeProject ; ykg:number ?no ; rdfs:label ?label .
  FILTER(LANG(?label) = "en")
} ORDER BY ?no""")
bindings = sparql.queryAndConvert()["results"]["bindings"]
pd.DataFrame([{name: cell["value"] for name, cell in row.items()} for row in bindings])'''),
    md("""\
## 5. サーバーを止める / Stop the server

このノートブックが起動したサーバーを、そのプロセス番号で止めます。

Stop the server this notebook started, by its process id."""),
    code("""\
server.terminate()
server.wait(timeout=10)
atexit.unregister(server.terminate)
print(f"server stopped (pid {server.pid}, exit code {server.returncode})")"""),
]


NOTEBOOKS: dict[str, list[tuple[str, str]]] = {
    "01-tour": TOUR,
    "02-cross-cutting-questions": QUESTIONS,
    "03-network": NETWORK,
    "04-endpoint": ENDPOINT,
}


def build_notebook(stem: str, cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    """Return one notebook with fixed cell ids and no outputs."""
    nb = new_notebook()
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    for i, (kind, source) in enumerate(cells, start=1):
        cell = new_markdown_cell(source) if kind == "markdown" else new_code_cell(source)
        cell.id = f"{stem[:2]}-{i:02d}"
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nb


def render(stem: str) -> str:
    """Return the text of notebooks/<stem>.ipynb as this script writes it."""
    return nbformat.writes(build_notebook(stem, NOTEBOOKS[stem])) + "\n"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for stem in NOTEBOOKS:
        path = HERE / f"{stem}.ipynb"
        text = render(stem)
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    if stale:
        print(f"out of date: {', '.join(stale)}; run python notebooks/make_notebooks.py",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
