"""Browser cost benchmark: the replica's ``world-js`` listing and articles rendered in headless Chromium
(scrapy-playwright: listing with its "Load more" clicks, every article waiting for its script-inserted
comments) against the same pages over plain HTTP, in one run, side by side.

Both runs are the same spider (this file, run with ``scrapy runspider``): the same URLs, the same extraction;
only the request meta differs. A first plain run warms the replica's page cache and is not reported.
Prints pages/s, wall time and peak memory of each run's whole process tree
(Python, and for the browser run Playwright's node driver and Chromium's processes; PSS summed over the
processes, sampled every 100 ms), and the cost ratios.

    .venv/bin/python benchmarks/browser_cost.py [--articles 1000] [--max-pages 2]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import scrapy

from newsbot.sites.world_news_js import WorldNewsJs
from newsbot.spiders.section import SectionSpider
from replica_process import start_replica

ROOT = Path(__file__).resolve().parents[1]
COMMON = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS=16", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
          "-s", "LOG_LEVEL=WARNING", "-s", "ROBOTSTXT_OBEY=False", "-s", "ITEM_PIPELINES={}", "-s", "SPIDERMON_ENABLED=False"]


class BrowserCostSpider(SectionSpider):
    """The listing then every article of ``urls_file``; in Chromium when ``-s NEWSBOT_BROWSER=1``."""

    name = "browser_cost"
    profile = type("WorldNewsJsPages", (WorldNewsJs,), {"browser_pages": frozenset()})  # the setting decides

    def __init__(self, urls_file: str, **kwargs):
        super().__init__(**kwargs)
        self.urls = Path(urls_file).read_text(encoding="utf-8").split()

    def page_meta(self, kind: str) -> dict:
        return self.browser.browser_meta(kind) if self.browser.enabled else {}

    async def start(self):
        listing, *articles = self.urls
        yield scrapy.Request(listing, callback=self.parse_links, meta=self.page_meta("listing"))
        for url in articles:
            yield scrapy.Request(url, callback=self.parse_article, meta=self.page_meta("article"))

    def parse_links(self, response):
        self.browser.rerender(response, "listing")  # counts the browser page
        self.crawler.stats.set_value("bench/listing_links", len(response.css(".td-module-title a")))


class TreeMemory(threading.Thread):
    """Peak memory (MB) of a process and its descendants, sampled until the process ends: the sum of their
    PSS (proportional set size: a page shared by n processes counts 1/n in each)."""

    def __init__(self, pid: int, every: float = 0.1):
        super().__init__(daemon=True)
        self.process, self.every, self.peak_mb = psutil.Process(pid), every, 0.0

    def run(self) -> None:
        while self.process.is_running() and self.process.status() != psutil.STATUS_ZOMBIE:
            total = 0
            for proc in [self.process, *self.process.children(recursive=True)]:
                try:
                    total += proc.memory_full_info().pss
                except psutil.Error:
                    pass
            self.peak_mb = max(self.peak_mb, total / 2**20)
            time.sleep(self.every)  # the sampling interval of a measurement, not a wait for readiness


def run(urls: Path, work: Path, browser: bool, max_pages: int) -> dict:
    stats = work / f"browser-{int(browser)}.stats.json"
    command = [sys.executable, "-m", "scrapy", "runspider", __file__, "-a", f"urls_file={urls}", "-a", f"base_url={urls.read_text().split()[0].split('/category/')[0]}",
               "-s", f"NEWSBOT_BROWSER={int(browser)}", "-s", f"NEWSBOT_BROWSER_MAX_PAGES={max_pages}",
               "-s", f"NEWSBOT_STATS_FILE={stats}", "-s", f"NEWSBOT_STORE_URI=sqlite:///{work}/state-{int(browser)}.sqlite3",
               "-O", str(work / f"browser-{int(browser)}.jsonl"), *COMMON]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "SCRAPY_SETTINGS_MODULE": "newsbot.settings"})
    memory = TreeMemory(process.pid)
    memory.start()
    if process.wait() != 0:
        raise SystemExit(f"the {'browser' if browser else 'plain'} run failed ({process.returncode})")
    wall = time.perf_counter() - started
    memory.join()
    figures = json.loads(stats.read_text())
    return {"pages": figures.get("response_received_count", 0), "crawl_s": figures["elapsed_time_seconds"],
            "wall_s": wall, "peak_mb": memory.peak_mb, "articles": figures.get("newsbot/articles", 0),
            "browser_pages": figures.get("playwright/pages", 0), "listing_links": figures.get("bench/listing_links", 0)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="replica size (world-js holds 1/20 of it)")
    parser.add_argument("--max-pages", type=int, default=2, help="NEWSBOT_BROWSER_MAX_PAGES")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsbot-browser-bench-"))
    replica, base_url = start_replica(args.articles, work / "truth")
    try:
        truth = map(json.loads, (work / "truth" / "articles.jsonl").read_text(encoding="utf-8").splitlines())
        articles = [t["url"] for t in truth if t["section"] == "world-js"]
        urls = work / "urls.txt"
        urls.write_text("\n".join([f"{base_url}/category/world-js/", *articles]), encoding="utf-8")
        run(urls, work, browser=False, max_pages=args.max_pages)  # warm-up: the replica renders and caches every page
        plain = run(urls, work, browser=False, max_pages=args.max_pages)
        chromium = run(urls, work, browser=True, max_pages=args.max_pages)
    finally:
        replica.terminate()
        replica.wait()
    print(f"{len(articles) + 1} pages: the world-js listing and its {len(articles)} articles "
          f"(browser pages at once: {args.max_pages})")
    print(f"{'':10s} {'pages':>6s} {'crawl s':>8s} {'pages/s':>8s} {'wall s':>7s} {'peak MB':>8s} {'articles':>9s} {'listing links':>14s}")
    for name, figures in (("plain HTTP", plain), ("Chromium", chromium)):
        figures["rate"] = figures["pages"] / figures["crawl_s"]
        print(f"{name:10s} {figures['pages']:6d} {figures['crawl_s']:8.2f} {figures['rate']:8.1f} {figures['wall_s']:7.2f} "
              f"{figures['peak_mb']:8.0f} {figures['articles']:9d} {figures['listing_links']:14d}")
    print(f"cost of Chromium: {plain['rate'] / chromium['rate']:.1f}x slower per page, "
          f"{chromium['wall_s'] / plain['wall_s']:.1f}x the wall time (start-up included), "
          f"{chromium['peak_mb'] / plain['peak_mb']:.1f}x the peak memory (+{chromium['peak_mb'] - plain['peak_mb']:.0f} MB)")


if __name__ == "__main__":
    main()
