"""The tagDiv "Newspaper" markup of its version 7 (2016-2017), the same content as ``tagdiv``.

Read off the theme's own templates (``loop.php``, ``includes/modules/td_module_1.php``,
``includes/wp_booster/td_module.php``, ``td_module_single_base.php``, ``td_page_generator.php``); where they
differ from the version 12 markup of ``tagdiv``:

- the category loop prints ``td_module_1`` modules two by two in ``div.td-block-row > div.td-block-span6``
  (``td_template_layout``), each with ``div.td-module-image``, ``h3.entry-title.td-module-title a``,
  ``div.td-module-meta-info`` (author, ``time.entry-date.updated.td-module-date``, ``div.td-module-comments``);
- ``td_page_generator::get_pagination`` prints ``div.page-nav`` with WordPress's ``previous_posts_link`` and
  ``next_posts_link`` holding only an icon (``<i class="td-icon-menu-left">``, ``…-right">``) and no
  ``rel``, a window of 3 numbered ``a.page`` around ``span.current``, ``a.first`` and ``a.last`` with
  ``span.extend`` dots, and ``span.pages`` "Page X of N";
- no ``<link rel="next">`` in the head (WordPress prints none for archives; only SEO plugins add it);
- the single post's ``<article>`` carries schema.org microdata (``itemscope``, ``meta itemprop=…`` in its
  footer), the stylesheet is ``Newspaper/style.css?ver=7.6``.
"""

from __future__ import annotations

from functools import partial

from newsbot.replica import links
from newsbot.replica.content import Post
from newsbot.replica.themes import tagdiv
from newsbot.replica.themes.common import e

PAGES_SHOWN = 3  # pagenavi_init()'s num_pages


class Theme(tagdiv.Theme):
    version = "7.6"
    head_next_link = False

    def article(self, post: Post) -> str:
        html = super().article(post)
        microdata = (f'<span style="display: none;" itemprop="author" itemscope itemtype="https://schema.org/Person">'
                     f'<meta itemprop="name" content="{e(post.author[0]) if post.author else ""}"></span>'
                     f'<meta itemprop="datePublished" content="{post.published.isoformat()}">'
                     f'<meta itemprop="headline " content="{e(post.title)}"></footer>')
        html = html.replace("</footer></article>", microdata + "</article>", 1)
        return html.replace(f'<article id="post-{post.id}" class="',
                            f'<article id="post-{post.id}" itemscope itemtype="https://schema.org/Article" class="', 1)

    def _modules(self, posts: list[Post], where: str) -> str:
        rows = [posts[i:i + 2] for i in range(0, len(posts), 2)]
        return "".join('<div class="td-block-row">' + "".join(f'<div class="td-block-span6">{self._module(p, where)}</div>'
                                                               for p in row) + "</div>" for row in rows)

    def _module(self, post: Post, where: str) -> str:
        href = links.variant(self.base, post, where)
        thumb = (f'<div class="td-module-thumb"><a href="{href}" rel="bookmark" title="{e(post.title)}">'
                 f'<img width="324" height="160" class="entry-thumb" src="{self.base}{post.featured.path}" alt="" title="{e(post.title)}"/></a></div>'
                 if post.featured else "")
        comments = f'<div class="td-module-comments"><a href="{links.canonical(self.base, post)}#respond">{len(post.comments)}</a></div>'
        return (f'<div class="td_module_1 td_module_wrap td-animation-stack"><div class="td-module-image">{thumb}</div>'
                f'{self._module_title(post, href)}{self._module_meta(post, comments)}</div>')

    def _page_nav(self, section: str, page: int, pages: int) -> str:
        """``td_page_generator::get_pagination`` of version 7, its window arithmetic included."""
        href = partial(self._page_href, section)
        start = max(page - (PAGES_SHOWN - 1) // 2, 1)
        end = start + PAGES_SHOWN - 1
        if end > pages:
            start, end = max(pages - PAGES_SHOWN + 1, 1), pages
        parts = [f'<a href="{href(page - 1)}" ><i class="td-icon-menu-left"></i></a>'] if page > 1 else []
        if start >= 2 and PAGES_SHOWN < pages:
            parts.append(f'<a href="{href(1)}" class="first" title="1">1</a>')
            if start > 2:
                parts.append('<span class="extend">...</span>')
        parts += [f'<span class="current">{n}</span>' if n == page else f'<a href="{href(n)}" class="page" title="{n}">{n}</a>'
                  for n in range(start, end + 1)]
        if end < pages:
            if end + 1 < pages:
                parts.append('<span class="extend">...</span>')
            parts.append(f'<a href="{href(pages)}" class="last" title="{pages}">{pages}</a>')
        if page < pages:
            parts.append(f'<a href="{href(page + 1)}" ><i class="td-icon-menu-right"></i></a>')
        return (f'<div class="page-nav td-pb-padding-side">{"".join(parts)}<span class="pages">Page {page} of {pages}</span>'
                f'<div class="clearfix"></div></div>')
