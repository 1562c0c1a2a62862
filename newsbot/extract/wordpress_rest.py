"""The WordPress REST API's JSON as newsbot's items: posts to ``Article``, comments to ``Comment``.

Plain functions, apart from the crawl: ``newsbot.spiders.wordpress`` asks the routes, these read the answers.
A post's body goes through the HTML path's paragraph reader (``body_paragraphs``), so both paths give the
same text; every field read from the JSON says ``extraction[field] = "rest-api"``.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlencode, urljoin

from parsel import Selector
from scrapy.http import TextResponse

from newsbot.extract.article import NoArticle, body_paragraphs
from newsbot.extract.dom import blocks, node_text
from newsbot.items import Article, Comment, Image
from newsbot.sites.base import SiteProfile
from newsbot.urls import fold_url

COMMENT_PARAGRAPHS = {"p", "blockquote", "li", "pre"}
BARE_URL = re.compile(r"https?://[^\s<>\"']+")


def api_url(root: str, route: str, **params) -> str:
    """The URL of ``wp/v2/ROUTE`` under an API root, pretty (``…/wp-json/``) or plain (``…/?rest_route=/``)."""
    query = urlencode(params)
    if "rest_route=" in root:
        return f"{root.split('?', 1)[0]}?rest_route=/wp/v2/{route}" + (f"&{query}" if query else "")
    return f"{root.rstrip('/')}/wp/v2/{route}" + (f"?{query}" if query else "")


def advertised_api_root(response) -> str | None:
    """The API root a WordPress page advertises in its ``Link`` header or its ``<link rel>``."""
    for header in response.headers.getlist("Link"):
        match = re.search(r'<([^>]+)>\s*;\s*rel="?https://api\.w\.org/"?', header.decode("latin-1"))
        if match:
            return urljoin(response.url, match.group(1))
    if isinstance(response, TextResponse):
        href = response.xpath('//link[@rel="https://api.w.org/"]/@href').get()
        if href:
            return urljoin(response.url, href.strip())
    return None


def rest_json(response):
    """The JSON a REST route answered, or None where the answer is not the API's (HTML, an error object)."""
    if not isinstance(response, TextResponse):
        return None
    try:
        data = json.loads(response.text.lstrip("\ufeff \t\r\n"))  # some plugins print a BOM or blank lines first
    except ValueError:
        return None
    if isinstance(data, dict) and "code" in data and "message" in data:  # WP_Error: rest_no_route, rest_forbidden…
        return None
    return data


def html_text(rendered: str | None) -> str:
    """The text of a ``*.rendered`` HTML string (entities decoded, tags dropped, whitespace squashed)."""
    if not rendered or not rendered.strip():
        return ""
    return node_text(Selector(text=f"<div>{rendered}</div>").xpath("//body/div")[0])


def gmt_iso(gmt: str | None, local: str | None) -> str | None:
    """``*_gmt`` as ISO 8601 with +00:00; else the local date as given (the clean pipeline applies the site's
    timezone)."""
    return f"{gmt}+00:00" if gmt else local or None


def _embedded(post: dict, key: str) -> list:
    """One ``_embedded`` list, the error objects (a blocked users route…) left out."""
    found = post.get("_embedded", {}).get(key) or []
    return [entry for entry in found if isinstance(entry, dict) and "code" not in entry]


def _terms(post: dict, taxonomy: str) -> list[str]:
    names = [html_text(term.get("name")) for group in post.get("_embedded", {}).get("wp:term") or []
             if isinstance(group, list) for term in group if isinstance(term, dict) and term.get("taxonomy") == taxonomy]
    return list(dict.fromkeys(name for name in names if name))


def _featured_image(post: dict) -> list[Image]:
    media = next(iter(_embedded(post, "wp:featuredmedia")), None)
    if not media or not media.get("source_url"):
        return []
    return [Image(url=media["source_url"], caption=html_text((media.get("caption") or {}).get("rendered")) or None)]


def rest_article(post: dict, profile: type[SiteProfile], section: str, section_name: str | None,
                 trailing_slash: bool = True) -> Article:
    """An Article from one post of ``wp/v2/posts`` (with or without ``_embed``). Raises NoArticle."""
    url = post.get("link") or ""
    title = html_text((post.get("title") or {}).get("rendered"))
    content = Selector(text=f'<div class="entry-content">{(post.get("content") or {}).get("rendered") or ""}</div>')
    paragraphs, _, source_url = body_paragraphs(content, profile, url)
    if not url or not title or not paragraphs:
        raise NoArticle(f"post {post.get('id')}: no {'link' if not url else 'title' if not title else 'body'}")
    authors = list(dict.fromkeys(html_text(a.get("name")) for a in _embedded(post, "author") if a.get("name")))
    published = gmt_iso(post.get("date_gmt"), post.get("date"))
    modified = gmt_iso(post.get("modified_gmt"), post.get("modified"))
    related = [fold_url(r["url"], trailing_slash) for r in post.get("jetpack-related-posts") or [] if r.get("url")]
    article = Article(
        url=url, canonical_url=fold_url(url, trailing_slash), title=title,
        published=published, modified=modified,
        authors=authors, section=section, section_name=section_name, tags=_terms(post, "post_tag"),
        body="\n\n".join(paragraphs), images=_featured_image(post), source_url=source_url,
        related_urls=list(dict.fromkeys(related)),
    )
    article.extraction = {name: "rest-api" for name in ("title", "body", "published", "modified", "authors",
                                                        "section_name", "tags", "images", "source_url",
                                                        "related_urls") if getattr(article, name)}
    return article


def rest_comment(data: dict) -> Comment:
    """A Comment from one entry of ``wp/v2/comments``. Its links: the anchors' targets, then the bare URLs
    of the text that no anchor holds (WordPress makes them clickable when it renders the page)."""
    content = Selector(text=f"<div>{(data.get('content') or {}).get('rendered') or ''}</div>").xpath("//body/div")[0]
    paragraphs = blocks(content, COMMENT_PARAGRAPHS) or [node_text(content)]
    text = "\n\n".join(p for p in paragraphs if p)
    links = content.css("a::attr(href)").getall() + BARE_URL.findall(text)
    parent = data.get("parent")
    return Comment(
        id=str(data["id"]), parent_id=str(parent) if parent else None,
        author=html_text(data.get("author_name")) or None, author_url=data.get("author_url") or None,
        links=list(dict.fromkeys(links)), published=gmt_iso(data.get("date_gmt"), data.get("date")), text=text,
    )


def chronological(comments: list[Comment]) -> list[Comment]:
    return sorted(comments, key=lambda c: (c.published or "", int(c.id) if c.id.isdigit() else 0))
