"""scrapy-redis's scheduler queue and dupefilter, fitted to Scrapy 2.19 and to a crawl shared by workers.

What differs from scrapy-redis 0.9.1 (whose ``RedisSpider`` relies on ``start_requests``, gone from Scrapy;
newsbot's spiders keep their ``async def start()``, see ``newsbot.frontier.start``):

- keys per crawl (``newsbot.frontier.keys``) instead of per spider name;
- the queue and the dupefilter belong to the run, not to one worker: closing a worker never flushes them
  (the last worker to leave a finished run deletes them, ``newsbot.frontier.membership``);
- a popped request moves to the worker's in-flight hash in the same atomic step (``lua.POP``), so a worker
  that dies never takes a request with it (``newsbot.frontier.worker`` re-queues them);
- request fingerprints are the crawler's (``crawler.request_fingerprinter``, what Scrapy's own dupefilter
  uses), not scrapy-redis's own SHA-1 of the canonical URL.
"""

from __future__ import annotations

from scrapy.core.scheduler import BaseScheduler
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

from newsbot.frontier.shared_crawl import SharedCrawl, shared_crawl


class FrontierDupeFilter(RFPDupeFilter):
    def __init__(self, server, key: str, fingerprinter, debug: bool = False):
        super().__init__(server, key, debug)
        self.fingerprinter = fingerprinter

    @classmethod
    def from_crawler(cls, crawler):
        shared = shared_crawl(crawler)
        return cls(shared.client, shared.keys.dupefilter, crawler.request_fingerprinter,
                   crawler.settings.getbool("DUPEFILTER_DEBUG"))

    def request_fingerprint(self, request) -> str:
        return self.fingerprinter.fingerprint(request).hex()

    def close(self, reason: str = "") -> None:
        """Keep the run's fingerprints: other workers go on with them."""


class InFlightQueue(PriorityQueue):
    """scrapy-redis's priority queue whose pop puts the request in this worker's in-flight hash."""

    def __init__(self, server, spider, key: str, shared: SharedCrawl):
        super().__init__(server, spider, key)
        self.shared = shared

    def pop(self, timeout=0):
        data = self.shared.pop()
        if data is None:
            return None
        request = self._decode_request(data)
        self.shared.track(request, data)
        return request


class FrontierScheduler(Scheduler, BaseScheduler):
    @classmethod
    def from_crawler(cls, crawler):
        shared = shared_crawl(crawler)
        scheduler = cls(shared.client, persist=True, queue_key=shared.keys.queue,
                        dupefilter=FrontierDupeFilter.from_crawler(crawler))
        scheduler.stats = crawler.stats
        scheduler.shared = shared
        return scheduler

    def open(self, spider):
        self.spider = spider
        self.queue = InFlightQueue(self.server, spider, self.queue_key, self.shared)

    def close(self, reason):
        """Nothing to flush: the queue is the run's."""

    def enqueue_request(self, request) -> bool:
        """scrapy-redis's, with stats counted as Scrapy 2.19 wants (no ``spider`` argument)."""
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        return True

    def next_request(self):
        request = self.queue.pop()
        if request is not None:
            self.stats.inc_value("scheduler/dequeued/redis")
            self.stats.inc_value("frontier/taken")
        return request
