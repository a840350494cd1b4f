/* Annotated reader: the search box in the header, answered by Pagefind (README, Search).
 *
 * Nothing is downloaded until a reader searches: Pagefind's script and index (from this site, never a
 * CDN) load when the box is first focused or typed in, and Pagefind then fetches only the index chunks
 * for the words typed and the excerpts of the results shown. Results are page titles with a short
 * excerpt of the corrected text (the build leaves markers and original wordings out of the excerpts).
 */
(function () {
  "use strict";
  var here = document.currentScript ? document.currentScript.src : location.href;
  var siteRoot = new URL("../../", here); // assets/annotated-reader/ -> site root
  var bundle = new URL("pagefind/pagefind.js", siteRoot).href;
  var SHOWN = 8;
  var pagefind = null;
  var latest = 0;

  function load() {
    if (!pagefind) {
      pagefind = import(bundle).then(function (pf) {
        // baseUrl "/": result URLs relative to the site root (pageUrl places them). Pagefind's default, the
        // folder of its bundle, would put a sub-path site's path in front a second time.
        return Promise.resolve(pf.options({ excerptLength: 24, baseUrl: "/" })).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }

  function pageUrl(url) { // Pagefind's "/articles/x/" is relative to the site root, wherever it is served
    var target = new URL(String(url).replace(/^\/+/, ""), siteRoot);
    if (new URLSearchParams(location.search).get("mode") === "student") target.searchParams.set("mode", "student");
    return target.pathname + target.search + target.hash;
  }

  /* Pagefind's excerpt is escaped text with <mark> around the words found: kept as marks, nothing else.
   * Entities are decoded by a detached <textarea> (text only, and the spaces around a mark kept: a
   * parsed document drops a part's leading space, which glued "Sudzha." to the next word). */
  var decoder = document.createElement("textarea");
  function unescape(part) { decoder.innerHTML = part; return decoder.value; }

  function excerpt(html) {
    var p = el("p", { "class": "ar-search-excerpt" });
    String(html || "").split(/(<mark>|<\/mark>)/).reduce(function (marked, part) {
      if (part === "<mark>") return true;
      if (part === "</mark>") return false;
      var text = unescape(part);
      p.append(marked ? el("mark", {}, [text]) : text);
      return marked;
    }, false);
    return p;
  }

  function show(panel, query, pages) {
    panel.replaceChildren();
    if (!pages.length) {
      panel.append(el("p", { "class": "ar-search-none" }, ["Nothing found for “" + query + "”."]));
    } else {
      var list = el("ol", { "class": "ar-search-list" });
      pages.forEach(function (data) {
        var title = (data.meta && data.meta.title) || data.url;
        list.append(el("li", {}, [el("a", { href: pageUrl(data.url) }, [title]), excerpt(data.excerpt)]));
      });
      panel.append(list);
    }
    panel.hidden = false;
  }

  function search(query, panel) {
    var n = ++latest;
    if (!query.trim()) { panel.hidden = true; return; }
    load().then(function (pf) { return pf.search(query); }).then(function (found) {
      var top = found ? found.results.slice(0, SHOWN) : [];
      return Promise.all(top.map(function (r) { return r.data(); }));
    }).then(function (pages) {
      if (n === latest) show(panel, query, pages);
    }).catch(function () {
      if (n !== latest) return;
      panel.replaceChildren(el("p", { "class": "ar-search-none" }, ["Search is not available on this copy of the site."]));
      panel.hidden = false;
    });
  }

  function box() {
    var input = el("input", {
      type: "search", id: "ar-search-input", name: "q", placeholder: "Search", autocomplete: "off", spellcheck: "false"
    });
    var panel = el("div", { "class": "ar-search-results", id: "ar-search-results", role: "region", "aria-label": "Search results", "aria-live": "polite" });
    panel.hidden = true;
    var form = el("form", { "class": "ar-search", role: "search", "aria-label": "Site" }, [
      el("label", { "for": "ar-search-input", "class": "ar-sr" }, ["Search the articles and notes"]), input, panel
    ]);
    var timer = null;
    input.addEventListener("focus", load, { once: true });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { search(input.value, panel); }, 150);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); search(input.value, panel); });
    form.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !panel.hidden) { panel.hidden = true; input.focus(); }
    });
    document.addEventListener("pointerdown", function (e) { if (!form.contains(e.target)) panel.hidden = true; });
    return form;
  }

  /* What Zensical's header has beside Material's, left out of the way: an empty slot for the repository
   * link (12rem of the page title's room) and, for the one colour scheme, a hidden radio button that was
   * a stop of the Tab key (Zensical writes the palette as a list even when mkdocs.yml gives a mapping). */
  function tidy(header) {
    var source = header.querySelector(".md-header__source");
    if (source && !source.firstElementChild) source.remove();
    header.querySelectorAll("input.md-option[aria-hidden='true']").forEach(function (radio) { radio.tabIndex = -1; });
    return header.querySelector(".md-header__source");
  }

  function start() {
    var header = document.querySelector(".md-header__inner");
    if (!header || document.getElementById("ar-search-input")) return;
    header.insertBefore(box(), tidy(header));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
