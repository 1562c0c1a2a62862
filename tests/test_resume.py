"""Resume after SIGKILL: over a killed run and the runs after it, every article is in one output exactly once.

The kill points are deterministic: after N lines reached the run's ``.partial`` feed on disk, and (with the
test-only extension ``KillBeforeCommit`` below) after the feed was stored but before the store recorded it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from scrapy import signals

from test_incremental import (crawl_command, crawl_env, duplicates_of, newsbot_crawl, read_jsonl, story,
                              truth_stories)

pytestmark = pytest.mark.timeout(300)

ARTICLES = 60
KILL_AFTER_LINES = (1, 6, 3, 10, 4)  # each restart resumes where the previous one was killed


class KillBeforeCommit:
    """Test only: SIGKILL this process once the feed is stored, before ``EmittedCommit`` commits it
    (enabled at an order below EmittedCommit's, so its handler runs first)."""

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls()
        crawler.signals.connect(extension.feed_exporter_closed, signal=signals.feed_exporter_closed)
        return extension

    def feed_exporter_closed(self):
        os.kill(os.getpid(), signal.SIGKILL)


def extensions_with_kill_point() -> str:
    from newsbot import settings

    return json.dumps({**settings.EXTENSIONS, "test_resume.KillBeforeCommit": 50})


def partial_lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def crawl_killed_after(base_url: str, workdir: Path, name: str, lines: int) -> bool:
    """Start a run and SIGKILL it once ``lines`` lines of its feed are on disk; False if it finished first."""
    feed = workdir / f"{name}.jsonl"
    process = subprocess.Popen(crawl_command(base_url, feed), cwd=workdir, env=crawl_env(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    partial = feed.with_name(feed.name + ".partial")
    while partial_lines(partial) < lines and process.poll() is None:
        time.sleep(0.01)
    finished = process.poll() is not None
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    return not finished


def outputs(workdir: Path) -> list[dict]:
    """Every article line of every output file: finished feeds and recovered feeds."""
    feeds = [path for path in sorted(workdir.glob("*.jsonl")) if not path.name.endswith(".spam.jsonl")]
    return [item for path in feeds for item in read_jsonl(path)]


@pytest.fixture(scope="module")
def replica(tmp_path_factory):
    from newsbot.replica import running_replica

    truth_dir = tmp_path_factory.mktemp("truth")
    with running_replica(articles=ARTICLES, seed=2, truth_dir=truth_dir, slow_delay=0.2) as base_url:
        yield base_url, truth_dir


def assert_every_story_once(items: list[dict], truth_dir: Path) -> None:
    duplicates = duplicates_of(truth_dir)
    urls = [item["canonical_url"] for item in items]
    assert len(urls) == len(set(urls)), "an article was emitted twice"
    stories = [story(url, duplicates) for url in urls]
    assert len(stories) == len(set(stories)), "a story was emitted twice (as a copy)"
    assert set(stories) == truth_stories(truth_dir, duplicates)


def test_five_kills_then_a_finished_run_emit_every_article_once(replica, tmp_path):
    base_url, truth_dir = replica
    killed = [crawl_killed_after(base_url, tmp_path, f"killed{n}", lines) for n, lines in enumerate(KILL_AFTER_LINES)]
    assert all(killed), "a run finished before its kill point"
    assert not list(tmp_path.glob("*.partial")) or len(list(tmp_path.glob("*.partial"))) == 1
    final = newsbot_crawl(base_url, tmp_path, "final")
    assert final.code == 0, final.stderr
    assert not list(tmp_path.glob("*.partial"))  # the last killed run's partial feed was recovered
    assert list(tmp_path.glob("*.recovered.jsonl"))
    assert_every_story_once(outputs(tmp_path), truth_dir)
    # and the store knows it: one more run emits nothing
    again = newsbot_crawl(base_url, tmp_path, "again")
    assert again.code == 0 and again.items == []


def test_kill_between_feed_stored_and_store_commit(replica, tmp_path):
    base_url, truth_dir = replica
    first = newsbot_crawl(base_url, tmp_path, "first", "-s", f"EXTENSIONS={extensions_with_kill_point()}")
    assert first.code == -signal.SIGKILL
    assert first.items, "the feed was stored before the kill"
    assert not (tmp_path / "first.stats.json").exists()  # the run did not get further
    second = newsbot_crawl(base_url, tmp_path, "second")
    assert second.code == 0, second.stderr
    assert second.stats["incremental/recovered_items"] > 0
    # the stored feed got the corrections the killed run did not make (superseded copies removed)
    recovered_first = read_jsonl(tmp_path / "first.jsonl")
    assert len(recovered_first) < len(first.items)
    assert_every_story_once(recovered_first + second.items, truth_dir)
