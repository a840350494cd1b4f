"""The edit loop, as a contributor feels it: with ``build_site.py serve`` running on the benchmark corpus,
save one annotation file and time until the served article page shows the change (polling its URL).

Also records how long serve takes to show a first page (the site as last built) and the page of its own
first rebuild, the CPU time serve spent on each edit
(user+sys, from /proc: the machine is shared, wall times are noisy), and the peak memory of serve
(its own process and the largest of its children, mkdocs and Pagefind, from /proc: VmHWM).

    python -m bench.editloop WORK [--out bench/results-editloop-N.json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

EDITS = 3
POLL = 0.05  # seconds between two requests of the served page
LIMIT = 600.0  # seconds to wait for one edit to show
START_LIMIT = 2400.0  # seconds to wait for serve to start (a full build: minutes at 10,000 articles)


def measure(work: Path, command: list[str], env: dict[str, str], slug: str = "report-00000") -> dict[str, Any]:
    """Seconds from saving ``annotations/<slug>.yml`` to the served page showing the change (median of
    EDITS edits), serve's start-up time and peak memory."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/articles/{slug}/"  # the preview serves the site at its root
    data = f"http://127.0.0.1:{port}/annotations/{slug}.jsonld"  # the article's W3C page: its notes' text
    path = work / "annotations" / f"{slug}.yml"
    original = path.read_text("utf-8")
    log = (work / "serve.log").open("w")
    started = time.perf_counter()
    server = subprocess.Popen(  # noqa: S603 - the benchmark's own command line
        [*command, "--root", str(work), "serve", "--port", str(port)], env=env, stdout=log, stderr=log
    )
    peak = [0]  # the largest VmHWM (kB) seen of a child of serve (mkdocs, Pagefind), sampled twice a second
    sampling = threading.Thread(target=_sample, args=(server, peak), daemon=True)
    sampling.start()
    try:
        _wait(url, lambda page: True, server, START_LIMIT)  # the site as last built, while the first rebuild runs
        results: dict[str, Any] = {"serve_first_page_s": round(time.perf_counter() - started, 2)}
        _wait(url, _rebuilt, server, START_LIMIT)
        results["serve_start_s"] = round(time.perf_counter() - started, 2)  # the page of this serve run's rebuild
        loops, cpu, rest = [], [], []
        for i in range(EDITS):
            marker = f"benchedit{i}x{os.getpid()}"
            time.sleep(1.0)  # serve is idle again (the whole site was updated)
            changed = original.replace("the two nest.", f"the two nest {marker}.", 1)
            assert changed != original, "the synthetic corpus changed: pick another sentence"  # noqa: S101
            saved, used = time.perf_counter(), _cpu_s(server.pid)
            path.write_text(changed, "utf-8")
            _wait(url, lambda page, m=marker: m in page, server)
            loops.append(round(time.perf_counter() - saved, 3))
            cpu.append(round(_cpu_s(server.pid) - used, 3))
            _wait(data, lambda page, m=marker: m in page, server)  # the rest of the site: W3C page, indexes
            rest.append(round(time.perf_counter() - saved, 3))
        results["edit_loop_s"], results["edit_loop_runs_s"] = statistics.median(loops), loops
        results["edit_loop_whole_site_runs_s"] = rest  # until the article's W3C page (made last) is served too
        results["edit_loop_cpu_s"] = cpu  # serve's own user+sys during each edit (to the page showing it)
        results["serve_peak_mb"] = round(_vmhwm(server.pid) / 1024, 1)  # serve's own process
        results["serve_children_peak_mb"] = round(max(peak[0], *_children_hwm(server.pid)) / 1024, 1)
        return results
    finally:
        path.write_text(original, "utf-8")
        server.terminate()
        server.wait(timeout=60)
        log.close()


def _wait(url: str, done: Any, server: subprocess.Popen[bytes], limit: float = LIMIT) -> None:
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"serve stopped (exit {server.returncode}); see bench/work/serve.log")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - a local server
                if done(response.read().decode("utf-8", "replace")):
                    return
        except OSError:
            pass
        time.sleep(POLL)
    raise SystemExit(f"{url} did not show the change within {limit:.0f} s")


def _rebuilt(page: str) -> bool:
    """Whether the page comes from a rebuild of this serve run (the preview's generation 1 and after)."""
    found = re.search(r'data-generation="(\d+)"', page)
    return found is not None and int(found.group(1)) > 0


def _sample(server: subprocess.Popen[bytes], peak: list[int]) -> None:
    while server.poll() is None:
        peak[0] = max(peak[0], *_children_hwm(server.pid))
        time.sleep(0.5)


def _children_hwm(pid: int) -> list[int]:
    """VmHWM (kB) of each process under ``pid`` alive now (mkdocs, the indexer and its Pagefind), and 0."""
    try:
        children = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return [0]
    return [0, *(kb for child in children for kb in (_vmhwm(child), *_children_hwm(child)))]


def _cpu_s(pid: int) -> float:
    """User+sys CPU seconds of a running process (/proc/PID/stat: utime, stime)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _vmhwm(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("work", type=Path, help="a project made by bench.generate")
    parser.add_argument("--out", type=Path, help="write the results here as JSON")
    args = parser.parse_args()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    results: dict[str, Any] = {"articles": len(list((args.work / "articles").glob("*.txt")))}
    results["load_average_at_start"] = os.getloadavg()[0]
    command = [sys.executable, str(Path(__file__).resolve().parents[1] / "build_site.py")]
    results.update(measure(args.work, command, env))
    results["load_average_at_end"] = os.getloadavg()[0]
    results["cores"] = os.cpu_count()
    text = json.dumps(results, indent=2) + "\n"
    if args.out:
        args.out.write_text(text, "utf-8")
    print(text, end="")


if __name__ == "__main__":
    main()
