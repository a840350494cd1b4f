/* Material for MkDocs' search box, answered by Pagefind (used above a corpus size; see README, Search).
 *
 * Material asks a web worker for results with messages {type, data}: 0 set up, 1 ready, 2 query,
 * 3 result ({items: [[page, section, ...], ...]}, titles and texts as HTML). This script stands in
 * for that worker: it loads Pagefind (from this site, never a CDN) on the first query, and Pagefind
 * fetches only the index chunks for the words typed and the excerpts of the results shown.
 */
(function () {
  "use strict";
  var NativeWorker = window.Worker;
  var here = document.currentScript ? document.currentScript.src : location.href;
  var bundle = new URL("../../pagefind/pagefind.js", here).href; // assets/annotated-reader/ -> site root
  var SHOWN = 10; // results whose excerpts are fetched
  var pagefind = null;
  var latest = 0; // only the answer to the last query reaches the search box

  function load() {
    if (!pagefind) {
      pagefind = import(bundle).then(function (pf) {
        return Promise.resolve(pf.options({ excerptLength: 24 })).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function escape(text) {
    return String(text).replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
  }

  function relative(url) { // Pagefind's "/articles/x/#y" -> "articles/x/#y", resolved by Material against the site root
    return String(url).replace(/^\/+/, "");
  }

  function item(location, title, excerpt, score, terms) { // Pagefind's excerpts are escaped, with <mark>s
    return { location: relative(location), title: escape(title), text: "<p>" + excerpt + "</p>", score: score, terms: terms };
  }

  function group(data, rank, terms) {
    var score = SHOWN - rank;
    var page = item(data.url, (data.meta && data.meta.title) || data.url, data.excerpt, score, terms);
    var sections = (data.sub_results || []).filter(function (s) { return s.url !== data.url; }).slice(0, 3);
    return [page].concat(sections.map(function (s) { return item(s.url, s.title, s.excerpt, score / 2, terms); }));
  }

  function words(query) { // Material highlights these on the page a result opens
    var terms = {};
    String(query).toLowerCase().split(/\s+/).forEach(function (w) { if (w) terms[w] = true; });
    return terms;
  }

  function search(query) {
    if (!String(query).trim()) return Promise.resolve({ items: [] });
    return load().then(function (pf) { return pf.search(query); }).then(function (found) {
      var top = found ? found.results.slice(0, SHOWN) : [];
      return Promise.all(top.map(function (r) { return r.data(); }));
    }).then(function (pages) {
      return { items: pages.map(function (data, rank) { return group(data, rank, words(query)); }) };
    }).catch(function (error) {
      console.warn("search unavailable: " + error);
      return { items: [] };
    });
  }

  class PagefindWorker extends EventTarget {
    postMessage(message) {
      var self = this;
      var n = ++latest;
      var reply = message.type === 0 ? Promise.resolve({ type: 1 }) : search(message.data).then(function (result) {
        return { type: 3, data: result };
      });
      reply.then(function (data) {
        if (n === latest || data.type === 1) self.dispatchEvent(new MessageEvent("message", { data: data }));
      });
    }
    terminate() {}
  }

  window.Worker = function (url, options) {
    if (/\/workers\/search\.[^/]*\.js/.test(String(url))) return new PagefindWorker();
    return new NativeWorker(url, options);
  };
})();
