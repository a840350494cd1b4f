"""Issue 15, as a reader meets it on a laptop (1280) and a phone (390, touch): one test per problem found."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml
from playwright.sync_api import Page, expect

from tests.browser.axe import assert_accessible
from tests.browser.conftest import NewContext, Site
from tests.browser.reader import POP, alone, article, hover, marker, passage, passage_boxes
from tests.browser.served import ARTICLE
from tests.helpers import ROOT

PARTIAL_CLUSTER = "/quotes/trump-very-good-productive/"
SIZES = """els => els.filter(e => e.getClientRects().length).map(e => {
  const r = e.getBoundingClientRect();
  return [e.getClientRects().length, r.width, r.height];
})"""
FOCUSED = """() => {
  const a = document.activeElement;
  return [a.tagName, String(a.className), a.getClientRects().length > 0];
}"""


def test_copy_link_in_a_note_popup_copies_and_says_so(new_context: NewContext) -> None:
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(article(ARTICLE))
    ident = alone(page, "claim")[0]
    marker(page, ident).click()
    button = page.locator(f"{POP} button.ar-copy")
    button.click()
    expect(button).to_have_text("Link copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(f"/articles/{ARTICLE}/#{ident}")


def _tap_middle(page: Page, ident: str) -> None:
    passage(page, ident).scroll_into_view_if_needed()
    box = max(passage_boxes(page, ident), key=lambda b: b.width)
    page.touchscreen.tap(box.x + min(box.width / 3, 40), box.y + box.height / 2)


def test_tapping_a_passage_opens_its_note_and_another_passage_switches(mobile_page: Page) -> None:
    mobile_page.goto(article(ARTICLE))
    first, second = alone(mobile_page, "quote")[:2]
    _tap_middle(mobile_page, first)
    expect(mobile_page.locator(POP)).to_be_visible()
    expect(mobile_page.locator(POP)).to_have_attribute("data-for", first)
    _tap_middle(mobile_page, second)
    expect(mobile_page.locator(POP)).to_have_attribute("data-for", second)
    assert mobile_page.locator(".ar-active").evaluate_all("els => els.map(e => e.id || e.dataset.ar)") == [second]


def test_markers_are_24px_targets_and_keep_their_symbol(mobile_page: Page) -> None:
    mobile_page.goto(article(ARTICLE))
    sizes = mobile_page.eval_on_selector_all(".ar-text a.ar-ref", SIZES)
    assert sizes
    assert all(lines == 1 for lines, _, _ in sizes)  # never broken across lines
    assert min(w for _, w, _ in sizes) >= 24 and min(h for _, _, h in sizes) >= 24


def test_a_marker_is_named_by_its_kind_and_number_and_its_note_too(page: Page) -> None:
    """No aria-label in the page: reader.css gives each kind's symbol the kind's name as alt text."""
    page.goto(article(ARTICLE))
    first = page.locator(".ar-text a.ar-ref").first
    n, ident = first.inner_text().strip(), first.get_attribute("href")[len("#fn:") :]
    label = (page.locator(f'[id="fn:{ident}"] [class^="ar-label-"]').text_content() or "").strip()  # in the folded list
    assert first.get_attribute("aria-label") is None
    expect(page.locator(".ar-text").get_by_role("link", name=f"{label} {n}", exact=True)).to_have_count(1)
    first.focus()
    expect(page.locator(POP)).to_have_attribute("aria-label", f"{label} {n}")


def test_one_marker_per_annotation_and_no_wavy_lines(page: Page) -> None:
    page.goto(article(ARTICLE))
    ids = page.eval_on_selector_all(
        ":is(.ar-text, .ar-headline) .ar:is([id], [data-ar])", "els => els.map(e => e.id || e.dataset.ar)"
    )
    markers = page.eval_on_selector_all(".ar-article a.ar-ref", "els => els.map(e => e.getAttribute('href'))")
    assert len(markers) == len(set(ids)) == len(set(markers))
    styles = page.eval_on_selector_all(
        ".ar:is([id], [data-ar]), ins.ar-corrected",
        "els => els.map(e => getComputedStyle(e).textDecorationStyle + ' ' + getComputedStyle(e, '::before').content)",
    )
    assert not [s for s in styles if "wavy" in s or "✎" in s]
    key = page.locator(".ar-controls .ar-switch .ar-sample")
    assert key.count() >= 4  # the visible key: each kind's line style, with JavaScript on
    assert len(set(key.evaluate_all("els => els.map(e => getComputedStyle(e).borderBottomStyle)"))) >= 4


def _first_sentence_top(page: Page) -> float:
    return float(page.locator(".ar-text p").first.evaluate("p => p.getBoundingClientRect().top"))


def test_the_text_starts_near_the_top(page: Page, mobile_page: Page, site: Site) -> None:
    for slug in (p.removeprefix("/articles/").strip("/") for p in site.paths("articles")[1:]):
        if slug.startswith("by-"):
            continue
        page.goto(article(slug))
        assert _first_sentence_top(page) <= 400, slug
        mobile_page.goto(article(slug))
        assert _first_sentence_top(mobile_page) < 844, slug


def test_an_original_english_article_offers_no_machine_translation_and_no_zero_counts(page: Page) -> None:
    page.goto(article("putin-urges-kursk-troops-surrender"))
    controls = page.locator(".ar-controls").inner_text()
    assert "machine translation" not in controls
    assert not re.search(r"\b0\b", controls)


def test_skip_link_and_one_tab_stop_per_annotation(page: Page) -> None:
    page.goto(article(ARTICLE))
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.textContent.trim()")
    assert first == "Skip to content"
    page.keyboard.press("Enter")
    stops = []
    for _ in range(60):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
    assert all(visible for _, _, visible in stops)  # no stop on an invisible element
    in_text = [s for s in stops if "ar-ref" in s[1]]
    ids = page.eval_on_selector_all(".ar-text a.ar-ref, .ar-headline a.ar-ref", "els => els.length")
    assert len(in_text) >= min(ids, 40)  # Tab goes marker to marker: nothing between them in the text
    assert [t for t, c, _ in stops[:8] if t == "SUMMARY"] == ["SUMMARY"]  # "How we know" is reached


def test_tab_from_a_pinned_note_reaches_how_we_know(page: Page) -> None:
    page.goto(article(ARTICLE))
    headline = page.locator(".ar-headline a.ar-ref").first
    headline.focus()
    page.keyboard.press("Enter")
    expect(page.locator(POP)).to_be_visible()
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    assert page.evaluate("document.activeElement.textContent") == "How we know"


def test_a_fragment_is_marked_as_a_partial_quote_not_struck_through(page: Page) -> None:
    page.goto(PARTIAL_CLUSTER)
    rows = page.locator("li.ar-wording")
    assert rows.count() >= 2
    partial = rows.filter(has_text="quotes part of the statement")
    assert partial.count() >= 1
    assert "unknown outlet" not in page.locator(".ar-wordings").inner_text()
    key, cell = page.locator(".ar-diff-key ins.ar-diff"), page.locator(".ar-wordings ins.ar-diff").first
    if cell.count():
        style = "e => getComputedStyle(e).backgroundColor + getComputedStyle(e).textDecorationLine"
        assert key.evaluate(style) == cell.evaluate(style)  # the key looks like the list


def test_wordings_are_readable_on_a_phone(mobile_page: Page) -> None:
    mobile_page.goto(PARTIAL_CLUSTER)
    widths = mobile_page.locator(".ar-wording blockquote").evaluate_all("els => els.map(e => e.clientWidth)")
    assert widths and min(widths) > 300


def test_claim_page_names_outlets_without_doubled_quotes(page: Page, site: Site) -> None:
    for path in site.paths("claims")[1:]:
        page.goto(path)
        text = page.locator("article").inner_text()
        assert "““" not in text and "””" not in text, path
        links = page.locator(".ar-evidence a[href*='articles/']").evaluate_all("els => els.map(e => e.textContent)")
        assert all(len(t) <= 40 for t in links), (path, links)


SIDES = ("supports", "disputes", "context")
QUOTE_MARKS = re.compile("[\"'“”‘’«»„‚‹›]")
EVIDENCE = """uls => uls.map(ul => [...ul.children].map(li => ({
  text: li.textContent, links: [...li.querySelectorAll('a')].map(a => [a.textContent, a.title, a.getAttribute('href')])
})))"""
PLACES = """(h2) => {
  const lists = {appears: [], rebuttals: []};
  let key = 'appears';
  for (let n = h2.nextElementSibling; n; n = n.nextElementSibling) {
    if (n.tagName === 'H3' && /Rebuttals/.test(n.textContent)) key = 'rebuttals';
    else if (n.tagName === 'UL') n.querySelectorAll(':scope > li').forEach(li => {
      const a = li.querySelector('a');
      lists[key].push({href: a.getAttribute('href'), outlet: a.textContent, text: li.textContent});
    });
    else if (/^H[12]$/.test(n.tagName)) break;
  }
  return lists;
}"""


def _bare(text: str) -> str:
    """Text compared without quotation marks (the page never doubles them) and with spaces folded."""
    return " ".join(QUOTE_MARKS.sub("", text).split())


def _article_meta(slug: str) -> dict[str, Any]:
    meta: dict[str, Any] = yaml.safe_load((ROOT / "articles" / f"{slug}.yml").read_text("utf-8"))
    return meta


def _outlet(slug: str) -> str:
    meta = _article_meta(slug)
    return str(
        meta["outlet"] or (f"unnamed outlet, {meta['published']}" if meta.get("published") else "unnamed outlet")
    )


def _check_side(item: dict[str, Any], row: dict[str, Any], claim: str) -> None:
    if "article" in item:
        assert _bare(item["exact"]) in _bare(row["text"]), (claim, item["exact"])
        slug = item["article"]
        link = [(text, title) for text, title, href in row["links"] if f"/articles/{slug}/" in href]
        assert link == [(_outlet(slug), _article_meta(slug)["title"])], (claim, link)  # the outlet, titled
    else:
        assert _bare(item["source"])[:40] in _bare(row["text"]), (claim, item["source"])


def test_claim_pages_group_evidence_by_side_and_keep_rebuttals_apart(page: Page) -> None:
    """Every claim of the shipped corpus: one labelled list per side, in order, holding exactly that side's
    evidence, passages named by outlet; the claim's places listed apart from the rebuttals among them."""
    claims = yaml.safe_load((ROOT / "annotations" / "claims.yml").read_text("utf-8"))["claims"]
    seen_sides, seen_rebuttals = 0, 0
    for claim in claims:
        page.goto(f"/claims/{claim['id']}/")
        evidence = claim.get("evidence") or []
        sides = [side for side in SIDES if any(e.get("side") == side for e in evidence)]
        headings = page.locator("h3[id^='evidence-']").evaluate_all("els => els.map(e => [e.id, e.textContent])")
        if len(sides) > 1:
            seen_sides += 1
            assert [h[0] for h in headings] == [f"evidence-{side}" for side in sides], claim["id"]
        lists = page.locator("ul.ar-evidence").evaluate_all("els => els.map(e => e.className)")
        assert lists == [f"ar-evidence ar-evidence-{side}" for side in sides], claim["id"]
        for side, heading, rows in zip(
            sides, headings or [None] * len(sides), page.locator("ul.ar-evidence").evaluate_all(EVIDENCE), strict=True
        ):
            expected = [e for e in evidence if e.get("side") == side]
            assert len(rows) == len(expected), (claim["id"], side)
            if heading:
                assert heading[1].endswith(f"({len(expected)})"), heading
            for item, row in zip(expected, rows, strict=True):
                _check_side(item, row, claim["id"])
        places = page.locator("h2#where-it-appears").evaluate(PLACES)
        denials = [_bare(e["exact"]) for e in evidence if e.get("side") == "disputes" and "article" in e]
        appear_hrefs = {p["href"] for p in places["appears"]}
        assert not appear_hrefs & {p["href"] for p in places["rebuttals"]}, claim["id"]
        for place in places["appears"]:  # a denial marked with the claim is not a place where the claim appears
            quote = _bare(place["text"].split(": ", 1)[1])
            assert not any(quote in d or d in quote for d in denials), (claim["id"], place)
        for place in places["rebuttals"]:
            seen_rebuttals += 1
            quote = _bare(place["text"].split(": ", 1)[1])
            assert any(quote in d or d in quote for d in denials), (claim["id"], place)
        for place in places["appears"] + places["rebuttals"]:
            slug = place["href"].split("/articles/", 1)[1].split("/", 1)[0]
            assert place["outlet"] == _outlet(slug), place
    assert seen_sides and seen_rebuttals, "the corpus has claims with several sides and with rebuttals"


