"""The dedup store and the run state: staged and committed layers, aliases, LSH buckets, and recovery after
a killed run. The interface's tests run on every backend (SQLite, and PostgreSQL on a throwaway server);
what only a store shared by workers does is in ``test_store_postgres.py``."""

from __future__ import annotations

import pytest

from newsbot.dedup.fingerprint import NearDuplicateSigner
from newsbot.store import DedupStore, StoredArticle, open_stores

SCHEME = NearDuplicateSigner(threshold=0.4).scheme
SLOT = "world_news"  # one process: its slot is the spider's name, the same from one run to the next


@pytest.fixture(params=["sqlite", "postgresql"])
def store_uri(request, tmp_path) -> str:
    """A new, empty store on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/state.sqlite3"
    return request.getfixturevalue("postgres_uri")


@pytest.fixture
def store(store_uri):
    store = open_dedup(store_uri)
    store.begin_run(SLOT, SCHEME)
    yield store
    store.close()


def open_dedup(uri: str) -> DedupStore:
    return open_stores(uri).dedup


def execute(store: DedupStore, statement: str, parameters: tuple = ()) -> None:
    """Run SQL on the store's database (``?`` placeholders, as SQLite writes them)."""
    if store.db.__class__.__module__.startswith("psycopg"):
        statement = statement.replace("?", "%s")
    store.db.execute(statement, parameters)
    store.db.commit()


def article(url: str, fingerprint: str = "f", **fields) -> StoredArticle:
    return StoredArticle(canonical_url=url, url=url, fingerprint=fingerprint, signature=b"sig", **fields)


def test_open_store_creates_the_folder_of_a_relative_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    open_stores("sqlite:///state/dir/newsbot.sqlite3").close()
    assert (tmp_path / "state" / "dir" / "newsbot.sqlite3").is_file()


def test_open_store_rejects_an_unknown_scheme():
    with pytest.raises(ValueError, match="unsupported scheme"):
        open_stores("memcached://localhost")


def test_staged_article_is_found_by_url_and_fingerprint(store):
    store.stage(article("https://s/a", "fa"), [1, 2])
    assert store.find_url("https://s/a").staged
    assert store.find_fingerprint("fa").canonical_url == "https://s/a"
    assert store.find_fingerprint("other") is None
    assert [a.canonical_url for a in store.near_candidates([2, 9])] == ["https://s/a"]
    assert store.near_candidates([9]) == []


def test_commit_keeps_only_articles_that_reached_the_feed(store):
    store.stage(article("https://s/in", "f1"), [1])
    store.stage(article("https://s/out", "f2"), [2])
    store.mark_in_feed("https://s/in")
    assert store.commit_run() == 1
    assert store.find_url("https://s/in").staged is False
    assert store.find_url("https://s/out") is None
    assert [a.canonical_url for a in store.near_candidates([1, 2])] == ["https://s/in"]


def test_a_killed_run_leaves_nothing_committed(store_uri):
    killed = open_dedup(store_uri)
    killed.begin_run(SLOT, SCHEME)
    killed.stage(article("https://s/a"), [1])
    killed.mark_in_feed("https://s/a")
    killed.flush()
    killed.db.close()  # the process dies: no commit_run
    store = open_dedup(store_uri)
    assert store.begin_run(SLOT, SCHEME) == 1
    assert store.find_url("https://s/a") is None
    assert store.near_candidates([1]) == []
    store.close()


def test_alias_resolves_to_the_article_and_survives_commit(store):
    store.stage(article("https://s/a"), [])
    store.add_alias("https://s/a", "https://s/copy")
    assert store.find_url("https://s/copy").canonical_url == "https://s/a"  # in the run that added it, too
    store.mark_in_feed("https://s/a")
    assert store.feed_corrections()["https://s/a"].aliases == ["https://s/copy"]
    store.commit_run()
    found = store.find_url("https://s/copy")
    assert found.canonical_url == "https://s/a" and found.aliases == ["https://s/copy"]


def test_superseded_article_resolves_to_its_winner_and_is_removed_from_the_feed(store):
    store.stage(article("https://s/later", "f"), [1])
    store.stage(article("https://s/original", "f"), [1], supersedes="https://s/later")
    assert store.feed_corrections()["https://s/later"].remove
    assert store.find_url("https://s/later").canonical_url == "https://s/original"
    assert store.find_fingerprint("f").canonical_url == "https://s/original"
    assert [a.canonical_url for a in store.near_candidates([1])] == ["https://s/original"]


def test_new_version_staged_over_a_committed_one_shadows_it_until_commit(store):
    store.stage(article("https://s/a", "v1"), [])
    store.mark_in_feed("https://s/a")
    store.commit_run()
    store.begin_run(SLOT, SCHEME)
    store.stage(article("https://s/a", "v2"), [])
    assert store.find_url("https://s/a").fingerprint == "v2"
    store.begin_run(SLOT, SCHEME)  # the run that staged v2 was killed
    assert store.find_url("https://s/a").fingerprint == "v1"


