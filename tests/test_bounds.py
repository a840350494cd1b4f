"""The limits of annotated_reader/read/limits.py and the bounded hints, exports and rendering of the review's resource
cases (R-4..R-7, R-9, M-8), scaled down: each test checks a result, never a time (bench/stress.py measures)."""

from __future__ import annotations

import random
import re
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from annotated_reader.anchor import closest
from annotated_reader.anchor.selectors import Budget, Folded, _words_after, _words_before
from annotated_reader.interop.import_plan import Importer
from annotated_reader.interop.w3c_read import Incoming, Reading
from annotated_reader.model import Origin, Placed, Span
from annotated_reader.read import limits
from annotated_reader.read.mkdocs_config import Settings
from annotated_reader.render import article as article_page
from tests.helpers import article, corpus_of, page


def _errors(text: str, annotations: list[dict[str, Any]]) -> list[str]:
    _, problems = corpus_of([article(text)], [{"article": "a", "annotations": annotations}])
    return [p.format() for p in problems if p.severity == "error"]


def note(exact: str, ident: str = "n", **more: Any) -> dict[str, Any]:
    return {"id": ident, "kind": "note", "exact": exact, "note": "x", **more}


def rule(exact: str) -> dict[str, Any]:
    return {"id": "r", "kind": "correction", "exact": exact, "corrected": "b", "error": "name", "confidence": "high"}


def test_a_hint_names_a_few_places_and_counts_the_rest() -> None:
    (error,) = _errors("a " * 50, [note("a")])
    assert "selector matches 50 places" in error
    assert len(re.findall(r"line 1:\d+ \(", error)) == limits.HINT_PLACES
    assert error.rstrip().endswith(f"and {50 - limits.HINT_PLACES} more")


def test_a_long_prefix_in_a_hint_is_shortened_with_its_length() -> None:
    text = "b " * 200 + "a " + "b " * 200 + "a"
    (error,) = _errors(text, [note("a")])
    assert "characters)" in error
    assert max(len(m) for m in re.findall(r"'[^']*'", error)) <= 80 + 3


def _unique_side_one_word_at_a_time(folded: Folded, span: Span, before: bool) -> tuple[str, str] | None:
    """The search of unique_selector before it was bounded: one word more at a time."""
    exact = folded.text[span.start : span.end]
    width, last = 1, None
    while True:
        side = _words_before(folded.text, span.start, width) if before else _words_after(folded.text, span.end, width)
        if side == last:
            return None
        pair = (side, "") if before else ("", side)
        if folded.find(exact, *pair) == [span]:
            return pair
        width, last = len(side) + 1, side


def test_the_shortest_unique_side_is_the_one_found_word_by_word() -> None:
    rng = random.Random(7)  # noqa: S311 (a fixed sample, not a secret)
    checked = 0
    for _ in range(300):
        text = "".join(rng.choice(["a", "b", "a ", "b ", "  ", "\n", "“", '"']) for _ in range(rng.randint(1, 40)))
        folded = Folded(text)
        for exact in {text[i : i + 2] for i in range(len(text) - 1)} - {"  "}:
            for span in folded.find(exact):
                for before in (True, False):
                    assert folded._unique_side(span, before) == _unique_side_one_word_at_a_time(folded, span, before)
                    checked += 1
    assert checked > 1000


def test_find_with_a_limit_gives_the_first_matches() -> None:
    folded = Folded("a b a b a b a")
    assert folded.find("a", limit=2) == folded.find("a")[:2]
    assert folded.find("a", prefix="b ", limit=1) == [Span(4, 5)]


def test_the_export_context_stops_at_its_limit() -> None:
    folded = Folded("a " * 5_000)
    prefix, suffix = folded.context(Span(5_000, 5_001))
    assert limits.CONTEXT_CHARS <= len(prefix) <= limits.CONTEXT_CHARS + 2
    assert limits.CONTEXT_CHARS <= len(suffix) <= limits.CONTEXT_CHARS + 2


def test_over_the_fuzzy_budget_the_closest_passage_is_found_by_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "CLOSEST_WORK", 10)
    text = "Title\nThe troops left the town of Sudzha on Monday.\n"
    (error,) = _errors(text, [note("the town of Sudzha on Tuesday morning")])
    assert "closest passage is at line 2, column 17" in error
    assert "'the town of Sudzha on Monday.'" not in error  # the words found, not a fuzzy passage
    assert "the town of Sudzha on" in error


def test_a_selector_over_the_limit_is_refused() -> None:
    long = "a" * (limits.SELECTOR_CHARS + 1)
    errors = _errors("a b", [note("a", prefix=long), note(long, ident="m")])
    assert any(f":1: error: `prefix` is {limits.SELECTOR_CHARS + 1:,} characters; the limit is" in e for e in errors)
    assert any("`exact` is" in e for e in errors)


def test_a_rule_over_its_match_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "RULE_MATCHES", 5)
    (error,) = _errors("a " * 6, [{**rule("a"), "occurrences": "all"}])
    assert "correction rule matches 6 places in articles/a.txt; the limit is 5" in error
    assert _errors("a " * 5, [{**rule("a"), "occurrences": "all"}]) == []


def test_a_file_over_the_annotation_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "ANNOTATIONS_PER_FILE", 2)
    text = "x y z"
    (error,) = _errors(text, [note("x", "n1"), note("y", "n2"), note("z", "n3")])
    assert "3 annotations; the limit is 2 in one file" in error


