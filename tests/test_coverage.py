"""Run coverage end to end: ``newsbot crawl`` against replicas that lose a listing page, the end of their
pagination, or their optional discovery documents; and the walks on the older tagDiv markup.

Expected pages and articles come from the replica's truth (its page count: 10 posts a page); the faults are
the replica's (``newsbot.replica.faults``).
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crawling import ROOT, Replica, read_jsonl, run_crawl
from newsbot.runner.exit_codes import ExitCode

pytestmark = pytest.mark.timeout(300)

ARTICLES = 50
SPIDER = {"tagdiv": "world_news", "tagdiv7": "world_news", "plain": "plain_news"}  # the profile of each markup
FAST = {"AUTOTHROTTLE_ENABLED": "False", "NEWSBOT_RETRY_BACKOFF_BASE": "0.01", "NEWSBOT_RETRY_BACKOFF_MAX": "0.05"}


@pytest.fixture(scope="module")
def replica_of(tmp_path_factory):
    """A replica per (theme, faults), started once for the module."""
    from contextlib import ExitStack

    from newsbot.replica import running_replica

    started: dict[tuple, Replica] = {}
    with ExitStack() as stack:
        def get(theme: str = "tagdiv7", faults: tuple[str, ...] = ()) -> Replica:
            if (theme, faults) not in started:
                truth_dir = tmp_path_factory.mktemp("truth")
                base = stack.enter_context(running_replica(articles=ARTICLES, seed=5, theme=theme, truth_dir=truth_dir,
                                                           slow_delay=0.1, faults=list(faults)))
                started[theme, faults] = Replica(base, truth_dir)
            return started[theme, faults]
        yield get


def newsbot_crawl(replica: Replica, workdir: Path, spider: str = "world_news", args: dict | None = None,
                  settings: dict | None = None) -> tuple[int, dict, list[dict]]:
    """``newsbot crawl``: its exit code, its ``.summary.json`` and its feed."""
    feed = workdir / "feed.jsonl"
    command = [sys.executable, "-m", "newsbot.cli", "crawl", spider, "-a", f"base_url={replica.base_url}", "-O", str(feed),
               "-s", f"NEWSBOT_STORE_URI=sqlite:///{workdir}/state.sqlite3", "-s", f"NEWSBOT_LOCK_DIR={workdir}",
               "-s", f"NEWSBOT_LOG_DIR={workdir}/logs"]
    for name, value in (args or {}).items():
        command += ["-a", f"{name}={value}"]
    for name, value in {**FAST, **(settings or {})}.items():
        command += ["-s", f"{name}={value}"]
    process = subprocess.run(command, cwd=workdir, capture_output=True, text=True, timeout=240,
                             env={**os.environ, "SCRAPY_SETTINGS_MODULE": "newsbot.settings", "PYTHONPATH": str(ROOT)})
    summary = json.loads((workdir / "feed.summary.json").read_text())
    return process.returncode, summary, read_jsonl(feed) if feed.exists() else []


def section_urls(replica: Replica) -> set[str]:
    return {t["canonical_url"] for t in replica.truth if t["section"] == "world-news"}


def listing_page(replica: Replica, number: int) -> str:
    return f"{replica.base_url}/category/world-news/" + (f"page/{number}/" if number > 1 else "")


def pages_of(replica: Replica) -> int:
    return math.ceil(len(section_urls(replica)) / 10)


@pytest.mark.parametrize("spider,args", [("world_news", {}), ("wordpress", {"section": "world-news", "rest_api": "0"})])
def test_older_tagdiv_markup_every_article_coverage_complete(replica_of, tmp_path, spider, args):
    """Newspaper 7: no rel=next, an icon-only next link, "Page 1 of N". Both spiders reach every article."""
    replica = replica_of("tagdiv7")
    code, summary, items = newsbot_crawl(replica, tmp_path, spider, args)
    assert code == ExitCode.OK, summary
    truth, other = section_urls(replica), {t["canonical_url"] for t in replica.truth} - section_urls(replica)
    copies = {d["url"] for d in replica.duplicates}
    got = {item["canonical_url"] for item in items}
    assert truth - copies <= got and not got & other
    assert summary["coverage"]["complete"] is True
    assert (summary["coverage"]["expected"], summary["coverage"]["reached"]) == (pages_of(replica), pages_of(replica))


@pytest.mark.parametrize("theme", ["tagdiv7", "plain"])
def test_listing_page_404_makes_the_run_incomplete_and_names_it(replica_of, tmp_path, theme):
    replica = replica_of(theme, ("listing-404",))
    code, summary, _ = newsbot_crawl(replica, tmp_path, SPIDER[theme])
    assert code == ExitCode.INCOMPLETE, summary
    assert summary["coverage"]["complete"] is False
    assert listing_page(replica, 2) in summary["coverage"]["missed"]
    assert any(listing_page(replica, 2) in reason for reason in summary["coverage"]["reasons"])


def test_sequential_walk_stopped_by_a_404_names_every_page_after_it(replica_of, tmp_path):
    replica = replica_of("tagdiv7", ("listing-404",))
    code, summary, _ = newsbot_crawl(replica, tmp_path, settings={"NEWSBOT_LISTING_PARALLEL": "False"})
    assert code == ExitCode.INCOMPLETE
    pages = pages_of(replica)
    assert summary["coverage"]["expected"] == pages and summary["coverage"]["reached"] == 1
    assert set(summary["coverage"]["missed"]) >= {listing_page(replica, n) for n in range(2, pages + 1)}


@pytest.mark.parametrize("theme", ["tagdiv7", "plain"])
def test_last_page_without_its_pagination_block_makes_the_run_incomplete(replica_of, tmp_path, theme):
    replica = replica_of(theme, ("listing-nav-missing",))
    code, summary, _ = newsbot_crawl(replica, tmp_path, SPIDER[theme])
    assert code == ExitCode.INCOMPLETE, summary
    last = listing_page(replica, pages_of(replica))
    assert any(last in reason and "pagination" in reason for reason in summary["coverage"]["reasons"])


def test_site_without_feed_sitemap_or_robots_is_a_good_run(replica_of, tmp_path):
    replica = replica_of("tagdiv", ("no-feed", "no-sitemap", "no-robots"))
    code, summary, items = newsbot_crawl(replica, tmp_path)
    assert code == ExitCode.OK, summary
    assert summary["failed_requests"] == 0 and summary["coverage"]["complete"] is True
    copies = {d["url"] for d in replica.duplicates}
    assert section_urls(replica) - copies <= {item["canonical_url"] for item in items}
    stats = json.loads((tmp_path / "feed.stats.json").read_text())
    assert stats["newsbot/absent/feed"] == 1 and stats["newsbot/absent/robots.txt"] == 1
    log = next((tmp_path / "logs").rglob("*.log")).read_text()
    assert log.count("the site has no feed") == 1


def test_wordpress_spider_rest_coverage_counts_posts(replica_of, tmp_path):
    replica = replica_of("tagdiv")
    run = run_crawl("wordpress", tmp_path, args={"base_url": replica.base_url, "section": "world-news"}, settings=FAST)
    coverage = run.stats["newsbot/coverage"]
    assert run.stats["newsbot/discovery/rest_api"] == 1
    # the REST API lists every post of the category, the republished copies included
    assert (coverage["unit"], coverage["expected"], coverage["reached"]) == ("posts", len(section_urls(replica)),
                                                                             len(section_urls(replica)))
    assert coverage["complete"] is True


def test_incremental_run_that_stops_at_known_articles_is_complete(replica_of, tmp_path):
    replica = replica_of("tagdiv7")
    first, _, _ = newsbot_crawl(replica, tmp_path)
    code, summary, items = newsbot_crawl(replica, tmp_path)
    assert (first, code) == (ExitCode.OK, ExitCode.OK), summary
    assert items == [] and summary["pages"]["listing"] == 1  # the walk stopped at page 1, on purpose
    assert summary["coverage"]["complete"] is True and summary["coverage"]["expected"] == pages_of(replica)
