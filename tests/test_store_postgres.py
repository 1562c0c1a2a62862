"""What only a store shared by workers does (PostgreSQL on a throwaway server): slots, claims made at the same
instant by two connections, a dead worker's undelivered records voided, the run state shared."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from newsbot.config import InvalidSetting
from newsbot.store import ClaimLost, StoredArticle, open_stores
from test_store import SCHEME, article

ROUNDS = 40


@pytest.fixture
def workers(postgres_uri):
    """Two workers' stores on one database, each on its own connection, begun under slots w1 and w2."""
    stores = [open_stores(postgres_uri) for _ in range(2)]
    for number, stores_ in enumerate(stores, 1):
        stores_.dedup.begin_run(f"crawl/w{number}", SCHEME)
    yield [s.dedup for s in stores]
    for s in stores:
        s.close()


def test_lookups_see_every_slot_and_a_slot_begins_and_commits_only_its_own(workers, postgres_uri):
    one, two = workers
    one.stage(article("https://s/a", "fa"), [1])
    one.mark_in_feed("https://s/a")
    two.stage(article("https://s/b", "fb"), [1])
    two.mark_in_feed("https://s/b")
    assert one.find_url("https://s/b").staged and two.find_fingerprint("fa").canonical_url == "https://s/a"
    assert {a.canonical_url for a in one.near_candidates([1])} == {"https://s/a", "https://s/b"}
    two.add_alias("https://s/a", "https://s/a-copy")  # a copy met by w2: w1's feed line gets the alias
    assert set(one.feed_corrections()) == {"https://s/a"} and two.feed_corrections() == {}
    restarted = open_stores(postgres_uri).dedup
    assert restarted.begin_run("crawl/w2", SCHEME) == 1  # w2's replacement discards w2's record only
    assert one.find_url("https://s/a").staged and one.find_url("https://s/b") is None
    assert one.commit_run() == 1
    assert restarted.find_url("https://s/a-copy").canonical_url == "https://s/a"
    assert restarted.find_url("https://s/a").staged is False
    restarted.close()


def test_a_dead_workers_undelivered_records_are_voided_and_its_delivered_ones_kept(workers):
    alive, dead = workers
    dead.stage(article("https://s/delivered", "f1"), [1])
    dead.mark_in_feed("https://s/delivered")
    dead.stage(article("https://s/undelivered", "f2"), [2])
    alive.stage(article("https://s/later-copy", "f3"), [3])
    alive.mark_in_feed("https://s/later-copy")
    dead.stage(article("https://s/original", "f3"), [3], supersedes="https://s/later-copy")
    assert alive.void_undelivered("crawl/w2") == 2
    assert alive.find_url("https://s/delivered").staged
    assert alive.find_url("https://s/undelivered") is None and alive.find_fingerprint("f2") is None
    # the copy the voided original had superseded is live again, and its feed line is no longer removed
    assert alive.find_fingerprint("f3").canonical_url == "https://s/later-copy"
    assert alive.feed_corrections()["https://s/later-copy"].remove is False
    alive.stage(article("https://s/undelivered", "f2"), [2])  # the living worker can claim it now


def at_once(*calls):
    """Run the calls in threads released together by a barrier; return each one's result or exception."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        try:
            return call()
        except ClaimLost as lost:
            return lost

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


@pytest.mark.parametrize("claimed", ["canonical URL", "fingerprint"])
def test_two_workers_staging_one_article_at_the_same_instant_one_claim_wins(workers, claimed):
    one, two = workers
    for round_ in range(ROUNDS):
        first = article(f"https://s/{round_}", f"f{round_}")
        if claimed == "canonical URL":
            second = article(f"https://s/{round_}", f"other-text-{round_}")
        else:
            second = article(f"https://s/{round_}-copy", f"f{round_}")
        results = at_once(lambda: one.stage(first, [round_]), lambda: two.stage(second, [10_000 + round_]))
        lost = [r for r in results if isinstance(r, ClaimLost)]
        assert len(lost) == 1, f"round {round_}: {results}"
        winner = first if results[0] is None else second
        assert lost[0].winner.canonical_url == winner.canonical_url
        assert one.find_url(winner.canonical_url).fingerprint == winner.fingerprint


def test_superseding_a_copy_another_worker_superseded_first_loses(workers):
    one, two = workers
    one.stage(article("https://s/copy", "f", published="2026-12-03T10:00:00+00:00"), [1])
    for round_ in range(ROUNDS):
        results = at_once(
            lambda: one.stage(article(f"https://s/original-{round_}-1", "f"), [1], supersedes="https://s/copy"),
            lambda: two.stage(article(f"https://s/original-{round_}-2", "f"), [1], supersedes="https://s/copy"),
        )
        assert sum(isinstance(r, ClaimLost) for r in results) == (1 if round_ == 0 else 2)  # then it is superseded
        live = one.find_fingerprint("f")
        assert [a.canonical_url for a in one.near_candidates([1])] == [live.canonical_url]
        if round_ == 0:
            assert live.canonical_url.startswith("https://s/original-0-")


def test_run_state_is_shared_by_the_workers(postgres_uri):
    one, two = open_stores(postgres_uri), open_stores(postgres_uri)
    one.run_state.note_url("https://s/failed", "failed")
    one.run_state.set_marker("last_run_started:world_news", "2026-12-03T10:00:00+00:00")
    assert two.run_state.noted_urls("failed") == ["https://s/failed"]
    assert two.run_state.marker("last_run_started:world_news") == "2026-12-03T10:00:00+00:00"
    two.run_state.note_url("https://s/failed", "failed")  # noted twice: once
    two.run_state.set_marker("last_run_started:world_news", "2026-12-03T11:00:00+00:00")
    assert one.run_state.noted_urls("failed") == ["https://s/failed"]
    assert one.run_state.marker("last_run_started:world_news") == "2026-12-03T11:00:00+00:00"
    one.close(), two.close()


def test_an_unreachable_server_stops_the_run_naming_the_setting_without_the_password(postgres_server):
    from postgres_server import free_port

    with pytest.raises(InvalidSetting, match="NEWSBOT_STORE_URI") as error:
        open_stores(f"postgresql://newsbot:secret@127.0.0.1:{free_port()}/newsbot?connect_timeout=2")
    assert "secret" not in str(error.value)


def test_stored_article_round_trips(workers):
    one, two = workers
    stored = StoredArticle(canonical_url="https://s/ä", url="https://s/ä?utm=1", fingerprint="fp",
                           published="2026-12-03T10:00:00+03:00", modified=None, aliases=["https://s/x"],
                           near_duplicate_of="https://s/o", signature=bytes(range(256)))
    one.stage(stored, [-(2**62), 2**62])
    assert two.find_url("https://s/ä") == StoredArticle(**{**stored.__dict__, "staged": True})
    assert [a.canonical_url for a in two.near_candidates([2**62])] == ["https://s/ä"]