def test_claim_pages_in_student_mode_do_not_say_who_disputes(page: Page) -> None:
    claims = yaml.safe_load((ROOT / "annotations" / "claims.yml").read_text("utf-8"))["claims"]
    undisputed = [c["id"] for c in claims if not c.get("disputed_by")]
    disputed = [c["id"] for c in claims if c.get("disputed_by")]
    assert undisputed and disputed
    for ident in (undisputed[0], disputed[0]):
        page.goto(f"/claims/{ident}/")
        assert "Disputed by" in page.locator("article").inner_text()
        page.goto(f"/claims/{ident}/?mode=student")
        text = page.locator("article").inner_text()
        assert "Disputed by" not in text and "no one in the corpus" not in text, ident
        assert "Claimed by" in text  # the rest of the facts stay


# The page types and states tests/browser/test_pages.py does not run axe on (it covers home, the indexes,
# names, teachers, about, every article, a cluster and a claim).
MORE_PAGES = {
    "articles index": "/articles/",
    "articles by outlet": "/articles/by-outlet/",
    "articles by month": "/articles/by-month/",
    "articles by tag": "/articles/by-tag/",
    "changes": "/changes/",
    "sources": "/sources/",
    "data and export formats": "/data/",
    "how to annotate": "/how-to-annotate/",
    "claim in student mode": "/claims/ukrainian-troops-encircled/?mode=student",
}


