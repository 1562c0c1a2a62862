"""Incremental runs against the replica: a run's cost follows the new articles, not the archive.

One chain of ``newsbot crawl`` runs on one store, the replica restarted on the same port between runs with
more posts (``Site(articles=N + 10)`` adds 10 newer ones) or edited posts (``edited=K``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsbot.replica import Site, running_replica
from newsbot.replica import links
import crawling


def read_jsonl(path: Path) -> list[dict]:
    """The lines of a feed; none when the run left no feed (a killed run)."""
    return crawling.read_jsonl(path) if path.exists() else []

pytestmark = pytest.mark.timeout(400)

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = 5000  # the acceptance's size: an incremental run's cost must not grow with the archive




@dataclass
class Run:
    code: int
    items: list[dict]
    stats: dict
    stderr: str


def crawl_command(base_url: str, feed: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "newsbot.cli", "crawl", "world_news", "-a", f"base_url={base_url}",
            "-O", str(feed), "-s", f"NEWSBOT_STORE_URI=sqlite:///{feed.parent}/state.sqlite3",
            "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RETRY_TIMES=1", *extra]


def crawl_env() -> dict:
    return {**os.environ, "SCRAPY_SETTINGS_MODULE": "newsbot.settings",
            "PYTHONPATH": os.pathsep.join([str(ROOT / "tests"), os.environ.get("PYTHONPATH", "")])}


def newsbot_crawl(base_url: str, workdir: Path, name: str, *extra: str) -> Run:
    feed = workdir / f"{name}.jsonl"
    process = subprocess.run(crawl_command(base_url, feed, *extra), cwd=workdir, env=crawl_env(),
                             capture_output=True, text=True, timeout=300)
    stats_file = workdir / f"{name}.stats.json"
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    return Run(process.returncode, read_jsonl(feed), stats, process.stderr)


def story(url: str, duplicates: dict[str, str]) -> str:
    """The original a copy or rewrite repeats (per the replica's truth), else the URL itself."""
    while url in duplicates:
        url = duplicates[url]
    return url


def truth_stories(truth_dir: Path, duplicates: dict[str, str]) -> set[str]:
    return {story(r["canonical_url"], duplicates) for r in read_jsonl(truth_dir / "articles.jsonl")
            if r["section"] == "world-news" and r.get("trap") != "not-found"}


def duplicates_of(truth_dir: Path) -> dict[str, str]:
    return {d["url"]: d["duplicate_of"] for d in read_jsonl(truth_dir / "duplicates.jsonl")}


@pytest.fixture(scope="module")
def chain(tmp_path_factory):
    """Full run; unchanged; +10 new; +10 new and 3 edited (sitemaps read). Truth of each replica state."""
    workdir = tmp_path_factory.mktemp("incremental")
    runs, truths = {}, {}
    port = 0
    states = [("full", ARTICLES, 0, ()), ("unchanged", ARTICLES, 0, ()), ("new10", ARTICLES + 10, 0, ()),
              ("new10_edited3", ARTICLES + 20, 3, ("-s", "NEWSBOT_SITEMAP_REFRESH_HOURS=0"))]
    for name, articles, edited, extra in states:
        truth_dir = workdir / f"truth-{name}"
        with running_replica(articles=articles, edited=edited, seed=1, port=port, truth_dir=truth_dir,
                             slow_delay=0.2) as base_url:
            port = int(base_url.rsplit(":", 1)[1])
            runs[name] = newsbot_crawl(base_url, workdir, name, *extra)
        truths[name] = truth_dir
    return runs, truths, base_url


def test_full_run_emits_every_story(chain):
    """The baseline of the chain (that no story is emitted twice within a run is the dedup's tests' concern)."""
    runs, truths, _ = chain
    full = runs["full"]
    assert full.code == 0, full.stderr
    duplicates = duplicates_of(truths["full"])
    urls = [item["canonical_url"] for item in full.items]
    assert len(urls) == len(set(urls))
    assert {story(url, duplicates) for url in urls} == truth_stories(truths["full"], duplicates)


def test_unchanged_site_second_run_emits_nothing_and_is_cheap(chain):
    runs, _, _ = chain
    second = runs["unchanged"]
    assert second.code == 0, second.stderr  # a no-change incremental run is a success
    assert second.items == []
    assert second.stats["incremental/pagination_stopped"] == 1
    assert second.stats["incremental/skipped_known"] >= 10
    assert second.stats["downloader/request_count"] == 3  # robots.txt, the first listing page, the feed
    assert second.stats.get("newsbot/pages/article", 0) == 0


def test_ten_new_articles_cost_at_most_fifteen_requests(chain):
    runs, truths, _ = chain
    run = runs["new10"]
    assert run.code == 0, run.stderr
    assert run.stats["downloader/request_count"] <= 10 + 5
    duplicates = duplicates_of(truths["new10"])
    before = truth_stories(truths["full"], duplicates)
    new_stories = truth_stories(truths["new10"], duplicates) - before
    assert {story(item["canonical_url"], duplicates) for item in run.items} == new_stories
    assert not any(item["update"] for item in run.items)


def test_new_and_edited_articles_are_exactly_what_the_next_run_emits(chain):
    runs, truths, base_url = chain
    run = runs["new10_edited3"]
    assert run.code == 0, run.stderr
    site = Site(articles=ARTICLES + 20, seed=1, edited=3)
    edited = {links.canonical(base_url, site.post("world-news", i)) for i in site.edited_indices}
    assert len(edited) == 3
    duplicates = duplicates_of(truths["new10_edited3"])
    new_stories = truth_stories(truths["new10_edited3"], duplicates) - truth_stories(truths["new10"], duplicates)
    emitted = {item["canonical_url"]: item for item in run.items}
    assert len(emitted) == len(run.items)
    assert {url for url, item in emitted.items() if item["update"]} == edited
    assert {story(url, duplicates) for url, item in emitted.items() if not item["update"]} == new_stories
    # only the new and the edited article pages were fetched
    assert run.stats["newsbot/pages/article"] == 10 + 3
    assert run.stats["incremental/fetched_modified"] == 3


def test_urls_failing_after_retries_are_retried_by_the_next_run(tmp_path):
    from newsbot.store import open_stores

    # every article page answers 503 to its first two requests: one try and one retry fail, the next run's works
    with running_replica(articles=20, seed=4, slow_delay=0.2, faults=["503:2"]) as base_url:
        first = newsbot_crawl(base_url, tmp_path, "first", "-s", "RETRY_TIMES=1", "-s", "NEWSBOT_MAX_ERROR_RATE=1")
        failed = first.stats["incremental/failed_remembered"]
        second = newsbot_crawl(base_url, tmp_path, "second", "-s", "RETRY_TIMES=1")
    assert first.items == [] and failed == first.stats["newsbot/failed/http_503"] > 0
    assert second.code == 0, second.stderr
    assert second.stats["incremental/retried_from_last_run"] == failed
    assert second.stats["incremental/failed_recovered"] == failed
    assert len(second.items) > 0 and second.stats.get("newsbot/failed/http_503", 0) == 0
    stores = open_stores(f"sqlite:///{tmp_path}/state.sqlite3")
    try:
        assert stores.run_state.noted_urls("failed") == []
    finally:
        stores.close()
