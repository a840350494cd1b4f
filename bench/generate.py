"""A deterministic synthetic corpus for the benchmark: N articles and their annotations.

Article lengths follow the shipped corpus (``articles/*.txt``, each length scaled by 0.7-1.3) and
the filler text is its sentences, reshuffled. Each article gets about 20 annotations of every kind:
quotes of clusters and passages of claims that span many articles, single corrections, a rule
(``occurrences: all`` with an ``except``), hits of three corpus-wide rules, notes that nest around
a correction and cross a quote, and boilerplate. The same ``n`` and ``seed`` give the same bytes;
article ``i`` does not depend on ``n`` beyond which cluster and claim its quotes and claims name.

    python -m bench.generate --n 1000 --out bench/work
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from annotated_reader.anchor.selectors import Folded
from annotated_reader.model import Span

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ("title", "outlet", "url", "published", "language", "translation", "source_language")
OUTLETS = [
    f"{a} {b}"
    for a in ("Northern", "Eastern", "Border", "Evening", "Daily", "Riverside")
    for b in ("Ledger", "Wire", "Courier", "Herald")
]
TAGS = [
    "kursk",
    "sudzha",
    "ceasefire",
    "diplomacy",
    "drones",
    "sanctions",
    "energy",
    "refugees",
    "prisoners",
    "intelligence",
    "g7",
    "nato",
    "black-sea",
    "kharkiv",
    "donetsk",
    "negotiations",
    "mobilisation",
    "air-defence",
    "grain",
    "elections",
    "economy",
    "aid",
    "border",
    "navy",
    "casualties",
    "media",
    "translation",
    "analysis",
    "interview",
    "opinion",
]
PLACES = ["Sudzha", "Kursk", "Pokrovsk", "Kharkiv", "Sumy", "Belgorod", "Kupiansk", "Zaporizhzhia", "Odesa"]
SPEAKERS = [
    "the regional governor",
    "the defence minister",
    "a Kremlin spokesperson",
    "the foreign minister",
    "the army chief",
    "a senior security official",
    "the prime minister",
    "a UN envoy",
]
SWAPS = {
    "said": "stated",
    "troops": "soldiers",
    "will": "would",
    "villages": "settlements",
    "forces": "units",
    "days": "days now",
    "attack": "offensive",
    "near": "close to",
}
# (wrong, right, error kind): garbled or mistranslated phrases, each fixed once where it appears
PHRASES = [
    ("at her last feet", "on its last legs", "mistranslation"),
    ("the partition of Intel", "the sharing of intelligence", "mistranslation"),
    ("the Biden Democratic regime", "the Biden administration", "mistranslation"),
    ("The AP diagnosed", "The AP assessed", "mistranslation"),
    ("maintaining the life", "saving the lives", "mistranslation"),
    ("scanned scanning", "screenshot", "garbled"),
    ("a crushing defeat, almost a defeat", "a crushing, near-total defeat", "garbled"),
    ("the Secretary of the Defense Committee", "a member of the Defence Committee", "role-title"),
    ("on the 41st of March", "on the 14th of March", "date-number"),
    ("her surprise attack", "its surprise attack", "grammar"),
]
# misspelt names: one per article is fixed by a rule with occurrences: all and one except
NAMES = [
    ("Kosthenko", "Kostenko"),
    ("Syskyi", "Syrskyi"),
    ("Olexisiy", "Oleksiy"),
    ("Zelenskij", "Zelensky"),
    ("Witkof", "Witkoff"),
    ("Peskow", "Peskov"),
    ("Rubioh", "Rubio"),
    ("Lawrow", "Lavrov"),
]
# corpus-wide rules: (id, wrong, right, planted in one article out of)
CORPUS_RULES = [
    ("kyiw-kyiv", "KyIw", "Kyiv", 3),
    ("sudzhha-sudzha", "Sudzhha", "Sudzha", 4),
    ("wolodymyr-volodymyr", "Wolodymyr", "Volodymyr", 5),
]
BOILERPLATE = ["This website uses cookies to improve your experience.", "Social media through Reuters"]
STATUSES = ["disputed", "unverified", "false", "misleading", "supported"]


def shipped_texts() -> list[str]:
    return [p.read_text("utf-8") for p in sorted((ROOT / "articles").glob("*.txt"))]


def sentence_pool(texts: list[str]) -> list[str]:
    """Sentences of the shipped corpus, long enough to read as text, each once."""
    found: dict[str, None] = {}
    for text in texts:
        for line in text.splitlines():
            for sentence in re.split(r"(?<=[.!?”])\s+(?=[A-Z“])", line.strip()):
                if 40 <= len(sentence) <= 320:
                    found.setdefault(sentence, None)
    return list(found)


@dataclass
class Planted:
    """An annotation whose passage is planted text; its span is found after the text is joined."""

    data: dict[str, Any]
    within: str = ""  # the planted sentence that holds data["exact"] (the whole text when empty)


@dataclass
class Draft:
    """One article while it is being written: paragraphs of sentences and what they carry."""

    slug: str
    rng: random.Random
    title: str = ""
    paragraphs: list[str] = field(default_factory=list)
    annotations: list[Planted] = field(default_factory=list)
    references: list[str] = field(default_factory=list)  # sentences other articles may cite as evidence

    def plant(self, sentence: str) -> None:
        self.paragraphs.insert(self.rng.randrange(1, len(self.paragraphs) + 1), sentence)


@dataclass(frozen=True)
class Plan:
    n: int
    seed: int
    clusters: int
    claims: int

    @staticmethod
    def of(n: int, seed: int) -> Plan:
        return Plan(n, seed, max(12, n // 25), max(10, n // 40))


def slug(i: int) -> str:
    return f"report-{i:05d}"


def cluster_words(c: int) -> str:
    place = PLACES[c % len(PLACES)]
    return f"our troops will hold the line near {place} for {c + 20} more days, and the villages will not fall"


def claim_words(k: int) -> str:
    place = PLACES[k % len(PLACES)]
    return f"Russian forces took {k * 7 + 31} square kilometres around {place} in a single week"


def variant(words: str, rng: random.Random) -> str:
    """Another outlet's wording of the same statement: a few words swapped."""
    out = []
    for word in words.split(" "):
        out.append(SWAPS[word] if word in SWAPS and rng.random() < 0.4 else word)
    return " ".join(out)


