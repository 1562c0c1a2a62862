"""The generic ``wordpress`` spider: one category of any WordPress site, with no profile written.

    scrapy crawl wordpress -a base_url=https://example.com -a section=world-news [-a rest_api=0]
                           [-a max_pages=N] [-a since=YYYY-MM-DD] [-a timezone=Asia/Riyadh]

1. The home page tells the theme (``/wp-content/themes/NAME/``: a known theme's selectors replace WordPress's
   defaults for the HTML pages), the language (``<html lang>``) and the REST API root (the ``Link`` header or
   ``<link rel="https://api.w.org/">``; when the page advertises none, ``/wp-json/`` and then
   ``/?rest_route=/`` are tried).
2. REST API: ``wp/v2/categories?slug=SECTION`` gives the category id, then
   ``wp/v2/posts?categories=ID&per_page=100&_embed=author,wp:term,wp:featuredmedia`` paged by
   ``X-WP-TotalPages`` (by full pages where the header is missing); ``since`` becomes ``after=``. Each post
   becomes an Article straight from its JSON (``newsbot.extract.wordpress_rest``). The comments of a page of posts come from one query,
   ``wp/v2/comments?post=ID1,ID2,…&per_page=100`` (its further pages asked for at once), not one per post: the
   page's items are yielded once they are in. A site that ignores ``_embed`` gets the post's HTML page fetched
   too, and the HTML chain fills what the JSON lacks (authors, tags, images, related links, language).
   Every article leaves through ``SectionSpider.emit``, as on the HTML path (``since``, field errors).
3. Fallback, when the API is absent or disabled (404, 401/403, HTML or an error object instead of JSON, the
   category unknown to it) or with ``-a rest_api=0``: SectionSpider's listing (its pagination read on any
   theme by ``newsbot.pagination``), feed (here paged with ``?paged=N`` until an empty or missing page, at
   most ``max_pages``) and sitemaps, each page through the HTML chain.

Coverage (``newsbot.coverage``): ``X-WP-Total`` and ``X-WP-TotalPages`` of the first posts page, each posts
page read or failed; on the fallback, the listing's announced pages against those walked.

Settings: ``NEWSBOT_WP_COMMENT_PAGES``: pages of 100 comments read at most, per post of a batch (by default
10: a page of 100 posts reads at most 1,000 comments pages).

Stats: ``newsbot/discovery/rest_api`` or ``newsbot/discovery/fallback`` (1 for the discovery used),
``newsbot/rest/posts``, ``newsbot/rest/comments``, ``newsbot/rest/html_completions`` (posts whose HTML page
filled fields the JSON lacked), ``newsbot/rest/unavailable`` (API roots that failed), ``newsbot/articles``,
and SectionSpider's ``newsbot/pages/*`` and ``newsbot/failed/*``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

import scrapy
from scrapy.http import TextResponse
from scrapy.spidermiddlewares.httperror import HttpError

from newsbot import config, coverage
from newsbot.extract import NoArticle, extract_article
from newsbot.extract.wordpress_rest import (advertised_api_root, api_url, chronological, html_text, rest_article,
                                            rest_comment, rest_json)
from newsbot.items import Article, Comment
from newsbot.language import language_code
from newsbot.page_kinds import ARTICLE_COMPLETION, FEED, HOME, PAGE_KIND, REST
from newsbot.sites.base import Discovery, Selectors, SiteProfile, TAGDIV_NEWSPAPER
from newsbot.spiders.section import SectionSpider

EMBED = "author,wp:term,wp:featuredmedia"
PER_PAGE = 100
THEME_PATH = re.compile(r"/wp-content/themes/([\w.-]+)/", re.I)
# themes whose markup the default selectors miss, by the folder name of the theme
THEME_SELECTORS: dict[str, Selectors] = {"newspaper": TAGDIV_NEWSPAPER}
# fields the REST API has no word for (or only through _embed): filled from the HTML page when missing
HTML_COMPLETED = ("authors", "tags", "images", "related_urls", "language")


class AnyWordPress(SiteProfile):
    """Any WordPress site: WordPress's default selectors, every discovery source, the REST API first.

    It has no ``name`` (so it is no registered site) and no ``base_url``: ``-a base_url=`` is required."""

    discovery = Discovery(rest_api=True)


def theme_profile(html: str) -> type[SiteProfile]:
    """AnyWordPress, with a known theme's selectors where the page loads that theme (or its child theme)."""
    for folder in THEME_PATH.findall(html):
        selectors = THEME_SELECTORS.get(folder.lower().removesuffix("-child"))
        if selectors is not None:
            return type(f"AnyWordPress_{folder}", (AnyWordPress,), {"selectors": selectors})
    return AnyWordPress


