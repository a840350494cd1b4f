"""`build_site.py locate`: the selector it prints must anchor to exactly the passage it names."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from annotated_reader import cli
from annotated_reader.anchor.locate import locate
from annotated_reader.anchor.selectors import Folded
from tests.helpers import article

TEXT = "Title\nTroops left Suja. Suja is near the border.\nThe Suja front held “firm”.\n"


def _selectors(printed: str) -> list[dict[str, str]]:
    blocks = [b for b in printed.split("\n\n") if b.strip()]
    return [yaml.safe_load(b) for b in blocks]


def test_unique_words_give_exact_alone() -> None:
    result = locate(article(TEXT), "near the border")
    assert result.found
    assert _selectors(result.text) == [{"exact": "near the border"}]
    assert "articles/a.txt:2:27" in result.text


def test_each_of_several_matches_gets_a_selector_that_picks_it() -> None:
    folded = Folded(TEXT)
    result = locate(article(TEXT), "Suja")
    assert result.found and result.text.startswith("# 3 matches")
    selectors = _selectors(result.text)
    assert len(selectors) == 3
    spans = [folded.find(s["exact"], s.get("prefix", ""), s.get("suffix", "")) for s in selectors]
    assert all(len(found) == 1 for found in spans)
    assert len({found[0] for found in spans}) == 3


def test_typographic_quotes_are_matched_and_printed_as_in_the_text() -> None:
    result = locate(article(TEXT), 'held "firm"')
    assert _selectors(result.text) == [{"exact": "held “firm”"}]


def test_no_match_prints_the_closest_passages_as_whole_words() -> None:
    result = locate(article(TEXT), "Troops leave Sujah")
    assert not result.found
    first = _selectors(result.text)[0]
    assert first == {"exact": "Troops left Suja."}
    assert "% similar" in result.text


def test_command_line_exit_codes_and_unknown_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "base.txt").write_text(TEXT, "utf-8")
    meta = Path(__file__).parent / "golden" / "errors" / "articles" / "base.yml"
    (tmp_path / "articles" / "base.yml").write_bytes(meta.read_bytes())
    assert cli.main(["--root", str(tmp_path), "locate", "base", "near", "the", "border"]) == 0
    assert 'exact: "near the border"' in capsys.readouterr().out
    assert cli.main(["--root", str(tmp_path), "locate", "bas", "x"]) == 1
    err = capsys.readouterr().err
    assert "error: unknown article 'bas'" in err and "did you mean 'base'?" in err
