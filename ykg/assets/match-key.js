// The match key of ykg.foundation.text.match_key, for the site's search and the views' search box.
// tests/test_match_key.py runs this file and the Python function on the same cases.
(function (root) {
  "use strict";
  var DROP = /[ \t\r\n\u3000・、。「」『』()（）【】《》〈〉"']/g;

  // NFKC, lower case, katakana to hiragana (code point shift), no spaces, brackets or quotes.
  function matchKey(text) {
    var s = String(text).normalize("NFKC").toLowerCase();
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0x30A1 && c <= 0x30F6) { c -= 0x60; }
      out += String.fromCharCode(c);
    }
    return out.replace(DROP, "");
  }

  function searchTerms(query) {
    return String(query).normalize("NFKC").split(/[ \t\n\r\f\v]+/).map(matchKey)
      .filter(function (k) { return k.length > 0; });
  }

  root.ykgMatch = { matchKey: matchKey, searchTerms: searchTerms };
}(typeof window !== "undefined" ? window : globalThis));
