"""Malformed HTML: pages the HTML parser had to repair are counted and named (a spider middleware).

The spider parses each page once (``response.selector``); this middleware reads that parse's error log
(libxml2) for broken structure: end tags that close nothing or the wrong element, and logs an INFO line
``malformed HTML at URL: 3 markup errors repaired (Unexpected end tag : div)``. The page is then parsed as
usual: libxml2's recovery is what browsers do too. Stat: ``newsbot/html/malformed``.
"""

from __future__ import annotations

import logging

from scrapy.http import HtmlResponse

logger = logging.getLogger(__name__)

STRUCTURE_ERRORS = {"ERR_TAG_NAME_MISMATCH", "ERR_TAG_NOT_FINISHED", "ERR_LT_SLASH_REQUIRED", "ERR_GT_REQUIRED"}


def markup_errors(response: HtmlResponse) -> list[str]:
    parser = response.selector.root.getroottree().parser
    return [e.message for e in parser.error_log if e.type_name in STRUCTURE_ERRORS] if parser is not None else []


class MalformedHtmlMiddleware:
    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_spider_input(self, response):
        if isinstance(response, HtmlResponse) and response.status == 200:
            errors = markup_errors(response)
            if errors:
                self.stats.inc_value("newsbot/html/malformed")
                logger.info("malformed HTML at %s: %d markup errors repaired (%s)", response.url, len(errors), errors[0])
