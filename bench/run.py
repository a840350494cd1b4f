"""The benchmark: build a synthetic corpus of N articles and compare with plain Material for MkDocs.

    make bench N=1000          (python -m bench.run --n 1000)

Writes the corpus under bench/work/ (articles/, annotations/, two plain baseline projects), builds
it, and writes bench/results.json (figures in seconds, bytes and MB; see README, Performance).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench import baseline, editloop, searchbytes
from bench.generate import ROOT, generate

WORK = ROOT / "bench" / "work"
CODE = WORK / "code"  # a snapshot of build_site.py and the package: one version of the code for every run
BUILD = [sys.executable, str(CODE / "build_site.py")]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def timed(command: list[str], cwd: Path = ROOT) -> tuple[float, float, str, float]:
    """Wall seconds, peak memory (MB), output, and CPU seconds (user + system) of the process and the
    processes it ran: less sensitive than wall time to other work on the machine."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)  # noqa: S603
    assert proc.stdout is not None  # noqa: S101 - stdout=PIPE
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.stdout.close()
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"failed: {' '.join(command)}\n{out[-3000:]}")
    return seconds, usage.ru_maxrss / 1024, out, usage.ru_utime + usage.ru_stime  # Linux: ru_maxrss in KB


def _commit() -> str:
    """The commit the code snapshot was taken from, with '+changes' when the package differed from it."""
    head = _git("rev-parse", "--short", "HEAD")
    return head + ("+changes" if _git("status", "--porcelain", "annotated_reader", "build_site.py") else "")


def _git(*args: str) -> str:
    run = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False)  # noqa: S603, S607
    return run.stdout.strip()


def median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


def clean(*names: str) -> None:
    for name in names:
        shutil.rmtree(WORK / name, ignore_errors=True)


def stages(output: str) -> dict[str, float]:
    """The stage timings of build_site.py's last line: 'built ... in 9.1 s (read 1.0 s, ...)'."""
    line = next(x for x in reversed(output.splitlines()) if x.startswith("built "))
    return {name: float(t) for name, t in re.findall(r"(\w+) ([\d.]+) s", line.split("(", 1)[1])}


def one_file_rebuild(runs: int) -> dict[str, Any]:
    """``build_site.py build`` (docs/ and site/) and ``build --docs-only`` after one annotation file changed:
    wall seconds, and CPU seconds (user + system), which other work on the machine disturbs less."""
    path = WORK / "annotations" / "report-00000.yml"
    original = path.read_text("utf-8")
    found: dict[str, list[float]] = {}
    try:
        for i in range(runs):
            for key, extra in (("one_file_rebuild_docs", ["--docs-only"]), ("one_file_rebuild", [])):
                path.write_text(original.replace("the two nest.", f"the two nest {key}{i}.", 1), "utf-8")
                seconds, _, _, cpu = timed([*BUILD, "--root", str(WORK), "build", *extra])
                found.setdefault(f"{key}_s", []).append(seconds)
                found.setdefault(f"{key}_cpu_s", []).append(cpu)
    finally:
        path.write_text(original, "utf-8")
    print(f"one-file rebuild: {found}", file=sys.stderr)
    return {key: median(times) for key, times in found.items()}


