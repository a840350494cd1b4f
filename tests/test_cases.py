"""Small rendering cases, one folder each, in the style of Python-Markdown's test folders: tests/cases/<case>/
holds article.txt (the raw text), annotations.yml (its annotation file) and expected.md (the article page
the build writes). Each folder is a test; `python -m tests.test_cases` (and `make golden`) rewrites the
expected pages: review the diff. The whole-site goldens are in tests/golden/."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.helpers import article, corpus_of, page

CASES = Path(__file__).parent / "cases"


def cases() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if (p / "article.txt").is_file())


def render(case: Path) -> str:
    """The article page of the case; its annotations must resolve without a problem."""
    text = (case / "article.txt").read_text("utf-8")
    raw = article(text)
    corpus, problems = corpus_of([raw], yaml.safe_load((case / "annotations.yml").read_text("utf-8")))
    assert [d.format() for d in problems] == [], case.name
    return page(raw, corpus)


@pytest.mark.parametrize("case", cases(), ids=lambda p: p.name)
def test_case(case: Path) -> None:
    assert render(case) == (case / "expected.md").read_text("utf-8")


def test_there_are_cases() -> None:
    assert len(cases()) >= 5


def update() -> None:
    for case in cases():
        (case / "expected.md").write_text(render(case), "utf-8")
        print(f"updated tests/cases/{case.name}/expected.md")


if __name__ == "__main__":
    update()