def filler(pool: list[str], rng: random.Random, target: int) -> list[str]:
    """Paragraphs of one to three shipped sentences until the text is about ``target`` characters."""
    sentences = rng.sample(pool, len(pool))
    paragraphs: list[str] = []
    size = 0
    while size < target and sentences:
        take = [sentences.pop() for _ in range(min(len(sentences), rng.randint(1, 3)))]
        paragraphs.append(" ".join(take))
        size += len(paragraphs[-1]) + 2
    return paragraphs


def draft_article(i: int, plan: Plan, pool: list[str], lengths: list[int]) -> Draft:
    rng = random.Random(f"{plan.seed}:{i}")  # noqa: S311 - a reproducible corpus, not a secret
    d = Draft(slug(i), rng)
    d.paragraphs = filler(pool, rng, int(rng.choice(lengths) * rng.uniform(0.7, 1.3)))
    d.title = f"Report {i}: " + " ".join(d.paragraphs.pop(0).split(" ")[:9]).rstrip(",.;:")
    plant_quotes(d, i, plan)
    plant_claims(d, i, plan)
    plant_corrections(d, i)
    plant_notes_and_boilerplate(d, i)
    return d


def plant_quotes(d: Draft, i: int, plan: Plan) -> None:
    for k in range(4):
        c = (i * 4 + k) % plan.clusters
        words = cluster_words(c) if i * 4 + k < plan.clusters else variant(cluster_words(c), d.rng)
        speaker = SPEAKERS[(c + k) % len(SPEAKERS)]
        sentence = f"Speaking on {PLACES[(i + k) % len(PLACES)]} television, {speaker} said: “{words}.”"
        d.plant(sentence)
        d.annotations.append(
            Planted({"id": f"quote-{c}", "kind": "quote", "exact": words, "cluster": f"c{c}"}, sentence)
        )


