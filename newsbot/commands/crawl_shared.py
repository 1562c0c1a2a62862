"""``newsbot crawl --frontier redis://HOST:PORT/DB``: this process joins (or starts) a crawl shared by workers.

``newsbot crawl SPIDER --frontier URL [--worker NAME] [--run NAME] [-a …] [-s …] [-o|-O FILE]`` crawls one
site; ``newsbot crawl --sites FILE --frontier URL …`` every site of the file (``newsbot.frontier.sites``),
one crawler per site in this process. Any number of such processes, on any machines, share each site's
queue and dupefilter in Redis (``newsbot.frontier``) and, with ``NEWSBOT_STORE_URI=postgresql://…``, one
store. Each worker writes its own atomic feed, by default
``output/<site>/<the run's start>/<worker>.jsonl`` (``NEWSBOT_FRONTIER_FEED``), and its own log,
``<NEWSBOT_LOG_DIR>/<site or sites file>/<timestamp>-<worker>.log``. Everything else is ``newsbot crawl``'s:
checks, exit codes, the summary beside the feed, which says here how many workers joined and, from the last
worker to leave, what each did.

Instead of the file lock, the run lock is in Redis (``newsbot.frontier.membership``): a worker of another
run of a site that is being crawled, or with the name of a live worker, exits 3; a Redis server that does
not answer, 8.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
from pathlib import Path
from urllib.parse import urlparse

from scrapy.crawler import Crawler
from scrapy.settings import SETTINGS_PRIORITIES

from newsbot import config
from newsbot.commands.crawl import (UsageError, command_settings, crawler_process, load_spider, log_file,
                                    not_started, record_crash, report, run_outcome, spider_arguments)
from newsbot.frontier import frontier_settings
from newsbot.frontier.connection import FrontierUnreachable, checked_client
from newsbot.frontier.keys import CrawlKeys, check_name
from newsbot.frontier.membership import join
from newsbot.frontier.sites import SiteEntry, SitesFileError, read_sites
from newsbot.runner.console import ProgressLine, Terminal, TerminalWarnings
from newsbot.runner.exit_codes import ExitCode, worst
from newsbot.runner.lock import LockHeld

logger = logging.getLogger(__name__)

SHARED_STORE_SCHEMES = ("postgresql", "postgres")


def sites_of(args, settings) -> list[tuple[SiteEntry, type]]:
    """The sites this worker crawls, each with its spider class."""
    if args.sites:
        if args.spider or args.spargs or args.output or args.overwrite_output:
            raise UsageError("--sites FILE takes no SPIDER, -a, -o or -O: each site's are in the file")
        try:
            sites = read_sites(Path(args.sites))
        except SitesFileError as error:
            raise UsageError(str(error)) from None
    elif args.spider:
        sites = [SiteEntry(args.spider, args.spider, spider_arguments(args))]
    else:
        raise UsageError("give a spider (scrapy list) or --sites FILE")
    return [(site, load_spider(settings, site.spider)) for site in sites]


def worker_result(summary: dict | None, crawler) -> dict:
    """What one worker did, as the last worker's summary lists it."""
    if summary is None:
        return {"exit_code": int(ExitCode.USAGE), "items_written": 0, "pages_total": 0}
    stats = crawler.stats.get_stats()
    return {"exit_code": summary["exit_code"], "items_written": summary["items_written"],
            "pages_total": summary["pages_total"], "duplicates_dropped": summary["duplicates_dropped"],
            "requeued": stats.get("frontier/requeued", 0), "workers_lost": stats.get("frontier/workers_lost", 0),
            "feed": summary["feed"]}


