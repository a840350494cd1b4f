"""The checks of meaning (warnings of ``check``): a quote that shares little with its cluster, an evidence
passage that does not hold what its note quotes, a cluster or claim defined and used nowhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotated_reader import build
from annotated_reader.anchor import meaning
from tests.helpers import copy_project

FILE = "annotations/trump-asked-putin-spare-troops.yml"


def _first_added_line() -> int:
    """The line of the first entry appended to FILE (the shipped file's length + 1)."""
    return len((Path(__file__).resolve().parent.parent / FILE).read_text("utf-8").splitlines()) + 1


def warnings_with(tmp_path: Path, added: str, extra: str = "") -> list[str]:
    root = copy_project(tmp_path)
    path = root / FILE
    path.write_text(path.read_text("utf-8") + added, "utf-8")
    if extra:
        (root / "annotations" / "extra.yml").write_text(extra, "utf-8")
    return [d.format() for d in build.check(root).diagnostics if d.severity == "warning"]


def test_the_shipped_corpus_has_no_such_warning() -> None:
    root = Path(__file__).resolve().parent.parent
    assert [d.format() for d in build.check(root).diagnostics] == []


def test_a_quote_in_the_wrong_cluster(tmp_path: Path) -> None:
    added = '  - id: wrong-cluster\n    kind: quote\n    exact: "Steve Witkoff"\n    cluster: trump-troops-surrounded\n'
    found = warnings_with(tmp_path, added)
    assert len(found) == 1
    assert found[0].startswith(f"{FILE}:{_first_added_line()}:5: warning: quote 'wrong-cluster' shares little wording")
    assert "cluster 'trump-troops-surrounded' (0% of its words)" in found[0]


def test_a_quote_that_belongs_is_not_warned_about(tmp_path: Path) -> None:
    added = (
        '  - id: right-cluster\n    kind: quote\n    exact: "This would be a horrible massacre"\n'
        "    cluster: trump-spare-their-lives\n"
    )
    assert warnings_with(tmp_path, added) == []


def test_an_evidence_note_quoting_words_the_passage_lacks(tmp_path: Path) -> None:
    added = (
        '  - id: typo-evidence\n    kind: correction\n    exact: "Witkoff"\n    prefix: "envoy, Steve "\n'
        '    corrected: "Witkoff"\n    error: name\n    confidence: low\n    evidence:\n'
        "      - article: trump-asked-putin-spare-troops\n"
        '        exact: "Steve Witkoff, arrived in Moscow on March 13"\n'
        '        note: "the article says “Putin refused to meet him”"\n'
    )
    found = warnings_with(tmp_path, added)
    assert len(found) == 1 and "does not contain 'Putin refused to meet him', which its note quotes" in found[0]
    assert found[0].startswith(f"{FILE}:{_first_added_line()}:5: warning: evidence passage")


def test_a_cluster_and_a_claim_used_nowhere(tmp_path: Path) -> None:
    extra = (
        "clusters:\n  - id: lonely-cluster\n    title: Nobody said it\n    speaker: Nobody\n"
        'claims:\n  - id: lonely-claim\n    claim: "Nobody claims it"\n    claimant: Nobody\n    status: unverified\n'
    )
    found = warnings_with(tmp_path, "", extra)
    assert any("quote cluster 'lonely-cluster' is not used by any quote" in w for w in found)
    assert any("claim 'lonely-claim' does not appear in any article" in w for w in found)


@pytest.mark.parametrize(
    ("mine", "others", "part"),
    [
        ("the lives", "a life", 1.0),
        ("Syryskyi spoke", "Syrskyi told", 0.5),
        ("Steve Witkoff", "surrounded troops", 0.0),
    ],
)
def test_words_are_the_same_word_by_stem_plural_or_spelling(mine: str, others: str, part: float) -> None:
    assert meaning.shared(meaning.words(mine), meaning.words(others)) == part
