"""Close-of-run checks: a Spidermon suite run when the engine stops (the feed is stored by then).

Each check is a Spidermon monitor carrying the exit code its failure means (``newsbot.runner.exit_codes``).
``RecordCheckResults`` (a Spidermon action) writes the outcome to the crawler stats as
``newsbot/checks/run`` (how many checks ran) and ``newsbot/checks/failed`` (a list of
``{"check", "exit_code", "reason"}``), which ``newsbot crawl`` turns into its exit code and summary.

Checks and their settings:
- site reached: at least one HTTP response (any status) → else exit 4 (not for a worker of a shared crawl
  that took no request from the queue: the other workers did the crawl);
- something extracted: pages were fetched but no item was written, and not because every article met was
  a known duplicate, already emitted or excluded (``since``, other section) → exit 5;
- expected finish: Spidermon's ``FinishReasonMonitor``, ``SPIDERMON_EXPECTED_FINISH_REASONS``
  (default ``["finished"]``) → exit 6;
- spider errors: exceptions in callbacks and item pipelines (an item lost) plus failed extractions at most ``NEWSBOT_MAX_SPIDER_ERRORS``
  (default ``0``) → exit 1;
- error rate: failed requests over parsed pages plus failures at most ``NEWSBOT_MAX_ERROR_RATE``
  (default ``0.1``) → exit 1;
- feed stored: no ``feedexport/failed_count/*`` → exit 1;
- coverage complete: the run reached what the site announces (``newsbot/coverage``, written by
  ``newsbot.extensions.run_coverage``): its reasons name the pages missed → exit 7;
- optional Spidermon stock monitors, each enabled by setting its threshold (exit 1):
  ``SPIDERMON_MAX_ERRORS`` (ERROR log lines), ``SPIDERMON_MAX_ITEM_VALIDATION_ERRORS``,
  ``SPIDERMON_MIN_ITEMS``, ``SPIDERMON_MAX_DOWNLOADER_EXCEPTIONS``.
"""

from __future__ import annotations

import warnings

from scrapy.exceptions import ScrapyDeprecationWarning
from spidermon import MonitorSuite, monitors
from spidermon.contrib.scrapy.monitors import (
    DownloaderExceptionMonitor,
    ErrorCountMonitor,
    FinishReasonMonitor,
    ItemCountMonitor,
    ItemValidationMonitor,
)
from spidermon.contrib.scrapy.monitors.base import BaseScrapyMonitor
from spidermon.core.actions import Action

from newsbot.runner.exit_codes import ExitCode
from newsbot.runner.figures import RunFigures, stat_sum

# Spidermon's monitor runner still logs through Spider.log(), which Scrapy 2.13 deprecated: one WARNING per
# run in every cron log that says nothing about the run. Only that message of that module is silenced.
warnings.filterwarnings("ignore", message=r"Spider\.log\(\) is deprecated", category=ScrapyDeprecationWarning,
                        module="spidermon")

# Spidermon stock monitors that refuse to run without their threshold setting: added only when it is set
OPTIONAL_MONITORS = (ErrorCountMonitor, ItemValidationMonitor, ItemCountMonitor, DownloaderExceptionMonitor)


class RunCheck(BaseScrapyMonitor):
    exit_code = ExitCode.CHECKS_FAILED

    @property
    def figures(self) -> RunFigures:
        return RunFigures.from_stats(self.stats)


@monitors.name("site reached")
class SiteReachedMonitor(RunCheck):
    exit_code = ExitCode.SITE_NOT_REACHED

    def test_site_answered(self):
        if self.crawler.settings.get("NEWSBOT_FRONTIER_WORKER") and not self.stats.get("frontier/taken"):
            return  # a worker of a shared crawl that found the queue empty: the other workers reached the site
        self.assertGreater(self.figures.responses, 0,
                           msg="no response at all from the site (refused, DNS, timeouts): see the log")


@monitors.name("something extracted")
class SomethingExtractedMonitor(RunCheck):
    exit_code = ExitCode.NOTHING_EXTRACTED

    def test_items_written_or_all_known(self):
        figures = self.figures
        if figures.responses == 0 or figures.items_written > 0:
            return
        self.assertTrue(figures.all_known, msg=(
            f"{figures.pages_total} pages parsed ({figures.pages.get('article', 0)} article pages) but no "
            f"article written: {figures.articles_found} extracted, {figures.invalid_dropped} invalid; "
            f"changed markup or a block page?"))


@monitors.name("expected finish")
class ExpectedFinishMonitor(FinishReasonMonitor):
    exit_code = ExitCode.UNFINISHED


@monitors.name("spider errors")
class SpiderErrorsMonitor(RunCheck):
    def test_spider_errors_within_limit(self):
        limit = self.crawler.settings.getint("NEWSBOT_MAX_SPIDER_ERRORS")
        errors = self.figures.spider_errors
        self.assertLessEqual(errors, limit, msg=f"{errors} spider errors (callback exceptions, failed "
                                                f"extractions), at most {limit} allowed")


@monitors.name("error rate")
class ErrorRateMonitor(RunCheck):
    def test_error_rate_within_limit(self):
        limit = self.crawler.settings.getfloat("NEWSBOT_MAX_ERROR_RATE")
        figures = self.figures
        self.assertLessEqual(figures.error_rate, limit, msg=(
            f"{figures.failed_requests} failed requests of {figures.pages_total + figures.failed_requests} "
            f"({figures.error_rate:.1%}), at most {limit:.1%} allowed"))


@monitors.name("feed stored")
class FeedStoredMonitor(RunCheck):
    def test_no_feed_failed(self):
        failed = stat_sum(self.stats, "feedexport/failed_count/")
        self.assertEqual(failed, 0, msg=f"{failed} feed(s) could not be stored: see the log")


@monitors.name("coverage complete")
class CoverageMonitor(RunCheck):
    exit_code = ExitCode.INCOMPLETE

    def test_run_reached_what_the_site_announces(self):
        found = self.stats.get("newsbot/coverage") or {"complete": True}
        self.assertTrue(found["complete"], msg="; ".join(found.get("reasons", [])))


class RecordCheckResults(Action):
    """Write the suite's outcome to the crawler stats for ``newsbot crawl``."""

    def run_action(self):
        failed = [
            {"check": result.monitor.monitor_name,
             "exit_code": int(getattr(result.monitor, "exit_code", ExitCode.CHECKS_FAILED)),
             "reason": result.reason or (result.error or "").strip().splitlines()[-1]}
            for result in self.result.monitors_failed_results
        ]
        stats = self.data.crawler.stats
        stats.set_value("newsbot/checks/run", len(self.result.monitor_results))
        stats.set_value("newsbot/checks/failed", failed)


class RunChecks(MonitorSuite):
    monitors = [SiteReachedMonitor, SomethingExtractedMonitor, ExpectedFinishMonitor, SpiderErrorsMonitor,
                ErrorRateMonitor, FeedStoredMonitor, CoverageMonitor]
    monitors_finished_actions = [RecordCheckResults]

    def __init__(self, *args, crawler=None, **kwargs):
        super().__init__(*args, crawler=crawler, **kwargs)
        if crawler is not None:
            self.add_monitors([m for m in OPTIONAL_MONITORS if m.threshold_setting in crawler.settings])
