"""Scrapy settings of newsbot, and every default of newsbot's own settings: components read them with no
fallback of their own (``newsbot.config`` checks them). Every value can be overridden with ``-s NAME=VALUE``;
a site profile's values (timezone, site name, boilerplate) enter at spider priority, so ``-s`` wins over them.
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
# Scrapy's downloader, with a slot's concurrency held under asyncio (newsbot.downloader says why)
DOWNLOADER = "newsbot.downloader.SlotBoundDownloader"
# Scrapy starts CONCURRENT_ITEMS worker tasks for every response (100 by default); a page yields at most a
# few dozen requests or one article, and the pipelines are synchronous: 4 workers lose nothing and save CPU
# on every page (benchmarks/crawl_throughput.py).
CONCURRENT_ITEMS = 4
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 4.0
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

# Faults: server errors, timeouts, resets and truncated bodies retried with exponential backoff
# (newsbot.middlewares.retry_backoff: 1, 2, 4 s... at most 30 s); pages over the size limit are dropped and
# logged (an article page is 50-300 KB, a sitemap of 2,000 URLs about 200 KB).
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
NEWSBOT_RETRY_BACKOFF_BASE = 1.0
NEWSBOT_RETRY_BACKOFF_MAX = 30.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
REDIRECT_MAX_TIMES = 10  # WordPress chains are 1-3 long; loops are caught at once by the redirect guard
# bad input: the charset a page declares but does not use, or none (newsbot.middlewares.charset)
NEWSBOT_FALLBACK_ENCODINGS = ["utf-8", "windows-1256"]
DOWNLOADER_MIDDLEWARES = {
    "newsbot.middlewares.retry_later.RetryNextRun": 540,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newsbot.middlewares.retry_backoff.BackoffRetryMiddleware": 550,
    "newsbot.middlewares.redirect_guard.RedirectGuardMiddleware": 610,  # sees 3xx before RedirectMiddleware (600)
    "newsbot.middlewares.charset.CharsetRepairMiddleware": 585,  # after HttpCompressionMiddleware (590)
}
SPIDER_MIDDLEWARES = {
    "newsbot.middlewares.markup.MalformedHtmlMiddleware": 100,
    "newsbot.middlewares.pagination_guard.PaginationGuardMiddleware": 800,
    "newsbot.middlewares.incremental.IncrementalMiddleware": 750,  # below the pagination guard: it sees every article listed
}

# JSON Lines, UTF-8 with Arabic unescaped. Without -o/-O (or FEEDS), a spider writes one file per run to
# NEWSBOT_DEFAULT_FEED: output/<spider>/<UTC timestamp>.jsonl.
NEWSBOT_DEFAULT_FEED = "output/%(name)s/%(run_timestamp)s.jsonl"
FEED_EXPORT_ENCODING = "utf-8"
# Scrapy's JSON Lines exporter, byte for byte, without its per-field itemadapter round trips (newsbot.exporters)
FEED_EXPORTERS = {name: "newsbot.exporters.JsonLinesArticleExporter" for name in ("jsonl", "jsonlines", "jl")}
# A local feed is written as <feed>.partial and renamed into place when the run stores it: no half-written
# file is ever at the final name.
FEED_STORAGES = {
    "": "newsbot.runner.atomic_feed.AtomicFileFeedStorage",
    "file": "newsbot.runner.atomic_feed.AtomicFileFeedStorage",
}
FEED_STORE_EMPTY = True

# Incremental by default (-a full=1 or NEWSBOT_FULL_CRAWL=True re-crawls everything); failed article URLs
# are retried on the next run. See newsbot.middlewares.incremental and newsbot.middlewares.retry_later.
# (their entries are in DOWNLOADER_MIDDLEWARES and SPIDER_MIDDLEWARES above)
NEWSBOT_FULL_CRAWL = False
NEWSBOT_SITEMAP_REFRESH_HOURS = 24

EXTENSIONS = {
    "spidermon.contrib.scrapy.extensions.Spidermon": 500,
    "newsbot.extensions.emitted_commit.EmittedCommit": 100,
    "newsbot.extensions.recover_feed.RecoverKilledRun": 150,
    "newsbot.extensions.stats_file.StatsFile": 500,
    "newsbot.extensions.item_errors.ItemErrors": 500,
    "newsbot.extensions.run_coverage.RunCoverage": 500,
}

# Listing walk (newsbot.spiders.section): where the first listing page announces N pages, pages 2..N are
# requested at once (an incremental run that may stop early walks one page after the other).
NEWSBOT_LISTING_PARALLEL = True

# Dedup last: what it records as emitted is never dropped after it.
ITEM_PIPELINES = {
    "newsbot.pipelines.clean.CleanArticlePipeline": 100,
    "newsbot.pipelines.spam.SpamCommentsPipeline": 300,
    "newsbot.pipelines.validate.ValidateArticlePipeline": 500,
    "newsbot.pipelines.dedup.DeduplicationPipeline": 900,
}

# Comment spam (newsbot.spam.filter says what each does): hand signals, word lists in newsbot/spam/data/,
# the linear model in newsbot/spam/data/model.json, the language identifier where it can change a verdict.
SPAM_THRESHOLD = 1.0
SPAM_MAX_LINKS = 2
SPAM_WEIGHTS: dict[str, float] = {}
SPAM_DUPLICATE_MIN_CHARS = 60
SPAM_DUPLICATE_MEMORY = 100_000
SPAM_DATA_DIRS: list[str] = []
SPAM_MODEL = True
SPAM_FOREIGN_MIN_CONFIDENCE = 0.3
SPAM_QUARANTINE_PATH = None  # None: beside the feed, <feed>.spam.jsonl

# Close-of-run checks (Spidermon): their failures set the exit code of `newsbot crawl`.
SPIDERMON_ENGINE_STOP_MONITORS = ["newsbot.runner.checks.RunChecks"]

# Validation against the published schema (Spidermon).
SPIDERMON_ENABLED = True
SPIDERMON_VALIDATION_SCHEMAS = [str(Path(__file__).parent / "schema" / "article.json")]
SPIDERMON_VALIDATION_DROP_ITEMS_WITH_ERRORS = True

# Cleaning (newsbot.pipelines.clean). A profile's ``timezone``, ``site_name`` and ``boilerplate`` set
# NEWSBOT_TIMEZONE, NEWSBOT_SITE_NAME and NEWSBOT_SITE_BOILERPLATE for its spider (SectionSpider.update_settings).
NEWSBOT_TIMEZONE = "Asia/Riyadh"  # of dates a site shows without an offset
NEWSBOT_SITE_NAME = None  # trimmed from titles ("title – Site name")
NEWSBOT_SITE_BOILERPLATE = []  # the site's regexes of body paragraphs to drop
CLEAN_BOILERPLATE_PATTERNS = []  # more such regexes, for every site

# Dedup (newsbot.pipelines.dedup) and the store of what earlier runs emitted (newsbot.store)
NEWSBOT_STORE_URI = "sqlite:///output/.state/newsbot.sqlite3"
NEWSBOT_WORKER_SLOT = ""  # the slot this process stages under in a shared store (empty: the spider's name)
DEDUP_NEAR_THRESHOLD = 0.4  # estimated Jaccard similarity of word shingles from which a text is a near duplicate
DEDUP_NEAR_MODE = "drop"  # or "mark": keep near duplicates with near_duplicate_of set
DEDUP_NUM_PERM = 64  # MinHash permutations
DEDUP_SHINGLE_WORDS = 3  # words a shingle


# Run files (newsbot.extensions.stats_file, newsbot.commands.crawl)
NEWSBOT_STATS_FILE = None  # None: beside the feed, <feed>.stats.json; "": none
NEWSBOT_LOCK_DIR = "output/.state"
NEWSBOT_LOG_DIR = "output/logs"
# Close-of-run checks (newsbot.runner.checks): `newsbot crawl` fails the run above these
NEWSBOT_MAX_ERROR_RATE = 0.1
NEWSBOT_MAX_SPIDER_ERRORS = 0

# The wordpress spider: pages of 100 comments read at most, per post of a page of posts
NEWSBOT_WP_COMMENT_PAGES = 10

# Chromium (scrapy-playwright) for pages built by scripts, only for spiders that need it
# (``newsbot.browser.policy``): its download handlers are installed by the spider, not here.
NEWSBOT_BROWSER = False  # on: any spider may fetch script-built pages again in Chromium
NEWSBOT_CHROMIUM_PATH = None  # None: Debian's /usr/bin/chromium, else Playwright's own browser
NEWSBOT_BROWSER_MAX_PAGES = 2  # browser pages at once (their own download slot, apart from HTTP)
NEWSBOT_BROWSER_TIMEOUT = 30  # seconds: navigation, each "load more" click, each wait
NEWSBOT_BROWSER_MAX_CLICKS = 50  # "load more" clicks per listing at most

LOG_LEVEL = "INFO"

# A crawl shared by workers through Redis (newsbot crawl --frontier, newsbot.frontier): set by the command
NEWSBOT_FRONTIER_URL = None  # redis://HOST:PORT/DB
NEWSBOT_FRONTIER_SITE = None  # the site's name (the spider's, or its entry's in the --sites file)
NEWSBOT_FRONTIER_RUN = None  # the run's name (--run)
NEWSBOT_FRONTIER_WORKER = None  # this worker's name (--worker)
NEWSBOT_FRONTIER_FEED = "output/%(site)s/%(started)s/%(worker)s.jsonl"  # each worker's feed, when no -o/-O
NEWSBOT_WORKER_LEASE = 30  # seconds without a heartbeat after which a worker is dead and its requests re-queued
NEWSBOT_FRONTIER_TICK = 0.5  # seconds between a worker's heartbeats (and its look for work and dead workers)
NEWSBOT_FRONTIER_IDLE_TIMEOUT = 900  # seconds an idle worker waits for a run that does not end
NEWSBOT_FRONTIER_TOKEN_POLL = 0.02  # seconds between tries for a site's politeness token
NEWSBOT_FRONTIER_KEY_TTL = 86400  # seconds after which the keys of a crawl nobody works on expire
