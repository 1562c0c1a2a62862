"""What every theme shows the same way: the head metadata (OpenGraph, Yoast-style JSON-LD), caption text,
comment text and threading."""

from __future__ import annotations

import json
from html import escape

from newsbot.replica.content import CommentModel, Picture, Post, Site

SITE_NAME = "أخبار العالم اليوم"


def e(text: str) -> str:
    return escape(text, quote=True)


def caption_text(picture: Picture) -> str:
    """An attachment caption as editors of agency copy write it: the credit in parentheses at the end."""
    parts = [p for p in (picture.caption, f"({picture.credit})" if picture.credit else None) if p]
    return " ".join(parts)


def comment_tree(post: Post) -> dict[int | None, list[CommentModel]]:
    """Comments by parent id (None: top level), each list in publication order."""
    children: dict[int | None, list[CommentModel]] = {}
    for c in post.comments:
        children.setdefault(c.parent_id, []).append(c)
    return children


def article_head(site: Site, base: str, post: Post, url: str, site_name: str) -> str:
    sec = site.sections[post.ref.section]
    meta = [("og:locale", "ar_AR"), ("og:type", "article"), ("og:title", post.title), ("og:url", url), ("og:site_name", site_name),
            ("article:published_time", post.published.isoformat())]
    if post.modified:
        meta.append(("article:modified_time", post.modified.isoformat()))
    meta.append(("article:section", sec.name))
    meta += [("article:tag", t) for t in post.tags]
    if post.featured:
        meta.append(("og:image", base + post.featured.path))
    tags = "\n".join(f'<meta property="{k}" content="{e(v)}" />' for k, v in meta)
    if post.author:
        tags += f'\n<meta name="author" content="{e(post.author[0])}" />'
    ld = json.dumps(json_ld(site, base, post, url, site_name), ensure_ascii=False).replace("</", "<\\/")
    return f'{tags}\n<script type="application/ld+json" class="yoast-schema-graph">{ld}</script>'

def json_ld(site: Site, base: str, post: Post, url: str, site_name: str) -> dict:
    sec = site.sections[post.ref.section]
    article = {"@type": "NewsArticle", "@id": f"{url}#article", "isPartOf": {"@id": url}, "headline": post.title,
               "datePublished": post.published.isoformat(), "mainEntityOfPage": {"@id": url},
               "commentCount": len(post.comments), "articleSection": [sec.name], "inLanguage": "ar"}
    if post.modified:
        article["dateModified"] = post.modified.isoformat()
    if post.tags:
        article["keywords"] = list(post.tags)
    graph = [article, {"@type": "WebPage", "@id": url, "url": url, "name": f"{post.title} - {site_name}", "inLanguage": "ar",
                       "datePublished": post.published.isoformat(), "breadcrumb": {"@id": f"{url}#breadcrumb"}}]
    if post.author:
        person_id = f"{base}/#/schema/person/{post.author[1]}"
        article["author"] = {"name": post.author[0], "@id": person_id}
        graph.append({"@type": "Person", "@id": person_id, "name": post.author[0], "url": f"{base}/author/{post.author[1]}/"})
    if post.featured:
        image_id = f"{url}#primaryimage"
        article["image"] = {"@id": image_id}
        article["thumbnailUrl"] = base + post.featured.path
        graph.append({"@type": "ImageObject", "@id": image_id, "url": base + post.featured.path, "contentUrl": base + post.featured.path,
                      "width": 696, "height": 392, "caption": caption_text(post.featured)})
    graph.append({"@type": "BreadcrumbList", "@id": f"{url}#breadcrumb", "itemListElement": [
        {"@type": "ListItem", "position": 1, "name": "Home", "item": base + "/"},
        {"@type": "ListItem", "position": 2, "name": sec.name, "item": f"{base}/category/{sec.slug}/"},
        {"@type": "ListItem", "position": 3, "name": post.title}]})
    return {"@context": "https://schema.org", "@graph": graph}


def comment_html(c: CommentModel) -> str:
    """The comment text as WordPress shows it: anchors for stuffed links, bare URLs made clickable."""
    html = e(c.text)
    for text, href in c.anchors:
        html = html.replace(e(text), f'<a href="{e(href)}" rel="nofollow ugc">{e(text)}</a>', 1)
    for word in c.text.split():
        if word.startswith("http"):
            html = html.replace(e(word), f'<a href="{e(word)}" rel="nofollow ugc">{e(word)}</a>', 1)
    return html


def amp_page(base: str, post: Post) -> str:
    """The AMP plugin's reader-mode page, the same whatever the theme."""
    url = base + post.path
    paragraphs = "".join(f"<p>{e(t)}</p>" for t in post.paragraphs)
    return (f'<!doctype html><html amp lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{e(post.title)}</title>'
            f'<link rel="canonical" href="{url}"><meta name="viewport" content="width=device-width">'
            f'<script async src="https://cdn.ampproject.org/v0.js"></script></head><body><header class="amp-wp-header"><a href="{base}/">{SITE_NAME}</a></header>'
            f'<article class="amp-wp-article"><header class="amp-wp-article-header"><h1 class="amp-wp-title">{e(post.title)}</h1></header>'
            f'<div class="amp-wp-article-content">{paragraphs}</div></article></body></html>')
