"""Chromium only where a page needs it: per site profile, per kind of page, and by detection.

A spider uses the browser when its profile sets ``needs_browser`` (every listing and article page) or
``browser_pages`` (the kinds named: ``"listing"``, ``"article"``), or when ``NEWSBOT_BROWSER`` is on. Only
then are scrapy-playwright's download handlers installed (``configure``, from the spider's
``update_settings``): a plain crawl never starts Playwright's driver. With the browser on, a page fetched
over plain HTTP whose HTML lacks what the profile expects is fetched once more in Chromium:

- a listing with a "load more" button (``Selectors.load_more``) and no next-page link: its further articles
  come by AJAX; Chromium clicks the button until it goes (at most ``NEWSBOT_BROWSER_MAX_CLICKS`` times);
- an article whose comment count (``Selectors.comment_count``) is above zero while no comment
  (``Selectors.comments``) is in the HTML: a script inserts them; Chromium waits until they are in.

Settings: ``NEWSBOT_BROWSER`` (False), ``NEWSBOT_CHROMIUM_PATH`` (None: Debian's ``/usr/bin/chromium``,
else Playwright's own; ``newsbot.browser.chromium``), ``NEWSBOT_BROWSER_MAX_PAGES`` (2: browser pages at
once, a download slot of their own apart from HTTP concurrency, and ``PLAYWRIGHT_MAX_PAGES_PER_CONTEXT``),
``NEWSBOT_BROWSER_TIMEOUT`` (30 s: navigation, each click, each wait), ``NEWSBOT_BROWSER_MAX_CLICKS`` (50).
``PLAYWRIGHT_*`` settings given on the command line win over the values derived here.

Stats: ``playwright/pages`` (pages rendered by Chromium that reached a callback), ``playwright/fallbacks``
(pages fetched again in Chromium after detection), ``playwright/wait_timeouts`` (pages read before the wait
ended), ``newsbot/browser/needed_but_off`` (pages that looked script-built while the browser was off).

A spider that wants the browser and cannot have it (no Chromium, a reactor other than asyncio) fails at
creation with ``BrowserUnavailable``: ``newsbot crawl`` exits 2, ``scrapy crawl`` 1, the message names the fix.
"""

from __future__ import annotations

import logging
import re

from scrapy.http import Request, Response, TextResponse
from scrapy.settings import SETTINGS_PRIORITIES
from scrapy.utils.reactor import is_asyncio_reactor_installed, is_reactor_installed

from newsbot import config
from newsbot.browser.chromium import BrowserUnavailable, chromium_executable, launch_options
from newsbot.extract.dom import node_text, select
from newsbot.sites.base import Selectors, SiteProfile

logger = logging.getLogger(__name__)

HANDLER = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
ASYNCIO_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
BROWSER_SLOT = "chromium"  # the download slot of browser pages
_DIGITS = re.compile(r"\d+")


# -- settings ------------------------------------------------------------------------------------------
def browser_wanted(settings, profile: type[SiteProfile]) -> bool:
    return settings.getbool("NEWSBOT_BROWSER") or profile.needs_browser or bool(profile.browser_pages)


def browser_timeout_ms(settings) -> float:
    return 1000 * config.number(settings, "NEWSBOT_BROWSER_TIMEOUT", minimum=0)


