"""`make golden`: rewrite the expected output of every golden case and of every small rendering case
(tests/cases/). Review the diff before committing."""

from __future__ import annotations

import shutil

from tests import test_cases
from tests.golden import cases, produce


def main() -> None:
    for case in cases():
        shutil.rmtree(case / "expected", ignore_errors=True)
        (case / "expected-errors.txt").unlink(missing_ok=True)
        for rel, text in produce(case).items():
            target = case / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, "utf-8")
        print(f"updated {case.relative_to(case.parent.parent.parent)}")
    test_cases.update()


if __name__ == "__main__":
    main()
