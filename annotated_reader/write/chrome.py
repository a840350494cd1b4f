"""Material's page chrome without what no reader can reach: applied to each minified page (minify.py).

- **Sidebar sections of no entry.** A folder of docs/ becomes a section of Material's sidebar. With
  ``navigation.indexes`` its index page is the section's link, and the folder's other pages its entries; but
  this site's articles, quote clusters and claims are left out of the sidebar (``not_in_nav``), so Articles'
  By month, By outlet and By tag, Claims, Corrections and Quotes are sections of no entry. Material still
  writes each one a checkbox, a wrapper and an empty sub-menu: no control opens it (there is nothing to open,
  so Material draws no arrow), and its ``aria-labelledby`` names an element that does not exist. Such a
  section is written as the plain entry Material writes for a page (``<li class=md-nav__item>`` and the same
  link), which it looks like. A section that holds something, or that is open (the page is in it, and
  Material opens its sub-menu on a phone), stays as it is. About 330 bytes a section, six on every page.
- **Search settings of a page without Material's search.** Material's page configuration (``#__config``)
  names its search worker and the words of its search box and results; only its search component reads them,
  and a page without one (search here is Pagefind, and prune.py removes the worker) drops them. About 400
  bytes a page.

Together 3.1 MB of a 1,000-article site. Both look for Material's markup as minify-html writes it; another
engine's pages pass unchanged.
"""

from __future__ import annotations

import json
import re

# One section as minify-html writes Material's: not the current one (no `checked`, `aria-expanded=false`),
# its link in a wrapper without the arrow (`<label>`), and its sub-menu's list empty.
EMPTY_SECTION = re.compile(
    rb'<li class="md-nav__item md-nav__item--nested">'
    rb'<input class="md-nav__toggle md-toggle" id=(__nav[\d_]+) type=checkbox> '
    rb'<div class="md-nav__link md-nav__container">'
    rb"(<a class=md-nav__link href=[^\s>]+>(?:[^<]|<span class=md-ellipsis>[^<]*</span>)*</a>)</div> "
    rb"<nav aria-expanded=false aria-labelledby=\1_label class=md-nav data-md-level=\d+>"
    rb'<label class=md-nav__title for=\1><span class="md-nav__icon md-icon"></span>[^<]*</label>'
    rb"<ul class=md-nav__list data-md-scrollfix></ul></nav></li>"
)
CONFIG = re.compile(rb"(<script id=__config type=application/json>)(.*?)(</script>)", re.DOTALL)
SEARCH_COMPONENT = re.compile(rb"""data-md-component=["']?search["'\s>]""")  # as prune.py
HTML_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"}  # as Jinja's tojson writes them
VERSION = "chrome 2"  # in minify.version(): pages minified before a change here are minified again


def page(html: bytes) -> bytes:
    """``html`` (as minified) without the chrome above."""
    if b"md-nav__item--nested" in html:
        html = EMPTY_SECTION.sub(rb"<li class=md-nav__item>\2</li>", html)
    if SEARCH_COMPONENT.search(html) is None:
        html = CONFIG.sub(lambda found: found[1] + _without_search(found[2]) + found[3], html, count=1)
    return html


def _without_search(raw: bytes) -> bytes:
    """Material's page configuration without its search worker and search words (unchanged if not JSON)."""
    try:
        config = json.loads(raw)
    except ValueError:
        return raw
    if not isinstance(config, dict) or not isinstance(config.get("translations", {}), dict):
        return raw
    config.pop("search", None)
    words = config.get("translations") or {}
    config["translations"] = {k: v for k, v in words.items() if not str(k).startswith("search.")}
    text = json.dumps(config, sort_keys=True, separators=(",", ":"))
    return re.sub(r"[<>&']", lambda c: HTML_SAFE[c.group()], text).encode()
