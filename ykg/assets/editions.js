// Editions in the explorer: colour what was added, removed or changed since the previous edition
// (a toggle; ?editions=1 turns it on at load) and show the budget deltas per project and 部局.
// Data: the JSON block #ykg-editions written by ykg publish --previous; hooks: window.ykgExplore.
(function () {
  'use strict';
  var api = window.ykgExplore, block = document.getElementById('ykg-editions');
  if (!api || !block) { return; }
  var E = JSON.parse(block.textContent);
  var COLORS = { added: '#1E8E3E', removed: '#C5221F', changed: '#E8A200' };
  var WORDS = { added: ['追加', 'added'], removed: ['削除', 'removed'], changed: ['変更', 'changed'] };
  var state = { on: new URLSearchParams(location.search).get('editions') === '1' };
  var busy = false, saved = {};  // saved: the explorer's own colours of the nodes painted
  function en() { return document.documentElement.lang === 'en'; }
  function word(k) { return WORDS[k][en() ? 1 : 0]; }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  // -- colouring: after every drawing of the explorer, and when the toggle changes --
  function paint() {
    if (busy) { return; }
    busy = true;
    try {
      var coloured = {}, drawn = {}, updates = [];
      api.nodes.getIds().forEach(function (id) { drawn[id] = true; });
      Object.keys(drawn).forEach(function (id) {
        var s = E.status[id];
        if (state.on && s) {
          var was = api.nodes.get(id);
          saved[id] = { id: id, borderWidth: was.borderWidth, color: was.color, shadow: was.shadow || { enabled: false } };
          coloured[id] = s;
          updates.push({ id: id, borderWidth: 5, color: { border: COLORS[s], highlight: { border: COLORS[s] } },
            shadow: { enabled: true, color: COLORS[s], size: 18, x: 0, y: 0 } });
        }
      });
      api.nodes.update(updates);
      if (state.on) { ghosts(drawn, coloured); }
      api.editions = { on: state.on, coloured: coloured, old: E.old, new: E.new };
      document.body.dataset.ykgEditions = state.on ? 'on' : 'off';
    } finally { busy = false; }
  }
  function ghosts(drawn, coloured) {  // removed nodes beside the drawn nodes they were linked to
    var positions = api.network.getPositions(), nodes = [], edges = [];
    E.removed.forEach(function (r, i) {
      var near = r.near.filter(function (m) { return drawn[m]; });
      if (!near.length || drawn[r.id]) { return; }
      var p = positions[near[0]] || { x: 0, y: 0 };
      nodes.push({ id: r.id, label: en() ? (r.en || r.ja) : r.ja, shape: 'box', x: p.x + 200, y: p.y + 36 * (i % 5 + 1),
        shapeProperties: { borderDashes: [6, 4] }, borderWidth: 3,
        color: { background: '#FFFFFF', border: COLORS.removed }, font: { color: COLORS.removed } });
      near.forEach(function (m) { edges.push({ id: 'editions:' + r.id + '|' + m, from: r.id, to: m, dashes: true, color: { color: COLORS.removed } }); });
      coloured[r.id] = 'removed';
    });
    api.nodes.add(nodes);
    api.edges.add(edges);
    if (nodes.length) { api.network.fit({ animation: false }); }  // the ghosts in view too
  }

  // -- the panel: toggle, legend, budget deltas --
  function budgetTable(rows, title) {
    var wrap = el('div', 'ed-budget');
    wrap.appendChild(el('h3', null, title));
    var max = Math.max.apply(null, rows.map(function (r) { return Math.abs(r.new - r.old); }).concat([1]));
    var table = el('table'), head = el('tr');
    [en() ? 'name' : '名称', en() ? 'before' : '前', en() ? 'after' : '後', en() ? 'delta (千円)' : '増減(千円)'].forEach(function (h) { head.appendChild(el('th', null, h)); });
    table.appendChild(head);
    rows.forEach(function (r) {
      var tr = el('tr'), d = r.new - r.old, bar = el('span', 'ed-bar ' + (d < 0 ? 'ed-minus' : 'ed-plus'));
      bar.style.width = Math.round(60 * Math.abs(d) / max) + 'px';
      tr.dataset.id = r.id;
      tr.appendChild(el('td', null, (en() ? r.en || r.ja : r.ja) + (r.measure === 'loan_kyen' ? (en() ? ' (loan)' : '(融資枠)') : '')));
      tr.appendChild(el('td', 'num', r.old.toLocaleString()));
      tr.appendChild(el('td', 'num', r.new.toLocaleString()));
      var td = el('td', 'num', (d > 0 ? '+' : '') + d.toLocaleString() + ' ');
      td.appendChild(bar);
      tr.appendChild(td);
      table.appendChild(tr);
    });
    wrap.appendChild(table);
    return wrap;
  }
  var panel = el('details', 'ed-panel');
  panel.id = 'x-editions';
  panel.open = true;
  function drawPanel() {
    panel.textContent = '';
    panel.appendChild(el('summary', null, en() ? 'Editions' : '版の比較'));
    var label = el('label', 'ed-toggle'), box = el('input');
    box.type = 'checkbox';
    box.id = 'x-editions-toggle';
    box.checked = state.on;
    box.addEventListener('change', function () { state.on = box.checked; repaint(); });
    label.appendChild(box);
    label.appendChild(document.createTextNode(' ' + E.old + ' → ' + E.new));
    panel.appendChild(label);
    var legend = el('p', 'ed-legend');
    Object.keys(COLORS).forEach(function (k) {
      var sw = el('span', 'ed-swatch ed-' + k);
      legend.appendChild(sw);
      legend.appendChild(document.createTextNode(word(k) + ' '));
    });
    panel.appendChild(legend);
    budgets.textContent = '';
    budgets.appendChild(el('h2', null, en() ? 'Budget deltas since the previous edition (thousand yen)' : '前の版からの予算の増減(千円)'));
    var row = el('div', 'ed-budgets');
    budgets.appendChild(row);
    if (E.budgets.project.length) { row.appendChild(budgetTable(E.budgets.project, en() ? 'By project' : 'プロジェクト別')); }
    if (E.budgets.department.length) { row.appendChild(budgetTable(E.budgets.department, en() ? 'By department' : '部局別')); }
  }
  function repaint() {  // take off what paint put on (the explorer's own colours back), then paint
    var ghostIds = E.removed.map(function (r) { return r.id; }).filter(function (id) { return api.nodes.get(id); });
    api.edges.remove(api.edges.getIds().filter(function (id) { return String(id).indexOf('editions:') === 0; }));
    busy = true;
    try {
      api.nodes.remove(ghostIds);
      api.nodes.update(Object.keys(saved).filter(function (id) { return api.nodes.get(id); }).map(function (id) { return saved[id]; }));
    } finally { busy = false; }
    saved = {};
    paint();
  }
  var budgets = el('section', 'ed-budget-view');
  budgets.id = 'x-editions-budgets';
  budgets.setAttribute('aria-label', '予算の増減 / budget deltas');
  var status = document.getElementById('x-status');
  status.parentNode.insertBefore(budgets, status.nextSibling);
  var aside = document.querySelector('.x-panel');
  aside.insertBefore(panel, aside.firstChild);
  drawPanel();
  api.nodes.on('add', function () { if (!busy) { saved = {}; paint(); } });
  document.getElementById('x-lang').addEventListener('click', drawPanel);
  paint();
})();
