"""Crawl benchmark: newsbot's full crawl of a replica (discovery, extraction, every pipeline, JSONL export)
against a bare Scrapy spider that only downloads the same pages, in the same run.

Prints pages/s of both, their ratio (targets: >= 0.8 CPU-bound, >= 0.95 at 100 ms), CPU per page, each
process's peak RSS (target < 300 MB), the full crawl's coverage and its finalized feed against the replica's
truth (articles missing, extra, twice), at each server latency asked for:

- ``0`` ms, 16 concurrent requests: the replica answers at once from its render cache, so both crawls are
  bound by CPU (this machine's cores are shared by the crawler and the replica). The ratio is then the
  bare download's CPU per page over newsbot's.
- ``100`` ms (default second run), at newsbot's default concurrency per site (8): every response is held
  as a remote site's round trip and page generation would hold it. Both crawls are then bound by the
  network, as a real crawl is; the ratio shows whether newsbot's processing keeps up with its downloads,
  and whether its discovery does (the listing's pages 2..N are requested at once once page 1 announces N,
  where the bare spider is handed every URL up front).

    .venv/bin/python benchmarks/crawl_throughput.py [--articles 5000] [--latency-ms 0,100] [--sequential]

``--sequential`` adds a third crawl, newsbot with its listing walked one page after the other
(``NEWSBOT_LISTING_PARALLEL=False``, as before pages 2..N were requested at once).

``--calibrate 4,8`` adds bare downloads that spend that many ms of CPU on each page (a busy loop): how much
CPU a page a crawl can spend, on this machine with the replica beside it, and keep the bare download's pace.
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
QUIET = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=WARNING", "-s", "ROBOTSTXT_OBEY=False",
         "-s", "TELNETCONSOLE_ENABLED=False"]
DEFAULT_CONCURRENCY = 8  # newsbot's CONCURRENT_REQUESTS_PER_DOMAIN
CPU_BOUND_CONCURRENCY = 16


def timed(command: list[str], cwd: Path, env: dict) -> dict:
    """Run a crawl; return the process's peak RSS (MB) and CPU seconds."""
    process = subprocess.Popen(command, cwd=cwd, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"{command[:5]} failed with status {status}")
    return {"peak_rss_mb": usage.ru_maxrss / 1024, "cpu_seconds": usage.ru_utime + usage.ru_stime}


