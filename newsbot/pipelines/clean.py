"""The first item pipeline: every text field clean, every date ISO 8601 with the site's UTC offset.

For each ``Article`` (a dataclass or a dict, read through ItemAdapter; fields a dict lacks are left alone):

- ``title``: normalized (``newsbot.clean.text``), trimmed of the site name (spider attribute ``site_name``);
- ``body``: paragraphs normalized, boilerplate paragraphs removed (``newsbot.clean.boilerplate``), joined by
  one blank line; a body with nothing left becomes None;
- ``authors``: byline words trimmed, repeats dropped; ``tags``: normalized, repeats dropped;
- ``section_name``, each image's ``caption`` and ``credit``, each comment's ``author``: normalized; each
  comment's ``text``: normalized paragraph by paragraph (no boilerplate rules: a comment is not a template);
- ``published``, ``modified`` and each comment's ``published``: ISO 8601 (``newsbot.clean.dates``), relative
  dates counted back from the item's ``crawled_at`` (now when it has none); an unparseable date becomes None
  and is logged. A ``modified`` at the same instant as ``published`` (an article never edited: themes print
  the publication time as "updated", the REST API repeats it) becomes None.

Mojibake from a wrong declared encoding is repaired in every one of these fields first.

Settings:

- ``NEWSBOT_TIMEZONE`` (default ``"Asia/Riyadh"``): the timezone of dates shown without an offset; a
  spider attribute ``timezone`` overrides it.
- ``CLEAN_BOILERPLATE_PATTERNS`` (default ``[]``): extra regexes; a body paragraph in which one is found is
  removed. A spider attribute ``boilerplate`` (a list of regexes) adds the site's own.

Stats: ``clean/boilerplate_removed`` (paragraphs), ``clean/boilerplate_removed/<rule>`` (per rule of
``newsbot.clean.boilerplate.RULES``, ``caption``, ``related_tail``, or ``extra``), ``clean/dates_unparsed``
(dates set to None), ``clean/mojibake_fixed`` (items with at least one field repaired).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from datetime import datetime, timezone as dt_timezone
from zoneinfo import ZoneInfo

from itemadapter import ItemAdapter

from newsbot.clean.boilerplate import remove_boilerplate
from newsbot.clean.dates import DEFAULT_TIMEZONE, parse_date, to_iso8601
from newsbot.clean.names import clean_authors, clean_tags, clean_title
from newsbot.clean.text import fix_mojibake, normalize_body, normalize_text, split_paragraphs

logger = logging.getLogger(__name__)


def _or_none(text: str) -> str | None:
    return text or None


class CleanArticlePipeline:
    def __init__(self, stats, timezone: str = DEFAULT_TIMEZONE, patterns=(), site_name: str | None = None):
        self.stats = stats
        self.timezone = timezone
        self.patterns = [re.compile(p) for p in patterns]
        self.site_name = site_name
        self._repaired = False  # whether the item being cleaned had mojibake

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls(crawler.stats, crawler.settings.get("NEWSBOT_TIMEZONE") or DEFAULT_TIMEZONE,
                       crawler.settings.getlist("CLEAN_BOILERPLATE_PATTERNS"))
        pipeline.crawler = crawler
        return pipeline

    def open_spider(self, spider=None):
        spider = spider or self.crawler.spider
        self.timezone = getattr(spider, "timezone", None) or self.timezone
        ZoneInfo(self.timezone)  # an unknown timezone fails here, not on every item
        site_patterns = getattr(spider, "boilerplate", None) or ()
        if isinstance(site_patterns, str):
            site_patterns = [site_patterns]
        self.patterns += [re.compile(p) for p in site_patterns]
        self.site_name = getattr(spider, "site_name", None)

    def process_item(self, item, spider=None):
        adapter = ItemAdapter(item)
        self._repaired = False
        now = parse_date(adapter.get("crawled_at"), self.timezone) or datetime.now(dt_timezone.utc)
        self._clean_texts(adapter)
        for field in ("published", "modified"):
            if field in adapter:
                adapter[field] = self._date(adapter[field], field, adapter, now)
        if adapter.get("modified") and _same_instant(adapter["modified"], adapter.get("published")):
            adapter["modified"] = None  # themes and the REST API give the publication time as "modified"
            adapter.get("extraction", {}).pop("modified", None)
        for comment in map(ItemAdapter, adapter.get("comments") or ()):
            self._clean_comment(comment, adapter, now)
        if self._repaired:
            self.stats.inc_value("clean/mojibake_fixed")
        return item

    def _repair(self, value: str | None) -> str:
        """``value`` with its mojibake repaired (remembered for the item's stat)."""
        if not value:
            return ""
        fixed = fix_mojibake(value)
        if fixed != value:
            self._repaired = True
        return fixed

    def _clean_texts(self, adapter: ItemAdapter) -> None:
        if "title" in adapter:
            adapter["title"] = _or_none(clean_title(self._repair(adapter["title"]), self.site_name))
        if "body" in adapter:
            adapter["body"] = _or_none(self._body(self._repair(adapter["body"])))
        if "authors" in adapter:
            adapter["authors"] = clean_authors(map(self._repair, adapter["authors"] or ()))
        if "tags" in adapter:
            adapter["tags"] = clean_tags(map(self._repair, adapter["tags"] or ()))
        if "section_name" in adapter:
            adapter["section_name"] = _or_none(normalize_text(self._repair(adapter["section_name"])))
        for image in map(ItemAdapter, adapter.get("images") or ()):
            for field in ("caption", "credit"):
                if field in image:
                    image[field] = _or_none(normalize_text(self._repair(image[field])))

    def _body(self, body: str) -> str:
        paragraphs = split_paragraphs(body, repair_encoding=False)
        kept, removed = remove_boilerplate(paragraphs, self.patterns)
        if removed:
            self.stats.inc_value("clean/boilerplate_removed", len(removed))
            for rule, count in Counter(paragraph.rule for paragraph in removed).items():
                self.stats.inc_value(f"clean/boilerplate_removed/{rule}", count)
        return "\n\n".join(kept)

    def _clean_comment(self, comment: ItemAdapter, article: ItemAdapter, now: datetime) -> None:
        if "author" in comment:
            comment["author"] = _or_none(normalize_text(self._repair(comment["author"])))
        if "text" in comment:
            comment["text"] = normalize_body(self._repair(comment["text"]))
        if "published" in comment:
            comment["published"] = self._date(comment["published"], "comment published", article, now)

    def _date(self, raw, field: str, article: ItemAdapter, now: datetime) -> str | None:
        if raw in (None, ""):
            return None
        iso = to_iso8601(raw, self.timezone, now)
        if iso is None:
            self.stats.inc_value("clean/dates_unparsed")
            logger.warning("Unparsed %s date %r on %s", field, raw, article.get("url"))
        return iso


def _same_instant(a: str, b: str | None) -> bool:
    """Two ISO 8601 dates that name the same instant (offsets may differ); False when either is unreadable."""
    try:
        return b is not None and datetime.fromisoformat(a) == datetime.fromisoformat(b)
    except (TypeError, ValueError):
        return False
