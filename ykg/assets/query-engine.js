// The SPARQL engine of the site's pages: `ykg serve`'s /sparql when the site is served by it,
// otherwise Oxigraph compiled to WebAssembly, in the page, loaded with the site's TriG dump.
// Also: the catalogue's parameter binding (as ykg.catalogue.params) and results as plain values
// and CSV (as ykg.foundation.results), so that the page's answers can be compared with the CLI's.
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const INTEGER_TYPES = new Set(['integer', 'int', 'long', 'short', 'byte', 'nonNegativeInteger',
  'nonPositiveInteger', 'negativeInteger', 'positiveInteger', 'unsignedLong', 'unsignedInt',
  'unsignedShort', 'unsignedByte'].map((t) => XSD + t));
const JSON_TYPE = 'application/sparql-results+json';
const SEPARATOR = ' | ';

let enginePromise = null;

function siteRoot() {
  // the pages that use the engine sit at the site's root; module URLs are under assets/
  return new URL('../', import.meta.url);
}

async function serverEngine(root) {
  // `ykg serve` names itself in the Server header; asking a static host for /sparql would only
  // log a 404, so the endpoint is tried only there.
  try {
    const head = await fetch(new URL('site.json', root), { method: 'HEAD' });
    if (!(head.headers.get('Server') || '').startsWith('ykg-serve')) { return null; }
    const r = await fetch(new URL('sparql?query=' + encodeURIComponent('ASK {}'), root),
      { headers: { Accept: JSON_TYPE } });
    if (!r.ok || !(r.headers.get('Content-Type') || '').includes(JSON_TYPE)) { return null; }
  } catch (e) {
    return null;
  }
  return {
    kind: 'server', loadMs: 0,
    async select(query) {
      const res = await fetch(new URL('sparql', root), {
        method: 'POST', body: query,
        headers: { 'Content-Type': 'application/sparql-query', Accept: JSON_TYPE } });
      const text = await res.text();
      if (!res.ok) { throw new Error(text.trim() || res.statusText); }
      return JSON.parse(text);
    },
  };
}

async function wasmEngine(root, dump) {
  const t0 = performance.now();
  const ox = await import('./vendor/oxigraph/web.js');
  await ox.default({ module_or_path: new URL('assets/vendor/oxigraph/web_bg.wasm', root) });
  const res = await fetch(new URL(dump, root));
  if (!res.ok) { throw new Error(`${dump}: ${res.status}`); }
  const store = new ox.Store();
  store.load(await res.text(), { format: 'application/trig' });
  return {
    kind: 'wasm', loadMs: performance.now() - t0, size: store.size,
    async select(query) {
      const text = store.query(query, { results_format: JSON_TYPE, use_default_graph_as_union: true });
      return JSON.parse(text);
    },
  };
}

/** Return the engine (created once per page): the server's endpoint if any, else Oxigraph. */
export function getEngine(dump = 'dumps/ykg.trig') {
  if (!enginePromise) {
    const root = siteRoot();
    enginePromise = serverEngine(root).then((e) => e || wasmEngine(root, dump));
  }
  return enginePromise;
}

function literal(text) {
  return '"' + String(text).replace(/[\\"\n\r\t\b\f]/g, (c) => ({
    '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f',
  })[c]) + '"';
}

function iri(text) {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(text) || /[\s<>"{}|^`\\]/.test(text)) {
    throw new Error(`expected an absolute IRI or kind/id, got ${JSON.stringify(text)}`);
  }
  return '<' + text + '>';
}

function checkText(name, value) {
  if (value.length > 500) { throw new Error(`parameter ${name}: longer than 500 characters`); }
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) { throw new Error(`parameter ${name}: control characters are not allowed`); }
  if (/\\[uU]/.test(value)) { throw new Error(`parameter ${name}: the sequence \\u is not allowed`); }
  return value;
}

/** Return the IRI of the one entity named text (exact name, as ykg.catalogue.names.lookup). */
export async function lookupName(catalogue, text) {
  const key = window.ykgMatch.matchKey(text);
  if (!key || key.includes('|')) { throw new Error(`${JSON.stringify(text)} is not a name to look up`); }
  const needle = literal(SEPARATOR + key + SEPARATOR);
  const [before, after] = catalogue.lookup;
  const engine = await getEngine(catalogue.dump);
  const rows = (await engine.select(before + `\n  VALUES (?needle) { (${needle}) }\n` + after)).results.bindings;
  if (rows.length === 1) { return rows[0].entity.value; }
  throw new Error(rows.length ? `${JSON.stringify(text)} names several entities; give kind/id`
    : `no entity named ${JSON.stringify(text)}`);
}

