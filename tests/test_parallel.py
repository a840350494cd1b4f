"""Work in worker processes gives what one process gives: the same files, diagnostics and order."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from annotated_reader import build, parallel
from annotated_reader.read import yamlsource
from bench.generate import generate as make_corpus
from tests.helpers import ROOT, generate


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker processes for any corpus, however small (when the machine has two cores)."""
    monkeypatch.setattr(parallel, "WORKERS_ABOVE", 0)


def _sleep_then(shared: int, n: int) -> int:
    time.sleep(0.01 * (n % 3))  # later calls often finish first
    return shared * n


def _die_in_a_worker(parent: int, n: int) -> int:
    if os.getpid() != parent and n == 2:
        os._exit(1)
    return n


def test_results_come_in_the_order_of_the_calls(workers: None) -> None:
    calls: list[parallel.Call[int]] = [(_sleep_then, (n,)) for n in range(20)]
    with parallel.Pool(10, 2) as pool:
        assert list(pool.ordered(calls)) == [10 * n for n in range(20)]
    with parallel.Pool(10, 0) as pool:
        assert list(pool.ordered(calls)) == [10 * n for n in range(20)]


def test_a_dead_worker_leaves_its_calls_to_this_process(workers: None) -> None:
    calls: list[parallel.Call[int]] = [(_die_in_a_worker, (n,)) for n in range(8)]
    with parallel.Pool(os.getpid(), 2) as pool:
        assert list(pool.ordered(calls)) == list(range(8))


def test_small_corpora_stay_in_one_process_and_large_ones_keep_memory() -> None:
    assert parallel.workers(5) == 0
    assert parallel.workers(parallel.SHARING_UP_TO + 1, sharing=True) == 0
    assert parallel.chunks([1, 2, 3, 4, 5], 2) == [[1, 2], [3, 4], [5]]


def _generated(root: Path) -> tuple[dict[str, str], list[str]]:
    settings, corpus, diagnostics = build.gather(root)
    assert settings is not None
    return generate(settings, corpus), [d.format() for d in diagnostics]


def test_workers_generate_the_same_files_in_the_same_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_corpus(tmp_path, 60, seed=3)
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text("utf-8"), "utf-8")
    monkeypatch.setattr(build, "ARTICLES_PER_CALL", 7)
    alone = _generated(tmp_path)
    monkeypatch.setattr(parallel, "WORKERS_ABOVE", 0)
    together = _generated(tmp_path)
    assert list(together[0].items()) == list(alone[0].items())
    assert together[1] == alone[1]


def _break(root: Path) -> None:
    """Mistakes of every stage in several files: bad YAML, an unknown key deep in a file, a bad value,
    a selector that matches nowhere, an unknown cluster, bad article metadata."""

    def edit(rel: str, old: str, new: str) -> None:
        text = (root / rel).read_text("utf-8")
        assert old in text
        (root / rel).write_text(text.replace(old, new, 1), "utf-8")

    (root / "annotations" / "report-00003.yml").write_text("article: report-00003\nannotations:\n- id: [\n", "utf-8")
    edit("annotations/report-00010.yml", "  kind: quote\n", "  kind: quote\n  qoute: x\n")
    edit("annotations/report-00020.yml", "cluster: c", "cluster: nope-")
    edit("annotations/report-00030.yml", "exact: our ", "exact: their ")
    edit("annotations/report-00041.yml", "confidence: low", "confidence: lo")
    edit("articles/report-00052.yml", "title:", "titel:")


def test_diagnostics_from_workers_keep_their_order_and_positions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_corpus(tmp_path, 60, seed=5)
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text("utf-8"), "utf-8")
    _break(tmp_path)
    alone = [d.format() for d in build.gather(tmp_path)[2]]
    monkeypatch.setattr(parallel, "WORKERS_ABOVE", 0)
    together = [d.format() for d in build.gather(tmp_path)[2]]
    assert together == alone
    wanted = [
        "annotations/report-00003.yml:4:1: error: invalid YAML",
        "annotations/report-00010.yml:5:3: error: unknown key 'qoute' in quote",
        "annotations/report-00020.yml:",  # unknown quote cluster
        "annotations/report-00030.yml:",  # selector matches nowhere
        "annotations/report-00041.yml:",  # invalid confidence
        "articles/report-00052.yml:2:1: error: unknown key 'titel'",
    ]
    assert all(any(d.startswith(w) for d in alone) for w in wanted), alone


def test_positions_kept_near_answer_like_all_positions() -> None:
    raw = (ROOT / "annotations").glob("*.yml")
    for path in sorted(raw):
        near, problems = yamlsource.load(path.name, path.read_bytes())
        assert problems == [] and near.text is not None
        full = yamlsource.Document(path.name)
        assert yamlsource._located(full, path.read_bytes().decode("utf-8"))[1] == []
        for loc in list(full.positions)[:400]:
            for key in (False, True):
                fresh, _ = yamlsource.load(path.name, path.read_bytes())
                assert fresh.where(loc, key) == full.where(loc, key), (path.name, loc, key)
                assert fresh.where((*loc, "absent"), key) == full.where((*loc, "absent"), key)
