"""The names page: each person, place and organisation with every spelling the corpus uses, and where.

Spellings come from two sources: the `names:` lists of corpus files, and every correction with
`error: name` (its original wording is a misspelling of the corrected name). Each spelling is
found in every article as a whole word, so the page shows what the texts really say.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotated_reader import rawblock, urls
from annotated_reader.anchor.folding import fold
from annotated_reader.model import Corpus, Placed
from annotated_reader.render.escape import front_matter, html_text, note_html
from annotated_reader.render.evidence import outlet_name
from annotated_reader.render.links import a_html

PAGE = "names.md"
SHOWN_LINES = 6
SHOWN_ARTICLES = 50  # per spelling: a name in every article of a large corpus would make a page of megabytes
TYPE_HEADINGS = {"person": "People", "place": "Places", "organisation": "Organisations", "other": "Other names"}


@dataclass
class Entry:
    """One name and its spellings: spelling -> the corrections that fix it (empty for correct ones)."""

    ident: str
    name: str
    type: str
    note: str = ""
    spellings: dict[str, list[Placed]] = field(default_factory=dict)


def entries(corpus: Corpus) -> list[Entry]:
    """Every name: those defined under `names:`, then names known only from corrections."""
    found: dict[str, Entry] = {}
    by_spelling: dict[str, Entry] = {}
    for name in corpus.names.values():
        entry = Entry(name.id, name.name, name.type, name.note, {name.name: []})
        for spelling in name.spellings:
            entry.spellings.setdefault(spelling, [])
        found[name.id] = entry
        for spelling in entry.spellings:
            by_spelling.setdefault(fold(spelling).casefold(), entry)
    for p in corpus.all_placed():
        if p.kind != "correction" or p.correction.error != "name":
            continue
        key = fold(p.correction.corrected).casefold()
        if key not in by_spelling:
            implicit = Entry(
                _slug(p.correction.corrected), p.correction.corrected, "other", "", {p.correction.corrected: []}
            )
            by_spelling[key] = found.setdefault(implicit.ident, implicit)
        original = corpus.articles[p.article].text[p.span.start : p.span.end]
        by_spelling[key].spellings.setdefault(original, []).append(p)
    return sorted(found.values(), key=lambda e: (list(TYPE_HEADINGS).index(e.type), e.name.casefold()))


def _slug(text: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in fold(text).casefold()).split()
    return "-".join(words) or "name"


def names_page(corpus: Corpus) -> str:
    parts = [
        front_matter("Names", "Every spelling of each person and place in the corpus, and where.", "annotations/"),
        "# Names\n\nMachine translation misspells names, and outlets transliterate them differently. "
        "Each person, place and organisation below lists every spelling the articles use, and where. "
        "Open a name to see where each spelling appears. A *misspelling, corrected* is an error fixed in "
        "place; *variant* spellings are other outlets' transliterations.\n\n",
    ]
    listed = entries(corpus)
    for kind, heading in TYPE_HEADINGS.items():
        group = [e for e in listed if e.type == kind]
        if group:
            parts.append(f"## {heading}\n\n" + "\n".join(_entry(corpus, e) for e in group) + "\n")
    if not listed:
        parts.append("No names yet: add `names:` to a corpus file, or a correction with `error: name`.\n")
    return "".join(parts)


def _entry(corpus: Corpus, entry: Entry) -> str:
    """One name, folded: its spellings in the summary line, where each appears when opened."""
    others = [
        f"{html_text(spelling)} <em>({_kind(fixes)})</em>"
        for spelling, fixes in entry.spellings.items()
        if spelling != entry.name
    ]
    shown = f" · also {', '.join(others)}" if others else ""
    rows = "".join(
        f"<li><strong>{html_text(spelling)}</strong>, {_status(entry, spelling, fixes)}: "
        f"{_where(corpus, spelling)}</li>"
        for spelling, fixes in entry.spellings.items()
    )
    note = note_html(entry.note) if entry.note else ""
    summary = f"<summary><strong>{html_text(entry.name)}</strong>{shown}</summary>"
    return rawblock.wrap(f'<details class="ar-name" id="{entry.ident}">{summary}{note}<ul>{rows}</ul></details>') + "\n"


def _kind(corrections: list[Placed]) -> str:
    return "misspelling, corrected" if corrections else "variant"


def _status(entry: Entry, spelling: str, corrections: list[Placed]) -> str:
    """Whether the site uses the spelling, it is a variant, or an error corrected (linked by number, not id)."""
    if corrections:
        links = " ".join(
            a_html(PAGE, urls.article_page(p.article), str(n), p.id) for n, p in enumerate(corrections[:SHOWN_LINES], 1)
        )
        more = f" and {len(corrections) - SHOWN_LINES} more" if len(corrections) > SHOWN_LINES else ""
        return f'a misspelling, corrected in place <span class="ar-places">{links}</span>{more}'
    return "this site's spelling" if spelling == entry.name else "a variant"


def _where(corpus: Corpus, spelling: str) -> str:
    places: list[str] = []
    hidden = 0
    for slug, folded in corpus.folded.items():
        spans = folded.find(spelling, whole_words=True)
        if not spans:
            continue
        if len(places) == SHOWN_ARTICLES:
            hidden += 1
            continue
        lines = sorted({folded.line_col(s.start)[0] for s in spans})
        article = corpus.articles[slug]
        first = a_html(PAGE, urls.article_page(slug), outlet_name(article), f"L{lines[0]}")
        times = f" ({len(spans)} times)" if len(spans) > 1 else ""
        places.append(f'<span title="{html_text(article.title)}">{first}</span>{times}')
    if hidden:
        places.append(f"and {hidden:,} more articles (search finds them all)")
    return "; ".join(places) or "not found as a whole word"


def corrected(corpus: Corpus, slug: str) -> tuple[tuple[str, int, int, str], ...]:
    """An article's corrections of names, where they stand: what the page shows of its annotations."""
    return tuple(
        (p.id, p.span.start, p.span.end, p.correction.corrected)
        for p in corpus.placed.get(slug, [])
        if p.kind == "correction" and p.correction.error == "name"
    )
