"""The Redis keys of one shared crawl: ``newsbot:<site>:<run>:…``, and the site's run lock.

A *crawl* is one site (a spider, or an entry of a ``--sites`` file) in one run; every key it uses starts with
its prefix, so clearing a crawl is deleting ``newsbot:<site>:<run>:*`` and ``newsbot:<site>:lock``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NAME = re.compile(r"^[A-Za-z0-9_.-]{1,100}$")  # site, run and worker names: no ':' or '/' (they separate them)


def check_name(kind: str, value: str) -> str:
    if not NAME.match(value or ""):
        raise ValueError(f"invalid {kind} name {value!r}: letters, digits, '_', '.', '-' only (at most 100)")
    return value


@dataclass(frozen=True)
class CrawlKeys:
    site: str
    run: str

    @property
    def prefix(self) -> str:
        return f"newsbot:{self.site}:{self.run}:"

    @property
    def lock(self) -> str:
        """The site's run lock: the name of the run that holds it."""
        return f"newsbot:{self.site}:lock"

    @property
    def queue(self) -> str:
        return self.prefix + "queue"  # sorted set of serialized requests, score -priority (scrapy-redis)

    @property
    def dupefilter(self) -> str:
        return self.prefix + "seen"  # set of request fingerprints

    @property
    def meta(self) -> str:
        return self.prefix + "meta"  # hash: started (UTC timestamp), starter, start_done, done

    @property
    def heartbeats(self) -> str:
        return self.prefix + "heartbeats"  # sorted set: worker -> time of its last heartbeat

    @property
    def members(self) -> str:
        return self.prefix + "members"  # set: every worker that joined the run

    @property
    def results(self) -> str:
        return self.prefix + "results"  # hash: worker -> JSON of what it did (its summary's figures)

    @property
    def coverage(self) -> str:
        return self.prefix + "coverage"  # list of every worker's coverage facts (pickled)

    def in_flight(self, worker: str) -> str:
        return self.prefix + f"inflight:{worker}"  # hash: serialized request -> its queue score

    def tokens(self, domain: str) -> str:
        return self.prefix + f"tokens:{domain}"  # sorted set: request token -> lease expiry (politeness)

    def slot(self, worker: str) -> str:
        """The worker's slot: what the store calls its run (``DedupStore.begin_run``)."""
        return f"{self.site}:{self.run}/{worker}"
