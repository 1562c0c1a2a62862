"""The kind of page a request fetches, named by the spider that builds it in ``request.meta[PAGE_KIND]``.

Middlewares read the kind rather than guessing it from the callback: ``listing`` (a page of the section's
listing), ``article``, ``feed``, ``robots``, ``sitemap``, and the ``wordpress`` spider's ``home``, ``rest``
(a REST API route) and ``article_completion`` (an article's HTML page read to fill what its JSON lacked).
"""

from __future__ import annotations

PAGE_KIND = "page_kind"
LISTING, ARTICLE, FEED, ROBOTS, SITEMAP = "listing", "article", "feed", "robots", "sitemap"
HOME, REST, ARTICLE_COMPLETION = "home", "rest", "article_completion"


def page_kind(request) -> str | None:
    """The kind of page ``request`` fetches (None for a request no newsbot spider built)."""
    return request.meta.get(PAGE_KIND)
