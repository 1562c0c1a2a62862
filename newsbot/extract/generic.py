"""The generic extractor for pages no selector understands: trafilatura, over the already parsed tree, and the
article's lead where trafilatura leaves it out."""

from __future__ import annotations

import copy
import logging
from collections.abc import Sequence

from parsel import Selector

from newsbot.extract.dom import node_text, query_all, squash

logger = logging.getLogger(__name__)

# elements whose class says they hold an article's lead, standfirst or summary
LEAD_ELEMENTS = ", ".join(f"[class*={word}]" for word in ("lead", "standfirst", "intro", "summary", "excerpt", "dek"))
LEAD_MIN_CHARS = 40


def generic_body(root, url: str | None = None) -> list[str]:
    """The main text's paragraphs according to trafilatura (comments and tables left out)."""
    from trafilatura import bare_extraction  # imported on first use: it costs ~0.5 s at start-up

    try:
        document = bare_extraction(split_nested_paragraphs(copy.deepcopy(root)), url=url, include_comments=False,
                                   include_tables=False, with_metadata=False, favor_precision=True)
    except Exception:  # trafilatura raises from deep inside on odd trees; the page is then bodiless
        logger.exception("generic extraction failed for %s", url)
        return []
    text = getattr(document, "text", None) or ""
    return [line.strip() for line in text.split("\n") if line.strip()]


def split_nested_paragraphs(root):
    """``root`` with every ``p`` that holds another ``p`` turned into a ``div``, so that each reads as a paragraph
    of its own. In ``<p>…<span><p>…`` (an unclosed inline element, common in pasted agency copy) an HTML5
    parser, a browser's, closes the first paragraph; libxml2 nests the second inside it, and trafilatura
    then reads both, and an inline "Read also" line between them, as one paragraph."""
    for paragraph in root.iter("p"):
        if next(paragraph.iterdescendants("p"), None) is not None:
            paragraph.tag = "div"
    return root


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
    return next((text for node in query_all(page, LEAD_ELEMENTS) if (text := node_text(node)) in leads), None)
