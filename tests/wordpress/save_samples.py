"""Saves pages of the test WordPress under tests/data/wordpress/ for parsing tests that need no server.

    python tests/wordpress/save_samples.py

Writes post.html (a post with threaded, author-URL and spam comments) with its truth record
post.truth.json, category.html (first page of the world-news category), category-feed.xml, rest-posts.json
(first page of /wp-json/wp/v2/posts?categories=ID) and rest-comments.json (the saved post's comments).
The URLs inside carry the port the site had when saved (in meta.json).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import urllib.request
from pathlib import Path

import wordpress_content
from setup_wordpress import WordPressSite, free_port
from wordpress_truth import read_jsonl

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "wordpress"


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def richest_article(articles: list[dict]) -> dict:
    """The post whose comments show the most: threads, an author URL, spam with links."""
    def score(article: dict) -> tuple:
        comments = article["comments"]
        return (any(c["parent_id"] for c in comments), any(c["author_url"] for c in comments),
                any(c["spam"] and c["links"] for c in comments), len(comments))
    return max(articles, key=score)


def save(site: WordPressSite) -> None:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    articles = read_jsonl(site.truth_dir / "articles.jsonl")
    article = richest_article(articles)
    category = f"{site.base_url}/category/{wordpress_content.WORLD_NEWS_SLUG}/"
    categories = fetch(f"{site.base_url}/wp-json/wp/v2/categories?slug={wordpress_content.WORLD_NEWS_SLUG}")
    category_id = json.loads(categories)[0]["id"]
    all_posts = json.loads(fetch(f"{site.base_url}/wp-json/wp/v2/posts?categories={category_id}&per_page=100"))
    post_id = next(post["id"] for post in all_posts if post["link"] == article["url"])
    files = {
        "post.html": fetch(article["url"]),
        "category.html": fetch(category),
        "category-feed.xml": fetch(category + "feed/"),
        "rest-posts.json": fetch(f"{site.base_url}/wp-json/wp/v2/posts?categories={category_id}&per_page=10"),
        "rest-comments.json": fetch(f"{site.base_url}/wp-json/wp/v2/comments?post={post_id}&per_page=100"),
    }
    for name, content in files.items():
        (DATA_DIR / name).write_bytes(content)
    (DATA_DIR / "post.truth.json").write_text(json.dumps(article, ensure_ascii=False, indent=1) + "\n",
                                              encoding="utf-8")
    (DATA_DIR / "meta.json").write_text(json.dumps({
        "base_url": site.base_url, "post_url": article["url"], "post_id": post_id,
        "category_id": category_id, "category_url": category,
    }, indent=1) + "\n", encoding="utf-8")


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="newsbot-wp-"))
    try:
        with WordPressSite(workdir, free_port()) as site:
            save(site)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"saved samples in {DATA_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
