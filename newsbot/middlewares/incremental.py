"""Incremental runs: fetch only what is new, or shown modified, since the last run (a spider middleware).

The cross-run store (``newsbot.store``) is the source of truth. A URL is *known* when an earlier run emitted
it (``find_url``: committed, or staged by this run) or fetched it and had nothing to emit (noted ``seen``
here: an item dropped by a pipeline, or a page the spider signals ``page_without_article``, see
``newsbot.signals``). Requests are told apart by ``newsbot.page_kinds``. On a scheduled run:

- an article request for a known URL is dropped, unless the feed's ``updated`` or the sitemap's ``lastmod``
  (``SectionSpider.lastmod``) is later than the stored ``modified`` (else ``published``) date:
  ``incremental/skipped_known``, ``incremental/fetched_modified``;
- the section's pagination stops after a listing page whose every article is known and whose dates
  (``time[datetime]``) are all before the start of the last completed run: ``incremental/pagination_stopped``.
  The spider yields a page's article requests before its next-page request, so the decision is taken here;
  such a run's listing requests are marked ``meta["listing_walk"] = "sequential"`` so that the spider walks
  one page after the other instead of requesting every announced page at once, and the stop is reported to
  the run's coverage as on purpose. The first run (no completed run yet) walks to the end;
- sitemaps (one request per 2,000 URLs of the archive) are read only when the last completed run that read
  them is older than ``NEWSBOT_SITEMAP_REFRESH_HOURS``: they are where WordPress tells old posts' edits
  (``incremental/sitemap_skipped`` counts the start requests left out);
- URLs that failed after every retry in an earlier run (``newsbot.middlewares.retry_later``) are requested
  first: ``incremental/retried_from_last_run``.

A run's start time (``last_run_started``) and sitemap read (``last_sitemap_read``), per spider, are recorded
in the store only on ``run_committed`` (its feed complete), so a killed run changes neither.

Settings:
- ``NEWSBOT_FULL_CRAWL`` (or the spider argument ``-a full=1``): fetch every article again and walk the whole
  pagination (the dedup pipeline still emits only new and updated articles);
- ``NEWSBOT_SITEMAP_REFRESH_HOURS``: ``0`` reads the sitemaps on every run.

Enable with ``SPIDER_MIDDLEWARES = {"newsbot.middlewares.incremental.IncrementalMiddleware": 750}``: its
order must be below ``newsbot.middlewares.pagination_guard``'s (800), which must see every article a page
lists, skipped or not, to tell a listing that repeats itself from one whose articles are known.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from itemadapter import ItemAdapter, is_item
from scrapy import Request, signals

from newsbot import config, coverage
from newsbot import signals as newsbot_signals
from newsbot.page_kinds import ARTICLE, LISTING, SITEMAP, page_kind
from newsbot.store import crawl_marker, crawler_run_state, crawler_store

logger = logging.getLogger(__name__)

LAST_RUN_STARTED = "last_run_started"
LAST_SITEMAP_READ = "last_sitemap_read"


def parse_time(value: str | None) -> datetime | None:
    """An ISO 8601 date or time as an aware datetime (UTC when it has no offset), or None."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def is_article_request(request: Request) -> bool:
    return page_kind(request) == ARTICLE


def is_listing_request(request: Request) -> bool:
    return page_kind(request) == LISTING


class IncrementalMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.store, self.run_state = crawler_store(crawler), crawler_run_state(crawler)
        self.refresh = timedelta(hours=config.number(crawler.settings, "NEWSBOT_SITEMAP_REFRESH_HOURS", minimum=0))
        self.started = datetime.now(timezone.utc)
        self.last_run_started: datetime | None = None
        self.full = crawler.settings.getbool("NEWSBOT_FULL_CRAWL")
        self.sitemaps_read = False  # a sitemap was read in this run

    @classmethod
    def from_crawler(cls, crawler):
        middleware = cls(crawler)
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(middleware.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(middleware.run_committed, signal=newsbot_signals.run_committed)
        crawler.signals.connect(middleware.page_without_article, signal=newsbot_signals.page_without_article)
        return middleware

    @property
    def spider(self):
        return self.crawler.spider

    @property
    def lastmod(self) -> dict[str, str]:
        """Canonical URL -> the date the feed or a sitemap gives it (``SectionSpider.lastmod``)."""
        return getattr(self.spider, "lastmod", {})

    # -- run start and end -------------------------------------------------------------------------------
    def marker_name(self, name: str) -> str:
        """Markers are per crawl (spider and site): crawls may share one store."""
        return crawl_marker(self.crawler, name)

    def spider_opened(self, spider=None):
        self.last_run_started = parse_time(self.run_state.marker(self.marker_name(LAST_RUN_STARTED)))
        self.stats.set_value("incremental/full", int(self.full))
        logger.info("Incremental: %s", "full crawl" if self.full else
                    f"last completed run started {self.last_run_started or 'never'}")

    def sitemaps_due(self) -> bool:
        last_read = parse_time(self.run_state.marker(self.marker_name(LAST_SITEMAP_READ)))
        return self.full or last_read is None or self.started - last_read >= self.refresh

    def run_committed(self, committed: int):
        self.run_state.set_marker(self.marker_name(LAST_RUN_STARTED), self.started.isoformat())
        if self.sitemaps_read:
            self.run_state.set_marker(self.marker_name(LAST_SITEMAP_READ), self.started.isoformat())

    def item_dropped(self, item, exception=None):
        if is_item(item):
            adapter = ItemAdapter(item)
            for url in {adapter.get("canonical_url"), adapter.get("url")} - {None}:
                self.run_state.note_url(url, "seen")

    def page_without_article(self, url: str, reason: str):
        self.run_state.note_url(url, "seen")  # not an article, or not one of the section's: known, not fetched again

    # -- start requests ------------------------------------------------------------------------------------
    async def process_start(self, start):
        for url in self.run_state.noted_urls("failed"):
            self.stats.inc_value("incremental/retried_from_last_run")
            yield self.spider.article_request(url, "retry")
        sitemaps = self.sitemaps_due()
        async for request in start:
            if not sitemaps and isinstance(request, Request) and request.meta.get("source") == "sitemap":
                self.stats.inc_value("incremental/sitemap_skipped")
                continue
            yield self.walk_marked(request)

    def walk_marked(self, request):
        """A listing request marked for a sequential walk where this run may stop early (an incremental run
        after a completed one): the spider then requests one page after the other, not all at once."""
        if isinstance(request, Request) and is_listing_request(request) and self.may_stop_early:
            request.meta.setdefault("listing_walk", "sequential")
        return request

    @property
    def may_stop_early(self) -> bool:
        return not self.full and self.last_run_started is not None

    # -- spider output -------------------------------------------------------------------------------------
    def process_spider_output(self, response, result, spider=None):
        return self.filtered(response, result, len(self.lastmod))

    async def process_spider_output_async(self, response, result, spider=None):
        lastmods_before = len(self.lastmod)
        outputs = [output async for output in result]
        for output in self.filtered(response, outputs, lastmods_before):
            yield output

    def filtered(self, response, result, lastmods_before: int):
        """The spider's output for ``response`` without what this run need not fetch (``lastmods_before``:
        the spider's sitemap and feed dates before it read the response)."""
        listing = response is not None and is_listing_request(response.request)
        sitemap = response is not None and page_kind(response.request) == SITEMAP
        all_known = True
        for output in result:
            if isinstance(output, Request) and is_article_request(output):
                wanted = self.wanted(output.url)
                all_known = all_known and not wanted
                if not wanted:
                    self.stats.inc_value("incremental/skipped_known")
                    continue
            elif isinstance(output, Request) and listing and is_listing_request(output):
                if self.stop_after(response, all_known):
                    logger.info("Incremental: %s lists only known articles older than the last run: "
                                "pagination stops", response.url)
                    self.stats.inc_value("incremental/pagination_stopped")
                    self.crawler.signals.send_catch_log(coverage.listing_walk_stopped, url=response.url,
                                                        reason="incremental run: only known articles")
                    continue
            yield self.walk_marked(output)
        self.sitemaps_read = self.sitemaps_read or sitemap
        if sitemap and not self.full:
            yield from self.modified_in_sitemap(list(self.lastmod)[lastmods_before:])

    def modified_in_sitemap(self, urls: list[str]):
        """Requests for the emitted articles among ``urls`` (a sitemap's entries) that it shows modified:
        where permalinks do not name the section, the spider requests no sitemap URL itself."""
        for url in urls:
            stored = self.store.find_url(url)
            if stored is not None and stored.canonical_url == url and not stored.staged and self.modified_since(url, stored):
                yield self.spider.article_request(url, "sitemap")

    def wanted(self, url: str) -> bool:
        """Fetch ``url``: on a full run, when it is not known, or when a feed or sitemap shows it modified."""
        if self.full:
            return True
        stored = self.store.find_url(url)
        if stored is None and not self.run_state.url_noted(url, "seen"):
            return True
        return self.modified_since(url, stored)

    def modified_since(self, url: str, stored) -> bool:
        """The feed or sitemap dates ``url`` after its stored version (or, not emitted, after the last run)."""
        lastmod = parse_time(self.lastmod.get(url))
        if lastmod is None:
            return False
        reference = parse_time(stored.modified or stored.published) if stored else None
        reference = reference or self.last_run_started
        if reference is None or lastmod > reference:
            self.stats.inc_value("incremental/fetched_modified")
            logger.debug("Incremental: %s modified %s after %s", url, lastmod, reference)
            return True
        return False

    def stop_after(self, response, all_known: bool) -> bool:
        """The listing page holds nothing but known articles, all dated before the last completed run."""
        if self.full or not all_known or self.last_run_started is None:
            return False
        dates = [parse_time(v) for v in response.css("time[datetime]::attr(datetime)").getall()]
        return all(d is None or d < self.last_run_started for d in dates)
