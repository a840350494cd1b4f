"""Hand-written pages that state how big the corpus is, checked against it: a count that no longer matches,
or an article the About page does not list, is a warning, so "five articles" cannot go stale silently.

Read: README.md's opening (before its first section), the hand-written pages of docs/ (those the build
does not generate) and mkdocs.yml's site_description."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from annotated_reader import urls
from annotated_reader.model import Corpus, Diagnostic, Origin

WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
NUMBER = rf"\d[\d,]*|{'|'.join(WORDS)}"
# what a count counts -> how to count it in the corpus
COUNTED: dict[str, Callable[[Corpus], int]] = {
    r"(?:news )?(?:articles|reports|texts|sources)": lambda c: len(c.articles),
    r"annotations": lambda c: len(c.all_placed()),
    r"(?:quote )?clusters": lambda c: len(c.clusters),
    r"claims": lambda c: len(c.claims),
    r"corrections": lambda c: sum(p.kind == "correction" for p in c.all_placed()),
}
PATTERN = re.compile(rf"\b({NUMBER})\s+(?:[a-z-]+\s+)?({'|'.join(f'(?:{k})' for k in COUNTED)})\b", re.I)
HAND_WRITTEN = ("about.md", "how-to-annotate.md", "data.md")  # docs/ pages of the project, not generated
ABOUT = "docs/about.md"


def _value(number: str) -> int:
    lower = number.lower()
    return WORDS.index(lower) + 1 if lower in WORDS else int(lower.replace(",", ""))


def _counter(noun: str) -> int | None:
    return next((i for i, pattern in enumerate(COUNTED) if re.fullmatch(pattern, noun, re.I)), None)


def stated_counts(path: str, text: str, corpus: Corpus) -> list[Diagnostic]:
    """A warning for each count in ``text`` that differs from the corpus."""
    found = []
    for n, line in enumerate(text.split("\n"), 1):
        for match in PATTERN.finditer(line):
            which = _counter(match[2])
            if which is None:
                continue
            actual = list(COUNTED.values())[which](corpus)
            if _value(match[1]) != actual:
                found.append(
                    Origin(path, n, match.start() + 1).warning(
                        f"'{match[0]}' but the corpus has {actual:,} {match[2].lower()}",
                        "update the count, or reword the sentence without one so it stays true as the corpus grows",
                    )
                )
    return found


def unlisted_articles(path: str, text: str, corpus: Corpus) -> list[Diagnostic]:
    """A warning for each article the About page does not link to."""
    missing = [slug for slug in corpus.articles if urls.article_page(slug) not in text]
    if not missing:
        return []
    return [
        Origin(path).warning(
            f"the About page does not list {len(missing):,} article(s): {', '.join(missing[:5])}",
            "add a row for each to its table (the link is articles/<slug>.md)",
        )
    ]


def check_pages(root: Path, corpus: Corpus) -> list[Diagnostic]:
    """Every hand-written page's counts, and the About page's list of articles."""
    found: list[Diagnostic] = []
    for rel in ["README.md", *(f"docs/{name}" for name in HAND_WRITTEN), "mkdocs.yml"]:
        try:
            text = (root / rel).read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if rel == "README.md":  # its opening describes the shipped corpus; later sections, benchmarks
            text = text.split("\n## ", 1)[0]
        if rel == "mkdocs.yml":
            text = "\n".join(line if line.startswith("site_description:") else "" for line in text.split("\n"))
        found += stated_counts(rel, text, corpus)
        if rel == ABOUT and len(corpus.articles) <= 100:  # above that the About page names none by hand
            found += unlisted_articles(rel, text, corpus)
    return found
