"""The replica's machine-readable documents, the same for every theme: RSS 2.0 feeds, the WordPress core
sitemaps, robots.txt and a read-only subset of the WordPress REST API (``/wp-json/wp/v2/``)."""

from __future__ import annotations

import json
from datetime import timezone
from email.utils import format_datetime
from html import escape

from newsbot.replica import links
from newsbot.replica.content import GHOST_PATH, Post, Site

FEED_SIZE = 10
SITEMAP_SIZE = 2000


def _x(text: str) -> str:
    return escape(text, quote=True)


def content_html(base: str, site: Site, post: Post) -> str:
    """``the_content``: the post body as stored (paragraphs, read-also lines, in-body figures, source link)."""
    out = []
    for block in post.blocks:
        if block.kind == "p":
            out.append(f"<p>{_x(block.text)}</p>")
        elif block.kind == "read-also":
            other = site.teaser(block.ref)
            out.append(f'<p><strong>{_x(block.text)}</strong>  <a href="{links.canonical(base, other)}">{_x(other.title)}</a></p>')
        elif block.kind == "figure":
            pic = block.picture
            caption = "".join(f"<p>{_x(t)}</p>" for t in (pic.caption, pic.credit) if t)
            out.append(f'<figure class="wp-block-image"><img src="{base}{pic.path}" alt="" /><figcaption>{caption}</figcaption></figure>')
        else:
            out.append(f'<p><a href="{_x(block.href)}">{_x(block.text)}</a></p>')
    return "\n".join(out)


def rss(base: str, site: Site, section: str | None, paged: int) -> str | None:
    """The feed of a section (or of the whole site), page ``paged`` (1-based); None past the end."""
    if section:
        posts = site.newest(section, (paged - 1) * FEED_SIZE, FEED_SIZE)
        title, self_url = site.sections[section].name, f"{base}/category/{section}/feed/"
    else:
        everything = sorted((p for s in site.sections for p in site.newest(s, 0, paged * FEED_SIZE)),
                            key=lambda p: p.published, reverse=True)
        posts, title, self_url = everything[(paged - 1) * FEED_SIZE: paged * FEED_SIZE], "أخبار العالم اليوم", f"{base}/feed/"
    if not posts:
        return None
    items = "".join(_rss_item(base, site, p) for p in posts)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n'
            f'<title>{_x(title)}</title>\n<atom:link href="{self_url}" rel="self" type="application/rss+xml" />\n<link>{base}/</link>\n'
            f'<lastBuildDate>{format_datetime(posts[0].published.astimezone(timezone.utc), usegmt=True)}</lastBuildDate>\n<language>ar</language>\n'
            f'{items}</channel>\n</rss>\n')


def _rss_item(base: str, site: Site, post: Post) -> str:
    url = links.canonical(base, post)
    creator = f"<dc:creator><![CDATA[{post.author[0]}]]></dc:creator>" if post.author else ""
    cats = "".join(f"<category><![CDATA[{c}]]></category>" for c in (site.sections[post.ref.section].name, *post.tags))
    return (f"<item>\n<title>{_x(post.title)}</title>\n<link>{url}</link>\n{creator}\n"
            f"<pubDate>{format_datetime(post.published.astimezone(timezone.utc), usegmt=True)}</pubDate>\n{cats}\n"
            f'<guid isPermaLink="false">{base}/?p={post.id}</guid>\n<description><![CDATA[{post.paragraphs[0][:200]} [&#8230;]]]></description>\n'
            f"<content:encoded><![CDATA[{content_html(base, site, post)}]]></content:encoded>\n</item>\n")


def _posts_by_id(site: Site) -> list[Post]:
    return sorted(site.all_posts(), key=lambda p: p.id)


