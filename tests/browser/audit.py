"""Lighthouse on an article page against a plain Material page of the same article: `make audit`.

Serves, on 127.0.0.1, a build of a copy of the project (its ``site_url`` set to where it is served, as when
deployed) beside a tiny MkDocs project with the same theme settings whose only page is the article's raw
text, escaped. Text files are served gzip-compressed, as static hosts serve them (``--no-gzip``: as they
are). Lighthouse (node_modules, with Debian's Chromium) runs on both, ``RUNS`` times each (the performance
score varies from run to run: the median counts). Writes ``audit/lighthouse-<preset>.json`` and ``.md``
(git-ignored) beside each Lighthouse report, prints the summary, and exits 1 when a target is missed:
accessibility, best practices and SEO 1.0; performance at least the plain page's; at most 25% more bytes.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from annotated_reader.write.engine import mkdocs_build
from tests.browser.chromium import ARGS, CHROMIUM
from tests.browser.served import ARTICLE, Server, build_copy
from tests.helpers import ROOT

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PERFECT = ("accessibility", "best-practices", "seo")
MAX_BYTES_RATIO = 1.25
RUNS = 3


def plain_project(target: Path, slugs: list[str], site_url: str) -> Path:
    """A MkDocs project with our theme settings and one page per article: its raw text, escaped."""
    ours = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    config = {"site_name": ours["site_name"], "site_url": site_url, "theme": ours["theme"], "plugins": ["search"]}
    (target / "docs" / "articles").mkdir(parents=True)
    for slug in slugs:
        meta = yaml.safe_load((ROOT / "articles" / f"{slug}.yml").read_text("utf-8"))
        lines = [line.strip() for line in (ROOT / "articles" / f"{slug}.txt").read_text("utf-8").splitlines()]
        lines = [line for line in lines if line]
        head = yaml.safe_dump({"title": meta["title"], "description": meta.get("description") or meta["title"]})
        body = [f"<h1>{html.escape(lines[0])}</h1>"] + [f"<p>{html.escape(line)}</p>" for line in lines[1:]]
        page = target / "docs" / "articles" / f"{slug}.md"
        page.write_text(f"---\n{head}---\n\n" + "\n\n".join(body) + "\n", "utf-8")
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    return target


def lighthouse(url: str, report: Path, preset: str) -> dict[str, Any]:
    """One Lighthouse run in Debian's Chromium; its JSON report."""
    flags = " ".join(("--headless=new", *ARGS))
    command = [str(LIGHTHOUSE), url, f"--chrome-flags={flags}", "--output=json", f"--output-path={report}"]
    command += ["--quiet", "--only-categories=" + ",".join(CATEGORIES)]
    if preset == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, env={**os.environ, "CHROME_PATH": str(CHROMIUM)}, check=True)
    data: dict[str, Any] = json.loads(report.read_text("utf-8"))
    return data


def not_perfect(report: dict[str, Any]) -> dict[str, list[str]]:
    """Per category, each weighted audit scoring under 1, with what Lighthouse shows for it."""
    out: dict[str, list[str]] = {}
    for category in report["categories"].values():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit["score"] is not None and audit["score"] < 1:
                shown = audit.get("displayValue") or audit["title"]
                out.setdefault(category["id"], []).append(f"{ref['id']} ({audit['score']}): {shown}")
    return out


