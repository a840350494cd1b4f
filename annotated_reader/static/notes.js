/* Annotated reader, notes: the note popup (beside the text on a wide screen), Copy link, "Add to assignment"
 * and the citation line of each note. reader.js adds this script on the reader's first move towards a note (a tap, click,
 * hover or Tab on a passage or marker, unfolding the notes list, a permalink), so readers who never open a
 * note never download it, nor notes.css. Without it, markers are ordinary footnote links. */
(function () {
  "use strict";

  var R = window.annotatedReader;
  if (!R || R.notes) return;
  var el = R.el, passages = R.passages, markerOf = R.markerOf, PASSAGE = R.PASSAGE;

  /* ---- note popups ---- */

  var pop = null, popFor = null, popMarker = null, closeTimer = null, pinned = false;

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
    var label = document.querySelector('[id="' + marker.getAttribute("href").slice(1) + '"] [class^="ar-label-"]');
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

  /* The text's handlers, by event type: bound to the article, and given the events reader.js caught there
   * before this script came, in order, so the reader's first tap, click, hover or Tab works. */
  var hoverTimer = null;
  var on = {
    pointerdown: function (e) { touch = e.pointerType === "touch"; },
    mouseover: function (e) {
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
    },
    mouseout: function (e) {
      var hit = idOf(e.target);
      var to = e.relatedTarget && idOf(e.relatedTarget);
      if (hit && !(to && to.id === hit.id) && !(pop && pop.contains(e.relatedTarget))) scheduleClose();
    },
    focusin: function (e) {
      if (refocusing) return;
      var hit = e.target.matches("a.ar-ref") && idOf(e.target);
      if (hit) openPop(hit.id, hit.marker);
    },
    focusout: function (e) {
      if (e.target.matches("a.ar-ref") && !(pop && pop.contains(e.relatedTarget))) scheduleClose();
    },
    click: function (e) {
      var marker = e.target.closest("a.ar-ref");
      if (!marker && (e.target.closest("a[href], summary, button, input, select") || selecting())) return;
      var hit = idOf(e.target);
      if (!hit) return;
      if (marker) e.preventDefault();  /* a tap or click opens the note here instead of jumping to the list */
      if (popFor === hit.id && pop && !pop.hidden && pinned) closePop(false); else openPop(hit.id, hit.marker, true);
    }
  };
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && pop && !pop.hidden) { e.preventDefault(); closePop(true); }
    routeTab(e);
  });
  document.addEventListener("pointerdown", function (e) {
    if (pop && !pop.hidden && !pop.contains(e.target) && !idOf(e.target)) closePop(false);
  });
  window.addEventListener("resize", function () { if (popFor) place(popFor); });
  /* Printing lists every note (reader.js unfolds the list); the popup is not printed. */
  window.addEventListener("beforeprint", function () { closePop(false); });

  /* ---- copy link and citations ---- */

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

  /* A note's links: its first, the way back to the passage, gets its tooltip (reader.css names it for screen
   * readers); then Copy link. */
  function enhanceNote(container, id) {
    container.querySelectorAll(".ar-note-links").forEach(function (links) {
      if (links.querySelector(".ar-copy")) return;
      var back = links.querySelector("a");
      if (back) back.title = "Back to the text";
      var button = el("button", { type: "button", "class": "ar-copy" }, ["Copy link"]);
      button.addEventListener("click", function () { copy(permalink(id), button); });
      var add = links.querySelector(".ar-assign-add");  /* reader.js's: Copy link comes before it */
      if (add) add.before(button, " "); else links.append(" ", button);
    });
  }

  /* "Cite: “Title”, outlet, date; annotated reader, quote “id”. https://…/#id", from the article's
   * data-cite and data-url: one line to cite each note, written here rather than 20 times per page. */
  function cite(li, id) {
    var article = li.closest(".ar-article[data-cite]");
    if (!article || li.querySelector(".ar-cite")) return;
    var label = li.querySelector('[class^="ar-label-"]');
    var kind = label ? label.textContent.trim().toLowerCase() : "annotation";
    var text = "Cite: " + article.dataset.cite + "; annotated reader, " + kind + " “" + id + "”. " + article.dataset.url + "#" + id;
    li.insertBefore(el("p", { "class": "ar-cite", "data-search-exclude": "" }, [text]), li.querySelector(".ar-note-links"));
  }

  /* Each note of the list: its citation, Copy link, and "Add to assignment" (unless assign.js, already here,
   * wrote it), which popups copy with the rest of the note. */
  function enhanceNotes() {
    document.querySelectorAll(".ar-notes li[id^='fn:']").forEach(function (li) {
      var id = li.id.slice(3), links = li.querySelector(".ar-note-links");
      cite(li, id);
      enhanceNote(li, id);
      if (!links || links.querySelector(".ar-assign-add") || !li.closest(".ar-article[data-cite]")) return;
      links.append(" ", el("button", { type: "button", "class": "ar-assign-add", "data-id": id, "aria-pressed": "false" },
        ["Add to assignment"]));
    });
  }

  /* Once notes.css is here (reader.js asked for it with this script): the notes, the text's handlers, then
   * the events that came before, in order. */
  R.load("notes.css", function () {
    enhanceNotes();
    var article = document.querySelector(".ar-article");
    if (article) Object.keys(on).forEach(function (type) { article.addEventListener(type, on[type]); });
    var early = R.early.splice(0);
    R.ready({ open: openPop, close: closePop });
    early.forEach(function (e) { on[e.type](e); });
  });
})();
