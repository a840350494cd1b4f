/* Annotated reader: note popups, reading switches, student mode, permalinks and copy links.
 * Progressive enhancement: without JavaScript, notes are ordinary footnotes and links work. */
(function () {
  "use strict";

  var STORE = "annotated-reader";
  var KINDS = ["correction", "quote", "claim", "note", "boilerplate"];
  var MODES = ["corrected", "original", "both"];
  var root = document.documentElement;
  var script = document.currentScript;  /* assign.js sits beside this file */
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
      if (a.closest(".md-search-result")) return;
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
        closePop();
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

  /* ---- note popups ---- */

  var pop = null, popFor = null, popMarker = null, closeTimer = null, pinned = false;

  /* A passage's first piece carries the annotation's id; the pieces after a cut name it in data-ar. Those
   * assign.js turns into plain text (.ar-unassigned) open no note. */
  var PASSAGE = ":is(.ar[id], .ar[data-ar]):not(.ar-unassigned)";
  function passages(id) {
    var q = CSS.escape(id);
    return document.querySelectorAll('.ar[id="' + q + '"], .ar[data-ar="' + q + '"]');
  }
  function markerOf(id) { return document.querySelector('a.ar-ref[href="#fn:' + CSS.escape(id) + '"]'); }

  function noteContent(id) {
    var li = document.getElementById("fn:" + id);
    var frag = document.createDocumentFragment();
    if (!li) return frag;
    Array.prototype.forEach.call(li.childNodes, function (n) {
      var copy = n.cloneNode(true);
      if (copy.querySelectorAll) copy.querySelectorAll("[id]").forEach(function (x) { x.removeAttribute("id"); });
      if (copy.classList && copy.classList.contains("ar-note-links")) {
        copy.querySelectorAll(".ar-copy").forEach(function (b) { b.remove(); });
      }
      frag.append(copy);
    });
    return frag;
  }

  function rectsOf(id) {
    var rects = [];
    passages(id).forEach(function (p) { Array.prototype.push.apply(rects, Array.from(p.getClientRects())); });
    var marker = markerOf(id);
    if (marker) Array.prototype.push.apply(rects, Array.from(marker.getClientRects()));
    return rects.filter(function (r) { return r.width > 0 || r.height > 0; });
  }

  /* On a wide screen (1400 px and more) the margin right of the text is empty: the note opens there, beside
   * its passage, and covers no text. One note at a time, the same dialog: keyboard, screen readers and print
   * are as elsewhere. */
  var WIDE = 1400, BESIDE = 280;

  function besideText() {
    var article = document.querySelector(".ar-article");
    if (!article || window.innerWidth < WIDE) return null;
    var left = article.getBoundingClientRect().right + 24;
    var room = document.documentElement.clientWidth - left - 16;
    return room >= BESIDE ? { left: left, width: Math.min(room, 520) } : null;
  }

  function place(id) {
    var rects = rectsOf(id);
    if (!rects.length) return;
    var top = Math.min.apply(null, rects.map(function (r) { return r.top; }));
    var bottom = Math.max.apply(null, rects.map(function (r) { return r.bottom; }));
    var last = rects[rects.length - 1];
    var gap = 6, margin = 8;
    var side = besideText();
    pop.classList.toggle("ar-pop-margin", !!side);
    pop.style.width = side ? side.width + "px" : "";
    pop.style.left = "0px";
    pop.style.top = "0px";
    var width = pop.offsetWidth, height = pop.offsetHeight;
    if (side) {  /* level with the passage; raised as far as needed to end on screen, never under the header */
      var header = document.querySelector(".md-header");
      var ceiling = (header ? header.getBoundingClientRect().bottom : 0) + margin;
      var y0 = Math.max(Math.min(top, window.innerHeight - margin - height), Math.min(top, ceiling));
      pop.classList.remove("ar-pop-above");
      pop.style.left = side.left + window.scrollX + "px";
      pop.style.top = y0 + window.scrollY + "px";
      return;
    }
    var below = window.innerHeight - bottom - gap;
    var y = (below >= height || top - gap < height) ? bottom + gap : top - gap - height;
    var x = Math.min(Math.max(margin, last.right - width / 2), document.documentElement.clientWidth - width - margin);
    pop.classList.toggle("ar-pop-above", y < top);
    pop.style.left = Math.max(margin, x) + window.scrollX + "px";
    pop.style.top = y + window.scrollY + "px";
  }

  /* A pinned note (opened by a click, a tap or a permalink) stays open until Escape, a click
   * elsewhere or another note; a note opened by hover or focus closes when the reader moves on. */
  function openPop(id, marker, pin) {
    clearTimeout(closeTimer);
    if (popFor === id && pop && !pop.hidden) { pinned = pinned || !!pin; return; }
    pinned = !!pin;
    closePop(false);
    if (!document.getElementById("fn:" + id)) return;
    if (!pop) {
      pop = el("div", { id: "ar-pop", "class": "ar-pop md-typeset", role: "dialog", "aria-modal": "false" });
      pop.addEventListener("mouseenter", function () { clearTimeout(closeTimer); });
      pop.addEventListener("mouseleave", scheduleClose);
      pop.addEventListener("focusout", function (e) {
        if (!pop.contains(e.relatedTarget) && e.relatedTarget !== popMarker) scheduleClose();
      });
      document.body.append(pop);
    }
    pop.replaceChildren(noteContent(id));
    enhanceNote(pop, id);
    pop.setAttribute("aria-label", marker ? labelOf(marker) : id);
    pop.dataset.for = id;
    pop.hidden = false;
    popFor = id;
    popMarker = marker || markerOf(id);
    if (popMarker) {
      popMarker.setAttribute("aria-expanded", "true");
      popMarker.setAttribute("aria-controls", "ar-pop");
    }
    passages(id).forEach(function (p) { p.classList.add("ar-active"); });
    place(id);
  }

  /* "Correction 3": the marker's name (reader.css draws its symbol and gives the kind's name as alt text;
   * the note's label says the same word). */
  function labelOf(marker) {
    if (marker.hasAttribute("aria-label")) return marker.getAttribute("aria-label");
    var label = document.querySelector('[id="' + marker.getAttribute("href").slice(1) + '"] .ar-label');
    return (label ? label.textContent.trim() + " " : "") + marker.textContent.trim();
  }

  var refocusing = false;

  function closePop(restoreFocus) {
    clearTimeout(closeTimer);
    if (!pop || pop.hidden) return;
    var hadFocus = pop.contains(document.activeElement);
    pop.hidden = true;
    if (popFor) passages(popFor).forEach(function (p) { p.classList.remove("ar-active"); });
    if (popMarker) {
      popMarker.setAttribute("aria-expanded", "false");
      if (restoreFocus || hadFocus) {
        refocusing = true;  /* focus goes back to the marker without reopening its note */
        popMarker.focus({ preventScroll: true });
        refocusing = false;
      }
    }
    popFor = null;
  }

  /* A note in the margin covers nothing: it stays until another note opens, Escape or a click elsewhere. */
  function beside() { return !!pop && pop.classList.contains("ar-pop-margin"); }

  function scheduleClose() {
    clearTimeout(closeTimer);
    if (pinned || beside()) return;
    closeTimer = setTimeout(function () {
      if (pinned) return;
      if (pop && (pop.matches(":hover") || pop.contains(document.activeElement))) return;
      if (popMarker && popMarker === document.activeElement) return;
      closePop(false);
    }, 300);
  }

  /* The annotation a node belongs to: its marker, or the innermost passage around it (closest()),
   * since nested passages each have their own note. Nothing inside the popup counts. */
  function idOf(node) {
    if (!node.closest || node.closest(".ar-pop")) return null;
    var marker = node.closest("a.ar-ref");
    if (marker) return { id: marker.getAttribute("href").slice(4), marker: marker };
    var passage = node.closest(PASSAGE);
    if (passage) {
      var id = passage.id || passage.getAttribute("data-ar");
      return { id: id, marker: markerOf(id) };
    }
    return null;
  }

  function focusables(scope) {
    return Array.from(scope.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]"))
      .filter(function (n) { return n.tabIndex >= 0 && !n.disabled && n.getClientRects().length > 0; });
  }

  /* The popup lives at the end of the page, so Tab is routed through it as if it followed its marker. */
  function routeTab(e) {
    if (e.key !== "Tab" || !pop || pop.hidden || !popMarker) return;
    if (!pinned && !pop.contains(document.activeElement)) return;  /* a note opened by focus: Tab moves on */
    var inside = focusables(pop);
    if (!inside.length) return;
    var active = document.activeElement;
    if (active === popMarker && !e.shiftKey) {
      e.preventDefault();
      inside[0].focus();
    } else if (active === inside[0] && e.shiftKey) {
      e.preventDefault();
      popMarker.focus();
    } else if (active === inside[inside.length - 1] && !e.shiftKey) {
      var all = focusables(document).filter(function (n) { return !pop.contains(n); });
      var next = all[all.indexOf(popMarker) + 1];
      e.preventDefault();
      closePop(false);
      if (next) next.focus(); else popMarker.focus();
    }
  }

  var touch = false;

  /* A click that ends a text selection is not a tap on the passage. */
  function selecting() {
    var sel = window.getSelection && window.getSelection();
    return !!sel && !sel.isCollapsed && String(sel).trim() !== "";
  }

  function bindPopups(text) {
    text.addEventListener("pointerdown", function (e) { touch = e.pointerType === "touch"; });
    var hoverTimer = null;
    text.addEventListener("mouseover", function (e) {
      clearTimeout(hoverTimer);
      if (touch || (pinned && pop && !pop.hidden)) return;
      var hit = idOf(e.target);
      if (!hit) return;
      /* on the way to a note in the margin the pointer crosses other passages: only a pause there switches */
      if (beside() && !pop.hidden && popFor !== hit.id) {
        hoverTimer = setTimeout(function () { openPop(hit.id, hit.marker); }, 300);
      } else {
        openPop(hit.id, hit.marker);
      }
    });
    text.addEventListener("mouseout", function (e) {
      var hit = idOf(e.target);
      var to = e.relatedTarget && idOf(e.relatedTarget);
      if (hit && !(to && to.id === hit.id) && !(pop && pop.contains(e.relatedTarget))) scheduleClose();
    });
    text.addEventListener("focusin", function (e) {
      if (refocusing) return;
      var hit = e.target.matches("a.ar-ref") && idOf(e.target);
      if (hit) openPop(hit.id, hit.marker);
    });
    text.addEventListener("focusout", function (e) {
      if (e.target.matches("a.ar-ref") && !(pop && pop.contains(e.relatedTarget))) scheduleClose();
    });
    text.addEventListener("click", function (e) {
      var marker = e.target.closest("a.ar-ref");
      if (!marker && (e.target.closest("a[href], summary, button, input, select") || selecting())) return;
      var hit = idOf(e.target);
      if (!hit) return;
      if (marker) e.preventDefault();  /* a tap or click opens the note here instead of jumping to the list */
      if (popFor === hit.id && pop && !pop.hidden && pinned) closePop(false); else openPop(hit.id, hit.marker, true);
    });
  }

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && pop && !pop.hidden) { e.preventDefault(); closePop(true); }
    routeTab(e);
  });
  document.addEventListener("pointerdown", function (e) {
    if (pop && !pop.hidden && !pop.contains(e.target) && !idOf(e.target)) closePop(false);
  });
  window.addEventListener("resize", function () { if (popFor) place(popFor); });
  /* Print lists every note: the folded list opens for printing and folds back afterwards. */
  var reopen = [];
  window.addEventListener("beforeprint", function () {
    closePop(false);
    reopen = Array.from(document.querySelectorAll("details.ar-notes-box:not([open])"));
    reopen.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    reopen.forEach(function (d) { d.open = false; });
    reopen = [];
  });

  /* ---- copy link and permalinks ---- */

  var status = null;

  function announce(message) {
    if (!status) {
      status = el("div", { "class": "ar-sr-status", role: "status", "aria-live": "polite" });
      document.body.append(status);
    }
    status.textContent = message;
  }

  function permalink(id) {
    var url = new URL(location.href);
    url.hash = id;
    return url.href;
  }

  function copy(text, button) {
    var done = function () {
      button.textContent = "Link copied";
      announce("Link copied: " + text);
      setTimeout(function () { button.textContent = "Copy link"; }, 2000);
    };
    var fallback = function () { if (legacyCopy(text)) done(); else prompt("Copy this link:", text); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }

  function legacyCopy(text) {
    var field = el("textarea", { readonly: "", "aria-hidden": "true", "class": "ar-sr" });
    field.value = text;
    document.body.append(field);
    field.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    field.remove();
    return ok;
  }

  function enhanceNote(container, id) {
    container.querySelectorAll(".ar-note-links").forEach(function (links) {
      if (links.querySelector(".ar-copy")) return;
      var button = el("button", { type: "button", "class": "ar-copy" }, ["Copy link"]);
      button.addEventListener("click", function () { copy(permalink(id), button); });
      links.append(" ", button);
    });
  }

  /* "Cite: “Title”, outlet, date; annotated reader, quote “id”. https://…/#id", from the article's
   * data-cite and data-url: one line to cite each note, written here rather than 20 times per page. */
  function cite(li, id) {
    var article = li.closest(".ar-article[data-cite]");
    if (!article || li.querySelector(".ar-cite")) return;
    var label = li.querySelector(".ar-label");
    var kind = label ? label.textContent.trim().toLowerCase() : "annotation";
    var text = "Cite: " + article.dataset.cite + "; annotated reader, " + kind + " “" + id + "”. " + article.dataset.url + "#" + id;
    li.insertBefore(el("p", { "class": "ar-cite", "data-search-exclude": "" }, [text]), li.querySelector(".ar-note-links"));
  }

  function enhanceNotes() {
    document.querySelectorAll(".ar-notes li[id^='fn:']").forEach(function (li) {
      cite(li, li.id.slice(3));
      enhanceNote(li, li.id.slice(3));
    });
  }

  /* ---- assignments: assign.js (which brings handout.css) only for the readers who use them ---- */

  var assign = { state: "", then: [] };

  /* A script of this folder, added to the page once; ``loaded`` runs when it has run. */
  function loadScript(name, loaded) {
    if (!script) return;
    var tag = el("script", { src: script.src.replace(/reader\.js(\?.*)?$/, name) });
    tag.addEventListener("load", loaded);
    document.body.append(tag);
  }

  function loadAssign(then) {
    if (then) assign.then.push(then);
    if (assign.state) return;
    assign.state = "loading";
    loadScript("assign.js", function () {
      assign.state = "loaded";
      assign.then.splice(0).forEach(function (f) { f(); });
    });
  }

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

  /* "Add to assignment" in every note; the first press loads assign.js, which then handles it. */
  function assignButtons() {
    document.querySelectorAll(".ar-article[data-cite] .ar-notes li[id^='fn:'] .ar-note-links").forEach(function (links) {
      links.append(" ", el("button", { type: "button", "class": "ar-assign-add", "data-id": links.closest("li").id.slice(3),
        "aria-pressed": "false" }, ["Add to assignment"]));
    });
  }

  document.addEventListener("click", function (e) {
    var button = assign.state !== "loaded" && e.target.closest && e.target.closest("button.ar-assign-add");
    if (button) loadAssign(function () { button.click(); });
  });
  /* A link followed on this page that puts a query after the "#": loaded as the assignment it is. */
  window.addEventListener("hashchange", function () {
    if (!assign.state && /\?|%3F/i.test(location.hash)) location.reload();
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
    openPop(id, markerOf(id), true);
  }

  /* Material leaves its search dialog unnamed, and a navigation section that has an index page is
   * labelled by an icon-only toggle; name them so assistive technology can tell them apart. */
  function nameMaterialLandmarks() {
    var search = document.querySelector('.md-search[role="dialog"]');
    if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search");
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
      loadScript("pagefind-search.js");
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
    enhanceNotes();
    assignButtons();
    printCitation();
    var article = document.querySelector(".ar-article");
    if (article) bindPopups(article);
    window.addEventListener("hashchange", followHash);
    followHash();
    if (needsAssign()) loadAssign();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
