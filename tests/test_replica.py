"""The replica: routes, traps, truth consistent with the pages, determinism, the ``newsbot replica`` command."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from urllib.parse import urlsplit

import lxml.html
import pytest

from newsbot.replica import Replica, Site, running_replica, write_truth
from newsbot.replica.truth import article_record, traps

BASE = "http://127.0.0.1:8000"


@pytest.fixture(scope="module")
def replica():
    return Replica(Site(articles=50, seed=1), base_url=BASE)


@pytest.fixture(scope="module")
def truth(replica):
    return {r["url"]: r for r in (article_record(replica.site, BASE, p) for p in replica.site.all_posts())}


def get(replica, url_or_path):
    parts = urlsplit(url_or_path)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    return replica.respond("GET", target, {})


def path_of(url):
    return urlsplit(url).path


def fold(href):
    """What the crawler must do with listing and related links: drop the query, the /amp/, add the slash."""
    path = urlsplit(href).path
    path = path if path.endswith("/") else path + "/"
    return BASE + (path[: -len("amp/")] if path.endswith("/amp/") else path)


def world(truth):
    return [r for r in truth.values() if r["section"] == "world-news"]


# -- routes -------------------------------------------------------------------------------------------
def test_route_statuses(replica, truth):
    post = world(truth)[20]
    path = path_of(post["url"])
    assert get(replica, "/")[0] == 200
    assert get(replica, "/category/world-news/")[0] == 200
    assert get(replica, "/category/world-news/page/5/")[0] == 200
    assert get(replica, "/category/world-news/page/6/")[0] == 404
    assert get(replica, "/category/sports/")[0] == 200
    assert get(replica, path)[0] == 200
    status, headers, _ = get(replica, path.rstrip("/"))
    assert status == 301 and headers["Location"] == BASE + path
    assert get(replica, path + "?utm_source=x&fbclid=abc")[2] == get(replica, path)[2]
    assert get(replica, "/2015/01/03/no-such-post/")[0] == 404
    guid = get(replica, f"/?p={replica.site.post('world-news', 20).id}")
    assert guid[0] == 301 and guid[1]["Location"] == post["url"]
    assert get(replica, path_of(traps(replica.site, BASE)["not-found"][0]))[0] == 404


def test_uppercase_percent_encoding_finds_arabic_slug(replica, truth):
    arabic = next(r["url"] for r in world(truth) if "%d8" in r["url"] or "%d9" in r["url"])
    upper = re.sub(r"%[0-9a-f]{2}", lambda m: m.group(0).upper(), path_of(arabic))
    assert get(replica, upper)[0] == 200


def test_amp_points_to_canonical(replica, truth):
    post = world(truth)[30]
    status, _, body = get(replica, path_of(post["url"]) + "amp/")
    doc = lxml.html.fromstring(body)
    assert status == 200
    assert doc.xpath("//link[@rel='canonical']/@href") == [post["url"]]


def test_listing_pagination_covers_the_section_and_ends(replica, truth):
    url, seen, pages = BASE + "/category/world-news/", set(), 0
    while url:
        status, _, body = get(replica, url)
        assert status == 200
        doc = lxml.html.fromstring(body)
        seen |= {fold(h) for h in doc.xpath("//div[contains(@class,'td_module_10')]//h3/a/@href")}
        nxt = doc.xpath("//div[contains(@class,'page-nav')]/a[i[contains(@class,'td-icon-menu-left')]]/@href")
        url, pages = (nxt[0] if nxt else None), pages + 1
    assert pages == 5
    assert seen == {r["url"] for r in world(truth)}


def test_sitemaps_list_every_post_with_lastmod(replica, truth):
    index = get(replica, "/wp-sitemap.xml")[2].decode()
    assert "/wp-sitemap-posts-post-1.xml" in index and "/wp-sitemap-taxonomies-category-1.xml" in index
    posts = get(replica, "/wp-sitemap-posts-post-1.xml")[2].decode()
    locs = set(re.findall(r"<loc>([^<]+)</loc>", posts))
    assert set(truth) <= locs
    assert traps(replica.site, BASE)["not-found"][0] in locs
    assert posts.count("<lastmod>") == len(locs)
    assert get(replica, "/wp-sitemap-posts-post-2.xml")[0] == 404
    robots = get(replica, "/robots.txt")[2].decode()
    assert "Disallow: /wp-admin/" in robots and f"Sitemap: {BASE}/wp-sitemap.xml" in robots


def test_feed_pages(replica, truth):
    newest = sorted(world(truth), key=lambda r: r["published"], reverse=True)
    first = get(replica, "/category/world-news/feed/")[2].decode()
    assert re.findall(r"<link>([^<]+)</link>", first)[1:] == [r["url"] for r in newest[:10]]
    assert "<dc:creator>" in first and "<pubDate>" in first and "<guid" in first
    fifth = get(replica, "/category/world-news/feed/?paged=5")[2].decode()
    assert re.findall(r"<link>([^<]+)</link>", fifth)[1:] == [r["url"] for r in newest[40:50]]
    assert get(replica, "/category/world-news/feed/?paged=6")[0] == 404
    assert get(replica, "/feed/")[0] == 200


def test_rest_api(replica, truth):
    cats = json.loads(get(replica, "/wp-json/wp/v2/categories?slug=world-news")[2])
    assert [c["slug"] for c in cats] == ["world-news"]
    links = []
    for page in (1, 2, 3):
        status, headers, body = get(replica, f"/wp-json/wp/v2/posts?categories={cats[0]['id']}&page={page}&per_page=20")
        assert status == 200 and headers["X-WP-Total"] == "50" and headers["X-WP-TotalPages"] == "3"
        links += [p["link"] for p in json.loads(body)]
    assert sorted(links) == sorted(r["url"] for r in world(truth))
    assert get(replica, f"/wp-json/wp/v2/posts?categories={cats[0]['id']}&page=4&per_page=20")[0] == 400
    post = next(p for p in replica.site.posts("world-news") if p.comments)
    comments = json.loads(get(replica, f"/wp-json/wp/v2/comments?post={post.id}&order=asc&per_page=100")[2])
    assert [str(c["id"]) for c in comments] == [c["id"] for c in truth[BASE + post.path]["comments"]]
    # several posts at once, as WordPress reads an array argument, paged: every comment once, by post
    posts = [p for p in replica.site.posts("world-news") if p.comments][:3]
    status, headers, _ = get(replica, f"/wp-json/wp/v2/comments?post={','.join(str(p.id) for p in posts)}&per_page=2")
    pages = int(headers["X-WP-TotalPages"])
    found = [c for page in range(1, pages + 1) for c in json.loads(get(
        replica, f"/wp-json/wp/v2/comments?post={','.join(str(p.id) for p in posts)}&per_page=2&page={page}")[2])]
    assert status == 200 and int(headers["X-WP-Total"]) == len(found) == sum(len(p.comments) for p in posts)
    for post in posts:
        assert sorted(str(c["id"]) for c in found if c["post"] == post.id) == sorted(
            c["id"] for c in truth[BASE + post.path]["comments"])


# -- traps --------------------------------------------------------------------------------------------
def test_windows_1256_page(replica):
    url = traps(replica.site, BASE)["windows-1256"][0]
    status, headers, body = get(replica, url)
    assert headers["Content-Type"] == "text/html; charset=windows-1256"
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    text = body.decode("cp1256")
    assert '<meta charset="windows-1256" />' in text
    assert replica.site.find(*map(int, path_of(url).split("/")[1:4]), path_of(url).split("/")[4]).title in text


def test_500_once_then_200_per_instance():
    site = Site(articles=50, seed=1)
    path = path_of(traps(site, BASE)["500-once"][0])
    for _ in range(2):  # each new Replica fails once again
        replica = Replica(site, base_url=BASE)
        assert [replica.respond("GET", path, {})[0] for _ in range(3)] == [500, 200, 200]


def test_malformed_page_still_shows_the_text(replica, truth):
    url = traps(replica.site, BASE)["malformed"][0]
    body = get(replica, url)[2].decode()
    assert "AT&T إلى < 5" in body and "</div></div>" in body
    text = lxml.html.fromstring(body).text_content()
    for paragraph in truth[url]["body"].split("\n\n"):
        assert paragraph in text


def test_slow_article_does_not_block_others():
    site = Site(articles=50, seed=1)
    slow = path_of(traps(site, BASE)["slow"][0])
    with running_replica(articles=50, seed=1, slow_delay=2.0) as base:
        host, port = urlsplit(base).hostname, urlsplit(base).port
        done = threading.Event()

        def fetch_slow():
            conn = http.client.HTTPConnection(host, port, timeout=10)
            conn.request("GET", slow)
            conn.getresponse().read()
            done.set()

        thread = threading.Thread(target=fetch_slow)
        started = time.monotonic()
        thread.start()
        conn = http.client.HTTPConnection(host, port, timeout=10)
        conn.request("GET", "/robots.txt")
        assert conn.getresponse().status == 200
        assert not done.is_set() and time.monotonic() - started < 2.0
        thread.join()
        assert time.monotonic() - started >= 2.0



def test_latency_holds_every_response_and_adds_to_the_slow_trap():
    site = Site(articles=50, seed=1)
    slow = path_of(traps(site, BASE)["slow"][0])
    replica = Replica(site, base_url=BASE, slow_delay=2.0, latency=0.25)
    assert replica.delay("/robots.txt") == 0.25
    assert replica.delay(slow) == 2.25
    assert Replica(site, base_url=BASE, slow_delay=2.0).delay("/robots.txt") == 0.0

# -- truth against the pages ------------------------------------------------------------------------------
def sample(truth):
    records = world(truth)
    picks = [r for r in records if r.get("trap") in (None, "malformed")]
    return picks[::4] + [r for r in truth.values() if r["section"] == "sports"][:2]


def test_truth_matches_article_pages(replica, truth):
    for record in sample(truth):
        doc = lxml.html.fromstring(get(replica, record["url"])[2])
        assert doc.xpath("//html/@dir") == ["rtl"] and doc.xpath("//html/@lang") == ["ar"]
        assert doc.xpath("//link[@rel='canonical']/@href") == [record["url"]]
        assert doc.xpath("string(//header[@class='td-post-title']/h1[@class='entry-title'])") == record["title"]
        assert doc.xpath("//span[@class='td-post-date']/time/@datetime") == [record["published"]]
        assert doc.xpath("//ul[@class='td-category']/li[@class='entry-category']/a/text()") == [record["section_name"]]
        content = doc.xpath("//div[contains(@class,'td-post-content')]")[0]
        content_text = content.text_content()
        for paragraph in record["body"].split("\n\n"):
            assert paragraph in content_text
        assert doc.xpath("//div[@class='td-post-author-name']/a/text()") == record["authors"]
        assert doc.xpath("//ul[contains(@class,'td-tags')]/li/a/text()") == record["tags"]
        assert [fold(h) for h in doc.xpath("//div[contains(@class,'td_block_related_posts')]//h3/a/@href")] == record["related_urls"]
        if record["source_url"]:
            assert content.xpath(".//p/a[.='Source link']/@href") == [record["source_url"]]
        graph = json.loads(doc.xpath("//script[@type='application/ld+json']/text()")[0])["@graph"]
        article = next(n for n in graph if n["@type"] == "NewsArticle")
        assert article["headline"] == record["title"] and article["datePublished"] == record["published"]
        assert article.get("dateModified") == record["modified"] and article["inLanguage"] == "ar"
        assert doc.xpath("//meta[@property='article:tag']/@content") == record["tags"]
        assert doc.xpath("//meta[@property='og:image']/@content") == [i["url"] for i in record["images"][:1] if i["url"].split("/")[-1].startswith("featured")]
        check_comments(doc, record["comments"])


def check_comments(doc, comments):
    items = doc.xpath("//ol[contains(@class,'comment-list')]//li[contains(@class,'comment')]")
    assert [li.get("id") for li in items] == [f"comment-{c['id']}" for c in sorted(comments, key=lambda c: int(c["id"]))] or \
        {li.get("id") for li in items} == {f"comment-{c['id']}" for c in comments}
    by_id = {li.get("id")[len("comment-"):]: li for li in items}
    for c in comments:
        li = by_id[c["id"]]
        assert li.xpath("string(./article/footer/cite)") == c["author"]
        assert li.xpath("./article/footer/cite/a[@class='url']/@href") == ([c["author_url"]] if c["author_url"] else [])
        assert li.xpath("string(./article/div[contains(@class,'comment-content')])") == c["text"]
        assert li.xpath("./article/div[contains(@class,'comment-content')]//a/@href") == c["links"]
        parent = li.getparent().getparent()
        assert (parent.get("id") if parent.tag == "li" else None) == (f"comment-{c['parent_id']}" if c["parent_id"] else None)


def test_noise_is_in_the_page_but_not_in_the_truth(replica, truth):
    kinds = {"read-also": 0, "figure": 0, "caption": 0}
    for post in list(replica.site.posts("world-news"))[:30]:
        record = truth[BASE + post.path]
        content = lxml.html.fromstring(get(replica, post.path)[2]).xpath("//div[contains(@class,'td-post-content')]")[0].text_content()
        for block in post.blocks:
            if block.kind == "read-also":
                title = replica.site.post(block.ref.section, block.ref.index).title
                assert block.text in content and title in content and block.text not in record["body"]
                kinds["read-also"] += 1
            if block.kind == "figure" and block.picture.credit:
                assert block.picture.credit in content and block.picture.credit not in record["body"]
                kinds["figure"] += 1
        if post.featured and post.featured.caption:
            assert post.featured.caption in content and post.featured.caption not in record["body"]
            kinds["caption"] += 1
        assert "Source link" not in record["body"] and "RELATED ARTICLES" not in record["body"]
    assert all(kinds.values()), kinds
    assert {"اقرأ أيضا", "Read also"} <= {b.text for p in replica.site.posts("world-news") for b in p.blocks if b.kind == "read-also"}


def test_comments_mix_legit_threads_and_spam(truth):
    comments = [c for r in world(truth) for c in r["comments"]]
    by_id = {c["id"]: c for c in comments}
    assert any(c["author"] == "WEBSITE WEBSITE WEBSITE WEBSITE" for c in comments)
    assert any(c["spam"] and c["links"] for c in comments) and any(not c["spam"] and c["links"] for c in comments)
    assert any(c["text"] == "شكرا" for c in comments) and any("ههههه" in c["text"] for c in comments)
    assert any(c["parent_id"] and by_id[c["parent_id"]]["parent_id"] for c in comments)  # a reply to a reply
    assert any(c["parent_id"] and by_id[c["parent_id"]]["spam"] for c in comments)  # a reply to spam
    assert 0.1 < sum(c["spam"] for c in comments) / len(comments) < 0.6


def test_optional_parts_are_sometimes_missing(truth):
    records = world(truth)
    for field in ("images", "tags", "authors", "comments"):
        assert any(r[field] for r in records) and any(not r[field] for r in records), field
    for field in ("modified", "source_url"):
        assert any(r[field] for r in records) and any(r[field] is None for r in records), field


# -- duplicates ---------------------------------------------------------------------------------------
def shingles(text, n=5):
    words = text.split()
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def jaccard(a, b):
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


def test_duplicate_traps(tmp_path):
    site = Site(articles=400, seed=3)
    write_truth(site, tmp_path, BASE)
    records = {r["url"]: r for r in map(json.loads, open(tmp_path / "articles.jsonl", encoding="utf-8"))}
    dups = [json.loads(line) for line in open(tmp_path / "duplicates.jsonl", encoding="utf-8")]
    assert 15 <= sum(d["kind"] == "exact" for d in dups) <= 25 and 15 <= sum(d["kind"] == "near" for d in dups) <= 25
    for d in dups:
        copy, original = records[d["url"]], records[d["duplicate_of"]]
        assert copy["published"] > original["published"] and copy["url"] != original["url"]
        if d["kind"] == "exact":
            assert copy["body"] == original["body"]
        else:
            assert 0.6 <= jaccard(copy["body"], original["body"]) <= 0.9, d
    bodies = [r["body"] for r in records.values() if r["section"] == "world-news"][:60]
    unrelated = [jaccard(a, b) for i, a in enumerate(bodies) for b in bodies[i + 1:i + 3] if a != b]
    assert max(unrelated) < 0.3


# -- determinism --------------------------------------------------------------------------------------
def test_same_seed_same_bytes():
    a, b = Replica(Site(50, seed=7), base_url=BASE), Replica(Site(50, seed=7), base_url=BASE)
    paths = ["/", "/category/world-news/page/2/", "/wp-sitemap-posts-post-1.xml", a.site.post("world-news", 33).path]
    assert [a.respond("GET", p, {}) for p in paths] == [b.respond("GET", p, {}) for p in paths]
    assert Replica(Site(50, seed=8), base_url=BASE).respond("GET", paths[1], {}) != a.respond("GET", paths[1], {})


def test_ten_more_articles_keep_the_first_ones():
    small, large = Replica(Site(50, seed=2), base_url=BASE), Replica(Site(60, seed=2), base_url=BASE)
    for post in small.site.posts("world-news"):
        assert article_record(small.site, BASE, post) == article_record(large.site, BASE, large.site.post("world-news", post.ref.index))
        assert small.respond("GET", post.path, {})[2] == large.respond("GET", post.path, {})[2]
    newest_old = max(p.published for p in small.site.all_posts())
    assert all(large.site.post("world-news", i).published > newest_old for i in range(50, 60))


def test_edited_posts():
    before, after = Site(50, seed=2), Site(60, seed=2, edited=3)
    changed = [i for i in range(50) if article_record(before, BASE, before.post("world-news", i)) != article_record(after, BASE, after.post("world-news", i))]
    assert len(changed) == 3
    newest = max(p.published for p in after.all_posts())
    for i in changed:
        old, new = before.post("world-news", i), after.post("world-news", i)
        assert old.paragraphs != new.paragraphs and new.modified > newest and old.title == new.title


def test_large_site_is_lazy():
    started = time.monotonic()
    site = Site(articles=50_000, seed=1)
    post = site.post("world-news", 49_999)
    assert site.find(post.published.year, post.published.month, post.published.day, post.slug) == post
    assert Replica(site, base_url=BASE).respond("GET", "/category/world-news/page/5000/", {})[0] == 200
    assert time.monotonic() - started < 5


# -- server and command -----------------------------------------------------------------------------------
def test_running_replica_keep_alive_and_truth(tmp_path):
    with running_replica(articles=50, seed=1, truth_dir=tmp_path) as base:
        parts = urlsplit(base)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        records = [json.loads(line) for line in open(tmp_path / "articles.jsonl", encoding="utf-8")]
        for record in records[:5]:
            assert record["url"].startswith(base + "/")
            conn.request("GET", urlsplit(record["url"]).path)
            response = conn.getresponse()
            body = response.read()
            assert response.status in (200, 500) and int(response.getheader("Content-Length")) == len(body)
        conn.request("HEAD", "/")
        head = conn.getresponse()
        assert head.read() == b"" and int(head.getheader("Content-Length")) > 0
    assert json.loads((tmp_path / "traps.json").read_text())["not-found"]


def test_command_prints_serving_line_and_stops_on_sigterm(tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "newsbot.cli", "replica", "--port", "0", "--articles", "50", "--truth", str(tmp_path)],
                            stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = proc.stdout.readline()
        match = re.fullmatch(r"serving (http://127\.0\.0\.1:(\d+)/)\n", line)
        assert match, line
        conn = http.client.HTTPConnection("127.0.0.1", int(match.group(2)), timeout=10)
        conn.request("GET", "/robots.txt")
        assert conn.getresponse().status == 200
        assert (tmp_path / "articles.jsonl").exists()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()


def test_plain_theme_shows_the_same_content(truth):
    plain = Replica(Site(articles=50, seed=1), theme="plain", base_url=BASE)
    for record in sample(truth)[:6]:
        doc = lxml.html.fromstring(get(plain, record["url"])[2])
        article = doc.xpath("//article[contains(@class,'post')]")[0]
        assert article.xpath("string(.//h1[@class='entry-title'])") == record["title"]
        assert article.xpath(".//time[contains(@class,'published')]/@datetime") == [record["published"]]
        content = article.xpath(".//div[@class='entry-content']")[0].text_content()
        assert all(paragraph in content for paragraph in record["body"].split("\n\n"))
        assert [fold(h) for h in doc.xpath("//div[@class='jp-relatedposts-post']//a/@href")] == record["related_urls"]
        items = doc.xpath("//ol[@class='comment-list']//li[@class='comment']")
        assert {li.get("id") for li in items} == {f"comment-{c['id']}" for c in record["comments"]}
    assert get(plain, "/category/world-news/page/5/")[0] == 200 and get(plain, "/category/world-news/page/6/")[0] == 404
