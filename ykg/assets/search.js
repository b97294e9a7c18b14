// Offline search of the ykg site over window.YKG_INDEX (search-index.js, loaded on first use).
// The match key is the shared one of assets/match-key.js (window.ykgMatch), loaded before this file.
(function () {
  "use strict";
  var LIMIT = 100;
  var searchTerms = window.ykgMatch.searchTerms;

  function rank(entry, terms) {
    var parts = entry.key.split(" | ");
    if (parts[0] === terms.join("")) { return 0; }
    for (var i = 0; i < parts.length; i++) {
      if (parts[i].indexOf(terms[0]) === 0) { return 1; }
    }
    return 2;
  }

  function search(index, query) {
    var terms = searchTerms(query);
    if (terms.length === 0) { return []; }
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var key = index[i].key;
      var ok = true;
      for (var j = 0; j < terms.length; j++) {
        if (key.indexOf(terms[j]) < 0) { ok = false; break; }
      }
      if (ok) { hits.push({ entry: index[i], rank: rank(index[i], terms), order: i }); }
    }
    hits.sort(function (a, b) {
      return a.rank - b.rank || a.entry.w - b.entry.w || a.order - b.order;
    });
    return hits.map(function (h) { return h.entry; });
  }

  function item(h) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = h.url;
    a.textContent = h.label_ja || h.label_en || h.iri;
    a.setAttribute("data-iri", h.iri);
    li.appendChild(a);
    if (h.label_en) {
      var en = document.createElement("span");
      en.className = "en";
      en.lang = "en";
      en.textContent = " " + h.label_en;
      li.appendChild(en);
    }
    var cls = document.createElement("span");
    cls.className = "cls";
    cls.textContent = h["class"];
    li.appendChild(cls);
    return li;
  }

  // Results are built with DOM nodes and textContent: labels are data, never markup.
  function render(hits, query) {
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (!query.trim()) { status.textContent = ""; return; }
    status.textContent = hits.length === 0 ? "該当なし / no match"
      : hits.length + " 件 / results" + (hits.length > LIMIT ? "(先頭 " + LIMIT + " 件を表示 / first " + LIMIT + " shown)" : "");
    status.setAttribute("data-count", String(hits.length));
    hits.slice(0, LIMIT).forEach(function (h) { list.appendChild(item(h)); });
  }

  window.ykgSearch = { search: search };

  // The index (one entry per resource of every plan) is loaded when the search is first wanted
  // (focus, typing, or ?q= in the URL), not with the page: the home page stays light at any size.
  function indexLoader(url, status) {
    var loading = false;
    var pending = null;
    // then (if given) runs once the index is there; a later call's then replaces an earlier one.
    return function (then) {
      if (window.YKG_INDEX) { if (then) { then(); } return; }
      if (then) { pending = then; }
      if (loading) { return; }
      loading = true;
      var script = document.createElement("script");
      script.src = url;
      script.addEventListener("load", function () {
        if (window.YKG_INDEX && pending) { pending(); }
      });
      script.addEventListener("error", function () {
        status.textContent = "検索索引を読み込めません / cannot load the search index";
        status.setAttribute("data-count", "0");
        loading = false;
      });
      document.head.appendChild(script);
    };
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("search");
    var input = document.getElementById("q");
    if (!form || !input || !form.getAttribute("data-index")) { return; }
    var withIndex = indexLoader(form.getAttribute("data-index"),
                                document.getElementById("search-status"));
    function run() {
      withIndex(function () { render(search(window.YKG_INDEX, input.value), input.value); });
    }
    form.addEventListener("submit", function (ev) { ev.preventDefault(); run(); });
    input.addEventListener("input", run);
    input.addEventListener("focus", function () { withIndex(null); });  // start loading early
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) { input.value = q; run(); }
    form.setAttribute("data-ready", "true");
  });
}());
