"""The formats of issue 14: a correction's origin, an evidence item's side, a cluster's original wording,
verified metadata, the overview, the Sources page and the counts of hand-written pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from pydantic import ValidationError

from annotated_reader import build
from annotated_reader.kinds import Context
from annotated_reader.read import schema, stated_counts, yamlsource
from annotated_reader.read.validate import validate
from annotated_reader.render import sources
from annotated_reader.render.article_header import header_html
from annotated_reader.render.overview import overview_html
from tests.helpers import ROOT, article, corpus_of, correction, meta_data, page

TEXT = "Title\nThe leader said troops were surrounded. A spokesman denied it. Suja fell.\n"
SOURCE = {"source": "A report", "url": "https://example.org/report", "confidence": "low"}
PASSAGE = {"article": "a", "exact": "A spokesman denied it."}


def _claim(*evidence: dict[str, Any]) -> dict[str, Any]:
    return {
        "claims": [
            {"id": "c", "claim": "Troops were surrounded", "claimant": "The leader", "status": "false",
             "evidence": list(evidence)}
        ]
    }  # fmt: skip


def _note(origin: str) -> BeautifulSoup:
    a = article(TEXT)
    corpus, problems = corpus_of([a], {"article": "a", "annotations": [correction("Suja", "Sudzha", origin=origin)]})
    assert problems == []
    return BeautifulSoup(page(a, corpus), "html.parser")


@pytest.mark.parametrize(
    ("origin", "shown"),
    [("source", "error in the original report"), ("translation", "introduced in translation"),
     ("unknown", "origin unknown")],
)  # fmt: skip
def test_a_correction_s_note_says_where_the_error_came_from(origin: str, shown: str) -> None:
    label = _note(origin).select_one("#fn\\:r .ar-origin")
    assert label is not None and label.get_text() == shown
    # reader.css colours an origin by its class; "unknown" has no rule, and no class (a site's most common)
    assert label.get("class") == (["ar-origin"] if origin == "unknown" else ["ar-origin", f"ar-origin-{origin}"])


def test_origin_defaults_to_unknown_and_rejects_other_values() -> None:
    assert schema.Correction.model_validate(correction("Suja", "Sudzha")).origin == "unknown"
    with pytest.raises(ValidationError):
        schema.Correction.model_validate(correction("Suja", "Sudzha", origin="typo"))


def test_the_outlet_s_own_words_are_never_a_translation_error() -> None:
    doc, _ = yamlsource.load(
        "annotations/x.yml",
        b"article: a\nannotations:\n  - {id: r, kind: correction, exact: Suja, corrected: Sudzha,\n"
        b"     error: mistranslation, confidence: high, origin: source}\n",
    )
    model, problems = validate(doc, schema.AnnotationFile)
    assert model is None
    assert ["origin: source" in d.message and "translation error" in d.message for d in problems] == [True]


def test_claim_evidence_without_a_side_is_an_error_with_a_hint() -> None:
    corpus, problems = corpus_of([article(TEXT)], _claim({**PASSAGE, "side": "disputes"}, SOURCE))
    assert [(d.severity, d.message) for d in problems if d.severity == "error"] == [
        ("error", "evidence item 2 of claim 'c' has no 'side'")
    ]
    assert "side: supports" in problems[0].hint
    assert corpus.claims["c"].evidence[0].side == "disputes"


def test_claim_evidence_with_sides_is_accepted() -> None:
    _, problems = corpus_of([article(TEXT)], _claim({**PASSAGE, "side": "disputes"}, {**SOURCE, "side": "context"}))
    assert [d for d in problems if d.severity == "error"] == []


ORIGINAL = {"wording": "We had very good talks.", "url": "https://example.org/t", "publisher": "Example",
            "date": "2025-03-14", "confidence": "high"}  # fmt: skip


def test_a_cluster_s_original_needs_its_url() -> None:
    cluster = {"id": "k", "title": "T", "speaker": "S"}
    assert schema.Cluster.model_validate({**cluster, "original": ORIGINAL}).original is not None
    without = {k: v for k, v in ORIGINAL.items() if k != "url"}
    with pytest.raises(ValidationError, match="url"):
        schema.Cluster.model_validate({**cluster, "original": without})


def _meta(**outlet: Any) -> dict[str, Any]:
    data = meta_data(outlet="Alpha Post")
    data["provenance"]["outlet"] = {"basis": "its page", **outlet}
    return data


def test_verified_needs_url_publisher_and_date_and_only_it_takes_them() -> None:
    source = {"url": "https://example.org/p", "publisher": "Alpha Post", "date": "2025-03-14"}
    schema.ArticleMeta.model_validate(_meta(how="verified", **source))
    with pytest.raises(ValidationError, match="needs the source"):
        schema.ArticleMeta.model_validate(_meta(how="verified", url=source["url"]))
    with pytest.raises(ValidationError, match="only go with 'how: verified'"):
        schema.ArticleMeta.model_validate(_meta(how="inferred", **source))


def test_how_we_know_links_a_verified_value_to_its_source() -> None:
    a = article(TEXT)
    meta = schema.ArticleMeta.model_validate(
        _meta(how="verified", url="https://example.org/p", publisher="Alpha Post", date="2025-03-14")
    )
    a = type(a)(a.slug, a.text, meta, a.text_path, a.meta_path)
    corpus, _ = corpus_of([a], {"article": "a", "annotations": []})
    soup = BeautifulSoup(header_html(a, [], Context(corpus, "articles/a.md")), "html.parser")
    link = soup.select_one(".ar-provenance .ar-verified-by a")
    assert link is not None and link["href"] == "https://example.org/p" and link.get_text() == "Alpha Post"
    assert soup.select_one(".ar-how-verified") is not None


OVERVIEW = [
    {"text": "A spokesman denied it.", "claim": "c"},
    {"text": "Suja fell.", "passage": "a#r"},
]


def test_the_overview_links_each_sentence_to_what_it_rests_on() -> None:
    a = article(TEXT)
    files = [_claim({**PASSAGE, "side": "disputes"}), {"overview": OVERVIEW},
             {"article": "a", "annotations": [correction("Suja", "Sudzha")]}]  # fmt: skip
    corpus, problems = corpus_of([a], files)
    assert [d for d in problems if d.severity == "error"] == []
    soup = BeautifulSoup(overview_html(corpus, "index.md"), "html.parser")
    assert [x["href"] for x in soup.select("a.ar-overview-link")] == ["claims/c/", "articles/a/#r"]
    assert "A spokesman denied it." in soup.get_text()


def test_a_dangling_overview_link_is_an_error() -> None:
    bad = [{"text": "One.", "claim": "nope"}, {"text": "Two.", "passage": "a#missing"}, {"text": "3.", "cluster": "k"}]
    _, problems = corpus_of([article(TEXT)], {"overview": bad})
    assert [d.message for d in problems] == [
        "overview sentence 1 links to unknown claim 'nope'",
        "overview sentence 2 links to unknown passage 'a#missing'",
        "overview sentence 3 links to unknown cluster 'k'",
    ]


def test_an_overview_sentence_links_to_exactly_one_thing() -> None:
    with pytest.raises(ValidationError, match="exactly one"):
        schema.OverviewSentence.model_validate({"text": "x", "claim": "c", "cluster": "k"})


def test_the_sources_page_lists_every_outside_source_with_who_relies_on_it() -> None:
    a = article(TEXT)
    note = {"id": "n", "kind": "note", "exact": "Suja fell.", "note": "See [this](https://example.net/a)."}
    cluster = {"clusters": [{"id": "k", "title": "T", "speaker": "S", "original": ORIGINAL}]}
    quote = {"id": "q", "kind": "quote", "exact": "troops were surrounded", "cluster": "k"}
    files = [_claim({**SOURCE, "side": "context"}), cluster, {"article": "a", "annotations": [note, quote]}]
    corpus, problems = corpus_of([a], files)
    assert [d for d in problems if d.severity == "error"] == []
    groups = sources.grouped(corpus)
    # the one publisher named for example.org stands for the site; example.net has none: its host
    assert {name: sorted(g) for name, g in groups.items()} == {
        "Example": ["https://example.org/report", "https://example.org/t"],
        "example.net": ["https://example.net/a"],
    }
    used = {url: [t.page + "#" + t.anchor for t in s.used_by.values()] for g in groups.values() for url, s in g.items()}
    assert used == {
        "https://example.org/t": ["quotes/k.md#"],
        "https://example.net/a": ["articles/a.md#n"],
        "https://example.org/report": ["claims/c.md#"],
    }
    soup = BeautifulSoup(sources.sources_page(corpus), "html.parser")
    assert soup.select_one('a[href="../articles/a/#n"]') is not None


def test_addresses_in_text_lose_the_punctuation_that_ends_a_sentence() -> None:
    assert sources.addresses("(see https://example.org/a?b=1, and https://example.org/c).") == [
        "https://example.org/a?b=1",
        "https://example.org/c",
    ]


def test_a_stale_count_in_a_hand_written_page_is_a_warning() -> None:
    corpus, _ = corpus_of([article(TEXT), article(TEXT, slug="b")], {"article": "a", "annotations": []})
    found = stated_counts.stated_counts("docs/about.md", "Intro.\nFive news texts and 2 claims.\n", corpus)
    assert [(d.line, d.col, d.message) for d in found] == [
        (2, 1, "'Five news texts' but the corpus has 2 texts"),
        (2, 21, "'2 claims' but the corpus has 0 claims"),
    ]
    assert stated_counts.stated_counts("docs/about.md", "Two articles.", corpus) == []


def test_the_about_page_must_list_every_article() -> None:
    corpus, _ = corpus_of([article(TEXT), article(TEXT, slug="b")], {"article": "a", "annotations": []})
    found = stated_counts.unlisted_articles("docs/about.md", "[A](articles/a.md)", corpus)
    assert [d.message for d in found] == ["the About page does not list 1 article(s): b"]


def test_the_shipped_pages_state_no_stale_count() -> None:
    _, corpus, _ = build.gather(ROOT)
    assert stated_counts.check_pages(ROOT, corpus) == []


def test_check_warns_about_a_stale_count(tmp_path: Path) -> None:
    from tests.helpers import copy_project

    root = copy_project(tmp_path)
    about = root / "docs" / "about.md"
    about.write_text(about.read_text("utf-8") + "\nThese seven articles.\n", "utf-8")
    _, _, diagnostics = build.gather(root)
    assert [d.message for d in diagnostics] == ["'seven articles' but the corpus has 5 articles"]
