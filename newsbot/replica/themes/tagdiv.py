"""The tagDiv "Newspaper" markup (v12 classic single template) of a WordPress 6 site in Arabic.

Class names follow the theme's templates: ``td-post-header``, ``ul.td-category li.entry-category``,
``header.td-post-title h1.entry-title``, ``td-module-meta-info``, ``div.entry-crumbs``,
``div.td-post-content`` (featured image ``div.td-post-featured-image figure`` with the credit in parentheses at
the end of ``figcaption.wp-caption-text``, as a plain attachment caption has it; in-body agency photos as
copied by the auto-blog plugin: ``figure.Figure figcaption`` holding the caption ``<p>`` and
``div.Figure-credit``), inline ``<p><strong>Read also</strong> <a>`` lines, a last ``Source link`` paragraph, ``ul.td-tags``,
``div.td_block_related_posts``, ``ol.comment-list`` (``td_comment`` callback), ``div#respond``,
``.td-main-sidebar``, ``div.page-nav``, ``td_module_10`` listing modules.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial

from newsbot.replica import links
from newsbot.replica.content import GHOST_PATH, WORLD, CommentModel, Post, PostRef, Site, arabic_date, arabic_time
from newsbot.replica.themes.common import SITE_NAME, amp_page, article_head, caption_text, comment_html, comment_tree, e

PER_PAGE = 10


class Theme:
    version = "12.6"  # the theme's version, in its stylesheet's URL
    head_next_link = True  # <link rel="next"> in a listing's head (an SEO plugin's)

    def __init__(self, site: Site, base_url: str):
        self.site, self.base = site, base_url

    # -- pages --------------------------------------------------------------------------------------
    def home(self) -> str:
        latest = [p for s in self.site.sections for p in self.site.newest(s, 0, 6)]
        latest.sort(key=lambda p: p.published, reverse=True)
        modules = "".join(self._module(p, "home") for p in latest)
        body = f'<div class="td_block_wrap td_block_1"><h4 class="block-title"><span>آخر الأخبار</span></h4><div class="td_block_inner">{modules}</div></div>'
        return self._page(SITE_NAME, self.base + "/", body, self.site.last_published, head_extra="")

    def listing(self, section: str, page: int) -> str | None:
        sec = self.site.sections[section]
        pages = -(-sec.count // PER_PAGE)
        if not 1 <= page <= pages:
            return None
        posts = self.site.newest(section, (page - 1) * PER_PAGE, PER_PAGE)
        url = f"{self.base}/category/{section}/" + (f"page/{page}/" if page > 1 else "")
        crumbs = self._crumbs([(self.base + "/", "Home")], sec.name)
        body = (f'<div class="td-page-header">{crumbs}<h1 class="entry-title td-page-title"><span>{e(sec.name)}</span></h1></div>'
                + self._modules(posts, "listing") + self._page_nav(section, page, pages))
        head = f'<link rel="alternate" type="application/rss+xml" title="{e(sec.name)}" href="{self.base}/category/{section}/feed/" />'
        if page < pages and self.head_next_link:
            head += f'<link rel="next" href="{self.base}/category/{section}/page/{page + 1}/" />'
        return self._page(f"{sec.name} - {SITE_NAME}", url, body, self.site.last_published, head_extra=head)

    def article(self, post: Post) -> str:
        sec = self.site.sections[post.ref.section]
        url = links.canonical(self.base, post)
        section_url = f"{self.base}/category/{sec.slug}/"
        crumbs = self._crumbs([(self.base + "/", "Home"), (section_url, sec.name)], post.title)
        author = ""
        if post.author:
            author = (f'<div class="td-post-author-name"><div class="td-author-by">By</div> '
                      f'<a href="{self.base}/author/{post.author[1]}/">{e(post.author[0])}</a><div class="td-author-line"> - </div></div>')
        header = (
            f'<div class="td-post-header">{crumbs}<ul class="td-category"><li class="entry-category"><a href="{section_url}">{e(sec.name)}</a></li></ul>'
            f'<header class="td-post-title"><h1 class="entry-title">{e(post.title)}</h1><div class="td-module-meta-info">{author}'
            f'<span class="td-post-date"><time class="entry-date updated td-module-date" datetime="{post.published.isoformat()}" >{arabic_date(post.published)}</time></span>'
            f'<div class="td-post-comments"><a href="#respond"><i class="td-icon-comments"></i>{len(post.comments)}</a></div>'
            f'<div class="td-post-views"><i class="td-icon-views"></i><span class="td-nr-views-{post.id}">{post.id % 977 + 40}</span></div></div></header></div>'
        )
        sharing = '<div class="td-post-sharing-top"><div class="td-default-sharing"><a class="td-social-sharing-button" href="#"><span class="td-social-but-text">Facebook</span></a><a class="td-social-sharing-button" href="#"><span class="td-social-but-text">Twitter</span></a></div></div>'
        featured = self._featured(post) if post.featured else ""
        malformed = post.trap == "malformed"
        content = f'<div class="td-post-content tagdiv-type">{featured}{"".join(self._block(b, malformed) for b in post.blocks)}</div>'
        footer = f"<footer>{self._tags(post)}</footer>"
        article = f'<article id="post-{post.id}" class="post-{post.id} post type-post status-publish format-standard category-{sec.slug}">{header}{sharing}{content}{footer}</article>'
        if malformed:
            article += "</div>"  # a stray end tag left by a broken ad snippet
        body = article + self._related(post) + self._comments(post) + self._respond(post)
        return self._page(f"{post.title} - {SITE_NAME}", url, body, post.published, head_extra=article_head(self.site, self.base, post, url, SITE_NAME),
                          body_class=f"post-template-default single single-post postid-{post.id}", as_of=post)

    def amp(self, post: Post) -> str:
        return amp_page(self.base, post)

    def not_found(self) -> str:
        body = ('<div class="td-404-title">Ooops... Error 404</div><div class="td-404-sub-title">Sorry, but the page you are looking for doesn\'t exist.</div>'
                f'<div class="td-404-sub-sub-title">You can go to the <a href="{self.base}/">HOMEPAGE</a></div>')
        return self._page(f"Page not found - {SITE_NAME}", None, body, self.site.last_published, head_extra='<meta name="robots" content="noindex, follow" />', body_class="error404")

    # -- page chrome ---------------------------------------------------------------------------------
    def _page(self, title: str, url: str | None, main: str, now: datetime, head_extra: str, body_class: str = "home", as_of: Post | None = None) -> str:
        canonical = f'<link rel="canonical" href="{url}" />' if url else ""
        return (
            '<!doctype html>\n<html dir="rtl" lang="ar">\n<head>\n<meta charset="UTF-8" />\n'
            f'<title>{e(title)}</title>\n<meta name="viewport" content="width=device-width, initial-scale=1.0">\n{canonical}\n'
            f'<link rel="https://api.w.org/" href="{self.base}/wp-json/" />\n'
            f'<link rel="alternate" type="application/rss+xml" title="{SITE_NAME} &raquo; Feed" href="{self.base}/feed/" />\n'
            f'<link rel="stylesheet" id="td-theme-css" href="{self.base}/wp-content/themes/Newspaper/style.css?ver={self.version}" type="text/css" media="all" />\n'
            f'{head_extra}\n<meta name="generator" content="WordPress 6.4.3" />\n</head>\n'
            f'<body class="{body_class} rtl td-standard-pack global-block-template-1 td-full-layout" itemscope="itemscope" itemtype="https://schema.org/WebPage">\n'
            f'<div class="td-scroll-up"><i class="td-icon-menu-up"></i></div>\n<div id="td-outer-wrap" class="td-theme-wrap">\n{self._header(now)}\n'
            f'<div class="td-main-content-wrap td-container-wrap"><div class="td-container"><div class="td-pb-row">'
            f'<div class="td-pb-span8 td-main-content" role="main"><div class="td-ss-main-content">{main}</div></div>'
            f'<div class="td-pb-span4 td-main-sidebar" role="complementary"><div class="td-ss-main-sidebar">{self._sidebar(as_of)}</div></div>'
            f'</div></div></div>\n{self._footer()}\n</div>\n</body>\n</html>\n'
        )

    def _header(self, now: datetime) -> str:
        menu = "".join(f'<li class="menu-item"><a href="{self.base}/category/{s.slug}/">{e(s.name)}</a></li>' for s in self.site.sections.values())
        return (f'<div class="td-header-wrap td-header-style-1"><div class="td-header-top-menu-full td-container-wrap"><div class="td-header-top-menu">'
                f'<div class="td_data_time"><div>{now:%A, %B %-d, %Y}</div></div></div></div>'
                f'<div class="td-header-menu-wrap-full"><div class="td-header-main-menu"><ul id="menu-main" class="sf-menu">'
                f'<li class="menu-item"><a href="{self.base}/">Home</a></li>{menu}</ul></div></div>'
                f'<div class="td-header-sp-logo"><a class="td-main-logo" href="{self.base}/"><span class="td-visual-hidden">{SITE_NAME}</span></a></div></div>')

    def _sidebar(self, as_of: Post | None) -> str:
        """"Most Popular" (fixed early posts, plus the deleted post's dead link) and "Recent Comments"
        (comments of the few posts before the page's own post, as a page cache would have kept them)."""
        popular_refs = [PostRef(WORLD, i) for i in (2, 9, 17, 24, 31) if i < self.site.articles]
        popular = "".join(f'<li><a href="{links.canonical(self.base, t)}">{e(t.title)}</a></li>' for t in map(self.site.teaser, popular_refs))
        popular += f'<li><a href="{self.base}{GHOST_PATH}">خبر محذوف</a></li>'
        ref = as_of.ref if as_of else PostRef(WORLD, self.site.articles - 1)
        recent = []
        for j in range(ref.index - 1, max(-1, ref.index - 4), -1):
            other = self.site.post(ref.section, j)
            recent += [(c, other) for c in other.comments]
        items = "".join(f'<li class="recentcomments"><span class="comment-author-link">{e(c.author)}</span> on <a href="{links.canonical(self.base, p)}#comment-{c.id}">{e(p.title)}</a></li>'
                        for c, p in recent[:5])
        return (f'<aside class="td_block_template_1 widget widget_popular"><h4 class="block-title"><span>Most Popular</span></h4><ul class="td-wid-popular">{popular}</ul></aside>'
                f'<aside class="td_block_template_1 widget widget_recent_comments"><h4 class="block-title"><span>Recent Comments</span></h4><ul id="recentcomments">{items}</ul></aside>')

    def _footer(self) -> str:
        return (f'<div class="td-footer-wrapper td-container-wrap"><div class="td-footer-bottom-full"><div class="td-pb-span12">'
                f'<aside class="footer-text-wrap"><div class="block-title"><span>ABOUT US</span></div>موقع إخباري يعيد نشر أخبار الوكالات العالمية مترجمة.</aside></div></div>'
                f'<div class="td-sub-footer-container"><div class="td-sub-footer-copy">&copy; {SITE_NAME}</div></div></div>')

    def _crumbs(self, trail: list[tuple[str, str]], last: str) -> str:
        sep = '<i class="td-icon-right td-bread-sep"></i>'
        items = "".join(f'<span><a title="" class="entry-crumb" href="{href}">{e(label)}</a></span> {sep} ' for href, label in trail)
        return f'<div class="entry-crumbs">{items}<span class="td-bred-no-url-last">{e(last)}</span></div>'

    # -- listing pieces ------------------------------------------------------------------------------
    def _modules(self, posts: list[Post], where: str) -> str:
        return "".join(self._module(p, where) for p in posts)

    def _module(self, post: Post, where: str) -> str:
        href = links.variant(self.base, post, where)
        thumb = (f'<div class="td-module-thumb"><a href="{href}" rel="bookmark" class="td-image-wrap" title="{e(post.title)}">'
                 f'<img class="entry-thumb" src="{self.base}{post.featured.path}" alt="" width="218" height="150" /></a></div>') if post.featured else ""
        excerpt = e(post.paragraphs[0][:150]) + "&hellip;"
        return (f'<div class="td_module_10 td_module_wrap td-animation-stack">{thumb}<div class="item-details">'
                f'{self._module_title(post, href)}{self._module_meta(post)}<div class="td-excerpt">{excerpt}</div></div></div>')

    def _module_title(self, post: Post, href: str) -> str:
        return f'<h3 class="entry-title td-module-title"><a href="{href}" rel="bookmark" title="{e(post.title)}">{e(post.title)}</a></h3>'

    def _module_meta(self, post: Post, extra: str = "") -> str:
        """A module's ``td-module-meta-info``: author, date (``get_author``, ``get_date`` of ``td_module``), ``extra``."""
        author = f'<span class="td-post-author-name"><a href="{self.base}/author/{post.author[1]}/">{e(post.author[0])}</a> <span>-</span> </span>' if post.author else ""
        return (f'<div class="td-module-meta-info">{author}<span class="td-post-date"><time class="entry-date updated td-module-date" '
                f'datetime="{post.published.isoformat()}" >{arabic_date(post.published)}</time></span>{extra}</div>')

    def _page_href(self, section: str, n: int) -> str:
        return f"{self.base}/category/{section}/" + (f"page/{n}/" if n > 1 else "")

    def _page_nav(self, section: str, page: int, pages: int) -> str:
        href = partial(self._page_href, section)
        parts = []
        if page > 1:
            parts.append(f'<a href="{href(page - 1)}"><i class="td-icon-menu-right"></i></a>')
        for n in sorted({1, page - 1, page, page + 1, pages}):
            if 1 <= n <= pages:
                parts.append(f'<span class="current">{n}</span>' if n == page else f'<a href="{href(n)}" class="page" title="{n}">{n}</a>')
        if page < pages:
            parts.append(f'<a href="{href(page + 1)}"><i class="td-icon-menu-left"></i></a>')
        return f'<div class="page-nav td-pb-padding-side">{"".join(parts)}<span class="pages">Page {page} of {pages}</span><div class="clearfix"></div></div>'

    # -- article pieces ------------------------------------------------------------------------------
    def _featured(self, post: Post) -> str:
        pic = post.featured
        img = f'<img width="696" height="392" class="entry-thumb td-modal-image" src="{self.base}{pic.path}" alt="" title="{e(post.title)}" />'
        caption = caption_text(pic)
        inner = f'<figure><a href="{self.base}{pic.path}" data-caption="{e(caption)}">{img}</a><figcaption class="wp-caption-text">{e(caption)}</figcaption></figure>' if caption else img
        return f'<div class="td-post-featured-image">{inner}</div>'

    def _block(self, block, malformed: bool) -> str:
        if block.kind == "p":
            if malformed:
                return f"<p>{block.text}<span class=\"x\">"  # unclosed <p> and <span>, text not escaped
            return f"<p>{e(block.text)}</p>"
        if block.kind == "read-also":
            other = self.site.teaser(block.ref)
            return f'<p><strong>{e(block.text)}</strong>  <a href="{links.canonical(self.base, other)}">{e(other.title)}</a></p>'
        if block.kind == "figure":
            pic = block.picture
            credit = f'<div class="Figure-credit">{e(pic.credit)}</div>' if pic.credit else ""
            caption = f'<p>{e(pic.caption)}</p>' if pic.caption else ""
            return (f'<figure class="wp-block-image size-large Figure"><img decoding="async" src="{self.base}{pic.path}" alt="" />'
                    f'<figcaption class="wp-element-caption Figure-caption">{caption}{credit}</figcaption></figure>')
        return f'<p><a href="{e(block.href)}" target="_blank" rel="noopener">{e(block.text)}</a></p>'

    def _tags(self, post: Post) -> str:
        if not post.tags:
            return ""
        items = "".join(f'<li><a href="{self.base}/tag/{e(t)}/">{e(t)}</a></li>' for t in post.tags)
        return f'<div class="td-post-source-tags"><ul class="td-tags td-post-small-box clearfix"><li><span>TAGS</span></li>{items}</ul></div>'

    def _related(self, post: Post) -> str:
        cells = []
        for ref in post.related:
            other = self.site.teaser(ref)
            href = links.variant(self.base, other, "related")
            cells.append(f'<div class="td-related-span4"><div class="td_module_related_posts td-animation-stack td_mod_related_posts">'
                         f'<div class="item-details"><h3 class="entry-title td-module-title"><a href="{href}" rel="bookmark" title="{e(other.title)}">{e(other.title)}</a></h3></div></div></div>')
        return (f'<div class="td_block_wrap td_block_related_posts td_with_ajax_pagination td-pb-border-top td_block_template_1">'
                f'<h4 class="td-related-title td-block-title"><a class="td-related-left td-cur-simple-item" href="#">RELATED ARTICLES</a>'
                f'<a class="td-related-right" href="#">MORE FROM AUTHOR</a></h4><div class="td_block_inner"><div class="td-related-row">{"".join(cells)}</div></div></div>')

    def _comments(self, post: Post) -> str:
        if not post.comments:
            return '<div class="comments" id="comments">'
        children = comment_tree(post)
        count = len(post.comments)
        title = f"{count} COMMENTS" if count > 1 else "1 COMMENT"
        return (f'<div class="comments" id="comments"><div class="td-comments-title-wrap td-pb-padding-side"><h4 class="td-comments-title block-title"><span>{title}</span></h4></div>'
                f'<ol class="comment-list td-pb-padding-side">{self._thread(children, None)}</ol><div class="comment-pagination"></div>')

    def _thread(self, children: dict, parent: int | None) -> str:
        out = []
        for c in children.get(parent, []):
            replies = f'<ul class="children">{self._thread(children, c.id)}</ul>' if c.id in children else ""
            out.append(f'<li class="comment" id="comment-{c.id}"><article><footer><img alt="" src="{self.base}/wp-content/avatar.png" class="avatar avatar-50 photo" height="50" width="50" />'
                       f'<cite>{self._comment_author(c)}</cite><a class="comment-link" href="#comment-{c.id}"><time pubdate="{int(c.published.timestamp())}">'
                       f'{arabic_date(c.published)} At {arabic_time(c.published)}</time></a></footer>'
                       f'<div class="comment-content tagdiv-type"><p>{comment_html(c)}</p></div>'
                       f'<div class="comment-meta" id="comment-{c.id}"><a rel="nofollow" class="comment-reply-link" href="#comment-{c.id}" data-commentid="{c.id}">Reply</a></div></article>{replies}</li>')
        return "".join(out)

    def _comment_author(self, c: CommentModel) -> str:
        if c.author_url:
            return f'<a href="{e(c.author_url)}" class="url" rel="ugc external nofollow">{e(c.author)}</a>'
        return e(c.author)

    def _respond(self, post: Post) -> str:
        return (f'<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">LEAVE A REPLY '
                f'<small><a rel="nofollow" id="cancel-comment-reply-link" href="#respond" style="display:none;">Cancel reply</a></small></h3>'
                f'<form action="{self.base}/wp-comments-post.php" method="post" id="commentform" class="comment-form">'
                f'<div class="comment-form-input-wrap td-form-comment"><textarea placeholder="Comment:" id="comment" name="comment" cols="45" rows="8" aria-required="true"></textarea>'
                f'<div class="td-warning-comment">Please enter your comment!</div></div>'
                f'<div class="comment-form-input-wrap td-form-author"><input id="author" name="author" placeholder="Name:*" type="text" value="" size="30" aria-required="true" />'
                f'<div class="td-warning-author">Please enter your name here</div></div>'
                f'<div class="comment-form-input-wrap td-form-email"><input id="email" name="email" placeholder="Email:*" type="text" value="" size="30" />'
                f'<div class="td-warning-email-error">You have entered an incorrect email address!</div><div class="td-warning-email">Please enter your email address here</div></div>'
                f'<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment" />'
                f'<input type="hidden" name="comment_post_ID" value="{post.id}" id="comment_post_ID" /></p></form></div></div>')
