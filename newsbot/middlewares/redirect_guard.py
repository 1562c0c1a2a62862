"""Redirect loops and offsite redirects: dropped before Scrapy's ``RedirectMiddleware`` follows them, loudly.

Placed just before ``RedirectMiddleware`` on the response path (a higher order number), it looks at the
``Location`` of each 3xx response: a target already in the request's redirect chain (``redirect_urls``) is a
loop; a target on a host the spider does not allow (``allowed_domains``) is an offsite redirect. Either way
the request is dropped (``IgnoreRequest``) with a WARNING ``redirect loop at URL: A -> B -> A`` or ``offsite
redirect from URL to TARGET``. Stats: ``newsbot/redirect/loop``, ``newsbot/redirect/offsite``.
"""

from __future__ import annotations

import logging
from urllib.parse import urljoin, urlsplit

from scrapy.exceptions import IgnoreRequest
from w3lib.url import safe_url_string

logger = logging.getLogger(__name__)


class RedirectGuardMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response):
        location = response.headers.get(b"Location")
        if not (300 <= response.status < 400 and location) or request.meta.get("dont_redirect"):
            return response
        target = safe_url_string(urljoin(request.url, location.decode("latin-1")))
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if target in chain:
            self.drop("loop", "redirect loop at %s: %s", request.url, " -> ".join([*chain, target]))
        if not self.allowed(target):
            self.drop("offsite", "offsite redirect from %s to %s", request.url, target)
        return response

    def allowed(self, url: str) -> bool:
        domains = getattr(self.crawler.spider, "allowed_domains", None) or []
        host = urlsplit(url).hostname or ""
        return not domains or any(host == d or host.endswith("." + d) for d in domains)

    def drop(self, kind: str, message: str, *args) -> None:
        self.crawler.stats.inc_value(f"newsbot/redirect/{kind}")
        logger.warning(message, *args)
        raise IgnoreRequest(message % args)
