"""What is specific to one site: a small declarative profile, in the spirit of Fundus' publisher classes.

A profile names the site and its section, the discovery sources to use, and only where the defaults fail
a theme's selectors, extra boilerplate rules and the timezone. One generic spider serves every profile
(``newsbot.spiders.section``); ``newsbot.spiders.profiles`` registers one spider per profile by name.

Selectors are CSS, or XPath when they start with ``/`` or ``(``; each field lists candidates tried in order.
``::text`` and ``::attr(x)`` are allowed where a string is wanted.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar


@dataclass(frozen=True)
class Selectors:
    """Where a theme puts each field. The defaults hold for WordPress's classic and block themes."""

    title: tuple[str, ...] = ("h1.entry-title", "h1.wp-block-post-title", "article h1", "h1")
    # WordPress's own date elements only: any <time> in an <article> (a related story's, an update's) is wrong
    # more often than the page's JSON-LD and meta dates, which come next in the chain
    published: tuple[str, ...] = (
        "time.entry-date.published::attr(datetime)", "time.entry-date::attr(datetime)",
        ".wp-block-post-date time::attr(datetime)",
    )
    modified: tuple[str, ...] = ("time.updated::attr(datetime)",)
    authors: tuple[str, ...] = (
        ".byline .author a", "a[rel~=author]", ".wp-block-post-author-name a", ".wp-block-post-author-name",
        ".wp-block-post-author__name", ".author.vcard a",
    )
    tags: tuple[str, ...] = (".taxonomy-post_tag a", ".tags-links a", "a[rel~=tag]:not([rel~=category]):not([href*=\"/category/\"])")
    # links to the article's categories: its section's label, and whether it belongs to the section
    categories: tuple[str, ...] = (
        "a[rel~=category]", ".cat-links a", ".taxonomy-category a", ".breadcrumb a",
        ".breadcrumbs a", "nav[aria-label*=readcrumb] a",
    )
    # no bare "article": where no theme container matches, the generic extractor finds the body better
    body: tuple[str, ...] = (".entry-content", ".wp-block-post-content", "article .post-content")
    # removed from the body before its paragraphs are read
    body_exclude: tuple[str, ...] = (
        "script", "style", "noscript", "iframe", "form", "figure", ".wp-caption", "ins", ".sharedaddy",
        ".jp-relatedposts", ".yarpp-related", ".post-tags", ".wp-block-buttons", "nav", "aside",
        "header", "footer", ".entry-header", ".entry-meta", ".entry-footer", ".tags-links", ".cat-links",
        ".breadcrumb", ".breadcrumbs", "#comments", ".comments-area", ".comment-respond",
        # lists whose every item is only a link: tags, categories, share buttons, "more" lists
        ".//ul[li and not(li[not(a) or normalize-space(.) != normalize-space(a)])]",
    )
    # paragraph-like blocks of the body, read in document order, nested ones once
    paragraphs: str = "p, h2, h3, h4, h5, h6, li, blockquote, pre"
    images: tuple[str, ...] = (".post-thumbnail", "figure.wp-block-post-featured-image", "article figure")
    image_caption: tuple[str, ...] = ("figcaption", ".wp-caption-text")
    image_credit: tuple[str, ...] = ("[class*=credit]",)
    related: tuple[str, ...] = (".jp-relatedposts a::attr(href)", ".yarpp-related a::attr(href)",
                                ".related-posts a::attr(href)")
    comments: tuple[str, ...] = ("li.comment", "li.wp-block-comment", "li.review")
    comment_author: tuple[str, ...] = (".comment-author .fn", ".comment-author cite", "cite",
                                       ".wp-block-comment-author-name")
    comment_text: tuple[str, ...] = (".comment-content", ".wp-block-comment-content", ".comment-body")
    listing_links: tuple[str, ...] = (
        "article .entry-title a::attr(href)", "h2.entry-title a::attr(href)", ".wp-block-post-title a::attr(href)",
        "article h2 a::attr(href)", "article h3 a::attr(href)",
    )
    next_page: tuple[str, ...] = (
        "link[rel=next]::attr(href)", "a[rel=next]::attr(href)", "a.next.page-numbers::attr(href)",
        ".wp-block-query-pagination-next::attr(href)", ".nav-previous a::attr(href)",
    )
    # a listing's "load more" button (its further articles come by AJAX: ``newsbot.browser``); CSS only
    load_more: tuple[str, ...] = (".td_ajax_load_more_js", ".td_ajax_load_more", "a.load-more", "button.load-more")
    # the comment count an article shows (digits in its text); CSS only
    comment_count: tuple[str, ...] = (".td-post-comments a", ".comments-link a", ".entry-comments-link a")

    def override(self, **fields: tuple[str, ...] | str) -> "Selectors":
        """A copy with some fields replaced (a profile overriding only what differs)."""
        return replace(self, **{k: (v,) if isinstance(v, str) and k != "paragraphs" else v
                                for k, v in fields.items()})


WORDPRESS = Selectors()