def plant_claims(d: Draft, i: int, plan: Plan) -> None:
    for k in range(4):
        claim = (i * 4 + k) % plan.claims
        words = claim_words(claim)
        sentence = f"According to {SPEAKERS[(i + k) % len(SPEAKERS)]}, {words}, a figure no one has confirmed."
        d.plant(sentence)
        d.annotations.append(
            Planted({"id": f"claim-{claim}", "kind": "claim", "exact": words, "claim": f"k{claim}"}, sentence)
        )
    reference = f"The road from {PLACES[i % len(PLACES)]} to the border was open on the morning of report {i}."
    d.plant(reference)
    d.references.append(reference)


def plant_corrections(d: Draft, i: int) -> None:
    chosen = d.rng.sample(PHRASES, 3)
    for n, (wrong, right, error) in enumerate(chosen, 1):
        sentence = f"Officials in {PLACES[(i + n) % len(PLACES)]} described {wrong} in a briefing on day {n}."
        d.plant(sentence)
        fix: dict[str, Any] = {
            "id": f"fix-{n}",
            "kind": "correction",
            "exact": wrong,
            "corrected": right,
            "error": error,
            "confidence": ["high", "medium", "low"][n % 3],
        }
        if i > 0 and n == 1:
            fix["evidence"] = [
                {
                    "article": slug(i - 1),
                    "exact": f"on the morning of report {i - 1}",
                    "note": "an earlier report of the same road",
                }
            ]
        else:
            fix["evidence"] = [{"source": "Outside knowledge: the usual English wording", "confidence": "medium"}]
        d.annotations.append(Planted(fix, sentence))
        if n == 1:
            d.annotations.append(
                Planted(
                    {
                        "id": "note-nested",
                        "kind": "note",
                        "exact": sentence,
                        "note": "A sentence around a *correction*: the two nest.",
                    },
                    sentence,
                )
            )
    wrong, right = NAMES[i % len(NAMES)]
    for n in range(3):
        d.plant(f"{wrong} spoke to reporters in {PLACES[(i + n + 3) % len(PLACES)]} on day {n + 4}.")
    d.plant(f"The name is also printed as {wrong} (sic) in the agency copy.")
    d.annotations.append(
        Planted(
            {
                "id": "name-rule",
                "kind": "correction",
                "exact": wrong,
                "corrected": right,
                "error": "name",
                "confidence": "high",
                "occurrences": "all",
                "except": [{"suffix": " (sic)"}],
                "note": "The same misspelling throughout, except where it is quoted as printed.",
            }
        )
    )
    for _, token, _, every in CORPUS_RULES:
        if i % every == 0:
            d.plant(f"Reporters in {token} and elsewhere followed the talks closely.")


