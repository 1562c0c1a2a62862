"""Scrapy settings of newsbot. Every value here can be overridden with ``-s NAME=VALUE``.

newsbot's own settings (read by the components named):
- ``NEWSBOT_TIMEZONE``: timezone of dates a site shows without an offset (a profile's ``timezone`` wins).
"""

from pathlib import Path

BOT_NAME = "newsbot"
SPIDER_MODULES = ["newsbot.spiders"]
NEWSPIDER_MODULE = "newsbot.spiders"

# Polite by default: robots.txt obeyed, a clear User-Agent, AutoThrottle adapting to the server.
USER_AGENT = "newsbot/0.1 (news archiving crawler; obeys robots.txt)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 8
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 4.0
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

# Faults: retried with backoff by Scrapy's RetryMiddleware; pages over the size limit are dropped and logged.
RETRY_TIMES = 3
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024

# JSON Lines, UTF-8 with Arabic unescaped. Without -o/-O (or FEEDS), a spider writes one file per run to
# NEWSBOT_DEFAULT_FEED: output/<spider>/<UTC timestamp>.jsonl.
NEWSBOT_DEFAULT_FEED = "output/%(name)s/%(run_timestamp)s.jsonl"
FEED_EXPORT_ENCODING = "utf-8"
# A local feed is written as <feed>.partial and renamed into place when the run stores it: no half-written
# file is ever at the final name.
FEED_STORAGES = {
    "": "newsbot.runner.atomic_feed.AtomicFileFeedStorage",
    "file": "newsbot.runner.atomic_feed.AtomicFileFeedStorage",
}
FEED_STORE_EMPTY = True

EXTENSIONS = {
    "spidermon.contrib.scrapy.extensions.Spidermon": 500,
    "newsbot.extensions.emitted_commit.EmittedCommit": 100,
    "newsbot.extensions.stats_file.StatsFile": 500,
}

ITEM_PIPELINES = {
    "newsbot.pipelines.clean.CleanArticlePipeline": 100,
    "newsbot.pipelines.dedup.DeduplicationPipeline": 400,
    "newsbot.pipelines.spam.SpamCommentsPipeline": 700,
    "newsbot.pipelines.validate.ValidateArticlePipeline": 900,
}

# Close-of-run checks (Spidermon): their failures set the exit code of `newsbot crawl`.
SPIDERMON_ENGINE_STOP_MONITORS = ["newsbot.runner.checks.RunChecks"]

# Validation against the published schema (Spidermon).
SPIDERMON_ENABLED = True
SPIDERMON_VALIDATION_SCHEMAS = [str(Path(__file__).parent / "schema" / "article.json")]
SPIDERMON_VALIDATION_DROP_ITEMS_WITH_ERRORS = True

NEWSBOT_TIMEZONE = "Asia/Riyadh"

LOG_LEVEL = "INFO"
