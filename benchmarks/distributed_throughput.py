"""Shared-crawl benchmark: pages/s of 1, 2 and 3 workers (``newsbot crawl --sites … --frontier …``) crawling
two replica sites with one Redis frontier and one PostgreSQL store, at each server latency asked for, with the
per-site politeness limit in force (``CONCURRENT_REQUESTS_PER_DOMAIN``, 8, over the whole pool); the
baseline is one worker in the same run. Then the frontier's Redis memory per 100,000 queued requests and
per 100,000 request fingerprints, and the store's footprint per 100,000 articles from 16a's
``benchmarks/store_footprint.py`` when it is there.

    .venv/bin/python benchmarks/distributed_throughput.py [--articles 500] [--latency-ms 100,0] [--workers 1,2,3]
        [--footprint-articles 20000]

Needs Debian's ``redis-server`` and ``postgresql`` (the test fixtures ``tests/redis_server.py`` and
``tests/postgres_server.py`` start throwaway ones). Each replica runs in a process of its own; they share
this machine's cores with the workers, Redis and PostgreSQL. Pages are the responses the workers' summaries
count (robots.txt, listings, feeds, sitemaps, articles), per second from the workers' start to the last exit
and over the crawl itself (first engine start to last finish, from the summaries); CPU is the workers'
user+system time, interpreter start-up included.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from postgres_server import postgres_bindir, running_postgres  # noqa: E402
from redis_server import start_redis  # noqa: E402

SITES = ("site_a", "site_b")
QUIET = ["-s", "LOG_LEVEL=WARNING", "-s", "AUTOTHROTTLE_ENABLED=False"]


def start_replica(articles: int, seed: int, truth: Path, latency: float) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([sys.executable, "-m", "newsbot.cli", "replica", "--articles", str(articles),
                                "--seed", str(seed), "--truth", str(truth), "--slow-delay", "0",
                                "--latency", str(latency)], stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    if not line.startswith("serving "):
        process.kill()
        raise SystemExit(f"the replica did not start: {line!r}")
    return process, line.split()[1].rstrip("/")


def shared_crawl(workers: int, sites_file: Path, redis: str, store: str, workdir: Path) -> dict:
    """Start ``workers`` workers at once; wait for all; return wall seconds, pages, CPU seconds and items."""
    started = time.monotonic()
    processes = [subprocess.Popen([sys.executable, "-m", "newsbot.cli", "crawl", "--sites", str(sites_file),
                                   "--frontier", redis, "--worker", f"w{n}", "-s", f"NEWSBOT_STORE_URI={store}",
                                   *QUIET], cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                 for n in range(1, workers + 1)]
    cpu, codes = 0.0, []
    for process in processes:
        _, status, usage = os.wait4(process.pid, 0)
        cpu += usage.ru_utime + usage.ru_stime
        codes.append(os.waitstatus_to_exitcode(status))
    wall = time.monotonic() - started
    summaries = [json.loads(p.read_text()) for p in (workdir / "output").glob("*/*/*.summary.json")]
    # the crawl itself: from the first worker's engine start to the last one's finish (no interpreter start-up)
    window = (max(datetime.fromisoformat(s["finished"]) for s in summaries)
              - min(datetime.fromisoformat(s["started"]) for s in summaries)).total_seconds()
    return {"wall": wall, "window": window, "cpu": cpu, "codes": codes,
            "pages": sum(s["responses"] for s in summaries), "items": sum(s["items_written"] for s in summaries)}


def redis_memory(redis: str, requests: int = 100_000) -> dict:
    """Redis memory per 100,000 queued requests and per 100,000 fingerprints, as the frontier stores them."""
    from scrapy import Request
    from scrapy.utils.request import RequestFingerprinter
    from scrapy_redis import picklecompat

    from newsbot.frontier.connection import redis_client

    client = redis_client(redis)
    client.flushdb()
    fingerprinter = RequestFingerprinter()
    base = client.info("memory")["used_memory"]
    with client.pipeline(transaction=False) as pipe:
        for n in range(requests):
            request = Request(f"https://example-news.com/2026/11/{n % 28 + 1:02d}/article-number-{n}-with-a-slug/",
                              meta={"source": "listing", "page_kind": "article"}, priority=0)
            pipe.zadd("bench:queue", {picklecompat.dumps(request.to_dict()): 0})
            if n % 1000 == 999:
                pipe.execute()
        pipe.execute()
    queued = client.info("memory")["used_memory"]
    with client.pipeline(transaction=False) as pipe:
        for n in range(requests):
            request = Request(f"https://example-news.com/2026/11/{n % 28 + 1:02d}/article-number-{n}-with-a-slug/")
            pipe.sadd("bench:seen", fingerprinter.fingerprint(request).hex())
            if n % 1000 == 999:
                pipe.execute()
        pipe.execute()
    seen = client.info("memory")["used_memory"]
    client.flushdb()
    scale = 100_000 / requests
    return {"queue_mb": (queued - base) * scale / 2**20, "seen_mb": (seen - queued) * scale / 2**20}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=500, help="world-news articles per site")
    parser.add_argument("--latency-ms", default="100,0")
    parser.add_argument("--workers", default="1,2,3")
    parser.add_argument("--footprint-articles", type=int, default=20_000,
                        help="articles store_footprint.py stages (its figures are per 100,000)")
    args = parser.parse_args()
    if postgres_bindir() is None:
        raise SystemExit("PostgreSQL is not installed (Debian package postgresql)")
    print(f"load average at start: {os.getloadavg()}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp, running_postgres() as postgres:
        tmp = Path(tmp)
        redis_process, redis = start_redis(tmp)
        try:
            for latency_ms in map(int, args.latency_ms.split(",")):
                replicas = [start_replica(args.articles, seed, tmp / f"truth-{seed}-{latency_ms}", latency_ms / 1000)
                            for seed in (11, 12)]
                sites_file = tmp / f"sites-{latency_ms}.toml"
                sites_file.write_text("".join(
                    f'[[site]]\nname = "{name}"\nspider = "world_news"\nargs = {{ base_url = "{base}" }}\n\n'
                    for name, (_, base) in zip(SITES, replicas)))
                baseline = None
                for workers in map(int, args.workers.split(",")):
                    workdir = tmp / f"run-{latency_ms}-{workers}"
                    workdir.mkdir()
                    store = postgres.create_database(f"bench_{latency_ms}_{workers}")
                    run = shared_crawl(workers, sites_file, redis, store, workdir)
                    rates = (run["pages"] / run["wall"], run["pages"] / run["window"])
                    baseline = baseline or rates
                    print(f"{latency_ms:>4} ms  {workers} worker(s): {rates[0]:6.1f} pages/s from start to exit "
                          f"({rates[0] / baseline[0]:.2f} x one worker), {rates[1]:6.1f} pages/s while crawling "
                          f"({rates[1] / baseline[1]:.2f} x); {run['pages']} pages, {run['items']} articles in "
                          f"{run['wall']:.1f} s, CPU {1000 * run['cpu'] / max(run['pages'], 1):.1f} ms a page, "
                          f"load {os.getloadavg()[0]:.1f}, exit codes {run['codes']}", flush=True)
                for process, _ in replicas:
                    process.terminate()
                    process.wait()
            memory = redis_memory(redis)
            print(f"Redis: {memory['queue_mb']:.1f} MB per 100,000 queued requests, "
                  f"{memory['seen_mb']:.1f} MB per 100,000 request fingerprints")
        finally:
            redis_process.terminate()
            redis_process.wait()
    footprint = ROOT / "benchmarks" / "store_footprint.py"
    if footprint.exists():
        subprocess.run([sys.executable, str(footprint), "--articles", str(args.footprint_articles)], check=False)
    else:
        print("store footprint: benchmarks/store_footprint.py (issue 16's store part) is not there")
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
