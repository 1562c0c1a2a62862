"""Chromium only where a page needs it (``newsbot.browser``), against the replica's ``world-js`` section.

The section's listing shows its first articles and loads the rest with tagDiv's "Load more" button; its
articles' comments are inserted by a script. A crawl through real headless Chromium must get every article
and every comment of the ground truth; the plain section must never go through the browser; a browser that
cannot run must fail the crawl loudly. Tests that need Chromium are skipped when none is found, and fail
instead when ``CI`` is set (the CI set-up installs Debian's ``chromium``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime

import pytest

from crawling import ROOT, expected_comments, run_crawl
from newsbot.browser.chromium import BrowserUnavailable, chromium_executable

pytestmark = pytest.mark.timeout(180)


@pytest.fixture(scope="module")
def chromium():
    try:
        return chromium_executable(os.environ.get("NEWSBOT_CHROMIUM_PATH"))
    except BrowserUnavailable as missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must have Chromium: {missing}")
        pytest.skip(f"no Chromium here: {missing}")


@pytest.fixture(scope="module")
def replica(tmp_path_factory):
    from newsbot.replica import running_replica

    from crawling import Replica

    truth_dir = tmp_path_factory.mktemp("truth_js")
    with running_replica(articles=50, seed=3, truth_dir=truth_dir) as base_url:
        yield Replica(base_url, truth_dir)


def comparable(comments):
    return sorted(({"id": c["id"], "parent_id": c["parent_id"], "author": c["author"], "author_url": c["author_url"],
                    "text": c["text"], "published": datetime.fromisoformat(c["published"])} for c in comments),
                  key=lambda c: int(c["id"]))


@pytest.fixture(scope="module")
def js_run(chromium, replica, tmp_path_factory):
    return run_crawl("world_news_js", tmp_path_factory.mktemp("world_news_js"), args={"base_url": replica.base_url},
                     settings={"AUTOTHROTTLE_ENABLED": "False"})


@pytest.mark.browser
def test_js_section_every_article_and_every_script_inserted_comment(replica, js_run):
    assert js_run.returncode == 0, js_run.log[-3000:]
    truth = {t["canonical_url"]: t for t in replica.truth if t["section"] == "world-js"}
    got = {item["canonical_url"]: item for item in js_run.items}
    assert len(got) == len(js_run.items), "an article came out twice"
    assert set(got) == set(truth), f"missing {sorted(set(truth) - set(got))[:3]}, extra {sorted(set(got) - set(truth))[:3]}"
    for url, item in got.items():
        assert item["title"] == truth[url]["title"]
        assert comparable(item["comments"]) == comparable(expected_comments(truth[url]["comments"])), url
    assert sum(len(item["comments"]) for item in got.values()) > 0


@pytest.mark.browser
def test_js_section_browser_only_for_the_listing_and_articles_with_comments(replica, js_run):
    """The profile renders the listing; an article goes to Chromium only when its HTML shows a count and
    no comment, i.e. exactly the articles with comments in the ground truth."""
    with_comments = sum(1 for t in replica.truth if t["section"] == "world-js" and t["comments"])
    stats = js_run.stats
    assert stats["playwright/fallbacks"] == with_comments
    assert stats["playwright/pages"] == with_comments + 1
    assert stats.get("playwright/wait_timeouts", 0) == 0
    assert stats["playwright/request_count/aborted"] > 0, "images were not blocked"
    assert not stats.get("playwright/response_count/resource_type/image"), "an image was downloaded"
    assert stats["playwright/page_count/closed"] == stats["playwright/page_count"], "a browser page stayed open"
    assert stats["playwright/page_count/max_concurrent"] <= 2


@pytest.mark.browser
def test_plain_section_is_fetched_without_the_browser_even_when_it_is_on(chromium, replica, tmp_path):
    run = run_crawl("world_news", tmp_path, args={"base_url": replica.base_url, "max_pages": "1"},
                    settings={"NEWSBOT_BROWSER": "1", "AUTOTHROTTLE_ENABLED": "False"})
    assert run.returncode == 0, run.log[-3000:]
    assert run.items and run.stats["downloader/request_count"] > len(run.items)
    assert "Starting download handler" in run.log  # the browser was available ...
    assert run.stats.get("playwright/pages", 0) == 0  # ... and no page needed it
    assert run.stats.get("playwright/fallbacks", 0) == 0
    assert run.stats.get("playwright/page_count", 0) == 0


def test_plain_crawl_does_not_start_playwright(replica, tmp_path):
    run = run_crawl("world_news", tmp_path, args={"base_url": replica.base_url, "max_pages": "1"},
                    settings={"AUTOTHROTTLE_ENABLED": "False"})
    assert run.returncode == 0, run.log[-3000:]
    assert run.items
    assert "scrapy-playwright" not in run.log
    assert not [k for k in run.stats if k.startswith("playwright/")]


def newsbot_crawl(replica, tmp_path, *settings: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "newsbot.cli", "crawl", "world_news_js", "-a", f"base_url={replica.base_url}",
               "-O", str(tmp_path / "out.jsonl"), "-s", f"NEWSBOT_LOCK_DIR={tmp_path}/lock",
               "-s", f"NEWSBOT_LOG_DIR={tmp_path}/logs", "-s", f"NEWSBOT_STORE_URI=sqlite:///{tmp_path}/state.sqlite3"]
    for setting in settings:
        command += ["-s", setting]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "SCRAPY_SETTINGS_MODULE": "newsbot.settings"})


def test_wrong_browser_path_fails_loudly(replica, tmp_path):
    run = newsbot_crawl(replica, tmp_path, "NEWSBOT_CHROMIUM_PATH=/nonexistent/chromium")
    assert run.returncode != 0
    assert "NEWSBOT_CHROMIUM_PATH=/nonexistent/chromium is not an executable file" in run.stderr
    assert "apt-get install chromium" in run.stderr


def test_wrong_reactor_fails_loudly(replica, tmp_path):
    run = newsbot_crawl(replica, tmp_path, "TWISTED_REACTOR=twisted.internet.selectreactor.SelectReactor")
    assert run.returncode != 0
    assert "needs the asyncio reactor" in run.stderr


def test_no_chromium_anywhere_names_the_fix(monkeypatch, tmp_path):
    monkeypatch.setattr("newsbot.browser.chromium.DEBIAN_CHROMIUM", str(tmp_path / "chromium"))
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path))
    with pytest.raises(BrowserUnavailable, match=r"apt-get install chromium.*NEWSBOT_CHROMIUM_PATH"):
        chromium_executable(None)