def check_shared_store(settings) -> None:
    """Refuse the default SQLite file for a shared crawl: the workers of one machine would all open it, and
    each one's ``begin_run`` would discard what the others staged (articles lost). A SQLite file set on
    purpose (one per worker) is allowed, with the warning that copies across workers go unnoticed."""
    uri = settings.get("NEWSBOT_STORE_URI")
    set_explicitly = settings.getpriority("NEWSBOT_STORE_URI") > SETTINGS_PRIORITIES["project"]
    if urlparse(uri).scheme not in SHARED_STORE_SCHEMES and not set_explicitly:
        raise UsageError(f"a shared crawl needs a store its workers share, not the default {uri}: "
                         "-s NEWSBOT_STORE_URI=postgresql://… (or a SQLite file of this worker's own, set explicitly)")


def run_shared(args, terminal: Terminal, progress: bool) -> int:
    try:
        settings = command_settings(args)
        worker = check_name("worker", args.worker or f"{socket.gethostname()}-{os.getpid()}")
        run_name = check_name("run", args.run_name)
        sites = sites_of(args, settings)
        lease = config.number(settings, "NEWSBOT_WORKER_LEASE", minimum=1)
        tick = config.number(settings, "NEWSBOT_FRONTIER_TICK", minimum=0.05)
        key_ttl = config.number(settings, "NEWSBOT_FRONTIER_KEY_TTL", int, minimum=60)
        check_shared_store(settings)
    except (UsageError, ValueError) as error:  # InvalidSetting is a ValueError
        print(f"newsbot crawl: {error}", file=sys.stderr)
        return ExitCode.USAGE
    try:
        client = checked_client(args.frontier)
    except FrontierUnreachable as error:
        terminal.write(f"newsbot crawl: {error}; this worker did nothing")
        return ExitCode.FRONTIER_UNREACHABLE
    memberships = []
    try:
        for site, _ in sites:
            memberships.append(join(client, CrawlKeys(site.name, run_name), worker, lease))
            memberships[-1].keep_beating(tick, key_ttl)
    except LockHeld as held:
        for membership in memberships:
            membership.leave({"exit_code": int(ExitCode.LOCKED), "items_written": 0, "pages_total": 0})
        terminal.write(f"newsbot crawl: {held}; this worker did nothing")
        return ExitCode.LOCKED

    log_path = log_file(settings, args.spider or Path(args.sites).stem, f"-{worker}")
    process = crawler_process(settings)
    logging.root.addHandler(TerminalWarnings(terminal))
    if urlparse(settings.get("NEWSBOT_STORE_URI")).scheme not in SHARED_STORE_SCHEMES:
        logger.warning("the store %s serves one worker (give each its own file): copies of an article that "
                       "other workers fetch are not recognised; workers share NEWSBOT_STORE_URI=postgresql://…",
                       settings.get("NEWSBOT_STORE_URI"))
    runs = []
    for (site, spidercls), membership in zip(sites, memberships):
        site_settings = settings.copy()
        site_settings.setdict(site.settings, priority="cmdline")
        site_settings.setdict(frontier_settings(site_settings, args.frontier, membership.keys, worker,
                                                membership.started), priority="cmdline")
        crawler = Crawler(spidercls, site_settings)
        crashes: list[BaseException] = []
        record_crash(process.crawl(crawler, **site.args), crashes)
        runs.append((site, crawler, membership, crashes))
    progress_line = ProgressLine(runs[0][1], terminal) if progress and len(runs) == 1 else None
    process.start()
    del progress_line

    codes = []
    for site, crawler, membership, crashes in runs:
        summary = run_outcome(crawler, site.name, crashes, log_path)
        joined = client.scard(membership.keys.members)
        results = membership.leave(worker_result(summary, crawler))
        if summary is None:
            codes.append(not_started(site.name, crashes, log_path, terminal))
            continue
        summary["frontier"] = {"site": site.name, "run": run_name, "worker": worker,
                               "slot": membership.keys.slot(worker), "workers_joined": joined,
                               "workers": results}
        codes.append(report(summary, crawler, terminal))
    return ExitCode.USAGE if ExitCode.USAGE in codes else worst(codes)