@pytest.mark.parametrize("page_type", [*MORE_PAGES, "assignment", "article with an assignment tray"])
def test_axe_finds_no_violation_on_the_other_pages_and_states(page: Page, page_type: str) -> None:
    if page_type in MORE_PAGES:
        response = page.goto(MORE_PAGES[page_type])
        assert response is not None and response.ok, page_type
    else:
        page.goto(article(ARTICLE))
        first, second = alone(page, "claim")[:2]
        if page_type == "assignment":
            page.goto(article(ARTICLE, f"?mode=student&assign={first},{second}"))
            expect(page.locator(".ar-assignment-panel")).to_be_visible()
        else:
            marker(page, first).click()
            page.locator(f"{POP} button.ar-assign-add").click()  # the first press loads assign.js, which adds it
            expect(page.locator(".ar-tray")).to_be_visible()
    assert_accessible(page)


def test_assignment_code_loads_only_for_those_who_use_it(page: Page) -> None:
    """Page weight: assign.js and handout.css are fetched for an assignment link, never for a reader."""
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url.rsplit("/", 1)[-1]))
    page.goto(article(ARTICLE))
    assert "reader.js" in fetched and not {"assign.js", "handout.css"} & set(fetched)
    assert (page.locator(".ar-print-cite").text_content() or "").startswith("Source: ")  # printouts still cite it
    first = alone(page, "claim")[0]
    fetched.clear()
    page.goto(article(ARTICLE, f"?mode=student&assign={first}"))
    expect(page.locator(".ar-assignment-panel")).to_be_visible()
    assert {"assign.js", "handout.css"} <= set(fetched)
    assert page.locator(".ar-print-cite").count() == 1


