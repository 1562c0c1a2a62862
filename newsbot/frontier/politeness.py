"""Per-site politeness across the whole pool (a downloader middleware): N workers together never have more
than ``CONCURRENT_REQUESTS_PER_DOMAIN`` requests to one host open at once.

Each worker keeps Scrapy's own per-domain limit; on top of it, a request takes a token from the host's
sorted set in Redis before it is sent (``lua.ACQUIRE``: granted while fewer than the limit are held) and
gives it back when its response or error comes back. A token is a lease: it expires after
``DOWNLOAD_TIMEOUT`` plus a minute, so a worker killed with tokens in hand blocks nobody for long. While
the host is at its limit the request waits in line behind this worker's other requests to that host (only
the first of the line asks Redis, every ``NEWSBOT_FRONTIER_TOKEN_POLL`` seconds).

Why tokens rather than sites partitioned among workers: a single large site (the back-crawl of one
archive) must be shared by every worker too, and the limit holds whatever the number of workers.
Stats: ``frontier/token_waits`` (requests that waited for a token).
"""

from __future__ import annotations

import asyncio
import time
import uuid
from urllib.parse import urlsplit

from newsbot import config
from newsbot.frontier import lua
from newsbot.frontier.shared_crawl import shared_crawl


class PoolPoliteness:
    def __init__(self, crawler):
        self.stats = crawler.stats
        self.shared = shared_crawl(crawler)
        self.limit = config.number(crawler.settings, "CONCURRENT_REQUESTS_PER_DOMAIN", int, minimum=1)
        self.lease = config.number(crawler.settings, "DOWNLOAD_TIMEOUT", minimum=1) + 60
        self.poll = config.number(crawler.settings, "NEWSBOT_FRONTIER_TOKEN_POLL", minimum=0.001)
        self.acquire = self.shared.client.register_script(lua.ACQUIRE)
        self.held: dict = {}  # request -> (tokens key, token)
        self.queues: dict[str, asyncio.Lock] = {}  # tokens key -> this worker's requests waiting for one, in line

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_request(self, request):
        key, token = self.shared.keys.tokens(urlsplit(request.url).hostname or ""), uuid.uuid4().hex
        waited = False
        async with self.queues.setdefault(key, asyncio.Lock()):  # one request of this worker asks at a time
            while True:
                now = time.time()
                if self.acquire(keys=[key], args=[token, now, now + self.lease, self.limit]):
                    break
                waited = True
                await asyncio.sleep(self.poll)
        if waited:
            self.stats.inc_value("frontier/token_waits")
        self.held[request] = (key, token)
        return None

    def release(self, request) -> None:
        held = self.held.pop(request, None)
        if held is not None:
            self.shared.client.zrem(*held)

    def process_response(self, request, response):
        self.release(request)
        return response

    def process_exception(self, request, exception):
        self.release(request)
        return None