def test_the_limits_table_lists_every_limit() -> None:
    table = limits.markdown()
    for limit in limits.table():
        assert f"| {limit.name} | {limit.value:,} |" in table
    assert limits.NOTE_CHARS == 20_000


def _render_without_sweep(monkeypatch: pytest.MonkeyPatch, a: Any, corpus: Any) -> str:
    """The page as rendering made it before the sweep: every annotation checked for every paragraph and piece."""

    def last_end(p: Placed, paras: list[article_page.Paragraph]) -> int:
        ends = [q.end for q in paras if q.start < p.span.end and q.end > p.span.start]
        return min(p.span.end, max(ends, default=p.span.end))

    def actives(covering: list[Placed], cuts: list[int], para: article_page.Paragraph) -> Any:
        for a, b in pairwise(cuts):
            yield sorted((p for p in covering if p.span.start <= a and p.span.end >= b), key=article_page._order)

    with monkeypatch.context() as patch:
        patch.setattr(article_page, "_last_end", last_end)
        patch.setattr(article_page, "_covering", lambda paras, placed: {})
        patch.setattr(article_page, "_actives", actives)
        return page(a, corpus)


def test_the_sweep_renders_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(3)  # noqa: S311 (a fixed sample, not a secret)
    for _ in range(30):
        lines = [" ".join(rng.choice(["ab", "cd", "ef", ""]) for _ in range(rng.randint(0, 6))) for _ in range(8)]
        text = "Title\n" + "\n".join(lines) + "\n"
        a = article(text)
        corpus, _ = corpus_of([a], {"article": "a", "annotations": [note("Title")]})
        spec, origin = corpus.placed["a"][0].spec, Origin("annotations/f0.yml")
        placed = []
        for n in range(rng.randint(1, 12)):
            start = rng.randrange(len(text) - 1)
            end = rng.randint(start + 1, min(len(text), start + 30))
            placed.append(Placed("note", f"n{n}", "a", Span(start, end), spec, origin))
        placed.sort(key=lambda p: (p.span.start, -p.span.end, p.id))
        corpus.placed["a"] = placed
        assert page(a, corpus) == _render_without_sweep(monkeypatch, a, corpus)


def _record(n: int) -> Incoming:
    return Incoming(Origin("in.jsonld", n), f"https://hypothes.is/a/r{n}", "", "left the town", "", "", comments=("c",))


def test_import_ids_count_up_from_each_base() -> None:
    corpus, _ = corpus_of([article("The troops left the town.")], [])
    importer = Importer(corpus, _settings())
    importer.used["a"] = {"note-left-the-town-3"}
    ids = [importer.new_id(_record(n), "a", "note") for n in range(5)]
    assert ids == ["note-left-the-town", *(f"note-left-the-town-{n}" for n in (2, 4, 5, 6))]


def _settings() -> Settings:
    return Settings(Path("."), "https://example.org/", "x", Path("docs"), Path("site"))


def test_an_import_over_the_record_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "IMPORT_RECORDS", 2)
    corpus, _ = corpus_of([article("The troops left the town.")], [])
    found = Importer(corpus, _settings()).run(Reading("in.jsonld", "", [_record(n) for n in range(3)]))
    assert [d.format().splitlines()[0] for d in found.diagnostics] == [
        "in.jsonld:1:1: error: 3 annotations; the limit is 2 in one import"
    ]
    assert found.documents == {}


def test_an_imported_note_over_the_note_limit_is_refused() -> None:
    corpus, _ = corpus_of([article("The troops left the town.")], [])
    record = Incoming(Origin("in.jsonld", 4, 2), "", "", "left the town", "", "", comments=("c" * 20_001,))
    found = Importer(corpus, _settings()).run(Reading("in.jsonld", "", [record]))
    (problem,) = found.diagnostics
    assert "in.jsonld:4:2: error: annotation: its note is 20,001 characters; the limit is 20,000" in problem.format()


def test_locate_over_the_fuzzy_budget_gives_the_passage_found_by_words(monkeypatch: pytest.MonkeyPatch) -> None:
    from annotated_reader.anchor.closest import closest_passages

    monkeypatch.setattr(limits, "CLOSEST_WORK", 10)
    folded = Folded("Title\nThe troops left the town of Sudzha on Monday.\n")
    (found,) = closest_passages({"a": folded}, "left the town of Sudzha at night", Budget())
    assert (found.place.line, found.place.col) == (2, 12)
    assert folded.text[found.place.span.start : found.place.span.end] == found.text == "left the town of Sudzha"
    assert 0 < found.similarity < 100


def test_a_unique_side_is_sought_only_up_to_the_context_limit() -> None:
    text = "x " + "b " * 600 + "a y " + "b " * 600 + "a"
    folded = Folded(text)
    first = folded.find("a")[0]
    assert _unique_side_one_word_at_a_time(folded, first, True) is not None  # "x b b ... b " is unique
    assert folded._unique_side(first, True) is None
    assert folded._unique_side(first, False) == ("", " y")


def test_the_fuzzy_hints_of_a_run_share_one_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Title\nThe troops left the town of Sudzha on Monday.\n"
    wrong = "the town of Sudzha on Tuesday morning"
    lines = text.count("\n") + 1
    monkeypatch.setattr(limits, "CLOSEST_TOTAL", len(wrong) * len(text) + closest.LINE_WORK * lines + 1)
    first, second = _errors(text, [note(wrong, "n1"), note(wrong, "n2")])
    assert "'the town of Sudzha on Monday.'" in first  # the fuzzy passage
    assert "'the town of Sudzha on'" in second  # the words found, once the budget is spent
