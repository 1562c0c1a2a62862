"""A worker's part in a shared crawl (an extension): heartbeat, in-flight bookkeeping, dead workers, the end.

Every ``NEWSBOT_FRONTIER_TICK`` seconds the worker (whose heartbeat a thread of its own sends from the
moment it joined, ``newsbot.frontier.membership``):

- settles its in-flight requests: a request popped from the queue stays in the worker's in-flight hash
  until Scrapy's engine is done with it, i.e. its response went through the callback and every item it
  produced was written to the feed or dropped (the engine keeps a request in progress until then; Scrapy
  has no signal for that moment, so the engine's set of requests in progress is read);
- recovers workers whose heartbeat is older than ``NEWSBOT_WORKER_LEASE``: sends
  ``newsbot.signals.worker_lost`` with the dead worker's slot (the store forgets what it staged and never
  delivered), then puts its requests in flight back in the queue;
- wakes the engine, which otherwise asks an idle scheduler for work every 5 s only.

A worker whose queue runs dry does not close: the run ends for every worker at once, when the start
requests were all scheduled, the queue is empty and no worker has a request in flight (``lua.END_OF_RUN``,
checked when the engine is idle). A worker idle for ``NEWSBOT_FRONTIER_IDLE_TIMEOUT`` seconds while the run
does not end (the only worker that could finish it died and nobody took its place) closes with the finish
reason ``frontier_idle_timeout``. A worker started with the name of a killed one re-queues what that one
had in flight once its own store and feed have taken over the slot (on ``spider_opened``, after the
dedup pipeline and ``newsbot.extensions.recover_feed``).

Stats: ``frontier/requeued`` (requests of dead workers put back), ``frontier/workers_lost``,
``frontier/scheduled_start`` (1 on the worker that scheduled the start requests).
"""

from __future__ import annotations

import logging
import time

from scrapy import signals
from scrapy.exceptions import CloseSpider, DontCloseSpider
from twisted.internet.task import LoopingCall

from newsbot import config
from newsbot.frontier.shared_crawl import shared_crawl
from newsbot.signals import worker_lost

logger = logging.getLogger(__name__)


class FrontierWorker:
    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.shared = shared_crawl(crawler)
        self.tick_seconds = config.number(crawler.settings, "NEWSBOT_FRONTIER_TICK", minimum=0.05)
        self.idle_timeout = config.number(crawler.settings, "NEWSBOT_FRONTIER_IDLE_TIMEOUT", minimum=1)
        self.idle_since: float | None = None
        self.loop = LoopingCall(self.tick)

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider=None):
        left = self.shared.requeue(self.shared.worker)  # a killed predecessor's, now that the slot is ours
        if left:
            logger.warning("Frontier: %d requests the previous worker %s had in flight are back in the queue",
                           left, self.shared.worker)
            self.stats.inc_value("frontier/requeued", left)
        self.loop.start(self.tick_seconds, now=False)

    def tick(self) -> None:
        try:
            self.settle()
            if self.shared.in_flight:
                self.idle_since = None
            for dead in self.shared.dead_workers():
                self.recover(dead)
        except Exception:  # a Redis hiccup must not stop the loop: the next tick tries again
            logger.exception("Frontier: tick failed")
        engine = self.crawler.engine
        if engine is not None and engine._slot is not None:
            engine._slot.nextcall.schedule()

    def settle(self) -> None:
        engine = self.crawler.engine
        in_progress = engine._slot.inprogress if engine is not None and engine._slot is not None else set()
        self.shared.settle(in_progress.__contains__)

    def recover(self, dead: str) -> None:
        slot = self.shared.keys.slot(dead)
        logger.warning("Frontier: worker %s stopped beating for over %ss: taking its requests back", dead,
                       self.shared.lease)
        self.crawler.signals.send_catch_log(worker_lost, slot=slot)
        requeued = self.shared.requeue(dead)
        self.stats.inc_value("frontier/workers_lost")
        self.stats.inc_value("frontier/requeued", requeued)
        logger.warning("Frontier: %d requests of %s back in the queue", requeued, dead)

    def spider_idle(self, spider=None):
        self.settle()
        if self.shared.end_of_run():
            return
        now = time.monotonic()
        self.idle_since = self.idle_since or now
        if now - self.idle_since > self.idle_timeout:
            raise CloseSpider("frontier_idle_timeout")
        raise DontCloseSpider

    def spider_closed(self, spider=None, reason=None):
        if self.loop.running:
            self.loop.stop()
        self.settle()
