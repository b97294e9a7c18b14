// sparql.html: YASQE (editor) and YASR (result views) from the YASGUI bundle; the catalogue as
// examples; the query runs on /sparql when served by `ykg serve`, otherwise in the page
// (Oxigraph); the URL (?query=…) is the permalink.
import { getEngine, boundText, tabulate, toCsv, toJson } from './query-engine.js';

const { el } = window.ykgCore;
const CATALOGUE = JSON.parse(document.getElementById('ykg-catalogue').textContent);
const BY_ID = Object.fromEntries(CATALOGUE.queries.map((q) => [q.id, q]));
const status = document.getElementById('s-status');
const api = { done: false, rows: null, csv: null, engine: null, error: null, runs: 0 };
window.ykgSparql = api;
const PREFIXES = { ykg: 'https://w3id.org/ykg/def#', rdfs: 'http://www.w3.org/2000/01/rdf-schema#' };

const params = new URLSearchParams(location.search);
const initial = params.get('query') || (CATALOGUE.queries[0] ? CATALOGUE.queries[0].text : 'SELECT * WHERE { ?s ?p ?o } LIMIT 10');
const Yasgui = window.Yasgui;
const yasqe = new Yasgui.Yasqe(document.getElementById('s-editor'), {
  value: initial, persistenceId: null, showQueryButton: false, autocompleters: [], resizeable: true,
  editorHeight: '320px', createShareableLink: null, consumeShareLink: null,
});
const yasr = new Yasgui.Yasr(document.getElementById('s-yasr'), {
  persistenceId: null, prefixes: PREFIXES, pluginOrder: ['table', 'response'], defaultPlugin: 'table',
});
api.yasqe = yasqe;
// Names and focus for what the libraries leave unlabelled (axe-core)
yasqe.getInputField().setAttribute('aria-label', 'SPARQL クエリ / query');
document.querySelectorAll('.CodeMirror-scroll').forEach((e) => { e.tabIndex = 0; });
function labelYasr() {
  document.querySelectorAll('.yasr_external_ref_btn').forEach((a) => a.setAttribute('aria-label', 'YASR'));
  document.querySelectorAll('.yasr select:not([aria-label])').forEach((e) => e.setAttribute('aria-label', '表示件数 / rows shown'));
}
labelYasr();
yasr.on('drawn', labelYasr);

function setLink(id, name, text, type) {
  const a = document.getElementById(id);
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
}

function ownTable(table) {
  const t = el('table');
  const tr = el('tr');
  table.columns.forEach((c) => tr.appendChild(el('th', null, c)));
  const thead = el('thead');
  thead.appendChild(tr);
  const body = el('tbody');
  table.rows.forEach((row) => {
    const r = el('tr');
    row.forEach((v) => r.appendChild(el('td', null, v)));
    body.appendChild(r);
  });
  t.append(thead, body);
  return t;
}

async function run() {
  const text = yasqe.getValue();
  history.replaceState(null, '', '?query=' + encodeURIComponent(text));
  status.textContent = '実行中… / running…';
  api.done = false;
  const t0 = performance.now();
  try {
    const engine = await getEngine(CATALOGUE.dump);
    api.engine = engine.kind;
    const json = await engine.select(text);
    const ms = performance.now() - t0;
    yasr.setResponse({ data: JSON.stringify(json), contentType: 'application/sparql-results+json',
      status: 200, executionTime: ms }, ms);
    const n = json.results ? json.results.bindings.length : 1;
    if (json.results) {
      const table = tabulate(json, null);
      api.rows = table.rows;
      api.csv = toCsv(table);
      setLink('s-csv', 'results.csv', api.csv, 'text/csv');
      setLink('s-json', 'results.json', toJson(table), 'application/json');
      document.getElementById('s-downloads').hidden = false;
      // The result view may draw later (or page its rows): the plain table is the one counted.
      const t = ownTable(table);
      t.id = 's-results';
      t.dataset.ykgRows = String(n);
      const box = el('details');
      box.append(el('summary', null, `表 / table (${n})`), t);
      document.getElementById('s-table').replaceChildren(box);
    } else {
      document.getElementById('s-table').replaceChildren(el('p', null, `ASK: ${json.boolean}`));
    }
    status.textContent = `${n} 行 / rows · ${Math.round(ms)} ms · ` +
      (engine.kind === 'server' ? 'サーバー / server /sparql' : 'ブラウザー内 / in the browser (Oxigraph)');
    api.error = null;
  } catch (e) {
    api.error = String(e.message || e);
    status.textContent = 'エラー / error: ' + api.error;
  } finally {
    api.runs += 1;
    api.done = true;
  }
}
api.run = run;

yasqe.setOption('extraKeys', { ...(yasqe.getOption('extraKeys') || {}), 'Ctrl-Enter': run, 'Cmd-Enter': run });
document.getElementById('s-run').addEventListener('click', run);
document.getElementById('s-example').addEventListener('change', async (ev) => {
  const q = BY_ID[ev.target.value];
  if (q) { yasqe.setValue(await boundText(CATALOGUE, q, q.example)); }
});
if (params.get('query')) { run(); } else { api.done = true; }