# tagDiv "Newspaper", every version: the classic single template of v6-v12 (``loop-single.php`` and
# ``td_module_single_base``: ``header.td-post-title h1.entry-title``, ``span.td-post-date time.entry-date.updated``
# which is the publication time, ``div.td-post-author-name``, ``ul.td-category``, ``div.td-post-content``,
# ``ul.td-tags``), its listing modules (``td_module_1`` … ``td_module_mx*``, ``td_module_flex`` of v10+:
# ``h3.entry-title.td-module-title a``), and the tagDiv Composer (``tdb-*``) single and category templates:
# ``h1.tdb-title-text``, ``div.tdb_single_author a.tdb-author-name``, ``div.tdb_single_date time``,
# ``a.tdb-entry-category``, ``div.tdb_single_content .tdb-block-inner``, ``ul.tdb-tags``, the loop of
# ``div.tdb_loop``. The pagination (``div.page-nav``) is read by ``newsbot.pagination``.
TAGDIV_NEWSPAPER = WORDPRESS.override(
    title=("header.td-post-title h1.entry-title", "h1.tdb-title-text", "h1.entry-title"),
    published=(".td-post-date time.entry-date::attr(datetime)", ".tdb_single_date time::attr(datetime)",
               "time.entry-date::attr(datetime)"),
    modified=(),  # the theme marks the publication time "updated": the metadata has the real one
    authors=(".td-post-author-name a", "a.tdb-author-name", ".tdb-author-name", "a[rel~=author]"),
    tags=("ul.td-tags a", "ul.tdb-tags a", "a[rel~=tag]"),
    categories=(".td-category a", ".entry-crumbs a", "a.tdb-entry-category", ".tdb-category a", "a[rel~=category]"),
    body=("div.td-post-content", ".tdb_single_content .tdb-block-inner", ".entry-content"),
    body_exclude=WORDPRESS.body_exclude + (
        ".td-post-featured-image", ".td-a-rec", ".td-g-rec", ".td_block_related_posts", ".td-post-sharing",
        ".td-post-source-tags", ".td-post-next-prev", ".td-author-name", ".td-crumb-container",
    ),
    images=(".td-post-featured-image figure", ".td-post-featured-image", ".td-post-content figure"),
    related=(".td_block_related_posts .td-module-title a::attr(href)", ".td-related-row a::attr(href)",
             ".tdb_single_related .td-module-title a::attr(href)"),
    listing_links=(".td-main-content .td-module-title a::attr(href)", ".td-ss-main-content .td-module-title a::attr(href)",
                   ".tdb_loop .td-module-title a::attr(href)", ".td-main-content .entry-title a::attr(href)"),
    next_page=(".page-nav a[aria-label=next-page]::attr(href)", ".page-nav a.next::attr(href)",
               "link[rel=next]::attr(href)"),
)


@dataclass(frozen=True)
class Discovery:
    """Which sources list a section's articles. Each is tried; the dupefilter folds what they share."""

    listing: bool = True  # the section's HTML listing and its pagination
    feed: bool = True  # the section's RSS feed
    sitemap: bool = True  # robots.txt's and /wp-sitemap.xml's sitemaps: lastmod of known URLs, and
    #                       article URLs where ``SiteProfile.article_path`` tells section members apart
    rest_api: bool = False  # WordPress REST API: /wp-json/wp/v2/posts?categories=ID


class SiteProfile:
    """Subclass and set what differs; every attribute has a working default for a WordPress site."""

    name: ClassVar[str]  # the spider's name: ``scrapy crawl NAME``
    base_url: ClassVar[str]  # scheme and host, e.g. "https://example.com"; ``-a base_url=`` overrides
    section: ClassVar[str]  # the section's slug, e.g. "world-news"; ``-a section=`` overrides
    section_path: ClassVar[str] = "/category/{section}/"  # the listing's path
    feed_path: ClassVar[str] = "/category/{section}/feed/"
    sitemap_paths: ClassVar[tuple[str, ...]] = ("/wp-sitemap.xml",)  # besides robots.txt's Sitemap: lines
    # a regex on URL paths that only the section's articles match (e.g. r"^/world-news/.+"); None where
    # permalinks do not name the section (WordPress's default date permalinks)
    article_path: ClassVar[str | None] = None
    discovery: ClassVar[Discovery] = Discovery()
    selectors: ClassVar[Selectors] = WORDPRESS
    boilerplate: ClassVar[tuple[str, ...]] = ()  # extra regexes; a matching body paragraph is dropped
    timezone: ClassVar[str | None] = None  # for dates the site shows without an offset; None: NEWSBOT_TIMEZONE
    site_name: ClassVar[str | None] = None  # trimmed from titles ("title – Site name")
    language: ClassVar[str | None] = None  # when the page does not say
    needs_browser: ClassVar[bool] = False  # render every page of this site with Chromium
    # the kinds of page ("listing", "article") always rendered with Chromium; others are fetched over plain
    # HTTP and retried once in Chromium when their HTML lacks what a browser would add (``newsbot.browser``)
    browser_pages: ClassVar[frozenset[str]] = frozenset()
    trailing_slash: ClassVar[bool] = True  # canonical article URLs end with "/" (WordPress does)
