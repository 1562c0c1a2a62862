"""``newsbot crawl`` as cron runs it: lock, atomic feed, exit codes, summary (against the replica and tiny
servers of our own). Every crawl runs in a subprocess from a temporary working directory."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsbot.runner.atomic_feed import AtomicFileFeedStorage
from newsbot.runner.exit_codes import ExitCode
from newsbot.runner.lock import run_lock
from crawling import read_jsonl

pytestmark = pytest.mark.timeout(120)




# no politeness delays, for runs whose length does not matter to the test
FAST = ("-s", "AUTOTHROTTLE_ENABLED=False")


def crawl_command(base_url: str, feed: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "newsbot.cli", "crawl", "world_news", "-a", f"base_url={base_url}",
            "-O", str(feed), "-s", f"NEWSBOT_STORE_URI=sqlite:///{feed.parent}/state.sqlite3",
            "-s", "RETRY_TIMES=0", "-s", "DOWNLOAD_TIMEOUT=10", *extra]


def start(command: list[str], cwd: Path) -> subprocess.Popen:
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newsbot.settings"}
    return subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen) -> tuple[int, str]:
    _, stderr = process.communicate(timeout=100)
    return process.returncode, stderr


def wait_for(predicate, process: subprocess.Popen, what: str) -> None:
    """Poll ``predicate`` (a file appearing) while the process runs; fail if it ends first."""
    while not predicate():
        if process.poll() is not None:
            raise AssertionError(f"the run ended before {what}: {process.stderr.read()[-2000:]}")
        time.sleep(0.02)


@pytest.fixture(scope="module")
def replica(tmp_path_factory):
    from newsbot.replica import running_replica

    truth_dir = tmp_path_factory.mktemp("truth")
    with running_replica(articles=30, seed=3, truth_dir=truth_dir, slow_delay=0.2) as base_url:
        yield base_url, truth_dir


@pytest.fixture(scope="module")
def full_run(replica, tmp_path_factory):
    """One complete run, watched: the feed's final name must not exist while its .partial does."""
    base_url, truth_dir = replica
    workdir = tmp_path_factory.mktemp("full")
    feed = workdir / "out" / "feed.jsonl"
    process = start(crawl_command(base_url, feed, "--no-quiet"), workdir)
    partial = feed.with_name("feed.jsonl.partial")
    wait_for(partial.exists, process, "the first item was written")
    final_seen_mid_run = feed.exists()
    code, stderr = finish(process)
    return {"feed": feed, "partial": partial, "code": code, "stderr": stderr, "workdir": workdir,
            "final_seen_mid_run": final_seen_mid_run, "truth_dir": truth_dir}


def test_feed_at_final_name_only_at_the_end(full_run):
    assert full_run["code"] == ExitCode.OK, full_run["stderr"]
    assert not full_run["final_seen_mid_run"]
    assert full_run["feed"].exists() and not full_run["partial"].exists()
    assert read_jsonl(full_run["feed"])


def test_summary_json_counts_match_the_feed_and_the_stats(full_run):
    feed = full_run["feed"]
    summary = json.loads(feed.with_name("feed.summary.json").read_text(encoding="utf-8"))
    stats = json.loads(feed.with_name("feed.stats.json").read_text(encoding="utf-8"))
    items = read_jsonl(feed)
    truth = {t["canonical_url"] for t in read_jsonl(full_run["truth_dir"] / "articles.jsonl")}
    assert summary["status"] == "ok" and summary["exit_code"] == 0 and summary["checks_failed"] == []
    assert summary["items_written"] == len(items) == stats["item_scraped_count"] - stats.get("dedup/feed_removed", 0)
    assert {item["canonical_url"] for item in items} <= truth
    assert summary["invalid_dropped"] == stats.get("spidermon/validation/items/dropped", 0)
    # without the dedup pipeline every extracted article is either written or dropped as invalid
    assert summary["articles_found"] == summary["items_written"] + summary["invalid_dropped"] + summary["duplicates_dropped"] + summary["already_emitted"]
    assert summary["pages_total"] == sum(v for k, v in stats.items() if k.startswith("newsbot/pages/"))
    assert summary["pages"]["article"] >= summary["articles_found"] > 0
    assert summary["finish_reason"] == "finished"
    assert Path(full_run["workdir"] / summary["log"]).exists()
    # the same summary on stderr (--no-quiet)
    assert f"articles written {len(items)}" in full_run["stderr"]


def test_two_runs_started_at_once_one_runs_the_other_exits_locked(replica, tmp_path):
    base_url, _ = replica
    first = start(crawl_command(base_url, tmp_path / "a" / "feed.jsonl"), tmp_path)
    second = start(crawl_command(base_url, tmp_path / "b" / "feed.jsonl"), tmp_path)
    (code_a, err_a), (code_b, err_b) = finish(first), finish(second)
    assert sorted([code_a, code_b]) == [ExitCode.OK, ExitCode.LOCKED], (err_a, err_b)
    locked_stderr = err_a if code_a == ExitCode.LOCKED else err_b
    assert "another run holds" in locked_stderr and "world_news.lock" in locked_stderr
    locked_dir = tmp_path / ("a" if code_a == ExitCode.LOCKED else "b")
    assert not locked_dir.exists() or not any(locked_dir.iterdir())  # the locked run wrote nothing


