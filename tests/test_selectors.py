"""One test per selector error: each says where to look."""

from __future__ import annotations

from typing import Any

from tests.helpers import article, corpus_of, correction

TEXT = "Title\nTroops left Suja. Suja is near the border.\nThe Suja front held.\n"


def _errors(annotations: list[dict[str, Any]], extra: list[dict[str, Any]] | None = None) -> list[str]:
    _, problems = corpus_of([article(TEXT)], [{"article": "a", "annotations": annotations}, *(extra or [])])
    return [p.format() for p in problems if p.severity == "error"]


def note(exact: str, **more: Any) -> dict[str, Any]:
    return {"id": "n", "kind": "note", "exact": exact, "note": "x", **more}


def test_no_match_names_the_closest_passage() -> None:
    (error,) = _errors([note("Troops left Sujah.")])
    assert "matches nowhere in articles/a.txt" in error
    assert "closest passage is at line 2, column 1" in error


def test_several_matches_name_each_place_and_a_way_to_pick() -> None:
    (error,) = _errors([note("Suja")])
    assert "matches 3 places" in error
    for where in ("line 2:13", "line 2:19", "line 3:5"):
        assert where in error
    assert "prefix:" in error


def test_prefix_that_fits_no_occurrence() -> None:
    (error,) = _errors([note("Suja", prefix="Army ")])
    assert "matches nowhere" in error


def test_rule_that_matches_nowhere() -> None:
    rule = correction("Kiev", "Kyiv", occurrences="all")
    (error,) = _errors([rule])
    assert "correction rule matches nowhere" in error


def test_rule_exclusion_must_pick_exactly_one() -> None:
    rule = correction("Suja", "Sudzha", occurrences="all", **{"except": [{"prefix": "nowhere "}]})
    (error,) = _errors([rule])
    assert "'except' entry matches 0 occurrences" in error


def test_evidence_passage_must_anchor() -> None:
    claim = {
        "id": "c",
        "claim": "x",
        "claimant": "y",
        "status": "disputed",
        "evidence": [{"article": "a", "exact": "Suja", "side": "supports"}],
    }
    errors = _errors([{"id": "k", "kind": "claim", "claim": "c", "exact": "Troops"}], [{"claims": [claim]}])
    assert len(errors) == 1 and "matches 3 places" in errors[0]


def test_duplicate_ids_are_errors() -> None:
    errors = _errors([note("Troops"), note("border")])
    assert len(errors) == 1 and "duplicate annotation id 'n'" in errors[0]


def test_unknown_cluster_and_claim_suggest_the_close_one() -> None:
    cluster = {"clusters": [{"id": "putin-offer", "title": "t", "speaker": "s"}]}
    errors = _errors([{"id": "q", "kind": "quote", "cluster": "putin-ofer", "exact": "Troops"}], [cluster])
    assert any("unknown quote cluster 'putin-ofer'" in e and "did you mean 'putin-offer'?" in e for e in errors)


def test_rule_numbers_each_occurrence_in_text_order() -> None:
    rule = correction("Suja", "Sudzha", "suja", occurrences="all", **{"except": [{"prefix": "The "}]})
    corpus, problems = corpus_of([article(TEXT)], {"article": "a", "annotations": [rule]})
    assert problems == []
    assert [(p.id, p.span.start) for p in corpus.placed["a"]] == [("suja-1", 18), ("suja-2", 24)]


def test_index_is_not_a_cluster_id() -> None:
    errors = _errors([], [{"clusters": [{"id": "index", "title": "t", "speaker": "s"}]}])
    assert len(errors) == 1 and "'index' is reserved" in errors[0]
