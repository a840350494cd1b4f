"""What a build prints when it ends: annotations per kind and article, and one line of what changed and how long
each stage took."""

from __future__ import annotations

from annotated_reader.build import Result
from annotated_reader.kinds import KINDS, count_kinds
from annotated_reader.model import Corpus

SUMMARY_ROWS = 20  # above this many articles, the summary gives the totals only


def summary(corpus: Corpus) -> str:
    """Annotations per kind and per article, as a small text table."""
    names = list(KINDS)
    shown = list(corpus.articles) if len(corpus.articles) <= SUMMARY_ROWS else []
    width = max([len("total")] + [len(s) for s in shown])
    head = f"{'article':<{width}} " + " ".join(f"{n[:11]:>11}" for n in names) + f" {'total':>6}"
    rows = [head]
    for slug in [*shown, "total"]:
        counts = count_kinds(corpus.all_placed() if slug == "total" else corpus.placed[slug]).values()
        rows.append(f"{slug:<{width}} " + " ".join(f"{c:>11}" for c in counts) + f" {sum(counts):>6}")
    rows.append(f"{len(corpus.articles)} articles, {len(corpus.clusters)} quote clusters, {len(corpus.claims)} claims")
    return "\n".join(rows)


def finished(result: Result, seconds: float, with_site: bool) -> str:
    """The one-line summary a build ends with: what changed, how long each stage took."""
    where = "docs/ and site/" if with_site else "docs/"
    stages = ", ".join(f"{stage} {t:.1f} s" for stage, t in result.seconds.items())
    searched = (" (search: Pagefind)" if result.pagefind else " (search: Material)") if with_site else ""
    return (
        f"built {where} in {seconds:.1f} s ({stages}): {len(result.written)} generated file(s) changed, "
        f"{len(result.removed)} removed{searched}"
    )