@dataclass
class CommentBatch:
    """The articles of one page of posts, held until one comments query for all of them is read (its pages
    ``pending``); comments grouped by post id."""

    articles: dict[int, tuple[Article, bool]] = field(default_factory=dict)  # post id → (article, needs its HTML page)
    comments: dict[int, list[Comment]] = field(default_factory=dict)
    pending: int = 1  # comments pages asked for and not yet answered

    def add(self, found: list[tuple[int, Comment]]) -> None:
        for post_id, comment in found:
            if post_id in self.articles:
                self.comments.setdefault(post_id, []).append(comment)


# -- the spider ----------------------------------------------------------------------------------------
class WordPressSpider(SectionSpider):
    """Crawls one category of any WordPress site: REST API first, feed/sitemap/listing where it is missing."""

    name = "wordpress"
    profile = AnyWordPress

    def __init__(self, rest_api: str = "1", **kwargs):
        super().__init__(**kwargs)
        self.use_rest_api = rest_api.strip().lower() not in ("0", "no", "false", "off")
        self.language: str | None = None
        self.api_root: str | None = None
        self.category_id: int | None = None
        self.category_name: str | None = None

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.comment_pages = config.number(crawler.settings, "NEWSBOT_WP_COMMENT_PAGES", int, minimum=1)
        return spider

    # -- the home page: theme, language, API root ----------------------------------------------------------
    async def start(self):
        yield scrapy.Request(self.url("/"), callback=self.parse_home, errback=self.home_failed,
                             meta={"source": "home", PAGE_KIND: HOME}, dont_filter=True)

    async def parse_home(self, response):
        if isinstance(response, TextResponse):
            self.profile = theme_profile(response.text)
            lang = response.xpath("/html/@lang").get()
            self.language = language_code(lang)
            self.logger.info("theme selectors: %s; language: %s", self.profile.__name__, self.language)
        async for request in self.discover(advertised_api_root(response)):
            yield request

    async def home_failed(self, failure):
        self.failed(failure)
        async for request in self.discover(None):
            yield request

    async def discover(self, advertised_root: str | None):
        if not self.use_rest_api:
            async for request in self.fall_back("rest_api=0"):
                yield request
            return
        roots = [advertised_root] if advertised_root else [self.url("/wp-json/"), self.url("/?rest_route=/")]
        yield self.category_request(roots)

    async def fall_back(self, reason: str):
        self.logger.warning("discovery: REST API not used (%s); listing, feed and sitemaps instead", reason)
        self.count("discovery/fallback")
        async for request in super().start():
            yield request

    # -- REST API: category, posts, comments -------------------------------------------------------------
    def category_request(self, roots: list[str]):
        return scrapy.Request(api_url(roots[0], "categories", slug=self.section), callback=self.parse_category,
                              errback=self.category_failed, cb_kwargs={"roots": roots},
                              meta={"source": "rest-api", PAGE_KIND: REST, "roots": roots}, dont_filter=True)

    async def next_root_or_fall_back(self, roots: list[str], reason: str):
        self.logger.info("REST API not at %s: %s", roots[0], reason)
        self.count("rest/unavailable")
        if len(roots) > 1:
            yield self.category_request(roots[1:])
            return
        async for request in self.fall_back(reason):
            yield request

    async def category_failed(self, failure):
        reason = f"HTTP {failure.value.response.status}" if failure.check(HttpError) else failure.getErrorMessage()
        async for request in self.next_root_or_fall_back(failure.request.meta["roots"], reason):
            yield request

    async def parse_category(self, response, roots: list[str]):
        categories = rest_json(response)
        if not isinstance(categories, list):
            async for request in self.next_root_or_fall_back(roots, "not the REST API's JSON"):
                yield request
            return
        wanted = unquote(self.section).lower()
        category = next((c for c in categories if unquote(str(c.get("slug", ""))).lower() == wanted), None)
        if category is None:
            async for request in self.fall_back(f"no category {self.section!r} in the REST API"):
                yield request
            return
        self.api_root, self.category_id = roots[0], category["id"]
        self.category_name = html_text(category.get("name")) or None
        self.logger.info("discovery: REST API at %s, category %s = id %s (%s posts)", self.api_root,
                         self.section, self.category_id, category.get("count", "?"))
        self.count("discovery/rest_api")
        yield self.posts_request(1)

    def posts_request(self, page: int):
        params = {"categories": self.category_id, "per_page": PER_PAGE, "page": page, "_embed": EMBED}
        if self.since:
            params["after"] = f"{self.since.isoformat()}T00:00:00"
        return scrapy.Request(api_url(self.api_root, "posts", **params), callback=self.parse_posts,
                              errback=self.posts_failed, cb_kwargs={"page": page},
                              meta={"source": "rest-api", PAGE_KIND: REST, "rest_page": page})

    def posts_failed(self, failure):
        self.failed(failure)
        reason = f"HTTP {failure.value.response.status}" if failure.check(HttpError) else failure.getErrorMessage()
        self.report(coverage.rest_page_failed, url=failure.request.url, page=failure.request.meta["rest_page"],
                    reason=reason)

    def parse_posts(self, response, page: int):
        self.count("pages/rest")
        posts = rest_json(response)
        if not isinstance(posts, list):
            self.logger.error("posts page %d is not the REST API's JSON: %s", page, response.url)
            self.count("rest/invalid_page")
            self.report(coverage.rest_page_failed, url=response.url, page=page, reason="not the REST API's JSON")
            return
        self.report(coverage.rest_page_read, page=page, posts=len(posts))
        yield from self.next_posts_requests(response, page, len(posts))
        batch = CommentBatch()
        for post in posts:
            self.count("rest/posts")
            try:
                article = rest_article(post, AnyWordPress, self.section, self.category_name, self.profile.trailing_slash)
            except NoArticle as reason:
                self.logger.warning("no article in the REST API's %s", reason)
                self.count("not_article")
                continue
            if self.language:
                article.language, article.extraction["language"] = self.language, "meta"
            batch.articles[post["id"]] = (article, "_embedded" not in post)
        if batch.articles:
            yield self.comments_request(batch, 1)

    def next_posts_requests(self, response, page: int, count: int):
        """Every further page from page 1 where X-WP-TotalPages is given; otherwise the next page after a full one."""
        last = self.max_pages or float("inf")
        total = response.headers.get("X-WP-TotalPages")
        if page == 1:
            posts = response.headers.get("X-WP-Total")
            self.report(coverage.rest_total_announced, posts=int(posts) if posts and posts.isdigit() else None,
                        pages=int(total) if total and total.isdigit() else None)
        if total is not None:
            if page == 1:
                if int(total) > last:
                    self.report(coverage.listing_walk_stopped, url=response.url, reason=f"max_pages={self.max_pages}")
                yield from (self.posts_request(n) for n in range(2, int(min(int(total), last)) + 1))
        elif count >= PER_PAGE and page < last:
            yield self.posts_request(page + 1)

    def comments_request(self, batch: CommentBatch, page: int):
        url = api_url(self.api_root, "comments", post=",".join(map(str, batch.articles)), per_page=PER_PAGE,
                      page=page, order="asc")
        return scrapy.Request(url, callback=self.parse_comments, errback=self.comments_failed,
                              cb_kwargs={"batch": batch, "page": page},
                              meta={"source": "rest-api", PAGE_KIND: REST, "batch": batch})

    def parse_comments(self, response, batch: CommentBatch, page: int):
        found = rest_json(response)
        if not isinstance(found, list):
            self.logger.warning("comments page %d of posts %s: not the REST API's JSON (%s)", page,
                                ",".join(map(str, batch.articles)), response.url)
            self.count("rest/comments_failed")
            found = []
        batch.add([(entry.get("post"), rest_comment(entry)) for entry in found if isinstance(entry, dict)])
        self.count("rest/comments", len(found))
        last = self.comment_pages * len(batch.articles)
        total = response.headers.get("X-WP-TotalPages")
        if page == 1 and total is not None:  # every further page at once
            further = range(2, min(int(total), last) + 1)
            batch.pending += len(further)
            yield from (self.comments_request(batch, n) for n in further)
        elif total is None and len(found) >= PER_PAGE and page < last:  # no count: the next page after a full one
            batch.pending += 1
            yield self.comments_request(batch, page + 1)
        yield from self.comments_page_done(batch)

    def comments_failed(self, failure):
        self.failed(failure)
        self.count("rest/comments_failed")
        yield from self.comments_page_done(failure.request.meta["batch"])

    def comments_page_done(self, batch: CommentBatch):
        """After the batch's last comments page: each article with its comments, or its HTML page first."""
        batch.pending -= 1
        if batch.pending:
            return
        for post_id, (article, needs_page) in batch.articles.items():
            article.comments = chronological(batch.comments.get(post_id, []))
            if needs_page:
                yield scrapy.Request(article.canonical_url, callback=self.complete_from_page, errback=self.page_failed,
                                     cb_kwargs={"article": article},
                                     meta={"source": "rest-api", PAGE_KIND: ARTICLE_COMPLETION, "article": article})
            else:
                yield from self.emit(article)

    # -- posts of a site that ignores _embed: the rest from the HTML page --------------------------------
    def complete_from_page(self, response, article: Article):
        self.count("pages/article")
        try:
            if not isinstance(response, TextResponse):
                raise NoArticle(f"not a text page ({response.headers.get('Content-Type')})")
            page = extract_article(response.selector, response.url, self.profile, self.section)
        except NoArticle as reason:
            self.logger.warning("HTML page of %s gave nothing to complete: %s", article.canonical_url, reason)
            yield from self.emit(article)
            return
        for name in HTML_COMPLETED:
            if not getattr(article, name) and getattr(page, name):
                setattr(article, name, getattr(page, name))
                article.extraction[name] = page.extraction.get(name, "profile")
        self.count("rest/html_completions")
        yield from self.emit(article)

    def page_failed(self, failure):
        self.failed(failure)
        yield from self.emit(failure.request.meta["article"])

    # -- fallback: WordPress feeds page with ?paged=N ---------------------------------------------------
    def parse_feed(self, response, paged: int = 1):
        found = False
        for request in super().parse_feed(response):
            found = True
            yield request
        if found and not (self.max_pages and paged >= self.max_pages):  # past the last page: a 404, the feed's end
            yield scrapy.Request(self.url(self.profile.feed_path) + f"?paged={paged + 1}", callback=self.parse_feed,
                                 errback=self.failed, cb_kwargs={"paged": paged + 1},
                                 meta={"source": "feed", PAGE_KIND: FEED, "optional": "feed page"})
