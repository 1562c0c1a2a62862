"""Start a local replica of the target site, crawl its world-news section into output/, stop it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def add_arguments(parser) -> None:
    parser.add_argument("--articles", type=int, default=500, help="world-news articles in the replica (default 500)")
    parser.add_argument("--seed", type=int, default=1, help="content seed of the replica (default 1)")
    parser.add_argument("--output", default="output/world_news/demo.jsonl",
                        help="where the JSON Lines go (default output/world_news/demo.jsonl)")


def run(args) -> int:
    from newsbot.replica import running_replica  # the replica is imported by the demo, never by crawling code

    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    # each demo serves a new replica on a new port: a store of its own, so that it starts from nothing
    with running_replica(articles=args.articles, seed=args.seed) as base_url, tempfile.TemporaryDirectory() as state:
        print(f"replica of {args.articles} world-news articles serving at {base_url}/", flush=True)
        env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newsbot.settings"}
        command = [sys.executable, "-m", "scrapy", "crawl", "world_news", "-a", f"base_url={base_url}",
                   "-O", str(output), "-s", "LOG_LEVEL=WARNING", "-s", f"NEWSBOT_STORE_URI=sqlite:///{state}/demo.sqlite3"]
        code = subprocess.call(command, env=env)
    if code != 0:
        print(f"the crawl failed (exit code {code})", file=sys.stderr)
        return code
    with output.open(encoding="utf-8") as lines:
        articles = sum(1 for line in lines if line.strip() and json.loads(line))
    print(f"{articles} articles written to {output}")
    return 0
