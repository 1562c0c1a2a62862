"""The spider's start requests, scheduled once per shared crawl (a spider middleware).

The first worker of a run to ask (an atomic ``HSETNX`` on the run's meta hash, ``SharedCrawl.claim_start``)
passes its spider's ``start()`` on to the shared queue and, once it is exhausted, marks the start done; the
other workers pass nothing and take their requests from the queue. A worker that replaces a killed starter
(same ``--worker`` name) before the start was done schedules it again: the dupefilter drops what was
already scheduled. The run cannot end before the start is done (``lua.END_OF_RUN``).

Enable with the lowest order of ``SPIDER_MIDDLEWARES`` (it must see the start as every other middleware
left it), as ``newsbot.frontier.frontier_settings`` does.
"""

from __future__ import annotations

import logging

from newsbot.frontier.shared_crawl import shared_crawl

logger = logging.getLogger(__name__)


class SharedStart:
    def __init__(self, crawler):
        self.crawler = crawler
        self.shared = shared_crawl(crawler)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_start(self, start):
        if not self.shared.claim_start():
            logger.info("Frontier: another worker schedules the start requests; this one takes from the queue")
            return
        self.crawler.stats.set_value("frontier/scheduled_start", 1)
        async for item_or_request in start:
            yield item_or_request
        self.shared.mark_start_done()
