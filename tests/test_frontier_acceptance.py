"""Acceptance of the shared crawl (issue 16): workers against one real redis-server and one real PostgreSQL
store, their feeds' union compared with the replica's ground truth.

- three workers crawl a 2,000-article replica: every world-news article exactly once, copies and
  near-duplicate rewrites dropped as one process drops them (the end-to-end test's expectations);
- one pool crawls two sites (``--sites``): each site's articles exactly once, in that site's feeds;
- one of three workers is SIGKILLed mid-run and a worker of the same name replaces it: the finished and
  recovered feeds (never a ``.partial``) still hold every article exactly once.
"""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest
from crawling import Replica, read_jsonl
from test_frontier import crawl_keys, feeds, finish, start_worker, summaries

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


@pytest.fixture(scope="module")
def replica_2000(tmp_path_factory):
    from newsbot.replica import running_replica

    truth_dir = tmp_path_factory.mktemp("truth2000")
    with running_replica(articles=2000, seed=6, truth_dir=truth_dir, slow_delay=0.2) as base_url:
        yield Replica(base_url, truth_dir)


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory):
    from newsbot.replica import running_replica

    truth_a, truth_b = tmp_path_factory.mktemp("truth_a"), tmp_path_factory.mktemp("truth_b")
    with running_replica(articles=200, seed=7, truth_dir=truth_a, slow_delay=0.2) as a, \
            running_replica(articles=150, seed=8, truth_dir=truth_b, slow_delay=0.2) as b:
        yield {"site_a": Replica(a, truth_a), "site_b": Replica(b, truth_b)}


def problems(replica: Replica, items: list[dict]) -> list[str]:
    """How the union of the feeds differs from what one process delivers (``test_crawl_e2e``'s expectations):
    each unique world-news article once, no exact copy, near-duplicate rewrites dropped (recall 0.95)."""
    truth = {t["canonical_url"] for t in replica.truth if t["section"] == "world-news"}
    exact = {d["url"] for d in replica.duplicates if d["kind"] == "exact"}
    near = {d["url"] for d in replica.duplicates if d["kind"] == "near"}
    urls = [item["canonical_url"] for item in items]
    got = set(urls)
    found = []
    if len(urls) != len(got):
        found.append(f"twice: {sorted(u for u in got if urls.count(u) > 1)[:5]}")
    if truth - exact - near - got:
        found.append(f"missing {len(truth - exact - near - got)}: {sorted(truth - exact - near - got)[:5]}")
    if got - truth:
        found.append(f"not world news: {sorted(got - truth)[:5]}")
    if got & exact:
        found.append(f"exact copies emitted: {sorted(got & exact)[:5]}")
    if near and len(near - got) / len(near) < 0.95:
        found.append(f"near duplicates kept: {sorted(near & got)}")
    return found


def test_three_workers_crawl_2000_articles_each_once(replica_2000, redis_url, postgres_uri, tmp_path):
    args = ("world_news", "-a", f"base_url={replica_2000.base_url}", "-s", f"NEWSBOT_STORE_URI={postgres_uri}")
    started = time.monotonic()
    done = finish({name: start_worker(redis_url, tmp_path, name, *args) for name in ("w1", "w2", "w3")})
    elapsed = time.monotonic() - started
    assert all(code == 0 for code, _ in done.values()), {n: (c, out[-1500:]) for n, (c, out) in done.items()}
    by_worker = feeds(tmp_path, "world_news")
    assert sorted(by_worker) == ["w1.jsonl", "w2.jsonl", "w3.jsonl"]
    assert all(len(items) > 100 for items in by_worker.values()), {k: len(v) for k, v in by_worker.items()}
    assert problems(replica_2000, [item for items in by_worker.values() for item in items]) == []
    last = next(s for s in summaries(tmp_path, "world_news").values() if s["frontier"]["workers"])
    assert sorted(last["frontier"]["workers"]) == ["w1", "w2", "w3"] and last["frontier"]["workers_joined"] == 3
    assert crawl_keys(redis_url, "world_news") == []
    print(f"three workers, 2,000 articles: {elapsed:.0f} s")


def test_one_pool_crawls_two_sites_each_article_once_per_site(two_sites, redis_url, postgres_uri, tmp_path):
    sites = tmp_path / "sites.toml"
    sites.write_text("".join(f'[[site]]\nname = "{name}"\nspider = "world_news"\nargs = {{ base_url = "{replica.base_url}" }}\n\n'
                             for name, replica in two_sites.items()))
    args = ("--sites", str(sites), "-s", f"NEWSBOT_STORE_URI={postgres_uri}")
    done = finish({name: start_worker(redis_url, tmp_path, name, *args) for name in ("w1", "w2")})
    assert all(code == 0 for code, _ in done.values()), {n: (c, out[-1500:]) for n, (c, out) in done.items()}
    for name, replica in two_sites.items():
        by_worker = feeds(tmp_path, name)
        assert sorted(by_worker) == ["w1.jsonl", "w2.jsonl"], name
        assert problems(replica, [item for items in by_worker.values() for item in items]) == [], name


def lines_in(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def test_a_worker_killed_mid_run_and_replaced_loses_and_repeats_nothing(replica_2000, redis_url, postgres_uri,
                                                                        tmp_path):
    args = ("world_news", "-a", f"base_url={replica_2000.base_url}", "--run", "killed",
            "-s", f"NEWSBOT_STORE_URI={postgres_uri}")
    workers = {name: start_worker(redis_url, tmp_path, name, *args) for name in ("w1", "w2", "w3")}
    deadline = time.monotonic() + 300
    while not any(lines_in(p) >= 100 for p in (tmp_path / "output" / "world_news").glob("*/w2.jsonl.partial")):
        assert time.monotonic() < deadline and workers["w2"].poll() is None, "w2 wrote no 100 articles"
        time.sleep(0.1)
    os.kill(workers["w2"].pid, signal.SIGKILL)
    assert workers["w2"].wait() == -signal.SIGKILL
    workers["w2"] = start_worker(redis_url, tmp_path, "w2", *args)  # joins once the dead one's lease lapsed
    done = finish(workers)
    assert all(code == 0 for code, _ in done.values()), {n: (c, out[-1500:]) for n, (c, out) in done.items()}
    output = tmp_path / "output" / "world_news"
    assert list(output.glob("*/*.partial")) == []
    by_file = feeds(tmp_path, "world_news")
    assert "w2.recovered.jsonl" in by_file, sorted(by_file)
    assert problems(replica_2000, [item for items in by_file.values() for item in items]) == []
    stats = [json.loads(p.read_text()) for p in output.glob("*/*.stats.json")]
    # the dead worker's requests come back once: through a live worker that finds it dead, or through its
    # replacement when that one joins first
    assert sum(s.get("frontier/workers_lost", 0) for s in stats) <= 1
    assert sum(s.get("frontier/requeued", 0) for s in stats) > 0, "the dead worker's requests in flight came back"
