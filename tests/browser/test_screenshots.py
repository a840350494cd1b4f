"""Desktop and phone screenshots of an article with a note open (what the README shows), into a temporary folder."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from tests.browser.conftest import NewContext
from tests.browser.screenshots import PAGES, SHOTS, take


@pytest.mark.parametrize("shown", PAGES)
@pytest.mark.parametrize("name", SHOTS)
def test_screenshot_of_each_page_type(new_context: NewContext, tmp_path: Path, name: str, shown: str) -> None:
    png = take(new_context(**SHOTS[name]), tmp_path / f"{shown}-{name}.png", PAGES[shown]).read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (SHOTS[name]["viewport"]["width"], SHOTS[name]["viewport"]["height"])
    assert len(png) > 20_000, "a page, not a blank screen"
