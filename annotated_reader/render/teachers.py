"""The "For teachers" page and the discussion questions at the end of each article."""

from __future__ import annotations

from annotated_reader import urls
from annotated_reader.model import Article, Corpus
from annotated_reader.render.escape import front_matter, html_text, md_text

PAGE = "teachers.md"

GUIDE = """\
# For teachers

This site is built to be assigned. Every page and every single annotation has a stable link, every
article prints as a clean handout, and a student mode hides the verdicts so that students judge first.

## Assign a page or one annotation

- **A page:** copy its address from the browser, such as `{article_url}`.
- **One annotation:** open its note (hover, tap or focus the small marker after the passage) and press
  **Copy link**, or use the `#` link at the end of the note. The link opens the article scrolled to the
  passage, highlighted, with its note open. Each note also gives a one-line citation (article, outlet,
  date, annotation and address) to paste into a handout or a bibliography.

## Student mode: judge first

Add `?mode=student` to any link, such as `{student_url}`, or switch on **Student mode** at the top of an
article, a claim page or the claims index. Student mode hides the status of every claim (supported,
disputed, false, misleading, unverified) and the explanations of corrections, so students can weigh the
evidence and spot the translation errors themselves. Links inside the site keep the mode. Switching it
off shows everything again. It needs JavaScript; without it, the pages show everything.

## Print a handout

Print an article from the browser (or save it as PDF). The printout has the text with its corrections
in place, the annotations as numbered endnotes, and the discussion questions at the end; navigation,
search and the reading switches are left out. The reading choices apply to the printout: choose
**Corrections: machine translation** to hand out the original text, and print in student mode to leave
the verdicts out.

## Reading switches

At the top of each article, **Show** turns each kind of annotation on or off (hidden boilerplate
disappears entirely), and **Corrections** shows the corrected wording, the original machine
translation, or both with the difference marked. The choices are remembered on this device.

## Discussion questions

"""


def teachers_page(corpus: Corpus, site_url: str) -> str:
    first = next(iter(corpus.articles), None)
    article_url = urls.absolute(site_url, urls.article_page(first)) if first else site_url
    guide = GUIDE.format(article_url=article_url, student_url=article_url + "?mode=student")
    parts = [front_matter("For teachers", "How to assign, print and teach with these annotated articles.", "")]
    parts.append(guide)
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
