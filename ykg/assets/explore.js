// explore.html: the policy network, grown from a search, a focus or a path; state in the URL.
// Texts from the data are inserted with textContent only (ykgCore.el).
(function () {
  'use strict';
  var C = window.ykgCore, M = window.ykgMatch, el = C.el;
  var NET = JSON.parse(document.getElementById('ykg-network').textContent);
  var STYLE = {  // shape, fill, border, size, font, column
    vision: ['hexagon', '#555555', '#222222', 30, 26, 0], pillar: ['diamond', '#E69F00', '#8A5F00', 24, 24, 1],
    area: ['square', '#56B4E9', '#1F6F99', 22, 24, 1], 'strategy-goal': ['triangle', '#882255', '#4D1330', 18, 18, 1],
    'policy-area': ['box', '#CDEDE3', '#009E73', 0, 18, 2], initiative: ['box', '#F4DDEA', '#CC79A7', 0, 16, 2],
    'strategy-pillar': ['box', '#EBD3E6', '#AA4499', 0, 16, 2], goal: ['box', '#D6E9F6', '#0072B2', 0, 16, 3],
    'strategy-measure': ['box', '#F3DADE', '#CC6677', 0, 15, 3], measure: ['box', '#EEEEEE', '#999999', 0, 14, 4],
    technology: ['hexagon', '#D55E00', '#7A3600', 14, 16, 3.5], project: ['star', '#F0E442', '#000000', 22, 20, 4],
    'strategy-action': ['box', '#F2ECCE', '#999933', 0, 14, 4], program: ['dot', '#BBBBBB', '#333333', 8, 15, 5],
    department: ['box', '#DDDDDD', '#333333', 0, 20, 6],
  };
  var OVERVIEW = ['vision', 'pillar', 'area', 'policy-area', 'project', 'department'];
  var BANDS = [0, 1e7, 5e7, 1e8, 5e8, 1e9];  // yen: lower bounds of budget bands 0..5
  var BAND_TEXT = ['< 1千万', '1千万–5千万', '5千万–1億', '1億–5億', '5億–10億', '≥ 10億'];
  var EXPAND_CAP = 60;  // neighbours added by one expansion at most (lazy growth)
  var DEPT_COLORS = ['#1965B0', '#DC050C', '#4EB265', '#F7F056', '#882E72', '#F1932D', '#7BAFDE',
    '#CAE0AB', '#AE76A3', '#E8601C', '#5289C7', '#90C987', '#D1BBD7', '#F6C141', '#72190E'];
  var container = document.getElementById('x-network');
  var byId, adj, wadj, edgeList = NET.edges, depts, deptColor;
  // Plans: the page carries the first plan's network; each other plan is a script (explore/<id>.js)
  // loaded when asked for (plan facet, or a node of it in the URL), so the first drawing stays small.
  var PLANS = NET.plans || [], planById = {}, loaded = {}, loading = {};
  PLANS.forEach(function (p) { planById[p.id] = p; if (!p.part) { loaded[p.id] = true; } });
  function reindex() {
    byId = {}; adj = {}; wadj = {};
    NET.nodes.forEach(function (n) { byId[n.id] = n; adj[n.id] = []; wadj[n.id] = {}; });
    edgeList.forEach(function (e, i) {
      e.id = 'e' + i;
      if (adj[e.from].indexOf(e.to) < 0) { adj[e.from].push(e.to); adj[e.to].push(e.from); }
      var w = wadj[e.from][e.to];
      if (w === undefined || w > e.weight) { wadj[e.from][e.to] = e.weight; wadj[e.to][e.from] = e.weight; }
    });
    Object.keys(adj).forEach(function (k) { adj[k].sort(); });
    depts = NET.nodes.filter(function (n) { return n.cls === 'department'; }).map(function (n) { return n.id; }).sort();
    deptColor = {};
    depts.forEach(function (d, i) { deptColor[d] = DEPT_COLORS[i % DEPT_COLORS.length]; });
  }
  reindex();
  window.ykgExploreAdd = function (part) {  // called by explore/<plan>.js once loaded
    var seenEdge = {};
    edgeList.forEach(function (e) { seenEdge[e.from + '|' + e.to + '|' + e.rel] = true; });
    part.nodes.forEach(function (n) { if (!byId[n.id]) { NET.nodes.push(n); byId[n.id] = n; } });
    part.edges.forEach(function (e) { if (!seenEdge[e.from + '|' + e.to + '|' + e.rel]) { edgeList.push(e); } });
    part.nodes.forEach(function (n) { if (n.plan && planById[n.plan]) { loaded[n.plan] = true; } });
  };
  function planOf(id) {  // a scoped id reads kind/<plan>/rest; the plan's node is plan-set/<plan>
    var seg = id.split('/'), p = 'plan-set/' + seg[1];
    return byId[id] && byId[id].plan ? byId[id].plan : (seg.length > 2 && planById[p] ? p : null);
  }
  function wanted(s) {  // plans the state needs: the ones shown and those of named nodes
    var out = (s.plans.length ? s.plans : PLANS.slice(0, 1).map(function (p) { return p.id; })).slice();
    [s.focus, s.sel].concat(s.path, s.x).forEach(function (id) { var p = id && planOf(id); if (p && out.indexOf(p) < 0) { out.push(p); } });
    return out;
  }
  function ensurePlans(ids, done) {  // load the plans' scripts, then call done once (events, no polling)
    var missing = ids.filter(function (id) { return planById[id] && !loaded[id]; });
    if (!missing.length) { done(); return; }
    var left = missing.length;
    api.loading = true;
    missing.forEach(function (id) {
      var tag = loading[id] || document.createElement('script');
      function finish() {
        loaded[id] = true;
        if (--left === 0) { api.loading = false; reindex(); globalOrder(); refreshNames(); done(); }
      }
      tag.addEventListener('load', finish);
      tag.addEventListener('error', finish);
      if (!loading[id]) { loading[id] = tag; tag.src = planById[id].part; document.body.appendChild(tag); }
    });
  }

  // -- state, read from and written to the URL --
  var state;
  function list(v) { return v ? v.split(',').filter(Boolean) : []; }
  function readUrl() {
    var q = new URLSearchParams(location.search);
    return { focus: q.get('focus') || '', path: list(q.get('path')), k: +(q.get('k') || 3),
      x: list(q.get('x')), d: list(q.get('d')), sel: q.get('sel') || '',
      lang: q.get('lang') === 'en' ? 'en' : 'ja', hops: +(q.get('hops') || 1),
      hcls: list(q.get('hcls')), hdept: list(q.get('hdept')), hpillar: list(q.get('hpillar')),
      harea: list(q.get('harea')), plans: list(q.get('plans')), bmin: +(q.get('bmin') || 0), bmax: q.get('bmax') ? +q.get('bmax') : 5 };
  }
  function toUrl(s) {
    var q = new URLSearchParams();
    if (s.focus) { q.set('focus', s.focus); }
    if (s.path.length) { q.set('path', s.path.join(',')); if (s.k !== 3) { q.set('k', s.k); } }
    ['x', 'd', 'hcls', 'hdept', 'hpillar', 'harea', 'plans'].forEach(function (k) { if (s[k].length) { q.set(k, s[k].join(',')); } });
    if (s.sel) { q.set('sel', s.sel); }
    if (s.lang === 'en') { q.set('lang', 'en'); }
    if (s.hops !== 1) { q.set('hops', s.hops); }
    if (s.bmin) { q.set('bmin', s.bmin); }
    if (s.bmax !== 5) { q.set('bmax', s.bmax); }
    var text = q.toString().replace(/%2F/g, '/').replace(/%2C/g, ',');
    return location.pathname + (text ? '?' + text : '');
  }
  function commit() {  // a user action: a new history entry, then draw (once its plans are here)
    history.pushState(null, '', toUrl(state));
    ensurePlans(wanted(state), render);
  }

  // -- k shortest simple paths (Yen), undirected, weighted as `ykg path` weighs relations --
  function dijkstra(a, b, banNodes, banEdges) {
    var dist = {}, prev = {}, done = {}, queue = [[0, a]];
    dist[a] = 0;
    while (queue.length) {
      queue.sort(function (x, y) { return x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0); });
      var cur = queue.shift(), u = cur[1];
      if (done[u]) { continue; }
      done[u] = true;
      if (u === b) { break; }
      adj[u].forEach(function (v) {
        if (banNodes[v] || banEdges[u + '|' + v] || done[v]) { return; }
        var nd = dist[u] + wadj[u][v];
        if (dist[v] === undefined || nd < dist[v] - 1e-9) { dist[v] = nd; prev[v] = u; queue.push([nd, v]); }
      });
    }
    if (dist[b] === undefined) { return null; }
    var path = [b];
    while (path[0] !== a) { path.unshift(prev[path[0]]); }
    return path;
  }
  function cost(p) { var c = 0; for (var i = 1; i < p.length; i++) { c += wadj[p[i - 1]][p[i]]; } return c; }
  function kShortest(a, b, k) {
    var first = dijkstra(a, b, {}, {});
    if (!first) { return []; }
    var found = [first], cands = [], seen = {}, counter = 0;
    seen[first.join('>')] = true;
    while (found.length < k) {
      var last = found[found.length - 1];
      for (var i = 0; i < last.length - 1; i++) {
        var root = last.slice(0, i + 1), banE = {}, banN = {};
        found.forEach(function (p) {
          if (p.length > i && p.slice(0, i + 1).join('>') === root.join('>')) {
            banE[p[i] + '|' + p[i + 1]] = banE[p[i + 1] + '|' + p[i]] = true;
          }
        });
        root.slice(0, -1).forEach(function (n) { banN[n] = true; });
        var spur = dijkstra(last[i], b, banN, banE);
        if (spur) {
          var p = root.slice(0, -1).concat(spur), key = p.join('>');
          if (!seen[key]) { seen[key] = true; cands.push([cost(p), counter++, p]); }
        }
      }
      if (!cands.length) { break; }
      cands.sort(function (x, y) { return x[0] - y[0] || x[2].length - y[2].length || x[1] - y[1]; });
      found.push(cands.shift()[2]);
    }
    return found;
  }
  function label(id) { return byId[id][state.lang] || byId[id].ja; }
  function facts(u, v) {  // sentences and evidence of every edge between u and v, both ways
    var out = [];
    [[u, v], [v, u]].forEach(function (pair) {
      edgeList.filter(function (e) { return e.from === pair[0] && e.to === pair[1]; })
        .sort(function (x, y) { return x.rel < y.rel ? -1 : 1; }).forEach(function (e) {
          var r = NET.relations[e.rel];
          out.push({ sentence: r['say_' + state.lang].replace('{s}', label(e.from)).replace('{o}', label(e.to)),
            rel: e.rel, evidence: e.evidence[state.lang], kind: e.kind });
        });
    });
    return out;
  }

  // -- the drawn set: core (overview, focus or path nodes) and expansions, minus dismissed --
  var paths = [];
  function drawnIds() {
    var set = {};
    if (state.path.length === 2 && byId[state.path[0]] && byId[state.path[1]]) {
      paths = kShortest(state.path[0], state.path[1], Math.max(1, Math.min(10, state.k)));
      paths.forEach(function (p) { p.forEach(function (n) { set[n] = true; }); });
    } else { paths = []; }
    if (state.focus && byId[state.focus]) {
      set[state.focus] = true;
      adj[state.focus].slice(0, EXPAND_CAP).forEach(function (n) { set[n] = true; });
    }
    if (!(state.focus && byId[state.focus]) && state.path.length !== 2) {
      var shown = wanted(state);  // the overview of the plans shown (every plan's, when one)
      NET.nodes.forEach(function (n) {
        if (OVERVIEW.indexOf(n.cls) >= 0 && (!n.plan || PLANS.length < 2 || shown.indexOf(n.plan) >= 0)) { set[n.id] = true; }
      });
    }
    state.x.forEach(function (x) {
      if (!byId[x]) { return; }
      set[x] = true;
      adj[x].slice(0, EXPAND_CAP).forEach(function (n) { set[n] = true; });
    });
    state.d.forEach(function (d) { delete set[d]; });
    return Object.keys(set).sort();
  }
  function band(n) {
    if (n.budget === null || n.budget === undefined) { return null; }
    var b = 0;
    BANDS.forEach(function (lo, i) { if (n.budget >= lo) { b = i; } });
    return b;
  }
  function hiddenByFacet(n) {
    if (state.hcls.indexOf(n.cls) >= 0) { return true; }
    if (n.plan && PLANS.length > 1 && wanted(state).indexOf(n.plan) < 0) { return true; }
    var ds = n.cls === 'department' ? [n.id] : n.depts;
    if (ds.length && ds.every(function (d) { return state.hdept.indexOf(d) >= 0; })) { return true; }
    if (n.pillars.length && n.pillars.every(function (p) { return state.hpillar.indexOf(p) >= 0; })) { return true; }
    if (n.areas.length && n.areas.every(function (a) { return state.harea.indexOf(a) >= 0; })) { return true; }
    var b = band(n);
    return b !== null && (b < state.bmin || b > state.bmax);
  }

  // -- layout: columns by class, only the columns drawn; rows in a fixed global order --
  var order = {};
  function globalOrder() {
    var cols = {};
    order = {};
    NET.nodes.forEach(function (n) { (cols[STYLE[n.cls][5]] = cols[STYLE[n.cls][5]] || []).push(n); });
    var keys = Object.keys(cols).map(Number).sort(function (a, b) { return a - b; });
    keys.forEach(function (c) {
      cols[c].forEach(function (n, i) {
        var left = adj[n.id].filter(function (m) { return order[m] !== undefined && STYLE[byId[m].cls][5] < c; });
        n._key = left.length ? left.reduce(function (s, m) { return s + order[m]; }, 0) / left.length : 1e6;
      });
      cols[c].sort(function (a, b) {
        return a._key - b._key || (a.cls < b.cls ? -1 : a.cls > b.cls ? 1 : 0) ||
          (a.number || 0) - (b.number || 0) || (a.id < b.id ? -1 : 1);
      });
      cols[c].forEach(function (n, i) { order[n.id] = i; });
    });
  }
  globalOrder();
  function wrap(text, chars) {
    var lines = [], s = String(text);
    while (s.length && lines.length < 2) { lines.push(s.slice(0, chars)); s = s.slice(chars); }
    if (s.length) { lines[1] = lines[1].slice(0, -1) + '…'; }
    return lines.join('\n');
  }
  function place(cols, keys, maxH) {
    var pos = {}, x = 0, top = 0, bottom = 0;
    keys.forEach(function (c) {
      var col = cols[c];
      // boxes carry their label inside; other shapes have it below, so they need taller rows
      var boxes = col.every(function (id) { return STYLE[byId[id].cls][0] === 'box'; });
      var rowH = boxes ? 64 : 104, sub = Math.max(1, Math.ceil(col.length * rowH / maxH)), per = Math.ceil(col.length / sub);
      var width = state.lang === 'en' ? 330 : 270;
      col.forEach(function (id, i) {
        var s = i % sub, r = Math.floor(i / sub);
        pos[id] = { x: x + s * (width * 0.9), y: (r - (per - 1) / 2) * rowH + (s % 2) * rowH / 2 };
        top = Math.min(top, pos[id].y - rowH / 2); bottom = Math.max(bottom, pos[id].y + rowH / 2);
      });
      x += (sub - 1) * width * 0.9 + width + 60;
    });
    return { pos: pos, w: x, h: bottom - top };
  }
  // Columns by class (only the classes drawn), rows in the global order; a tall column is split
  // into zig-zag sub-columns, the split chosen so the whole drawing fits the canvas largest.
  function layout(ids) {
    var cols = {};
    ids.forEach(function (id) { var c = STYLE[byId[id].cls][5]; (cols[c] = cols[c] || []).push(id); });
    var keys = Object.keys(cols).map(Number).sort(function (a, b) { return a - b; });
    keys.forEach(function (c) { cols[c].sort(function (a, b) { return order[a] - order[b]; }); });
    var aspect = Math.max(0.5, container.clientWidth / Math.max(1, container.clientHeight));
    var best = null;
    for (var maxH = 400; maxH <= 4000; maxH += 100) {
      var p = place(cols, keys, maxH), score = Math.max(p.w / aspect, p.h);
      if (!best || score < best.score - 1e-6) { best = { score: score, pos: p.pos }; }
    }
    return best ? best.pos : {};
  }

  // -- vis-network --
  var nodesDS = new vis.DataSet(), edgesDS = new vis.DataSet();
  var network = new vis.Network(container, { nodes: nodesDS, edges: edgesDS }, {
    physics: { enabled: false }, layout: { improvedLayout: false },
    interaction: { hover: true, tooltipDelay: 150, keyboard: false, multiselect: false },
    nodes: { font: { face: '"Noto Sans CJK JP", "Noto Sans JP", sans-serif', color: '#111111' } },
    edges: { arrows: { to: { enabled: true, scaleFactor: 0.5 } }, smooth: false,
      color: { inherit: false } },
  });
  var api = { settled: false, drawn: [], network: network, nodes: nodesDS, edges: edgesDS };
  window.ykgExplore = api;

  function nodeVis(n, pos) {
    var st = STYLE[n.cls], fill = st[1], size = st[3];
    if (n.cls === 'program' || n.cls === 'department') {
      var d = n.cls === 'department' ? n.id : n.depts[0];
      fill = deptColor[d] || fill;
    }
    if ((n.cls === 'program' || n.cls === 'project') && n.budget) {  // area ∝ budget
      size = Math.round(Math.max(st[3], Math.min(28, st[3] * Math.sqrt(n.budget / 2e7))));
    }
    var dark = /^#(1965B0|DC050C|882E72|72190E|AE76A3|E8601C|5289C7|555555)$/i.test(fill);
    var v = { id: n.id, label: wrap(label(n.id), state.lang === 'en' ? 24 : 12), shape: st[0],
      x: pos.x, y: pos.y, font: { size: st[4], color: st[0] === 'box' && dark ? '#ffffff' : '#111111' },
      color: { background: fill, border: st[2], highlight: { background: fill, border: '#000000' } },
      borderWidth: n.id === state.focus ? 4 : 1.5, title: C.tipElement(tip(n)) };
    if (st[0] === 'box') { v.margin = 6; } else { v.size = size; }
    if (hiddenByFacet(n)) { v.hidden = true; }
    return v;
  }
  function tip(n) {
    var other = state.lang === 'en' ? 'ja' : 'en';
    var lines = [n[state.lang], n[other], NET.classes[n.cls][state.lang] + ' · ' + n.id];
    if (n.budget !== null && n.budget !== undefined) { lines.push((state.lang === 'en' ? 'Budget: ' : '予算: ') + Math.round(n.budget / 1000).toLocaleString() + ' 千円'); }
    if (n.source[state.lang]) { lines.push(n.source[state.lang]); }
    return lines;
  }
  function render() {
    var ids = drawnIds(), keep = {};
    ids.forEach(function (id) { keep[id] = true; });
    var pos = layout(ids);
    nodesDS.clear();
    edgesDS.clear();
    nodesDS.add(ids.map(function (id) { return nodeVis(byId[id], pos[id]); }));
    var pathEdges = {};
    paths.forEach(function (p) { for (var i = 1; i < p.length; i++) { pathEdges[p[i - 1] + '|' + p[i]] = pathEdges[p[i] + '|' + p[i - 1]] = true; } });
    edgesDS.add(edgeList.filter(function (e) { return keep[e.from] && keep[e.to]; }).map(function (e) {
      var k = C.EDGE_KINDS[e.kind] || C.EDGE_KINDS.document;
      return { id: e.id, from: e.from, to: e.to, dashes: k.dashes, title: C.tipElement(
        [NET.relations[e.rel][state.lang]].concat(e.evidence[state.lang])),
        color: { color: pathEdges[e.from + '|' + e.to] ? '#CC0000' : k.color }, width: pathEdges[e.from + '|' + e.to] ? 3 : 1.2 };
    }));
    api.drawn = ids.filter(function (id) { return !hiddenByFacet(byId[id]); });
    renderList();
    renderFacets();
    renderPaths();
    select(state.sel, true);
    document.documentElement.lang = state.lang;
    document.getElementById('x-lang').textContent = state.lang === 'en' ? '日本語' : 'English';
    document.getElementById('x-lang').lang = state.lang === 'en' ? 'ja' : 'en';
    document.getElementById('x-status').textContent = api.drawn.length + (state.lang === 'en' ? ' nodes drawn' : ' ノードを表示');
    api.settled = false;
    network.fit({ animation: false });
    network.once('afterDrawing', function () { api.settled = true; api.settledAt = performance.now(); document.body.dataset.ykgSettled = 'true'; });
    network.redraw();
  }

  // -- selection, n-hop highlight, info panel --
  function drawnAdj() {
    var a = {};
    edgesDS.get().forEach(function (e) {
      (a[e.from] = a[e.from] || []).push(e.to);
      (a[e.to] = a[e.to] || []).push(e.from);
    });
    return a;
  }
  function select(id, quiet) {
    var info = document.getElementById('x-info');
    info.replaceChildren();
    if (!id || !nodesDS.get(id)) {
      nodesDS.update(nodesDS.get().map(function (n) { return { id: n.id, opacity: 1 }; }));
      network.unselectAll();
      api.highlighted = [];
      return;
    }
    var dist = C.hops(drawnAdj(), id, state.hops);
    api.highlighted = Object.keys(dist).sort();
    nodesDS.update(nodesDS.get().map(function (n) { return { id: n.id, opacity: n.id in dist ? 1 : 0.2 }; }));
    network.selectNodes([id]);
    var n = byId[id];
    var h = el('h2', null, label(id) + ' ');
    h.appendChild(el('span', 'cls', NET.classes[n.cls][state.lang]));
    var a = el('a', null, state.lang === 'en' ? 'Open its page' : 'ページを開く');
    a.href = n.page;
    var p = el('p');
    p.appendChild(a);
    info.append(h, p);
    tip(n).slice(1).forEach(function (line) { info.appendChild(el('p', null, line)); });
    var ul = el('ul');
    edgeList.filter(function (e) { return e.from === id || e.to === id; }).forEach(function (e) {
      var other = e.from === id ? e.to : e.from;
      var li = el('li', null, (e.from === id ? '→ ' : '← ') + NET.relations[e.rel][state.lang] + ': ');
      var b = el('a', null, label(other));
      b.href = byId[other].page;
      li.appendChild(b);
      li.appendChild(el('span', 'tag', e.kind));
      ul.appendChild(li);
    });
    info.appendChild(ul);
    var item = document.querySelector('#x-list li[data-id="' + CSS.escape(id) + '"]');
    if (item) { document.querySelectorAll('#x-list li').forEach(function (li) { li.setAttribute('aria-selected', String(li === item)); }); }
    if (!quiet) { state.sel = id; history.replaceState(null, '', toUrl(state)); }
  }
  function choose(id) { state.sel = id; commit(); }

  // -- list view: one item per drawn node; keyboard --
  function renderList() {
    var ol = document.getElementById('x-list');
    ol.replaceChildren();
    api.drawn.slice().sort(function (a, b) { return STYLE[byId[a].cls][5] - STYLE[byId[b].cls][5] || order[a] - order[b]; })
      .forEach(function (id) {
        var li = el('li', null, label(id));
        li.dataset.id = id;
        li.tabIndex = -1;
        li.setAttribute('role', 'option');
        li.appendChild(el('span', 'cls', NET.classes[byId[id].cls][state.lang]));
        li.addEventListener('click', function () { choose(id); li.focus(); });
        ol.appendChild(li);
      });
    ol.setAttribute('role', 'listbox');
    ol.tabIndex = 0;
  }
  function focusItem(id) {
    var li = document.querySelector('#x-list li[data-id="' + CSS.escape(id) + '"]');
    if (li) { li.focus(); select(id); }
  }
  document.getElementById('x-list').addEventListener('keydown', function (ev) {
    var cur = state.sel && api.drawn.indexOf(state.sel) >= 0 ? state.sel : null;
    var items = Array.prototype.map.call(document.querySelectorAll('#x-list li'), function (li) { return li.dataset.id; });
    var i = cur ? items.indexOf(cur) : -1;
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      focusItem(items[Math.max(0, Math.min(items.length - 1, i + (ev.key === 'ArrowDown' ? 1 : -1)))]);
    } else if ((ev.key === 'ArrowRight' || ev.key === 'ArrowLeft') && cur) {
      var nb = (drawnAdj()[cur] || []).filter(function (m, j, a) { return a.indexOf(m) === j && api.drawn.indexOf(m) >= 0; }).sort();
      if (nb.length) {
        api.cursor = ((api.cursor || 0) + (ev.key === 'ArrowRight' ? 1 : nb.length - 1)) % nb.length;
        focusItem(nb[api.cursor]);
      }
    } else if (ev.key === 'Enter' && cur) { location.href = byId[cur].page; } else if (ev.key === '+' || ev.key === '=') {
      network.moveTo({ scale: network.getScale() * 1.25 });
    } else if (ev.key === '-') { network.moveTo({ scale: network.getScale() / 1.25 }); } else { return actionKey(ev); }
    ev.preventDefault();
  });
  function actionKey(ev) {
    if (!state.sel) { return; }
    if (ev.key === 'x') { expand(state.sel); } else if (ev.key === 'c') { collapse(state.sel); } else if (ev.key === 'Delete') { dismiss(state.sel); } else { return; }
    ev.preventDefault();
  }
  container.tabIndex = 0;
  container.addEventListener('keydown', actionKey);

  // -- actions --
  function expand(id) {
    if (state.x.indexOf(id) < 0) { state.x.push(id); }
    state.d = state.d.filter(function (d) { return adj[id].indexOf(d) < 0 && d !== id; });
    state.sel = id;
    commit();
  }
  function collapse(id) {
    state.x = state.x.filter(function (x) { return x !== id; });
    if (state.focus === id) { state.x = []; }
    commit();
  }
  function dismiss(id) {
    state.x = state.x.filter(function (x) { return x !== id; });
    if (state.d.indexOf(id) < 0) { state.d.push(id); }
    if (state.sel === id) { state.sel = ''; }
    commit();
  }
  network.on('click', function (p) { if (p.nodes.length) { choose(p.nodes[0]); } else { state.sel = ''; commit(); } });
  network.on('doubleClick', function (p) { if (p.nodes.length) { expand(p.nodes[0]); } });
  document.getElementById('x-expand').addEventListener('click', function () { if (state.sel) { expand(state.sel); } });
  document.getElementById('x-collapse').addEventListener('click', function () { if (state.sel) { collapse(state.sel); } });
  document.getElementById('x-dismiss').addEventListener('click', function () { if (state.sel) { dismiss(state.sel); } });
  document.getElementById('x-overview').addEventListener('click', function () {
    state = readUrl.call(null);
    state = { focus: '', path: [], k: 3, x: [], d: [], sel: '', lang: state.lang, hops: 1, hcls: [], hdept: [], hpillar: [], harea: [], plans: state.plans, bmin: 0, bmax: 5 };
    commit();
  });
  document.getElementById('x-lang').addEventListener('click', function () { state.lang = state.lang === 'en' ? 'ja' : 'en'; commit(); });
  document.getElementById('x-hops').addEventListener('change', function (ev) { state.hops = Math.max(0, Math.min(5, +ev.target.value || 0)); commit(); });
  document.getElementById('x-png').addEventListener('click', function () { api.png = C.exportPng(container, 'ykg-explore.png'); });
  document.getElementById('x-svg').addEventListener('click', function () { api.svg = C.exportSvg(network, nodesDS, edgesDS, 'ykg-explore.svg'); });

  // -- search with suggestions --
  var box = document.getElementById('x-search'), sugg = document.getElementById('x-suggest');
  function search(text) {
    var terms = M.searchTerms(text);
    if (!terms.length) { return []; }
    return NET.nodes.filter(function (n) {
      return terms.every(function (t) { return n.keys.some(function (k) { return k.indexOf(t) >= 0; }); });
    }).sort(function (a, b) { return a.ja.length - b.ja.length || (a.id < b.id ? -1 : 1); }).slice(0, 12);
  }
  box.addEventListener('input', function () {
    sugg.replaceChildren();
    search(box.value).forEach(function (n, i) {
      var li = el('li', null, n[state.lang] + ' ');
      li.id = 'x-s-' + i;
      li.setAttribute('role', 'option');
      li.dataset.id = n.id;
      li.appendChild(el('span', 'cls', NET.classes[n.cls][state.lang]));
      li.addEventListener('click', function () { goFocus(n.id); });
      sugg.appendChild(li);
    });
    box.setAttribute('aria-expanded', String(sugg.children.length > 0));
  });
  box.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter' && sugg.firstChild) { ev.preventDefault(); goFocus(sugg.firstChild.dataset.id); }
  });
  function goFocus(id) {
    sugg.replaceChildren();
    box.setAttribute('aria-expanded', 'false');
    state.focus = id; state.path = []; state.x = []; state.d = []; state.sel = id;
    commit();
  }

  // -- paths --
  var names = document.getElementById('x-names');
  function refreshNames() {
    names.replaceChildren();
    NET.nodes.forEach(function (n) { var o = el('option'); o.value = n.id; o.label = n.ja; names.appendChild(o); });
  }
  refreshNames();
  function resolve(text) {
    if (byId[text]) { return text; }
    var hits = search(text);
    return hits.length ? hits[0].id : null;
  }
  document.getElementById('x-path').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var a = resolve(document.getElementById('x-path-a').value), b = resolve(document.getElementById('x-path-b').value);
    if (!a || !b || a === b) { document.getElementById('x-status').textContent = '?'; return; }
    state.path = [a, b]; state.k = +document.getElementById('x-path-k').value || 3;
    state.focus = ''; state.x = []; state.d = []; state.sel = '';
    commit();
  });
  function renderPaths() {
    var box = document.getElementById('x-paths');
    box.replaceChildren();
    if (state.path.length !== 2) { return; }
    document.getElementById('x-path-a').value = state.path[0];
    document.getElementById('x-path-b').value = state.path[1];
    document.getElementById('x-path-k').value = state.k;
    box.appendChild(el('h2', null, (state.lang === 'en' ? 'Paths: ' : '経路: ') + label(state.path[0]) + ' → ' + label(state.path[1]) + ' (' + paths.length + ')'));
    api.paths = paths;
    paths.forEach(function (p, i) {
      var sec = el('section', 'x-pathitem');
      sec.dataset.path = p.join(',');
      sec.appendChild(el('h3', null, (state.lang === 'en' ? 'Path ' : '経路 ') + (i + 1) + ': ' + p.map(label).join(' → ')));
      var ol = el('ol');
      for (var j = 1; j < p.length; j++) {
        facts(p[j - 1], p[j]).forEach(function (f) {
          var li = el('li', null, f.sentence + '  [' + f.rel + ']');
          li.dataset.kind = f.kind;
          var ev = el('ul');
          f.evidence.forEach(function (t) { ev.appendChild(el('li', null, t)); });
          li.appendChild(ev);
          ol.appendChild(li);
        });
      }
      sec.appendChild(ol);
      box.appendChild(sec);
    });
  }

  // -- facets --
  function check(parent, key, value, text, count, on) {
    var id = 'x-f-' + key + '-' + value.replace(/[^A-Za-z0-9-]/g, '-');
    var lab = el('label');
    lab.htmlFor = id;
    var cb = el('input');
    cb.type = 'checkbox'; cb.id = id; cb.checked = on; cb.dataset.facet = key; cb.value = value;
    cb.addEventListener('change', function () {
      var l = state[key];
      state[key] = cb.checked ? l.filter(function (x) { return x !== value; }) : l.concat([value]);
      commit();
    });
    lab.append(cb, document.createTextNode(' ' + text + (count !== null ? ' (' + count + ')' : '')));
    parent.appendChild(lab);
  }
  function renderFacets() {
    var drawn = api.drawn.length ? nodesDS.getIds() : [];
    var count = function (f) { return drawn.filter(function (id) { return f(byId[id]); }).length; };
    var cls = document.getElementById('x-f-cls');
    cls.replaceChildren();
    Object.keys(STYLE).forEach(function (c) {
      var n = count(function (x) { return x.cls === c; });
      if (n || state.hcls.indexOf(c) >= 0) { check(cls, 'hcls', c, NET.classes[c][state.lang], n, state.hcls.indexOf(c) < 0); }
    });
    [['x-f-dept', 'hdept', depts, function (x, d) { return x.id === d || x.depts.indexOf(d) >= 0; }],
      ['x-f-pillar', 'hpillar', NET.nodes.filter(function (n) { return n.cls === 'pillar'; }).map(function (n) { return n.id; }), function (x, p) { return x.pillars.indexOf(p) >= 0; }],
      ['x-f-area', 'harea', NET.nodes.filter(function (n) { return n.cls === 'area'; }).map(function (n) { return n.id; }), function (x, a) { return x.areas.indexOf(a) >= 0; }],
    ].forEach(function (f) {
      var box = document.getElementById(f[0]);
      box.replaceChildren();
      f[2].forEach(function (v) { check(box, f[1], v, label(v), count(function (x) { return f[3](x, v); }), state[f[1]].indexOf(v) < 0); });
    });
    renderPlanFacet();
    var lo = document.getElementById('x-bmin'), hi = document.getElementById('x-bmax');
    lo.value = state.bmin; hi.value = state.bmax;
    document.getElementById('x-band').textContent = BAND_TEXT[state.bmin] + ' … ' + BAND_TEXT[state.bmax] + ' (円 / yen)';
    var shown = {};
    nodesDS.get().forEach(function (n) { shown[byId[n.id].cls] = (shown[byId[n.id].cls] || 0) + 1; });
    C.legend(document.getElementById('x-legend'), Object.keys(STYLE).filter(function (k) { return shown[k]; }).map(function (k) {
      return { key: k, name: NET.classes[k][state.lang], color: STYLE[k][1], border: STYLE[k][2], shape: STYLE[k][0], count: shown[k] };
    }), state.lang);
  }
  function renderPlanFacet() {  // which plans are shown; ticking one loads it
    var box = document.getElementById('x-f-plan');
    if (!box) { return; }
    box.replaceChildren();
    box.parentNode.hidden = PLANS.length < 2;
    var shown = wanted(state);
    PLANS.forEach(function (p) {
      var id = 'x-f-plan-' + p.id.replace(/[^A-Za-z0-9-]/g, '-'), lab = el('label'), cb = el('input');
      lab.htmlFor = id;
      cb.type = 'checkbox'; cb.id = id; cb.checked = shown.indexOf(p.id) >= 0; cb.dataset.facet = 'plans'; cb.value = p.id;
      cb.addEventListener('change', function () {
        var now = wanted(state).filter(function (x) { return x !== p.id && planById[x]; });
        state.plans = cb.checked ? now.concat([p.id]) : (now.length ? now : [p.id]);
        commit();
      });
      lab.append(cb, document.createTextNode(' ' + p[state.lang] + ' (' + p.size + ')' + (loaded[p.id] ? '' : ' …')));
      box.appendChild(lab);
    });
  }
  ['x-bmin', 'x-bmax'].forEach(function (id) {
    document.getElementById(id).addEventListener('change', function () {
      var lo = +document.getElementById('x-bmin').value, hi = +document.getElementById('x-bmax').value;
      state.bmin = Math.min(lo, hi); state.bmax = Math.max(lo, hi);
      commit();
    });
  });

  window.addEventListener('popstate', function () { state = readUrl(); ensurePlans(wanted(state), render); });
  state = readUrl();
  ensurePlans(wanted(state), render);
}());
