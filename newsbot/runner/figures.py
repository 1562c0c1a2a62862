"""A run's figures, read from the crawler stats: one place that the close-of-run checks and the summary share.

Stats read: ``response_received_count``, ``newsbot/pages/<kind>``, ``newsbot/failed/<reason>``,
``newsbot/articles``, ``newsbot/skipped_before_since``, ``newsbot/other_section``,
``newsbot/extract_errors``, ``item_scraped_count``, ``item_dropped_reasons_count/DuplicateItem`` (items the
dedup pipeline dropped), ``dedup/updated``, ``dedup/seen_before``, ``spam/dropped``,
``spidermon/validation/items/dropped``, ``spider_exceptions/count``, ``newsbot/item_errors``, ``log_count/ERROR``,
``finish_reason``, ``start_time``, ``finish_time``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone


def stat_sum(stats: Mapping, prefix: str) -> int:
    """The sum of the counters whose key starts with ``prefix``."""
    return sum(v for k, v in stats.items() if k.startswith(prefix) and isinstance(v, int))


def stats_by_suffix(stats: Mapping, prefix: str) -> dict[str, int]:
    return {k[len(prefix):]: v for k, v in sorted(stats.items()) if k.startswith(prefix) and isinstance(v, int)}


def _seconds(start, finish) -> float | None:
    if not isinstance(start, datetime):
        return None
    finish = finish if isinstance(finish, datetime) else datetime.now(timezone.utc)
    return round((finish - start).total_seconds(), 1)


@dataclass(frozen=True)
class RunFigures:
    responses: int  # HTTP responses of any status, robots.txt included
    pages: dict[str, int]  # pages the spider parsed, by kind: listing, article, feed, sitemap
    failed_requests: int  # requests that failed for good (HTTP error status, or no response after retries)
    articles_found: int  # articles the spider extracted, before the pipelines
    excluded: int  # article pages deliberately left out: older than ``since``, or of another section
    items_written: int  # items that reached the feed
    updates: int  # items written again because their content or modified date changed
    duplicates_dropped: int  # copies dropped within the run (same URL, same text, near duplicate in drop mode)
    already_emitted: int  # unchanged articles that an earlier run emitted
    spam_dropped: int  # spam comments removed from articles
    invalid_dropped: int  # items dropped for failing the schema
    spider_errors: int  # exceptions in the spider's callbacks and item pipelines, failed extractions
    error_log_lines: int
    finish_reason: str | None
    duration_seconds: float | None
    skipped_known: int = 0  # article requests an incremental run left out: emitted before, not modified

    @classmethod
    def from_stats(cls, stats: Mapping) -> "RunFigures":
        get = stats.get
        already_emitted = get("dedup/seen_before", 0)
        return cls(
            responses=get("response_received_count", 0),
            pages=stats_by_suffix(stats, "newsbot/pages/"),
            failed_requests=stat_sum(stats, "newsbot/failed/"),
            articles_found=get("newsbot/articles", 0),
            excluded=get("newsbot/skipped_before_since", 0) + get("newsbot/other_section", 0),
            # superseded copies are removed from the feed when it is finalized (newsbot.pipelines.dedup)
            items_written=get("item_scraped_count", 0) - get("dedup/feed_removed", 0),
            updates=get("dedup/updated", 0),
            duplicates_dropped=(get("item_dropped_reasons_count/DuplicateItem", 0) - already_emitted
                                + get("dedup/feed_removed", 0)),
            already_emitted=already_emitted,
            spam_dropped=get("spam/dropped", 0),
            invalid_dropped=get("spidermon/validation/items/dropped", 0),
            spider_errors=(get("spider_exceptions/count", 0) + get("newsbot/item_errors", 0)
                           + get("newsbot/extract_errors", 0)),
            error_log_lines=get("log_count/ERROR", 0),
            finish_reason=get("finish_reason"),
            duration_seconds=_seconds(get("start_time"), get("finish_time")),
            skipped_known=get("incremental/skipped_known", 0),
        )

    @property
    def pages_total(self) -> int:
        return sum(self.pages.values())

    @property
    def new_articles(self) -> int:
        return self.items_written - self.updates

    @property
    def error_rate(self) -> float:
        """Failed requests over the requests the spider saw the end of (parsed pages plus failures)."""
        attempted = self.pages_total + self.failed_requests
        return self.failed_requests / attempted if attempted else 0.0

    @property
    def all_known(self) -> bool:
        """Every article met was a known duplicate, already emitted, or deliberately excluded (an
        incremental run that met only articles it did not fetch again counts)."""
        met = self.articles_found + self.excluded
        if met == 0:
            return self.skipped_known > 0
        return self.duplicates_dropped + self.already_emitted + self.excluded >= met