def configure(settings, profile: type[SiteProfile]) -> None:
    """Install scrapy-playwright and its bounds, only for a spider that wants the browser."""
    if not browser_wanted(settings, profile):
        return
    max_pages = config.number(settings, "NEWSBOT_BROWSER_MAX_PAGES", int, minimum=1)
    timeout_ms = browser_timeout_ms(settings)
    derived = {
        "DOWNLOAD_HANDLERS": {**settings.getdict("DOWNLOAD_HANDLERS"), "http": HANDLER, "https": HANDLER},
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_MAX_CONTEXTS": 1,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": max_pages,
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": timeout_ms,
        "PLAYWRIGHT_ABORT_REQUEST": "newsbot.browser.pages.blocked_resource",
        "DOWNLOAD_SLOTS": {BROWSER_SLOT: {"concurrency": max_pages, "delay": 0}, **settings.getdict("DOWNLOAD_SLOTS")},
    }
    for name, value in derived.items():
        settings.set(name, value, priority="spider")
    # the defaults under whatever was given, wherever it was given
    options = launch_options(settings.get("NEWSBOT_CHROMIUM_PATH"), settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS"))
    priority = max(settings.getpriority("PLAYWRIGHT_LAUNCH_OPTIONS") or 0, SETTINGS_PRIORITIES["spider"])
    settings.set("PLAYWRIGHT_LAUNCH_OPTIONS", options, priority=priority)


def check_ready(settings) -> None:
    """Raise ``BrowserUnavailable`` unless the asyncio reactor runs and Chromium can be launched."""
    if not is_reactor_installed() or not is_asyncio_reactor_installed():
        raise BrowserUnavailable(f"the browser (scrapy-playwright) needs the asyncio reactor: remove the "
                                 f"TWISTED_REACTOR override or set TWISTED_REACTOR={ASYNCIO_REACTOR}")
    chromium_executable(settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS").get("executable_path")
                        or settings.get("NEWSBOT_CHROMIUM_PATH"))


# -- detection -----------------------------------------------------------------------------------------
def listing_lacks_articles(response: TextResponse, selectors: Selectors) -> bool:
    """A "load more" button and no next-page link: the rest of the listing comes by AJAX."""
    return bool(select(response.selector, selectors.load_more)) and not select(response.selector, selectors.next_page)


def article_lacks_comments(response: TextResponse, selectors: Selectors) -> bool:
    """A comment count above zero and no comment in the HTML: a script inserts them."""
    if select(response.selector, selectors.comments):
        return False
    shown = select(response.selector, selectors.comment_count)
    count = _DIGITS.search(node_text(shown[0])) if shown else None
    return bool(count and int(count.group()) > 0)


LACKS = {"listing": listing_lacks_articles, "article": article_lacks_comments}


# -- per request ---------------------------------------------------------------------------------------
class BrowserPolicy:
    """Decides, for a spider, which requests go to Chromium, and retries script-built pages there once."""

    def __init__(self, spider, crawler, enabled: bool):
        self.spider, self.crawler, self.enabled = spider, crawler, enabled
        settings = crawler.settings
        self.timeout_ms = browser_timeout_ms(settings)
        self.max_clicks = config.number(settings, "NEWSBOT_BROWSER_MAX_CLICKS", int, minimum=0)
        self._warned_off = False

    @classmethod
    def from_crawler(cls, crawler, spider) -> "BrowserPolicy":
        enabled = browser_wanted(crawler.settings, spider.profile)
        if enabled:
            check_ready(crawler.settings)
        return cls(spider, crawler, enabled)

    @property
    def stats(self):
        return self.crawler.stats  # set when the crawl starts, after the spider is made

    def meta(self, kind: str) -> dict:
        """Request meta for a page of ``kind``: Chromium's where the profile always renders that kind."""
        profile = self.spider.profile
        if self.enabled and (profile.needs_browser or kind in profile.browser_pages):
            return self.browser_meta(kind)
        return {}

    def browser_meta(self, kind: str) -> dict:
        # Playwright is imported only by a spider that renders pages: a plain crawl starts without it
        from scrapy_playwright.page import PageMethod

        from newsbot.browser.pages import css, load_all, wait_for_comments

        selectors = self.spider.profile.selectors
        methods = {
            "listing": [PageMethod(load_all, css(selectors.load_more), self.max_clicks, self.timeout_ms)],
            "article": [PageMethod(wait_for_comments, css(selectors.comment_count), css(selectors.comments),
                                   self.timeout_ms)],
        }.get(kind, [])
        return {"playwright": True, "playwright_page_methods": methods, "download_slot": BROWSER_SLOT,
                "autothrottle_dont_adjust_delay": True}

    def rerender(self, response: Response, kind: str) -> Request | None:
        """The request that fetches this page again in Chromium when its HTML lacks what a browser adds
        (once: a page Chromium rendered is taken as it is); None when the page can be read now."""
        if response.meta.get("playwright"):
            self.stats.inc_value("playwright/pages")
            if any(method.result is False for method in response.meta.get("playwright_page_methods") or ()):
                self.stats.inc_value("playwright/wait_timeouts")
            return None
        lacks = LACKS.get(kind)
        if lacks is None or not isinstance(response, TextResponse) or not lacks(response, self.spider.profile.selectors):
            return None
        if not self.enabled:
            self.stats.inc_value("newsbot/browser/needed_but_off")
            if not self._warned_off:
                self._warned_off = True
                logger.warning("%s looks built by scripts (%s); crawl with -s NEWSBOT_BROWSER=1 to render such "
                               "pages in Chromium", response.url, lacks.__doc__.strip())
            return None
        self.stats.inc_value("playwright/fallbacks")
        logger.debug("fetching %s again in Chromium: %s", response.url, lacks.__doc__.strip())
        return response.request.replace(meta={**response.request.meta, **self.browser_meta(kind)}, dont_filter=True)
