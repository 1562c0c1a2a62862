"""A section listing that links to itself forever stops (a spider middleware on listing pages, ``newsbot.page_kinds``).

The next-page request a listing page yields is dropped, with an INFO line and a stat, when
- it names a listing page already walked in this run (a next link to itself or to an earlier page):
  ``listing page URL links back to URL: pagination stops``, stat ``newsbot/listing/loop``;
- the page lists no article that an earlier listing page of this run had not listed (page numbers that grow
  past the end while the content repeats): ``listing page URL lists no new article: pagination stops``,
  stat ``newsbot/listing/no_new_articles``.
Scrapy's dupefilter would drop the first case silently; ``max_pages`` bounds both. A request for a page further
on that is already requested (two pages of a parallel walk announcing the same pages) is dropped silently.
"""

from __future__ import annotations

import logging

from scrapy import Request

from newsbot.page_kinds import LISTING, page_kind
from newsbot.pagination import page_number

logger = logging.getLogger(__name__)


class PaginationGuardMiddleware:
    def __init__(self, stats):
        self.stats = stats
        self.walked: set[str] = set()  # listing pages requested
        self.listed: set[str] = set()  # article URLs the listing pages named

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_spider_output(self, response, result):
        if not self.is_listing(response):
            yield from result
            return
        outputs = list(result)
        yield from self.guarded(response, outputs)

    async def process_spider_output_async(self, response, result):
        if not self.is_listing(response):
            async for output in result:
                yield output
            return
        outputs = [output async for output in result]
        for output in self.guarded(response, outputs):
            yield output

    @staticmethod
    def is_listing(response) -> bool:
        return page_kind(response.request) == LISTING

    def guarded(self, response, outputs: list):
        self.walked.add(response.url)
        pages = [o for o in outputs if isinstance(o, Request) and page_kind(o) == LISTING]
        articles = {o.url for o in outputs if isinstance(o, Request) and o not in pages}
        new_articles = articles - self.listed
        self.listed |= articles
        for output in outputs:
            if output in pages and not self.follow(response.url, output.url, bool(new_articles)):
                continue
            yield output

    def follow(self, page: str, next_page: str, lists_new: bool) -> bool:
        if next_page in self.walked and (page_number(next_page) or 1) > (page_number(page) or 1):
            return False  # a page further on, requested already (two pages announcing the same pages)
        if next_page in self.walked:
            self.stats.inc_value("newsbot/listing/loop")
            logger.info("listing page %s links back to %s: pagination stops", page, next_page)
            return False
        if not lists_new:
            self.stats.inc_value("newsbot/listing/no_new_articles")
            logger.info("listing page %s lists no new article: pagination stops", page)
            return False
        self.walked.add(next_page)
        return True
