/*
 * Search page (plugins/search). Loads the static index built by plugins/search
 * (tim-kiem/chi-muc/), only the chunks a query's words need, and the fragments
 * of the results shown. Vietnamese: every word is compared by its folded key
 * (no diacritics, đ→d) and its exact key (diacritics kept, tones moved to the
 * end so hoà = hòa); plugins/search/text.py computes the same keys at build time.
 * Plain ES5 syntax so an old phone's browser shows the notice instead of failing.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-search-form]");
  if (!form) { return; }
  var PAGE_SIZE = 10;
  var EXCERPT_WORDS = 32;
  var TONES = { "\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5" };
  var JOINER = /[.\/\-]/;
  var DIGIT = /[0-9]/;
  var wordPattern = null;
  var markPattern = null;
  try {
    wordPattern = new RegExp("[\\p{L}\\p{N}]+(?:[./\\-][\\p{L}\\p{N}]+)*", "gu");
    markPattern = new RegExp("\\p{Mn}", "gu");
  } catch (error) {
    wordPattern = null;
  }
  if (!wordPattern || !window.fetch || !window.Promise || !window.URLSearchParams || !String.prototype.normalize) {
    document.querySelector("[data-search-unsupported]").hidden = false;
    return;
  }

  var input = form.querySelector('input[name="q"]');
  var kindSelect = form.querySelector('[data-search-filter="kind"]');
  var areaSelect = form.querySelector('[data-search-filter="area"]');
  var statusBox = document.querySelector("[data-search-status]");
  var resultList = document.querySelector("[data-search-results]");
  var moreButton = document.querySelector("[data-search-more]");
  var siteUrl = form.getAttribute("data-site-url");
  var metaUrl = new URL(form.getAttribute("data-index"), window.location.href);
  var sitemapLink = document.querySelector("[data-search-unsupported] a");
  var metaPromise = null;
  var fileCache = {};
  var generation = 0;
  var current = null;
  var typingTimer = null;

  /* Keys, as plugins/search/text.py computes them. */
  function foldedKey(word) {
    return word.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(markPattern, "").toLowerCase();
  }

  function exactKey(word) {
    var decomposed = word.toLowerCase().normalize("NFD");
    var letters = "";
    var tones = "";
    for (var i = 0; i < decomposed.length; i += 1) {
      var tone = TONES[decomposed.charAt(i)];
      if (tone) { tones += tone; } else { letters += decomposed.charAt(i); }
    }
    return letters.normalize("NFC") + tones;
  }

  function queryTerms(query) {
    var tokens = query.normalize("NFC").match(wordPattern) || [];
    var terms = [];
    var seen = {};
    function add(word, prefix) {
      var term = { fold: foldedKey(word), exact: exactKey(word), prefix: prefix };
      term.marked = term.exact !== term.fold;
      var key = term.fold + " " + term.exact;
      if (seen[key]) { seen[key].prefix = seen[key].prefix || prefix; return; }
      seen[key] = term;
      terms.push(term);
    }
    tokens.forEach(function (token) {
      var parts = token.split(JOINER);
      if (parts.length > 1 && DIGIT.test(token)) { add(token, true); return; }
      parts.forEach(function (part) { add(part, false); });
    });
    var last = terms[terms.length - 1];
    if (last && last.fold.length >= 2) { last.prefix = true; }
    return terms;
  }

  /* Index files. */
  function getJson(url) {
    if (!fileCache[url]) {
      fileCache[url] = fetch(url).then(function (response) {
        if (!response.ok) { throw new Error(response.status + " " + url); }
        return response.json();
      });
      fileCache[url].catch(function () { delete fileCache[url]; });
    }
    return fileCache[url];
  }

  function loadMeta() {
    if (!metaPromise) {
      metaPromise = getJson(metaUrl.href);
      metaPromise.catch(function () { metaPromise = null; });
    }
    return metaPromise;
  }

  function indexFile(folder, name) {
    return new URL(folder + "/" + name + ".json", metaUrl).href;
  }

  function chunkPosition(chunks, word) {
    var low = 0;
    var high = chunks.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (chunks[middle][0] <= word) { low = middle; } else { high = middle - 1; }
    }
    return low;
  }

  function chunksOf(meta, term) {
    var position = chunkPosition(meta.chunks, term.fold);
    var names = [meta.chunks[position][1]];
    if (term.prefix) {
      for (var next = position + 1; next < meta.chunks.length && meta.chunks[next][0].indexOf(term.fold) === 0; next += 1) {
        names.push(meta.chunks[next][1]);
      }
    }
    return names;
  }

  function entriesOf(term, chunks) {
    var entries = [];
    chunks.forEach(function (chunk) {
      if (!term.prefix) {
        if (Object.prototype.hasOwnProperty.call(chunk, term.fold)) {
          entries.push({ word: term.fold, full: true, variants: chunk[term.fold] });
        }
        return;
      }
      Object.keys(chunk).forEach(function (word) {
        if (word.indexOf(term.fold) === 0) {
          entries.push({ word: word, full: word === term.fold, variants: chunk[word] });
        }
      });
    });
    return entries;
  }

  /* Ranking: items matching every word; first those matching more words exactly
     (with the query's diacritics), then by weight, then newest first. A word
     counts once per item, by its best spelling there: "biểu dương" in an item
     adds nothing to its "đường". */
  function hitsOf(term, entries, count) {
    var hits = {};
    entries.forEach(function (entry) {
      var variants = Object.keys(entry.variants);
      var documents = 0;
      variants.forEach(function (variant) { documents += entry.variants[variant].length / 2; });
      var rarity = Math.log(1 + count / documents) * (entry.full ? 1 : 0.5);
      variants.forEach(function (variant) {
        var exact = entry.full && (!term.marked || (variant || entry.word) === term.exact);
        var postings = entry.variants[variant];
        var number = 0;
        for (var i = 0; i < postings.length; i += 2) {
          number += postings[i];
          var weight = postings[i + 1];
          var score = rarity * weight / (weight + 3);
          var hit = hits[number] || (hits[number] = { score: 0, exact: false });
          if (exact && !hit.exact) { hit.score = 0; }
          if (exact || !hit.exact) { hit.score = Math.max(hit.score, score); }
          hit.exact = hit.exact || exact;
        }
      });
    });
    return hits;
  }

  function ranked(meta, terms, chunksByTerm) {
    var hitsByTerm = terms.map(function (term, position) {
      return hitsOf(term, entriesOf(term, chunksByTerm[position]), meta.count);
    });
    hitsByTerm.sort(function (a, b) { return Object.keys(a).length - Object.keys(b).length; });
    var results = [];
    Object.keys(hitsByTerm[0]).forEach(function (key) {
      var result = { number: Number(key), exact: 0, score: 0 };
      for (var i = 0; i < hitsByTerm.length; i += 1) {
        var hit = hitsByTerm[i][key];
        if (!hit) { return; }
        result.score += hit.score;
        result.exact += hit.exact ? 1 : 0;
      }
      results.push(result);
    });
    results.sort(function (a, b) { return (b.exact - a.exact) || (b.score - a.score) || (a.number - b.number); });
    return results;
  }

  /* Filters by kind and reform area, with the number of results each would leave. */
  function filterValue(select, list) {
    var position = -2;
    list.forEach(function (pair, index) { if (pair[0] === select.value) { position = index; } });
    return select.value ? position : -2;
  }

  function filtered(meta, results) {
    var kind = filterValue(kindSelect, meta.kinds);
    var area = filterValue(areaSelect, meta.areas);
    var kindCounts = {};
    var areaCounts = {};
    var kept = [];
    results.forEach(function (result) {
      var itemKind = meta.docKinds[result.number];
      var itemArea = meta.docAreas[result.number];
      var kindFits = kind === -2 || itemKind === kind;
      var areaFits = area === -2 || itemArea === area;
      if (areaFits) { kindCounts[itemKind] = (kindCounts[itemKind] || 0) + 1; }
      if (kindFits) { areaCounts[itemArea] = (areaCounts[itemArea] || 0) + 1; }
      if (kindFits && areaFits) { kept.push(result); }
    });
    showCounts(kindSelect, meta.kinds, kindCounts);
    showCounts(areaSelect, meta.areas, areaCounts);
    return kept;
  }

  function showCounts(select, list, counts) {
    Array.prototype.forEach.call(select.options, function (option) {
      if (!option.value) { return; }
      if (!option.hasAttribute("data-label")) { option.setAttribute("data-label", option.textContent); }
      var position = -1;
      list.forEach(function (pair, index) { if (pair[0] === option.value) { position = index; } });
      var count = counts ? counts[position] || 0 : null;
      option.textContent = option.getAttribute("data-label") + (count === null ? "" : " (" + count + ")");
    });
  }

  /* Highlighting and excerpts. */
  function matchingTerm(word, terms) {
    var candidates = [word].concat(word.split(JOINER));
    for (var i = 0; i < terms.length; i += 1) {
      for (var j = 0; j < candidates.length; j += 1) {
        var folded = foldedKey(candidates[j]);
        if (terms[i].prefix ? folded.indexOf(terms[i].fold) === 0 : folded === terms[i].fold) { return i; }
      }
    }
    return -1;
  }

  function wordsOf(text, terms) {
    var found = [];
    var match;
    wordPattern.lastIndex = 0;
    while ((match = wordPattern.exec(text)) !== null) {
      found.push({ start: match.index, end: match.index + match[0].length, term: matchingTerm(match[0], terms) });
    }
    return found;
  }

  function appendMarked(parent, text, terms, from, to) {
    var position = from;
    wordsOf(text.slice(from, to), terms).forEach(function (word) {
      if (word.term < 0) { return; }
      parent.appendChild(document.createTextNode(text.slice(position, from + word.start)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(from + word.start, from + word.end);
      parent.appendChild(mark);
      position = from + word.end;
    });
    parent.appendChild(document.createTextNode(text.slice(position, to)));
  }

  function bestWindow(found, size) {
    var best = { start: 0, score: -1 };
    found.forEach(function (word, index) {
      if (word.term < 0) { return; }
      var start = Math.max(0, index - 6);
      var distinct = {};
      var score = 0;
      for (var i = start; i < Math.min(found.length, start + size); i += 1) {
        if (found[i].term >= 0 && !distinct[found[i].term]) { distinct[found[i].term] = true; score += 1; }
      }
      if (score > best.score) { best = { start: start, score: score }; }
    });
    return best;
  }

  /* The passage of the text (else the summary, else the other searched fields
     such as tags or the honoree) with the most query words, else the summary. */
  function excerptInto(parent, fragment, terms) {
    var sources = [fragment.text, fragment.summary, fragment.facts].filter(Boolean);
    var text = "";
    var found = [];
    var window_ = { start: 0, score: -1 };
    for (var i = 0; i < sources.length && window_.score < 0; i += 1) {
      text = sources[i];
      found = wordsOf(text, terms);
      window_ = bestWindow(found, EXCERPT_WORDS);
    }
    if (window_.score < 0) {
      text = fragment.summary || fragment.text || "";
      found = wordsOf(text, terms);
      window_ = { start: 0 };
    }
    if (!found.length) { return; }
    var last = Math.min(found.length, window_.start + EXCERPT_WORDS) - 1;
    var from = window_.start > 0 ? found[window_.start].start : 0;
    var to = last < found.length - 1 ? found[last].end : text.length;
    if (from > 0) { parent.appendChild(document.createTextNode("… ")); }
    appendMarked(parent, text, terms, from, to);
    if (to < text.length) { parent.appendChild(document.createTextNode(" …")); }
  }

  function resultItem(fragment, terms) {
    var item = document.createElement("li");
    item.className = "search-result search-result--" + fragment.kind;
    var heading = document.createElement("h2");
    heading.className = "search-result__title";
    var link = document.createElement("a");
    link.href = siteUrl + "/" + fragment.url;
    appendMarked(link, fragment.title, terms, 0, fragment.title.length);
    heading.appendChild(link);
    item.appendChild(heading);
    var meta = document.createElement("p");
    meta.className = "search-result__meta";
    var kind = document.createElement("span");
    kind.className = "kind-label kind-label--" + fragment.kind;
    kind.textContent = fragment.kindLabel;
    meta.appendChild(kind);
    if (fragment.date) {
      meta.appendChild(document.createTextNode(" "));
      var time = document.createElement("time");
      time.setAttribute("datetime", fragment.iso);
      time.textContent = fragment.date;
      meta.appendChild(time);
    }
    if (fragment.code) {
      meta.appendChild(document.createTextNode(" · Mã "));
      appendMarked(meta, fragment.code, terms, 0, fragment.code.length);
    }
    if (fragment.area) { meta.appendChild(document.createTextNode(" · " + fragment.area)); }
    item.appendChild(meta);
    var excerpt = document.createElement("p");
    excerpt.className = "search-result__excerpt";
    excerptInto(excerpt, fragment, terms);
    if (excerpt.childNodes.length) { item.appendChild(excerpt); }
    return item;
  }

  /* The page's state. */
  function say(text, withSitemap) {
    statusBox.textContent = text;
    if (withSitemap && sitemapLink) {
      statusBox.appendChild(document.createTextNode(" Bạn cũng có thể xem "));
      var link = document.createElement("a");
      link.setAttribute("href", sitemapLink.getAttribute("href"));
      link.textContent = "Sơ đồ trang";
      statusBox.appendChild(link);
      statusBox.appendChild(document.createTextNode("."));
    }
  }

  function remember(query) {
    var params = new URLSearchParams();
    if (query) { params.set("q", query); }
    if (kindSelect.value) { params.set("loai", kindSelect.value); }
    if (areaSelect.value) { params.set("linh-vuc", areaSelect.value); }
    var search = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
  }

  function showMore(focusFirst) {
    var state = current;
    var slice = state.results.slice(state.shown, state.shown + PAGE_SIZE);
    moreButton.hidden = true;
    resultList.setAttribute("aria-busy", "true");
    return Promise.all(slice.map(function (result) {
      return getJson(indexFile("d", state.meta.docs.substr(result.number * state.meta.hashLength, state.meta.hashLength)));
    })).then(function (fragments) {
      if (state !== current) { return; }
      state.shown += slice.length;
      var firstNew = null;
      fragments.forEach(function (fragment) {
        var item = resultItem(fragment, state.terms);
        firstNew = firstNew || item;
        resultList.appendChild(item);
      });
      moreButton.hidden = state.shown >= state.results.length;
      if (focusFirst && firstNew) { firstNew.querySelector("a").focus(); }
      if (focusFirst) { resultList.removeAttribute("aria-busy"); }
    });
  }

  function filterNote() {
    var chosen = [kindSelect, areaSelect].filter(function (select) { return select.value; }).map(function (select) {
      return select.options[select.selectedIndex].getAttribute("data-label") || select.options[select.selectedIndex].textContent;
    });
    return chosen.length ? " (lọc: " + chosen.join("; ") + ")" : "";
  }

  function run() {
    var query = input.value.trim();
    var terms = queryTerms(query);
    var mine = generation += 1;
    remember(query);
    if (!terms.length) {
      current = null;
      resultList.textContent = "";
      moreButton.hidden = true;
      showCounts(kindSelect, [], null);
      showCounts(areaSelect, [], null);
      say(query ? "Hãy gõ ít nhất một chữ hoặc một số." : "");
      resultList.removeAttribute("aria-busy");
      return Promise.resolve();
    }
    say("Đang tìm…");
    resultList.setAttribute("aria-busy", "true");
    return loadMeta().then(function (meta) {
      var names = terms.map(function (term) { return chunksOf(meta, term); });
      var flat = [].concat.apply([], names);
      return Promise.all(flat.map(function (name) { return getJson(indexFile("t", name)); })).then(function (loaded) {
        var byName = {};
        flat.forEach(function (name, position) { byName[name] = loaded[position]; });
        var chunksByTerm = names.map(function (list) { return list.map(function (name) { return byName[name]; }); });
        if (mine !== generation) { return; }
        var results = filtered(meta, ranked(meta, terms, chunksByTerm));
        current = { meta: meta, terms: terms, results: results, shown: 0 };
        resultList.textContent = "";
        if (!results.length) {
          say("Không có kết quả nào cho «" + query + "»" + filterNote() + ". Hãy thử từ khóa khác, ít từ hơn" +
              (filterNote() ? " hoặc bỏ lọc." : "."), true);
          moreButton.hidden = true;
          return;
        }
        return showMore(false).then(function () {
          say("Có " + results.length + " kết quả cho «" + query + "»" + filterNote() + ".");
        });
      });
    }).catch(function () {
      if (mine !== generation) { return; }
      say("Không tải được dữ liệu tìm kiếm. Hãy kiểm tra kết nối mạng rồi thử lại.", true);
    }).then(function () {
      if (mine === generation) { resultList.removeAttribute("aria-busy"); }
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(typingTimer);
    run();
  });
  input.addEventListener("input", function () {
    window.clearTimeout(typingTimer);
    typingTimer = window.setTimeout(run, 250);
  });
  input.addEventListener("focus", function () { loadMeta().catch(function () {}); });
  [kindSelect, areaSelect].forEach(function (select) { select.addEventListener("change", run); });
  moreButton.addEventListener("click", function () {
    var state = current;
    showMore(true).catch(function () {
      if (state !== current) { return; }
      moreButton.hidden = false;
      resultList.removeAttribute("aria-busy");
      say("Không tải được thêm kết quả. Hãy kiểm tra kết nối mạng rồi thử lại.");
    });
  });

  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  kindSelect.value = params.get("loai") || "";
  areaSelect.value = params.get("linh-vuc") || "";
  if (kindSelect.selectedIndex < 0) { kindSelect.value = ""; }
  if (areaSelect.selectedIndex < 0) { areaSelect.value = ""; }
  form.setAttribute("data-search-ready", "");
  if (input.value.trim()) { run(); }
}());
