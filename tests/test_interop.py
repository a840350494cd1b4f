"""Data for machines, on a real build of the shipped corpus: data/<slug>.json, ClaimReview JSON-LD on claim
pages, and the docs page that documents them (its examples must be real output)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from annotated_reader import build, urls
from annotated_reader.interop import claimreview, datafiles
from annotated_reader.read import mkdocs_config, schema
from tests.helpers import generate

from .helpers import ROOT, copy_project

Built = tuple[Path, build.Result]
DOC = ROOT / "docs" / "data.md"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = copy_project(tmp_path_factory.mktemp("interop"))
    return root, build.build(root)


def _data(root: Path, slug: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((root / "site" / datafiles.page(slug)).read_text("utf-8"))
    return data


def test_every_article_has_a_data_file_whose_offsets_index_the_raw_text(built: Built) -> None:
    root, result = built
    assert len(result.corpus.articles) == 5
    for slug, article in result.corpus.articles.items():
        data = _data(root, slug)
        raw = (root / "articles" / f"{slug}.txt").read_bytes().decode("utf-8")
        assert data["text"] == raw == article.text
        assert data["metadata"]["title"] == article.meta.title
        items = data["annotations"]
        assert [a["id"] for a in items] == [p.id for p in result.corpus.placed[slug]] != []
        for a in items:
            assert raw[a["start"] : a["end"]] == a["exact"], a["id"]
            line_start = raw.rfind("\n", 0, a["start"]) + 1
            assert (raw.count("\n", 0, a["start"]) + 1, a["start"] - line_start + 1) == (a["line"], a["column"])
            assert a["permalink"] == urls.absolute(
                "https://example.org/annotated-reader/", urls.article_page(slug), a["id"]
            )
        assert set(data["clusters"]) == {a["cluster"] for a in items if a["kind"] == "quote"}
        assert set(data["claims"]) == {a["claim"] for a in items if a["kind"] == "claim"}


def test_rule_occurrences_name_their_rule_and_kind_fields_are_kept(built: Built) -> None:
    root, result = built
    items = [a for slug in result.corpus.articles for a in _data(root, slug)["annotations"]]
    rules = [a for a in items if "rule" in a]
    assert rules and all(a["id"].startswith(a["rule"] + "-") for a in rules)
    for a in items:
        if a["kind"] == "correction":
            assert {"corrected", "error", "confidence"} <= set(a)
            assert a["error"] in schema.ERROR_KINDS
        assert not {"prefix", "suffix", "occurrences", "except"} & set(a)


def test_the_site_serves_the_generated_export_and_data_files(built: Built) -> None:
    root, result = built
    settings, _ = mkdocs_config.read(root)
    assert settings is not None
    generated = generate(settings, result.corpus)
    for rel in ["annotations.jsonld", *(datafiles.page(slug) for slug in result.corpus.articles)]:
        assert (root / "site" / rel).read_text("utf-8") == generated[rel], rel


def test_data_files_are_deterministic() -> None:
    settings, corpus, _ = build.gather(ROOT)
    assert settings is not None
    assert datafiles.files(corpus, settings.site_url) == datafiles.files(build.gather(ROOT)[1], settings.site_url)


def _reviews(root: Path) -> dict[str, dict[str, Any]]:
    found = {}
    for page in sorted((root / "site" / "claims").glob("*/index.html")):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        scripts = soup.find_all("script", type="application/ld+json")
        assert len(scripts) == 1, page
        found[page.parent.name] = json.loads(scripts[0].string)
    return found


def test_each_claim_page_carries_a_claim_review_with_the_required_fields(built: Built) -> None:
    root, result = built
    settings, _ = mkdocs_config.read(root)
    assert settings is not None
    reviews = _reviews(root)
    refs = result.corpus.by_reference()
    assert set(reviews) == set(result.corpus.claims) != set()
    for ident, review in reviews.items():
        claim = result.corpus.claims[ident]
        places = refs.get(("claims", ident), [])
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == claim.claim
        assert review["url"] == urls.absolute(settings.site_url, urls.claim_page(ident))
        assert review["reviewRating"]["@type"] == "Rating"
        assert review["reviewRating"]["alternateName"] == claim.status
        assert review["author"] == {"@type": "Organization", "name": settings.site_name, "url": settings.site_url}
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", review["datePublished"])
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["author"]["name"] == claim.claimant
        assert [a["url"] for a in item["appearance"]] == [
            urls.absolute(settings.site_url, urls.article_page(p.article), p.id) for p in places
        ]


def test_every_appearance_is_a_permalink_that_resolves(built: Built) -> None:
    root, _ = built
    for review in _reviews(root).values():
        for appearance in review["itemReviewed"]["appearance"]:
            path, _, anchor = appearance["url"].removeprefix("https://example.org/annotated-reader/").partition("#")
            soup = BeautifulSoup((root / "site" / path / "index.html").read_text("utf-8"), "html.parser")
            assert soup.find(id=anchor) is not None, appearance["url"]


def test_the_json_ld_is_not_searchable_text(built: Built) -> None:
    """The JSON-LD stands in a <script>, which search indexers (Pagefind) skip: no page text carries it."""
    root, _ = built
    claim_pages = sorted((root / "site" / "claims").glob("*/index.html"))
    assert claim_pages
    for page in claim_pages:
        article = BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one("article")
        assert article is not None and article.select("script[type='application/ld+json']")
        for script in article.select("script"):
            script.decompose()
        assert "ClaimReview" not in article.get_text() and "@type" not in article.get_text(), page


def test_claim_review_json_cannot_close_its_script() -> None:
    hostile = 'x</script><script>alert("&")</script><!--'
    block = claimreview.script({"claimReviewed": hostile})
    inner = block.strip().removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert not re.search(r"[<>&]", inner)
    assert json.loads(inner) == {"claimReviewed": hostile}


# The documentation page: linked, built, and its examples are the real output.


def _json_examples() -> list[Any]:
    return [json.loads(block) for block in re.findall(r"```json\n(.*?)\n```", DOC.read_text("utf-8"), re.S)]


def test_the_data_page_is_built_and_linked_from_about(built: Built) -> None:
    root, _ = built
    assert (root / "site" / "data" / "index.html").exists()
    about = BeautifulSoup((root / "site" / "about" / "index.html").read_text("utf-8"), "html.parser")
    assert any(a["href"].rstrip("/").endswith("data") for a in about.find_all("a", href=True))
    nav = BeautifulSoup((root / "site" / "index.html").read_text("utf-8"), "html.parser").select("nav a[href]")
    assert any(a["href"].rstrip("/").endswith("data") for a in nav)


def test_the_data_page_examples_are_real_output(built: Built) -> None:
    root, _ = built
    head, item, quote, review = _json_examples()
    export = json.loads((root / "site" / "annotations.jsonld").read_text("utf-8"))
    first = {k: v for k, v in export["first"].items() if k != "items"}
    assert head == {**{k: v for k, v in export.items() if k != "first"}, "first": first}
    assert item in export["first"]["items"]
    slug = quote["permalink"].split("/articles/")[1].split("/")[0]
    assert quote in _data(root, slug)["annotations"]
    assert review == _reviews(root)[review["url"].rstrip("/").rsplit("/", 1)[1]]


def test_the_data_page_lists_exactly_the_keys_of_a_data_file(built: Built) -> None:
    root, result = built
    section = DOC.read_text("utf-8").split("## `data/<slug>.json`")[1].split("\n## ")[0]
    documented = re.findall(r"^\| `([a-z_]+)` \|", section, re.M)
    slug = next(iter(result.corpus.articles))
    assert documented == list(_data(root, slug))
    fields = re.findall(r"`([a-z_]+)`", section.split("Each annotation has")[1].split("A quote, as written")[0])
    produced = {k for s in result.corpus.articles for a in _data(root, s)["annotations"] for k in a}
    assert produced <= set(fields), produced - set(fields)
