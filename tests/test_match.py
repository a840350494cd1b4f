"""check, locate and import report a selector alike: the same closest passage when it matches nowhere, the
same places (and the same side picking each) when it matches several times. Each is read from what the
command prints, so a change to one command's search or wording alone fails here."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from annotated_reader.anchor.locate import locate
from annotated_reader.interop.import_plan import Importer
from annotated_reader.interop.w3c_read import Incoming, Reading
from annotated_reader.model import Origin
from annotated_reader.read import limits
from annotated_reader.read.mkdocs_config import Settings
from tests.helpers import article, corpus_of

TEXT = (
    "Title\n"
    "Troops left Suja. Suja is near the border.\n"
    "The Suja front held, and the shelling of the town went on for days.\n"
    "Suja again, Suja once more, and Suja.\n"
    "The last Suja line here, with Suja.\n"
)
Closest = tuple[int, int, int, str]  # line, column, similarity, passage
Places = tuple[list[tuple[int, int, dict[str, str]]], int]  # line, column and sides of each place; how many more


def check_hint(words: str) -> str:
    _, problems = corpus_of(
        [article(TEXT)], [{"article": "a", "annotations": [{"id": "n", "kind": "note", "exact": words, "note": "x"}]}]
    )
    (problem,) = [p for p in problems if p.severity == "error"]
    return problem.hint


def import_hint(words: str) -> str:
    corpus, _ = corpus_of([article(TEXT)], [])
    settings = Settings(Path("."), "https://example.org/", "x", Path("docs"), Path("site"))
    record = Incoming(Origin("in.jsonld", 1), "", "", words, "", "", comments=("c",))
    (problem,) = Importer(corpus, settings).run(Reading("in.jsonld", "", [record])).diagnostics
    return problem.hint


def locate_blocks(words: str) -> list[str]:
    return [block for block in locate(article(TEXT), words).text.split("\n\n") if block.strip()]


AT = r"(?:line |articles/a\.txt:)(\d+):(\d+)"


def hint_closest(hint: str) -> Closest:
    found = re.fullmatch(r"closest passage is at (?:line (\d+), column (\d+)|articles/a\.txt:(\d+):(\d+)) (.*)", hint)
    assert found is not None, hint
    line, col = (found[1], found[2]) if found[1] else (found[3], found[4])
    similarity, passage = re.fullmatch(r"\((\d+)% similar\): (.*)", found[5]).groups()  # type: ignore[union-attr]
    return int(line), int(col), int(similarity), ast.literal_eval(passage)


def locate_closest(words: str) -> Closest:
    first = locate_blocks(words)[0].split("\n", 1)[1]  # after the "no exact match" line
    found = re.match(r"# articles/a\.txt:(\d+):(\d+) \((\d+)% similar\)\n", first)
    assert found is not None, first
    return int(found[1]), int(found[2]), int(found[3]), yaml.safe_load(first)["exact"]


def hint_places(hint: str) -> Places:
    *items, last = hint.split(": ", 1)[1].split("; ")
    rest = re.fullmatch(r"and (\d+) more", last)
    if rest is None:
        items.append(last)
    places = []
    for item in items:
        found = re.fullmatch(AT + r"(?: \((.*)\))?", item)
        assert found is not None, item
        sides = {key: ast.literal_eval(value) for key, value in re.findall(r"(prefix|suffix): ('[^']*')", item)}
        places.append((int(found[1]), int(found[2]), sides))
    return places, int(rest[1]) if rest else 0


def locate_places(words: str) -> Places:
    blocks = locate_blocks(words)
    rest = re.match(r"# and (\d+) more", blocks[-1])
    places = []
    for block in blocks[:-1] if rest else blocks:
        found = re.search(r"# articles/a\.txt:(\d+):(\d+)\n", block)
        assert found is not None, block
        selector = yaml.safe_load(block)
        assert selector.pop("exact") == words
        places.append((int(found[1]), int(found[2]), selector))
    return places, int(rest[1]) if rest else 0


@pytest.mark.parametrize("words", ["Troops left Sujah", "the shelling of the twon went on", "Suja front hold"])
@pytest.mark.parametrize("fuzzy", [True, False], ids=["fuzzy", "by-words"])
def test_check_locate_and_import_name_the_same_closest_passage(
    words: str, fuzzy: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not fuzzy:
        monkeypatch.setattr(limits, "CLOSEST_WORK", 10)
    from_check = hint_closest(check_hint(words))
    assert from_check == hint_closest(import_hint(words)) == locate_closest(words)
    line, col, similarity, passage = from_check
    assert 0 < similarity < 100 and TEXT.splitlines()[line - 1][col - 1 :].startswith(passage)


def test_check_locate_and_import_list_the_same_places() -> None:
    from_check = hint_places(check_hint("Suja"))
    places, rest = from_check
    assert len(places) == limits.HINT_PLACES and rest == TEXT.count("Suja") - limits.HINT_PLACES
    assert all(sides for _, _, sides in places)  # each place named with the side that picks it
    assert from_check == hint_places(import_hint("Suja")) == locate_places("Suja")
