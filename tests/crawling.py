"""Helpers the tests share: the replica's ground truth, and a ``scrapy crawl`` runner.

(A module of its own, not conftest.py: ``tests/wordpress`` has a conftest too, and a test that imported
from "conftest" would get whichever of the two Python met first.)
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.settings import Settings
from scrapy.utils.test import get_reactor_settings

ROOT = Path(__file__).resolve().parents[1]


def squash(text: str | None) -> str:
    """Whitespace runs folded to one space: bodies are compared with the truth after this."""
    return re.sub(r"\s+", " ", text or "").strip()


def instant(value: str | None) -> datetime | None:
    """An ISO 8601 date as a datetime: dates are compared with the truth as instants (offsets may differ)."""
    return datetime.fromisoformat(value) if value else None


def read_jsonl(path: Path) -> list[dict]:
    with Path(path).open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


@dataclass
class Replica:
    base_url: str
    truth_dir: Path

    @property
    def truth(self) -> list[dict]:
        return read_jsonl(self.truth_dir / "articles.jsonl")

    @property
    def duplicates(self) -> list[dict]:
        return read_jsonl(self.truth_dir / "duplicates.jsonl")


@dataclass
class CrawlResult:
    items: list[dict]
    stats: dict
    log: str
    returncode: int
    output: Path


def run_crawl(spider: str, workdir: Path, *, args: dict | None = None, settings: dict | None = None,
              timeout: float = 600) -> CrawlResult:
    """Run ``scrapy crawl`` in a subprocess from the project directory; return its items, stats and log."""
    output = workdir / f"{spider}.jsonl"
    stats = workdir / f"{spider}.stats.json"
    command = [sys.executable, "-m", "scrapy", "crawl", spider, "-O", str(output),
               "-s", f"NEWSBOT_STATS_FILE={stats}", "-s", f"NEWSBOT_STORE_URI=sqlite:///{workdir}/state.sqlite3"]
    for name, value in (args or {}).items():
        command += ["-a", f"{name}={value}"]
    for name, value in (settings or {}).items():
        command += ["-s", f"{name}={value}"]
    process = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                             env={**os.environ, "SCRAPY_SETTINGS_MODULE": "newsbot.settings"})
    items = read_jsonl(output) if output.exists() else []
    return CrawlResult(items, json.loads(stats.read_text()) if stats.exists() else {}, process.stderr,
                       process.returncode, output)


def seed_text() -> str:
    """``tests/data/seed_article.txt`` without its comment lines: a real article of the first target, from
    its dateline to its "Source link" (boilerplate included)."""
    lines = (ROOT / "tests" / "data" / "seed_article.txt").read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.startswith("#"))


class PlainSpider(Spider):
    """A spider that is not one of newsbot's: no profile, no settings of its own."""

    name = "plain"


def project_crawler(spidercls=None, settings: dict | None = None, **spider_args):
    """A crawler as ``scrapy crawl`` makes it: newsbot's settings at project priority, the spider's own over
    them, ``settings`` over both as ``-s`` gives them; its spider made with ``spider_args``."""
    values = Settings()
    values.setmodule("newsbot.settings", priority="project")
    values.setdict({"TELNETCONSOLE_ENABLED": False, **get_reactor_settings()}, priority="project")
    values.setdict(settings or {}, priority="cmdline")
    crawler = Crawler(spidercls or PlainSpider, values)
    crawler.spider = crawler._create_spider(**spider_args)
    crawler._apply_settings()
    return crawler


def assert_every_unique_article_once(replica: Replica, items: list[dict]) -> None:
    """``items`` hold each of the replica's unique world-news articles once, no exact copy (each named among
    its original's aliases), at least 0.95 of the near-duplicate rewrites dropped, nothing of another section."""
    truth = {t["canonical_url"] for t in replica.truth if t["section"] == "world-news"}
    duplicates = {d["url"]: d for d in replica.duplicates}
    exact = {u for u, d in duplicates.items() if d["kind"] == "exact"}
    near = {u for u, d in duplicates.items() if d["kind"] == "near"}
    unique = truth - exact - near
    got = [item["canonical_url"] for item in items]
    assert len(got) == len(set(got)), "an article came out twice"
    got = set(got)
    other = {t["canonical_url"] for t in replica.truth if t["section"] != "world-news"}
    assert not got & other, "an article of another section came out"
    assert got <= truth
    assert unique <= got, f"unique articles dropped: {sorted(unique - got)[:5]}"
    # exact duplicates: precision and recall 1.0; the dropped copies are named on the article that won
    assert not got & exact
    aliases = {a for item in items for a in item.get("aliases", [])}
    assert exact <= aliases
    # near-duplicate rewrites: recall at least 0.95 (precision: no unique article dropped, above)
    assert len(near - got) / len(near) >= 0.95, f"near duplicates kept: {sorted(near & got)}"


def expected_comments(comments: list[dict]) -> list[dict]:
    """Truth comments as the output must hold them: the spam ones dropped, a reply to a spam comment hung
    from the nearest kept ancestor (as the spam pipeline re-parents it), the truth-only ``spam`` key gone."""
    by_id = {c["id"]: c for c in comments}

    def parent(c):
        parent_id = c["parent_id"]
        while parent_id is not None and by_id[parent_id]["spam"]:
            parent_id = by_id[parent_id]["parent_id"]
        return parent_id

    return [{**{k: v for k, v in c.items() if k != "spam"}, "parent_id": parent(c)}
            for c in comments if not c["spam"]]


def counting_replica(articles: int, latency: float):
    """A replica whose server counts the requests it is answering at once (the peak, at the server)."""
    from newsbot.replica.content import Site
    from newsbot.replica.server import make_server
    from newsbot.replica.site import Replica as ReplicaSite

    server, _ = make_server(lambda base: ReplicaSite(Site(articles=articles, seed=5), base_url=base))
    counts = {"now": 0, "peak": 0}
    lock = threading.Lock()
    handler = server.RequestHandlerClass

    class Counting(handler):
        def deliver(self, delivery, head):
            with lock:
                counts["now"] += 1
                counts["peak"] = max(counts["peak"], counts["now"])
            try:
                time.sleep(latency)
                super().deliver(delivery, head)
            finally:
                with lock:
                    counts["now"] -= 1

    server.RequestHandlerClass = Counting
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}", counts
