/* labkit method bank: live search and filters on the start page.
   Without JavaScript the page lists every method and links to a page per focus area, evidence level and
   language; this script only adds the search and filter form on top. */
(function () {
  "use strict";
  var form = document.getElementById("finder");
  var list = document.getElementById("methods");
  var status = document.getElementById("status");
  if (!form || !list || !status) { return; }

  var items = Array.prototype.slice.call(list.children);
  var input = form.elements.q;
  var index = null;
  var loading = false;
  var timer = null;

  function words(text) {
    return text.toLowerCase().split(/[\s,.;:!?()\[\]{}"'«»”“‘’\/]+/).filter(function (w) { return w.length > 0; });
  }

  function checked(name) {
    return Array.prototype.slice.call(form.querySelectorAll("input[name='" + name + "']:checked"))
      .map(function (box) { return box.value; });
  }

  function count(text, word) {
    var n = 0, at = text.indexOf(word);
    while (at !== -1) { n += 1; at = text.indexOf(word, at + word.length); }
    return n;
  }

  function loadIndex() {
    if (loading) { return; }
    loading = true;
    var script = document.createElement("script");
    script.src = form.getAttribute("data-index");
    script.onload = function () { index = window.labkitSearchIndex || { methods: [] }; apply(); };
    script.onerror = function () { index = { methods: [] }; apply(); };
    document.head.appendChild(script);
  }

  /* Methods whose text holds every word: id -> {score, sections}. */
  function search(query) {
    var hits = {};
    index.methods.forEach(function (doc) {
      var score = 0, sections = [];
      var all = query.every(function (word) {
        var found = false;
        doc.fields.forEach(function (field) {
          var n = count(field.text, word);
          if (n > 0) {
            found = true;
            score += n * field.weight;
            if (sections.indexOf(field.label) === -1) { sections.push(field.label); }
          }
        });
        return found;
      });
      if (all) { hits[doc.id] = { score: score, sections: sections }; }
    });
    return hits;
  }

  function matchesAny(wanted, values) {
    if (wanted.length === 0) { return true; }
    var have = values.split(" ");
    return wanted.some(function (v) { return have.indexOf(v) !== -1; });
  }

  function apply() {
    var query = words(input.value);
    if (query.length > 0 && index === null) { loadIndex(); return; }
    var focus = checked("focus"), evidence = checked("evidence"), language = checked("language");
    var hits = query.length > 0 ? search(query) : null;
    var shown = [];
    items.forEach(function (item) {
      var ok = matchesAny(focus, item.getAttribute("data-focus")) &&
        matchesAny(evidence, item.getAttribute("data-evidence")) &&
        matchesAny(language, item.getAttribute("data-language")) &&
        (hits === null || Object.prototype.hasOwnProperty.call(hits, item.getAttribute("data-id")));
      item.hidden = !ok;
      var note = item.querySelector(".matches");
      if (note) {
        var hit = hits && hits[item.getAttribute("data-id")];
        note.hidden = !(ok && hit);
        note.textContent = ok && hit ? form.getAttribute("data-found-in") + " " + hit.sections.join(", ") : "";
      }
      if (ok) { shown.push(item); }
    });
    var ordered = items.slice();
    if (hits !== null) {
      ordered.sort(function (a, b) {
        var ha = hits[a.getAttribute("data-id")], hb = hits[b.getAttribute("data-id")];
        return (hb ? hb.score : -1) - (ha ? ha.score : -1);
      });
    }
    ordered.forEach(function (item) { list.appendChild(item); });
    status.textContent = shown.length === 0 ? form.getAttribute("data-none") :
      form.getAttribute(items.length === 1 ? "data-showing-one" : "data-showing").replace("{shown}", shown.length).replace("{total}", items.length);
    remember(focus, evidence, language);
  }

  function remember(focus, evidence, language) {
    var params = new URLSearchParams();
    if (input.value.trim()) { params.set("q", input.value.trim()); }
    focus.forEach(function (v) { params.append("focus", v); });
    evidence.forEach(function (v) { params.append("evidence", v); });
    language.forEach(function (v) { params.append("language", v); });
    var query = params.toString();
    try {
      window.history.replaceState(null, "", query ? "?" + query : window.location.pathname);
    } catch (e) { /* some browsers refuse history changes on files opened from disk */ }
  }

  function restore() {
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    ["focus", "evidence", "language"].forEach(function (name) {
      var wanted = params.getAll(name);
      Array.prototype.forEach.call(form.querySelectorAll("input[name='" + name + "']"), function (box) {
        box.checked = wanted.indexOf(box.value) !== -1;
      });
    });
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(apply, 250);
  });
  restore();
  apply();
})();
