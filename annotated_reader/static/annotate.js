/* Annotated reader, preview only (added by `build_site.py serve`, never part of the built site):
 * the problems of the last rebuild over every page, a reload when the site changed, and on article pages
 * an Annotate button for selected words, a form that saves to annotations/, and path:line + Edit on each note. */
(function () {
  "use strict";

  var meta = document.querySelector('meta[name="ar-preview"]');
  if (!meta) { return; }
  var TOKEN = meta.getAttribute("content");
  var generation = parseInt(meta.getAttribute("data-generation"), 10) || 0;
  var API = "/__preview/";
  var slugMatch = location.pathname.match(/\/articles\/([a-z0-9]+(?:-[a-z0-9]+)*)\/$/);
  var slug = slugMatch ? slugMatch[1] : null;
  var text = document.querySelector(".ar-text");
  var choices = null;

  function call(name, body) {
    var options = { headers: { "X-Preview-Token": TOKEN }, credentials: "same-origin" };
    if (body !== undefined) {
      options.method = "POST";
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(API + name, options).then(function (r) { return r.json(); });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { node.appendChild(c); });
    return node;
  }

  /* ---- the truth about the last rebuild: problems over the page, reload when the site changed ---- */

  var overlay = null;
  function showProblems(status) {
    if (!status.failed) {
      if (overlay) { overlay.remove(); overlay = null; }
      return;
    }
    if (!overlay) {
      overlay = el("section", { "class": "ar-preview-problems", role: "alert", "aria-label": "Build problems" });
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    overlay.appendChild(el("h2", { text: "The site did not rebuild: this page is out of date" }));
    var list = el("ul");
    status.problems.forEach(function (p) {
      list.appendChild(el("li", {}, [
        el("code", { text: p.where }), document.createTextNode(" " + p.message),
        el("div", { "class": "ar-preview-hint", text: p.hint ? "hint: " + p.hint : "" })
      ]));
    });
    (status.log || []).forEach(function (line) { list.appendChild(el("li", {}, [el("code", { text: line })])); });
    overlay.appendChild(list);
    overlay.appendChild(el("p", { text: "Fix the file and save it: the preview rebuilds and this goes away." }));
  }

  var busy = false;  /* no reload while the form is open or saving */
  function poll() {
    call("status").then(function (status) {
      showProblems(status);
      if (status.generation > generation && !status.failed && !busy) { location.reload(); }
    }).catch(function () { /* serve stopped: try again later */ }).then(function () {
      setTimeout(poll, 1000);
    });
  }
  poll();

  if (!slug || !text) { return; }

  /* ---- selected words: the raw text of the article (no note numbers, no corrected wording) ---- */

  function selectedWords(range) {
    var fragment = range.cloneContents();
    fragment.querySelectorAll(".ar-ref, ins, button, .ar-preview-ui").forEach(function (n) { n.remove(); });
    fragment.querySelectorAll("p").forEach(function (p) { p.appendChild(document.createTextNode("\n")); });
    return fragment.textContent.trim();
  }

  function lineOf(node) {
    var element = node.nodeType === 1 ? node : node.parentElement;
    var p = element && element.closest(".ar-text [id^='L']");
    return p ? parseInt(p.id.slice(1), 10) : 0;
  }

  var button = el("button", { type: "button", "class": "ar-preview-annotate ar-preview-ui", hidden: "" });
  button.textContent = "Annotate";
  document.body.appendChild(button);
  var picked = null;

  function onSelection() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount || busy) { button.hidden = true; return; }
    var range = selection.getRangeAt(0);
    if (!text.contains(range.commonAncestorContainer)) { button.hidden = true; return; }
    var words = selectedWords(range);
    if (!words) { button.hidden = true; return; }
    picked = { words: words, line: lineOf(range.startContainer), at: performance.now() };
    /* next to the passage in the page's order too, so that Tab reaches it right after the selected words */
    var paragraph = (range.endContainer.nodeType === 1 ? range.endContainer : range.endContainer.parentElement).closest(".ar-text > *");
    if (paragraph && paragraph.nextSibling !== button) { paragraph.after(button); }
    button.hidden = false;
    var box = range.getBoundingClientRect();
    var origin = (button.offsetParent || document.body).getBoundingClientRect();
    button.style.top = (box.bottom - origin.top + 6) + "px";
    button.style.left = (Math.max(box.left, 8) - origin.left) + "px";
  }
  document.addEventListener("selectionchange", function () { setTimeout(onSelection, 0); });
  button.addEventListener("click", function () { openForm({ mode: "new", kind: "note" }); });

  /* ---- the form ---- */

  function field(label, control) {
    control.setAttribute("aria-label", label);
    return el("label", { "class": "ar-preview-field" }, [el("span", { text: label }), control]);
  }
  function input(name, value) { return el("input", { name: name, type: "text", value: value || "" }); }
  function area(name, value) { var t = el("textarea", { name: name, rows: "3" }); t.value = value || ""; return t; }
  function select(name, options, value) {
    var s = el("select", { name: name });
    options.forEach(function (o) {
      var opt = el("option", { value: o[0], text: o[1] });
      if (o[0] === value) { opt.selected = true; }
      s.appendChild(opt);
    });
    return s;
  }
  function pairs(list) { return list.map(function (x) { return [x, x]; }); }

  function openForm(entry) {
    var data = entry.data || {};
    var dialog = el("dialog", { "class": "ar-preview-form ar-preview-ui", "aria-label": "Annotate" });
    var form = el("form", { method: "dialog" });
    var kind = select("kind", pairs(["note", "correction", "quote", "claim"]), data.kind || entry.kind);
    if (data.kind === "boilerplate") { kind.appendChild(el("option", { value: "boilerplate", text: "boilerplate" })); kind.value = "boilerplate"; }
    var evidence = (data.evidence && data.evidence[0]) || {};
    var clusters = [["", "(new cluster…)"]].concat(choices.clusters.map(function (c) { return [c.id, c.title + " — " + c.speaker]; }));
    var claims = [["", "(new claim…)"]].concat(choices.claims.map(function (c) { return [c.id, c.title]; }));
    var sections = {
      correction: el("fieldset", {}, [
        el("legend", { text: "Correction" }),
        field("Corrected wording", input("corrected", data.corrected)),
        field("Error kind", select("error", pairs(choices.errors), data.error)),
        choices.origins.length ? field("Origin", select("origin", pairs(choices.origins), data.origin || "unknown")) : el("span"),
        field("Confidence", select("confidence", pairs(["high", "medium", "low"]), data.confidence || "medium")),
        field("Evidence: source (outside the corpus)", input("ev_source", evidence.source)),
        field("Evidence: URL", input("ev_url", evidence.url)),
        field("Evidence: or a passage of article (slug)", select("ev_article", [["", "—"]].concat(pairs(choices.articles)), evidence.article || "")),
        field("Evidence: passage (exact words)", input("ev_exact", evidence.exact)),
        field("Evidence: what it shows", input("ev_note", evidence.note))
      ]),
      quote: el("fieldset", {}, [
        el("legend", { text: "Quote" }),
        field("Cluster (statement, speaker)", select("cluster", clusters, data.cluster || "")),
        field("New cluster: title", input("new_title")),
        field("New cluster: speaker", input("new_speaker"))
      ]),
      claim: el("fieldset", {}, [
        el("legend", { text: "Claim" }),
        field("Claim", select("claim", claims, data.claim || "")),
        field("New claim: wording", input("new_claim")),
        field("New claim: claimant", input("new_claimant")),
        field("New claim: status", select("new_status", pairs(choices.statuses), "unverified"))
      ])
    };
    var quoted = entry.mode === "edit" ? data.exact : picked && picked.words;
    form.appendChild(el("h2", { text: entry.mode === "edit" ? "Edit " + data.id + " (" + entry.path + ":" + entry.line + ")" : "Annotate" }));
    form.appendChild(el("blockquote", { text: quoted || "" }));
    form.appendChild(field("Kind", kind));
    form.appendChild(field("Id (optional: made from the words)", input("id", data.id)));
    Object.keys(sections).forEach(function (k) { form.appendChild(sections[k]); });
    form.appendChild(field("Note", area("note", data.note)));
    var problems = el("pre", { "class": "ar-preview-errors", role: "alert" });
    var yaml = el("pre", { "class": "ar-preview-yaml", hidden: "" });
    var save = el("button", { type: "submit", value: "save", text: "Save" });
    var copy = el("button", { type: "button", text: "Copy YAML" });
    var cancel = el("button", { type: "button", text: "Cancel" });
    form.appendChild(problems);
    form.appendChild(yaml);
    form.appendChild(el("p", { "class": "ar-preview-actions" }, [save, copy, cancel]));
    dialog.appendChild(form);
    document.body.appendChild(dialog);

    function showKind() {
      Object.keys(sections).forEach(function (k) { sections[k].hidden = kind.value !== k; });
    }
    kind.addEventListener("change", showKind);
    showKind();
    /* the fields of a new cluster or claim only while "(new …)" is chosen */
    [["cluster", ["new_title", "new_speaker"]], ["claim", ["new_claim", "new_claimant", "new_status"]]].forEach(function (pair) {
      var picker = form.elements[pair[0]];
      function showNew() {
        pair[1].forEach(function (name) { form.elements[name].closest("label").hidden = picker.value !== ""; });
      }
      picker.addEventListener("change", showNew);
      showNew();
    });

    function value(name) { var c = form.elements[name]; return c ? c.value.trim() : ""; }
    function request() {
      var k = kind.value;
      var body = { article: slug, kind: k, id: value("id"), note: value("note"), mode: entry.mode };
      if (entry.mode === "edit") { body.path = entry.path; body.line = entry.line; }
      else { body.words = picked.words; body.text_line = picked.line; }
      if (k === "correction") {
        ["corrected", "error", "origin", "confidence"].forEach(function (n) { body[n] = value(n); });
        var ev = { source: value("ev_source"), url: value("ev_url"), article: value("ev_article"),
                   exact: value("ev_exact"), note: value("ev_note") };
        if (ev.article) { delete ev.source; delete ev.url; } else { delete ev.article; delete ev.exact; if (ev.source) { ev.confidence = value("confidence"); } }
        body.evidence = (ev.source || ev.exact) ? [ev] : [];
      } else if (k === "quote") {
        body.ref = value("cluster");
        if (!body.ref) { body["new"] = { title: value("new_title"), speaker: value("new_speaker") }; }
      } else if (k === "claim") {
        body.ref = value("claim");
        if (!body.ref) { body["new"] = { claim: value("new_claim"), claimant: value("new_claimant"), status: value("new_status") }; }
      }
      return body;
    }
    function close() { busy = false; dialog.close(); dialog.remove(); }
    function failed(result) {
      problems.textContent = (result.errors && result.errors.length ? result.errors : [result.error || "refused"]).join("\n");
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      save.disabled = true;
      problems.textContent = "Saving…";
      call("save", request()).then(function (result) {
        save.disabled = false;
        if (!result.ok) { failed(result); return; }
        try { sessionStorage.setItem("ar-preview-saved", JSON.stringify({ at: picked ? picked.at : 0, path: result.path, line: result.line })); } catch (e) { /* not kept */ }
        location.hash = "";
        location.reload();
      }).catch(function (e) { save.disabled = false; problems.textContent = String(e); });
    });
    copy.addEventListener("click", function () {
      call("yaml", request()).then(function (result) {
        if (!result.ok) { failed(result); return; }
        problems.textContent = "";
        yaml.hidden = false;
        yaml.textContent = result.yaml;
        if (navigator.clipboard) { navigator.clipboard.writeText(result.yaml).catch(function () { /* shown instead */ }); }
      });
    });
    cancel.addEventListener("click", close);
    dialog.addEventListener("close", function () { busy = false; if (dialog.isConnected) { dialog.remove(); } });
    busy = true;
    button.hidden = true;
    dialog.showModal();
    kind.focus();
  }

  /* ---- where each note lives, and Edit ---- */

  var listed = {};
  function placeNotes(listing) {
    listing.entries.forEach(function (entry) {
      var note = document.getElementById("fn:" + entry.id);
      if (!note) { return; }
      listed[entry.id] = { mode: "edit", data: entry.data, path: listing.path, line: entry.line };
      var edit = el("button", { type: "button", "class": "ar-preview-edit", "data-for": entry.id, text: "Edit" });
      note.appendChild(el("p", { "class": "ar-preview-where ar-preview-ui" }, [
        el("code", { text: listing.path + ":" + entry.line }), document.createTextNode(" "), edit
      ]));
    });
  }
  /* one listener: Edit works in the list of notes and in the note popups, which copy it */
  document.addEventListener("click", function (event) {
    var edit = event.target.closest && event.target.closest(".ar-preview-edit");
    if (edit && listed[edit.getAttribute("data-for")]) { openForm(listed[edit.getAttribute("data-for")]); }
  });

  Promise.all([call("choices"), call("entries?article=" + encodeURIComponent(slug))]).then(function (found) {
    choices = found[0];
    placeNotes(found[1]);
    document.documentElement.setAttribute("data-preview-ready", "");
  });
})();
