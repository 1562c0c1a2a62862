"""Run a spider as ``scrapy crawl`` does, made for cron: a lock, a log file, an atomic feed, checks, exit codes.

``newsbot crawl SPIDER [-a NAME=VALUE]… [-s NAME=VALUE]… [-o|-O FILE]`` takes the arguments of
``scrapy crawl`` and runs the crawl in this process with ``CrawlerProcess`` and the project settings
(``SCRAPY_SETTINGS_MODULE``, by default ``newsbot.settings``), so the crawl is exactly ``scrapy crawl``'s.
Around it:

- a per-spider lock (``<NEWSBOT_LOCK_DIR>/<spider>.lock``): a second run started while one is running
  exits at once with code 3;
- the full log in ``<NEWSBOT_LOG_DIR>/<spider>/<UTC timestamp>.log`` (unless ``-s LOG_FILE=…``); the
  terminal gets only warnings, the summary and, on a TTY, a live progress line;
- quiet mode (``--quiet``, the default when stderr is not a TTY, e.g. under cron): nothing is printed
  unless the run fails, then the held-back warnings and the summary are;
- the feed is written to ``<feed>.partial`` and renamed into place when the run ends
  (``newsbot.runner.atomic_feed``); a killed run leaves only its ``.partial`` file;
- close-of-run checks (Spidermon, ``newsbot.runner.checks``) decide the exit code
  (``newsbot.runner.exit_codes``: 0 ok, 1 checks failed, 2 usage, 3 locked, 4 site not reached,
  5 nothing extracted, 6 unfinished);
- a summary on stderr and as JSON beside the feed (``<feed>.summary.json``).

Why in-process rather than a ``scrapy crawl`` subprocess: the command reads the crawler's stats and the
feed's resolved path directly (no log parsing), draws the progress line from the crawler's signals, and
the lock is held by the very process that crawls, so when it dies the lock goes with it.

Settings: ``NEWSBOT_LOCK_DIR`` (``output/.state``), ``NEWSBOT_LOG_DIR`` (``output/logs``); the checks'
settings are listed in ``newsbot.runner.checks``.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from scrapy.crawler import AsyncCrawlerProcess, CrawlerProcess
from scrapy.exceptions import UsageError as ScrapyUsageError
from scrapy.spiderloader import get_spider_loader
from scrapy.utils.conf import arglist_to_dict, feed_process_params_from_cli
from scrapy.utils.project import get_project_settings
from twisted.internet.defer import Deferred

from newsbot.runfiles import feed_path, run_timestamp, sidecar_path
from newsbot.runner.console import ProgressLine, Terminal, TerminalWarnings
from newsbot.runner.exit_codes import ExitCode, worst
from newsbot.runner.lock import LockHeld, run_lock
from newsbot.runner.summary import build_summary, format_summary, write_summary

logger = logging.getLogger(__name__)

ASYNCIO_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"


class UsageError(Exception):
    pass


def add_arguments(parser) -> None:
    parser.add_argument("spider", nargs="?", help="the spider's name (scrapy list); or --sites FILE")
    parser.add_argument("-a", dest="spargs", action="append", default=[], metavar="NAME=VALUE",
                        help="a spider argument (repeatable)")
    parser.add_argument("-s", "--set", dest="settings", action="append", default=[], metavar="NAME=VALUE",
                        help="a setting (repeatable)")
    parser.add_argument("-o", "--output", action="append", metavar="FILE",
                        help="append items to FILE (instead of the FEEDS setting)")
    parser.add_argument("-O", "--overwrite-output", action="append", metavar="FILE",
                        help="write items to FILE, replacing it")
    parser.add_argument("--quiet", action=argparse.BooleanOptionalAction, default=None,
                        help="print nothing unless the run fails (default: on when stderr is not a terminal)")
    shared = parser.add_argument_group("a crawl shared by many workers (newsbot.frontier)")
    shared.add_argument("--frontier", metavar="redis://HOST:PORT/DB",
                        help="join (or start) the crawl shared through this Redis server")
    shared.add_argument("--worker", metavar="NAME",
                        help="this worker's name in the shared crawl (default: HOSTNAME-PID); a worker started "
                             "with a killed one's name takes its place")
    shared.add_argument("--run", dest="run_name", default="main", metavar="NAME",
                        help="the shared run's name (default: main): workers of one run share it, another "
                             "run of the same site is refused")
    shared.add_argument("--sites", metavar="FILE", help="crawl every site of this TOML file (needs --frontier)")


# -- settings ------------------------------------------------------------------------------------------


def command_settings(args):
    """The project settings with the command line applied, as ``scrapy crawl`` applies it."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newsbot.settings")
    settings = get_project_settings()
    try:
        settings.setdict(arglist_to_dict(args.settings), priority="cmdline")
    except ValueError:
        raise UsageError("invalid -s value, use -s NAME=VALUE") from None
    if args.output or args.overwrite_output:
        settings.set("FEEDS", command_line_feeds(settings, args), priority="cmdline")
    return settings


def command_line_feeds(settings, args) -> dict:
    """The feeds of ``-o``/``-O``. They replace the ``FEEDS`` setting (``scrapy crawl`` would add the
    setting's feeds to them, and the run would write the default feed as well)."""
    without_feeds = settings.copy()
    without_feeds.set("FEEDS", {}, priority="cmdline")
    try:
        return feed_process_params_from_cli(without_feeds, args.output or [],
                                            overwrite_output=args.overwrite_output)
    except ScrapyUsageError as error:
        raise UsageError(str(error)) from None


def spider_arguments(args) -> dict[str, str]:
    try:
        return arglist_to_dict(args.spargs)
    except ValueError:
        raise UsageError("invalid -a value, use -a NAME=VALUE") from None