def plant_notes_and_boilerplate(d: Draft, i: int) -> None:
    quote = next(p for p in d.annotations if p.data["kind"] == "quote")
    words = quote.data["exact"].split(" ")
    half = " ".join(words[len(words) // 2 :])
    d.annotations.append(
        Planted(
            {
                "id": "note-crossing",
                "kind": "note",
                "exact": f"{half}.”",
                "note": "Starts inside a quote and ends after it: the two cross.",
            },
            quote.within,
        )
    )
    first = d.paragraphs[0]
    sentence = first.split(". ")[0]
    d.annotations.append(
        Planted(
            {"id": "note-context", "kind": "note", "exact": sentence, "note": f"Context for readers of report {i}."},
            first,
        )
    )
    for n, text in enumerate(BOILERPLATE, 1):
        d.plant(text)
        d.annotations.append(Planted({"id": f"residue-{n}", "kind": "boilerplate", "exact": text}, text))


def finish(d: Draft) -> tuple[str, list[dict[str, Any]]]:
    """The text, and every annotation with a selector that matches exactly its planted place."""
    text = d.title + "\n\n" + "\n\n".join(d.paragraphs) + "\n"
    folded = Folded(text)
    out = []
    for planted in d.annotations:
        data = dict(planted.data)
        if data.get("occurrences") != "all":
            exact = data["exact"]
            start = text.rindex("\n" + planted.within) + 1 + planted.within.index(exact)
            prefix, suffix = folded.unique_selector(Span(start, start + len(exact)))
            data.update({k: v for k, v in (("prefix", prefix), ("suffix", suffix)) if v})
        out.append(data)
    return text, out


def metadata(i: int, title: str, rng: random.Random) -> dict[str, Any]:
    outlet = None if i % 9 == 4 else OUTLETS[rng.randrange(len(OUTLETS))]
    year, month, day = 2023 + i % 3, 1 + rng.randrange(12), 1 + rng.randrange(28)
    published = None if i % 13 == 6 else f"{year}-{month:02d}" + (f"-{day:02d}" if i % 2 else "")
    translation = ["original", "machine", None, "human"][i % 4]
    source = {"machine": "de", "human": "uk"}.get(translation or "")
    values = {
        "title": title,
        "outlet": outlet,
        "url": None,
        "published": published,
        "language": "en",
        "translation": translation,
        "source_language": source,
    }
    provenance = {
        k: {"how": "unknown" if v is None else "stated", "basis": "Synthetic benchmark corpus."}
        for k, v in values.items()
    }
    return {
        "corpus_id": f"bench-{i:05d}",
        **values,
        "description": f"Synthetic report {i} for the benchmark.",
        "tags": sorted(rng.sample(TAGS, 1 + rng.randrange(4))),
        "provenance": provenance,
    }


def definitions(plan: Plan) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    clusters = [
        {
            "id": f"c{c}",
            "title": f"“{cluster_words(c)}”",
            "speaker": SPEAKERS[c % len(SPEAKERS)],
            "date": "2025-03",
            "primary": f"{slug(c // 4)}#quote-{c}",
        }
        for c in range(plan.clusters)
    ]
    claims = []
    for k in range(plan.claims):
        evidence = [
            {
                "article": slug((k + 3 * j) % plan.n),
                "exact": f"on the morning of report {(k + 3 * j) % plan.n}",
                "side": ("supports", "disputes")[j],
            }
            for j in range(2)
        ]
        evidence.append(
            {"source": "Outside knowledge: a daily map of the front line", "confidence": "low", "side": "context"}
        )
        claims.append(
            {
                "id": f"k{k}",
                "claim": claim_words(k),
                "claimant": SPEAKERS[k % len(SPEAKERS)],
                "status": STATUSES[k % len(STATUSES)],
                "disputed_by": ["General Staff"],
                "date": "2025-03",
                "evidence": evidence,
            }
        )
    rules = [
        {
            "id": rid,
            "kind": "correction",
            "exact": wrong,
            "corrected": right,
            "error": "name",
            "confidence": "high",
            **({"articles": [slug(i) for i in range(0, plan.n, every)]} if every != 3 else {}),
        }
        for rid, wrong, right, every in CORPUS_RULES
    ]
    return {"clusters": clusters}, {"claims": claims}, {"corrections": rules}


def dump(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), "utf-8")


def generate(out: Path, n: int, seed: int = 1) -> int:
    """Write ``out/articles`` and ``out/annotations`` afresh; return the number of annotation entries."""
    plan = Plan.of(n, seed)
    texts = shipped_texts()
    pool, lengths = sentence_pool(texts), [len(t) for t in texts]
    for folder in ("articles", "annotations"):
        shutil.rmtree(out / folder, ignore_errors=True)
        (out / folder).mkdir(parents=True)
    entries = 0
    for i in range(n):
        d = draft_article(i, plan, pool, lengths)
        text, annotations = finish(d)
        (out / "articles" / f"{d.slug}.txt").write_text(text, "utf-8")
        dump(out / "articles" / f"{d.slug}.yml", metadata(i, d.title, d.rng))
        dump(out / "annotations" / f"{d.slug}.yml", {"article": d.slug, "annotations": annotations})
        entries += len(annotations)
    for name, data in zip(("quotes", "claims", "corrections"), definitions(plan), strict=True):
        dump(out / "annotations" / f"{name}.yml", data)
    return entries


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--n", type=int, default=1000, help="number of articles")
    args.add_argument("--seed", type=int, default=1)
    args.add_argument("--out", type=Path, default=ROOT / "bench" / "work")
    ns = args.parse_args(argv)
    entries = generate(ns.out, ns.n, ns.seed)
    print(f"wrote {ns.n} articles and {entries} annotation entries to {ns.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
