"""One worker's handle on a shared crawl: its keys, its Redis client, the atomic steps (``newsbot.frontier.lua``)
and the requests it has in flight. One per crawler (``shared_crawl(crawler)``), used by the scheduler, the
worker extension and the middlewares of ``newsbot.frontier``.

Settings (set by ``newsbot crawl --frontier``, see ``newsbot.frontier.frontier_settings``):
``NEWSBOT_FRONTIER_URL``, ``NEWSBOT_FRONTIER_SITE``, ``NEWSBOT_FRONTIER_RUN``, ``NEWSBOT_FRONTIER_WORKER``,
``NEWSBOT_WORKER_LEASE`` (seconds without a heartbeat after which a worker counts as dead).
"""

from __future__ import annotations

import time
import weakref

from newsbot import config
from newsbot.frontier import lua
from newsbot.frontier.connection import redis_client
from newsbot.frontier.keys import CrawlKeys


class SharedCrawl:
    def __init__(self, settings):
        self.keys = CrawlKeys(settings.get("NEWSBOT_FRONTIER_SITE"), settings.get("NEWSBOT_FRONTIER_RUN"))
        self.worker = settings.get("NEWSBOT_FRONTIER_WORKER")
        self.lease = config.number(settings, "NEWSBOT_WORKER_LEASE", minimum=1)
        self.client = redis_client(settings.get("NEWSBOT_FRONTIER_URL"))
        self.scripts = {name: self.client.register_script(getattr(lua, name))
                        for name in ("POP", "REQUEUE", "CLAIM_DEAD", "END_OF_RUN")}
        self.in_flight: dict = {}  # request popped by this worker -> its serialized form (its in-flight field)

    # -- requests --------------------------------------------------------------------------------------
    def pop(self) -> bytes | None:
        """The next serialized request, moved to this worker's in-flight hash in the same step."""
        return self.scripts["POP"](keys=[self.keys.queue, self.keys.in_flight(self.worker)])

    def track(self, request, data: bytes) -> None:
        self.in_flight[request] = data

    def settle(self, still_running) -> int:
        """Forget the requests that ``still_running(request)`` says are done; return how many."""
        done = [request for request in self.in_flight if not still_running(request)]
        if done:
            self.client.hdel(self.keys.in_flight(self.worker), *(self.in_flight.pop(r) for r in done))
        return len(done)

    def requeue(self, worker: str) -> int:
        """Put ``worker``'s requests in flight back in the queue; return how many."""
        return self.scripts["REQUEUE"](keys=[self.keys.in_flight(worker), self.keys.queue])

    # -- workers and the end of the run ----------------------------------------------------------------
    def dead_workers(self) -> list[str]:
        """Workers whose last heartbeat is older than the lease, each claimed by this worker alone."""
        cutoff = time.time() - self.lease
        stale = self.client.zrangebyscore(self.keys.heartbeats, "-inf", cutoff)
        return [name.decode() for name in stale
                if self.scripts["CLAIM_DEAD"](keys=[self.keys.heartbeats], args=[name, cutoff])]

    def mark_start_done(self) -> None:
        self.client.hset(self.keys.meta, "start_done", time.time())

    def claim_start(self) -> bool:
        """True when this worker schedules the start requests: the first to ask, or (after a kill) a
        worker of the same name taking its slot over before the start was complete."""
        meta = self.keys.meta
        if self.client.hsetnx(meta, "starter", self.worker):
            return True
        starter, start_done = self.client.hmget(meta, "starter", "start_done")
        return starter.decode() == self.worker and start_done is None

    def end_of_run(self) -> bool:
        """True when the run is over for every worker (decided atomically, once, in Redis)."""
        keys = self.keys
        return bool(self.scripts["END_OF_RUN"](keys=[keys.queue, keys.meta, keys.members],
                                               args=[keys.prefix, time.time()]))


_shared: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def shared_crawl(crawler) -> SharedCrawl:
    if crawler not in _shared:
        _shared[crawler] = SharedCrawl(crawler.settings)
    return _shared[crawler]
