"""Resume after a kill: the feed a killed run wrote is kept, and its articles are recorded as emitted.

When a run opens, the store (``newsbot.store``) notes its feed's path (``pending_feed``); on
``newsbot.signals.run_committed`` the note is removed. A run that finds the note
was started after a run that died (SIGKILL, power loss) after writing some articles but before recording
them. Before its own crawl begins (this extension is built before the pipelines open), it takes the feed
that run left on disk:

- ``<feed>.partial`` (killed during the crawl): its complete lines (a line cut by the kill is left out, its
  article is fetched again) are appended to ``<feed stem>.recovered.jsonl`` beside it, and the partial file
  is removed. Why a recovered file rather than appending this run's items to the partial one: the default
  feed name carries the run's timestamp, so the killed run's file is not this run's, and with ``-O`` the
  new run would overwrite it; a file of its own keeps what was delivered, at a name no run writes to;
- ``<feed>`` (killed after the feed was stored, before the store was updated): the file stays where it is.

The lines are replayed through the dedup pipeline against the store (the decisions are those the killed run
took, since the store has not changed since), the file gets the dedup's corrections (copies superseded by
an earlier-published original are removed), and the articles are committed as emitted. This run then skips
them (``newsbot.middlewares.incremental``) or drops them as already emitted: over the two runs every article
is in one output exactly once.

Why not Scrapy's ``JOBDIR`` for this: its files are made for a graceful pause. After a SIGKILL the
dupefilter's ``requests.seen`` holds requests that were scheduled but never answered (they would never be
made again: articles lost, and the start requests themselves are filtered), and the disk queue's state is
the one of its last clean close. The store and the feed on disk are what a SIGKILL cannot make inconsistent;
the cost of a resumed run is the listing pages walked again (one per ten articles), not the articles.

Stats: ``incremental/recovered_items`` (lines committed from a killed run's feed),
``incremental/recovered_cut_lines`` (lines left out). No settings (enable it in ``EXTENSIONS``).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.statscollectors import MemoryStatsCollector

from newsbot.extensions.emitted_commit import correct_feed
from newsbot.pipelines.dedup import DeduplicationPipeline, DuplicateItem
from newsbot.runfiles import feed_path, sidecar_for
from newsbot.runner.atomic_feed import partial_path
from newsbot.signals import run_committed
from newsbot.store import crawler_store, release_crawler_store

logger = logging.getLogger(__name__)



def complete_records(path: Path) -> tuple[list[bytes], int]:
    """The lines of a JSON Lines file that are whole JSON objects, and how many were left out."""
    kept, cut = [], 0
    for line in path.read_bytes().splitlines(keepends=True):
        try:
            whole = line.endswith(b"\n") and isinstance(json.loads(line), dict)
        except ValueError:
            whole = False
        if whole:
            kept.append(line)
        elif line.strip():
            cut += 1
    return kept, cut


def append_durably(lines: list[bytes], path: Path) -> None:
    with path.open("ab") as target:
        target.writelines(lines)
        target.flush()
        os.fsync(target.fileno())


class ReplayCrawler:
    """What ``DeduplicationPipeline.from_crawler`` reads, with stats of its own (not the run's)."""

    def __init__(self, crawler):
        self.settings = crawler.settings
        self.stats = MemoryStatsCollector(crawler)


class RecoverKilledRun:
    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler)
        extension.recover()
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.run_committed, signal=run_committed)
        return extension

    @property
    def store(self):
        return crawler_store(self.crawler)

    @property
    def pending_feed(self) -> str:
        """The marker's name: per spider, as spiders may share one store."""
        return f"pending_feed:{self.crawler.spidercls.name}"

    def spider_opened(self, spider=None):
        feed = feed_path(self.crawler)
        if feed is not None:
            self.store.set_marker(self.pending_feed, str(feed.resolve()))

    def run_committed(self, committed: int):
        self.store.set_marker(self.pending_feed, None)

    # -- recovery --------------------------------------------------------------------------------------
    def recover(self) -> None:
        pending = self.store.marker(self.pending_feed)
        if pending is None:
            return
        final = Path(pending)
        if partial_path(final).exists():
            lines, cut = complete_records(partial_path(final))
            target = sidecar_for(final, ".recovered.jsonl")
            append_durably(lines, target)
            partial_path(final).unlink()
        elif final.exists():
            (lines, cut), target = complete_records(final), final
        else:
            lines, cut, target = [], 0, None
        committed = self.replay(lines, target) if target is not None else 0
        self.store.set_marker(self.pending_feed, None)
        self.stats.set_value("incremental/recovered_items", committed)
        self.stats.set_value("incremental/recovered_cut_lines", cut)
        logger.warning("Resume: a killed run left %s; %d articles recorded as emitted (%d cut lines left out)",
                       target or f"no feed at {final}", committed, cut)

    def replay(self, lines: list[bytes], target: Path) -> int:
        """Run the lines through the dedup pipeline, correct ``target``, commit; return how many committed."""
        replay_crawler = ReplayCrawler(self.crawler)
        pipeline = DeduplicationPipeline.from_crawler(replay_crawler)
        store = crawler_store(replay_crawler)  # the pipeline's own connection, closed at the end
        try:
            pipeline.open_spider()  # discards the killed run's staged records
            for line in lines:
                record = json.loads(line)
                try:
                    pipeline.process_item(record)
                except DuplicateItem:
                    continue
                store.mark_in_feed(ItemAdapter(record)["canonical_url"])
            store.flush()
            corrections = store.feed_corrections()
            if corrections:
                correct_feed(target, corrections)
            return store.commit_run()
        finally:
            release_crawler_store(replay_crawler)
