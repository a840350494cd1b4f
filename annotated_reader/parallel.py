"""Independent pieces of work on both cores, results in the order they were asked for.

A large corpus is loaded and rendered in worker processes; a small one (and the test suite) stays in
one process, where starting workers would cost more than it saves. Workers are forked, so they share
what the build already holds (``shared``) without copying it through a pipe; only the arguments of
each call and its result travel. Results come back in the order of the calls, whatever the order
they finish in, so the output is the serial output byte for byte. Where workers cannot run (no
``fork`` on the platform, or a worker died), every call runs here instead, in the same order.
Workers die with this process, even when it is killed with SIGKILL (linux.die_with_parent).
"""

from __future__ import annotations

import gc
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from annotated_reader import linux

if TYPE_CHECKING:  # imported when workers start: a build that needs none (a one-file rebuild) does without
    from concurrent.futures import Future, ProcessPoolExecutor

T = TypeVar("T")
R = TypeVar("R")
Call = tuple[Callable[..., R], tuple[object, ...]]  # (module-level function, its arguments after ``shared``)

WORKERS_ABOVE = 300  # files or articles: below this, one process is faster
SHARING_UP_TO = 3_000  # articles: above this, workers sharing the corpus cost more memory than the time they save
AHEAD = 12  # calls running or done per worker, not yet read: bounds the memory their results take
_shared: list[object] = []  # what forked workers inherit: the ``shared`` of the Pool that started them


def workers(items: int, sharing: bool = False) -> int:
    """How many worker processes pay for ``items`` pieces of work: 0 (do it here) or the cores there are.

    Workers ``sharing`` what this process holds copy each part of it they touch (a forked process shares
    memory only until it writes to it, and reading a Python object writes its reference count): at
    10,000 articles, two workers making article pages took 2.0 GB in all instead of 1.3 GB.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if items <= WORKERS_ABOVE or (sharing and items > SHARING_UP_TO):
        return 0
    import multiprocessing

    return cores if cores > 1 and "fork" in multiprocessing.get_all_start_methods() else 0


def chunks(items: list[T], size: int) -> list[list[T]]:
    """``items`` cut into consecutive runs of ``size`` (the last one shorter)."""
    return [items[i : i + size] for i in range(0, len(items), size)]


def _run(function: Callable[..., R], args: tuple[object, ...]) -> R:
    return function(_shared[0], *args)


class Pool:
    """Runs calls ``function(shared, *args)``, in workers when ``processes`` > 0, else here."""

    def __init__(self, shared: object, processes: int) -> None:
        self.shared = shared
        self.processes = processes
        self.executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> Pool:
        if self.processes:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            _shared[:] = [self.shared]
            gc.freeze()  # the workers' collector leaves inherited objects alone: their pages stay shared
            context = multiprocessing.get_context("fork")
            self.executor = ProcessPoolExecutor(
                self.processes, mp_context=context, initializer=linux.die_with_parent, initargs=(os.getpid(),)
            )
        return self

    def __exit__(self, *exc: object) -> None:
        if self.executor is not None:
            self.executor.shutdown(cancel_futures=True)
            self.executor = None
        if self.processes:
            gc.unfreeze()
            _shared.clear()

    def ordered(self, calls: Iterable[Call[R]]) -> Iterator[R]:
        """The result of each call, in the order of ``calls``. The workers start on the first calls at
        once, so this process can do other work meanwhile; a few calls run ahead of the one read."""
        pending = iter(calls)
        running: deque[tuple[Call[R], Future[R] | None]] = deque()
        self._start(pending, running)
        return self._results(pending, running)

    def _start(self, pending: Iterator[Call[R]], running: deque[tuple[Call[R], Future[R] | None]]) -> None:
        while self.executor is not None and len(running) < self.processes * AHEAD:
            call = next(pending, None)
            if call is None:
                return
            running.append((call, self._submit(self.executor, call)))

    def _results(self, pending: Iterator[Call[R]], running: deque[tuple[Call[R], Future[R] | None]]) -> Iterator[R]:
        while True:
            if running:
                yield self._result(*running.popleft())
            elif (call := next(pending, None)) is not None:
                yield call[0](self.shared, *call[1])
            else:
                return
            self._start(pending, running)

    def _submit(self, executor: ProcessPoolExecutor, call: Call[R]) -> Future[R] | None:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return executor.submit(_run, call[0], call[1])
        except BrokenProcessPool:
            self._broken()
            return None

    def _result(self, call: Call[R], future: Future[R] | None) -> R:
        """The call's result from its worker; computed here when the workers are gone."""
        if future is not None:
            from concurrent.futures.process import BrokenProcessPool

            try:
                return future.result()
            except BrokenProcessPool:  # a worker was killed (out of memory, a signal)
                self._broken()
        function, args = call
        return function(self.shared, *args)

    def _broken(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None
