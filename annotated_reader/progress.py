"""Progress bars for long builds: shown on a terminal only (stderr is a TTY), never in CI logs.

The command line turns them on; every stage stays silent otherwise, and in tests.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
MIN_ITEMS = 200  # fewer items than this finish too fast for a bar to help
_state = {"on": False}


class Bar(Protocol):
    def update(self, n: float | None = 1) -> bool | None: ...


class _NoBar:
    def update(self, n: float | None = 1) -> bool | None:
        return None


def enable(on: bool | None = None) -> None:
    """Show bars when ``on``, or by default when stderr is a terminal."""
    _state["on"] = sys.stderr.isatty() if on is None else on


def enabled() -> bool:
    return _state["on"]


def _tqdm(label: str, total: int | None) -> Any:
    from tqdm import tqdm

    return tqdm(desc=label, total=total, leave=False, file=sys.stderr, unit="", dynamic_ncols=True)


def track(items: Iterable[T], label: str, total: int) -> Iterator[T]:
    """``items`` unchanged, with a bar while they are gone through (``total`` of them)."""
    if not enabled() or total < MIN_ITEMS:
        yield from items
        return
    bar = _tqdm(label, total)
    try:
        for item in items:
            yield item
            bar.update(1)
    finally:
        bar.close()


@contextmanager
def bar(label: str, total: int | None) -> Iterator[Bar]:
    """A bar to update by hand; nothing is shown when bars are off or ``total`` is None."""
    if not enabled() or total is None:
        yield _NoBar()
        return
    shown = _tqdm(label, total)
    try:
        yield shown
    finally:
        shown.close()
