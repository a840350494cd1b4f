"""Rendering: plain text stays plain, every annotation renders and is reachable, output is stable."""

from __future__ import annotations

import posixpath

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from annotated_reader import urls
from annotated_reader.read import vocabulary
from tests.helpers import article, corpus_of, correction, page

SPECIALS = "* _ # | < > [ ` 1. - &amp; {{ x }} {: onclick=x } --8<-- <script>alert(1)</script>"


def _soup(markdown_page: str) -> BeautifulSoup:
    body = markdown_page.split("-->", 1)[1]  # past the front matter and the generated header
    return BeautifulSoup(body, "html.parser")


def _visible_text(markdown_page: str) -> str:
    soup = _soup(markdown_page)
    for hidden in soup.select(".ar-header, .ar-notes-box, .ar-ref, ins.ar-corrected"):
        hidden.decompose()
    return soup.get_text()


def test_markdown_and_html_specials_are_escaped_text() -> None:
    a = article("Title\n" + SPECIALS + "\n1. first\n- dash\n")
    corpus, problems = corpus_of([a], {"article": "a", "annotations": []})
    assert problems == []
    out = page(a, corpus)
    soup = _soup(out)
    assert soup.find("script") is None
    assert "<script>" not in out.split("-->", 1)[1]
    assert SPECIALS in soup.get_text()
    assert [p.get_text() for p in soup.select(".ar-text p")][-2:] == ["1. first", "- dash"]


def test_paragraphs_follow_single_and_double_line_breaks() -> None:
    a = article("Title\none\ntwo\n\nthree\n")
    corpus, _ = corpus_of([a], {"article": "a", "annotations": []})
    soup = _soup(page(a, corpus))
    assert [(p["id"], p.get_text()) for p in soup.select(".ar-text p")] == [
        ("L2", "one"),
        ("L3", "two"),
        ("L5", "three"),
    ]


def test_correction_shows_corrected_and_keeps_original() -> None:
    a = article("Title\nThe town of Suja fell.\n")
    ann = correction("Suja", "Sudzha", "suja", note="the town")
    corpus, problems = corpus_of([a], {"article": "a", "annotations": [ann]})
    assert problems == []
    soup = _soup(page(a, corpus))
    span = soup.find(id="suja")
    assert span.select_one("del.ar-original").get_text() == "Suja"
    assert span.select_one("ins.ar-corrected").get_text() == "Sudzha"
    note = soup.find(id="fn:suja").get_text()
    assert "Suja" in note and "Sudzha" in note


spans = st.lists(
    st.tuples(st.integers(0, 39), st.integers(1, 12), st.sampled_from(["note", "boilerplate", "correction"])),
    min_size=1,
    max_size=8,
)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc *<>&\n“”")), min_size=40, max_size=40), spans)
def test_overlapping_spans_all_render_and_text_stays_in_order(text: str, wanted: list[tuple[int, int, str]]) -> None:
    a = article("Title\n" + text)
    offset = len("Title\n")
    annotations = []
    for n, (start, length, kind) in enumerate(wanted):
        s, e = offset + start, min(offset + start + length, len(a.text))
        exact = a.text[s:e]
        if not exact.strip() or exact != exact.strip():
            continue
        ann = {"id": f"x{n}", "kind": kind, "exact": exact, "prefix": a.text[:s], "suffix": a.text[e:]}
        if kind == "note":
            ann["note"] = "n"
        if kind == "correction":
            ann.update(corrected="C", error="garbled", confidence="low")
        annotations.append(ann)
    corpus, problems = corpus_of([a], {"article": "a", "annotations": annotations})
    assert problems == []
    out = page(a, corpus)
    soup = _soup(out)
    for ann in annotations:
        assert len(soup.find_all(id=ann["id"])) == 1, "every annotation has exactly one permalink target"
        assert soup.find(id=f"fn:{ann['id']}") is not None, "and a note"
        markers = soup.select(f'a.ar-ref[href="#fn:{ann["id"]}"]')
        assert len(markers) == 1, "and one marker linking to it"
        back = soup.select(f'li[id="fn:{ann["id"]}"] > .ar-note-links > a:first-child[href="#{ann["id"]}"]')
        assert len(back) == 1, "which links back to the passage"
        pieces = soup.select(f'.ar[id="{ann["id"]}"], .ar[data-ar="{ann["id"]}"]')
        assert pieces[0].get("id") == ann["id"], "the passage's first piece carries its id"
        assert all(p.get("id") is None for p in pieces[1:]), "the pieces after a cut name it in data-ar alone"
    assert not soup.select(".ar[id][data-ar]"), "no piece says its id twice"
    visible = "".join(_visible_text(out).split())
    raw = "".join(a.text.split())
    assert visible == raw, "the page holds every raw character, in order"
    assert page(a, corpus) == out, "rendering is deterministic"