GEOMETRY = """(pop, id) => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  return {pop: box(pop), text: box(document.querySelector('.ar-article')), passage: box(document.getElementById(id)),
          width: document.documentElement.clientWidth, margin: pop.classList.contains('ar-pop-margin')};
}"""


def test_on_a_wide_screen_a_note_opens_in_the_margin_beside_its_passage(new_context: NewContext) -> None:
    page = new_context(viewport={"width": 1440, "height": 900}).new_page()
    page.goto(article(ARTICLE))
    first, second = alone(page, "correction")[:2]
    passage(page, first).scroll_into_view_if_needed()
    marker(page, first).click()
    pop = page.locator(POP)
    expect(pop).to_be_visible()
    at = pop.evaluate(GEOMETRY, first)
    assert at["margin"] and at["pop"][0] >= at["text"][2], at  # right of the text: it covers none of it
    assert at["pop"][2] <= at["width"], at
    assert at["pop"][1] <= at["passage"][1] + 1 and at["pop"][3] >= at["passage"][1], at  # level with the passage
    assert_accessible(page)
    page.keyboard.press("Escape")
    expect(pop).to_be_hidden()
    assert page.evaluate("document.activeElement.getAttribute('href')") == f"#fn:{first}"
    page.keyboard.press("Tab")  # focus moves on to the next marker, whose note opens beside the text too
    expect(pop).to_be_visible()
    assert pop.evaluate(GEOMETRY, second)["margin"]
    # hovered, then the pointer crosses the text on its way to the note: the note stays and can be read
    page.keyboard.press("Escape")
    hover(page, first)
    expect(pop).to_have_attribute("data-for", first)
    box = pop.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + 20, box["y"] + 20, steps=12)
    page.wait_for_timeout(500)
    expect(pop).to_be_visible()
    expect(pop).to_have_attribute("data-for", first)


