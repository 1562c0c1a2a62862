"""Two workers on one PostgreSQL store given related articles at the same instant (threads released by a
barrier, each worker with its own crawler, pipeline, connection and feed), many times over: their finished
feeds together hold what one process would have emitted. And a worker found dead (``worker_lost``) no longer
holds the articles it never delivered.

Texts are random words (a fixed seed), different from one round to the next; a rewrite replaces the last
sixth of its original's words, so the two share most of their shingles (a near duplicate by construction).
"""

from __future__ import annotations

import random
import threading
from collections import Counter

import pytest
from test_dedup import Run, article

ROUNDS = 30
WORDS = 240


@pytest.fixture
def texts():
    rng = random.Random(16)
    vocabulary = ["".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(3, 9))) for _ in range(5000)]

    def text(words: list[str]) -> str:
        return "\n\n".join(" ".join(words[i:i + 40]) + "." for i in range(0, len(words), 40))

    def make() -> tuple[str, str]:
        """A text and a rewrite of it."""
        words = rng.choices(vocabulary, k=WORDS)
        rewritten = words[: WORDS * 5 // 6] + rng.choices(vocabulary, k=WORDS - WORDS * 5 // 6)
        return text(words), text(rewritten)

    return make


def workers(tmp_path, postgres_uri, **settings) -> list[Run]:
    return [Run(tmp_path, f"w{n}", NEWSBOT_STORE_URI=postgres_uri, NEWSBOT_WORKER_SLOT=f"crawl/w{n}", **settings)
            for n in (1, 2)]


def at_once(runs: list[Run], items: list) -> None:
    """Each run processes its item; all start at the same instant."""
    barrier = threading.Barrier(len(runs))
    errors = []

    def work(run, item):
        barrier.wait()
        try:
            run.process(item)
        except Exception as error:  # noqa: BLE001  (reported by the test)
            errors.append(error)

    threads = [threading.Thread(target=work, args=pair) for pair in zip(runs, items)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors


def finished_feeds(runs: list[Run]) -> list[dict]:
    return [record for run in runs for record in run.finish()]


def test_copies_of_one_article_under_two_urls_are_emitted_once_with_the_other_as_alias(tmp_path, postgres_uri, texts):
    runs = workers(tmp_path, postgres_uri)
    for round_ in range(ROUNDS):
        body = texts()[0]
        at_once(runs, [article(f"r{round_}-a", body), article(f"r{round_}-b", body)])
    emitted = finished_feeds(runs)
    for round_ in range(ROUNDS):
        lines = [r for r in emitted if r["canonical_url"].startswith(f"https://news.example/r{round_}-")]
        assert len(lines) == 1, f"round {round_}: {lines}"
        other = {f"https://news.example/r{round_}-a/", f"https://news.example/r{round_}-b/"} - {lines[0]["canonical_url"]}
        assert lines[0]["aliases"] == list(other)
    assert len(emitted) == ROUNDS


@pytest.mark.parametrize("second", ["same text", "rewritten", "another text"])
def test_one_url_met_by_two_workers_is_emitted_once(tmp_path, postgres_uri, texts, second):
    """The second worker gets the page as the first, edited (sharing LSH buckets), or replaced (sharing none:
    only the URL's claim keeps it out)."""
    runs = workers(tmp_path, postgres_uri)
    for round_ in range(ROUNDS):
        body, rewrite = texts()
        other = {"same text": body, "rewritten": rewrite, "another text": texts()[0]}[second]
        at_once(runs, [article(f"r{round_}", body), article(f"r{round_}", other)])
    counts = Counter(r["canonical_url"] for r in finished_feeds(runs))
    assert counts == {f"https://news.example/r{round_}/": 1 for round_ in range(ROUNDS)}
    assert sum(run.stat("exact_url") for run in runs) == ROUNDS


def test_two_near_identical_rewrites_give_the_single_process_result(tmp_path, postgres_uri, texts):
    runs = workers(tmp_path, postgres_uri, DEDUP_NEAR_MODE="mark")
    for round_ in range(ROUNDS):
        body, rewrite = texts()
        original = article(f"r{round_}-original", body, published="2026-12-01T08:00:00+00:00")
        rewritten = article(f"r{round_}-rewrite", rewrite, published="2026-12-01T09:00:00+00:00")
        at_once(runs, [original, rewritten] if round_ % 2 else [rewritten, original])
    emitted = {r["canonical_url"]: r for r in finished_feeds(runs)}
    assert len(emitted) == 2 * ROUNDS
    for round_ in range(ROUNDS):
        original = f"https://news.example/r{round_}-original/"
        assert emitted[original]["near_duplicate_of"] is None
        assert emitted[f"https://news.example/r{round_}-rewrite/"]["near_duplicate_of"] == original, f"round {round_}"


def test_a_lost_worker_s_undelivered_articles_can_be_emitted_by_another(tmp_path, postgres_uri, texts):
    from newsbot.signals import worker_lost

    alive, dead = workers(tmp_path, postgres_uri)
    delivered, undelivered = texts()[0], texts()[0]
    dead.process(article("delivered", delivered))
    dead.pipeline.process_item(article("undelivered", undelivered))  # the worker dies before its feed has it
    alive.process(article("undelivered", undelivered), article("delivered", delivered))
    assert alive.emitted() == []  # both held by the dead worker's claims
    alive.crawler.signals.send_catch_log(worker_lost, slot="crawl/w2")
    assert alive.stat("voided_undelivered") == 1
    alive.process(article("undelivered", undelivered), article("delivered", delivered))
    assert [r["canonical_url"] for r in alive.finish()] == ["https://news.example/undelivered/"]
