"""One article cleaned: every text field normalized, boilerplate out, every date ISO 8601 with the site's offset.

A plain function over an item (an ``Article`` or a dict, read through ``item_fields``; fields a dict lacks are
left alone), so that the clean pipeline and ``newsbot extract`` clean alike; what it did comes back as a
``CleanReport`` for whoever counts it.

- ``title``: normalized, trimmed of the site name; ``body``: paragraphs normalized, boilerplate paragraphs
  removed (``newsbot.clean.boilerplate``), joined by one blank line, None when nothing is left;
- ``authors`` and ``tags``: trimmed, repeats dropped; ``section_name``, image captions and credits, comment
  authors: normalized; comment texts: normalized paragraph by paragraph (a comment is not a template);
- ``published``, ``modified``, comments' ``published``: ISO 8601, relative dates counted back from the item's
  ``crawled_at``; an unparsable date becomes None (logged). A ``modified`` at the instant of ``published``
  (themes and the REST API print the publication time as "updated") becomes None.

Mojibake from a wrong declared encoding is repaired in each of these fields first.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone as dt_timezone
from typing import Iterable

from newsbot.clean.boilerplate import remove_boilerplate
from newsbot.clean.dates import DEFAULT_TIMEZONE, parse_date, to_iso8601
from newsbot.clean.names import clean_authors, clean_tags, clean_title
from newsbot.clean.text import fix_mojibake, normalize_body, normalize_text, split_paragraphs
from newsbot.items import item_fields

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CleanRules:
    """What cleaning needs to know of the site."""

    timezone: str = DEFAULT_TIMEZONE  # of dates shown without an offset
    patterns: tuple[re.Pattern[str], ...] = ()  # extra boilerplate: a body paragraph one is found in is removed
    site_name: str | None = None  # trimmed from titles

    @classmethod
    def of(cls, timezone: str, patterns: Iterable[str], site_name: str | None) -> CleanRules:
        return cls(timezone, tuple(re.compile(p) for p in patterns), site_name)


@dataclass
class CleanReport:
    """What cleaning one article did."""

    boilerplate_removed: Counter[str] = field(default_factory=Counter)  # paragraphs removed, by rule
    dates_unparsed: int = 0
    mojibake_fixed: bool = False


def clean_article(item, rules: CleanRules) -> CleanReport:
    """Clean ``item`` in place; return what was done."""
    return _ArticleCleaning(item_fields(item), rules).run()


def _or_none(text: str) -> str | None:
    return text or None


def _same_instant(a: str, b: str | None) -> bool:
    """Two ISO 8601 dates that name the same instant (offsets may differ); False when either is unreadable."""
    try:
        return b is not None and datetime.fromisoformat(a) == datetime.fromisoformat(b)
    except (TypeError, ValueError):
        return False


class _ArticleCleaning:
    """The cleaning of one article, its report filled on the way."""

    def __init__(self, adapter, rules: CleanRules):
        self.adapter = adapter
        self.rules = rules
        self.report = CleanReport()

    def run(self) -> CleanReport:
        adapter = self.adapter
        now = parse_date(adapter.get("crawled_at"), self.rules.timezone) or datetime.now(dt_timezone.utc)
        self._texts()
        for name in ("published", "modified"):
            if name in adapter:
                adapter[name] = self._date(adapter[name], name, now)
        if adapter.get("modified") and _same_instant(adapter["modified"], adapter.get("published")):
            adapter["modified"] = None
            adapter.get("extraction", {}).pop("modified", None)
        for comment in map(item_fields, adapter.get("comments") or ()):
            self._comment(comment, now)
        return self.report

    def _repair(self, value: str | None) -> str:
        if not value:
            return ""
        fixed = fix_mojibake(value)
        if fixed != value:
            self.report.mojibake_fixed = True
        return fixed

    def _texts(self) -> None:
        adapter = self.adapter
        if "title" in adapter:
            adapter["title"] = _or_none(clean_title(self._repair(adapter["title"]), self.rules.site_name))
        if "body" in adapter:
            adapter["body"] = _or_none(self._body(self._repair(adapter["body"])))
        if "authors" in adapter:
            adapter["authors"] = clean_authors(map(self._repair, adapter["authors"] or ()))
        if "tags" in adapter:
            adapter["tags"] = clean_tags(map(self._repair, adapter["tags"] or ()))
        if "section_name" in adapter:
            adapter["section_name"] = _or_none(normalize_text(self._repair(adapter["section_name"])))
        for image in map(item_fields, adapter.get("images") or ()):
            for name in ("caption", "credit"):
                if name in image:
                    image[name] = _or_none(normalize_text(self._repair(image[name])))

    def _body(self, body: str) -> str:
        kept, removed = remove_boilerplate(split_paragraphs(body, repair_encoding=False), self.rules.patterns)
        self.report.boilerplate_removed.update(paragraph.rule for paragraph in removed)
        return "\n\n".join(kept)

    def _comment(self, comment, now: datetime) -> None:
        if "author" in comment:
            comment["author"] = _or_none(normalize_text(self._repair(comment["author"])))
        if "text" in comment:
            comment["text"] = normalize_body(self._repair(comment["text"]))
        if "published" in comment:
            comment["published"] = self._date(comment["published"], "comment published", now)

    def _date(self, raw, name: str, now: datetime) -> str | None:
        if raw in (None, ""):
            return None
        iso = to_iso8601(raw, self.rules.timezone, now)
        if iso is None:
            self.report.dates_unparsed += 1
            logger.warning("Unparsed %s date %r on %s", name, raw, self.adapter.get("url"))
        return iso
