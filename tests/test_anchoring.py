"""Selectors to spans: folding, uniqueness, context; and the property that any passage anchors back."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotated_reader.anchor.closest import closest_passages
from annotated_reader.anchor.folding import fold
from annotated_reader.anchor.selectors import Budget, Folded
from annotated_reader.model import Span

TEXT = "He said “hello”.  Then   he said ‘hello’ again.\nHello!"


def test_fold_only_quotes_and_whitespace() -> None:
    assert fold("“a”  ‘b’\n\tc") == "\"a\" 'b' c"
    assert fold("Hello") != fold("hello")  # case is not folded
    assert fold("naïve") == "naïve"  # nor accents


def test_typographic_quotes_and_spaces_match_straight_ones() -> None:
    folded = Folded(TEXT)
    (span,) = folded.find('"hello".  Then he')
    assert TEXT[span.start : span.end] == "“hello”.  Then   he"


def test_prefix_and_suffix_pick_one_of_several() -> None:
    folded = Folded(TEXT)
    assert len(folded.find("hello")) == 2
    (span,) = folded.find("hello", prefix="said '")
    assert TEXT[span.start - 1] == "‘"
    assert folded.find("hello", suffix="!") == []  # case matters: 'Hello!' does not match


def test_whole_words_skips_parts_of_words() -> None:
    folded = Folded("Suja, Sujansky and Suja.")
    assert [s.start for s in folded.find("Suja", whole_words=True)] == [0, 19]
    assert len(folded.find("Suja")) == 3


def test_context_makes_a_repeated_passage_unique() -> None:
    text = "the cat sat. the cat ran. the cat sat down."
    folded = Folded(text)
    third = folded.find("the cat")[2]
    prefix, suffix = folded.context(third, minimum=1)
    assert folded.find("the cat", prefix, suffix) == [third]


def test_closest_passage_for_a_near_miss() -> None:
    folded = Folded(TEXT + "\nThe defeat at Suja is the culmination of months of fighting.")
    (found, *_) = closest_passages({"a": folded}, "The defeat at Sujah is the culminaton", Budget())
    assert found.place.line == 3 and found.similarity > 80


def test_line_and_column_are_one_based() -> None:
    folded = Folded("ab\ncd")
    assert folded.line_col(0) == (1, 1)
    assert folded.line_col(4) == (2, 2)


texts = st.text(alphabet=st.sampled_from(list("ab “”‘’'\"\n\t.*#<")), min_size=1, max_size=60)


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_any_passage_anchors_back_to_itself(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    exact = text[start:end]
    if not exact.strip():
        return  # whitespace-only passages are not selectable
    folded = Folded(text)
    span = _trim(text, Span(start, end))
    prefix, suffix = folded.context(span, minimum=1)
    matches = folded.find(text[span.start : span.end], prefix, suffix)
    assert span in matches
    whole = folded.find(text[span.start : span.end], text[: span.start], text[span.end :])
    assert whole == [span], "the passage with all of its context must match exactly once, at itself"


def _trim(text: str, span: Span) -> Span:
    """A selector folds edge whitespace runs into one space, so compare on trimmed passages."""
    start, end = span.start, span.end
    while text[start].isspace():
        start += 1
    while text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def test_a_text_folded_on_first_use_is_folded_as_at_once() -> None:
    """As the build cache keeps an article (its text alone, read/articles.py): folded when first asked."""
    text = "He said “no”  \n\n and   left.\n  Then    he   said\t“yes”."
    now, later = Folded(text), Folded.unfolded(text)
    assert "norm" not in vars(later)
    assert len(pickle.dumps(later)) < len(pickle.dumps(now))
    again = pickle.loads(pickle.dumps(later))  # noqa: S301 - bytes made here
    assert again.find('said "yes"') == now.find('said "yes"') != []
    assert again.norm == now.norm
    assert [again.start_of(i) for i in range(len(now.norm))] == [now.start_of(i) for i in range(len(now.norm))]
    assert [again.end_of(i) for i in range(len(now.norm))] == [now.end_of(i) for i in range(len(now.norm))]
    with pytest.raises(AttributeError):
        again.nothing  # noqa: B018 - only what folding makes is made on use
