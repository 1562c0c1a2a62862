"""The first item pipeline: each article cleaned by ``newsbot.clean.article.clean_article``, what it did counted.

Settings (defaults in ``newsbot.settings``; a site profile sets the ``NEWSBOT_SITE_*`` ones and its timezone):
``NEWSBOT_TIMEZONE`` (of dates shown without an offset), ``NEWSBOT_SITE_NAME`` (trimmed from titles),
``NEWSBOT_SITE_BOILERPLATE`` and ``CLEAN_BOILERPLATE_PATTERNS`` (regexes of body paragraphs to drop).

Stats: ``clean/boilerplate_removed`` (paragraphs), ``clean/boilerplate_removed/<rule>`` (per rule of
``newsbot.clean.boilerplate.RULES``, ``caption``, ``related_tail``, or ``extra``), ``clean/dates_unparsed``
(dates set to None), ``clean/mojibake_fixed`` (items with at least one field repaired).
"""

from __future__ import annotations

import re

from newsbot import config
from newsbot.clean.article import CleanReport, CleanRules, clean_article


def boilerplate_patterns(settings) -> list[str]:
    """The regexes of both settings, each checked."""
    patterns = []
    for name in ("NEWSBOT_SITE_BOILERPLATE", "CLEAN_BOILERPLATE_PATTERNS"):
        for pattern in settings.getlist(name):
            try:
                re.compile(pattern)
            except re.error as error:
                raise config.InvalidSetting(name, pattern, f"not a regular expression ({error})") from None
            patterns.append(pattern)
    return patterns


class CleanArticlePipeline:
    def __init__(self, stats, rules: CleanRules):
        self.stats = stats
        self.rules = rules

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        rules = CleanRules.of(config.timezone(settings, "NEWSBOT_TIMEZONE"), boilerplate_patterns(settings),
                              settings.get("NEWSBOT_SITE_NAME"))
        return cls(crawler.stats, rules)

    def process_item(self, item, spider=None):
        self.count(clean_article(item, self.rules))
        return item

    def count(self, report: CleanReport) -> None:
        removed = report.boilerplate_removed
        if removed:
            self.stats.inc_value("clean/boilerplate_removed", removed.total())
            for rule, count in removed.items():
                self.stats.inc_value(f"clean/boilerplate_removed/{rule}", count)
        if report.dates_unparsed:
            self.stats.inc_value("clean/dates_unparsed", report.dates_unparsed)
        if report.mojibake_fixed:
            self.stats.inc_value("clean/mojibake_fixed")
