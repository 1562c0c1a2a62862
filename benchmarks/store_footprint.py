"""Disk and memory of the store per 100,000 emitted articles, PostgreSQL beside SQLite (the baseline) in the
same run.

    .venv/bin/python benchmarks/store_footprint.py                   # 100,000 articles
    .venv/bin/python benchmarks/store_footprint.py --articles 20000  # quicker; figures scaled to 100,000

Each backend gets the same synthetic articles (``dedup_throughput.article_stream``: 300 to 800 Arabic-letter
words, 10% rewrites) with real fingerprints, MinHash signatures and LSH buckets (``newsbot.dedup``, default
settings), staged, marked in the feed and committed as one run does, on a throwaway store: PostgreSQL on its
own server (``tests/postgres_server.py``: Debian's binaries, a temporary data directory, fsync off), SQLite
in a temporary file. Printed per 100,000 articles:

- ``staged``: the store while a run holds them staged (PostgreSQL: ``pg_total_relation_size`` of every
  table, indexes and TOAST included; SQLite: the database file and its WAL);
- ``committed``: the same after ``commit_run`` and a ``VACUUM`` (the archive a later run looks up);
- the time to stage one article and mark it in the feed (wall clock, and the client's CPU);
- PostgreSQL's memory: the resident and proportional set sizes (RSS, PSS) of all its processes.

``measure(articles)`` returns these figures for ``benchmarks/distributed_throughput.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "tests")]

from dedup_throughput import article_stream  # noqa: E402
from postgres_server import postgres_bindir, running_postgres  # noqa: E402

PER = 100_000
TABLES = ("articles", "staged", "aliases", "meta", "markers", "url_notes")


def synthetic_articles(count: int):
    """(StoredArticle, buckets) for ``count`` articles of the benchmark stream, computed once."""
    from newsbot.dedup.fingerprint import NearDuplicateSigner, content_fingerprint, normalize
    from newsbot.store import StoredArticle

    signer = NearDuplicateSigner(threshold=0.4)
    for url, body, published, _ in article_stream(count, near_share=0.1):
        text = normalize(body)
        signature = signer.signature(text)
        yield StoredArticle(url, url, content_fingerprint(text), published or "2026-12-01T08:00:00+03:00",
                            signature=signature), signer.buckets(signature)


def fill(uri: str, articles: list, size, memory=dict) -> dict:
    """Stage, mark and commit ``articles`` in the store at ``uri``; ``size(store)`` is read staged and committed,
    ``memory()`` (the server's) at the end, its connection still open."""
    from newsbot.dedup.fingerprint import NearDuplicateSigner
    from newsbot.store import open_stores

    stores = open_stores(uri)
    store = stores.dedup
    store.begin_run("bench/worker", NearDuplicateSigner(threshold=0.4).scheme)
    started, started_cpu = time.perf_counter(), time.process_time()
    for article, buckets in articles:
        store.stage(article, buckets)
        store.mark_in_feed(article.canonical_url)
    store.flush()
    wall, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    staged = size(store)
    store.commit_run()
    store.db.execute("VACUUM")
    committed = size(store)
    figures = {"staged_bytes": staged, "committed_bytes": committed,
               "stage_ms": 1000 * wall / len(articles), "stage_cpu_ms": 1000 * cpu / len(articles), **memory()}
    stores.close()
    return figures


def postgres_size(store) -> int:
    return sum(store.db.execute("SELECT pg_total_relation_size(%s)", (table,)).fetchone()[0] for table in TABLES)


def measure(articles: int) -> dict:
    """Figures for both backends, per ``PER`` articles; {"postgresql": None} when PostgreSQL is absent."""
    batch = list(synthetic_articles(articles))
    scale = PER / articles
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "store.sqlite3"

        def sqlite_size(store) -> int:
            store.flush()
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return sum(f.stat().st_size for f in Path(folder).iterdir() if f.name.startswith(path.name))

        results["sqlite"] = fill(f"sqlite:///{path}", batch, sqlite_size)
    if postgres_bindir() is None:
        results["postgresql"] = None
    else:
        with running_postgres() as server:
            uri = server.create_database("footprint")
            results["postgresql"] = fill(uri, batch, postgres_size, server.memory)
    for figures in filter(None, results.values()):
        figures["staged_bytes"] *= scale
        figures["committed_bytes"] *= scale
    return {"articles": articles, "per": PER, **results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=PER)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    figures = measure(args.articles)
    if args.json:
        print(json.dumps(figures))
        return
    print(f"load average before: {load:.1f} on {os.cpu_count()} CPUs; {args.articles:,} articles, figures per {PER:,}")
    print(f"{'backend':11} {'staged':>9} {'committed':>10} {'stage ms':>9} {'CPU ms':>7}  server memory")
    for backend in ("sqlite", "postgresql"):
        r = figures[backend]
        if r is None:
            print(f"{backend:11} skipped: PostgreSQL is not installed (Debian package postgresql)")
            continue
        memory = (f"RSS {r['rss_bytes'] / 2**20:,.0f} MB, PSS {r['pss_bytes'] / 2**20:,.0f} MB"
                  if "rss_bytes" in r else "(in the crawler's process)")
        print(f"{backend:11} {r['staged_bytes'] / 2**20:>6,.0f} MB {r['committed_bytes'] / 2**20:>7,.0f} MB"
              f" {r['stage_ms']:>9.2f} {r['stage_cpu_ms']:>7.2f}  {memory}")


if __name__ == "__main__":
    main()
