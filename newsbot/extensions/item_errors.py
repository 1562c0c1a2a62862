"""Items lost to an exception in an item pipeline, counted so that the run's checks fail on them.

Scrapy logs such an item at ERROR ("Error processing …") and sends ``item_error``, but counts nothing: the
article never reaches the feed, and a run that lost articles that way would otherwise pass its checks.
Stats: ``newsbot/item_errors`` and ``newsbot/item_errors/<exception class>``.
"""

from __future__ import annotations

from scrapy import signals


class ItemErrors:
    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler.stats)
        crawler.signals.connect(extension.item_error, signal=signals.item_error)
        return extension

    def item_error(self, failure):
        self.stats.inc_value("newsbot/item_errors")
        self.stats.inc_value(f"newsbot/item_errors/{failure.type.__name__}")