def load_spider(settings, name: str):
    loader = get_spider_loader(settings)
    try:
        return loader.load(name)
    except KeyError:
        raise UsageError(f"no spider {name!r}; spiders: {', '.join(sorted(loader.list()))}") from None


def log_file(settings, spider: str, suffix: str = "") -> Path:
    """The run's log file: ``LOG_FILE`` when given, else one per run under ``NEWSBOT_LOG_DIR`` (``suffix``
    after the timestamp: a shared crawl's worker name); created."""
    path = Path(settings.get("LOG_FILE") or Path(settings.get("NEWSBOT_LOG_DIR"))
                / spider / f"{run_timestamp()}{suffix}.log")
    path.parent.mkdir(parents=True, exist_ok=True)
    settings.set("LOG_FILE", str(path), priority="cmdline")
    return path


def crawler_process(settings):
    """The process class ``scrapy crawl`` would use for these settings."""
    if ((settings["TWISTED_REACTOR"] == ASYNCIO_REACTOR and not settings.getbool("FORCE_CRAWLER_PROCESS"))
            or not settings.getbool("TWISTED_REACTOR_ENABLED")):
        return AsyncCrawlerProcess(settings)
    return CrawlerProcess(settings)


# -- the run -------------------------------------------------------------------------------------------


def record_crash(run, crashes: list[BaseException]) -> None:
    """Keep (and log) the exception that ends ``run``, a Deferred or an asyncio Task."""

    def keep(error: BaseException) -> None:
        crashes.append(error)
        logger.error("the crawl stopped on an exception", exc_info=(type(error), error, error.__traceback__))

    if isinstance(run, Deferred):
        run.addErrback(lambda failure: keep(failure.value))
    else:
        run.add_done_callback(lambda task: None if task.cancelled() or task.exception() is None
                              else keep(task.exception()))


def failed_checks(stats: dict, crashes: list[BaseException]) -> list[dict]:
    failed = list(stats.get("newsbot/checks/failed", []))
    if "newsbot/checks/run" not in stats:
        failed.append({"check": "checks ran", "exit_code": int(ExitCode.CHECKS_FAILED),
                       "reason": "the close-of-run checks did not run (SPIDERMON_ENABLED off?)"})
    failed += [{"check": "crawl", "exit_code": int(ExitCode.CHECKS_FAILED), "reason": repr(error)}
               for error in crashes]
    return failed


def run_outcome(crawler, name: str, crashes: list[BaseException], log_path: Path) -> dict | None:
    """The summary of ``crawler``'s finished run (written beside its feed), or None when its spider did not
    start."""
    if getattr(crawler, "spider", None) is None:
        return None
    stats = crawler.stats.get_stats()
    checks = failed_checks(stats, crashes)
    summary = build_summary(name, stats, worst(check["exit_code"] for check in checks), checks,
                            feed_path(crawler), log_path)
    return summary


def report(summary: dict, crawler, terminal: Terminal) -> int:
    """Write the summary beside the feed, print it when the run failed or the terminal wants it."""
    summary_path = sidecar_path(crawler, ".summary.json")
    if summary_path is not None:
        write_summary(summary, summary_path)
    if summary["exit_code"] != ExitCode.OK:
        terminal.release_warnings()
    if summary["exit_code"] != ExitCode.OK or not terminal.hold_warnings:
        terminal.write(format_summary(summary))
    return summary["exit_code"]


def not_started(name: str, crashes: list[BaseException], log_path: Path, terminal: Terminal) -> int:
    terminal.release_warnings()
    reason = crashes[0] if crashes else "see the log"
    terminal.write(f"newsbot crawl: spider {name} did not start: {reason}\n  log  {log_path}")
    return ExitCode.USAGE


def crawl(spidercls, spargs: dict, settings, terminal: Terminal, progress: bool) -> int:
    log_path = log_file(settings, spidercls.name)
    process = crawler_process(settings)
    logging.root.addHandler(TerminalWarnings(terminal))
    crawler = process.create_crawler(spidercls)
    progress_line = ProgressLine(crawler, terminal) if progress else None  # signals hold it weakly: keep it
    crashes: list[BaseException] = []
    record_crash(process.crawl(crawler, **spargs), crashes)
    process.start()
    del progress_line
    summary = run_outcome(crawler, spidercls.name, crashes, log_path)
    if summary is None:
        return not_started(spidercls.name, crashes, log_path, terminal)
    return report(summary, crawler, terminal)


def run(args) -> int:
    quiet = args.quiet if args.quiet is not None else not sys.stderr.isatty()
    terminal = Terminal(sys.stderr, hold_warnings=quiet)
    progress = not quiet and sys.stderr.isatty()
    if args.frontier:
        from newsbot.commands.crawl_shared import run_shared

        return run_shared(args, terminal, progress)
    try:
        if args.sites or args.worker:
            raise UsageError("--sites and --worker need --frontier redis://HOST:PORT/DB")
        if not args.spider:
            raise UsageError("give a spider (scrapy list)")
        settings = command_settings(args)
        spargs = spider_arguments(args)
        spidercls = load_spider(settings, args.spider)
    except UsageError as error:
        print(f"newsbot crawl: {error}", file=sys.stderr)
        return ExitCode.USAGE
    lock_path = Path(settings.get("NEWSBOT_LOCK_DIR")) / f"{spidercls.name}.lock"
    try:
        with run_lock(lock_path):
            return crawl(spidercls, spargs, settings, terminal, progress=progress)
    except LockHeld as held:
        print(f"newsbot crawl: {held}; this run did nothing", file=sys.stderr)
        return ExitCode.LOCKED
