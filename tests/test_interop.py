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
from annotated_reader.read import mkdocs_config, vocabulary
from tests.helpers import generate, w3c_items, w3c_pages

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


def _site(root: Path) -> dict[str, str]:
    return {p.relative_to(root / "site").as_posix(): p.read_text("utf-8") for p in (root / "site").rglob("*.json*")}


def test_every_article_has_a_data_file_and_a_w3c_page_whose_offsets_index_the_raw_text(built: Built) -> None:
    root, result = built
    assert len(result.corpus.articles) == 5
    pages = w3c_pages(_site(root))
    assert [p["id"].rsplit("/", 1)[1] for p in pages] == [f"{slug}.jsonld" for slug in result.corpus.articles]
    for page, (slug, article) in zip(pages, result.corpus.articles.items(), strict=True):
        data = _data(root, slug)
        raw = (root / "articles" / f"{slug}.txt").read_bytes().decode("utf-8")
        assert data["text"] == raw == article.text
        assert data["metadata"]["title"] == article.meta.title
        assert data["annotations"] == page["id"]
        items = page["items"]
        assert [a["id"].rsplit("#", 1)[1] for a in items] == [p.id for p in result.corpus.placed[slug]] != []
        for a in items:
            quote, position = a["target"]["selector"]
            assert raw[position["start"] : position["end"]] == quote["exact"], a["id"]
        links = {tuple(b["source"].rstrip("/").rsplit("/", 2)[1:]) for a in items for b in a["body"] if "source" in b}
        assert set(data["clusters"]) == {ident for kind, ident in links if kind == "quotes"}
        assert set(data["claims"]) == {ident for kind, ident in links if kind == "claims"}


def test_no_annotation_is_published_twice(built: Built) -> None:
    """The data files carry text, metadata and ids; the annotations are in the W3C pages only."""
    root, result = built
    site = _site(root)
    for slug in result.corpus.articles:
        data = json.loads(site[datafiles.page(slug)])
        assert all(isinstance(v, str | list) for k, v in data.items() if k != "metadata"), slug
        assert all(isinstance(i, str) for i in data["clusters"] + data["claims"])
    index = json.loads(site[datafiles.INDEX])
    assert index["articles"] == list(result.corpus.articles)
    assert set(index["clusters"]) == set(result.corpus.clusters) and set(index["claims"]) == set(result.corpus.claims)


def test_the_fields_w3c_has_no_term_for_are_published_once(built: Built) -> None:
    """A correction's error kind, confidence, origin, evidence and rule on its editing body; a cluster's
    original wording and each evidence item's side in data/index.json."""
    root, result = built
    site = _site(root)
    items = w3c_items(site)
    editing = [b for a in items for b in a["body"] if b.get("purpose") == "editing"]
    assert len(editing) == sum(p.kind == "correction" for p in result.corpus.all_placed()) > 0
    for body in editing:
        assert body["ar:error"] in vocabulary.ERROR_KINDS and body["ar:origin"] in vocabulary.ORIGINS
        assert body["ar:confidence"] in ("high", "medium", "low")
    rules = [(a["id"], b["ar:rule"]) for a in items for b in a["body"] if "ar:rule" in b]
    assert rules and all(ident.rsplit("#", 1)[1].startswith(rule + "-") for ident, rule in rules)
    for page in w3c_pages(site):  # the prefix is defined by the page of each annotation that uses it
        uses = any(k.startswith("ar:") for a in page["items"] for b in a["body"] for k in b)
        defines = page["@context"] == [
            "http://www.w3.org/ns/anno.jsonld",
            {"ar": "https://example.org/annotated-reader/data/#"},
        ]
        assert defines == uses and (uses or page["@context"] == "http://www.w3.org/ns/anno.jsonld")
    index = json.loads(site[datafiles.INDEX])
    originals = {c for c, d in result.corpus.clusters.items() if d.original}
    assert originals and {c for c, d in index["clusters"].items() if "original" in d} == originals
    sides = [e["side"] for claim in index["claims"].values() for e in claim.get("evidence", [])]
    assert sides and set(sides) <= set(vocabulary.SIDES)


def test_the_site_serves_the_generated_export_and_data_files(built: Built) -> None:
    root, result = built
    settings, _ = mkdocs_config.read(root)
    assert settings is not None
    generated = generate(settings, result.corpus)
    exported = [rel for rel in generated if rel.endswith((".json", ".jsonld"))]
    assert len(exported) == 2 * len(result.corpus.articles) + 2  # a W3C page and a data file each, two for all
    for rel in exported:
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
    collection, page, item, review = _json_examples()
    site = _site(root)
    assert collection == json.loads(site["annotations.jsonld"])
    pages = w3c_pages(site)
    assert page in [{k: v for k, v in p.items() if k != "items"} for p in pages]
    assert item in w3c_items(site)
    assert review == _reviews(root)[review["url"].rstrip("/").rsplit("/", 1)[1]]


def _keys(section: str) -> list[str]:
    text = DOC.read_text("utf-8").split(section)[1].split("\n## ")[0]
    return re.findall(r"^\| `([a-z_:]+)` \|", text, re.M)


def test_the_data_page_lists_exactly_the_keys_of_the_data_files_and_the_ar_terms(built: Built) -> None:
    root, result = built
    slug = next(iter(result.corpus.articles))
    assert _keys("## `data/<slug>.json`") == list(_data(root, slug))
    assert _keys("## `data/index.json`") == list(json.loads(_site(root)[datafiles.INDEX]))
    produced = {k for a in w3c_items(_site(root)) for b in a["body"] for k in b if k.startswith("ar:")}
    assert produced == set(_keys("## W3C Web Annotations"))
