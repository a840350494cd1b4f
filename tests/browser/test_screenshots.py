"""Desktop and phone screenshots of an article with a note open (what the README shows), into a temporary folder."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from tests.browser.conftest import NewContext
from tests.browser.screenshots import SHOTS, take


@pytest.mark.parametrize("name", SHOTS)
def test_screenshot_of_an_article_with_a_note_open(new_context: NewContext, tmp_path: Path, name: str) -> None:
    png = take(new_context(**SHOTS[name]), tmp_path / f"article-{name}.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (SHOTS[name]["viewport"]["width"], SHOTS[name]["viewport"]["height"])
    assert len(png) > 20_000, "a page, not a blank screen"
