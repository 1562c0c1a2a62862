"""Run coverage over the whole pool (an extension): each worker walks part of a site's listing, so the
coverage facts every worker reports (``newsbot.coverage``) are pooled in Redis and, when a worker closes,
the other workers' facts are sent again in this process, so that ``newsbot.extensions.run_coverage`` adds
up what the whole run reached, not what this worker happened to fetch.

Enable it below ``RunCoverage`` in ``EXTENSIONS`` (it must replay before that one adds up, on
``spider_closed``), as ``newsbot.frontier.frontier_settings`` does.
"""

from __future__ import annotations

import pickle
import uuid

from scrapy import signals

from newsbot import coverage
from newsbot.frontier.shared_crawl import shared_crawl

FACTS = ("listing_page_reached", "listing_page_failed", "listing_walk_stopped", "rest_total_announced",
         "rest_page_read", "rest_page_failed", "article_failed")


class PooledCoverage:
    def __init__(self, crawler):
        self.crawler = crawler
        self.shared = shared_crawl(crawler)
        self.process = uuid.uuid4().hex  # this process's facts are this run's own (a killed predecessor's are not)

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler)
        for name in FACTS:
            crawler.signals.connect(extension.recorder(name), signal=getattr(coverage, name), weak=False)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def recorder(self, name: str):
        def record(signal=None, sender=None, **facts):
            facts.pop("spider", None)
            self.shared.client.rpush(self.shared.keys.coverage, pickle.dumps((self.process, name, facts)))
        return record

    def spider_closed(self, spider=None, reason=None):
        for entry in self.shared.client.lrange(self.shared.keys.coverage, 0, -1):
            process, name, facts = pickle.loads(entry)
            if process != self.process:
                self.crawler.signals.send_catch_log(getattr(coverage, name), **facts)
