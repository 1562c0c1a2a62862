"""A crawl shared by workers through a real redis-server (``newsbot crawl --frontier``): the run lock and
worker names, the end of the run for every worker, one fetch per page across the pool, the pool-wide
politeness limit measured at the server, and nothing of it without ``--frontier``.

The acceptance tests with a shared PostgreSQL store (every article exactly once over the union of the feeds,
two sites, a worker killed and replaced) are in ``test_frontier_acceptance.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from crawling import Replica, counting_replica, read_jsonl
from redis_server import free_port

from newsbot.frontier.keys import CrawlKeys
from newsbot.frontier.membership import RunLocked, WorkerBusy, clear_crawl, join

pytestmark = pytest.mark.timeout(600)


@pytest.fixture(scope="module")
def replica_200(tmp_path_factory):
    """The tagDiv replica, 200 world-news articles."""
    from newsbot.replica import running_replica

    truth_dir = tmp_path_factory.mktemp("truth200")
    with running_replica(articles=200, seed=4, truth_dir=truth_dir, slow_delay=0.2) as base_url:
        yield Replica(base_url, truth_dir)


def start_worker(redis: str, workdir: Path, name: str, *args: str) -> subprocess.Popen:
    """``newsbot crawl … --frontier redis --worker name`` in ``workdir`` (its output/ goes there)."""
    command = [sys.executable, "-m", "newsbot.cli", "crawl", *args, "--frontier", redis, "--worker", name,
               "-s", "NEWSBOT_FRONTIER_TICK=0.2", "-s", "NEWSBOT_WORKER_LEASE=5"]
    return subprocess.Popen(command, cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish(workers: dict[str, subprocess.Popen], timeout: float = 500) -> dict[str, tuple[int, str]]:
    return {name: (process.wait(timeout=timeout), process.stdout.read()) for name, process in workers.items()}


def feeds(workdir: Path, site: str) -> dict[str, list[dict]]:
    """Each finished (or recovered) feed of the site under ``workdir/output``: worker file name -> items."""
    return {path.name: read_jsonl(path) for path in sorted((workdir / "output" / site).glob("*/*.jsonl"))
            if not path.name.endswith((".spam.jsonl",))}


def summaries(workdir: Path, site: str) -> dict[str, dict]:
    return {path.name.split(".")[0]: json.loads(path.read_text())
            for path in (workdir / "output" / site).glob("*/*.summary.json")}


def crawl_keys(redis: str, site: str) -> list[bytes]:
    from newsbot.frontier.connection import redis_client

    return sorted(redis_client(redis).keys(f"newsbot:{site}:*"))


# -- joining a run ------------------------------------------------------------------------------------------


def test_a_second_run_of_a_site_is_refused_and_a_second_worker_joins(redis_url):
    from newsbot.frontier.connection import redis_client

    client = redis_client(redis_url)
    first = join(client, CrawlKeys("lock_site", "one"), "w1", lease=2)
    second = join(client, CrawlKeys("lock_site", "one"), "w2", lease=2)
    assert second.started == first.started  # the same run: its feeds go to one folder
    with pytest.raises(RunLocked, match="run 'one'"):
        join(client, CrawlKeys("lock_site", "two"), "w3", lease=2)
    # a worker name that is alive: refused after waiting one lease for its heartbeat to lapse
    client.zadd(first.keys.heartbeats, {"w1": time.time() + 60})
    began = time.monotonic()
    with pytest.raises(WorkerBusy):
        join(client, CrawlKeys("lock_site", "one"), "w1", lease=1)
    assert time.monotonic() - began >= 1
    # a name whose heartbeat lapsed is taken over at once
    client.zadd(first.keys.heartbeats, {"w2": time.time() - 10})
    assert join(client, CrawlKeys("lock_site", "one"), "w2", lease=2).started == first.started
    # the last worker to leave a finished run gets every result and deletes the crawl's keys and the lock
    client.hset(first.keys.meta, "done", 1)
    assert first.leave({"items_written": 1}) is None
    assert second.leave({"items_written": 2}) == {"w1": {"items_written": 1}, "w2": {"items_written": 2}}
    assert client.keys("newsbot:lock_site:*") == []
    join(client, CrawlKeys("lock_site", "two"), "w3", lease=2)  # the site is free for another run


def test_without_frontier_nothing_imports_redis(replica_200, tmp_path):
    code = ("import sys; from newsbot.cli import main; "
            f"code = main(['crawl', 'world_news', '-a', 'base_url={replica_200.base_url}', '-a', 'max_pages=1', "
            f"'-O', '{tmp_path}/feed.jsonl', '-s', 'NEWSBOT_STORE_URI=sqlite:///{tmp_path}/s.sqlite3']); "
            "print(code, sorted(m for m in sys.modules if m.split('.')[0] in ('redis', 'scrapy_redis', 'psycopg')))")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    code, modules = done.stdout.split("\n")[-2].split(" ", 1)
    assert modules == "[]", done.stdout
    assert code in ("0", "7") and read_jsonl(tmp_path / "feed.jsonl"), done.stdout + done.stderr[-2000:]


# -- a shared crawl -----------------------------------------------------------------------------------------


def test_two_workers_share_one_crawl_fetch_each_page_once_and_end_together(replica_200, redis_url, tmp_path):
    args = ("world_news", "-a", f"base_url={replica_200.base_url}", "--run", "pair")
    workers = {name: start_worker(redis_url, tmp_path, name, *args, "-s",
                                  f"NEWSBOT_STORE_URI=sqlite:///{tmp_path}/{name}.sqlite3") for name in ("w1", "w2")}
    done = finish(workers)
    assert {name: code for name, (code, _) in done.items()} == {"w1": 0, "w2": 0}, done
    by_worker = feeds(tmp_path, "world_news")
    assert set(by_worker) == {"w1.jsonl", "w2.jsonl"} and all(by_worker.values()), "both workers wrote articles"
    urls = [item["canonical_url"] for items in by_worker.values() for item in items]
    assert len(urls) == len(set(urls)), "an article page was fetched by both workers"
    truth = {t["canonical_url"] for t in replica_200.truth if t["section"] == "world-news"}
    copies = {d["url"] for d in replica_200.duplicates}
    assert truth - copies <= set(urls), f"missing: {sorted(truth - copies - set(urls))[:5]}"
    assert set(urls) <= truth
    runs = summaries(tmp_path, "world_news")
    assert all(s["coverage"]["complete"] for s in runs.values()), "coverage is the pool's, not one worker's"
    last = next(s for s in runs.values() if s["frontier"]["workers"])
    assert {name: r["items_written"] for name, r in last["frontier"]["workers"].items()} == {
        "w1": len(by_worker["w1.jsonl"]), "w2": len(by_worker["w2.jsonl"])}
    assert crawl_keys(redis_url, "world_news") == [], "the run's keys are deleted when it ends"


def test_three_workers_never_exceed_one_sites_concurrency_together(redis_url, tmp_path):
    server, base_url, counts = counting_replica(articles=100, latency=0.05)
    try:
        args = ("world_news", "-a", f"base_url={base_url}", "--run", "polite", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2",
                "-s", "AUTOTHROTTLE_ENABLED=False")
        workers = {name: start_worker(redis_url, tmp_path, name, *args, "-s",
                                      f"NEWSBOT_STORE_URI=sqlite:///{tmp_path}/{name}.sqlite3")
                   for name in ("p1", "p2", "p3")}
        done = finish(workers)
    finally:
        server.shutdown()
        server.server_close()
    assert all(code == 0 for code, _ in done.values()), done
    assert sum(len(items) for items in feeds(tmp_path, "world_news").values()) > 50
    assert counts["peak"] == 2, f"at most 2 requests at once over the pool, and the pool used both: {counts}"


@pytest.mark.parametrize("text, message", [
    ("[[site]\n", "sites.toml"),
    ('[[site]]\nname = "a"\n', "site 1: no spider"),
    ('[[site]]\nspider = "world_news"\n[[site]]\nspider = "world_news"\n', "site 2: the name 'world_news' is used twice"),
    ('[[site]]\nspider = "world_news"\nname = "a:b"\n', "invalid site name"),
    ('[[site]]\nspider = "no_such_spider"\n', "no spider 'no_such_spider'"),
])
def test_a_bad_sites_file_is_a_usage_error_naming_the_entry(tmp_path, capsys, text, message):
    from newsbot.cli import main

    sites = tmp_path / "sites.toml"
    sites.write_text(text)
    assert main(["crawl", "--sites", str(sites), "--frontier", "redis://127.0.0.1:1/0"]) == 2
    assert message in capsys.readouterr().err


def test_a_frontier_that_does_not_answer_exits_8_and_a_worker_without_frontier_2(tmp_path, capsys):
    from newsbot.cli import main

    free = f"redis://127.0.0.1:{free_port()}/0"
    store = f"NEWSBOT_STORE_URI=sqlite:///{tmp_path}/w.sqlite3"
    assert main(["crawl", "world_news", "-a", "base_url=http://127.0.0.1:1", "-s", store, "--frontier", free]) == 8
    assert "does not answer" in capsys.readouterr().err
    assert main(["crawl", "world_news", "--worker", "w1"]) == 2


def test_a_worker_waiting_for_a_run_that_cannot_end_leaves_after_the_idle_timeout(redis_url, tmp_path):
    """The start requests were taken by a worker that died before scheduling them all, and nobody took its
    place: the run cannot end, and a worker waiting for it leaves with its own finish reason (exit 6)."""
    from newsbot.frontier.connection import redis_client

    keys, client = CrawlKeys("world_news", "orphan"), redis_client(redis_url)
    client.hset(keys.meta, "starter", "gone")
    began = time.monotonic()
    try:
        code, out = finish({"w1": start_worker(redis_url, tmp_path, "w1", "world_news", "-a",
                                               "base_url=http://127.0.0.1:9", "--run", "orphan", "-s",
                                               "NEWSBOT_FRONTIER_IDLE_TIMEOUT=2", "-s",
                                               f"NEWSBOT_STORE_URI=sqlite:///{tmp_path}/w1.sqlite3", "--no-quiet")})["w1"]
    finally:
        clear_crawl(client, keys)  # the orphan run holds the site's lock: other tests crawl the site
    assert code == 6, out
    assert "finish reason: frontier_idle_timeout" in out
    assert time.monotonic() - began < 120


def test_a_shared_crawl_on_the_default_sqlite_store_is_refused(capsys):
    """Workers of one machine on the default SQLite file would discard each other's staged articles."""
    from newsbot.cli import main

    free = f"redis://127.0.0.1:{free_port()}/0"
    assert main(["crawl", "world_news", "-a", "base_url=http://127.0.0.1:1", "--frontier", free]) == 2
    assert "needs a store its workers share" in capsys.readouterr().err
