"""Record articles as emitted only once the feed that holds them is complete.

Works with ``newsbot.pipelines.dedup.DeduplicationPipeline``, the last pipeline, which stages what it emits
in the store (``newsbot.store``). This extension:

- on ``item_scraped`` (the item went to the feed exporter) marks its staged record as in the feed;
- on ``feed_slot_closed`` remembers each local JSON Lines feed file, and on ``newsbot.signals.feed_recovered``
  each file of a killed run's articles taken into this one;
- on ``feed_exporter_closed`` (every feed stored), if no feed failed to store: rewrites those files
  without the copies superseded by an earlier-published original and with corrected ``aliases`` and
  ``near_duplicate_of`` (written to a temporary file, then renamed over the feed), and only then commits
  the run in the store and sends ``newsbot.signals.run_committed``;
- on ``engine_stopped`` closes the store.

A run killed before ``feed_exporter_closed`` commits nothing: its staged records are discarded by the
next run, whose pipeline emits those articles again when it meets them. Without a feed (no ``FEEDS``)
nothing is ever committed.

No settings of its own (enable it in ``EXTENSIONS``). Stats: ``dedup/committed`` (articles recorded as
emitted), ``dedup/feed_removed`` and ``dedup/feed_corrected`` (feed lines removed and rewritten),
``dedup/feed_not_corrected`` (feeds that needed corrections but are not local JSON Lines files),
``dedup/commit_skipped`` (1 when a feed failed to store).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from itemadapter import ItemAdapter
from scrapy import signals

from newsbot.signals import feed_recovered, run_committed
from newsbot.store import FeedCorrection, crawler_store, release_crawler_stores

logger = logging.getLogger(__name__)

JSON_LINES_FORMATS = ("jsonlines", "jsonl", "jl")


def correct_feed(path: Path, corrections: dict[str, FeedCorrection]) -> tuple[int, int]:
    """Apply ``corrections`` to the JSON Lines feed at ``path`` in place; return (removed, rewritten)."""
    removed = rewritten = 0
    temporary = path.with_name(path.name + ".dedup-tmp")
    with path.open("rb") as source, temporary.open("wb") as target:
        for line in source:
            record = json.loads(line) if line.strip() else None
            correction = corrections.get(record.get("canonical_url")) if isinstance(record, dict) else None
            if correction is None:
                target.write(line)
            elif correction.remove:
                removed += 1
            else:
                record["aliases"] = correction.aliases
                record["near_duplicate_of"] = correction.near_duplicate_of
                target.write(json.dumps(record, ensure_ascii=False).encode() + b"\n")
                rewritten += 1
        target.flush()
        os.fsync(target.fileno())
    os.replace(temporary, path)
    return removed, rewritten


class EmittedCommit:
    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.feed_files: list[Path] = []
        self.uncorrectable_feeds = 0

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(extension.feed_slot_closed, signal=signals.feed_slot_closed)
        crawler.signals.connect(extension.feed_recovered, signal=feed_recovered)
        crawler.signals.connect(extension.feed_exporter_closed, signal=signals.feed_exporter_closed)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    @property
    def store(self):
        return crawler_store(self.crawler)

    def item_scraped(self, item):
        self.store.mark_in_feed(ItemAdapter(item)["canonical_url"])

    def feed_slot_closed(self, slot):
        path = getattr(slot.storage, "path", None)
        if path is not None and slot.format in JSON_LINES_FORMATS:
            self.feed_files.append(Path(path))
        else:
            self.uncorrectable_feeds += 1

    def feed_recovered(self, path: Path):
        self.feed_files.append(path)

    def feed_exporter_closed(self):
        failed = sum(v for k, v in self.stats.get_stats().items() if k.startswith("feedexport/failed_count/"))
        if failed:
            logger.error("Dedup: %d feed(s) failed to store; this run's articles are not recorded as emitted", failed)
            self.stats.set_value("dedup/commit_skipped", 1)
            return
        self.store.flush()
        corrections = self.store.feed_corrections()
        if corrections:
            self._correct_feeds(corrections)
        committed = self.store.commit_run()
        self.stats.set_value("dedup/committed", committed)
        logger.info("Dedup: %d articles recorded as emitted", committed)
        self.crawler.signals.send_catch_log(run_committed, committed=committed)

    def _correct_feeds(self, corrections: dict[str, FeedCorrection]) -> None:
        for path in self.feed_files:
            removed, rewritten = correct_feed(path, corrections)
            self.stats.inc_value("dedup/feed_removed", removed)
            self.stats.inc_value("dedup/feed_corrected", rewritten)
        if self.uncorrectable_feeds:
            logger.warning(
                "Dedup: %d feed(s) are not local JSON Lines files; superseded copies stay in them",
                self.uncorrectable_feeds,
            )
            self.stats.set_value("dedup/feed_not_corrected", self.uncorrectable_feeds)

    def engine_stopped(self):
        release_crawler_stores(self.crawler)
