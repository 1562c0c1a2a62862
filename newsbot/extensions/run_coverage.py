"""Run coverage: what the site announced against what the run reached, added up when the spider closes.

The spiders report facts through the signals of ``newsbot.coverage``; this extension turns them into one
object, stat ``newsbot/coverage``, logged at INFO when complete and at WARNING otherwise:

    {"complete": bool, "expected": N | None, "reached": M, "unit": "listing pages" | "posts",
     "missed": [URL, …], "reasons": ["…", …]}

- listing: the page count the listing announces ("Page 1 of N", its highest numbered link) against the
  pages walked; a listing page that failed; a page past the first that shows no pagination block (the walk
  cannot tell where the listing ends). A walk stopped on purpose (``since``, ``max_pages``, an incremental run
  at known articles) misses nothing after the stop;
- REST API: ``X-WP-Total`` posts against the posts read, pages that failed;
- articles that a discovery source named and that failed for good are named in ``missed``; they do not make
  the run incomplete (the error-rate check weighs them, and the next run requests them again:
  ``newsbot.middlewares.retry_later``).

``expected`` and ``reached`` count posts where the REST API announced a total, listing pages otherwise.
``newsbot crawl`` fails an incomplete run with its own exit code (``newsbot.runner.checks``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from scrapy import signals

from newsbot import coverage
from newsbot.pagination import Pagination

logger = logging.getLogger(__name__)

MISSED_NAMED = 20  # URLs named in the reasons at most (``missed`` holds them all)


@dataclass
class ListingFacts:
    reached: dict[int, tuple[str, Pagination]] = field(default_factory=dict)
    failed: dict[int, tuple[str, str]] = field(default_factory=dict)  # number → (url, reason)
    stopped: str | None = None  # why the walk (down the listing or the REST API's pages) stopped on purpose

    @property
    def announced(self) -> int | None:
        counts = [p.announced for _, p in self.reached.values() if p.announced is not None]
        return max(counts) if counts else None

    def url(self, number: int) -> str:
        for _, pagination in self.reached.values():
            if pagination.template:
                return pagination.url(number)
        return f"page {number}"

    def missed(self) -> list[str]:
        announced = self.announced
        if announced is None or self.stopped:
            return []
        return [self.url(n) for n in range(1, announced + 1) if n not in self.reached and n not in self.failed]

    def reasons(self) -> list[str]:
        reasons = [f"listing page {url} failed: {reason}" for _, (url, reason) in sorted(self.failed.items())]
        missed = self.missed()
        if missed:
            reasons.append(f"listing: {len(self.reached)} of {self.announced} announced pages walked; not reached: "
                           + ", ".join(missed[:MISSED_NAMED]) + (" …" if len(missed) > MISSED_NAMED else ""))
        first = self.reached.get(1)
        if first is not None and first[1].paginated:
            reasons += [f"listing page {url} shows no pagination block: where the listing ends is unknown"
                        for number, (url, pagination) in sorted(self.reached.items())
                        if number > 1 and not pagination.paginated and not self.stopped]
        return reasons


@dataclass
class RestFacts:
    posts: int | None = None  # X-WP-Total
    pages: int | None = None  # X-WP-TotalPages
    read: int = 0
    pages_read: set[int] = field(default_factory=set)
    failed: dict[int, tuple[str, str]] = field(default_factory=dict)

    def reasons(self, stopped: str | None) -> list[str]:
        reasons = [f"REST API posts page {page} ({url}) failed: {reason}"
                   for page, (url, reason) in sorted(self.failed.items())]
        if self.posts is not None and self.read < self.posts and not self.failed and not stopped:
            pages = f", {len(self.pages_read)} of {self.pages} pages (X-WP-TotalPages)" if self.pages else ""
            reasons.append(f"REST API: {self.read} of {self.posts} posts read (X-WP-Total){pages}")
        return reasons


class RunCoverage:
    def __init__(self, crawler):
        self.crawler = crawler
        self.listing = ListingFacts()
        self.rest = RestFacts()
        self.articles_failed: dict[str, str] = {}  # url → "source: reason"

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler)
        for signal, handler in (
            (coverage.listing_page_reached, extension.listing_page_reached),
            (coverage.listing_page_failed, extension.listing_page_failed),
            (coverage.listing_walk_stopped, extension.listing_walk_stopped),
            (coverage.rest_total_announced, extension.rest_total_announced),
            (coverage.rest_page_read, extension.rest_page_read),
            (coverage.rest_page_failed, extension.rest_page_failed),
            (coverage.article_failed, extension.article_failed),
            (signals.spider_closed, extension.spider_closed),
        ):
            crawler.signals.connect(handler, signal=signal)
        return extension

    # -- facts ---------------------------------------------------------------------------------------------
    def listing_page_reached(self, url: str, pagination: Pagination):
        self.listing.reached[pagination.number] = (url, pagination)
        self.listing.failed.pop(pagination.number, None)

    def listing_page_failed(self, url: str, number: int, reason: str):
        if number not in self.listing.reached:
            self.listing.failed[number] = (url, reason)

    def listing_walk_stopped(self, url: str, reason: str):
        self.listing.stopped = self.listing.stopped or f"{reason} ({url})"

    def rest_total_announced(self, posts: int | None, pages: int | None):
        self.rest.posts, self.rest.pages = posts, pages

    def rest_page_read(self, page: int, posts: int):
        if page not in self.rest.pages_read:
            self.rest.pages_read.add(page)
            self.rest.read += posts

    def rest_page_failed(self, url: str, page: int, reason: str):
        self.rest.failed[page] = (url, reason)

    def article_failed(self, url: str, source: str, reason: str):
        self.articles_failed[url] = f"{source}: {reason}"

    # -- the sum -------------------------------------------------------------------------------------------
    def summary(self) -> dict:
        reasons = self.listing.reasons() + self.rest.reasons(self.listing.stopped)
        missed = ([url for _, (url, _) in sorted(self.listing.failed.items())] + self.listing.missed()
                  + [url for _, (url, _) in sorted(self.rest.failed.items())] + list(self.articles_failed))
        if self.rest.posts is not None:
            expected, reached, unit = self.rest.posts, self.rest.read, "posts"
        else:
            expected, reached, unit = self.listing.announced, len(self.listing.reached), "listing pages"
        return {"complete": not reasons, "expected": expected, "reached": reached, "unit": unit,
                "missed": missed, "reasons": reasons}

    def spider_closed(self, spider, reason):
        summary = self.summary()
        self.crawler.stats.set_value("newsbot/coverage", summary)
        if summary["complete"]:
            logger.info("Coverage: complete, %s of %s %s reached%s", summary["reached"], summary["expected"],
                        summary["unit"], f" (walk stopped on purpose: {self.listing.stopped})" if self.listing.stopped else "")
        else:
            logger.warning("Coverage: INCOMPLETE, %s of %s %s reached:\n  %s", summary["reached"],
                           summary["expected"], summary["unit"], "\n  ".join(summary["reasons"]))
