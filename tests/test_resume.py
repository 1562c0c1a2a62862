"""Resume after SIGKILL: a run killed at any point, then the next run, deliver exactly what one uninterrupted
run delivers: every article once, in its original (not a republished copy, not a near-duplicate rewrite).

The kill points are deterministic: the test-only extension ``KillAt`` below SIGKILLs the crawling process
at the point named by the setting ``TEST_KILL_AT``, from inside the run.
"""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest
from scrapy import signals

from newsbot import signals as newsbot_signals
from newsbot.page_kinds import LISTING, page_kind
from test_incremental import newsbot_crawl, read_jsonl

pytestmark = pytest.mark.timeout(600)

ARTICLES = 60
KILL_AFTER_ITEMS = 20  # "articles": SIGKILL once this many items went to the feed exporter


def kill():
    os.kill(os.getpid(), signal.SIGKILL)


class KillAt:
    """Test only: SIGKILL the run at ``TEST_KILL_AT``:

    - ``discovery``: the first listing page answered, before any article;
    - ``articles``: the ``KILL_AFTER_ITEMS``-th item handed to the feed exporter (the last ones still in
      its buffer, not on disk);
    - ``export``: the spider closed, the feed exporter finishing the ``.partial`` file and storing it;
    - ``commit``: the feed stored at its name, before the store records its articles as emitted
      (``EmittedCommit``'s ``feed_exporter_closed`` handler: this extension is enabled before it);
    - ``close``: the store committed, before anything else learns it (the first ``run_committed`` handler).
    """

    def __init__(self, point: str):
        self.point = point
        self.items = 0

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler.settings["TEST_KILL_AT"])
        handlers = {"discovery": (extension.response_received, signals.response_received),
                    "articles": (extension.item_scraped, signals.item_scraped),
                    "export": (kill_handler, signals.spider_closed),
                    "commit": (kill_handler, signals.feed_exporter_closed),
                    "close": (kill_handler, newsbot_signals.run_committed)}
        handler, signal_ = handlers[extension.point]
        crawler.signals.connect(handler, signal=signal_, weak=False)
        return extension

    def response_received(self, response, request, spider=None):
        if page_kind(request) == LISTING:
            kill()

    def item_scraped(self, item, response=None, spider=None):
        self.items += 1
        if self.items == KILL_AFTER_ITEMS:
            kill()


def kill_handler(**kwargs):
    kill()


def killable(point: str) -> tuple[str, ...]:
    from newsbot import settings

    extensions = {**settings.EXTENSIONS, "test_resume.KillAt": 50}  # before EmittedCommit (100)
    return ("-s", f"EXTENSIONS={json.dumps(extensions)}", "-s", f"TEST_KILL_AT={point}")


def delivered(workdir: Path) -> list[str]:
    """The canonical URL of every article line of every output file: finished and recovered feeds."""
    feeds = [path for path in sorted(workdir.glob("*.jsonl")) if not path.name.endswith(".spam.jsonl")]
    return sorted(item["canonical_url"] for path in feeds for item in read_jsonl(path))


@pytest.fixture(scope="module")
def replica(tmp_path_factory):
    from newsbot.replica import running_replica

    truth_dir = tmp_path_factory.mktemp("truth")
    with running_replica(articles=ARTICLES, seed=2, truth_dir=truth_dir, slow_delay=0.2) as base_url:
        yield base_url, truth_dir


@pytest.fixture(scope="module")
def uninterrupted(replica, tmp_path_factory):
    """What one run that nobody kills delivers: the expected outcome of every kill and resume."""
    workdir = tmp_path_factory.mktemp("uninterrupted")
    run = newsbot_crawl(replica[0], workdir, "whole")
    assert run.code == 0, run.stderr
    return delivered(workdir)


@pytest.mark.parametrize("point", ["discovery", "articles", "export", "commit", "close"])
def test_killed_then_resumed_delivers_exactly_what_an_uninterrupted_run_does(replica, uninterrupted, tmp_path,
                                                                            point):
    base_url, _ = replica
    killed = newsbot_crawl(base_url, tmp_path, "killed", *killable(point))
    assert killed.code == -signal.SIGKILL, killed.stderr
    resumed = newsbot_crawl(base_url, tmp_path, "resumed")
    assert resumed.code == 0, resumed.stderr
    assert not list(tmp_path.glob("*.partial"))
    got = delivered(tmp_path)
    duplicated = sorted({url for url in got if got.count(url) > 1})
    assert duplicated == [], "delivered twice"
    assert sorted(set(uninterrupted) - set(got)) == [], "missing"
    assert sorted(set(got) - set(uninterrupted)) == [], "delivered instead of the original, or a rewrite"
    again = newsbot_crawl(base_url, tmp_path, "again")  # and the store knows it
    assert again.code == 0 and again.items == [], again.stderr


def test_runs_killed_one_after_another_then_one_finishing_deliver_what_one_run_does(replica, uninterrupted,
                                                                                    tmp_path):
    base_url, _ = replica
    for n, point in enumerate(["articles", "export", "discovery", "commit"]):
        killed = newsbot_crawl(base_url, tmp_path, f"killed{n}", *killable(point))
        assert killed.code == -signal.SIGKILL, killed.stderr
    final = newsbot_crawl(base_url, tmp_path, "final")
    assert final.code == 0, final.stderr
    got = delivered(tmp_path)
    assert got == uninterrupted