def _correction_ids() -> list[str]:
    ids = []
    for path in sorted((ROOT / "annotations").glob("*.yml")):
        data = yaml.safe_load(path.read_text("utf-8")) or {}
        ids += [a["id"] for a in data.get("annotations") or [] if a.get("kind") == "correction"]
    return ids


def test_the_home_names_corrections_and_claims_pages_read_as_words(page: Page, mobile_page: Page) -> None:
    """Problems 3 and 9: the home page fits its screen, one card per article; the Names page is short and
    shows no correction ids; corrections are headed in words; no "claimed by The unnamed outlet"."""
    articles = len(list((ROOT / "articles").glob("*.txt")))
    for reader in (page, mobile_page):
        reader.goto("/")
        assert reader.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        assert reader.locator(".ar-cards > li").count() == articles
    page.goto("/names/")
    assert page.evaluate("document.documentElement.scrollHeight") < 3000  # was 7,600 px for 20 names
    text = page.locator("article").inner_text()
    hyphenated = [i for i in _correction_ids() if "-" in i]
    assert hyphenated and not [i for i in hyphenated if i in text]
    page.goto("/corrections/")
    headings = page.locator("article h2").evaluate_all("els => els.map(e => e.textContent.trim())")
    assert headings and not [h for h in headings if re.fullmatch(r"[a-z]+(-[a-z]+)*", h)], headings
    page.goto("/claims/")
    assert "claimed by The unnamed" not in page.locator("article").inner_text()  # "The AP" keeps its capital
