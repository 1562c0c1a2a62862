"""Incremental runs vs. a full run over the replica: time and request count, side by side.

``python benchmarks/incremental_run.py [ARTICLES]`` (default 5,000) serves a replica, then on one store runs
``newsbot crawl``: a full run (the baseline, the first run of a store), a no-change incremental run, and
an incremental run after 10 new articles. Prints each run's wall time, request count and articles written,
and the ratios to the full run (the machine is shared: read the ratios, not the seconds).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsbot.replica import running_replica

ROOT = Path(__file__).resolve().parents[1]


def crawl(base_url: str, workdir: Path, name: str) -> dict:
    feed = workdir / f"{name}.jsonl"
    command = [sys.executable, "-m", "newsbot.cli", "crawl", "world_news", "-a", f"base_url={base_url}",
               "-O", str(feed), "-s", f"NEWSBOT_STORE_URI=sqlite:///{workdir}/state.sqlite3",
               "-s", "AUTOTHROTTLE_ENABLED=False"]
    started = time.perf_counter()
    process = subprocess.run(command, cwd=workdir, capture_output=True, text=True,
                             env={**os.environ, "SCRAPY_SETTINGS_MODULE": "newsbot.settings"})
    seconds = time.perf_counter() - started
    stats = json.loads((workdir / f"{name}.stats.json").read_text())
    return {"run": name, "exit": process.returncode, "seconds": seconds,
            "requests": stats.get("downloader/request_count", 0), "written": stats.get("item_scraped_count", 0),
            "skipped_known": stats.get("incremental/skipped_known", 0)}


def main() -> None:
    articles = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    rows, port = [], 0
    with tempfile.TemporaryDirectory(prefix="incremental-bench-") as tmp:
        workdir = Path(tmp)
        for name, count in (("full", articles), ("no change", articles), ("10 new", articles + 10)):
            with running_replica(articles=count, seed=1, port=port, slow_delay=0.2) as base_url:
                port = int(base_url.rsplit(":", 1)[1])
                rows.append(crawl(base_url, workdir, name.replace(" ", "_")) | {"run": name})
    full = rows[0]
    print(f"replica: {articles} articles; load average {os.getloadavg()[0]:.2f}")
    print(f"{'run':<10} {'exit':>4} {'seconds':>8} {'x full':>7} {'requests':>9} {'x full':>7} {'written':>8} {'skipped':>8}")
    for row in rows:
        print(f"{row['run']:<10} {row['exit']:>4} {row['seconds']:>8.1f} {row['seconds'] / full['seconds']:>7.3f} "
              f"{row['requests']:>9} {row['requests'] / full['requests']:>7.4f} {row['written']:>8} {row['skipped_known']:>8}")


if __name__ == "__main__":
    main()
