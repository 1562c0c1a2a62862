"""CPU a crawl spends before its first request, beside a bare Scrapy spider's in the same run.

``python benchmarks/startup.py [RUNS] [OTHER_CHECKOUT]`` (default 5 runs) serves a small replica, then
starts, RUNS times each,
``scrapy crawl world_news`` (newsbot, its project settings) and ``scrapy runspider`` of a bare spider with
Scrapy's defaults, each with the extension ``FirstRequest`` below, which ends the process the moment the
first request reaches the downloader and prints the process's CPU time (user + system) so far: interpreter
start, imports, settings, components, the spider's first request. Prints the median and the range of each,
and their difference (what newsbot adds). With OTHER_CHECKOUT (e.g. ``/work/main``), newsbot's crawl is
also started from that checkout's code, for a before-and-after in the same run.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from scrapy import signals

ROOT = Path(__file__).resolve().parents[1]
MARK = "first request after CPU seconds:"


class FirstRequest:
    """Print the CPU time of this process and end it when the first request reaches the downloader."""

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls()
        crawler.signals.connect(extension.reached, signal=signals.request_reached_downloader)
        return extension

    def reached(self, request, spider=None):
        usage = resource.getrusage(resource.RUSAGE_SELF)
        print(MARK, f"{usage.ru_utime + usage.ru_stime:.3f}", flush=True)
        os._exit(0)


def cpu_to_first_request(command: list[str], workdir: Path, settings_module: str | None, tree: Path) -> float:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "benchmarks"), str(tree)])}
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    if settings_module:
        env["SCRAPY_SETTINGS_MODULE"] = settings_module
    output = subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True, timeout=300)
    for line in output.stdout.splitlines():
        if line.startswith(MARK):
            return float(line.split(":", 1)[1])
    raise RuntimeError(f"no request reached the downloader: {' '.join(command)}\n{output.stderr[-2000:]}")


def main() -> None:
    from newsbot.replica import running_replica
    from newsbot.settings import EXTENSIONS

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    other = Path(sys.argv[2]).resolve() if len(sys.argv) > 2 else None
    with tempfile.TemporaryDirectory() as folder, running_replica(articles=50, seed=1) as base_url:
        workdir = Path(folder)
        bare = workdir / "bare.py"
        bare.write_text(
            "import scrapy\n\n\nclass Bare(scrapy.Spider):\n    name = 'bare'\n"
            f"    start_urls = ['{base_url}/category/world-news/']\n\n    def parse(self, response):\n        pass\n",
            encoding="utf-8")
        newsbot_extensions = json.dumps({**EXTENSIONS, "startup.FirstRequest": 0})
        crawl = [sys.executable, "-m", "scrapy", "crawl", "world_news", "-a", f"base_url={base_url}",
                 "-s", "LOG_LEVEL=ERROR", "-s", f"EXTENSIONS={newsbot_extensions}",
                 "-s", f"NEWSBOT_STORE_URI=sqlite:///{workdir}/state.sqlite3", "-O", str(workdir / "feed.jsonl")]
        commands = {
            "bare Scrapy spider": ([sys.executable, "-m", "scrapy", "runspider", str(bare), "-s", "LOG_LEVEL=ERROR",
                                    "-s", 'EXTENSIONS={"startup.FirstRequest": 0}'], None, ROOT),
            "newsbot world_news": (crawl, "newsbot.settings", ROOT),
        }
        if other is not None:
            commands[f"newsbot at {other}"] = (crawl, "newsbot.settings", other)
        figures = {name: [] for name in commands}
        for _ in range(runs):  # interleaved, so that a slower spell of the shared machine hits both
            for name, (command, settings_module, tree) in commands.items():
                figures[name].append(cpu_to_first_request(command, workdir, settings_module, tree))
    medians = {}
    for name, seconds in figures.items():
        medians[name] = statistics.median(seconds)
        print(f"{name:30} CPU to the first request: median {medians[name]:.2f} s "
              f"(min {min(seconds):.2f}, max {max(seconds):.2f}, {runs} runs)")
    print(f"newsbot adds {medians['newsbot world_news'] - medians['bare Scrapy spider']:.2f} s "
          f"(target: the whole at most 1.0 s)")


if __name__ == "__main__":
    main()
