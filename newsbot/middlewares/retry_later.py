"""Remember article URLs that still fail after every retry, so that the next run requests them again.

A downloader middleware placed outside Scrapy's ``RetryMiddleware`` (a lower order than its 550), so it sees
what is left once retries are exhausted: a response whose status is in ``RETRY_HTTP_CODES``, or a download
exception (timeout, refused or reset connection, truncated body). The article's URL is noted ``failed`` in
the run state (``newsbot.store``) at once; ``newsbot.middlewares.incremental`` requests it first on the next run,
and a later successful response forgets it. A 404 or 410 is an answer, not a failure: it is not kept.

Stats: ``incremental/failed_remembered`` (URLs noted this run), ``incremental/failed_recovered`` (noted URLs
fetched this time). Settings: ``RETRY_HTTP_CODES`` (Scrapy's).

Enable with ``DOWNLOADER_MIDDLEWARES = {"newsbot.middlewares.retry_later.RetryNextRun": 540}``.
"""

from __future__ import annotations

import logging

from newsbot.middlewares.incremental import is_article_request
from newsbot.store import crawler_run_state

logger = logging.getLogger(__name__)


class RetryNextRun:
    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.retry_codes = {int(code) for code in crawler.settings.getlist("RETRY_HTTP_CODES")}

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    @property
    def run_state(self):
        return crawler_run_state(self.crawler)

    def process_response(self, request, response, spider=None):
        if is_article_request(request):
            if response.status in self.retry_codes:
                self.remember(request.url, f"HTTP {response.status}")
            elif self.run_state.url_noted(request.url, "failed"):
                self.run_state.forget_url(request.url, "failed")
                self.stats.inc_value("incremental/failed_recovered")
        return response

    def process_exception(self, request, exception, spider=None):
        if is_article_request(request):
            self.remember(request.url, type(exception).__name__)
        return None

    def remember(self, url: str, reason: str) -> None:
        logger.warning("Incremental: %s still fails after retries (%s): the next run requests it again", url, reason)
        self.run_state.note_url(url, "failed")
        self.stats.inc_value("incremental/failed_remembered")
