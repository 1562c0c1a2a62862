"""Retries with exponential backoff: Scrapy's ``RetryMiddleware`` that waits before each retry and says so.

Scrapy retries a request at once (``RETRY_TIMES``, ``RETRY_HTTP_CODES``, ``RETRY_EXCEPTIONS``, stats
``retry/count``, ``retry/reason_count/<reason>``, ``retry/max_reached``); this subclass, which replaces it in
``DOWNLOADER_MIDDLEWARES``, holds retry n for ``base * 2 ** (n - 1)`` seconds (at most ``max``, with up to 50 %
random jitter so that a burst of failures does not come back all at once) and logs each retry at INFO:
``retry 1 of 3 in 0.5 s for <GET URL>: 503 Service Unavailable``.

Settings: ``NEWSBOT_RETRY_BACKOFF_BASE`` and ``NEWSBOT_RETRY_BACKOFF_MAX`` (seconds).
Stats: ``newsbot/retry/backoff_count``, ``newsbot/retry/backoff_seconds`` (the total of the waits).
"""

from __future__ import annotations

import asyncio
import logging
import random

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.response import response_status_message

from newsbot import config

logger = logging.getLogger(__name__)

DELAY_KEY = "newsbot_retry_delay"


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings):
        super().__init__(settings)
        self.base = config.number(settings, "NEWSBOT_RETRY_BACKOFF_BASE", minimum=0)
        self.max = config.number(settings, "NEWSBOT_RETRY_BACKOFF_MAX", minimum=0)

    async def process_request(self, request: Request) -> None:
        delay = request.meta.pop(DELAY_KEY, 0)
        if delay:
            await asyncio.sleep(delay)

    def process_response(self, request, response):
        result = super().process_response(request, response)
        if isinstance(result, Request):
            self.schedule(result, response_status_message(response.status))
        return result

    def process_exception(self, request, exception):
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            self.schedule(result, f"{type(exception).__name__}: {exception}")
        return result

    def schedule(self, retry: Request, reason: str) -> None:
        attempt = retry.meta["retry_times"]
        delay = min(self.base * 2 ** (attempt - 1), self.max) * random.uniform(1.0, 1.5)
        retry.meta[DELAY_KEY] = delay
        stats = self.crawler.stats
        stats.inc_value("newsbot/retry/backoff_count")
        stats.inc_value("newsbot/retry/backoff_seconds", round(delay, 3))
        limit = retry.meta.get("max_retry_times", self.max_retry_times)
        logger.info("retry %d of %d in %.1f s for %s: %s", attempt, limit, delay, retry, reason)
