"""A crawl whose store is PostgreSQL, against the replica's ground truth, and the README's SQL queries on the
archive it leaves ("The archive in PostgreSQL": the queries are read from the README, so what it documents
is what runs here)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from crawling import Replica, assert_every_unique_article_once, run_crawl
from test_dedup import Run, article

README = Path(__file__).resolve().parents[1] / "README.md"


def documented_queries() -> dict[str, str]:
    """The ```sql blocks of the README's PostgreSQL section, by their first line's comment (``-- name``)."""
    section = README.read_text(encoding="utf-8").split("## The archive in PostgreSQL", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sql\n(.*?)```", section, re.S)
    return {block.splitlines()[0].removeprefix("--").strip(): block for block in blocks}


def run_documented(uri: str, name: str, **variables) -> list[tuple]:
    """Run the README query ``name`` as psql would, its ``:'variable'`` references bound to ``variables``."""
    import psycopg

    query = re.sub(r":'(\w+)'", r"%(\1)s", documented_queries()[name])
    with psycopg.connect(uri) as connection:
        return connection.execute(query, variables).fetchall()


@pytest.fixture
def replica(tmp_path):
    """A replica of its own (300 articles): its page that answers 500 once is this test's (the
    session's replicas are other tests')."""
    from newsbot.replica import running_replica

    with running_replica(articles=300, seed=16, truth_dir=tmp_path / "truth", slow_delay=0.2) as base_url:
        yield Replica(base_url, tmp_path / "truth")


@pytest.mark.slow
def test_a_crawl_on_postgresql_emits_every_article_once_and_the_archive_answers_the_documented_queries(
        replica, postgres_uri, tmp_path):
    first = run_crawl("world_news", tmp_path / "first", args={"base_url": replica.base_url},
                      settings={"NEWSBOT_STORE_URI": postgres_uri})
    assert first.returncode == 0, first.log[-3000:]
    assert_every_unique_article_once(replica, first.items)
    # the store's committed layer holds exactly what the feed holds; an incremental run adds nothing
    again = run_crawl("world_news", tmp_path / "again", args={"base_url": replica.base_url},
                      settings={"NEWSBOT_STORE_URI": postgres_uri})
    assert again.returncode == 0 and again.items == [], again.log[-3000:]
    assert again.stats["downloader/request_count"] <= 3

    truth_published = {t["canonical_url"]: t["published"] for t in replica.truth}
    per_day = Counter(truth_published[item["canonical_url"]][:10] for item in first.items)
    assert dict(run_documented(postgres_uri, "articles per day")) == per_day

    copies = [d for d in replica.duplicates if d["kind"] == "exact"]
    for copy in copies[:5]:
        original = copy["duplicate_of"]
        assert run_documented(postgres_uri, "an article by any of its URLs", url=copy["url"])[0][:1] == (original,)
        assert copy["url"] in run_documented(postgres_uri, "an article by any of its URLs", url=original)[0][2]


def test_the_documented_near_duplicate_clusters_query(tmp_path, postgres_uri):
    rewrites = [article(slug, body, published=published) for slug, body, published in (
        ("original", "one two three four five six seven eight nine ten eleven twelve. " * 4, "2026-12-01T08:00:00+03:00"),
        ("rewrite-1", "one two three four five six seven eight nine ten eleven twelve. " * 3 + "thirteen.",
         "2026-12-01T09:00:00+03:00"),
        ("rewrite-2", "one two three four five six seven eight nine ten eleven twelve. " * 3 + "fourteen.",
         "2026-12-01T10:00:00+03:00"),
        ("other", "a wholly different story about something else entirely, with other words in it.",
         "2026-12-01T11:00:00+03:00"),
    )]
    run = Run(tmp_path, "run", NEWSBOT_STORE_URI=postgres_uri, DEDUP_NEAR_MODE="mark")
    run.process(*rewrites)
    assert len(run.finish()) == 4
    assert run_documented(postgres_uri, "near-duplicate clusters") == [
        ("https://news.example/original/", 2,
         ["https://news.example/rewrite-1/", "https://news.example/rewrite-2/"]),
    ]
