"""write/chrome.py on pages as minify-html writes Material's (the built site: tests/test_minify.py compares
every page with an independent reading; screenshots: the final message of the change)."""

from __future__ import annotations

import json
import re

from annotated_reader.write import chrome

CONFIG = {
    "base": "..",
    "features": ["navigation.indexes"],
    "search": "../assets/javascripts/workers/search.1.min.js",
    "translations": {"clipboard.copy": "Copy </script><b>", "search.result.none": "No matching documents"},
}


def _tojson(data: object) -> str:
    """As Jinja's tojson filter writes it into a page (Material's template)."""
    text = json.dumps(data, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")


def _page(body: str, config: str) -> bytes:
    return f"<html><body>{body}<script id=__config type=application/json>{config}</script></body></html>".encode()


def _config(html: bytes) -> str:
    found = re.search(rb"<script id=__config type=application/json>(.*?)</script>", html, re.DOTALL)
    assert found is not None, "the configuration stays whole: no string closes its <script>"
    return found[1].decode()


def test_a_page_without_materials_search_drops_its_search_settings() -> None:
    made = chrome.page(_page("<p>x</p>", _tojson(CONFIG)))
    written = _config(made)
    assert "</" not in written and "<b>" not in written, "written as Jinja's tojson does: HTML-safe"
    expected = {k: v for k, v in CONFIG.items() if k != "search"}
    expected["translations"] = {"clipboard.copy": "Copy </script><b>"}
    assert json.loads(written) == expected


def test_a_page_with_materials_search_or_an_unreadable_configuration_is_left_alone() -> None:
    with_search = _page('<form data-md-component="search"></form>', _tojson(CONFIG))
    assert chrome.page(with_search) == with_search
    unreadable = _page("<p>x</p>", "{not json")
    assert chrome.page(unreadable) == unreadable


def test_a_section_with_entries_or_open_stays_and_an_empty_closed_one_is_a_plain_entry() -> None:
    def section(ident: str, items: str = "", checked: str = "", label: str = "") -> str:
        return (
            f'<li class="md-nav__item md-nav__item--nested"><input class="md-nav__toggle md-toggle"{checked} '
            f'id={ident} type=checkbox> <div class="md-nav__link md-nav__container"><a class=md-nav__link '
            f"href=../c/> <span class=md-ellipsis> C </span> </a>{label}</div> <nav aria-expanded="
            f"{'true' if checked else 'false'} aria-labelledby={ident}_label class=md-nav data-md-level=1>"
            f'<label class=md-nav__title for={ident}><span class="md-nav__icon md-icon"></span> C</label>'
            f"<ul class=md-nav__list data-md-scrollfix>{items}</ul></nav></li>"
        )

    empty = section("__nav_7")
    kept = [section("__nav_8", items="<li class=md-nav__item>x</li>"), section("__nav_9", checked=" checked")]
    made = chrome.page(_page(empty + "".join(kept), "{}")).decode()
    assert (
        "<li class=md-nav__item><a class=md-nav__link href=../c/> <span class=md-ellipsis> C </span> </a></li>" in made
    )
    assert "__nav_7" not in made and all(k in made for k in kept)
