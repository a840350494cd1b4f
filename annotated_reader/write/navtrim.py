"""Material's sidebar without the sections that hold nothing to show: applied to each minified page (minify.py).

A folder of docs/ becomes a section of Material's sidebar. With ``navigation.indexes`` its index page is the
section's link, and the folder's other pages are the section's entries; but this site's articles, quote
clusters and claims are left out of the sidebar (``not_in_nav``), so Articles' By month, By outlet and By tag,
Claims, Corrections and Quotes are sections of no entry. Material still writes each one a checkbox, a
wrapper and an empty sub-menu: no control opens it (there is nothing to open, so Material draws no arrow),
and its ``aria-labelledby`` names an element that does not exist. About 330 bytes a section, six on every
page: 2.6 MB of a 1,000-article site.

Such a section is written as the plain entry Material writes for a page (``<li class=md-nav__item>`` and the
same link), which it looks like. A section that holds something, or that is open (the page is in it, and
Material opens its sub-menu on a phone), stays as it is.
"""

from __future__ import annotations

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
VERSION = "navtrim 1"  # in minify.version(): pages minified before a change here are minified again


def page(html: bytes) -> bytes:
    """``html`` (as minified) with each empty section of the sidebar written as a plain entry."""
    if b"md-nav__item--nested" not in html:
        return html
    return EMPTY_SECTION.sub(rb"<li class=md-nav__item>\2</li>", html)