def cached_build(runs: int) -> dict[str, Any]:
    """``build --docs-only`` with no docs/ but the build cache of the build before (CI restores it)."""
    found, cpu = [], []
    for _ in range(runs):
        clean("docs")
        seconds, _, _, used = timed([*BUILD, "--root", str(WORK), "build", "--docs-only", "--force"])
        found.append(seconds)
        cpu.append(used)
    print(f"build_site.py (docs/ only, cache kept): {found}", file=sys.stderr)
    return {
        "build_site_cached_s": median(found),
        "build_site_cached_cpu_s": median(cpu),
        "cache_bytes": size(WORK / ".cache" / "build"),
    }


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def machine() -> dict[str, Any]:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        (line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), "0"
    )
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "memory_gb": round(int(memory) / 2**20, 1),
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def measure(n: int, seed: int, runs: int, flat_max: int) -> dict[str, Any]:
    results: dict[str, Any] = {"n": n, "seed": seed, "runs": runs, "machine": machine()}
    results["load_average_at_start"] = os.getloadavg()[0]
    results["commit"] = _commit()
    clean("articles", "annotations", "docs", "site", "code")
    shutil.copytree(ROOT / "annotated_reader", CODE / "annotated_reader", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "build_site.py", CODE / "build_site.py")
    # compiled once, as an installed package or any checkout after its first run is: the timed runs measure
    # the build, not Python compiling the snapshot again on every run (this machine sets PYTHONDONTWRITEBYTECODE)
    compileall.compile_dir(CODE / "annotated_reader", quiet=1)
    generate(WORK, n, seed)
    shutil.copy(ROOT / "mkdocs.yml", WORK / "mkdocs.yml")
    out = timed([*BUILD, "--root", str(WORK), "check"])[2]
    found = re.search(r"ok: (\d+) articles, (\d+) annotations", out)
    assert found, out  # noqa: S101 - the checker prints this line on success
    results["articles"], results["annotations"] = int(found[1]), int(found[2])
    print(f"corpus: {results['articles']} articles, {results['annotations']} annotations", file=sys.stderr)

    docs_only, cpu, peaks = [], [], []
    for _ in range(runs):
        clean("docs", ".cache")  # from scratch: no docs/, no build cache
        seconds, peak, _, used = timed([*BUILD, "--root", str(WORK), "build", "--docs-only", "--force"])
        docs_only.append(seconds)
        cpu.append(used)
        peaks.append(peak)
    results["build_site_s"], results["build_site_cpu_s"] = median(docs_only), median(cpu)
    results["build_site_peak_mb"] = round(max(peaks), 1)
    print(f"build_site.py (docs/ only, from scratch): {docs_only}", file=sys.stderr)
    results.update(cached_build(runs))

    full, mkdocs, cpu, peaks = [], [], [], []
    for _ in range(max(1, runs - 1)):
        clean("docs", "site", ".cache")
        seconds, peak, out, used = timed([*BUILD, "--root", str(WORK), "build", "--force"])
        full.append(seconds)
        cpu.append(used)
        peaks.append(peak)
        mkdocs.append(sum(t for stage, t in stages(out).items() if stage in ("mkdocs", "pagefind")))
        results["stages_s"] = stages(out)
    results["end_to_end_s"], results["mkdocs_s"] = median(full), median(mkdocs)
    results["end_to_end_cpu_s"] = median(cpu)
    results["end_to_end_peak_mb"] = round(max(peaks), 1)  # build_site.py or the mkdocs it runs, the larger
    print(f"build_site.py build (docs/ and site/): {full}", file=sys.stderr)

    noop = [timed([*BUILD, "--root", str(WORK), "build"]) for _ in range(5)]
    results["noop_rebuild_s"] = median([run[0] for run in noop])
    results["noop_skipped"] = all(run[2].startswith("nothing changed") for run in noop)  # else the code changed
    results.update(one_file_rebuild(runs))
    results.update(editloop.measure(WORK, BUILD, ENV))
    print(f"edit loop: {results['edit_loop_runs_s']}", file=sys.stderr)
    results["cache_mb"] = round(results["cache_bytes"] / 2**20, 1)
    results["site_bytes"] = size(WORK / "site")
    results["site_mb"] = round(results["site_bytes"] / 2**20, 1)
    results["site_bytes_by_folder"] = {
        p.name: size(p) if p.is_dir() else p.stat().st_size for p in sorted((WORK / "site").iterdir())
    }
    try:  # the browser part (searchbytes.py) failing leaves every other figure of the run
        results.update(searchbytes.measure(WORK / "site"))
        # as static hosts (GitHub Pages, Netlify) serve it: text files gzip-compressed; Pagefind's own are already
        zipped = searchbytes.measure(WORK / "site", compress=True)
        results["search_first_query_gzip_bytes"] = zipped["search_first_query_bytes"]
        results["search_by_query_gzip"] = zipped.get("search_by_query")
    except Exception as failed:  # Playwright's errors have no common base worth naming
        results["search_error"] = f"{type(failed).__name__}: {str(failed).splitlines()[0]}"
        print(f"search bytes not measured: {results['search_error']}", file=sys.stderr)

    for name, flat in (("baseline_same_nav_s", False), ("baseline_flat_nav_s", True)):
        if flat and n > flat_max:
            results[name] = None
            results["baseline_flat_nav_note"] = f"not run above N={flat_max}: a sidebar of every page is quadratic"
            continue
        project = baseline.write(WORK, flat)
        times, cpu = [], []
        for _ in range(max(1, runs - 1) if not flat else 1):
            shutil.rmtree(project / "site", ignore_errors=True)
            seconds, _, _, used = timed([sys.executable, "-m", "mkdocs", "build", "-q", "--strict"], cwd=project)
            times.append(seconds)
            cpu.append(used)
        results[name], results[name.removesuffix("_s") + "_cpu_s"] = median(times), median(cpu)
        results[name.removesuffix("_s") + "_site_bytes"] = size(project / "site")
        print(f"{name}: {times}", file=sys.stderr)
    for kind in ("same", "flat"):
        plain, plain_cpu = results[f"baseline_{kind}_nav_s"], results.get(f"baseline_{kind}_nav_cpu_s")
        results[f"end_to_end_vs_{kind}_nav"] = round(results["end_to_end_s"] / plain, 2) if plain else None
        ratio = results["end_to_end_cpu_s"] / plain_cpu if plain_cpu else None
        results[f"end_to_end_vs_{kind}_nav_cpu"] = round(ratio, 2) if ratio else None
    results["load_average_at_end"] = os.getloadavg()[0]
    return results


