"""Joining and leaving a shared crawl: the run lock in Redis, worker names, the results of every worker.

- The site's lock (``newsbot:<site>:lock``) names the run that holds it: a worker of that run joins it, a
  worker of another run is refused (``RunLocked``, exit 3): one run of a site at a time, as the file lock
  gives one process.
- A worker name belongs to one live process: a worker started with the name of one whose heartbeat is
  younger than the lease waits for the lease to lapse (a replacement for a killed worker starts at once
  with systemd's ``Restart=``), then is refused (``WorkerBusy``, exit 3) if it is still beating.
- From joining to leaving a thread beats every ``NEWSBOT_FRONTIER_TICK`` seconds (the worker's heartbeat,
  which also keeps the crawl's keys from expiring: ``NEWSBOT_FRONTIER_KEY_TTL``), whatever the crawl is
  doing (starting up, parsing a large page).
- Leaving records what the worker did (its summary's figures) and puts back anything it still had in
  flight; the last worker to leave a finished run deletes every key of the crawl and the lock, and gets
  the results of every worker that took part.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field

from newsbot.frontier import lua
from newsbot.frontier.keys import CrawlKeys
from newsbot.runfiles import run_timestamp
from newsbot.runner.lock import LockHeld


class RunLocked(LockHeld):
    pass


class WorkerBusy(LockHeld):
    pass


@dataclass
class Membership:
    client: object
    keys: CrawlKeys
    worker: str
    started: str  # the run's start (UTC timestamp): names the folder of its feeds
    stop: threading.Event = field(default_factory=threading.Event)
    beating: threading.Thread | None = None

    def beat(self, key_ttl: int) -> None:
        """Say this worker is alive; keep the crawl's keys from expiring while anyone works on it."""
        keys = self.keys
        with self.client.pipeline(transaction=False) as pipe:
            pipe.zadd(keys.heartbeats, {self.worker: time.time()})
            for key in (keys.lock, keys.queue, keys.dupefilter, keys.meta, keys.heartbeats, keys.members,
                        keys.results, keys.coverage, keys.in_flight(self.worker)):
                pipe.expire(key, key_ttl)
            pipe.execute()

    def keep_beating(self, interval: float, key_ttl: int) -> None:
        def beating():
            while not self.stop.wait(interval):
                try:
                    self.beat(key_ttl)
                except Exception:  # Redis away for a moment: the next beat tries again
                    continue

        self.beating = threading.Thread(target=beating, name=f"heartbeat-{self.keys.site}", daemon=True)
        self.beating.start()

    def leave(self, result: dict) -> dict[str, dict] | None:
        """Leave the crawl with ``result``; the last to leave a finished run gets every worker's result and
        deletes the crawl's keys. Returns those results, or None."""
        self.stop.set()
        if self.beating is not None:
            self.beating.join()  # no beat after the worker left
        keys = self.keys
        results = self.client.register_script(lua.LEAVE)(
            keys=[keys.heartbeats, keys.results, keys.meta, keys.in_flight(self.worker), keys.queue],
            args=[self.worker, json.dumps(result, ensure_ascii=False)])
        if not results:
            return None
        clear_crawl(self.client, keys)
        pairs = iter(results)
        return {name.decode(): json.loads(value) for name, value in zip(pairs, pairs)}


def clear_crawl(client, keys: CrawlKeys) -> int:
    """Delete every key of the crawl, and the site's lock if this run holds it; return how many keys."""
    names = list(client.scan_iter(match=keys.prefix + "*", count=1000))
    deleted = client.delete(*names) if names else 0
    if client.get(keys.lock) == keys.run.encode():
        deleted += client.delete(keys.lock)
    return deleted


def join(client, keys: CrawlKeys, worker: str, lease: float) -> Membership:
    """Join (or start) the crawl as ``worker``; ``RunLocked`` or ``WorkerBusy`` when it may not."""
    script = client.register_script(lua.JOIN)
    deadline = time.monotonic() + lease + 1
    while True:
        outcome, value = script(keys=[keys.lock, keys.meta, keys.heartbeats, keys.members],
                                args=[keys.run, worker, time.time(), lease, run_timestamp()])
        outcome, value = outcome.decode(), value.decode()
        if outcome == "joined":
            return Membership(client, keys, worker, value)
        if outcome == "locked":
            raise RunLocked(keys.lock, f"run {value!r} of site {keys.site!r} is going on; join it with --run {value}")
        if time.monotonic() > deadline:
            raise WorkerBusy(keys.heartbeats, f"worker {worker!r} of run {keys.run!r} is alive (last heartbeat "
                                              f"{time.time() - float(value):.0f} s ago): give another --worker")
        time.sleep(0.5)  # a live worker's heartbeat lapses only with time: wait for it, within one lease