def bytes_by_type(report: dict[str, Any]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for item in report["audits"]["network-requests"]["details"]["items"]:
        kind = item.get("resourceType") or "Other"
        totals[kind] = totals.get(kind, 0) + int(item.get("transferSize") or 0)
    return dict(sorted(totals.items()))


def summarise(url: str, reports: list[dict[str, Any]]) -> dict[str, Any]:
    """Median score per category over the runs, the byte weight and what fell short, from the median run."""
    scores = {c: statistics.median(r["categories"][c]["score"] for r in reports) for c in CATEGORIES}
    median_run = sorted(reports, key=lambda r: r["categories"]["performance"]["score"])[len(reports) // 2]
    return {
        "url": url,
        "scores": scores,
        "performance_runs": [r["categories"]["performance"]["score"] for r in reports],
        "bytes": int(median_run["audits"]["total-byte-weight"]["numericValue"]),
        "bytes_by_type": bytes_by_type(median_run),
        "metrics": {
            m: median_run["audits"][m].get("displayValue", "")
            for m in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "speed-index")
        },
        "not_perfect": not_perfect(median_run),
    }


def verdict(ours: dict[str, Any], plain: dict[str, Any]) -> dict[str, Any]:
    ratio = ours["bytes"] / plain["bytes"]
    targets = {f"{c} = 1.0": ours["scores"][c] == 1 for c in PERFECT}
    targets["performance >= plain"] = ours["scores"]["performance"] >= plain["scores"]["performance"]
    targets[f"bytes <= {MAX_BYTES_RATIO} x plain"] = ratio <= MAX_BYTES_RATIO
    return {"bytes_ratio": round(ratio, 3), "targets": targets, "met": all(targets.values())}


def markdown(result: dict[str, Any]) -> str:
    ours, plain = result["ours"], result["plain"]
    rows = [f"| {c} | {ours['scores'][c]:.2f} | {plain['scores'][c]:.2f} |" for c in CATEGORIES]
    rows.append(f"| bytes | {ours['bytes']:,} | {plain['bytes']:,} |")
    rows += [
        f"| {kind} bytes | {ours['bytes_by_type'].get(kind, 0):,} | {plain['bytes_by_type'].get(kind, 0):,} |"
        for kind in sorted(set(ours["bytes_by_type"]) | set(plain["bytes_by_type"]))
    ]
    rows += [f"| {m} | {ours['metrics'][m]} | {plain['metrics'][m]} |" for m in ours["metrics"]]
    lines = [
        f"# Lighthouse {result['lighthouse']}: article page vs plain Material page ({result['preset']}, "
        f"{'gzip' if result['gzip'] else 'uncompressed'}, median of {result['runs']} runs)",
        "",
        f"Article: `{result['slug']}`; plain page from {result['baseline']}. Bytes ratio: {result['bytes_ratio']}.",
        "",
        "| | ours | plain |",
        "|---|---|---|",
        *rows,
        "",
        "Targets: " + ", ".join(f"{name} {'met' if ok else 'MISSED'}" for name, ok in result["targets"].items()),
    ]
    for name, summary in (("ours", ours), ("plain", plain)):
        for category, audits in summary["not_perfect"].items():
            lines += ["", f"Short of 1 ({name}, {category}):", *[f"- {a}" for a in audits]]
    return "\n".join(lines) + "\n"


def audit(slug: str, runs: int, preset: str, compress: bool, out: Path, corpus: bool) -> dict[str, Any]:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, Server(Path(tmp) / "www", gzip=compress) as server:
        (Path(tmp) / "www").mkdir()
        build_copy(Path(tmp) / "ours", site_url=f"{server.url}ours/").rename(Path(tmp) / "www" / "ours")
        slugs = sorted(p.stem for p in (ROOT / "articles").glob("*.txt")) if corpus else [slug]
        plain_root = plain_project(Path(tmp) / "plain", slugs, f"{server.url}plain/")
        # built inside its own project (the build writes only there), then moved beside ours
        mkdocs_build(plain_root, plain_root / "site")
        (plain_root / "site").rename(Path(tmp) / "www" / "plain")
        summaries: dict[str, Any] = {}
        for name in ("ours", "plain"):
            url = f"{server.url}{name}/articles/{slug}/"
            reports = [lighthouse(url, out / f"{name}-{preset}-{i}.json", preset) for i in range(1, runs + 1)]
            summaries[name] = summarise(url, reports)
            version = reports[0]["lighthouseVersion"]
    plain = "a plain site of the whole corpus" if corpus else "a one-page plain site"
    settings = {"slug": slug, "preset": preset, "runs": runs, "gzip": compress, "lighthouse": version}
    settings["baseline"] = plain
    return {**settings, **summaries, **verdict(summaries["ours"], summaries["plain"])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slug", default=ARTICLE, help="the article to audit (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=RUNS, help="Lighthouse runs per page (default: %(default)s)")
    parser.add_argument("--preset", choices=("mobile", "desktop"), default="mobile", help="Lighthouse's form factor")
    parser.add_argument("--no-gzip", action="store_true", help="serve files uncompressed (default: gzip, as hosts do)")
    parser.add_argument(
        "--corpus",
        action="store_true",
        help="compare with the same article in a plain site of every article (default: a one-page plain site)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "audit", help="where reports go (default: audit/)")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE} is missing: run `npm ci` (make audit does)", file=sys.stderr)
        return 2
    result = audit(args.slug, args.runs, args.preset, not args.no_gzip, args.out, args.corpus)
    name = f"lighthouse-{args.preset}{'-no-gzip' if args.no_gzip else ''}{'-corpus' if args.corpus else ''}"
    (args.out / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    report = markdown(result)
    (args.out / f"{name}.md").write_text(report, "utf-8")
    print(report)
    return 0 if result["met"] else 1


if __name__ == "__main__":
    sys.exit(main())