def sitemap_index(base: str, site: Site) -> str:
    total = sum(s.count for s in site.sections.values())
    pages = -(-total // SITEMAP_SIZE)
    entries = "".join(f"<sitemap><loc>{base}/wp-sitemap-posts-post-{n}.xml</loc></sitemap>" for n in range(1, pages + 1))
    entries += f"<sitemap><loc>{base}/wp-sitemap-taxonomies-category-1.xml</loc></sitemap>"
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>\n'


def sitemap_posts(base: str, site: Site, page: int) -> str | None:
    posts = _posts_by_id(site)[(page - 1) * SITEMAP_SIZE: page * SITEMAP_SIZE]
    if page < 1 or not posts:
        return None
    entries = "".join(f"<url><loc>{links.canonical(base, p)}</loc><lastmod>{(p.modified or p.published).isoformat()}</lastmod></url>" for p in posts)
    if page == 1:
        entries += f"<url><loc>{base}{GHOST_PATH}</loc><lastmod>2015-01-04T09:00:00+03:00</lastmod></url>"
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>\n'


def sitemap_categories(base: str, site: Site) -> str:
    entries = "".join(f"<url><loc>{base}/category/{s.slug}/</loc></url>" for s in site.sections.values())
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>\n'


def robots(base: str) -> str:
    return f"User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\nSitemap: {base}/wp-sitemap.xml\n"


# -- REST API -----------------------------------------------------------------------------------------
class RestError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.body = status, {"code": code, "message": message, "data": {"status": status}}


def rest(base: str, site: Site, route: str, query: dict[str, str]) -> tuple[object, dict[str, str]]:
    """(JSON body, extra headers) for a ``/wp-json/wp/v2/<route>`` request; raises RestError."""
    if route == "categories":
        sections = [s for s in site.sections.values() if query.get("slug") in (None, s.slug)]
        return [{"id": s.id, "count": s.count, "link": f"{base}/category/{s.slug}/", "name": s.name, "slug": s.slug, "taxonomy": "category"}
                for s in sections], {}
    if route == "posts":
        return _rest_posts(base, site, query)
    if route.startswith("posts/") and route[6:].isdigit():
        post = site.by_id(int(route[6:]))
        if post is None:
            raise RestError(404, "rest_post_invalid_id", "Invalid post ID.")
        return _rest_post(base, site, post), {}
    if route == "comments":
        return _rest_comments(base, site, query)
    raise RestError(404, "rest_no_route", "No route was found matching the URL and request method.")


def _rest_comments(base: str, site: Site, query: dict[str, str]):
    """``post`` one id or a comma-separated list (as WordPress reads an array argument), paged by ``per_page``
    and ``page``, oldest first with ``order=asc`` (WordPress's default is newest first)."""
    try:
        ids = [int(i) for i in query.get("post", "").split(",") if i.strip()]
        page, per_page = int(query.get("page", "1")), int(query.get("per_page", "10"))
    except ValueError:
        raise RestError(400, "rest_invalid_param", "Invalid parameter(s): post, page, per_page")
    if not 1 <= per_page <= 100:
        raise RestError(400, "rest_invalid_param", "Invalid parameter(s): per_page")
    posts = [post for post in map(site.by_id, ids) if post is not None]
    found = sorted(((post, c) for post in posts for c in post.comments), key=lambda pc: (pc[1].published, pc[1].id),
                   reverse=query.get("order", "desc") != "asc")
    pages = max(1, -(-len(found) // per_page))
    if page < 1 or (page > pages and found):
        raise RestError(400, "rest_comment_invalid_page_number", "The page number requested is larger than the number of pages available.")
    return [{"id": c.id, "post": post.id, "parent": c.parent_id or 0, "author_name": c.author, "author_url": c.author_url or "",
             "date": c.published.replace(tzinfo=None).isoformat(), "date_gmt": c.published.astimezone(timezone.utc).replace(tzinfo=None).isoformat(),
             "content": {"rendered": f"<p>{_x(c.text)}</p>\n"}, "link": f"{links.canonical(base, post)}#comment-{c.id}"}
            for post, c in found[(page - 1) * per_page: page * per_page]], {"X-WP-Total": str(len(found)), "X-WP-TotalPages": str(pages)}


def _rest_posts(base: str, site: Site, query: dict[str, str]):
    by_id = {str(s.id): s for s in site.sections.values()}
    wanted = [by_id[c] for c in query.get("categories", "").split(",") if c in by_id] or list(site.sections.values())
    try:
        page, per_page = int(query.get("page", "1")), int(query.get("per_page", "10"))
    except ValueError:
        raise RestError(400, "rest_invalid_param", "Invalid parameter(s): page")
    if not 1 <= per_page <= 100:
        raise RestError(400, "rest_invalid_param", "Invalid parameter(s): per_page")
    total = sum(s.count for s in wanted)
    pages = max(1, -(-total // per_page))
    if page < 1 or page > pages:
        raise RestError(400, "rest_post_invalid_page_number", "The page number requested is larger than the number of pages available.")
    if len(wanted) == 1:
        posts = site.newest(wanted[0].slug, (page - 1) * per_page, per_page)
    else:
        merged = sorted((p for s in wanted for p in site.newest(s.slug, 0, page * per_page)), key=lambda p: p.published, reverse=True)
        posts = merged[(page - 1) * per_page: page * per_page]
    return [_rest_post(base, site, p) for p in posts], {"X-WP-Total": str(total), "X-WP-TotalPages": str(pages)}


def _rest_post(base: str, site: Site, post: Post) -> dict:
    modified = post.modified or post.published
    return {
        "id": post.id, "date": post.published.replace(tzinfo=None).isoformat(),
        "date_gmt": post.published.astimezone(timezone.utc).replace(tzinfo=None).isoformat(),
        "modified": modified.replace(tzinfo=None).isoformat(),
        "modified_gmt": modified.astimezone(timezone.utc).replace(tzinfo=None).isoformat(),
        "slug": post.slug, "status": "publish", "type": "post", "link": links.canonical(base, post),
        "title": {"rendered": _x(post.title)}, "content": {"rendered": content_html(base, site, post), "protected": False},
        "excerpt": {"rendered": f"<p>{_x(post.paragraphs[0][:200])} [&hellip;]</p>\n", "protected": False},
        "author": 1 + (hash_author(post.author) if post.author else 0), "featured_media": post.id + 1 if post.featured else 0,
        "comment_status": "open", "categories": [site.sections[post.ref.section].id], "tags": [],
    }


def hash_author(author: tuple[str, str]) -> int:
    return sum(map(ord, author[1])) % 50 + 1


def to_json(body) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode("utf-8")
