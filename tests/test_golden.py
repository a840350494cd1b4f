"""Each folder of tests/golden/ is a test: the generated output must equal the stored one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden import cases, produce, stored


@pytest.mark.parametrize("case", cases(), ids=lambda p: p.name)
def test_golden_case(case: Path) -> None:
    expected = stored(case)
    assert expected, f"{case.name} has no expected output yet: run `make golden` and review it"
    actual = produce(case)
    assert sorted(actual) == sorted(expected), "generated files differ from the stored ones"
    for rel, text in expected.items():
        assert actual[rel] == text, f"{case.name}/{rel} differs: run `make golden` and review the diff"


def test_there_are_golden_cases() -> None:
    names = {case.name for case in cases()}
    assert {"markdown-specials", "nested-crossing", "correction-rule"} <= names