def test_every_kind_symbol_and_status_icon_is_drawn_by_the_stylesheet() -> None:
    """Markers, note labels and statuses carry no symbol tag nor aria-label (mkdocs parses every tag of every
    page): reader.css draws each symbol from the same registry, and gives a marker the kind's label as the
    symbol's alternative text (its name is "Correction 1"); a note label's symbol is silent (it says the word)."""
    from importlib import resources

    from annotated_reader.kinds import KINDS

    css = resources.files("annotated_reader").joinpath("static", "reader.css").read_text("utf-8")
    for name, kind in KINDS.items():
        marker = f'.ar-{name} > .ar-ref::before {{ content: "{kind.symbol}\\2009" / "{kind.label} "; }}'
        label = f'.ar-label-{name}::before {{ content: "{kind.symbol}\\2009" / ""; }}'
        for rule in (marker, label):
            assert rule in css, f"reader.css lacks the symbol of {name!r}: {rule}"
    for status, (icon, _) in vocabulary.STATUSES.items():
        assert f'.ar-status-{status}::before {{ content: "{icon} " / ""; }}' in css, status
    a = article("Title\nA word here.\n")
    corpus, problems = corpus_of([a], {"article": "a", "annotations": [correction("word", "term", "w")]})
    assert problems == []
    html = page(a, corpus)
    assert '<a class="ar-ref" href="#fn:w">1</a>' in html
    assert "aria-hidden" not in html


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "articles", "x.y", ".", ""]), max_size=4),
    st.lists(st.sampled_from(["a", "b", "quotes", "x.y", ".", ""]), max_size=4),
    st.booleans(),
)
def test_relpath_is_posixpaths_for_the_sites_paths(to: list[str], start: list[str], slash: bool) -> None:
    path, here = "/".join(to) or ".", "/".join(start) + ("/" if slash else "") or "."
    assert urls.relpath.__wrapped__(path, here) == posixpath.relpath(path, here)


def test_a_corrections_kind_of_error_reads_as_words_in_its_note() -> None:
    a = article("He met the chief on the 12th.")
    corpus, _ = corpus_of([a], {"article": "a", "annotations": [correction("12th", "14th", error="date-number")]})
    text = BeautifulSoup(page(a, corpus), "html.parser").get_text(" ")
    assert "date or number" in text and "date-number" not in text


def test_how_we_know_gives_each_basis_once_in_a_readers_words() -> None:
    """Each field's value, how it is known and why, in one row named as a reader would (no tooltip repeating
    the basis, no raw key such as "source_language"); languages by name."""
    from annotated_reader.model import Article
    from annotated_reader.read import schema
    from tests.helpers import meta_data

    data = meta_data(
        outlet="O", published="2025-03", translation="machine", source_language="ko", url="https://example.org/x"
    )
    fields = schema.PROVENANCE_FIELDS
    data["provenance"] = {name: {"how": "inferred", "basis": f"Basis {n}."} for n, name in enumerate(fields)}
    meta = schema.ArticleMeta.model_validate(data)
    a = Article("a", "Title\nA word here.\n", meta, "articles/a.txt", "articles/a.yml")
    corpus, problems = corpus_of([a], {"article": "a", "annotations": [correction("word", "term", "w")]})
    assert problems == []
    out = page(a, corpus)
    how = _soup(out).select_one("details.ar-provenance")
    assert how is not None
    names = [dt.get_text() for dt in how.select("dl.ar-meta > dt")]
    assert names == ["Headline", "Outlet", "Published", "Language", "Translation", "Source language", "Address"]
    for n, name in enumerate(fields):
        assert out.count(f"Basis {n}.") == 1, f"the basis of {name} is said once"
    assert how.select("[title]") == []
    assert "source_language" not in how.get_text()
    rows = {dt.get_text(): dt.find_next_sibling("dd") for dt in how.select("dl.ar-meta > dt")}
    assert rows["Language"].get_text().startswith(f"English inferred Basis {fields.index('language')}.")
    assert rows["Source language"].get_text().startswith("Korean inferred")
    assert rows["Address"].select_one("a[href='https://example.org/x']") is not None


def test_pages_other_than_articles_link_their_stylesheet_after_the_generated_header() -> None:
    """pages.css (home cards, quote and claim pages, corrections, checklists) is linked by those pages alone,
    relative to where each is served, in a block Python-Markdown passes whole; an article page carries none."""
    from annotated_reader.build import asset_names
    from annotated_reader.render.escape import GENERATED
    from annotated_reader.render.index_pages import all_pages
    from annotated_reader.render.links import stylesheet
    from annotated_reader.render.teachers import teachers_page

    assert "pages.css" in asset_names()
    assert 'href="../../assets/annotated-reader/pages.css"' in stylesheet("claims/x.md")
    assert 'href="assets/annotated-reader/pages.css"' in stylesheet("index.md")
    a = article("Title\nA word here.\n")
    corpus, problems = corpus_of([a], {"article": "a", "annotations": [correction("word", "term", "w")]})
    assert problems == []
    pages = all_pages(corpus, "Site") | {"teachers.md": teachers_page(corpus, "")}
    assert len(pages) >= 5
    for rel, text in pages.items():
        assert text.index(f"<!-- {GENERATED}") < text.index(stylesheet(rel)) < text.index("\n# "), rel
    assert "pages.css" not in page(a, corpus)
