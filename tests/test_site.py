"""The shipped corpus, built for real: mkdocs --strict, links, search, export, nothing lost."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
import pytest
from bs4 import BeautifulSoup

from annotated_reader import build
from annotated_reader.cli import main as cli_main
from annotated_reader.kinds import KINDS
from annotated_reader.model import BuildFailed, Diagnostic
from annotated_reader.write import engine, search, searchindex
from tests.helpers import copy_project, tree_digest, w3c_items, w3c_pages

AR = {"ar": "https://example.org/annotated-reader/data/#"}  # the namespace of the export's own terms

ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = (
    next(
        (p for p in (Path(os.environ.get("SHARED_DIR", ROOT.parent / "shared")), Path("/work/shared")) if p.is_dir()),
        ROOT.parent / "shared",
    )
    / "corpus"
)
BASE_PATH = "/annotated-reader/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, build.Result, dict[str, dict[str, str]]]:
    root = copy_project(tmp_path_factory.mktemp("project"))
    before = {name: tree_digest(root / name) for name in ("articles", "annotations")}
    result = build.build(root)
    return root, result, before


def test_shipped_corpus_builds_with_no_warnings(built: tuple[Path, build.Result, dict]) -> None:
    _, result, _ = built
    assert [d.format() for d in result.diagnostics] == []
    assert len(result.corpus.articles) == 5


def test_every_kind_is_used_on_the_shipped_corpus(built: tuple[Path, build.Result, dict]) -> None:
    _, result, _ = built
    used = {p.kind for p in result.corpus.all_placed()}
    assert used == set(KINDS)
    assert any(
        p.id.endswith("-1") and p.spec.occurrences == "all"
        for p in result.corpus.all_placed()
        if p.kind == "correction"
    ), "a correction rule is shown"


CHECKSUMS = ROOT / "tests" / "corpus.sha256"  # `sha256sum *.txt` in the shared corpus folder: CI has no ../shared


def _checksums() -> dict[str, str]:
    pairs = (line.split() for line in CHECKSUMS.read_text("utf-8").splitlines() if line.strip())
    return {name: digest for digest, name in pairs}


def test_articles_are_the_corpus_byte_for_byte(built: tuple[Path, build.Result, dict]) -> None:
    root, result, _ = built
    checksums = _checksums()
    for slug, article in result.corpus.articles.items():
        raw = (root / "articles" / f"{slug}.txt").read_bytes()
        assert hashlib.sha256(raw).hexdigest() == checksums[f"{article.meta.corpus_id}.txt"], slug


def test_the_committed_checksums_are_the_shared_corpus() -> None:
    """Where ../shared is (the developers' machines), the checksums CI relies on are its files'."""
    if SHARED_CORPUS.is_dir():
        shared = {name: digest for name, digest in tree_digest(SHARED_CORPUS).items() if name.endswith(".txt")}
        assert _checksums() == shared
    else:
        assert os.environ.get("CI") == "true", f"{SHARED_CORPUS} is missing (only CI builds without it)"


def test_inputs_are_never_modified(built: tuple[Path, build.Result, dict]) -> None:
    root, _, before = built
    assert {name: tree_digest(root / name) for name in before} == before


def _pages(site: Path) -> dict[Path, BeautifulSoup]:
    return {p: BeautifulSoup(p.read_text("utf-8"), "html.parser") for p in site.rglob("*.html")}


def test_every_internal_link_and_anchor_resolves(built: tuple[Path, build.Result, dict]) -> None:
    root, _, _ = built
    site = root / "site"
    pages = _pages(site)
    ids = {p: {el["id"] for el in soup.find_all(id=True)} for p, soup in pages.items()}
    broken = []
    for path, soup in pages.items():
        for a in soup.find_all("a", href=True):
            parts = urlsplit(a["href"])
            if parts.scheme or parts.netloc or a["href"].startswith("mailto:"):
                continue
            local = unquote(parts.path)
            if local.startswith("/"):  # 404.html links from the site root, under site_url's path
                assert local.startswith(BASE_PATH), a["href"]
                target = (site / local.removeprefix(BASE_PATH)).resolve()
            else:
                target = (path.parent / local).resolve() if local else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(site)}: {a['href']}")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids[target]:
                broken.append(f"{path.relative_to(site)}: {a['href']} (no such anchor)")
    assert broken == []


def test_no_page_fetches_anything_from_the_internet(built: tuple[Path, build.Result, dict]) -> None:
    root, _, _ = built
    external = re.compile(r"^(https?:)?//", re.I)
    for path, soup in _pages(root / "site").items():
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src")):
            for el in soup.find_all(tag):
                value = el.get(attr) or ""
                rel = el.get("rel") or []
                if tag == "link" and "canonical" in rel:
                    continue
                assert not external.match(value), f"{path}: <{tag} {attr}={value}>"
    for css in (root / "site").rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text("utf-8")), css


def test_article_pages_hold_every_raw_character_in_order(built: tuple[Path, build.Result, dict]) -> None:
    root, result, _ = built
    for slug, article in result.corpus.articles.items():
        soup = BeautifulSoup((root / "site" / "articles" / slug / "index.html").read_text("utf-8"), "html.parser")
        content = soup.select_one(".ar-article")
        for hidden in content.select(
            ".ar-title, .ar-header, .ar-notes-box, .ar-ref, ins.ar-corrected, .headerlink, .ar-questions"
        ):
            hidden.decompose()
        assert "".join(content.get_text().split()) == "".join(article.text.split()), slug


def _search_texts(root: Path) -> str:
    """What Pagefind indexes: each page as searchindex.py hands it over, without the excluded elements."""
    md = markdown.Markdown(extensions=searchindex.EXTENSIONS)
    texts = []
    for _, path in searchindex.pages(root / "docs"):
        soup = BeautifulSoup(searchindex.page_html(path.read_text("utf-8"), "en", md), "html.parser")
        for selector in search.EXCLUDE:
            for element in soup.select(selector):
                element.decompose()
        texts.append(soup.get_text(" "))
    return "\n".join(texts)


def test_search_finds_a_misspelling_and_its_correction(built: tuple[Path, build.Result, dict]) -> None:
    root, result, _ = built
    text = _search_texts(root)
    corrections = [p for p in result.corpus.all_placed() if p.kind == "correction"]
    assert corrections
    for p in corrections:
        original = result.corpus.articles[p.article].text[p.span.start : p.span.end]
        assert " ".join(original.split()) in text
        assert p.spec.corrected in text


def test_boilerplate_is_not_indexed(built: tuple[Path, build.Result, dict]) -> None:
    root, result, _ = built
    text = _search_texts(root)
    cookie = [
        p
        for p in result.corpus.all_placed()
        if p.kind == "boilerplate" and "cookies" in result.corpus.articles[p.article].text[p.span.start : p.span.end]
    ]
    assert cookie, "the cookie notice of the corpus is marked as boilerplate"
    assert "This website uses cookies" not in text


def test_export_follows_the_contract(built: tuple[Path, build.Result, dict]) -> None:
    root, result, _ = built
    data = json.loads((root / "site" / "annotations.jsonld").read_text("utf-8"))
    site = {p.relative_to(root / "site").as_posix(): p.read_text("utf-8") for p in (root / "site").rglob("*.jsonld")}
    assert data["type"] == "AnnotationCollection" and w3c_pages(site)[0]["type"] == "AnnotationPage"
    items = w3c_items(site)
    assert len(items) == data["total"] == len(result.corpus.all_placed())
    assert len({item["id"] for item in items}) == len(items)
    motivations = {
        "correction": "editing",
        "quote": "linking",
        "claim": "assessing",
        "note": "commenting",
        "boilerplate": "tagging",
    }
    by_id = {
        f"https://example.org/annotated-reader/articles/{p.article}/#{p.id}": p for p in result.corpus.all_placed()
    }
    for page in w3c_pages(site):
        assert page["@context"] in ("http://www.w3.org/ns/anno.jsonld", ["http://www.w3.org/ns/anno.jsonld", AR])
    for item in items:
        p = by_id[item["id"]]
        assert "@context" not in item  # its page's applies
        assert item["motivation"] == motivations[p.kind]
        selector = item["target"]["selector"][0]
        text = result.corpus.articles[p.article].text
        assert selector["type"] == "TextQuoteSelector"
        assert text.count(selector["prefix"] + selector["exact"] + selector["suffix"]) == 1
        purposes = [b.get("purpose") for b in item["body"]]
        if p.kind == "correction":
            assert purposes[0] == "editing" and item["body"][0]["value"] == p.spec.corrected
            assert "commenting" in purposes
        elif p.kind == "quote":
            assert item["body"] == [  # its lone body plays the motivation, linking: no purpose repeats it
                {
                    "type": "SpecificResource",
                    "source": f"https://example.org/annotated-reader/quotes/{p.spec.cluster}/",
                }
            ]
        elif p.kind == "claim":
            assert purposes == ["assessing", "linking"]
        elif p.kind == "boilerplate":
            assert item["body"][0] == {"type": "TextualBody", "value": "boilerplate", "purpose": "tagging"}


def test_failed_build_leaves_the_previous_site_and_docs(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    build.build(root)
    site_before, docs_before = tree_digest(root / "site"), tree_digest(root / "docs")
    broken = root / "annotations" / "zz-broken.yml"
    broken.write_text(
        "claims:\n  - id: zz\n    claim: x\n    claimant: y\n    status: disputed\n    evidence:\n"
        "      - article: putin-urges-kursk-troops-surrender\n"
        "        exact: words that are not in the article\n"
        "        side: supports\n",
        "utf-8",
    )
    with pytest.raises(BuildFailed) as failed:
        build.build(root)
    assert any("matches nowhere" in d.message for d in failed.value.diagnostics)
    assert tree_digest(root / "site") == site_before
    assert tree_digest(root / "docs") == docs_before


def test_hand_written_pages_are_never_touched(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    mine = root / "docs" / "my-page.md"
    mine.write_text("# Mine\n", "utf-8")
    build.build(root, with_site=False)
    assert mine.read_text("utf-8") == "# Mine\n"
    clash = root / "docs" / "claims" / "index.md"
    shutil.rmtree(root / "docs" / "claims")
    (root / "docs" / ".generated-files.json").unlink()
    clash.parent.mkdir()
    clash.write_text("# My claims\n", "utf-8")
    with pytest.raises(BuildFailed):
        build.build(root, with_site=False)
    assert clash.read_text("utf-8") == "# My claims\n"
    assert mine.read_text("utf-8") == "# Mine\n"


def test_no_op_rebuild_rewrites_nothing(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    build.build(root, with_site=False)
    again = build.build(root, with_site=False)
    assert again.written == () and again.removed == ()


def test_article_pages_link_their_annotation_file_and_nothing_else_edits(
    built: tuple[Path, build.Result, dict],
) -> None:
    root, result, _ = built
    for slug in result.corpus.articles:
        soup = BeautifulSoup((root / "site" / "articles" / slug / "index.html").read_text("utf-8"), "html.parser")
        (link,) = soup.select(".ar-edit a")
        assert link["href"] == f"https://github.com/example/annotated-reader/edit/main/annotations/{slug}.yml"
        assert (root / "annotations" / f"{slug}.yml").is_file()
    for path, soup in _pages(root / "site").items():
        assert soup.select('a[rel="edit"]') == [], f"{path}: Material's edit button would open the generated page"
        assert soup.select('[data-md-component="source"]') == [], f"{path}: the repository widget fetches from GitHub"


@pytest.mark.parametrize("anchor", ["L3", "no-such-anchor"])
def test_strict_build_checks_links_into_articles(tmp_path: Path, anchor: str) -> None:
    """mkdocs --strict fails on a link to a missing anchor of an article (whose HTML rawblock.py passes
    through whole, handing its ids to mkdocs) and passes on one that exists."""
    root = copy_project(tmp_path)
    page = root / "docs" / "my-links.md"
    page.write_text(f"# Links\n\n[a line](articles/putin-urges-kursk-troops-surrender.md#{anchor})\n", "utf-8")
    if anchor == "L3":
        build.build(root)
        soup = BeautifulSoup((root / "site" / "my-links" / "index.html").read_text("utf-8"), "html.parser")
        links = [a["href"] for a in soup.select("article a[href]")]
        assert "../articles/putin-urges-kursk-troops-surrender/#L3" in links
        return
    with pytest.raises(BuildFailed) as failed:
        build.build(root)
    assert any("#no-such-anchor" in line for line in failed.value.log)
    assert [d.message for d in failed.value.diagnostics] == [
        f"mkdocs build --strict failed; its last {len(failed.value.log)} line(s) of output follow"
    ]


def test_a_failed_tool_log_is_shown_in_its_order_after_the_diagnostics(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A failing mkdocs or Pagefind run's lines are printed as the tool wrote them, after the contributor's
    diagnostics: never sorted with them (they were printed in alphabetical order before)."""
    script = "import sys; print('zeta: first'); print('alpha: second'); print('mid: third'); sys.exit(1)"
    with pytest.raises(BuildFailed) as failed:
        engine._run([sys.executable, "-c", script], tmp_path, "mkdocs build --strict", 0)
    assert failed.value.log == ("zeta: first", "alpha: second", "mid: third")
    warning = Diagnostic("annotations/a.yml", 3, 5, "warning", "a contributor's warning")

    def fail(root: Path, strict: bool = False, with_site: bool = True) -> None:
        raise BuildFailed([*failed.value.diagnostics, warning], failed.value.log)

    monkeypatch.setattr("annotated_reader.build.build", fail)
    assert cli_main(["--root", str(tmp_path), "build", "--force"]) == 1
    printed = capsys.readouterr().err.splitlines()
    shown = [line for line in printed if "first" in line or "second" in line or "third" in line or "warning:" in line]
    assert shown[0].startswith("annotations/a.yml:3:5: warning:")
    assert [line.strip(" |") for line in shown[1:]] == ["zeta: first", "alpha: second", "mid: third"]
