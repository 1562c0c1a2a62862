"""Shared fixtures: a replica site on a free loopback port with its ground truth, and a crawl runner."""

from __future__ import annotations

import os
import uuid

import pytest
from crawling import CrawlResult, Replica, run_crawl


@pytest.fixture(scope="session")
def replica_500(tmp_path_factory):
    """The tagDiv replica, 500 world-news articles."""
    from newsbot.replica import running_replica

    truth_dir = tmp_path_factory.mktemp("truth500")
    with running_replica(articles=500, seed=1, truth_dir=truth_dir, slow_delay=1.0) as base_url:
        yield Replica(base_url, truth_dir)


@pytest.fixture(scope="session")
def replica_plain(tmp_path_factory):
    """The same content in a second markup (a classic WordPress theme), 200 world-news articles."""
    from newsbot.replica import running_replica

    truth_dir = tmp_path_factory.mktemp("truth_plain")
    with running_replica(articles=200, seed=2, theme="plain", truth_dir=truth_dir, slow_delay=0.2) as base_url:
        yield Replica(base_url, truth_dir)


@pytest.fixture(scope="session")
def replica_tagdiv7(tmp_path_factory):
    """The same content in tagDiv Newspaper 7's markup (no rel=next, icon-only page links), 200 world-news articles."""
    from newsbot.replica import running_replica

    truth_dir = tmp_path_factory.mktemp("truth_tagdiv7")
    with running_replica(articles=200, seed=3, theme="tagdiv7", truth_dir=truth_dir, slow_delay=0.2) as base_url:
        yield Replica(base_url, truth_dir)


@pytest.fixture
def crawl(tmp_path):
    """``run_crawl`` in the test's own temporary directory."""

    def run(spider: str, **kwargs) -> CrawlResult:
        return run_crawl(spider, tmp_path, **kwargs)

    return run


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server for the session (``tests/postgres_server.py``); skipped when it is not installed."""
    from postgres_server import postgres_bindir, running_postgres

    if postgres_bindir() is None:
        pytest.skip("PostgreSQL is not installed: Debian package postgresql (scripts/install-test-packages)")
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install -e .)")
    with running_postgres() as server:
        yield server


@pytest.fixture
def postgres_uri(postgres_server):
    """The URI of a new empty database on the session's PostgreSQL server, one per test."""
    return postgres_server.create_database(f"test_{uuid.uuid4().hex[:12]}")


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """The URL of a redis-server of the test session's own (``tests/redis_server.py``); skipped when it is
    not installed (a failure when ``CI`` is set)."""
    from redis_server import start_redis

    try:
        process, url = start_redis(tmp_path_factory.mktemp("redis"))
    except FileNotFoundError as missing:
        if os.environ.get("CI"):
            pytest.fail(str(missing))
        pytest.skip(str(missing))
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