def section_urls(truth: Path, base_url: str) -> list[str]:
    """The pages the full crawl downloads: the section's listing pages and its article pages."""
    rows = map(json.loads, (truth / "articles.jsonl").read_text(encoding="utf-8").splitlines())
    articles = [row["url"] for row in rows if row["section"] == "world-news"]
    listing_pages = -(-len(articles) // 10)  # the replica lists 10 articles a page
    return [f"{base_url}/category/world-news/"] + [
        f"{base_url}/category/world-news/page/{n}/" for n in range(2, listing_pages + 1)] + articles


def feed_against_truth(feed: Path, truth: Path) -> dict:
    """The finalized feed's articles against the replica's unique world-news articles (copies excluded)."""
    rows = [json.loads(line) for line in (truth / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    copies = {json.loads(line)["url"] for line in (truth / "duplicates.jsonl").read_text(encoding="utf-8").splitlines()}
    expected = {row["canonical_url"] for row in rows if row["section"] == "world-news"} - copies
    got = [json.loads(line)["canonical_url"] for line in feed.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {"lines": len(got), "expected": len(expected), "missing": len(expected - set(got)),
            "extra": len(set(got) - expected), "twice": len(got) - len(set(got))}


def measure(articles: int, latency_ms: int, work: Path, sequential: bool = False, calibrate: tuple = ()) -> dict:
    """Both crawls against one replica whose responses are held ``latency_ms``; their figures."""
    concurrency = CPU_BOUND_CONCURRENCY if latency_ms == 0 else DEFAULT_CONCURRENCY
    common = [*QUIET, "-s", f"CONCURRENT_REQUESTS={concurrency}", "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={concurrency}"]
    run = work / f"latency-{latency_ms}"
    run.mkdir()
    replica, base_url = start_replica(articles, run / "truth", latency_ms / 1000)
    try:
        urls = run / "urls.txt"
        urls.write_text("\n".join(section_urls(run / "truth", base_url)), encoding="utf-8")
        stats_bare = run / "bare.stats.json"
        bare_env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
        bare_command = [sys.executable, "-m", "scrapy", "runspider", str(ROOT / "benchmarks" / "bare_spider.py"),
                        "-a", f"urls_file={urls}", "-s", "EXTENSIONS={\"newsbot.extensions.stats_file.StatsFile\": 0}",
                        "-s", f"NEWSBOT_STATS_FILE={stats_bare}", *common]
        stats_full = run / "full.stats.json"
        full_command = [sys.executable, "-m", "scrapy", "crawl", "world_news", "-a", f"base_url={base_url}",
                        "-O", str(run / "full.jsonl"), "-s", f"NEWSBOT_STATS_FILE={stats_full}",
                        "-s", f"NEWSBOT_STORE_URI=sqlite:///{run}/state.sqlite3", "-a", "full=1", *common]
        if latency_ms == 0:
            # an untimed bare run first has the replica render (and cache) every page: both are then timed
            # against the same warm server (with latency, the latency dominates and no warm-up is needed)
            timed(bare_command, run, bare_env)
        env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newsbot.settings"}
        result = {"latency_ms": latency_ms, "concurrency": concurrency,
                  "full": {**timed(full_command, ROOT, env), **json.loads(stats_full.read_text())},
                  "bare": {**timed(bare_command, run, bare_env), **json.loads(stats_bare.read_text())},
                  "feed": feed_against_truth(run / "full.jsonl", run / "truth")}
        for cpu_ms in calibrate:
            stats_bare.unlink()
            busy = timed([*bare_command, "-a", f"cpu_ms={cpu_ms}"], run, bare_env)
            result[f"bare + {cpu_ms} ms CPU"] = {**busy, **json.loads(stats_bare.read_text())}
        if sequential:  # a fresh store: the same full crawl, its listing walked one page after the other
            (run / "state.sqlite3").unlink()
            walked = timed([*full_command, "-s", "NEWSBOT_LISTING_PARALLEL=False"], ROOT, env)
            result["sequential"] = {**walked, **json.loads(stats_full.read_text())}
    finally:
        replica.terminate()
        replica.wait()
    return result


def report(result: dict) -> None:
    print(f"\n-- server latency {result['latency_ms']} ms, {result['concurrency']} concurrent requests")
    rate = {}
    calibration = [(key, key) for key in result if key.startswith("bare + ")]
    for name, key in (("newsbot full crawl", "full"), ("bare Scrapy download", "bare"),
                      ("newsbot, sequential walk", "sequential"), *calibration):
        run = result.get(key)
        if run is None:
            continue
        pages = run.get("response_received_count", 0)
        rate[key] = pages / run["elapsed_time_seconds"]
        print(f"{name:22s} {pages:6d} pages in {run['elapsed_time_seconds']:7.2f} s = {rate[key]:7.1f} pages/s, "
              f"CPU {1000 * run['cpu_seconds'] / pages:5.1f} ms/page, peak RSS {run['peak_rss_mb']:6.1f} MB, "
              f"items {run.get('item_scraped_count', 0)}")
    target = 0.8 if result["latency_ms"] == 0 else 0.95
    coverage = result["full"].get("newsbot/coverage") or {}
    if "sequential" in rate:
        print(f"ratio sequential walk/bare: {rate['sequential'] / rate['bare']:.2f}")
    for key, _ in calibration:
        print(f"ratio {key}/bare: {rate[key] / rate['bare']:.2f}")
    print(f"ratio full/bare: {rate['full'] / rate['bare']:.2f} (target >= {target}); "
          f"full-crawl peak RSS {result['full']['peak_rss_mb']:.0f} MB (target < 300 MB); coverage "
          f"{'complete' if coverage.get('complete') else 'INCOMPLETE'}, {coverage.get('reached')} of "
          f"{coverage.get('expected')} {coverage.get('unit')}")
    feed = result["feed"]
    print(f"full-crawl feed: {feed['lines']} articles of the replica's {feed['expected']} unique world-news articles, "
          f"{feed['missing']} missing, {feed['extra']} not among them, {feed['twice']} twice")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--latency-ms", default="0,100", help="server latencies to measure at, comma-separated")
    parser.add_argument("--sequential", action="store_true", help="also crawl with the listing walked page by page")
    parser.add_argument("--calibrate", default="", help="ms of CPU a page for extra bare downloads, comma-separated")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsbot-bench-"))
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    for latency_ms in (int(value) for value in args.latency_ms.split(",")):
        calibrate = tuple(float(value) for value in args.calibrate.split(",") if value)
        report(measure(args.articles, latency_ms, work, args.sequential, calibrate))


if __name__ == "__main__":
    main()
