"""The generic extractor for pages no selector understands: trafilatura, over the already parsed tree."""

from __future__ import annotations

import copy
import logging

logger = logging.getLogger(__name__)


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
