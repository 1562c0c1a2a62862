"""Replica throughput and truth cost.

Prints article pages/s served over one keep-alive connection (cold: first render; warm: cached) next to a
same-run baseline (/robots.txt, a tiny constant document through the same server), and the time and peak
memory of writing the truth of a large site next to the time of only building its posts.

    .venv/bin/python benchmarks/replica_serve.py [--articles 50000] [--pages 2000]
"""

from __future__ import annotations

import argparse
import http.client
import tempfile
import time
import resource
from pathlib import Path
from urllib.parse import urlsplit

from newsbot.replica import Site, running_replica, write_truth


def fetch_all(base: str, paths: list[str]) -> float:
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port)
    started = time.perf_counter()
    for path in paths:
        conn.request("GET", path)
        conn.getresponse().read()
    elapsed = time.perf_counter() - started
    conn.close()
    return len(paths) / elapsed


def serving(pages: int) -> None:
    site = Site(articles=max(pages, 50), seed=1)
    paths = [p.path for p in site.posts("world-news") if p.trap is None][:pages]
    with running_replica(articles=site.articles, seed=1) as base:
        fetch_all(base, ["/robots.txt"] * 200)  # warm-up
        baseline = fetch_all(base, ["/robots.txt"] * len(paths))
        cold = fetch_all(base, paths)
        warm = fetch_all(base, paths)
    print(f"baseline /robots.txt     {baseline:8.0f} req/s")
    print(f"article pages, cold      {cold:8.0f} pages/s  ({cold / baseline:.2f} x baseline)")
    print(f"article pages, cached    {warm:8.0f} pages/s  ({warm / baseline:.2f} x baseline)")


def truth(articles: int) -> None:
    """Run first, in a fresh process: ru_maxrss is the process's peak resident size."""
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    build_only = sum(1 for _ in Site(articles=articles, seed=1).all_posts())
    build = time.perf_counter() - started
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as directory:
        write_truth(Site(articles=articles, seed=1), directory, "http://127.0.0.1:8000")
        size = sum(f.stat().st_size for f in Path(directory).iterdir())
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    print(f"build {build_only} posts     {build:8.2f} s")
    print(f"write truth              {elapsed:8.2f} s  ({elapsed / build:.2f} x building), {size / 2**20:.0f} MiB written, peak RSS +{peak / 1024:.0f} MiB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--pages", type=int, default=2000)
    args = parser.parse_args()
    truth(args.articles)
    serving(args.pages)
