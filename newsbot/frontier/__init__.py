"""A crawl shared by many workers on many machines through Redis (``newsbot crawl --frontier redis://…``).

Modules, one concern each:

- ``keys``: the Redis keys of one shared crawl (``newsbot:<site>:<run>:…``) and the site's run lock;
- ``connection``: one Redis client (one connection pool) per process;
- ``lua``: the atomic steps (join, pop into flight, re-queue, end of run, leave, politeness tokens);
- ``membership``: joining and leaving a run, the lock, every worker's results;
- ``shared_crawl``: one worker's handle on the crawl, shared by the components below;
- ``scheduler``: scrapy-redis's queue and dupefilter, fitted to Scrapy 2.19 and to many workers;
- ``start``: the spider's start requests, scheduled by one worker only;
- ``worker``: heartbeat, in-flight requests, dead workers' recovery, the end of the run for all;
- ``politeness``: one site's concurrency limit held across the pool;
- ``coverage_pool``: the run's coverage added up over every worker;
- ``sites``: the ``--sites`` file (several sites crawled by the same pool).

Nothing here is imported without ``--frontier``; without it a crawl is one process, as before.
"""

from __future__ import annotations

from newsbot.frontier.keys import CrawlKeys


def frontier_settings(settings, url: str, keys: CrawlKeys, worker: str, started: str) -> dict:
    """The settings that put a crawl with ``settings`` onto the shared frontier as ``worker``."""
    return {
        "NEWSBOT_FRONTIER_URL": url,
        "NEWSBOT_FRONTIER_SITE": keys.site,
        "NEWSBOT_FRONTIER_RUN": keys.run,
        "NEWSBOT_FRONTIER_WORKER": worker,
        "NEWSBOT_WORKER_SLOT": keys.slot(worker),
        "SCHEDULER": "newsbot.frontier.scheduler.FrontierScheduler",
        "DUPEFILTER_CLASS": "newsbot.frontier.scheduler.FrontierDupeFilter",
        "EXTENSIONS": {**settings.getdict("EXTENSIONS"), "newsbot.frontier.worker.FrontierWorker": 200,
                       "newsbot.frontier.coverage_pool.PooledCoverage": 400},
        "SPIDER_MIDDLEWARES": {**settings.getdict("SPIDER_MIDDLEWARES"), "newsbot.frontier.start.SharedStart": 1},
        "DOWNLOADER_MIDDLEWARES": {**settings.getdict("DOWNLOADER_MIDDLEWARES"),
                                   "newsbot.frontier.politeness.PoolPoliteness": 950},
        "FEEDS": settings.getdict("FEEDS") or {
            settings.get("NEWSBOT_FRONTIER_FEED") % {"site": keys.site, "started": started, "worker": worker}:
                {"format": "jsonlines", "encoding": "utf-8"}},
    }
