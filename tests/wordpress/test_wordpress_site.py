"""Smoke test of the real WordPress target: it serves what the crawler will read, and the truth matches it."""

from __future__ import annotations

import json
import urllib.request
from urllib.parse import urlencode

import lxml.etree
import lxml.html
import pytest
import wordpress_content
from wordpress_truth import SOURCE_LINK_TEXT, read_jsonl

pytestmark = pytest.mark.wordpress


def fetch(url: str) -> tuple[bytes, dict]:
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200, url
        return response.read(), dict(response.headers)


def fetch_json(url: str) -> tuple[object, dict]:
    body, headers = fetch(url)
    return json.loads(body), headers


@pytest.fixture(scope="module")
def articles(wordpress_site):
    return read_jsonl(wordpress_site.truth_dir / "articles.jsonl")


@pytest.fixture(scope="module")
def excluded(wordpress_site):
    return read_jsonl(wordpress_site.truth_dir / "excluded.jsonl")


@pytest.fixture(scope="module")
def world_news_id(wordpress_site):
    found, _ = fetch_json(f"{wordpress_site.base_url}/wp-json/wp/v2/categories?slug={wordpress_content.WORLD_NEWS_SLUG}")
    return found[0]["id"]


def rest_posts(base_url: str, category_id: int) -> tuple[list[dict], dict]:
    """All posts of a category through the REST API, page by page as X-WP-TotalPages says."""
    posts, page, total_pages, first_headers = [], 1, 1, {}
    while page <= total_pages:
        query = urlencode({"categories": category_id, "per_page": 10, "page": page})
        found, headers = fetch_json(f"{base_url}/wp-json/wp/v2/posts?{query}")
        posts += found
        total_pages = int(headers["X-WP-TotalPages"])
        first_headers = first_headers or headers
        page += 1
    return posts, first_headers


def test_truth_holds_the_planned_site(articles, excluded, wordpress_site):
    plan = wordpress_content.plan()
    planned_world = [post for post in plan["posts"] if post["category"] == wordpress_content.WORLD_NEWS_SLUG]
    assert sorted(a["title"] for a in articles) == sorted(post["title"] for post in planned_world)
    assert len(excluded) == wordpress_content.SPORTS_POSTS
    assert all(a["section_name"] == wordpress_content.WORLD_NEWS_NAME and a["language"] == "ar" for a in articles)
    assert all(a["published"].endswith("+03:00") for a in articles)  # Asia/Riyadh
    assert sum(a["modified"] is not None for a in articles) == sum(bool(p["modified"]) for p in planned_world)
    planned_spam = sum(c["spam"] for post in planned_world for c in post["comments"])
    assert sum(c["spam"] for a in articles for c in a["comments"]) == planned_spam > 0
    duplicates = read_jsonl(wordpress_site.truth_dir / "duplicates.jsonl")
    assert sorted(d["kind"] for d in duplicates) == ["exact", "near"]
    by_url = {a["url"]: a for a in articles}
    exact = next(d for d in duplicates if d["kind"] == "exact")
    assert by_url[exact["url"]]["body"] == by_url[exact["duplicate_of"]]["body"]
    assert exact["url"] != exact["duplicate_of"]


def test_category_page_lists_newest_world_news_only(wordpress_site, use_theme, articles, excluded):
    use_theme("twentytwentythree")
    body, _ = fetch(f"{wordpress_site.base_url}/category/{wordpress_content.WORLD_NEWS_SLUG}/")
    links = set(lxml.html.fromstring(body).xpath("//a/@href"))
    newest = sorted(articles, key=lambda a: a["published"], reverse=True)[:10]
    assert {a["url"] for a in newest} <= links
    assert not links & {e["url"] for e in excluded}
    assert f"{wordpress_site.base_url}/category/{wordpress_content.WORLD_NEWS_SLUG}/page/2/" in links


def test_category_feed_lists_world_news(wordpress_site, articles):
    body, headers = fetch(f"{wordpress_site.base_url}/category/{wordpress_content.WORLD_NEWS_SLUG}/feed/")
    assert headers["Content-Type"].startswith("application/rss+xml")
    items = lxml.etree.fromstring(body).findall("channel/item")
    assert len(items) == 10
    truth_by_url = {a["url"]: a for a in articles}
    for item in items:
        assert item.findtext("title") == truth_by_url[item.findtext("link")]["title"]


def test_sitemap_lists_every_post(wordpress_site, articles, excluded):
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index, _ = fetch(f"{wordpress_site.base_url}/wp-sitemap.xml")
    sitemaps = lxml.etree.fromstring(index).xpath("//sm:sitemap/sm:loc/text()", namespaces=ns)
    posts_sitemap = next(url for url in sitemaps if "wp-sitemap-posts-post-" in url)
    listed, _ = fetch(posts_sitemap)
    urls = set(lxml.etree.fromstring(listed).xpath("//sm:url/sm:loc/text()", namespaces=ns))
    assert urls == {a["url"] for a in articles} | {e["url"] for e in excluded}


def test_rest_api_pages_through_the_category(wordpress_site, articles, world_news_id):
    posts, headers = rest_posts(wordpress_site.base_url, world_news_id)
    assert int(headers["X-WP-Total"]) == len(articles) > 10
    assert 'rel="next"' in headers["Link"]
    truth_by_url = {a["url"]: a for a in articles}
    assert {post["link"] for post in posts} == set(truth_by_url)
    for post in posts:
        assert post["date"] + "+03:00" == truth_by_url[post["link"]]["published"]


def test_rest_api_comments_match_truth(wordpress_site, articles, world_news_id):
    posts, _ = rest_posts(wordpress_site.base_url, world_news_id)
    post = next(p for p in posts if len(next(a for a in articles if a["url"] == p["link"])["comments"]) >= 3)
    expected = next(a for a in articles if a["url"] == post["link"])["comments"]
    found, _ = fetch_json(f"{wordpress_site.base_url}/wp-json/wp/v2/comments?post={post['id']}&per_page=100")
    assert {str(c["id"]): str(c["parent"] or "") or None for c in found} == {
        c["id"]: c["parent_id"] for c in expected
    }
    assert {c["author_name"] for c in found} == {c["author"] for c in expected}


def test_post_page_matches_truth(wordpress_site, use_theme, articles):
    use_theme("twentytwentythree")  # the block theme's markup, read below
    article = next(a for a in articles if any(c["spam"] for c in a["comments"]) and len(a["comments"]) >= 3)
    page = lxml.html.fromstring(fetch(article["url"])[0])
    assert page.xpath("string(//h1[contains(@class, 'wp-block-post-title')])").strip() == article["title"]
    paragraphs = [" ".join(p.text_content().split())
                  for p in page.xpath("//div[contains(@class, 'wp-block-post-content')]/p")]
    assert "\n\n".join(p for p in paragraphs if p != SOURCE_LINK_TEXT) == article["body"]
    assert page.xpath("string(//link[@rel='canonical']/@href)") == article["canonical_url"]
    assert page.xpath("string(//div[contains(@class, 'wp-block-post-date')]/time/@datetime)") == article["published"]
    comment_ids = [li.get("id") for li in page.xpath("//li[starts-with(@id, 'comment-')]")]
    assert comment_ids == [f"comment-{c['id']}" for c in article["comments"]]  # spam comments are shown too