ROWS = [  # label, key of the wall-clock figure, key of the CPU figure, unit
    ("articles", "articles", "", ""),
    ("annotations", "annotations", "", ""),
    ("build_site.py, docs/ from scratch", "build_site_s", "build_site_cpu_s", "s"),
    ("build_site.py, docs/ from scratch with the build cache", "build_site_cached_s", "build_site_cached_cpu_s", "s"),
    ("build cache (.cache/build/)", "cache_mb", "", "MB"),
    ("peak memory of build_site.py", "build_site_peak_mb", "", "MB"),
    ("mkdocs build (+ Pagefind)", "mkdocs_s", "", "s"),
    ("end to end: build_site.py build", "end_to_end_s", "end_to_end_cpu_s", "s"),
    ("plain Material, same navigation", "baseline_same_nav_s", "baseline_same_nav_cpu_s", "s"),
    ("plain Material, flat navigation", "baseline_flat_nav_s", "baseline_flat_nav_cpu_s", "s"),
    ("end to end / same-navigation plain", "end_to_end_vs_same_nav", "end_to_end_vs_same_nav_cpu", "×"),
    ("end to end / flat-navigation plain", "end_to_end_vs_flat_nav", "end_to_end_vs_flat_nav_cpu", "×"),
    ("site/", "site_mb", "", "MB"),
    ("search: first query downloads, files as they are", "search_first_query_bytes", "", "bytes"),
    ("search: first query downloads, gzip-served", "search_first_query_gzip_bytes", "", "bytes"),
    ("no-op rebuild", "noop_rebuild_s", "", "s"),
    ("one-file rebuild: build --docs-only", "one_file_rebuild_docs_s", "one_file_rebuild_docs_cpu_s", "s"),
    ("one-file rebuild: build_site.py build", "one_file_rebuild_s", "one_file_rebuild_cpu_s", "s"),
    ("edit loop: save -> served page changed (make serve)", "edit_loop_s", "", "s"),
    ("make serve: first page served (the site as last built)", "serve_first_page_s", "", "s"),
    ("make serve: first page of its own first rebuild", "serve_start_s", "", "s"),
    ("peak memory of make serve", "serve_peak_mb", "", "MB"),
    ("peak memory of make serve's children (mkdocs, Pagefind)", "serve_children_peak_mb", "", "MB"),
]


def shown(value: Any, unit: str) -> str:
    if value is None:
        return "not run"
    return (f"{value:,}" if isinstance(value, int) else f"{value:g}") + (f" {unit}" if unit else "")


def table(results: dict[str, Any]) -> str:
    lines = [f"| N = {results['n']:,} | wall clock | CPU |", "|---|---:|---:|"]
    for label, key, cpu, unit in ROWS:
        lines.append(f"| {label} | {shown(results.get(key), unit)} | {shown(results.get(cpu), unit) if cpu else ''} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--n", type=int, default=1000, help="number of articles")
    args.add_argument("--seed", type=int, default=1)
    args.add_argument("--runs", type=int, default=3, help="runs of each cheap timing (medians)")
    args.add_argument("--flat-max", type=int, default=2000, help="largest N for the flat-navigation baseline")
    args.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    ns = args.parse_args(argv)
    results = measure(ns.n, ns.seed, ns.runs, ns.flat_max)
    ns.out.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    print(table(results))
    print(f"wrote {ns.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
