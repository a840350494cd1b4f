/* Annotated reader: assignments. Loaded by reader.js, only when a page needs it (an assignment link, a
 * checklist, annotations already picked, or the first press of "Add to assignment"); brings handout.css.
 *
 * An assignment is one article with the annotations a teacher chose, opened in student mode:
 *   …/articles/<slug>/?mode=student&assign=<id>,<id>   (&key=1 answer key, &spot=1 spot the errors,
 *                                                      &questions=0 without the discussion questions)
 * Here: reading that link (and misordered ones), the view and its task panel, the printed handout,
 * the "Add to assignment" buttons and tray on article pages, and the checklists of the For teachers page. */
(function () {
  "use strict";

  var root = document.documentElement;
  if (document.currentScript) {
    document.head.append(el("link", { rel: "stylesheet", href: document.currentScript.src.replace(/assign\.js(\?.*)?$/, "handout.css") }));
  }
  var STORE = "annotated-reader-assignment";
  var notices = [];
  var PROMPTS = {
    correction: "Something here may be mistranslated. What is wrong, and what should it say?",
    claim: "Is this claim true? What evidence would you need, and what do you find?",
    quote: "Compare this quote with how other outlets report it. Do they say the same?",
    note: "Read the note. How does it change the way you read this passage?",
    boilerplate: "Why is this passage marked as boilerplate rather than news?"
  };
  var LABELS = { correction: "Correction", claim: "Claim", quote: "Quote", note: "Note", boilerplate: "Boilerplate" };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }

  /* ---- the link: "#id?mode=student&assign=a" (the query after the #) is read as "?mode=student&assign=a#id" ---- */

  function repairUrl() {
    var hash = location.hash.replace(/%3F/i, "?");
    var q = hash.indexOf("?");
    if (q < 0) return false;
    var url = new URL(location.href);
    var moved = new URLSearchParams(hash.slice(q + 1));
    moved.forEach(function (value, key) { url.searchParams.append(key, value); });
    url.hash = hash.slice(1, q);
    notices.push("Link repaired: “" + hash.slice(q) + "” stood after the “#”; it was read as if it came before.");
    history.replaceState(history.state, "", url.pathname + url.search.replace(/%2C/gi, ",") + url.hash);
    return true;
  }

  var repaired = repairUrl();  /* now, before reader.js follows the fragment at DOMContentLoaded */
  /* Followed from this very page, such a link changes only the fragment: load it as a link with that query. */
  window.addEventListener("hashchange", function () {
    if (location.hash.replace(/%3F/i, "?").indexOf("?") >= 0) location.reload();
  });
  var params = new URLSearchParams(location.search);

  function listed(name) {
    var ids = [];
    params.getAll(name).forEach(function (v) {
      v.split(",").forEach(function (x) {
        x = x.trim();
        if (x && ids.indexOf(x) < 0) ids.push(x);
      });
    });
    return ids;
  }

  /* ---- student mode after a repaired link, and off for an answer key: through reader.js's own switch ---- */

  function setStudent(on) {
    if (root.classList.contains("ar-student") === on) return;
    var input = document.querySelector('input[name="ar-student"]');
    if (input) {
      input.checked = on;
      input.dispatchEvent(new Event("change"));
    } else {
      root.classList.toggle("ar-student", on);
    }
  }

  /* ---- the assignment view ---- */

  function noteOf(id) { return document.getElementById("fn:" + id); }
  function kindOf(li) { /* from the note's label, "ar-label-claim" */
    var label = li.querySelector('[class^="ar-label-"]');
    var m = label && /ar-label-(\w+)/.exec(label.className);
    return m ? m[1] : "note";
  }
  function passagesOf(id) { /* the first piece has the id, the pieces after a cut name it in data-ar */
    var q = CSS.escape(id);
    return document.querySelectorAll('.ar[id="' + q + '"], .ar[data-ar="' + q + '"]');
  }
  function markerOf(id) { return document.querySelector('a.ar-ref[href="#fn:' + CSS.escape(id) + '"]'); }

  /* The passage as the student reads it: the original wording of a correction, without markers. */
  function passageText(id) {
    var parts = [];
    passagesOf(id).forEach(function (p) {
      var copy = p.cloneNode(true);
      copy.querySelectorAll(".ar-ref, ins.ar-corrected").forEach(function (x) { x.remove(); });
      parts.push(copy.textContent);
    });
    var text = parts.join(" ").replace(/\s+/g, " ").trim();
    return text.length > 300 ? text.slice(0, 300).replace(/\s\S*$/, "") + "…" : text;
  }

  function hide(id) {
    passagesOf(id).forEach(function (p) {
      p.classList.add("ar-unassigned");
      p.setAttribute("data-ar-off", id);  /* reader.js opens no note for an .ar-unassigned passage */
    });
    var li = noteOf(id);
    if (li) li.classList.add("ar-unassigned-note");
  }

  function mark(id, n) {
    passagesOf(id).forEach(function (p) { p.classList.add("ar-assigned"); p.dataset.arTask = n; });
    var li = noteOf(id);
    li.classList.add("ar-assigned-note");
    var marker = markerOf(id);
    if (marker) {
      marker.textContent = n;
      marker.setAttribute("aria-label", "Task " + n + ": " + LABELS[kindOf(li)]);
    }
  }

  function chooseTasks(ids, spot, key) {
    var all = Array.from(document.querySelectorAll(".ar-notes li[id^='fn:']")).map(function (li) { return li.id.slice(3); });
    var dropped = ids.filter(function (id) { return all.indexOf(id) < 0; });
    var chosen = all.filter(function (id) {
      var correction = kindOf(noteOf(id)) === "correction";
      if (spot) return correction ? key : ids.indexOf(id) >= 0;
      return ids.indexOf(id) >= 0;
    });
    return { all: all, tasks: chosen, dropped: dropped };
  }

  function assignmentLink(extra) {
    var url = new URL(location.href);
    url.hash = "";
    Object.keys(extra).forEach(function (k) {
      if (extra[k] === null) url.searchParams.delete(k); else url.searchParams.set(k, extra[k]);
    });
    return url.href.replace(/%2C/g, ",");
  }

  function title(spot, key, count) {
    var what = spot ? "Spot the errors" : "Assignment";
    var tasks = count + (count === 1 ? " task" : " tasks");
    return (key ? "Answer key: " : "") + what + (count ? " · " + tasks : "");
  }

  function taskItem(id, n, withNote) {
    var li = noteOf(id);
    var kind = kindOf(li);
    var item = el("li", { "class": "ar-task ar-task-" + kind, "data-ar-task": String(n) }, [
      el("p", { "class": "ar-task-passage" }, [el("a", { href: "#" + id }, [LABELS[kind]]), " · “" + passageText(id) + "”"]),
      el("p", { "class": "ar-task-prompt" }, [PROMPTS[kind] || PROMPTS.note])
    ]);
    if (withNote) {
      var note = el("div", { "class": "ar-task-note" });
      Array.prototype.forEach.call(li.childNodes, function (c) { note.append(c.cloneNode(true)); });
      note.querySelectorAll("[id]").forEach(function (x) { x.removeAttribute("id"); });
      note.querySelectorAll(".ar-note-links, .ar-cite, .ar-student-only").forEach(function (x) { x.remove(); });
      item.append(note, el("div", { "class": "ar-answer", "aria-hidden": "true" }));
    }
    return item;
  }

  function spotItem(key) {
    return el("li", { "class": "ar-task ar-task-spot" }, [
      el("p", { "class": "ar-task-prompt" }, [key
        ? "The corrections editors made to this machine translation are marked in the text and listed below."
        : "This is the machine translation as published. Find the translation errors: underline each one and write what it should say."]),
      el("div", { "class": "ar-answer", "aria-hidden": "true" })
    ]);
  }

  function buttons(key, spot) {
    var print = el("button", { type: "button", "class": "ar-print" }, ["Print handout"]);
    print.addEventListener("click", function () { window.print(); });
    var copy = el("button", { type: "button", "class": "ar-copy-assignment" }, ["Copy assignment link"]);
    copy.addEventListener("click", function () { copyText(assignmentLink({}), copy); });
    var other = key
      ? el("a", { href: assignmentLink({ key: null, mode: "student" }) }, ["Student version"])
      : el("a", { href: assignmentLink({ key: "1", mode: null }) }, ["Answer key"]);
    var whole = el("a", { href: location.pathname }, ["Whole annotated article"]);
    var bar = el("p", { "class": "ar-assignment-actions" }, [print, " ", copy, " ", other, " · ", whole]);
    if (spot) bar.dataset.spot = "1";
    return bar;
  }

  function panel(choice, spot, key) {
    var box = el("section", { "class": "ar-assignment-panel", "aria-labelledby": "ar-assignment-title" }, [
      el("h2", { id: "ar-assignment-title" }, [title(spot, key, choice.tasks.length + (spot && !key ? 1 : 0))])
    ]);
    var said = notices.slice();
    if (choice.dropped.length) {
      said.push("Left out, not an annotation of this article (removed or renamed?): " +
        choice.dropped.map(function (d) { return "“" + d + "”"; }).join(", ") + ".");
    }
    if (said.length) box.append(el("p", { "class": "ar-assignment-notice", role: "status" }, [said.join(" ")]));
    var list = el("ol", { "class": "ar-task-list" });
    if (spot && !key) list.append(spotItem(false));
    choice.tasks.forEach(function (id, i) { list.append(taskItem(id, i + 1, false)); });
    box.append(list, buttons(key, spot));
    return box;
  }

  function handout(choice, spot, key) {
    var list = el("ol", { "class": "ar-task-list" });
    if (spot) list.append(spotItem(key));
    choice.tasks.forEach(function (id, i) { list.append(taskItem(id, i + 1, true)); });
    return el("section", { "class": "ar-handout-tasks" }, [el("h2", {}, [key ? "Answer key" : "Tasks"]), list]);
  }

  function closeHiddenNote() {
    var pop = document.getElementById("ar-pop");
    if (pop && !pop.hidden && document.querySelector('[data-ar-off="' + CSS.escape(pop.dataset.for || "") + '"]')) {
      document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    }
  }

  function showAssignment(article) {
    var ids = listed("assign");
    var spot = params.get("spot") === "1";
    var key = params.get("key") === "1";
    if (!ids.length && !spot) return false;
    var choice = chooseTasks(ids, spot, key);
    root.classList.add("ar-assignment");
    Array.from(root.classList).forEach(function (c) { if (/^ar-hide-/.test(c)) root.classList.remove(c); });
    root.classList.toggle("ar-key", key);
    root.classList.toggle("ar-spot", spot);
    if (spot) {
      ["corrected", "original", "both"].forEach(function (m) { root.classList.remove("ar-corrections-" + m); });
      root.classList.add("ar-corrections-" + (key ? "both" : "original"));
    }
    if (params.get("questions") === "0") root.classList.add("ar-no-questions");
    choice.all.forEach(function (id) { if (choice.tasks.indexOf(id) < 0) hide(id); });
    choice.tasks.forEach(function (id, i) { mark(id, i + 1); });
    var text = article.querySelector(".ar-text");
    (article.querySelector(".ar-header") || text).before(panel(choice, spot, key));
    (article.querySelector(".ar-questions") || text).after(handout(choice, spot, key));
    var questions = article.querySelector(".ar-questions");
    if (questions) article.querySelector(".ar-handout-tasks").after(questions);
    closeHiddenNote();
    return true;
  }

  /* One citation line for the whole printout (reader.js writes one per note on screen; print hides those). */
  function printCitation(article, assigned) {
    var name = assigned && !root.classList.contains("ar-key")
      ? [el("p", { "class": "ar-handout-name" }, ["Name: ______________________   Date: ____________"])] : [];
    var line = "Source: " + article.dataset.cite + ". Annotated reader: " +
      (assigned ? assignmentLink({}) : article.dataset.url);
    var h1 = article.querySelector("h1");
    var cite = el("p", { "class": "ar-print-cite" }, [line]);
    var old = article.querySelector(".ar-print-cite");  /* reader.js's line for an ordinary printout */
    if (old) old.remove();
    if (h1) h1.after.apply(h1, name.concat([cite])); else article.prepend(cite);
  }

  /* ---- copying ---- */

  function announce(message) {
    var status = document.querySelector(".ar-sr-status");
    if (!status) {
      status = el("div", { "class": "ar-sr-status", role: "status", "aria-live": "polite" });
      document.body.append(status);
    }
    status.textContent = message;
  }

  function copyText(text, button) {
    var label = button.textContent;
    var done = function () {
      button.textContent = "Link copied";
      announce("Link copied: " + text);
      setTimeout(function () { button.textContent = label; }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { prompt("Copy this link:", text); });
    } else {
      prompt("Copy this link:", text);
    }
  }

  /* ---- building one on the article page: "Add to assignment" in every note, and the tray ---- */

  function stored() {
    try {
      var all = JSON.parse(localStorage.getItem(STORE) || "{}") || {};
      return Array.isArray(all[location.pathname]) ? all[location.pathname] : [];
    } catch (e) { return []; }
  }

  function store(ids) {
    try {
      var all = JSON.parse(localStorage.getItem(STORE) || "{}") || {};
      if (ids.length) all[location.pathname] = ids; else delete all[location.pathname];
      localStorage.setItem(STORE, JSON.stringify(all));
    } catch (e) { /* private mode: kept for this page only */ }
  }

  var picked = [];
  var tray = null;

  function inReadingOrder(ids) {
    return Array.from(document.querySelectorAll(".ar-notes li[id^='fn:']"))
      .map(function (li) { return li.id.slice(3); })
      .filter(function (id) { return ids.indexOf(id) >= 0; });
  }

  function trayLink() {
    var url = new URL(location.pathname, location.href);
    url.searchParams.set("mode", "student");
    url.searchParams.set("assign", inReadingOrder(picked).join(","));
    return url.href.replace(/%2C/g, ",");
  }

  function refresh() {
    picked = inReadingOrder(picked);
    store(picked);
    document.querySelectorAll("button.ar-assign-add").forEach(function (b) {
      var on = picked.indexOf(b.dataset.id) >= 0;
      b.setAttribute("aria-pressed", String(on));
      b.textContent = on ? "✓ In assignment" : "Add to assignment";
    });
    tray.hidden = picked.length === 0;
    tray.querySelector(".ar-tray-count").textContent = picked.length + (picked.length === 1 ? " annotation" : " annotations");
    tray.querySelector("a.ar-tray-open").setAttribute("href", trayLink());
  }

  function buildTray() {
    var copy = el("button", { type: "button", "class": "ar-tray-copy" }, ["Copy assignment link"]);
    copy.addEventListener("click", function () { copyText(trayLink(), copy); });
    var clear = el("button", { type: "button", "class": "ar-tray-clear" }, ["Clear"]);
    clear.addEventListener("click", function () { picked = []; refresh(); announce("Assignment cleared"); });
    tray = el("div", { "class": "ar-tray", role: "region", "aria-label": "Assignment" }, [
      el("strong", {}, ["Assignment: "]), el("span", { "class": "ar-tray-count" }), " ",
      copy, " ", el("a", { "class": "ar-tray-open", href: "#" }, ["Open"]), " ", clear
    ]);
    document.body.append(tray);
  }

  function addButtons() {
    document.querySelectorAll(".ar-notes li[id^='fn:'] .ar-note-links").forEach(function (links) {
      if (links.querySelector(".ar-assign-add")) return;  /* written by notes.js */
      var id = links.closest("li").id.slice(3);
      links.append(" ", el("button", { type: "button", "class": "ar-assign-add", "data-id": id, "aria-pressed": "false" },
        ["Add to assignment"]));
    });
    /* One listener for the list and the popups, which hold copies of the notes. */
    document.addEventListener("click", function (e) {
      var button = e.target.closest && e.target.closest("button.ar-assign-add");
      if (!button) return;
      var id = button.dataset.id;
      var at = picked.indexOf(id);
      if (at >= 0) picked.splice(at, 1); else picked.push(id);
      refresh();
      announce((at >= 0 ? "Removed from" : "Added to") + " the assignment: " + picked.length + " annotations");
    });
  }

  /* ---- the For teachers page: each checklist gives the link and opens it ---- */

  function builderLink(form, extra) {
    var ids = Array.from(form.querySelectorAll('input[name="assign"]:checked')).map(function (i) { return i.value; });
    var url = new URL(form.getAttribute("action"), location.href);
    if (!(extra && extra.key)) url.searchParams.set("mode", "student");
    if (ids.length) url.searchParams.set("assign", ids.join(","));
    if (form.querySelector('input[name="questions"]:checked')) url.searchParams.set("questions", "0");
    Object.keys(extra || {}).forEach(function (k) { url.searchParams.set(k, extra[k]); });
    return url.href.replace(/%2C/g, ",");
  }

  function enhanceBuilder(form) {
    var out = form.querySelector(".ar-assign-link");
    var code = el("code", {});
    var copy = el("button", { type: "button" }, ["Copy"]);
    copy.addEventListener("click", function () { copyText(builderLink(form), copy); });
    out.append("Link: ", code, " ", copy);
    var update = function () {
      var any = form.querySelector('input[name="assign"]:checked');
      code.textContent = builderLink(form);
      out.hidden = !any;
    };
    form.addEventListener("change", update);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var b = e.submitter;
      var extra = {};
      if (b && b.name) extra[b.name] = b.value;
      location.href = builderLink(form, extra);
    });
    update();
  }

  function start() {
    document.querySelectorAll("form.ar-assign-builder").forEach(enhanceBuilder);
    var article = document.querySelector(".ar-article[data-cite]");
    if (!article) return;
    var key = params.get("key") === "1";
    if (key) setStudent(false); else if (repaired && params.get("mode") === "student") setStudent(true);
    var assigned = showAssignment(article);
    if (assigned) document.querySelectorAll("button.ar-assign-add").forEach(function (b) { b.remove(); });
    printCitation(article, assigned);
    if (!assigned) {
      if (notices.length) {
        article.querySelector(".ar-text").before(el("p", { "class": "ar-assignment-notice", role: "status" }, [notices.join(" ")]));
      }
      picked = stored();
      addButtons();
      buildTray();
      refresh();
    }
    if (repaired && location.hash) window.dispatchEvent(new HashChangeEvent("hashchange"));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
