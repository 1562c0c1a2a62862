"""The generic extractor for pages no selector understands: trafilatura, over the already parsed tree."""

from __future__ import annotations

import copy
import logging

logger = logging.getLogger(__name__)


def generic_body(root, url: str | None = None) -> list[str]:
    """The main text's paragraphs according to trafilatura (comments and tables left out)."""
    from trafilatura import bare_extraction  # imported on first use: it costs ~0.5 s at start-up

    try:
        document = bare_extraction(copy.deepcopy(root), url=url, include_comments=False, include_tables=False,
                                   with_metadata=False, favor_precision=True)
    except Exception:  # trafilatura raises from deep inside on odd trees; the page is then bodiless
        logger.exception("generic extraction failed for %s", url)
        return []
    text = getattr(document, "text", None) or ""
    return [line.strip() for line in text.split("\n") if line.strip()]
