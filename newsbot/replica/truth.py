"""Ground truth of a replica: what a perfect crawl of it yields, in the output schema of ``newsbot.items``.

``write_truth(site, directory, base_url)`` writes ``articles.jsonl`` (one record per post of every section,
copies and rewrites included, with ``trap`` on trap pages and ``spam`` on each comment),
``duplicates.jsonl`` (``url``, ``duplicate_of``, ``kind``) and ``traps.json`` (trap name -> URLs, including the
``not-found`` URL the listing sidebar and the sitemap link to).
"""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

from newsbot.items import Article, Comment, Image
from newsbot.replica import links
from newsbot.replica.content import GHOST_PATH, TRAPS, CommentModel, Post, Site


TRUTH_FIELDS = [f.name for f in fields(Article)][: [f.name for f in fields(Article)].index("language") + 1]


def article_record(site: Site, base: str, post: Post) -> dict:
    """The expected item for one post, plus ``trap`` where the post is a trap page."""
    url = links.canonical(base, post)
    section = site.sections[post.ref.section]
    article = Article(
        url=url, canonical_url=url, title=post.title, published=post.published.isoformat(),
        modified=post.modified.isoformat() if post.modified else None,
        authors=[post.author[0]] if post.author else [], section=section.slug, section_name=section.name,
        tags=list(post.tags), body="\n\n".join(post.paragraphs),
        images=[Image(base + p.path, p.caption, p.credit) for p in post.pictures],
        source_url=post.source_url,
        related_urls=[links.canonical(base, site.teaser(r)) for r in post.related],
        comments=[_comment(c) for c in post.comments], language="ar",
    )
    # the item's fields up to ``language``: the rest are set by the crawl (time, provenance, dedup)
    record = {name: getattr(article, name) for name in TRUTH_FIELDS}
    record["images"] = [dict(vars(image)) for image in article.images]  # shallow: asdict() deep-copies, 5x slower
    record["comments"] = [dict(vars(comment), spam=model.spam) for comment, model in zip(article.comments, post.comments)]
    if post.trap:
        record["trap"] = post.trap
    return record


def _comment(c: CommentModel) -> Comment:
    return Comment(id=str(c.id), parent_id=str(c.parent_id) if c.parent_id else None, author=c.author, author_url=c.author_url,
                   links=list(c.links), published=c.published.isoformat(), text=c.text)


def traps(site: Site, base: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {"not-found": [base + GHOST_PATH]}
    for index in sorted(t for t in TRAPS if t < site.articles):
        post = site.post("world-news", index)
        found.setdefault(post.trap, []).append(links.canonical(base, post))
    return found


def write_truth(site: Site, directory: str | Path, base_url: str) -> Path:
    """Write the truth files into ``directory`` (created if needed) and return it."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    base = base_url.rstrip("/")
    with open(directory / "articles.jsonl", "w", encoding="utf-8") as articles, \
            open(directory / "duplicates.jsonl", "w", encoding="utf-8") as duplicates:
        for post in site.all_posts():
            articles.write(json.dumps(article_record(site, base, post), ensure_ascii=False) + "\n")
            if post.duplicate_of is not None:
                original = site.teaser(post.duplicate_of)
                duplicates.write(json.dumps({"url": links.canonical(base, post), "duplicate_of": links.canonical(base, original),
                                             "kind": post.duplicate_kind}, ensure_ascii=False) + "\n")
    (directory / "traps.json").write_text(json.dumps(traps(site, base), ensure_ascii=False, indent=1), encoding="utf-8")
    return directory
