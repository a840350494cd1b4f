"""The edit loop, as a contributor feels it: with ``build_site.py serve`` running on the benchmark corpus,
save one annotation file and time until the served article page shows the change (polling its URL).

Also records how long serve takes to show the first page, and the peak memory of serve (its own
process and the ``mkdocs serve`` it runs, from /proc: VmHWM).
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

EDITS = 3
POLL = 0.05  # seconds between two requests of the served page
LIMIT = 600.0  # seconds to wait for serve to start, or for one edit to show


def measure(work: Path, command: list[str], env: dict[str, str], slug: str = "report-00000") -> dict[str, Any]:
    """Seconds from saving ``annotations/<slug>.yml`` to the served page showing the change (median of
    EDITS edits), serve's start-up time and peak memory."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/articles/{slug}/"  # the preview serves the site at its root
    path = work / "annotations" / f"{slug}.yml"
    original = path.read_text("utf-8")
    log = (work / "serve.log").open("w")
    started = time.perf_counter()
    server = subprocess.Popen(  # noqa: S603 - the benchmark's own command line
        [*command, "--root", str(work), "serve", "--port", str(port)], env=env, stdout=log, stderr=log
    )
    try:
        _wait(url, lambda page: True, server)
        results: dict[str, Any] = {"serve_start_s": round(time.perf_counter() - started, 2)}
        loops = []
        for i in range(EDITS):
            marker = f"benchedit{i}x{os.getpid()}"
            time.sleep(1.0)  # serve and mkdocs are idle again
            changed = original.replace("the two nest.", f"the two nest {marker}.", 1)
            assert changed != original, "the synthetic corpus changed: pick another sentence"  # noqa: S101
            saved = time.perf_counter()
            path.write_text(changed, "utf-8")
            _wait(url, lambda page, m=marker: m in page, server)
            loops.append(round(time.perf_counter() - saved, 3))
        results["edit_loop_s"], results["edit_loop_runs_s"] = statistics.median(loops), loops
        results["serve_peak_mb"] = round(_peak_mb(server.pid), 1)
        return results
    finally:
        path.write_text(original, "utf-8")
        server.terminate()
        server.wait(timeout=60)
        log.close()


def _wait(url: str, done: Any, server: subprocess.Popen[bytes]) -> None:
    deadline = time.perf_counter() + LIMIT
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
    raise SystemExit(f"{url} did not show the change within {LIMIT:.0f} s")


def _peak_mb(pid: int) -> float:
    """The largest peak resident memory of serve and of its child processes (MB)."""
    peaks = [_vmhwm(pid)]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        peaks += [_vmhwm(int(child)) for child in children.read_text().split()]
    return max(peaks) / 1024


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


if __name__ == "__main__":
    print(measure(Path(sys.argv[1]), [sys.executable, "build_site.py"], {**os.environ, "NO_MKDOCS_2_WARNING": "1"}))
