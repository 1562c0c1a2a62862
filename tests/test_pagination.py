"""``newsbot.pagination`` over the pagination markup of real themes: one parametrised test over stored snippets.

Each snippet is the markup a theme's template prints (WordPress's ``paginate_links`` and
``next_posts_link``, tagDiv's ``td_page_generator``, Twenty Ten's ``nav-below``…), and the expected reading
is what the page itself says: the page it links as the next one, the count it states or links.
The replica's three markups are read at their first, a middle and their last page against the replica's
own page count.
"""

from __future__ import annotations

import math

import pytest
from parsel import Selector

from newsbot.pagination import page_number, page_url, read_pagination

BASE = "https://news.example"
CASES = {
    # WordPress's the_posts_pagination() (classic themes: Twenty Twenty-One, Twenty Fifteen…)
    "paginate_links": (f"{BASE}/category/world/", """
        <nav class="navigation pagination" aria-label="Posts"><h2 class="screen-reader-text">Posts navigation</h2>
        <div class="nav-links"><span aria-current="page" class="page-numbers current">1</span>
        <a class="page-numbers" href="/category/world/page/2/">2</a><span class="page-numbers dots">&hellip;</span>
        <a class="page-numbers" href="/category/world/page/9/">9</a>
        <a class="next page-numbers" href="/category/world/page/2/">Next</a></div></nav>""",
        1, f"{BASE}/category/world/page/2/", 9),
    # the same with plain permalinks: ?cat=ID&paged=N
    "plain permalinks": (f"{BASE}/?cat=3&paged=2", """
        <div class="nav-links"><a class="prev page-numbers" href="/?cat=3">Previous</a>
        <a class="page-numbers" href="/?cat=3">1</a><span aria-current="page" class="page-numbers current">2</span>
        <a class="page-numbers" href="/?cat=3&#038;paged=3">3</a><a class="page-numbers" href="/?cat=3&#038;paged=4">4</a></div>""",
        2, f"{BASE}/?cat=3&paged=3", 4),
    # Twenty Ten / Twenty Eleven: next_posts_link() "Older posts", no rel, no number in the text
    "older posts": (f"{BASE}/category/world/", """
        <div id="nav-below" class="navigation"><div class="nav-previous">
        <a href="/category/world/page/2/" ><span class="meta-nav">&larr;</span> Older posts</a></div>
        <div class="nav-next"></div></div>""",
        1, f"{BASE}/category/world/page/2/", 2),
    # tagDiv Newspaper 10-12: the next link is an icon labelled next-page, "Page 2 of 12"
    "tagdiv 12": (f"{BASE}/category/world/page/2/", """
        <div class="page-nav td-pb-padding-side"><a href="/category/world/" aria-label="prev-page" >
        <i class="page-nav-icon td-icon-menu-left"></i></a><a href="/category/world/" class="page" title="1">1</a>
        <span class="current">2</span><a href="/category/world/page/3/" class="page" title="3">3</a>
        <span class="extend">...</span><a href="/category/world/page/12/" class="last" title="12">12</a>
        <a href="/category/world/page/3/" aria-label="next-page" ><i class="page-nav-icon td-icon-menu-right"></i></a>
        <span class="pages">Page 2 of 12</span><div class="clearfix"></div></div>""",
        2, f"{BASE}/category/world/page/3/", 12),
    # an Arabic theme: the next link by its word, the count in Arabic-Indic digits
    "arabic": (f"{BASE}/category/world/page/2/", """
        <div class="pagination"><a href="/category/world/">السابق</a>
        <a href="/category/world/page/3/">التالي »</a><span class="pages">الصفحة ٢ من ٧</span></div>""",
        2, f"{BASE}/category/world/page/3/", 7),
    # a next page named by a cursor, found by its label only
    "cursor": (f"{BASE}/world", """
        <nav aria-label="Pagination"><a class="btn" href="/world?after=MTcwMDAwMDAwMA" aria-label="Next page">
        <svg class="icon icon-chevron"></svg></a></nav>""",
        1, f"{BASE}/world?after=MTcwMDAwMDAwMA", 1),
    # "الصفحة التالية" as a plain text link, to a numbered page
    "arabic next page words": (f"{BASE}/category/world/", """
        <div class="wp-pagenavi"><span class="pages">صفحة 1 من 3</span><span class="current">1</span>
        <a class="nextpostslink" href="/category/world/page/2/">الصفحة التالية</a></div>""",
        1, f"{BASE}/category/world/page/2/", 3),
    # a block that shows the count but links no next page: WordPress's own URL pattern names it
    "count without link": (f"{BASE}/category/world/", """
        <div class="page-nav"><span class="current">1</span><span class="pages">Page 1 of 5</span></div>""",
        1, f"{BASE}/category/world/page/2/", 5),
    # the last page: links back only
    "last page": (f"{BASE}/category/world/page/3/", """
        <div class="nav-links"><a class="prev page-numbers" href="/category/world/page/2/">Previous</a>
        <a class="page-numbers" href="/category/world/">1</a><a class="page-numbers" href="/category/world/page/2/">2</a>
        <span aria-current="page" class="page-numbers current">3</span></div>""",
        3, None, 3),
    # links to another listing (a tag's pages) are not this listing's pages; a runaway count is not believed
    "other listing, runaway count": (f"{BASE}/category/world/", """
        <div class="pagination"><a href="/tag/iran/page/2/">2</a><span class="pages">Page 1 of 99999999</span></div>""",
        1, None, None),
    # no pagination at all: one page
    "no pagination": (f"{BASE}/category/world/", "<div class='posts'><h2><a href='/2024/01/02/a/'>a</a></h2></div>",
                      1, None, 1),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_reads_theme_pagination(name):
    url, html, number, next_url, announced = CASES[name]
    found = read_pagination(Selector(text=f"<html><body>{html}</body></html>"), url)
    assert (found.number, found.next_url, found.announced) == (number, next_url, announced)


def test_pages_not_linked_come_from_the_linked_pattern():
    url, html, *_ = CASES["plain permalinks"]
    found = read_pagination(Selector(text=html), url)
    assert found.url(7) == f"{BASE}/?cat=3&paged=7"
    assert page_url(found.template, 1) == f"{BASE}/?cat=3"
    assert page_number(f"{BASE}/category/world/page/12/") == 12 and page_number(f"{BASE}/category/world/") is None


@pytest.mark.parametrize("theme", ["tagdiv", "tagdiv7", "plain"])
def test_replica_listing_pages(theme):
    from newsbot.replica.content import WORLD, Site
    from newsbot.replica.site import Replica

    site = Site(articles=120, seed=4)
    replica = Replica(site, theme=theme, base_url=BASE)
    pages = math.ceil(site.sections[WORLD].count / 10)  # the replica's 10 posts a page
    for page in (1, 2, pages // 2, pages):
        path = f"/category/{WORLD}/" + (f"page/{page}/" if page > 1 else "")
        status, _, body = replica.respond("GET", path)
        assert status == 200
        found = read_pagination(Selector(text=body.decode()), BASE + path)
        assert found.number == page
        assert found.next_url == (f"{BASE}/category/{WORLD}/page/{page + 1}/" if page < pages else None)
        if theme != "plain":  # tagDiv states "Page X of N"; the classic theme links its neighbours only
            assert found.announced == pages
