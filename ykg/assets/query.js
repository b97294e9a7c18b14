// query.html: a catalogue query as a form (its parameters from the .rq header), run in the
// browser; results as a table, a bar chart (a numeric column), a network (two entity columns);
// CSV and JSON downloads; the URL (?id=…&name=value…) is the permalink.
import { getEngine, boundText, tabulate, toCsv, toJson } from './query-engine.js';
const { el, drawPairs, barChart } = window.ykgCore;

const CATALOGUE = JSON.parse(document.getElementById('ykg-catalogue').textContent);
const BY_ID = Object.fromEntries(CATALOGUE.queries.map((q) => [q.id, q]));
const form = document.getElementById('q-form');
const select = document.getElementById('q-id');
const paramsBox = document.getElementById('q-params');
const status = document.getElementById('q-status');
const api = { done: false, rows: null, csv: null, engine: null, error: null };
window.ykgQuery = api;

function lang() { return document.documentElement.lang === 'en' ? 'en' : 'ja'; }

function showParams(q, values) {
  paramsBox.replaceChildren();
  q.params.forEach((p) => {
    const id = 'q-param-' + p.name;
    const row = el('p');
    const label = el('label', null, p.name + ' ');
    label.htmlFor = id;
    label.appendChild(el('span', 'en', `(${p.type}) ${p.description}`));
    const input = el('input');
    Object.assign(input, { id, name: p.name, type: 'text', required: true,
      value: values[p.name] !== undefined ? values[p.name] : (q.example[p.name] || '') });
    input.size = 40;
    row.append(label, document.createElement('br'), input);
    paramsBox.appendChild(row);
  });
  document.getElementById('q-summary').textContent = `${q.summary_ja} / ${q.summary_en}`;
  document.getElementById('q-text').textContent = q.text;
  const sparql = document.getElementById('q-sparql');
  sparql.href = 'sparql.html?query=' + encodeURIComponent(q.text);
}

function download(id, name, text, type) {
  const a = document.getElementById(id);
  if (a.href && a.href.startsWith('blob:')) { URL.revokeObjectURL(a.href); }
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
}

function showTable(table) {
  const t = el('table');
  t.id = 'q-results';
  const head = el('tr');
  table.columns.forEach((c) => head.appendChild(el('th', null, c)));
  const thead = el('thead');
  thead.appendChild(head);
  const body = el('tbody');
  table.rows.forEach((row, r) => {
    const tr = el('tr');
    row.forEach((v, i) => {
      const term = table.terms[r][i];
      const td = el('td', term && term.type === 'literal' && !isNaN(Number(v)) && v !== '' ? 'num' : null);
      const local = term && term.type === 'uri' && term.value.startsWith(CATALOGUE.base + '/id/')
        ? term.value.slice(CATALOGUE.base.length + 4) : null;
      if (local) {
        const a = el('a', null, v);
        a.href = `doc/${local}.html`;
        td.appendChild(a);
      } else { td.textContent = v; }
      tr.appendChild(td);
    });
    body.appendChild(tr);
  });
  t.append(thead, body);
  t.dataset.ykgRows = String(table.rows.length);
  document.getElementById('q-table').replaceChildren(t);
}

async function run(q, values) {
  status.textContent = '実行中… / running…';
  const t0 = performance.now();
  try {
    const engine = await getEngine(CATALOGUE.dump);
    api.engine = engine.kind;
    const json = await engine.select(await boundText(CATALOGUE, q, values));
    const table = tabulate(json, q.columns);
    api.rows = table.rows;
    api.csv = toCsv(table);
    showTable(table);
    barChart(document.getElementById('q-chart'), table, CATALOGUE.base);
    drawPairs(document.getElementById('q-network'), table, CATALOGUE.base);
    download('q-csv', q.id + '.csv', api.csv, 'text/csv');
    download('q-json', q.id + '.json', toJson(table), 'application/json');
    document.getElementById('q-downloads').hidden = false;
    status.textContent = `${table.rows.length} 行 / rows · ${Math.round(performance.now() - t0)} ms · ` +
      (engine.kind === 'server' ? 'サーバー / server /sparql' : 'ブラウザー内 / in the browser (Oxigraph)');
  } catch (e) {
    api.error = String(e.message || e);
    status.textContent = 'エラー / error: ' + api.error;
  } finally {
    api.done = true;
    document.body.dataset.ykgDone = 'true';
  }
}

const params = new URLSearchParams(location.search);
const values = Object.fromEntries([...params.entries()].filter(([k]) => k !== 'id'));
const current = BY_ID[params.get('id')] || null;
if (current) { select.value = current.id; }
showParams(current || BY_ID[select.value], values);
select.addEventListener('change', () => showParams(BY_ID[select.value], {}));
document.getElementById('q-permalink').href = location.href;
if (current) { run(current, { ...current.example, ...values }); } else { api.done = true; }
