/* Annotated reader: answers the header's search box (made by reader.js) with Pagefind (README, Search).
 *
 * Nothing is downloaded until a reader searches: reader.js loads this script when the box is first
 * focused or typed in, and this script loads Pagefind's (from this site, never a CDN); Pagefind then
 * fetches only the index chunks for the words typed and the excerpts of the results shown. Results are
 * page titles with a short excerpt of the corrected text (the build leaves markers and original wordings
 * out of the excerpts), five at a time: "More results" fetches the next five excerpts, as Pagefind's own
 * interface does, so a first query at 10,000 articles stays small.
 */
(function () {
  "use strict";
  var here = document.currentScript ? document.currentScript.src : location.href;
  var siteRoot = new URL("../../", here); // assets/annotated-reader/ -> site root
  var bundle = new URL("pagefind/pagefind.js", siteRoot).href;
  var PAGE = 5;
  var pagefind = null;
  var latest = 0;
  /* The results panel's look, here rather than in reader.css: no page carries it until a reader searches. */
  var STYLE = [
    ".ar-search-results { position: absolute; right: 0; top: 2.2rem; z-index: 5; box-sizing: border-box;",
    " width: min(34rem, calc(100vw - 1rem)); max-height: 70vh; overflow: auto; padding: 0.4rem 0.8rem;",
    " font-size: 0.7rem; line-height: 1.45; color: var(--md-default-fg-color); background: var(--md-default-bg-color);",
    " border-radius: 0.2rem; box-shadow: 0 0.2rem 0.8rem rgba(0, 0, 0, 0.25); }",
    ".ar-search-results[hidden], .ar-search-more[hidden] { display: none; }",
    ".ar-search-list { margin: 0; padding: 0; list-style: none; }",
    ".ar-search-list li { padding: 0.35rem 0; border-bottom: 1px solid var(--md-default-fg-color--lightest); }",
    ".ar-search-list a { font-weight: 700; color: var(--md-typeset-a-color); display: inline-block; min-height: 24px; }",
    ".ar-search-excerpt { margin: 0.1rem 0 0; color: var(--md-default-fg-color--light); }",
    ".ar-search-excerpt mark { background: rgba(255, 196, 0, 0.45); color: inherit; }",
    ".ar-search-count { margin: 0.2rem 0; color: var(--md-default-fg-color--light); }",
    ".ar-search-more { margin: 0.5rem 0 0.2rem; min-height: 24px; padding: 0.2rem 0.8rem; font: inherit; font-weight: 700;",
    " cursor: pointer; color: var(--md-typeset-a-color); background: none; border: 1px solid currentColor;",
    " border-radius: 0.2rem; }"
  ].join("");

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

  function item(data) {
    var title = (data.meta && data.meta.title) || data.url;
    return el("li", {}, [el("a", { href: pageUrl(data.url) }, [title]), excerpt(data.excerpt)]);
  }

  function counted(view) {
    var n = view.results.length;
    var found = (n === 1 ? "1 result" : n + " results") + " for “" + view.query + "”";
    return view.shown < n ? found + ", showing " + view.shown : found;
  }

  /* The panel: a status line (read out by screen readers: how many results, or none), the list, and
   * "More results" while some are not shown. The status line stays in place; only its words change. */
  function panelOf(form) {
    var panel = form.querySelector(".ar-search-results");
    var view = {
      panel: panel,
      status: el("p", { "class": "ar-search-count", role: "status" }),
      list: el("ol", { "class": "ar-search-list" }),
      button: el("button", { type: "button", "class": "ar-search-more" }, ["More results"]),
      query: "",
      results: [],
      shown: 0
    };
    view.button.hidden = true;
    view.button.addEventListener("click", function () {
      var n = latest;
      more(view, n, false).then(function (first) { if (first && n === latest) first.querySelector("a").focus(); });
    });
    panel.replaceChildren(view.status, view.list, view.button);
    return view;
  }

  function say(view, text, none) {
    view.panel.hidden = false;
    view.status.classList.toggle("ar-search-none", !!none);
    view.status.textContent = text;
  }

  /* The next five results: their excerpts fetched (Pagefind's data()), then added to the list (or, for a
   * new query, put in place of the last query's, so the list never flashes empty). */
  function more(view, n, fresh) {
    var next = view.results.slice(view.shown, view.shown + PAGE);
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (pages) {
      if (n !== latest) return null;
      var items = pages.map(item);
      if (fresh) view.list.replaceChildren.apply(view.list, items); else view.list.append.apply(view.list, items);
      view.shown += items.length;
      view.button.hidden = view.shown >= view.results.length;
      say(view, counted(view));
      return items[0] || null;
    });
  }

  function search(query, view) {
    var n = ++latest;
    if (!query.trim()) { view.panel.hidden = true; return; }
    load().then(function (pf) { return pf.search(query); }).then(function (found) {
      if (n !== latest) return null;
      view.query = query.trim();
      view.results = found ? found.results : [];
      view.shown = 0;
      view.button.hidden = true;
      if (view.results.length) return more(view, n, true);
      view.list.replaceChildren();
      return say(view, "Nothing found for “" + view.query + "”.", true);
    }).catch(function () {
      if (n === latest) say(view, "Search is not available on this copy of the site.", true);
    });
  }

  function start() {
    var form = document.querySelector("form.ar-search");
    if (!form || form.hasAttribute("data-ready")) return;
    form.setAttribute("data-ready", "");
    document.head.append(el("style", {}, [STYLE]));
    var input = form.querySelector("input");
    var view = panelOf(form);
    var timer = null;
    input.addEventListener("focus", load);
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { search(input.value, view); }, 150);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); search(input.value, view); });
    form.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !view.panel.hidden) { view.panel.hidden = true; input.focus(); }
    });
    document.addEventListener("pointerdown", function (e) { if (!form.contains(e.target)) view.panel.hidden = true; });
    if (input.value.trim()) search(input.value, view); // typed while this script was on its way
    else if (form.contains(document.activeElement)) load();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
