"""The generic section spider: discovery of one section's articles on any site that a profile describes.

Sources (each optional, per profile): the section's HTML listing and its pagination, the section's feed,
the site's sitemaps, and (``newsbot.spiders.wordpress``) the WordPress REST API. Article URLs are folded to
their canonical form before they are requested, so that the dupefilter fetches each article once.

Arguments (``-a NAME=VALUE``): ``base_url``, ``section``, ``max_pages`` (listing pages at most),
``since`` (YYYY-MM-DD: older articles are skipped and the listing walk stops at them); ``full`` and
``timezone`` set ``NEWSBOT_FULL_CRAWL`` and ``NEWSBOT_TIMEZONE`` as ``-s`` would.

The listing's pagination is read by ``newsbot.pagination`` (any theme). Where the first page announces the
page count, pages 2..N are requested at once (setting ``NEWSBOT_LISTING_PARALLEL``, default True), unless
the walk may stop early: ``since``, or an incremental run (the incremental middleware marks its walk
sequential: it stops at the first page with nothing new). What the site announces and what the walk
reached go to the run's coverage (``newsbot.coverage``).
The feed, robots.txt and the sitemap index are optional: a 404 is logged once at INFO and counted as
``newsbot/absent/<source>``, not as a failed request.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timezone
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from newsbot import browser, coverage
from newsbot.extract import NoArticle, extract_article
from newsbot.extract.article import in_section
from newsbot.extract.dom import select
from newsbot.items import Article
from newsbot.page_kinds import ARTICLE, FEED, LISTING, PAGE_KIND, ROBOTS, SITEMAP, page_kind
from newsbot.pagination import read_pagination
from newsbot.runfiles import run_timestamp
from newsbot.signals import page_without_article
from newsbot.sites.base import SiteProfile
from newsbot.spiders.untrusted_xml import read_xml
from newsbot.urls import fold_url, same_site

# paths that are listings or site furniture, never articles
NOT_ARTICLE_PATH = re.compile(r"/(category|tag|author|page|feed|wp-json|wp-admin|wp-content|comments|search)(/|$)"
                              r"|^/$|\.(xml|jpe?g|png|gif|webp|pdf|mp4|mp3|zip)$", re.I)
SKIPPED_SITEMAPS = re.compile(r"taxonom|users|author|category|tag|page-sitemap|-pages?-", re.I)
# spider arguments that are settings: ``-a full=1`` is ``-s NEWSBOT_FULL_CRAWL=1``
ARGUMENT_SETTINGS = {"full": "NEWSBOT_FULL_CRAWL", "timezone": "NEWSBOT_TIMEZONE"}
ABSENT_STATUSES = (404, 410)  # an optional source answering these is absent, not failing


def _iso_day(value: str | None) -> date | None:
    try:
        return datetime.fromisoformat(value.strip()[:10]).date() if value else None
    except ValueError:
        return None


def profile_settings(profile: type[SiteProfile]) -> dict:
    """The settings a profile gives its spider (at spider priority: ``-s`` wins over them)."""
    values = {"NEWSBOT_TIMEZONE": profile.timezone, "NEWSBOT_SITE_NAME": profile.site_name,
              "NEWSBOT_SITE_BOILERPLATE": list(profile.boilerplate)}
    return {name: value for name, value in values.items() if value}


class SectionSpider(scrapy.Spider):
    """One spider class for every profile; ``newsbot.spiders.profiles`` names one subclass per profile."""

    profile: type[SiteProfile]

    @classmethod
    def update_settings(cls, settings):
        super().update_settings(settings)
        if not settings.getdict("FEEDS") and settings.get("NEWSBOT_DEFAULT_FEED"):
            settings.set("FEEDS", {settings["NEWSBOT_DEFAULT_FEED"]: {"format": "jsonlines", "encoding": "utf-8"}},
                         priority="spider")
        for name, value in profile_settings(cls.profile).items():
            settings.set(name, value, priority="spider")
        browser.configure(settings, cls.profile)

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        for argument, name in ARGUMENT_SETTINGS.items():
            if argument in kwargs:  # as given with -s: the run's own choice
                crawler.settings.set(name, kwargs.pop(argument), priority="cmdline")
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.browser = browser.BrowserPolicy.from_crawler(crawler, spider)  # raises BrowserUnavailable
        return spider

    def __init__(self, base_url: str | None = None, section: str | None = None, max_pages: str | None = None,
                 since: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.base_url = (base_url or getattr(self.profile, "base_url", "") or "").rstrip("/")
        if not self.base_url.startswith(("http://", "https://")):
            raise ValueError(f"{self.name}: give the site with -a base_url=https://… (got {self.base_url!r})")
        self.section = section or getattr(self.profile, "section", None)
        if not self.section:
            raise ValueError(f"{self.name}: give the section's slug with -a section=SLUG")
        self.max_pages = int(max_pages) if max_pages else None
        self.since = date.fromisoformat(since) if since else None
        self.allowed_domains = [urlsplit(self.base_url).hostname]
        self.run_timestamp = run_timestamp()
        self.lastmod: dict[str, str] = {}  # canonical URL → last modification the feed or sitemap shows
        self.absent_sources: set[str] = set()  # optional sources the site answered 404 for

    # -- helpers ---------------------------------------------------------------------------------------
    def url(self, path: str) -> str:
        return self.base_url + path.format(section=self.section)

    def fold(self, url: str) -> str:
        return fold_url(url, self.profile.trailing_slash)

    def count(self, key: str, n: int = 1) -> None:
        self.crawler.stats.inc_value(f"newsbot/{key}", n)

    def article_request(self, url: str, source: str, lastmod: str | None = None):
        url = self.fold(url)
        if lastmod:
            self.lastmod[url] = lastmod
        return scrapy.Request(url, callback=self.parse_article, errback=self.failed,
                              meta={"source": source, PAGE_KIND: ARTICLE, **self.browser.meta(ARTICLE)})

    def is_article_url(self, url: str) -> bool:
        return same_site(url, self.base_url) and not NOT_ARTICLE_PATH.search(urlsplit(url).path)

    # -- discovery -------------------------------------------------------------------------------------
    async def start(self):
        discovery = self.profile.discovery
        if discovery.listing:
            yield self.listing_request(self.url(self.profile.section_path), 1)
        if discovery.feed:
            yield scrapy.Request(self.url(self.profile.feed_path), callback=self.parse_feed,
                                 errback=self.failed, meta={"source": "feed", PAGE_KIND: FEED, "optional": "feed"})
        if discovery.sitemap:
            yield scrapy.Request(self.url("/robots.txt"), callback=self.parse_robots, errback=self.failed,
                                 meta={"source": "sitemap", PAGE_KIND: ROBOTS, "optional": "robots.txt"})
            for path in self.profile.sitemap_paths:
                yield scrapy.Request(self.url(path), callback=self.parse_sitemap, errback=self.failed,
                                     meta={"source": "sitemap", PAGE_KIND: SITEMAP, "optional": "sitemap"})

    def listing_request(self, url: str, number: int, walk: str | None = None, last: int | None = None):
        """Listing page ``number``. ``walk``: "sequential" (one page after the other: set by the incremental
        middleware where a run may stop early) or "parallel" (pages up to ``last`` requested at once)."""
        meta = {"source": "listing", PAGE_KIND: LISTING, "listing_page": number, **self.browser.meta(LISTING)}
        if walk:
            meta.update(listing_walk=walk, listing_last=last)
        return scrapy.Request(url, callback=self.parse_listing, errback=self.failed, cb_kwargs={"page": number},
                              meta=meta)

    @property
    def parallel_walk(self) -> bool:
        return self.crawler.settings.getbool("NEWSBOT_LISTING_PARALLEL")

    def report(self, signal, **facts) -> None:
        """A fact for the run's components: coverage (``newsbot.coverage``), run events (``newsbot.signals``)."""
        self.crawler.signals.send_catch_log(signal, **facts)

    def parse_listing(self, response, page: int):
        if rendered := self.browser.rerender(response, LISTING):
            yield rendered
            return
        self.count("pages/listing")
        pagination = read_pagination(response.selector, response.url, self.profile.selectors.next_page)
        page = pagination.number if pagination.number > 1 else page
        self.report(coverage.listing_page_reached, url=response.url, pagination=replace(pagination, number=page))
        links = [urljoin(response.url, h.get()) for h in select(response.selector, self.profile.selectors.listing_links)]
        articles = [u for u in dict.fromkeys(self.fold(u) for u in links) if self.is_article_url(u)]
        if not articles:
            self.logger.warning("listing page %s lists no article: end of the section or changed markup",
                                response.url)
            self.count("listing/empty")
            return
        for url in articles:
            yield self.article_request(url, "listing")
        if self.since:
            days = [d for d in map(_iso_day, response.css("time[datetime]::attr(datetime)").getall()) if d]
            if days and max(days) < self.since:
                self.logger.info("listing page %d is older than %s: pagination stops", page, self.since)
                self.report(coverage.listing_walk_stopped, url=response.url, reason=f"since {self.since}")
                return
        if self.max_pages and page >= self.max_pages:
            if pagination.next_url:
                self.report(coverage.listing_walk_stopped, url=response.url, reason=f"max_pages={self.max_pages}")
            return
        walk, scheduled = response.meta.get("listing_walk"), response.meta.get("listing_last") or page
        parallel = walk != "sequential" and self.parallel_walk and not self.since  # since: stop at the first older page
        if parallel and (pagination.announced or 0) > max(page, scheduled):
            last = min(pagination.announced, self.max_pages or pagination.announced)
            self.logger.info("listing announces %d pages: pages %d to %d requested at once", pagination.announced,
                             max(page, scheduled) + 1, last)
            if last < pagination.announced:
                self.report(coverage.listing_walk_stopped, url=response.url, reason=f"max_pages={self.max_pages}")
            for number in range(max(page, scheduled) + 1, last + 1):
                yield self.listing_request(pagination.url(number), number, "parallel", last)
        elif pagination.next_url and not (walk == "parallel" and page < scheduled):  # else requested already
            yield self.listing_request(pagination.next_url, page + 1, walk, scheduled)

    def parse_feed(self, response):
        self.count("pages/feed")
        feed = scrapy.Selector(body=self.untrusted_xml(response, "feed"), type="xml")
        feed.remove_namespaces()
        entries = feed.xpath("//item") or feed.xpath("//entry")
        for entry in entries:
            link = entry.xpath("link/text()").get() or entry.xpath("link[@rel='alternate' or not(@rel)]/@href").get()
            if link and self.is_article_url(urljoin(response.url, link.strip())):
                modified = entry.xpath("updated/text()").get()
                yield self.article_request(urljoin(response.url, link.strip()), "feed", modified)
        if not entries:
            self.logger.warning("feed %s holds no entry (invalid XML or empty)", response.url)
            self.count("feed/empty")

    def untrusted_xml(self, response, kind: str) -> bytes:
        """The body of a sitemap or feed, cleaned by ``read_xml``; each problem logged and counted."""
        body, problems = read_xml(response.body)
        for problem, message in problems:
            self.logger.warning("%s %s: %s", kind, response.url, message)
            self.count(f"{kind}/{problem}")
        return body

    def parse_robots(self, response):
        for url in sitemap_urls_from_robots(response.body, base_url=response.url):
            yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.failed,
                                 meta={"source": "sitemap", PAGE_KIND: SITEMAP})

    def parse_sitemap(self, response):
        self.count("pages/sitemap")
        try:
            sitemap = Sitemap(self.untrusted_xml(response, "sitemap"))
        except Exception as error:  # a body lxml refuses even in recovery mode
            self.logger.error("sitemap %s is not valid XML: %s", response.url, error)
            self.count("sitemap/invalid")
            return
        if sitemap.type == "sitemapindex":
            for entry in sitemap:
                if not SKIPPED_SITEMAPS.search(entry["loc"]):
                    yield scrapy.Request(urljoin(response.url, entry["loc"]), callback=self.parse_sitemap,
                                         errback=self.failed, meta={"source": "sitemap", PAGE_KIND: SITEMAP})
            return
        article_path = re.compile(self.profile.article_path) if self.profile.article_path else None
        for entry in sitemap:
            url = self.fold(urljoin(response.url, entry["loc"]))
            if "lastmod" in entry:
                self.lastmod[url] = entry["lastmod"]
            if article_path and article_path.search(urlsplit(url).path) and self.is_article_url(url):
                yield self.article_request(url, "sitemap", entry.get("lastmod"))

    # -- articles --------------------------------------------------------------------------------------
    def parse_article(self, response):
        if rendered := self.browser.rerender(response, ARTICLE):
            yield rendered
            return
        source = response.meta.get("source", "listing")
        self.count("pages/article")
        if not isinstance(response, TextResponse):
            self.logger.warning("not a text page, skipped: %s (%s)", response.url, response.headers.get("Content-Type"))
            self.count("not_article")
            self.without_article(response.url, "not a text page")
            return
        try:
            article = extract_article(response.selector, response.url, self.profile, self.section)
        except NoArticle as reason:
            self.logger.warning("no article at %s: %s", response.url, reason)
            self.count("not_article")
            self.without_article(response.url, str(reason))
            return
        except Exception:
            self.logger.exception("extraction failed at %s", response.url)
            self.count("extract_errors")
            return
        if source != "listing" and in_section(response.selector, self.profile, self.section) is False:
            self.logger.debug("not in section %s: %s", self.section, response.url)
            self.count("other_section")
            self.without_article(response.url, "another section")
            return
        yield from self.emit(article)

    def emit(self, article: Article):
        """Yield ``article`` unless it is older than ``since``: stamped, counted, its field errors counted.
        The one way out of the spider for an article, whichever path extracted it."""
        published = _iso_day(article.published)
        if self.since and published and published < self.since:
            self.count("skipped_before_since")
            self.without_article(article.canonical_url, "older than since")
            return
        article.crawled_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        self.count("articles")
        for field, source in article.extraction.items():
            if source == "error":
                self.count(f"field_errors/{field}")
        yield article

    def without_article(self, url: str, reason: str) -> None:
        """Tell the run that ``url`` was read and holds nothing to emit (``newsbot.signals``)."""
        self.report(page_without_article, url=url, reason=reason)

    def failed(self, failure):
        request = failure.request
        source = request.meta.get("source", "unknown")
        if failure.check(HttpError):
            status = failure.value.response.status
            if request.meta.get("optional") and status in ABSENT_STATUSES:
                self.absent(request.meta["optional"], request.url, status)
                return
            self.logger.warning("HTTP %d for %s (%s)", status, request.url, source)
            self.count(f"failed/http_{status}")
            reason = f"HTTP {status}"
        elif failure.check(IgnoreRequest):  # dropped on purpose (robots.txt, offsite, redirect loop): logged there
            self.logger.info("dropped %s (%s): %s", request.url, source, failure.getErrorMessage())
            self.count("dropped")
            return
        else:
            self.logger.error("download failed for %s (%s): %s", request.url, source, failure.getErrorMessage())
            self.count(f"failed/{failure.type.__name__}")
            reason = failure.getErrorMessage()
        if page_kind(request) == LISTING:
            self.report(coverage.listing_page_failed, url=request.url, number=request.meta["listing_page"],
                        reason=reason)
        elif not request.meta.get("optional") and self.is_article_url(request.url):
            self.report(coverage.article_failed, url=request.url, source=source, reason=reason)

    def absent(self, source: str, url: str, status: int) -> None:
        """An optional discovery source (``meta["optional"]`` names it) the site does not have: a fact about
        the site, logged once per source, counted apart from failed requests (``newsbot/absent/<source>``)."""
        if source not in self.absent_sources:
            self.absent_sources.add(source)
            self.logger.info("the site has no %s (HTTP %d for %s): discovery goes on without it", source, status, url)
        self.count(f"absent/{source}")
