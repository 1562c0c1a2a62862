"""A classic WordPress block-theme markup of the same content (``article.post .entry-content``).

It exists so that extraction can be checked against a second markup: ``header.entry-header h1.entry-title``,
``time.entry-date.published``, ``span.author.vcard``, ``figure.post-thumbnail``, ``div.entry-content`` (the
stored ``the_content``, in-body figures and read-also lines included), ``span.tags-links``, Jetpack-style
``div.jp-relatedposts``, ``ol.comment-list article.comment-body``, ``nav.pagination a.next``.
"""

from __future__ import annotations

from newsbot.replica import links, machine
from newsbot.replica.content import GHOST_PATH, Post, Site, arabic_date
from newsbot.replica.themes.common import SITE_NAME, amp_page, article_head, caption_text, comment_html, comment_tree, e

PER_PAGE = 10


class Theme:
    def __init__(self, site: Site, base_url: str):
        self.site, self.base = site, base_url

    def home(self) -> str:
        latest = sorted((p for s in self.site.sections for p in self.site.newest(s, 0, 6)), key=lambda p: p.published, reverse=True)
        return self._page(SITE_NAME, self.base + "/", "".join(self._summary(p) for p in latest))

    def listing(self, section: str, page: int) -> str | None:
        sec = self.site.sections[section]
        pages = -(-sec.count // PER_PAGE)
        if not 1 <= page <= pages:
            return None
        url = f"{self.base}/category/{section}/" + (f"page/{page}/" if page > 1 else "")
        nav = f'<a class="next page-numbers" href="{self.base}/category/{section}/page/{page + 1}/">التالي</a>' if page < pages else ""
        if page > 1:
            nav = f'<a class="prev page-numbers" href="{self.base}/category/{section}/' + (f"page/{page - 1}/" if page > 2 else "") + f'">السابق</a>{nav}'
        main = (f'<header class="page-header"><h1 class="page-title">{e(sec.name)}</h1></header>'
                + "".join(self._summary(p) for p in self.site.newest(section, (page - 1) * PER_PAGE, PER_PAGE))
                + f'<nav class="navigation pagination" aria-label="Posts"><div class="nav-links">{nav}</div></nav>')
        return self._page(f"{sec.name} - {SITE_NAME}", url, main)

    def article(self, post: Post) -> str:
        sec = self.site.sections[post.ref.section]
        url = links.canonical(self.base, post)
        byline = f'<span class="byline"><span class="author vcard"><a class="url fn n" href="{self.base}/author/{post.author[1]}/">{e(post.author[0])}</a></span></span>' if post.author else ""
        thumb = ""
        if post.featured:
            caption = caption_text(post.featured)
            thumb = (f'<figure class="post-thumbnail"><img src="{self.base}{post.featured.path}" class="wp-post-image" alt="" />'
                     + (f'<figcaption class="wp-caption-text">{e(caption)}</figcaption>' if caption else "") + "</figure>")
        tags = "".join(f'<a href="{self.base}/tag/{e(t)}/" rel="tag">{e(t)}</a>' for t in post.tags)
        main = (f'<article id="post-{post.id}" class="post-{post.id} post type-post status-publish category-{sec.slug}">'
                f'<header class="entry-header"><h1 class="entry-title">{e(post.title)}</h1><div class="entry-meta">'
                f'<span class="posted-on"><time class="entry-date published" datetime="{post.published.isoformat()}">{arabic_date(post.published)}</time></span>{byline}</div></header>'
                f'{thumb}<div class="entry-content">{machine.content_html(self.base, self.site, post)}</div>'
                f'<footer class="entry-footer"><span class="cat-links"><a href="{self.base}/category/{sec.slug}/" rel="category tag">{e(sec.name)}</a></span>'
                + (f'<span class="tags-links">{tags}</span>' if tags else "") + "</footer></article>"
                + self._related(post) + self._comments(post))
        return self._page(f"{post.title} - {SITE_NAME}", url, main, head=article_head(self.site, self.base, post, url, SITE_NAME))

    def amp(self, post: Post) -> str:
        return amp_page(self.base, post)

    def not_found(self) -> str:
        return self._page(f"Page not found - {SITE_NAME}", None, '<section class="error-404 not-found"><h1 class="page-title">Nothing here</h1></section>')

    def _page(self, title: str, url: str | None, main: str, head: str = "") -> str:
        canonical = f'<link rel="canonical" href="{url}" />' if url else ""
        menu = "".join(f'<li class="menu-item"><a href="{self.base}/category/{s.slug}/">{e(s.name)}</a></li>' for s in self.site.sections.values())
        recent = "".join(f'<li><a href="{links.canonical(self.base, p)}">{e(p.title)}</a></li>' for p in self.site.newest("world-news", 0, 5))
        return (f'<!doctype html>\n<html dir="rtl" lang="ar">\n<head><meta charset="UTF-8" /><title>{e(title)}</title>{canonical}'
                f'<link rel="https://api.w.org/" href="{self.base}/wp-json/" />{head}</head>\n<body class="rtl wp-embed-responsive">'
                f'<header id="masthead" class="site-header"><p class="site-title"><a href="{self.base}/">{SITE_NAME}</a></p>'
                f'<nav class="primary-navigation"><ul class="menu">{menu}</ul></nav></header>'
                f'<main id="main" class="site-main">{main}</main>'
                f'<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2>'
                f'<ul>{recent}<li><a href="{self.base}{GHOST_PATH}">خبر محذوف</a></li></ul></section></aside>'
                f'<footer id="colophon" class="site-footer"><div class="site-info">&copy; {SITE_NAME}</div></footer></body>\n</html>\n')

    def _summary(self, post: Post) -> str:
        href = links.variant(self.base, post, "listing")
        return (f'<article class="post-{post.id} post type-post"><header class="entry-header"><h2 class="entry-title"><a href="{href}" rel="bookmark">{e(post.title)}</a></h2></header>'
                f'<div class="entry-summary"><p>{e(post.paragraphs[0][:150])}&hellip;</p></div></article>')

    def _related(self, post: Post) -> str:
        items = "".join(f'<div class="jp-relatedposts-post"><h4 class="jp-relatedposts-post-title"><a href="{links.variant(self.base, t, "related")}">{e(t.title)}</a></h4></div>'
                        for t in map(self.site.teaser, post.related))
        return f'<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Related</em></h3><div class="jp-relatedposts-items">{items}</div></div>'

    def _comments(self, post: Post) -> str:
        children = comment_tree(post)

        def thread(parent):
            out = []
            for c in children.get(parent, []):
                author = f'<a href="{e(c.author_url)}" class="url" rel="ugc external nofollow">{e(c.author)}</a>' if c.author_url else e(c.author)
                replies = f'<ol class="children">{thread(c.id)}</ol>' if c.id in children else ""
                out.append(f'<li id="comment-{c.id}" class="comment"><article id="div-comment-{c.id}" class="comment-body"><footer class="comment-meta">'
                           f'<div class="comment-author vcard"><b class="fn">{author}</b> <span class="says">says:</span></div>'
                           f'<div class="comment-metadata"><a href="#comment-{c.id}"><time datetime="{c.published.isoformat()}">{arabic_date(c.published)}</time></a></div></footer>'
                           f'<div class="comment-content"><p>{comment_html(c)}</p></div></article>{replies}</li>')
            return "".join(out)

        listing = f'<ol class="comment-list">{thread(None)}</ol>' if post.comments else ""
        return (f'<div id="comments" class="comments-area">{listing}<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>'
                f'<form action="{self.base}/wp-comments-post.php" method="post" id="commentform"><textarea id="comment" name="comment"></textarea></form></div></div>')
