"""End to end: crawl a replica and compare the JSONL with the ground truth, field by field.

Three markups of the same kind of content: the tagDiv "Newspaper" 12 replica (500 articles) and its
version 7 markup (200 articles: no rel=next, icon-only page links) with the ``world_news`` profile, and a
classic WordPress theme (200 articles) with the ``plain_news`` profile, which ``newsbot new-site`` wrote and
which sets no selector of its own. Each run's coverage must be complete.

The replica's generator writes the truth; the crawler never reads it. Exact copies and near-duplicate
rewrites must come out once (as the original, the copy's URL among its aliases); spam comments must not
come out at all, and replies to a spam comment hang from the spam comment's parent.
"""

from __future__ import annotations


import pytest

from crawling import assert_every_unique_article_once, expected_comments, instant, read_jsonl, run_crawl, squash

pytestmark = pytest.mark.slow




def by_id(comment):
    return int(comment["id"])


SITES = {"tagdiv": ("world_news", "replica_500"), "tagdiv7": ("world_news", "replica_tagdiv7"),
         "plain": ("plain_news", "replica_plain")}


@pytest.fixture(scope="module", params=sorted(SITES))
def site_run(request, tmp_path_factory):
    spider, fixture = SITES[request.param]
    replica = request.getfixturevalue(fixture)
    run = run_crawl(spider, tmp_path_factory.mktemp(request.param), args={"base_url": replica.base_url})
    return replica, run


def test_every_unique_article_once_and_no_other_section(site_run):
    replica, run = site_run
    assert run.returncode == 0, run.log[-3000:]
    assert run.stats["newsbot/coverage"]["complete"] is True, run.stats["newsbot/coverage"]
    assert_every_unique_article_once(replica, run.items)


SCALAR_FIELDS = ("title", "section", "section_name", "source_url", "language")


def test_fields_equal_ground_truth(site_run):
    replica, run = site_run
    by_url = {t["canonical_url"]: t for t in replica.truth}
    # every original article of the section is compared: an empty or partial crawl fails here
    originals = {t["canonical_url"] for t in replica.truth
                 if t["section"] == "world-news" and t.get("trap") != "not-found"} - {d["url"] for d in replica.duplicates}
    missing = originals - {item["canonical_url"] for item in run.items}
    assert not missing, f"{len(missing)} of {len(originals)} articles not in the output, e.g. {sorted(missing)[:3]}"
    mismatches = []
    for item in run.items:
        truth = by_url[item["canonical_url"]]
        for field in SCALAR_FIELDS:
            if item.get(field) != truth.get(field):
                mismatches.append((item["canonical_url"], field, item.get(field), truth.get(field)))
        for field in ("published", "modified"):
            if instant(item.get(field)) != instant(truth.get(field)):
                mismatches.append((item["canonical_url"], field, item.get(field), truth.get(field)))
        for field in ("authors", "tags", "related_urls", "images"):
            if item.get(field) != truth.get(field):
                mismatches.append((item["canonical_url"], field, item.get(field), truth.get(field)))
        if squash(item["body"]) != squash(truth["body"]):
            mismatches.append((item["canonical_url"], "body", item["body"][:300], truth["body"][:300]))
        comments = sorted(({**c, "published": instant(c["published"])} for c in item["comments"]), key=by_id)
        wanted = sorted(({**c, "published": instant(c["published"])} for c in expected_comments(truth["comments"])),
                        key=by_id)
        if comments != wanted:
            mismatches.append((item["canonical_url"], "comments", comments, wanted))
    assert not mismatches, f"{len(mismatches)} mismatches, first: {mismatches[:3]}"


def test_every_dropped_spam_comment_is_in_the_quarantine_with_its_reasons(site_run):
    replica, run = site_run
    spam_of = {t["canonical_url"]: {c["id"] for c in t["comments"] if c["spam"]} for t in replica.truth}
    quarantine = read_jsonl(run.output.with_name(run.output.stem + ".spam.jsonl"))
    quarantined = {(q["article_url"], q["id"]) for q in quarantine}
    # every spam comment of every article written is there (copies superseded at the end add their own)
    assert {(item["canonical_url"], c) for item in run.items for c in spam_of[item["canonical_url"]]} <= quarantined
    # and nothing else: no reader's comment
    assert all(comment in spam_of[article] for article, comment in quarantined)
    assert all(q["reasons"] and q["score"] > 0 for q in quarantine)
    assert run.stats["spam/dropped"] == len(quarantine)


def test_traps_survived(site_run):
    replica, run = site_run
    traps = {t["canonical_url"]: t["trap"] for t in replica.truth if t.get("trap")}
    got = {item["canonical_url"] for item in run.items}
    assert set(traps) <= got, f"trap pages missing: {set(traps) - got}"
    assert run.stats.get("retry/count", 0) >= 1  # the page that answers 500 once
