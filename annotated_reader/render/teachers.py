"""The "For teachers" page and the discussion questions at the end of each article."""

from __future__ import annotations

from annotated_reader import urls
from annotated_reader.model import Article, Corpus
from annotated_reader.render.assignments import builders_html, has_checklists
from annotated_reader.render.escape import front_matter, html_text, md_text
from annotated_reader.render.links import stylesheet

PAGE = "teachers.md"

GUIDE = """\
# For teachers

This site is built to be assigned. An **assignment** is one article with the annotations you choose,
opened in student mode: one link to send, one handout to print, and an answer key for you.

## Make an assignment

- **On an article:** open a note (tap, click or focus the small marker after a passage) or the list
  "All … annotations" below the text, and press **Add to assignment**. A tray at the bottom of the page
  counts your choices; press **Copy assignment link** (or **Open** to check it as a student, **Clear** to
  start again). Your choices are kept on this device while you browse.
{on_this_page}
The link has one documented form, stable as long as the annotations keep their ids:

`{assign_url}`

- `mode=student` hides the verdicts; `assign=` lists the annotations, separated by commas, in any order.
- Add `&key=1` for the **answer key** (the same assignment with corrections, statuses and evidence),
  `&spot=1` for **spot the errors** (the machine translation with no correction marked), and
  `&questions=0` to leave out the discussion questions.
- A link that is slightly wrong still opens: `#id?mode=student` (the mode after the `#`) is read as
  `?mode=student#id`, and an id that is no longer an annotation of the article is left out. The page says
  what it changed or dropped.

## What students see

The article with exactly the assigned annotations marked and numbered 1, 2, 3… in reading order; every
other annotation is hidden. A short panel above the text lists the tasks. Student mode hides everything
that gives a verdict away: claim statuses, correction kinds and confidences, the corrected wording
(corrections read as the machine translation, so the task is to find the error), and the editors' notes
on claim evidence (the evidence passages stay). Links inside the site keep the mode. Student mode needs
JavaScript; without it, the pages show everything.

## What prints

- **The handout** (print an assignment, or press **Print handout**): the text, the assigned annotations
  as numbered tasks with room to answer, the discussion questions with room to answer, and one citation
  line for the whole handout. Nothing else: two tasks on a four-page article fit on six A4 pages.
- **Spot the errors** (`&spot=1`): the machine translation exactly as published, with no correction
  marked, and one task: find the errors.
- **The answer key** (`&key=1`, or **Answer key** on the assignment): the same handout with the
  corrections, claim statuses, explanations and evidence.
- **Any article** prints its text with corrections in place, the annotations as compact numbered
  endnotes, the questions, and one citation line; navigation, switches, per-note links and student-mode
  placeholders are left out.

## Reading switches

At the top of each article, **Show** turns each kind of annotation on or off (hidden boilerplate
disappears entirely), and **Corrections** shows the corrected wording, the original machine
translation, or both with the difference marked. The choices are remembered on this device.

## Build an assignment here

"""

ON_THIS_PAGE = """\
- **On this page:** tick annotations in an article's checklist below, then **Open the assignment**; the
  link appears under the list with a **Copy** button.
"""


def teachers_page(corpus: Corpus, site_url: str) -> str:
    first = next(iter(corpus.articles), None)
    article_url = urls.absolute(site_url, urls.article_page(first)) if first else site_url
    ids = ",".join(p.id for p in corpus.placed.get(first, [])[:2]) if first else ""
    on_this_page = ON_THIS_PAGE if has_checklists(corpus) else ""
    guide = GUIDE.format(
        assign_url=f"{article_url}?mode=student&assign={ids or '<id>,<id>'}", on_this_page=on_this_page
    )
    parts = [front_matter("For teachers", "How to assign, print and teach with these annotated articles.", "")]
    parts.append(stylesheet(PAGE))
    parts.append(guide)
    parts.append(builders_html(corpus, PAGE))
    parts.append("\n## Discussion questions\n\n")
    listed = [(slug, qs) for slug, qs in corpus.questions.items() if qs]
    for slug, questions in listed:
        title = corpus.articles[slug].meta.title
        parts.append(f"### [{md_text(title)}]({urls.article_page(slug)}#questions)\n\n")
        parts.append("".join(f"{n}. {md_text(q)}\n" for n, q in enumerate(questions, 1)) + "\n")
    if not listed:
        parts.append("No questions yet: add `questions:` to an article's annotation file.\n")
    return "".join(parts)


def questions_html(article: Article, corpus: Corpus) -> str:
    """The article's discussion questions as an HTML section (shown on screen and in print)."""
    questions = corpus.questions.get(article.slug, [])
    if not questions:
        return ""
    items = "".join(f"<li>{html_text(q)}</li>" for q in questions)
    return (
        '<section class="ar-questions" aria-labelledby="questions">\n'
        f'<h2 id="questions">Questions for discussion</h2>\n<ol>{items}</ol>\n</section>\n'
    )
