"""Faults and bad input injected by the replica server (``newsbot.replica.faults``), survived by the crawler.

Three 50-article replicas, each with a group of faults that can live together, are crawled at once (the
transient faults all hit every article page, one after the other, so the crawl allows that many retries).
One test per fault asserts its stat and its log line; each group's run must have lost no article: every
unique article of the section (truth minus the copies the dedup pipeline drops) is in the output.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

import pytest

from crawling import Replica, run_crawl

GROUPS = {
    "transient": ["500", "502", "503", "504", "reset", "truncated", "timeout"],
    "input": ["malformed", "charset-wrong", "huge", "redirect-loop", "sitemap-invalid", "feed-bomb", "listing-endless"],
    "input2": ["charset-missing", "redirect-offsite", "sitemap-bomb", "feed-invalid", "listing-self-link"],
}
FAST = {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_TIMEOUT": "1", "RETRY_TIMES": "8",
        "NEWSBOT_RETRY_BACKOFF_BASE": "0.01", "NEWSBOT_RETRY_BACKOFF_MAX": "0.05"}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    from newsbot.replica import running_replica

    with ExitStack() as stack:
        replicas = {}
        for group, faults in GROUPS.items():
            truth_dir = tmp_path_factory.mktemp(f"truth-{group}")
            base = stack.enter_context(running_replica(articles=50, truth_dir=truth_dir, slow_delay=0.1,
                                                       faults=faults, fault_hold=3.0))
            replicas[group] = Replica(base, truth_dir)
        with ThreadPoolExecutor(len(GROUPS)) as pool:
            futures = {group: pool.submit(run_crawl, "world_news", tmp_path_factory.mktemp(group),
                                          args={"base_url": r.base_url}, settings=FAST, timeout=300)
                       for group, r in replicas.items()}
            yield {group: (replicas[group], future.result()) for group, future in futures.items()}


def run_of(runs, fault):
    group = next(g for g, faults in GROUPS.items() if fault in faults)
    return runs[group]


def unique_truth(replica: Replica) -> dict[str, dict]:
    copies = {d["url"] for d in replica.duplicates}
    return {t["canonical_url"]: t for t in replica.truth if t["section"] == "world-news" and t["canonical_url"] not in copies}


def assert_nothing_lost(replica, run):
    assert run.returncode == 0, run.log[-3000:]
    got = [item["canonical_url"] for item in run.items]
    assert len(got) == len(set(got)), "an article came out twice"
    missing = set(unique_truth(replica)) - set(got)
    assert not missing, f"articles lost: {sorted(missing)[:3]}"


def log_lines(run, pattern):
    return [line for line in run.log.splitlines() if re.search(pattern, line)]


@pytest.mark.parametrize("group", GROUPS)
def test_no_article_lost(runs, group):
    assert_nothing_lost(*runs[group])


@pytest.mark.parametrize("fault,reason", [("500", "500 Internal Server Error"), ("502", "502 Bad Gateway"),
                                          ("503", "503 Service Unavailable"), ("504", "504 Gateway Time-out")])
def test_server_errors_retried_with_backoff(runs, fault, reason):
    replica, run = run_of(runs, fault)
    # every article page answers it once (a request on a connection the server just closed may be resent by
    # the HTTP client on its own, so the count can be a little lower than the number of pages)
    assert run.stats[f"retry/reason_count/{reason}"] >= len(unique_truth(replica)) // 2
    assert run.stats["newsbot/retry/backoff_count"] == run.stats["retry/count"]
    assert log_lines(run, rf"INFO: retry \d of 8 in [\d.]+ s for <GET .*>: {reason}")
    assert "retry/max_reached" not in run.stats


def test_timeout_retried(runs):
    replica, run = run_of(runs, "timeout")
    assert run.stats["retry/reason_count/scrapy.exceptions.DownloadTimeoutError"] >= 5  # one article page in five
    assert log_lines(run, r"INFO: retry \d of 8 .*: DownloadTimeoutError: Getting .* took longer than 1.0 seconds")


@pytest.mark.parametrize("fault", ["reset", "truncated"])
def test_broken_connections_retried(runs, fault):
    replica, run = run_of(runs, fault)
    # both end with fewer bytes than Content-Length: Twisted reports a connection lost, or data loss
    lost = {k: v for k, v in run.stats.items() if k.startswith("retry/reason_count/") and
            re.search(r"ResponseDataLoss|ConnectionLost|ResponseFailed|ConnectionDone|PotentialDataLoss", k)}
    assert sum(lost.values()) >= len(unique_truth(replica)), lost
    assert log_lines(run, r"INFO: retry \d of 8 .*: (ResponseDataLossError|ResponseFailed|ConnectionLost)")


def test_malformed_html(runs):
    replica, run = run_of(runs, "malformed")
    truth = unique_truth(replica)
    assert run.stats["newsbot/html/malformed"] >= len(truth)
    assert log_lines(run, r"INFO: malformed HTML at \S+: \d+ markup errors repaired")
    squash = lambda text: re.sub(r"\s+", " ", text or "").strip()  # noqa: E731
    wrong = [i["canonical_url"] for i in run.items if squash(i["body"]) != squash(truth[i["canonical_url"]]["body"])]
    assert not wrong, f"bodies differ from the truth: {wrong[:3]}"


@pytest.mark.parametrize("fault,kind,declared", [("charset-wrong", "wrong", "utf-8"), ("charset-missing", "missing", "none")])
def test_charset_repaired(runs, fault, kind, declared):
    replica, run = run_of(runs, fault)
    truth = unique_truth(replica)
    assert run.stats[f"newsbot/charset/{kind}"] >= len(truth)
    assert log_lines(run, rf"WARNING: {'wrong' if kind == 'wrong' else 'no'} charset at \S+: declared {declared}, decoded as cp1256")
    wrong = [i["canonical_url"] for i in run.items
             if (i["title"], i["body"].split()[:20]) != (truth[i["canonical_url"]]["title"], truth[i["canonical_url"]]["body"].split()[:20])]
    assert not wrong, f"Arabic text differs from the truth: {wrong[:3]}"


def test_huge_page_dropped(runs):
    replica, run = run_of(runs, "huge")
    assert run.stats["newsbot/failed/DownloadCancelledError"] == 1
    assert log_lines(run, r"WARNING: Expected to receive 52428800 bytes which is larger than download max size "
                          r"\(16777216\) in request <GET \S+fault-huge/>")
    assert run.stats["downloader/response_bytes"] < 16 * 1024 * 1024


def test_redirect_loop_dropped(runs):
    replica, run = run_of(runs, "redirect-loop")
    assert run.stats["newsbot/redirect/loop"] == 1
    assert log_lines(run, r"WARNING: redirect loop at \S+fault-redirect-loop/\?loop=1: \S+ -> \S+ -> \S+fault-redirect-loop/$")


def test_offsite_redirect_dropped(runs):
    replica, run = run_of(runs, "redirect-offsite")
    assert run.stats["newsbot/redirect/offsite"] == 1
    assert log_lines(run, r"WARNING: offsite redirect from \S+fault-redirect-offsite/ to http://offsite.invalid/")
    assert not log_lines(run, r"offsite\.invalid.*(DNS|resolve)")  # never even looked up


@pytest.mark.parametrize("fault,kind,problem,message", [
    ("sitemap-invalid", "sitemap", "invalid", r"not well-formed XML"),
    ("feed-invalid", "feed", "invalid", r"not well-formed XML"),
    ("sitemap-bomb", "sitemap", "entities", r"a DOCTYPE declaring entities .*removed unexpanded"),
    ("feed-bomb", "feed", "entities", r"a DOCTYPE declaring entities .*removed unexpanded"),
])
def test_bad_xml(runs, fault, kind, problem, message):
    replica, run = run_of(runs, fault)
    assert run.stats[f"newsbot/{kind}/{problem}"] >= 1
    assert log_lines(run, rf"WARNING: {kind} \S+: {message}")
    assert not log_lines(run, r"lol" * 3)  # nothing expanded
    if kind == "feed":  # the valid entries are still read
        assert run.stats.get("newsbot/feed/empty", 0) == 0


def test_listing_self_link_stops(runs):
    replica, run = run_of(runs, "listing-self-link")
    assert run.stats["newsbot/listing/loop"] == 1
    assert log_lines(run, r"INFO: listing page (\S+page/5/) links back to \1: pagination stops")
    assert run.stats["newsbot/pages/listing"] == 5


def test_listing_endless_stops(runs):
    replica, run = run_of(runs, "listing-endless")
    assert run.stats["newsbot/listing/no_new_articles"] == 1
    assert log_lines(run, r"INFO: listing page \S+page/6/ lists no new article: pagination stops")
    assert run.stats["newsbot/pages/listing"] == 6  # the 5 real pages and one repeat
