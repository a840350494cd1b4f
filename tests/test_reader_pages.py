"""Issue 15's rendering rules: quote wordings aligned with the part they quote, evidence grouped by side."""

from __future__ import annotations

from annotated_reader.kinds import in_sentence
from annotated_reader.read import schema
from annotated_reader.render.corrections import heading
from annotated_reader.render.evidence import grouped_html, quoted, side_of
from annotated_reader.render.wording import compare

STATEMENT = "If they lay down their arms and surrender, they will be guaranteed life and dignified treatment."


def test_a_fragment_is_partial_and_nothing_of_the_rest_is_struck() -> None:
    found = compare(STATEMENT, "“lay down their arms and surrender”")
    assert found.partial and not found.paraphrase
    assert "<del" not in found.html and "<ins" not in found.html


def test_a_changed_word_inside_the_quoted_part_is_marked() -> None:
    found = compare(STATEMENT, "they will be ensured life and dignified treatment")
    assert found.partial
    assert '<del class="ar-diff"' in found.html and ">guaranteed</del>" in found.html
    assert ">ensured</ins>" in found.html


def test_punctuation_differences_are_marked() -> None:
    found = compare("God bless them all.", "God bless them all!!!")
    assert not found.partial
    assert '<mark class="ar-diff" title="the reference has: all.">all!!!</mark>' in found.html


def test_a_paraphrase_is_told_apart() -> None:
    assert compare(STATEMENT, "Ukraine should order its troops to surrender to Russia").paraphrase


def _evidence(side: str | None) -> schema.SourceEvidence:
    item = schema.SourceEvidence(source=f"A source on the {side} side", confidence="high")
    if side is not None:
        object.__setattr__(item, "side", side)  # the content issue adds the field to the schema
    return item


def test_evidence_is_grouped_by_side_in_a_fixed_order() -> None:
    items = [_evidence("context"), _evidence("disputes"), _evidence("supports"), _evidence("disputes")]
    shown = grouped_html(items, None)  # type: ignore[arg-type]  # no passage evidence: no context needed
    headings = [part.split("</h3>")[0] for part in shown.split("<h3")[1:]]
    assert [h.split(">", 1)[1] for h in headings] == [
        "Supports the claim (1)",
        "Disputes the claim (2)",
        "Context (1)",
    ]


def test_evidence_without_sides_is_one_unlabelled_group() -> None:
    shown = grouped_html([_evidence(None), _evidence(None)], None)  # type: ignore[arg-type]
    assert "<h3" not in shown and shown.count("<ul") == 1
    assert side_of(_evidence(None)) == "Evidence"


def test_quotation_marks_are_never_doubled() -> None:
    assert quoted("“After seven months, we simply withdrew,”") == "“After seven months, we simply withdrew,”"
    assert quoted("“I have strongly requested") == "“I have strongly requested”"
    assert quoted("described the claims as “fiction”") == "“described the claims as ‘fiction’”"


def test_words_for_readers() -> None:
    assert heading("role-title") == "Role or title" and heading("name") == "Name"
    assert in_sentence("The unnamed outlet of the text") == "the unnamed outlet of the text"
    assert in_sentence("The Washington Post") == "The Washington Post"