def test_a_held_lock_stops_the_run_at_once(replica, tmp_path):
    base_url, _ = replica
    with run_lock(tmp_path / "output" / ".state" / "world_news.lock"):
        code, stderr = finish(start(crawl_command(base_url, tmp_path / "feed.jsonl", *FAST), tmp_path))
    assert code == ExitCode.LOCKED
    assert f"pid {os.getpid()}" in stderr  # names the holder
    assert not (tmp_path / "output" / "logs").exists()


def test_killed_run_leaves_only_partial_and_no_lock(replica, tmp_path):
    base_url, _ = replica
    feed = tmp_path / "feed.jsonl"
    partial = tmp_path / "feed.jsonl.partial"
    process = start(crawl_command(base_url, feed), tmp_path)
    wait_for(lambda: partial.exists() and partial.stat().st_size > 0, process, "the first item was written")
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert partial.exists() and not feed.exists()
    assert not feed.with_name("feed.summary.json").exists()
    with run_lock(tmp_path / "output" / ".state" / "world_news.lock"):  # the OS released the lock
        pass


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_site_not_reached_exit_code(tmp_path):
    feed = tmp_path / "feed.jsonl"
    code, stderr = finish(start(crawl_command(f"http://127.0.0.1:{closed_port()}", feed, *FAST), tmp_path))
    assert code == ExitCode.SITE_NOT_REACHED, stderr
    summary = json.loads(feed.with_name("feed.summary.json").read_text(encoding="utf-8"))
    assert summary["responses"] == 0 and summary["exit_code"] == ExitCode.SITE_NOT_REACHED
    assert "site reached" in [check["check"] for check in summary["checks_failed"]]
    assert "site reached" in stderr  # quiet mode still speaks when the run fails


class NoArticleHandler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        body = b"<html><head><title>Welcome</title></head><body><p>Nothing to see here.</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def no_article_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), NoArticleHandler)  # bound (ready) on return
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_pages_fetched_but_nothing_extracted_exit_code(no_article_site, tmp_path):
    feed = tmp_path / "feed.jsonl"
    code, stderr = finish(start(crawl_command(no_article_site, feed, *FAST), tmp_path))
    assert code == ExitCode.NOTHING_EXTRACTED, stderr
    summary = json.loads(feed.with_name("feed.summary.json").read_text(encoding="utf-8"))
    assert summary["responses"] > 0 and summary["items_written"] == 0
    assert feed.exists() and read_jsonl(feed) == []  # the (empty) feed is still complete


def test_usage_errors(tmp_path, monkeypatch, capsys):
    from newsbot.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["crawl", "no_such_spider"]) == ExitCode.USAGE
    assert "no spider 'no_such_spider'" in capsys.readouterr().err
    assert main(["crawl", "world_news", "-a", "oops"]) == ExitCode.USAGE
    assert "-a NAME=VALUE" in capsys.readouterr().err
    assert not (tmp_path / "output").exists()  # refused before taking the lock


def test_arguments_the_spider_refuses_are_a_usage_error(tmp_path):
    command = [sys.executable, "-m", "newsbot.cli", "crawl", "world_news", "-a", "base_url=ftp:x"]
    code, stderr = finish(start(command, tmp_path))
    assert code == ExitCode.USAGE and "give the site with -a base_url" in stderr


def test_atomic_storage_append_keeps_the_old_feed_whole_until_stored(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b'{"n": 1}\n')
    storage = AtomicFileFeedStorage(str(feed), feed_options={"overwrite": False})
    file = storage.open(None)
    file.write(b'{"n": 2}\n')
    assert feed.read_bytes() == b'{"n": 1}\n'  # untouched while the run writes
    storage.store(file)
    assert feed.read_bytes() == b'{"n": 1}\n{"n": 2}\n'
    assert not (tmp_path / "feed.jsonl.partial").exists()


def test_an_item_lost_to_a_pipeline_exception_fails_the_run(replica, tmp_path):
    """Scrapy only logs an item whose pipeline raised: the run must count it and fail, not pass without it."""
    base_url, _ = replica
    feed = tmp_path / "feed.jsonl"
    pipelines = json.dumps({"failing_pipeline.RaiseOnFirstItem": 100})
    command = crawl_command(base_url, feed, *FAST, "-s", f"ITEM_PIPELINES={pipelines}")
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newsbot.settings",
           "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), os.environ.get("PYTHONPATH", "")])}
    process = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=100)
    assert process.returncode == ExitCode.CHECKS_FAILED, process.stderr
    summary = json.loads(feed.with_name("feed.summary.json").read_text(encoding="utf-8"))
    assert summary["spider_errors"] == 1
    assert summary["items_written"] == summary["articles_found"] - 1