def committed_store(uri: str) -> DedupStore:
    store = open_dedup(uri)
    store.begin_run(SLOT, SCHEME)
    store.stage(article("https://s/a", "fa"), [1, 2])
    store.mark_in_feed("https://s/a")
    store.commit_run()
    return store


def test_a_run_of_the_same_signature_scheme_keeps_the_near_index(store_uri, caplog):
    committed_store(store_uri).close()
    store = open_dedup(store_uri)
    store.begin_run(SLOT, SCHEME)
    assert [a.signature for a in store.near_candidates([2])] == [b"sig"]
    assert not [r for r in caplog.records if r.levelname == "WARNING"]
    store.close()


@pytest.mark.parametrize("recorded, scheme", [
    ("an older scheme", SCHEME),
    (None, SCHEME),  # written before the scheme was recorded
    (SCHEME, NearDuplicateSigner(threshold=0.4, num_perm=128).scheme),  # other DEDUP_NUM_PERM
    (SCHEME, NearDuplicateSigner(threshold=0.4, shingle_words=4).scheme),  # other DEDUP_SHINGLE_WORDS
    (SCHEME, NearDuplicateSigner(threshold=0.7).scheme),  # another threshold: another band layout
])
def test_signatures_of_another_scheme_are_cleared_with_a_warning(store_uri, caplog, recorded, scheme):
    store = committed_store(store_uri)
    if recorded is None:
        execute(store, "DELETE FROM meta WHERE key = 'signature_scheme'")
    else:
        execute(store, "UPDATE meta SET value = ? WHERE key = 'signature_scheme'", (recorded,))
    store.close()
    store = open_dedup(store_uri)
    store.begin_run(SLOT, scheme)
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and "restarts from this run" in warnings[0]
    assert store.near_candidates([1, 2]) == []
    assert store.find_url("https://s/a").signature is None  # exact dedup still finds it
    assert store.find_fingerprint("fa").canonical_url == "https://s/a"
    store.close()
    caplog.clear()
    store = open_dedup(store_uri)
    store.begin_run(SLOT, scheme)  # the scheme is recorded now: no second warning
    store.close()
    assert not [r for r in caplog.records if r.levelname == "WARNING"]


def test_run_state_writes_are_durable_at_once_and_outlive_a_killed_run(store_uri):
    killed = open_stores(store_uri)
    killed.dedup.begin_run(SLOT, SCHEME)
    killed.dedup.stage(article("https://s/a"), [1])
    killed.run_state.note_url("https://s/b", "seen")
    killed.run_state.set_marker("last_run_started", "2026-12-03T10:00:00+00:00")
    killed.dedup.db.close()  # the process dies
    again = open_stores(store_uri)
    assert again.run_state.url_noted("https://s/b", "seen") and not again.run_state.url_noted("https://s/b", "failed")
    assert again.run_state.marker("last_run_started") == "2026-12-03T10:00:00+00:00"
    again.dedup.begin_run(SLOT, SCHEME)
    assert again.dedup.find_url("https://s/a") is None  # the killed run's staged article is discarded
    again.run_state.set_marker("last_run_started", None)
    assert again.run_state.marker("last_run_started") is None
    again.close()


def test_markers_kept_in_the_dedup_tables_by_earlier_versions_move_to_the_run_state(tmp_path):
    path = tmp_path / "state.sqlite3"
    old = open_stores(f"sqlite:///{path}")
    old.dedup.db.execute("INSERT INTO meta VALUES ('marker:last_run_started:world_news', '2026-11-01')")
    old.close()
    assert open_stores(f"sqlite:///{path}").run_state.marker("last_run_started:world_news") == "2026-11-01"


def test_markers_of_crawls_of_other_sites_are_kept_apart():
    from crawling import project_crawler
    from scrapy.spiderloader import SpiderLoader
    from scrapy.utils.project import get_project_settings

    from newsbot.store import crawl_marker

    loader = SpiderLoader.from_settings(get_project_settings())
    world_news, wordpress = loader.load("world_news"), loader.load("wordpress")
    names = [
        crawl_marker(project_crawler(world_news), "last_run_started"),
        crawl_marker(project_crawler(world_news, base_url="http://127.0.0.1:8080"), "last_run_started"),
        crawl_marker(project_crawler(wordpress, base_url="https://one.example", section="world"), "last_run_started"),
        crawl_marker(project_crawler(wordpress, base_url="https://two.example/", section="world"), "last_run_started"),
    ]
    assert names[0] == "last_run_started:world_news"  # the profile's own site: the name earlier versions wrote
    assert len(set(names)) == 4
