"""Resume after a kill: what a killed run delivered is taken into the next run, as if one run had written it.

When a run opens, the store notes the feeds it may leave behind uncommitted (``pending_feeds``: its own
feed, and the files it recovered); on ``newsbot.signals.run_committed`` the note is cleared. A run that
finds the note was started after one that died (SIGKILL, power loss) before recording what it delivered:

1. when the extension is built (before the feed exporter opens this run's feed, which may have the same
   name), each pending feed's lines are put where no run writes: a ``<feed>.partial`` (killed during the
   crawl) has its complete lines appended to ``<feed stem>.recovered.jsonl`` beside it and is removed (a line
   cut by the kill is left out: its article is fetched again); a finished ``<feed>`` (killed between storing
   it and the store's commit) stays where it is, unless this run writes the same name: then it is moved
   into its recovered file too;
2. once the pipelines are open (``spider_opened``), those lines are replayed through the dedup pipeline
   into this run's own staged records, as the killed run had staged them. This run then skips them
   (``newsbot.middlewares.incremental``), and an earlier-published original it meets still supersedes a
   copy or rewrite the killed run delivered first: the files are announced with
   ``newsbot.signals.feed_recovered`` and get the same corrections as this run's feed when it commits
   (``newsbot.extensions.emitted_commit``). Over the runs every article is delivered once, in its original.

Why not Scrapy's ``JOBDIR``: its files are made for a graceful pause. After a SIGKILL the dupefilter's
``requests.seen`` holds requests that were scheduled but never answered (never made again: articles lost),
and the disk queue's state is the one of its last clean close. The store and the feed on disk are what a
SIGKILL cannot make inconsistent; the cost of a resumed run is the listing pages walked again.

A recovered line whose article another worker of a shared crawl delivers meanwhile (it took the killed
worker's requests over, or met an earlier-published original) is removed from the recovered file.

Stats: ``incremental/recovered_items`` (lines replayed from killed runs' feeds),
``incremental/recovered_emitted_elsewhere`` (recovered lines removed: another worker delivers the article),
``incremental/recovered_cut_lines`` (lines left out). No settings (enable it in ``EXTENSIONS``).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from scrapy import signals
from scrapy.statscollectors import MemoryStatsCollector

from newsbot.extensions.emitted_commit import correct_feed
from newsbot.pipelines.dedup import DeduplicationPipeline, DuplicateItem
from newsbot.runfiles import feed_path, sidecar_for
from newsbot.runner.atomic_feed import partial_path
from newsbot.signals import feed_recovered, run_committed
from newsbot.store import FeedCorrection, crawler_run_state, crawler_store

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


class RecoverKilledRun:
    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.store, self.run_state = crawler_store(crawler), crawler_run_state(crawler)
        self.recovered: list[Path] = []  # files holding what killed runs delivered, replayed into this run
        self.cut_lines = 0

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler)
        extension.take_pending_feeds()
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.run_committed, signal=run_committed)
        return extension

    @property
    def marker(self) -> str:
        """The marker's name: per spider, as spiders may share one store; in a shared crawl per site and
        worker name, which a worker started in a killed one's place takes over (``newsbot.frontier``)."""
        settings = self.crawler.settings
        worker = settings.get("NEWSBOT_FRONTIER_WORKER")
        scope = f":{settings.get('NEWSBOT_FRONTIER_SITE')}/{worker}" if worker else ""
        return f"pending_feeds:{self.crawler.spidercls.name}{scope}"

    def take_pending_feeds(self) -> None:
        """Step 1: every pending feed's complete lines in a file no run writes to."""
        pending = json.loads(self.run_state.marker(self.marker) or "[]")
        this_feed = feed_path(self.crawler)
        this_feed = this_feed.resolve() if this_feed is not None else None
        for feed in map(Path, pending):
            partial = partial_path(feed)
            if partial.exists() or (feed == this_feed and feed.exists()):
                source = partial if partial.exists() else feed
                lines, cut = complete_records(source)
                target = sidecar_for(feed, ".recovered.jsonl")
                append_durably(lines, target)
                source.unlink()
                self.cut_lines += cut
            elif feed.exists():
                target = feed
            else:
                continue
            if target not in self.recovered:
                self.recovered.append(target)

    def spider_opened(self, spider=None):
        """Step 2: replay the recovered lines into this run, then note what this run may leave behind."""
        replayed = self.replay() if self.recovered else 0
        own = feed_path(self.crawler)
        pending = [str(path) for path in self.recovered] + ([str(own.resolve())] if own is not None else [])
        self.run_state.set_marker(self.marker, json.dumps(pending) if pending else None)
        if self.recovered:
            self.stats.set_value("incremental/recovered_items", replayed)
            self.stats.set_value("incremental/recovered_cut_lines", self.cut_lines)
            logger.warning("Resume: %d articles that killed runs delivered in %s are taken into this run "
                           "(%d cut lines left out)", replayed, ", ".join(map(str, self.recovered)), self.cut_lines)

    def replay(self) -> int:
        """Stage the recovered articles as in the feed, through the dedup pipeline on this run's store (with
        stats of its own); announce the files for correction at commit. Return how many were staged."""
        settings = self.crawler.settings
        pipeline = DeduplicationPipeline.from_settings(settings, self.store, MemoryStatsCollector(self.crawler),
                                                       settings.get("NEWSBOT_WORKER_SLOT") or self.crawler.spidercls.name)
        staged = 0
        for path in self.recovered:
            emitted_elsewhere = {}
            for line in complete_records(path)[0]:
                record = json.loads(line)
                try:
                    pipeline.process_item(record)
                except DuplicateItem:
                    if not self.committed_as_is(record["canonical_url"]):
                        emitted_elsewhere[record["canonical_url"]] = FeedCorrection(record["canonical_url"], True, [], None)
                    continue
                self.store.mark_in_feed(record["canonical_url"])
                staged += 1
            if emitted_elsewhere:
                correct_feed(path, emitted_elsewhere)
                self.stats.inc_value("incremental/recovered_emitted_elsewhere", len(emitted_elsewhere))
            self.crawler.signals.send_catch_log(feed_recovered, path=path)
        self.store.flush()
        return staged

    def committed_as_is(self, canonical_url: str) -> bool:
        """True when the store holds this very article as emitted by a committed run (killed after its
        commit): its recovered line stays where it was delivered. Otherwise the article is held by another
        one, staged by a worker that took the killed one's requests over or committed since (a shared
        crawl), and its recovered line is removed: that worker's feed delivers it."""
        known = self.store.find_url(canonical_url)
        return known is not None and known.canonical_url == canonical_url and not known.staged

    def run_committed(self, committed: int):
        self.run_state.set_marker(self.marker, None)
