"""The CI workflows and the pre-commit hooks cannot run here; these tests keep their essentials from rotting."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text("utf-8"))
    assert isinstance(data, dict)
    if True in data:  # YAML 1.1 reads the key `on` as true
        data["on"] = data.pop(True)
    return data


def _runs(job: dict[str, Any]) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def _uses(job: dict[str, Any]) -> list[str]:
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def test_ci_checks_and_tests_every_pull_request_and_main() -> None:
    ci = _load(WORKFLOWS / "ci.yml")
    assert "pull_request" in ci["on"]
    assert ci["on"]["push"]["branches"] == ["main"]
    job = ci["jobs"]["check-and-test"]
    runs = _runs(job)
    assert runs.index("make check") < runs.index("make test")
    assert "make lint" in runs
    assert any(re.search(r"apt-get install .*\bchromium\b", run) for run in runs), "browser tests need Chromium"
    assert job["container"].startswith("python:3.11"), "the Python the project asks for"
    assert "actions/checkout" in _uses(job)


def test_pages_builds_the_site_and_deploys_it_from_main() -> None:
    pages = _load(WORKFLOWS / "pages.yml")
    assert pages["on"]["push"]["branches"] == ["main"]
    assert pages["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = pages["jobs"]["build"], pages["jobs"]["deploy"]
    assert "make site ENGINE=mkdocs" in _runs(build)
    (upload,) = [s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert _uses(deploy) == ["actions/deploy-pages"]


# The current major of each action (GitHub removed the Node 20 runtime the older ones ran on).
CURRENT = {
    "actions/checkout": 7,
    "actions/setup-python": 7,
    "actions/cache": 6,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
}


def _steps() -> list[dict[str, Any]]:
    return [
        step
        for path in sorted(WORKFLOWS.glob("*.yml"))
        for job in _load(path)["jobs"].values()
        for step in job["steps"]
    ]


def test_every_action_is_a_current_major_and_checkout_keeps_no_credentials() -> None:
    used = [step for step in _steps() if "uses" in step]
    assert {step["uses"].split("@")[0] for step in used} <= set(CURRENT), "an action this test does not know"
    for step in used:
        name, version = step["uses"].split("@")
        assert version == f"v{CURRENT[name]}", step["uses"]
        if name == "actions/checkout":
            assert step["with"]["persist-credentials"] is False, "the token stays out of .git/config"


def test_ci_clones_the_w3c_suite_at_a_fixed_commit_where_the_tests_look_for_it() -> None:
    ci = _load(WORKFLOWS / "ci.yml")
    assert re.fullmatch(r"[0-9a-f]{40}", ci["env"]["W3C_SUITE_COMMIT"])
    assert ci["env"]["SHARED_DIR"].endswith("/../shared")
    (clone,) = [run for run in _runs(ci["jobs"]["check-and-test"]) if "W3C_SUITE_COMMIT" in run]
    assert "$SHARED_DIR/w3c-web-annotation-tests" in clone and "checkout -q FETCH_HEAD" in clone
    runs = _runs(ci["jobs"]["check-and-test"])
    assert runs.index(clone) < runs.index("make test")


def test_ci_builds_and_link_checks_the_site_with_every_engine() -> None:
    job = _load(WORKFLOWS / "ci.yml")["jobs"]["engines"]
    assert job["strategy"]["matrix"]["engine"] == ["mkdocs", "properdocs", "zensical"]
    runs = _runs(job)
    assert runs[0] == "make site ENGINE=${{ matrix.engine }}"
    assert "annotated_reader.write.linkcheck site" in runs[1]


def test_make_installs_the_locked_requirements_with_their_hashes() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert re.search(r"pip install .*--require-hashes -r requirements.txt", makefile)
    lock = (ROOT / "requirements.txt").read_text("utf-8")
    pins = re.findall(r"(?m)^([A-Za-z0-9_.-]+)==\S+ \\\n\s+--hash=sha256:[0-9a-f]{64}", lock)
    assert {"mkdocs", "mkdocs-material", "properdocs", "zensical", "watchdog"} <= {p.lower() for p in pins}


def _hooks() -> dict[str, dict[str, Any]]:
    config = _load(ROOT / ".pre-commit-config.yaml")
    assert "exclude" not in config, "a global exclude would also hide articles/ and annotations/ from make check"
    return {hook["id"]: {**hook, "rev": repo.get("rev")} for repo in config["repos"] for hook in repo["hooks"]}


def test_pre_commit_runs_ruff_of_the_pinned_version() -> None:
    pinned = re.search(r"^ruff==(\S+) \\$", (ROOT / "requirements.txt").read_text("utf-8"), re.M)
    assert pinned is not None
    assert _hooks()["ruff-check"]["rev"] == f"v{pinned[1]}"


def test_pre_commit_never_rewrites_raw_articles_or_golden_files() -> None:
    hooks = _hooks()
    kept = [
        *(p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "articles").glob("*.txt"))),
        "tests/golden/markdown-specials/articles/specials.txt",
        "tests/golden/correction-rule/expected/articles/gamma.md",
    ]
    for name in ("end-of-file-fixer", "trailing-whitespace"):
        for path in kept:
            assert re.search(hooks[name]["exclude"], path), f"{name} would rewrite {path}"
    assert not re.search(hooks["trailing-whitespace"]["exclude"], "annotations/quotes.yml")


def test_pre_commit_checks_yaml_but_not_the_broken_examples() -> None:
    check_yaml = _hooks()["check-yaml"]
    broken = sorted((ROOT / "tests" / "golden" / "errors" / "annotations").glob("*.yml"))
    assert broken
    for path in broken:
        assert re.search(check_yaml["exclude"], path.relative_to(ROOT).as_posix())
    assert not re.search(check_yaml["exclude"], "annotations/quotes.yml")


def test_pre_commit_runs_make_check_when_the_corpus_changes() -> None:
    hook = _hooks()["make-check"]
    assert hook["entry"] == "make check" and hook["language"] == "system" and hook["pass_filenames"] is False
    for path in ("articles/a.txt", "articles/a.yml", "annotations/a.yml", "mkdocs.yml"):
        assert re.search(hook["files"], path), path
