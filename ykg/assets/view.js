// The page script of a network view: draws the graph of the data block, search, filters, info.
// Every text from the data is inserted with textContent, never as markup.
(function () {
  'use strict';
  var DATA = JSON.parse(document.getElementById('ykg-data').textContent);
  var T = DATA.text;
  // shared with the explorer page (explore-core.js): text goes in with textContent only
  var el = window.ykgCore.el, tipElement = window.ykgCore.tipElement;
  var meta = {}, emeta = {};
  var visNodes = DATA.nodes.map(function (n) {
    meta[n.vis.id] = n.meta;
    var v = Object.assign({}, n.vis);
    v.title = tipElement(n.meta.tip);
    return v;
  });
  var visEdges = DATA.edges.map(function (e) {
    emeta[e.vis.id] = e.meta;
    var v = Object.assign({}, e.vis);
    v.title = tipElement(e.meta.tip);
    return v;
  });
  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(visEdges);
  var container = document.getElementById('ykg-network');
  var options = {
    physics: { enabled: false },
    layout: { improvedLayout: false },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: DATA.nodes.length > 300,
                   navigationButtons: false, keyboard: false },
    nodes: { font: { face: '"Noto Sans CJK JP", "Noto Sans JP", IPAGothic, sans-serif',
                     color: '#111111' },
             scaling: { label: { drawThreshold: 9 } } },
    edges: { arrows: { to: { enabled: true, scaleFactor: 0.5 } },
             color: { highlight: '#000000', hover: '#000000' },
             smooth: DATA.smooth ? { type: 'cubicBezier', forceDirection: 'horizontal',
                                     roundness: 0.45 } : false,
             font: { face: '"Noto Sans CJK JP", "Noto Sans JP", sans-serif', color: '#333333' } }
  };
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  var api = { network: network, nodes: nodes, edges: edges, settled: false, drawnAt: null,
              counts: DATA.counts };
  window.network = network;
  window.ykg = api;
  network.once('afterDrawing', function () {
    // Labels are measured on the first draw: fit again so that they fit too, then report.
    fitAll();
    network.once('afterDrawing', function () {
      api.drawnAt = performance.now();
      api.settled = true;  // positions are precomputed and physics is off: drawn = settled
    });
    network.redraw();
  });
  function fitAll() {
    network.fit({ animation: false });
    // a small margin around the outermost labels
    network.moveTo({ scale: network.getScale() * 0.97, animation: false });
  }
  api.fitAll = fitAll;
  fitAll();

  // -- neighbourhood highlight --
  var dimmed = false;
  function reset() {
    if (!dimmed) { return; }
    nodes.update(DATA.nodes.map(function (n) {
      return { id: n.vis.id, opacity: 1, font: Object.assign({}, n.vis.font, { color: n.vis.font.color || '#111111' }) };
    }));
    edges.update(DATA.edges.map(function (e) {
      return { id: e.vis.id, color: Object.assign({}, e.vis.color, { opacity: 1 }) };
    }));
    dimmed = false;
    api.highlighted = null;
  }
  function highlight(id) {
    var keep = {};
    keep[id] = true;
    network.getConnectedNodes(id).forEach(function (m) { keep[m] = true; });
    var inEdges = {};
    network.getConnectedEdges(id).forEach(function (e) { inEdges[e] = true; });
    nodes.update(DATA.nodes.map(function (n) {
      var on = keep[n.vis.id] === true;
      return { id: n.vis.id, opacity: on ? 1 : 0.18,
               font: Object.assign({}, n.vis.font, { color: on ? (n.vis.font.color || '#111111') : 'rgba(0,0,0,0.2)' }) };
    }));
    edges.update(DATA.edges.map(function (e) {
      return { id: e.vis.id, color: Object.assign({}, e.vis.color, { opacity: inEdges[e.vis.id] ? 1 : 0.1 }) };
    }));
    dimmed = true;
    api.highlighted = Object.keys(keep).sort();
  }

  // -- info panel --
  var info = document.getElementById('ykg-info');
  function showInfo(id) {
    var m = meta[id];
    info.textContent = '';
    info.hidden = false;
    info.appendChild(el('h2', null, m.label));
    m.tip.slice(1).forEach(function (line) { info.appendChild(el('p', null, line)); });
    info.appendChild(el('p', null, T.neighbours + ':'));
    var ul = el('ul');
    network.getConnectedEdges(id).slice().sort().forEach(function (eid) {
      var e = edges.get(eid);
      var other = e.from === id ? e.to : e.from;
      var li = el('li');
      var b = el('button', null, e.from === id ? emeta[eid].out : emeta[eid].in);
      b.type = 'button';
      b.addEventListener('click', function () { focusNode(other); });
      li.appendChild(b);
      ul.appendChild(li);
    });
    info.appendChild(ul);
  }
  function focusNode(id) {
    if (!meta[id]) { return false; }
    if (nodes.get(id).hidden) { nodes.update({ id: id, hidden: false }); }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    highlight(id);
    showInfo(id);
    api.focused = id;
    return true;
  }
  api.focusNode = focusNode;
  // the item whose tooltip is shown (tests wait on it instead of on a timer)
  api.popup = null;
  network.on('showPopup', function (id) { api.popup = id; });
  network.on('hidePopup', function () { api.popup = null; });
  network.on('click', function (params) {
    if (params.nodes.length) { highlight(params.nodes[0]); showInfo(params.nodes[0]); api.focused = params.nodes[0]; }
    else if (!params.edges.length) { reset(); info.hidden = true; }
  });

  // -- search: the match key of ykg.foundation.text, from match-key.js (inlined before) --
  var matchKey = window.ykgMatch.matchKey;
  function search(text) {
    var key = matchKey(text);
    if (!key) { return []; }
    var hits = [];
    DATA.nodes.forEach(function (n) {
      var keys = n.meta.keys, exact = false, any = false;
      for (var i = 0; i < keys.length; i++) {
        if (keys[i] === key) { exact = true; }
        if (keys[i].indexOf(key) >= 0) { any = true; }
      }
      if (any) { hits.push({ id: n.vis.id, exact: exact, label: n.meta.label }); }
    });
    hits.sort(function (a, b) {
      if (a.exact !== b.exact) { return a.exact ? -1 : 1; }
      if (a.label.length !== b.label.length) { return a.label.length - b.label.length; }
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
    return hits;
  }
  api.search = search;
  var box = document.getElementById('ykg-search');
  var results = document.getElementById('ykg-results');
  function listResults() {
    results.textContent = '';
    if (!box.value.trim()) { return []; }
    var hits = search(box.value);
    if (!hits.length) { results.appendChild(el('li', null, T.no_match)); }
    hits.slice(0, 30).forEach(function (h) {
      var li = el('li');
      var b = el('button', null, h.label);
      b.type = 'button';
      b.title = h.id;
      b.addEventListener('click', function () { focusNode(h.id); });
      li.appendChild(b);
      results.appendChild(li);
    });
    return hits;
  }
  box.addEventListener('input', listResults);
  box.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter') {
      var hits = listResults();
      if (hits.length) { focusNode(hits[0].id); }
      ev.preventDefault();
    }
  });

  // -- legend and filters --
  var classOn = {}, deptOn = {}, planOn = {};
  function applyFilters() {
    reset();
    nodes.update(DATA.nodes.map(function (n) {
      var m = n.meta, hide = !classOn[m.cls];
      if (!hide && m.depts.length && Object.keys(deptOn).length) {
        hide = !m.depts.some(function (d) { return deptOn[d] !== false; });
      }
      if (!hide && m.plan && planOn[m.plan] === false) { hide = true; }
      return { id: n.vis.id, hidden: hide };
    }));
    api.visible = nodes.get({ filter: function (n) { return !n.hidden; } }).length;
  }
  api.applyFilters = applyFilters;
  function row(parent, swatchClass, color, border, text, count, id, onChange) {
    var label = el('label', 'ykg-row');
    var cb = el('input');
    cb.type = 'checkbox';
    cb.checked = true;
    cb.id = id;
    cb.addEventListener('change', function () { onChange(cb.checked); applyFilters(); });
    var sw = el('span', 'ykg-swatch ' + swatchClass);
    sw.style.background = color;
    sw.style.borderColor = border;
    label.appendChild(cb);
    label.appendChild(sw);
    label.appendChild(el('span', null, text));
    label.appendChild(el('span', 'ykg-count', count));
    parent.appendChild(label);
  }
  var classBox = document.getElementById('ykg-classes');
  DATA.classes.forEach(function (c, i) {
    classOn[c.key] = true;
    row(classBox, c.shape, c.color, c.border, c.name, c.count, 'ykg-class-' + i,
        function (on) { classOn[c.key] = on; });
  });
  if (DATA.departments.length) {
    classBox.appendChild(el('p', 'ykg-help', T.program_color));
  }
  var deptBox = document.getElementById('ykg-departments');
  DATA.departments.forEach(function (d, i) {
    deptOn[d.id] = true;
    row(deptBox, 'box', d.color, '#333333', d.name, d.count, 'ykg-dept-' + i,
        function (on) { deptOn[d.id] = on; });
  });
  if (!DATA.departments.length) { deptBox.parentNode.hidden = true; }
  // The plan filter: shown when the view holds more than one plan.
  var planBox = document.getElementById('ykg-plans');
  (DATA.plans || []).forEach(function (p, i) {
    planOn[p.id] = true;
    row(planBox, 'box', '#FFFFFF', '#333333', p.name, p.count, 'ykg-plan-' + i,
        function (on) { planOn[p.id] = on; });
  });
  planBox.parentNode.hidden = (DATA.plans || []).length < 2;
  document.getElementById('ykg-reset').addEventListener('click', function () {
    document.querySelectorAll('#ykg-panel input[type=checkbox]').forEach(function (cb) { cb.checked = true; });
    Object.keys(classOn).forEach(function (k) { classOn[k] = true; });
    Object.keys(deptOn).forEach(function (k) { deptOn[k] = true; });
    Object.keys(planOn).forEach(function (k) { planOn[k] = true; });
    applyFilters();
    info.hidden = true;
    fitAll();
  });
  api.visible = DATA.nodes.length;
  if (DATA.focus.length === 1) { showInfo(DATA.focus[0]); }
})();
