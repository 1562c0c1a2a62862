"""Crawl benchmark: newsbot's full crawl of a replica (discovery, extraction, every pipeline, JSONL export)
against a bare Scrapy spider that only downloads the same pages, in the same run.

Prints pages/s of both, their ratio (target >= 0.8) and each process's peak RSS (target < 300 MB).

    .venv/bin/python benchmarks/crawl_throughput.py [--articles 5000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from replica_process import start_replica

ROOT = Path(__file__).resolve().parents[1]
COMMON = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS=16", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
          "-s", "LOG_LEVEL=WARNING", "-s", "ROBOTSTXT_OBEY=False", "-s", "TELNETCONSOLE_ENABLED=False"]


def timed(command: list[str], cwd: Path, env: dict) -> dict:
    """Run a crawl; return its stats file's figures and the process's peak RSS (MB)."""
    process = subprocess.Popen(command, cwd=cwd, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"{command[:5]} failed with status {status}")
    return {"peak_rss_mb": usage.ru_maxrss / 1024, "cpu_seconds": usage.ru_utime + usage.ru_stime}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsbot-bench-"))
    replica, base_url = start_replica(args.articles, work / "truth")
    try:
        env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newsbot.settings"}
        stats_full = work / "full.stats.json"
        full_command = [sys.executable, "-m", "scrapy", "crawl", "world_news", "-a", f"base_url={base_url}",
                        "-O", str(work / "full.jsonl"), "-s", f"NEWSBOT_STATS_FILE={stats_full}",
                        "-s", f"NEWSBOT_STORE_URI=sqlite:///{work}/state.sqlite3", "-a", "full=1", *COMMON]
        # the bare spider downloads the same pages: the section's listing pages and its article pages
        urls = work / "urls.txt"
        truth = map(json.loads, (work / "truth" / "articles.jsonl").read_text(encoding="utf-8").splitlines())
        articles = [t["url"] for t in truth if t["section"] == "world-news"]
        listing_pages = -(-len(articles) // 10)  # the replica lists 10 articles a page
        listing = [f"{base_url}/category/world-news/"] + [
            f"{base_url}/category/world-news/page/{n}/" for n in range(2, listing_pages + 1)]
        urls.write_text("\n".join(listing + articles), encoding="utf-8")
        stats_bare = work / "bare.stats.json"
        bare_env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
        bare_command = [sys.executable, "-m", "scrapy", "runspider", str(ROOT / "benchmarks" / "bare_spider.py"),
                        "-a", f"urls_file={urls}", "-s", "EXTENSIONS={\"newsbot.extensions.stats_file.StatsFile\": 0}",
                        "-s", f"NEWSBOT_STATS_FILE={stats_bare}", *COMMON]
        # an untimed bare run first has the replica render (and cache) every page: both are then timed
        # against the same warm server
        timed(bare_command, work, bare_env)
        full = timed(full_command, ROOT, env)
        full.update(json.loads(stats_full.read_text()))
        bare = timed(bare_command, work, bare_env)
        bare.update(json.loads(stats_bare.read_text()))
    finally:
        replica.terminate()
        replica.wait()
    rate = {}
    for name, run in (("newsbot full crawl", full), ("bare Scrapy download", bare)):
        pages = run.get("response_received_count", 0)
        rate[name] = pages / run["elapsed_time_seconds"]
        print(f"{name:22s} {pages:6d} pages in {run['elapsed_time_seconds']:7.2f} s = {rate[name]:7.1f} pages/s, "
              f"CPU {1000 * run['cpu_seconds'] / pages:5.1f} ms/page, peak RSS {run['peak_rss_mb']:6.1f} MB, "
              f"items {run.get('item_scraped_count', 0)}")
    print(f"ratio full/bare: {rate['newsbot full crawl'] / rate['bare Scrapy download']:.2f} (target >= 0.8); "
          f"full-crawl peak RSS {full['peak_rss_mb']:.0f} MB (target < 300 MB)")


if __name__ == "__main__":
    main()
