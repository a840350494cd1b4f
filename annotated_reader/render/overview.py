"""The overview the home page opens with: what happened, sentence by sentence, each linked to the claim,
quote cluster or passage behind it (annotations/overview.yml). Pure."""

from __future__ import annotations

from annotated_reader import rawblock, urls
from annotated_reader.model import Corpus
from annotated_reader.read.schema import OverviewSentence
from annotated_reader.render.escape import html_text


def _target(corpus: Corpus, sentence: OverviewSentence) -> tuple[str, str, str]:
    """(page, anchor, what the link leads to) of a sentence (its link was checked by `check`)."""
    if sentence.claim is not None:
        return urls.claim_page(sentence.claim), "", "the claim"
    if sentence.cluster is not None:
        return urls.cluster_page(sentence.cluster), "", "the quotes"
    slug, _, ident = (sentence.passage or "").partition("#")
    placed = next(p for p in corpus.placed[slug] if p.spec.id == ident)
    return urls.article_page(slug), placed.id, "the passage"


def overview_html(corpus: Corpus, page: str) -> str:
    """The overview as one paragraph, each sentence followed by a link to what it rests on; empty without one."""
    if not corpus.overview:
        return ""
    sentences = []
    for sentence in corpus.overview:
        target, anchor, what = _target(corpus, sentence)
        href = html_text(urls.href(page, target, anchor))
        sentences.append(f'{html_text(sentence.text)} <a class="ar-overview-link" href="{href}">{what}</a>')
    body = " ".join(sentences)
    return rawblock.wrap(f'<section class="ar-overview">\n<p>{body}</p>\n</section>') + "\n"
