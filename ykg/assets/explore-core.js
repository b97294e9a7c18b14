// Front-end code shared by the explorer (explore.html), the query page and the single-file views
// (`ykg view`, which inline this file): DOM helpers that insert text with textContent only,
// n-hop neighbourhoods, the legend, PNG and SVG export, a bar chart and a network of result pairs.
(function (root) {
  'use strict';
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var EDGE_KINDS = {
    document: { color: '#555555', dashes: false, ja: '文書の記述', en: 'stated in the document' },
    curated: { color: '#0072B2', dashes: [8, 5], ja: 'キュレーション', en: 'curated link' },
    derived: { color: '#CC79A7', dashes: [2, 4], ja: '導出(タグ)', en: 'derived (tag)' },
  };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) { e.textContent = String(text); }
    return e;
  }

  function tipElement(lines) {
    var box = el('div');
    lines.forEach(function (line, i) { box.appendChild(el('div', 't' + i, line)); });
    return box;
  }

  // Ids within n hops of start over adjacency {id: [ids]}, with their distance.
  function hops(adjacency, start, n) {
    var dist = {}, frontier = [start];
    dist[start] = 0;
    for (var d = 1; d <= n; d++) {
      var next = [];
      frontier.forEach(function (u) {
        (adjacency[u] || []).forEach(function (v) {
          if (!(v in dist)) { dist[v] = d; next.push(v); }
        });
      });
      frontier = next;
    }
    return dist;
  }

  function swatch(color, border, shape) {
    var s = svg('svg', { width: 18, height: 14, viewBox: '0 0 18 14', 'aria-hidden': 'true' });
    if (shape === 'line') {
      s.appendChild(svg('line', { x1: 1, y1: 7, x2: 17, y2: 7, stroke: color, 'stroke-width': 2.5,
        'stroke-dasharray': border ? border.join(' ') : 'none' }));
    } else if (shape === 'box') {
      s.appendChild(svg('rect', { x: 1, y: 2, width: 16, height: 10, fill: color, stroke: border }));
    } else {
      s.appendChild(svg('circle', { cx: 9, cy: 7, r: 5.5, fill: color, stroke: border }));
    }
    return s;
  }

  // The legend: one row per node class (with its count) and one per edge kind.
  function legend(container, classes, lang) {
    container.replaceChildren();
    var ul = el('ul', 'ykg-legend');
    classes.forEach(function (c) {
      var li = el('li');
      li.dataset.cls = c.key;
      li.append(swatch(c.color, c.border, c.shape === 'box' ? 'box' : 'dot'),
        el('span', null, ' ' + c.name + (c.count !== undefined ? ' (' + c.count + ')' : '')));
      ul.appendChild(li);
    });
    Object.keys(EDGE_KINDS).forEach(function (k) {
      var e = EDGE_KINDS[k], li = el('li');
      li.dataset.edge = k;
      li.append(swatch(e.color, e.dashes || null, 'line'), el('span', null, ' ' + e[lang]));
      ul.appendChild(li);
    });
    container.appendChild(ul);
  }

  function download(name, href) {
    var a = el('a');
    a.href = href;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  function exportPng(container, name) {
    var canvas = container.querySelector('canvas');
    var url = canvas.toDataURL('image/png');
    download(name, url);
    return url;
  }

  // An SVG of what is drawn: node positions from vis-network, shapes simplified, labels as text.
  function exportSvg(network, nodes, edges, name) {
    var pos = network.getPositions();
    var ids = Object.keys(pos);
    if (!ids.length) { return ''; }
    var xs = ids.map(function (i) { return pos[i].x; }), ys = ids.map(function (i) { return pos[i].y; });
    var pad = 120, minX = Math.min.apply(null, xs) - pad, minY = Math.min.apply(null, ys) - pad;
    var w = Math.max.apply(null, xs) - minX + pad, h = Math.max.apply(null, ys) - minY + pad;
    var doc = svg('svg', { xmlns: SVG_NS, viewBox: [minX, minY, w, h].join(' '),
      width: Math.round(w), height: Math.round(h), 'font-family': 'sans-serif' });
    edges.get().forEach(function (e) {
      if (e.hidden || !pos[e.from] || !pos[e.to]) { return; }
      var c = (e.color && e.color.color) || '#777777';
      doc.appendChild(svg('line', { x1: pos[e.from].x, y1: pos[e.from].y, x2: pos[e.to].x,
        y2: pos[e.to].y, stroke: c, 'stroke-width': e.width || 1,
        'stroke-dasharray': e.dashes ? (Array.isArray(e.dashes) ? e.dashes.join(' ') : '6 4') : 'none' }));
    });
    nodes.get().forEach(function (n) {
      if (n.hidden || !pos[n.id]) { return; }
      var p = pos[n.id], fill = (n.color && n.color.background) || '#dddddd';
      var border = (n.color && n.color.border) || '#333333';
      var g = svg('g', { 'data-id': n.id });
      var lines = String(n.label || '').split('\n');
      var font = (n.font && n.font.size) || 14;
      if (n.shape === 'box') {
        var bw = Math.max.apply(null, lines.map(function (l) { return l.length; })) * font * 0.9 + 12;
        var bh = lines.length * font * 1.2 + 10;
        g.appendChild(svg('rect', { x: p.x - bw / 2, y: p.y - bh / 2, width: bw, height: bh,
          fill: fill, stroke: border, rx: 3 }));
      } else {
        g.appendChild(svg('circle', { cx: p.x, cy: p.y, r: n.size || 10, fill: fill, stroke: border }));
      }
      lines.forEach(function (l, i) {
        var dy = n.shape === 'box' ? (i - (lines.length - 1) / 2) * font * 1.2 + font * 0.35
          : (n.size || 10) + font * (1.1 + i * 1.2);
        g.appendChild(svg('text', { x: p.x, y: p.y + dy, 'font-size': font, 'text-anchor': 'middle' }, l));
      });
      doc.appendChild(g);
    });
    var text = new XMLSerializer().serializeToString(doc);
    download(name, URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' })));
    return text;
  }

  function isNumeric(term) {
    return term && term.type === 'literal' && term.datatype &&
      /#(integer|decimal|double|float|int|long|nonNegativeInteger)$/.test(term.datatype);
  }

  function entityLocal(term, base) {
    var prefix = base + '/id/';
    return term && term.type === 'uri' && term.value.indexOf(prefix) === 0 ? term.value.slice(prefix.length) : null;
  }

  // A horizontal bar chart of the first numeric column, labelled by the first text column.
  function barChart(container, table, base) {
    container.replaceChildren();
    var n = table.columns.length, rows = table.terms.slice(0, 60);
    var num = -1, lab = -1;
    for (var i = 0; i < n; i++) {
      var col = rows.map(function (r) { return r[i]; }).filter(Boolean);
      if (num < 0 && col.length && col.every(isNumeric)) { num = i; }
      if (lab < 0 && col.length && col.every(function (t) { return t.type === 'literal' && !isNumeric(t); })) { lab = i; }
    }
    if (num < 0 || !rows.length) { return false; }
    var values = rows.map(function (r) { return r[num] ? Number(r[num].value) : 0; });
    var max = Math.max.apply(null, values.map(Math.abs).concat([1]));
    var barH = 18, labelW = 320, width = 900;
    var chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + (rows.length * (barH + 4) + 30),
      role: 'img', 'aria-label': table.columns[num], class: 'ykg-chart' });
    chart.appendChild(svg('title', {}, table.columns[num]));
    rows.forEach(function (r, i) {
      var y = 20 + i * (barH + 4), v = values[i];
      var label = lab >= 0 && r[lab] ? r[lab].value : (entityLocal(r[0], base) || (r[0] ? r[0].value : ''));
      chart.appendChild(svg('text', { x: labelW - 6, y: y + barH - 5, 'text-anchor': 'end', 'font-size': 12 },
        label.length > 28 ? label.slice(0, 27) + '…' : label));
      chart.appendChild(svg('rect', { x: labelW, y: y, height: barH, fill: '#0072B2',
        width: Math.max(1, Math.abs(v) / max * (width - labelW - 90)) }));
      chart.appendChild(svg('text', { x: labelW + Math.abs(v) / max * (width - labelW - 90) + 4,
        y: y + barH - 5, 'font-size': 12 }, v.toLocaleString()));
    });
    chart.appendChild(svg('text', { x: labelW, y: 13, 'font-size': 13, 'font-weight': 'bold' }, table.columns[num]));
    container.appendChild(chart);
    return true;
  }

  // A network of the rows, when two columns name entities (their IRIs, or labels: …_label).
  function drawPairs(container, table, base) {
    container.replaceChildren();
    var cols = [];
    for (var i = 0; i < table.columns.length && cols.length < 2; i++) {
      var col = table.terms.map(function (r) { return r[i]; }).filter(Boolean);
      // a column names entities when it holds their IRIs or their labels (…_label)
      var named = /(^|_)label$/.test(table.columns[i]) && col.every(function (t) { return t.type === 'literal'; });
      if (col.length && (named || col.every(function (t) { return entityLocal(t, base); }))) { cols.push(i); }
    }
    if (cols.length < 2 || !root.vis || !table.terms.length) { return null; }
    var idOf = function (r, c) { return entityLocal(r[c], base) || table.columns[c] + ':' + r[c].value; };
    var labelOf = function (r, c) {
      if (r[c].type === 'literal') { return r[c].value; }
      var next = r[c + 1];
      return next && next.type === 'literal' && !isNumeric(next) ? next.value : entityLocal(r[c], base);
    };
    var nodes = {}, edges = [];
    table.terms.forEach(function (r) {
      if (!r[cols[0]] || !r[cols[1]]) { return; }
      cols.forEach(function (c, k) {
        var id = idOf(r, c);
        if (!nodes[id]) {
          nodes[id] = { id: id, label: labelOf(r, c), shape: k ? 'box' : 'dot', size: 10,
            color: { background: k ? '#D6E9F6' : '#E69F00', border: '#333333' } };
        }
      });
      edges.push({ from: idOf(r, cols[0]), to: idOf(r, cols[1]) });
    });
    var box = el('div', 'ykg-pairs');
    box.setAttribute('role', 'img');
    box.setAttribute('aria-label', table.columns[cols[0]] + ' — ' + table.columns[cols[1]]);
    container.appendChild(box);
    return new root.vis.Network(box, { nodes: new root.vis.DataSet(Object.values(nodes)),
      edges: new root.vis.DataSet(edges) },
      { layout: { randomSeed: 7 }, physics: { stabilization: { iterations: 300 } },
        edges: { color: '#888888' }, interaction: { hover: true } });
  }

  root.ykgCore = { el: el, svg: svg, tipElement: tipElement, hops: hops, legend: legend,
    exportPng: exportPng, exportSvg: exportSvg, barChart: barChart, drawPairs: drawPairs,
    EDGE_KINDS: EDGE_KINDS, download: download };
}(typeof window !== 'undefined' ? window : globalThis));
