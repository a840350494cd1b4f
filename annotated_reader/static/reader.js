/* Annotated reader: reading switches, student mode, the search box, permalinks; note popups and Copy link come
 * with notes.js, which this script adds on the reader's first move towards a note.
 * Progressive enhancement: without JavaScript, notes are ordinary footnotes and links work. */
(function () {
  "use strict";

  var STORE = "annotated-reader";
  var KINDS = ["correction", "quote", "claim", "note", "boilerplate"];
  var MODES = ["corrected", "original", "both"];
  var root = document.documentElement;
  var script = document.currentScript;  /* notes.js, assign.js and pagefind-search.js sit beside this file */
  root.classList.add("ar-js");

  /* ---- settings: kinds and corrections in localStorage; student mode from the URL or the switch ---- */

  function load() {
    var saved = {};
    try { saved = JSON.parse(localStorage.getItem(STORE) || "{}") || {}; } catch (e) { saved = {}; }
    return {
      hidden: Array.isArray(saved.hidden) ? saved.hidden.filter(function (k) { return KINDS.indexOf(k) >= 0; }) : [],
      corrections: MODES.indexOf(saved.corrections) >= 0 ? saved.corrections : "corrected"
    };
  }

  function save(settings) {
    try { localStorage.setItem(STORE, JSON.stringify(settings)); } catch (e) { /* private mode: not remembered */ }
  }

  function studentFromUrl() {
    return new URLSearchParams(location.search).get("mode") === "student";
  }

  var settings = load();
  var student = studentFromUrl();

  function apply() {
    KINDS.forEach(function (k) { root.classList.toggle("ar-hide-" + k, settings.hidden.indexOf(k) >= 0); });
    MODES.forEach(function (m) { root.classList.toggle("ar-corrections-" + m, settings.corrections === m); });
    root.classList.toggle("ar-student", student);
  }
  apply();  /* before first paint of the content, as far as a deferred script allows */

  /* Internal links carry ?mode=student while student mode is on. */
  function carryMode() {
    var here = location.origin;
    document.querySelectorAll("a[href]").forEach(function (a) {
      var url;
      try { url = new URL(a.getAttribute("href"), location.href); } catch (e) { return; }
      if (url.origin !== here || /\.(json|jsonld|xml|txt)$/.test(url.pathname)) return;
      var samePage = url.pathname === location.pathname && url.hash;
      if (samePage && a.getAttribute("href").charAt(0) === "#") return;
      if (student) url.searchParams.set("mode", "student"); else url.searchParams.delete("mode");
      a.setAttribute("href", url.pathname + url.search + url.hash);
    });
  }

  function setStudent(on) {
    student = on;
    var url = new URL(location.href);
    if (on) url.searchParams.set("mode", "student"); else url.searchParams.delete("mode");
    history.replaceState(history.state, "", url.pathname + url.search + url.hash);
    apply();
    carryMode();
    document.querySelectorAll('input[name="ar-student"]').forEach(function (i) { i.checked = on; });
  }

  /* ---- controls ---- */

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }

  function kindSwitches(legend) {
    var box = el("fieldset", { "class": "ar-switches" }, [el("legend", {}, ["Show"])]);
    KINDS.forEach(function (k) {
      var sample = legend && legend.querySelector(".ar-legend-" + k + " .ar-sample");
      var count = legend && legend.querySelector(".ar-legend-" + k + " .ar-count");
      if (legend && !sample) return;  /* a kind the text does not have: no switch for it */
      var input = el("input", { type: "checkbox", role: "switch", name: "ar-kind", value: k });
      input.checked = settings.hidden.indexOf(k) < 0;
      input.addEventListener("change", function () {
        settings.hidden = KINDS.filter(function (x) {
          var i = box.querySelector('input[value="' + x + '"]');
          return i && !i.checked;
        });
        save(settings);
        apply();
        closeNote();
      });
      var label = el("label", { "class": "ar-switch ar-switch-" + k }, [input, " "]);
      label.append(sample ? sample.cloneNode(true) : k);
      if (count) label.append(" ", el("span", { "class": "ar-count", "aria-label": "(" + count.textContent + ")" }, [count.textContent]));
      box.append(label);
    });
    return box;
  }

  /* How corrections read: a compact menu, offered only when the text has corrections; "as published"
   * rather than "machine translation" unless the article says it is one. */
  function correctionSwitch(header) {
    var machine = header.hasAttribute("data-machine");
    var select = el("select", { name: "ar-corrections" });
    [["corrected", "corrected"], ["original", machine ? "machine translation" : "as published"], ["both", "both, changes marked"]]
      .forEach(function (pair) {
        var option = el("option", { value: pair[0] }, [pair[1]]);
        option.selected = settings.corrections === pair[0];
        select.append(option);
      });
    select.addEventListener("change", function () {
      settings.corrections = select.value;
      save(settings);
      apply();
    });
    return el("label", { "class": "ar-modes" }, ["Text: ", select]);
  }

  function studentSwitch() {
    var input = el("input", { type: "checkbox", role: "switch", name: "ar-student" });
    input.checked = student;
    input.addEventListener("change", function () { setStudent(input.checked); });
    return el("label", { "class": "ar-switch ar-student-switch", title: "Hide claim statuses and correction notes so students judge first" },
      [input, " Student mode"]);
  }

  function buildControls() {
    var header = document.querySelector(".ar-article .ar-header");
    if (header) {
      var legend = header.querySelector(".ar-legend");
      var parts = [kindSwitches(legend)];
      if (!legend || legend.querySelector(".ar-legend-correction")) parts.push(correctionSwitch(header));
      parts.push(studentSwitch());
      var controls = el("div", { "class": "ar-controls", role: "group", "aria-label": "Reading options" }, parts);
      if (legend) legend.replaceWith(controls); else header.append(controls);
    }
    var slots = document.querySelectorAll(".ar-mode-slot");
    root.classList.toggle("ar-verdict-page", slots.length > 0);
    slots.forEach(function (slot) {
      slot.append(el("div", { "class": "ar-controls", role: "group", "aria-label": "Reading options" }, [studentSwitch()]));
    });
  }

  /* ---- notes: notes.js (popups, margin notes, Copy link, citation lines) when a reader first goes for one ---- */

  /* A passage's first piece carries the annotation's id; the pieces after a cut name it in data-ar. Those
   * assign.js turns into plain text (.ar-unassigned) open no note. */
  var PASSAGE = ":is(.ar[id], .ar[data-ar]):not(.ar-unassigned)";
  function passages(id) {
    var q = CSS.escape(id);
    return document.querySelectorAll('.ar[id="' + q + '"], .ar[data-ar="' + q + '"]');
  }
  function markerOf(id) { return document.querySelector('a.ar-ref[href="#fn:' + CSS.escape(id) + '"]'); }

  /* What notes.js shares with this script; ``early`` holds the events of the text it has yet to answer. */
  var R = window.annotatedReader = { el: el, passages: passages, markerOf: markerOf, PASSAGE: PASSAGE, early: [] };
  var parts = {}, waiting = [];

  /* A script or stylesheet of this folder, added to the page once; each ``then`` runs when it has come. */
  function loadPart(name, then) {
    var part = parts[name] = parts[name] || { state: "", then: [] };
    if (then) part.then.push(then);
    if (part.state === "loaded") { part.then.splice(0).forEach(function (f) { f(); }); return; }
    if (part.state || !script) return;
    part.state = "loading";
    var src = script.src.replace(/reader\.js(\?.*)?$/, name);
    var css = /\.css$/.test(name);
    var tag = css ? el("link", { rel: "stylesheet", href: src }) : el("script", { src: src });
    var done = function () {
      part.state = "loaded";
      part.then.splice(0).forEach(function (f) { f(); });
    };
    tag.addEventListener("load", done);
    if (css) tag.addEventListener("error", done);  /* unstyled notes rather than none */
    (css ? document.head : document.body).append(tag);
  }
  R.load = loadPart;

  /* notes.js and its notes.css are asked for together; notes.js starts when both are here (R.ready). */
  function withNotes(then) {
    if (R.notes) { then(R.notes); return; }
    waiting.push(then);
    loadPart("notes.css");
    loadPart("notes.js");
  }
  R.ready = function (notes) {
    R.notes = notes;
    waiting.splice(0).forEach(function (f) { f(notes); });
  };
  function closeNote() { if (R.notes) R.notes.close(false); }

  /* Until notes.js has come, the text's events are kept for it: the first that reaches a passage or a
   * marker (a touch, a click, the pointer over it, a Tab onto a marker) sends for it, and notes.js answers
   * them all in order. A marker's link would jump to the notes list: the note opens here instead. */
  var TEXT_EVENTS = ["pointerdown", "mouseover", "mouseout", "focusin", "focusout", "click"];
  function keep(e) {
    if (R.notes) return;
    var hit = e.target.closest && e.target.closest(PASSAGE + ", a.ar-ref");
    if (hit && e.type === "click" && hit.matches("a.ar-ref")) e.preventDefault();
    if (!hit && !R.early.length) return;
    R.early.push(e);
    withNotes(function () {});
  }

  function bindNotes(article) {
    TEXT_EVENTS.forEach(function (type) { article.addEventListener(type, keep); });
    /* unfolding the notes list: their citation lines and Copy link buttons */
    document.addEventListener("toggle", function (e) {
      if (e.target.matches && e.target.matches("details.ar-notes-box") && e.target.open) withNotes(function () {});
    }, true);
  }

  /* Print lists every note: the folded list opens for printing and folds back afterwards. */
  var reopen = [];
  window.addEventListener("beforeprint", function () {
    reopen = Array.from(document.querySelectorAll("details.ar-notes-box:not([open])"));
    reopen.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    reopen.forEach(function (d) { d.open = false; });
    reopen = [];
  });

  /* ---- assignments: assign.js (which brings handout.css) only for the readers who use them ---- */

  function loadAssign(then) { loadPart("assign.js", then); }

  /* An assignment link (or one with its query misplaced after the "#"), a checklist to fill in, or
   * annotations this reader has already picked for an assignment of this page. */
  function needsAssign() {
    if (/[?&](assign|spot|key)=/.test(location.search) || /\?|%3F/i.test(location.hash)) return true;
    if (document.querySelector("form.ar-assign-builder")) return true;
    try {
      var picked = JSON.parse(localStorage.getItem("annotated-reader-assignment") || "{}") || {};
      return Array.isArray(picked[location.pathname]) && picked[location.pathname].length > 0;
    } catch (e) { return false; }
  }

  /* "Add to assignment" in every note (notes.js writes it): the first press loads assign.js, which then handles it. */
  document.addEventListener("click", function (e) {
    var button = (parts["assign.js"] || {}).state !== "loaded" && e.target.closest && e.target.closest("button.ar-assign-add");
    if (button) loadAssign(function () { button.click(); });
  });
  /* A link followed on this page that puts a query after the "#": loaded as the assignment it is. */
  window.addEventListener("hashchange", function () {
    if (!parts["assign.js"] && /\?|%3F/i.test(location.hash)) location.reload();
  });

  /* One citation line for every printout (reader.css shows it only on paper; assign.js rewrites it for one). */
  function printCitation() {
    var article = document.querySelector(".ar-article[data-cite]");
    var h1 = article && article.querySelector("h1");
    if (!h1 || article.querySelector(".ar-print-cite")) return;
    h1.after(el("p", { "class": "ar-print-cite" }, ["Source: " + article.dataset.cite + ". Annotated reader: " + article.dataset.url]));
  }

  /* The fragment as an id: a malformed escape ("#%", "#%E0%A4%A") is taken as written, not thrown. */
  function hashId() {
    var raw = location.hash.slice(1);
    try {
      return decodeURIComponent(raw);
    } catch (e) {
      return raw;
    }
  }

  function followHash() {
    var id = hashId();
    document.querySelectorAll(".ar-target").forEach(function (t) { t.classList.remove("ar-target"); });
    if (!id) return;
    var target = document.getElementById(id);
    if (!target || !target.matches(PASSAGE)) return;
    passages(id).forEach(function (p) { p.classList.add("ar-target"); });
    target.scrollIntoView({ block: "center" });
    withNotes(function (notes) { notes.open(id, markerOf(id), true); });
  }

  /* A navigation section that has an index page is labelled by Material with an icon-only toggle; name it
   * so assistive technology can tell the sections apart. (Material's search, with its unnamed dialog, is off.) */
  function nameMaterialLandmarks() {
    document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach(function (nav) {
      var label = document.getElementById(nav.getAttribute("aria-labelledby"));
      if (label && label.textContent.trim()) return;
      var item = nav.parentElement;
      var title = item && item.querySelector(
        ":scope > .md-nav__container > a.md-nav__link, :scope > label.md-nav__link, :scope > a.md-nav__link");
      if (title && title.textContent.trim()) {
        nav.removeAttribute("aria-labelledby");
        nav.setAttribute("aria-label", title.textContent.trim());
      }
    });
  }

  /* Material writes "Skip to content" only on pages with a table of contents; an article has none. */
  function skipLink() {
    var title = document.querySelector(".ar-article h1");
    if (!title || document.querySelector("a.md-skip")) return;
    if (!title.id) title.id = "ar-title";
    title.setAttribute("tabindex", "-1");
    document.body.prepend(el("a", { href: "#" + title.id, "class": "md-skip" }, ["Skip to content"]));
  }

  /* ---- the search box: its script (pagefind-search.js, then Pagefind) loads when a reader starts to search ---- */

  /* What Zensical's header has beside Material's, left out of the way: an empty slot for the repository
   * link (12rem of the page title's room) and, for the one colour scheme, a hidden radio button that was
   * a stop of the Tab key (Zensical writes the palette as a list even when mkdocs.yml gives a mapping). */
  function tidy(header) {
    var source = header.querySelector(".md-header__source");
    if (source && !source.firstElementChild) source.remove();
    header.querySelectorAll("input.md-option[aria-hidden='true']").forEach(function (radio) { radio.tabIndex = -1; });
    return header.querySelector(".md-header__source");
  }

  /* The box is here from the start (no shift when the script comes); focusing it (Tab, a tap, a click),
   * typing or Enter loads pagefind-search.js, which answers what is typed by then and from then on. */
  function searchBox() {
    var header = document.querySelector(".md-header__inner");
    if (!header || document.getElementById("ar-search-input")) return;
    var input = el("input", {
      type: "search", id: "ar-search-input", name: "q", placeholder: "Search", autocomplete: "off", spellcheck: "false"
    });
    var panel = el("div", { "class": "ar-search-results", id: "ar-search-results", role: "region", "aria-label": "Search results" });
    panel.hidden = true;
    var form = el("form", { "class": "ar-search", role: "search", "aria-label": "Site" }, [
      el("label", { "for": "ar-search-input", "class": "ar-sr" }, ["Search the articles and notes"]), input, panel
    ]);
    var wanted = false;
    function want(e) {
      if (e.type === "submit") e.preventDefault();
      if (wanted || form.hasAttribute("data-ready")) return;
      wanted = true;
      loadPart("pagefind-search.js");
    }
    ["focusin", "input", "submit"].forEach(function (type) { form.addEventListener(type, want); });
    header.insertBefore(form, tidy(header));
  }

  function start() {
    searchBox();
    skipLink();
    nameMaterialLandmarks();
    buildControls();
    carryMode();
    printCitation();
    var article = document.querySelector(".ar-article");
    if (article) bindNotes(article);
    window.addEventListener("hashchange", followHash);
    followHash();
    if (needsAssign()) loadAssign();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
