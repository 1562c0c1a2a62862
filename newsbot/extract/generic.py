"""The generic extractor for pages no selector understands: trafilatura (two passes, resiliparse deciding
whether the second is needed) over a copy of the already parsed tree without what no extractor reads, and
the article's lead where trafilatura leaves it out."""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Sequence

import lxml.html
from lxml import etree
from parsel import Selector

from newsbot.extract.dom import squash

logger = logging.getLogger(__name__)

# elements whose class says they hold an article's lead, standfirst or summary, and whose text is not much
# longer than ``$most`` characters (a container of the whole story may have such a class too)
LEAD_ELEMENTS = etree.XPath("/descendant::*[@class][" + " or ".join(f"contains(@class, '{word}')" for word in (
    "lead", "standfirst", "intro", "summary", "excerpt", "dek")) + "][string-length(normalize-space(.)) <= $most]")
LEAD_MIN_CHARS = 40
NESTED_PARAGRAPHS = etree.XPath("//p[.//p]")
# elements trafilatura deletes with their content before it reads a page (a subset of its MANUALLY_CLEANED:
# not the containers, such as aside or nav, that its fallbacks read), and resiliparse does not read either;
# without them each of trafilatura's copies of the tree (three a pass) and resiliparse's input are smaller
UNREAD_ELEMENTS = ("head", "script", "style", "noscript", "svg", "iframe", "link", "object", "embed", "canvas",
                   "video", "audio", "picture", "source", "select", "option", "textarea", "button", "input")


def generic_body(root, url: str | None = None) -> list[str]:
    """The main text's paragraphs (comments and tables left out), by a two-pass chain chosen on the tuning
    corpora of ``benchmarks/extraction_eval.py``:

    1. trafilatura in its fast, precision-first mode (no fallback extractors): little boilerplate, cheap;
    2. when that text is under ``SECOND_PASS_SHARE`` of the page's main text as resiliparse reads it (a fast,
       recall-first extractor), trafilatura once more with its balanced defaults and fallbacks, merged with
       the first (``merge_passes``): the precision pass alone loses whole sections on some layouts.
    """
    tree = prepared_tree(root)
    first = _trafilatura_paragraphs(tree, url, fast=True, favor_precision=True)
    if _text_length(first) >= SECOND_PASS_SHARE * _main_text_length(tree):
        return first
    return merge_passes(first, _trafilatura_paragraphs(tree, url))


# below this share of the page's main text (resiliparse's), the precision pass is followed by a balanced one
SECOND_PASS_SHARE = 0.7
# a paragraph only the balanced pass found is kept when it reads as prose: this long, ending a sentence
PROSE_MIN_CHARS = 150
SENTENCE_END = re.compile(r"[.!?\u3002\uff01\uff1f\u061f\"\u201d\u00bb')]$")


def merge_passes(precise: list[str], balanced: list[str]) -> list[str]:
    """The balanced pass's paragraphs, in its order, that the precise pass also found or that read as prose
    (``PROSE_MIN_CHARS``, a sentence end); then the precise pass's paragraphs the balanced one lacks."""
    if not precise:
        return balanced
    found = set(precise)
    merged = [p for p in balanced if p in found or (len(p) >= PROSE_MIN_CHARS and SENTENCE_END.search(p))]
    kept = set(merged)
    return merged + [p for p in precise if p not in kept]


def _trafilatura_paragraphs(tree, url: str | None, **settings) -> list[str]:
    from trafilatura import bare_extraction  # imported on first use: it costs ~0.5 s at start-up

    try:
        document = bare_extraction(tree, url=url, include_comments=False,
                                   include_tables=False, with_metadata=False, **settings)
    except Exception:  # trafilatura raises from deep inside on odd trees; the page is then bodiless
        logger.exception("generic extraction failed for %s", url)
        return []
    text = getattr(document, "text", None) or ""
    return [line.strip() for line in text.split("\n") if line.strip()]


def _text_length(paragraphs: list[str]) -> int:
    return sum(map(len, paragraphs))


def _main_text_length(root) -> int:
    """Length of the page's main text as resiliparse reads it (recall first: an upper bound of the body)."""
    from resiliparse.extract.html2text import extract_plain_text  # imported on first use

    html = lxml.html.tostring(root, encoding="unicode")
    return sum(len(line.strip()) for line in extract_plain_text(html, main_content=True).split("\n"))


def prepared_tree(root):
    """A copy of the page for the extractors: without ``UNREAD_ELEMENTS``, comments and processing
    instructions, and with every ``p`` that holds another ``p`` turned into a ``div``, so that each reads as a
    paragraph of its own. In ``<p>…<span><p>…`` (an unclosed inline element, common in pasted agency copy) an
    HTML5 parser, a browser's, closes the first paragraph; libxml2 nests the second inside it, and
    trafilatura then reads both, and an inline "Read also" line between them, as one paragraph."""
    tree = copy.deepcopy(root)
    etree.strip_elements(tree, *UNREAD_ELEMENTS, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    for paragraph in NESTED_PARAGRAPHS(tree):
        paragraph.tag = "div"
    return tree


def lead_paragraph(page: Selector, descriptions: Sequence[str], body: list[str]) -> str | None:
    """The article's lead (standfirst) when the generic body left it out: the page's meta description
    (``descriptions``: its ``description`` and ``og:description``), when an element of the page whose class
    says lead (``article__lead``, ``standfirst``, ``intro``…) holds exactly that text. Many sites print the
    lead above the body in such an element, with no ``<p>``, and trafilatura drops it; a description that is
    not printed on the page as such is a summary, not the article's text."""
    leads = {lead for lead in map(squash, descriptions) if len(lead) >= LEAD_MIN_CHARS}
    leads = {lead for lead in leads if not any(lead in paragraph for paragraph in body)}
    if not leads:
        return None
    most = 2 * max(map(len, leads)) + 20  # room for whitespace that normalize-space() keeps (no-break spaces)
    return next((text for node in LEAD_ELEMENTS(page.root, most=most) if (text := squash("".join(node.itertext())))
                 in leads), None)


def without_headline(paragraphs: list[str], title: str | None) -> list[str]:
    """``paragraphs`` without a first one that is the article's title: the generic extractor often takes the
    headline printed above the text for its first paragraph."""
    if paragraphs and title and squash(paragraphs[0]).casefold() == squash(title).casefold():
        return paragraphs[1:]
    return paragraphs