/** Return the SPARQL term for a parameter value (types of ykg.catalogue.params). */
export async function bindParam(catalogue, param, value) {
  const name = param.name;
  if (param.type === 'string') { return literal(checkText(name, value)); }
  if (param.type === 'match') {
    const key = window.ykgMatch.matchKey(checkText(name, value));
    if (!key) { throw new Error(`parameter ${name}: nothing left to search for`); }
    return literal(key);
  }
  if (param.type === 'integer') {
    const t = value.normalize('NFKC').trim();
    if (!/^[+-]?\d{1,18}$/.test(t)) { throw new Error(`parameter ${name}: expected a whole number`); }
    return `"${BigInt(t)}"^^<${XSD}integer>`;
  }
  const t = value.trim();
  if (t.startsWith('<')) { return iri(t.replace(/^<|>$/g, '')); }
  if (/^[a-z0-9-]+\/[A-Za-z0-9._~/-]+$/.test(t)) { return iri(`${catalogue.base}/id/${t}`); }
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\S*$/.test(t)) { return iri(t); }
  if (!t) { throw new Error(`parameter ${name}: expected an IRI, kind/id or a name`); }
  return iri(await lookupName(catalogue, checkText(name, t)));
}

/** Return the query text with its parameters bound by a VALUES block in the outer WHERE. */
export async function boundText(catalogue, query, values) {
  if (!query.params.length) { return query.text; }
  const empty = (v) => v === undefined || v === null || v === '';
  // an optional parameter left empty stays unbound (every plan, say), as on the command line
  const names = query.params.filter((p) => !(p.optional && empty(values[p.name]))).map((p) => p.name).sort();
  const terms = [];
  for (const n of names) {
    const p = query.params.find((x) => x.name === n);
    const v = values[n];
    if (empty(v)) { throw new Error(`query ${query.id} needs a value for ${n}`); }
    terms.push(await bindParam(catalogue, p, v));
  }
  if (!names.length) { return query.text; }
  const [before, after] = query.split;
  return before + `\n  VALUES (${names.map((n) => '?' + n).join(' ')}) { (${terms.join(' ')}) }\n` + after;
}

function pyFloat(text) {
  const x = Number(text);
  if (!Number.isFinite(x)) { return x > 0 ? 'inf' : x < 0 ? '-inf' : 'nan'; }
  const s = String(x);
  return Number.isInteger(x) && !s.includes('e') ? s + '.0' : s;
}

/** Return a result term as the text of a CSV cell (ykg.foundation.sparql.plain_value + cell). */
export function plainValue(term, ctype = 'term') {
  if (!term) { return ''; }
  let v;
  let kind = 'string';
  if (term.type === 'uri') { v = term.value; } else if (term.type === 'bnode') { v = '_:' + term.value; } else {
    const dt = term.datatype || '';
    if (INTEGER_TYPES.has(dt)) { v = BigInt(term.value).toString(); kind = 'integer'; } else if (dt === XSD + 'decimal') { v = term.value; kind = 'decimal'; } else if (dt === XSD + 'double' || dt === XSD + 'float') { v = pyFloat(term.value); kind = 'float'; } else if (dt === XSD + 'boolean') { v = (term.value === 'true' || term.value === '1') ? 'true' : 'false'; kind = 'boolean'; } else { v = term.value; }
  }
  if (ctype === 'integer' && kind === 'decimal' && Number.isInteger(Number(v))) { return String(BigInt(v.split('.')[0])); }
  if (ctype === 'integer' && kind === 'float') { return String(Math.trunc(Number(v))); }
  if (ctype === 'boolean' && (v === '0' || v === '1')) { return v === '1' ? 'true' : 'false'; }
  return v;
}

/** Return a result as {columns, rows (cell texts), terms}, keeping the given columns only. */
export function tabulate(json, columns) {
  const names = columns ? columns.map((c) => c.name) : json.head.vars;
  const types = columns ? columns.map((c) => c.type) : names.map(() => 'term');
  const bindings = json.results.bindings;
  return {
    columns: names,
    terms: bindings.map((b) => names.map((n) => b[n] || null)),
    rows: bindings.map((b) => names.map((n, i) => plainValue(b[n], types[i]))),
  };
}

function csvCell(text) {
  return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

/** Return the rows as CSV the way Python's csv module writes them (LF line ends, header row). */
export function toCsv(table) {
  const lines = [table.columns, ...table.rows].map((row) => {
    if (row.length === 1 && row[0] === '') { return '""'; }
    return row.map(csvCell).join(',');
  });
  return lines.join('\n') + '\n';
}

/** Return the rows as a JSON list of objects (numbers as numbers, booleans as booleans). */
export function toJson(table) {
  const rows = table.rows.map((row, r) => Object.fromEntries(table.columns.map((c, i) => {
    const term = table.terms[r][i];
    if (!term) { return [c, null]; }
    const dt = term.datatype || '';
    if (term.type === 'literal' && (INTEGER_TYPES.has(dt) || dt === XSD + 'decimal' || dt === XSD + 'double' || dt === XSD + 'float')) { return [c, Number(row[i])]; }
    if (dt === XSD + 'boolean') { return [c, row[i] === 'true']; }
    return [c, row[i]];
  })));
  return JSON.stringify(rows, null, 1) + '\n';
}
