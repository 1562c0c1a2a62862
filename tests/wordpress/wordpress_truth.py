"""The ground truth of the test WordPress, in the shape of newsbot.items, from what php/export.php read back.

Files written to the truth directory:
- ``articles.jsonl``: one Article per world-news post (the crawl's expected output): url and canonical_url
  (the permalink), title, published, modified, authors, section, section_name, tags, body (the rendered
  paragraphs' text joined by blank lines, without the «Source link» paragraph), source_url, images (none),
  comments (Comment fields plus ``spam``: the label the site content gave it), language.
- ``duplicates.jsonl``: ``url``, ``duplicate_of``, ``kind`` (``exact`` or ``near``).
- ``excluded.jsonl``: ``url`` and ``section`` of every post outside the section (must not be crawled).
Texts are taken from WordPress's rendered HTML (the_content, comment_text, the title filters), so they carry
the typography the pages show (wptexturize's dashes and quotes).
"""

from __future__ import annotations

import html
import json
from dataclasses import asdict
from pathlib import Path

import lxml.html

from newsbot.items import Article, Comment

SOURCE_LINK_TEXT = "Source link"
TRUTH_FIELDS = ("url", "canonical_url", "title", "published", "modified", "authors", "section", "section_name",
                "tags", "body", "images", "source_url", "comments", "language")


def write(exported: dict, truth_dir: Path, section: str) -> None:
    truth_dir.mkdir(parents=True, exist_ok=True)
    in_section = [post for post in exported["posts"] if _section_of(post)["slug"] == section]
    others = [post for post in exported["posts"] if _section_of(post)["slug"] != section]
    _write_jsonl(truth_dir / "articles.jsonl", [article(post, exported["language"]) for post in in_section])
    _write_jsonl(truth_dir / "duplicates.jsonl", [
        {"url": post["url"], "duplicate_of": post["duplicate_of"], "kind": post["duplicate_kind"]}
        for post in in_section if post["duplicate_of"]
    ])
    _write_jsonl(truth_dir / "excluded.jsonl", [
        {"url": post["url"], "section": _section_of(post)["slug"]} for post in others
    ])


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def article(post: dict, language: str) -> dict:
    paragraphs = _paragraphs(post["content_html"])
    source = next((p for p in paragraphs if p.text_content().strip() == SOURCE_LINK_TEXT), None)
    item = Article(
        url=post["url"],
        canonical_url=post["url"],
        title=html.unescape(post["title_html"]),
        published=post["published"],
        # WordPress stores post_modified = post_date for a post never edited: newsbot says null there
        modified=post["modified"] if post["modified"] != post["published"] else None,
        authors=post["authors"],
        section=_section_of(post)["slug"],
        section_name=html.unescape(_section_of(post)["name"]),
        tags=[html.unescape(tag) for tag in post["tags"]],
        body=_joined_text([p for p in paragraphs if p is not source]),
        source_url=source.xpath("string(.//a/@href)") if source is not None else None,
        comments=[],
        language=language,
    )
    record = {name: value for name, value in asdict(item).items() if name in TRUTH_FIELDS}
    record["comments"] = [comment(exported) for exported in post["comments"]]
    return record


def comment(exported: dict) -> dict:
    fragment = lxml.html.fragment_fromstring(exported["html"], create_parent="div")
    item = Comment(
        id=exported["id"],
        parent_id=exported["parent_id"],
        author=html.unescape(exported["author"]),
        author_url=exported["author_url"] or None,
        links=fragment.xpath(".//a/@href"),
        published=exported["published"],
        text=_joined_text(fragment.xpath(".//p") or [fragment]),
    )
    return {**asdict(item), "spam": exported["spam"]}


def _section_of(post: dict) -> dict:
    return post["categories"][0]


def _paragraphs(content_html: str) -> list:
    return lxml.html.fragment_fromstring(content_html, create_parent="div").xpath(".//p")


def _joined_text(elements: list) -> str:
    texts = (" ".join(element.text_content().split()) for element in elements)
    return "\n\n".join(text for text in texts if text)


def _write_jsonl(path: Path, records: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
