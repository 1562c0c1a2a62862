"""Where a listing's further pages are, on any theme: one reading of a listing page that every spider uses.

``read_pagination(selector, url, extra_next=())`` returns a ``Pagination``: the page's own number, the
next page's URL, every numbered page link the page shows, the page count the site announces, and a URL
template for the pages it does not link. The rules are data (in the spirit of trafilatura):

- ``rel=next`` (``<link>`` and ``<a>``) and the profile's own next-page selectors win;
- a pagination block (``PAGINATION_BLOCKS``) gives numbered links (``/page/N/``, ``?paged=N``, ``?page=N``:
  ``PAGE_IN_URL``), and a link to the page after this one is the next link whatever it shows: a number, an
  icon (tagDiv's ``<i class="td-icon-menu-right">``), a word;
- a link whose text says "next" in one of several languages (``NEXT_TEXT``: "Next", "Older posts",
  "التالي", "الصفحة التالية", "»", "›"…), or whose icon's class does, where no URL names its page;
- "Page 1 of N" / "الصفحة 1 من N" (``PAGE_OF``) and the highest page number linked are the announced count;
- where the page shows it is paginated but links no next page, WordPress's own URL patterns
  (``/page/N/`` under a pretty listing URL, ``?paged=N`` otherwise) name it.

Nothing here follows a link: the spider decides (``SectionSpider.parse_listing``), the pagination guard
(``newsbot.middlewares.pagination_guard``) stops loops, and ``MAX_ANNOUNCED_PAGES`` bounds a count that no
site has (a typo, a trap).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from parsel import Selector

from newsbot.extract.dom import select

MAX_ANNOUNCED_PAGES = 10_000  # a page count above this (100,000 articles at 10 a page) is not believed
# the containers themes print their page links in
PAGINATION_BLOCKS = (
    ".page-nav", ".pagination", ".nav-links", ".navigation", ".wp-pagenavi", ".posts-navigation",
    ".wp-block-query-pagination", "nav[aria-label*=agination]", ".pager", ".page-numbers", "[class*=paginat]",
    ".nav-previous", ".nav-next", ".older-posts", ".load-more-pages",
)
# a page number in a listing URL: WordPress's /page/N/, ?paged=N, and ?page=N of other CMSs
PAGE_IN_URL = (
    re.compile(r"/page/(?P<n>\d+)/?$"),
    re.compile(r"[?&]paged=(?P<n>\d+)"),
    re.compile(r"[?&]page=(?P<n>\d+)"),
)
# the words of a "next" link (whole text, case-folded, arrows and spaces trimmed)
NEXT_TEXT = re.compile(
    r"^(next( page| posts)?|older( posts| entries| articles)?|more (posts|articles|stories)|"
    r"suivant(e|es)?|page suivante|siguiente|weiter|nächste( seite)?|próxim[oa]|successiv[oa]|avanti|"
    r"sonraki|следующая|далее|بعدی|اگلا|berikutnya|selanjutnya|"
    r"التالي|التالى|الصفحة التالية|المزيد|الأقدم|مقالات أقدم|»|›|>|>>|→|←)$")
# an icon-only link's icon classes that mean "next" (direction words are left to the URL: RTL themes swap them)
NEXT_ICON = re.compile(r"(^|[-_ ])next([-_ ]|$)|arrow-next|chevron-next|icon-next", re.I)
# "Page 1 of 12", "Page 1/12", "الصفحة 1 من 12", "Seite 1 von 12", "Página 1 de 12"
PAGE_OF = re.compile(r"(?:page|pagina|página|seite|sayfa|страница|الصفحة|صفحة|صفحه)\s*(\d+)\s*"
                     r"(?:of|من|von|de|di|sur|/|из|از)\s*(\d+)", re.I)
ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
ARROWS = " \t\n\xa0←→«»‹›<>"


def page_number(url: str) -> int | None:
    """The page number a listing URL names, or None (the first page names none)."""
    for pattern in PAGE_IN_URL:
        if match := pattern.search(url):
            return int(match.group("n"))
    return None


def first_page_url(url: str) -> str:
    """A listing URL without its page number: the section's first page, the key its pages share."""
    parts = urlsplit(url)
    path = re.sub(r"/page/\d+/?$", "/", parts.path)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in ("paged", "page")])
    return urlunsplit((parts.scheme, parts.netloc, path, query, ""))


def page_url(template: str, number: int) -> str:
    """Page ``number`` of a listing, from ``Pagination.template`` (page 1 is the first page's own URL)."""
    return first_page_url(template.replace("{n}", "2")) if number == 1 else template.replace("{n}", str(number))


def wordpress_template(first_page: str) -> str:
    """WordPress's URL of page N under a listing URL: ``…/page/N/`` when pretty, else ``?paged=N``."""
    parts = urlsplit(first_page)
    if parts.path.endswith("/") and not parts.query:
        return urlunsplit((parts.scheme, parts.netloc, parts.path + "page/{n}/", "", ""))
    query = (parts.query + "&" if parts.query else "") + "paged={n}"
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


@dataclass(frozen=True)
class Pagination:
    """What one listing page says of the pages of its listing."""

    number: int  # this page's number
    next_url: str | None  # the page after this one, as the page links it (or as WordPress would name it)
    pages: dict[int, str] = field(default_factory=dict)  # every page number linked → its URL
    announced: int | None = None  # the page count the page states ("Page 1 of N") or links (the highest
    #                               number, this page's at least); None when past MAX_ANNOUNCED_PAGES
    template: str = ""  # a URL with "{n}" for the page number: the listing's pages the page does not link
    paginated: bool = False  # the page shows a pagination block or a next link

    def url(self, number: int) -> str:
        return self.pages.get(number) or page_url(self.template, number)


def _same_path(url: str, other: str) -> bool:
    a, b = urlsplit(url), urlsplit(other)
    return (a.netloc, a.path.rstrip("/")) == (b.netloc, b.path.rstrip("/"))


def _text(node: Selector) -> str:
    return " ".join(" ".join(node.xpath(".//text()").getall()).split())


def _is_next_word(link: Selector) -> bool:
    text = _text(link).strip(ARROWS).casefold() or _text(link).strip().casefold()
    if text and NEXT_TEXT.match(text):
        return True
    if not text:  # an icon-only link: its own, its children's and its label's words
        classes = " ".join(link.xpath("./@class | .//*/@class").getall())
        label = (link.attrib.get("aria-label") or link.attrib.get("title") or "").casefold()
        return bool(NEXT_ICON.search(classes) or NEXT_TEXT.match(label.strip(ARROWS)) or "next" in label)
    return False


def _announced(blocks: list[Selector], selector: Selector) -> int | None:
    texts = [_text(block) for block in blocks] or [" ".join(selector.css(".pages::text").getall())]
    counts = [int(m.group(2)) for text in texts for m in PAGE_OF.finditer(text.translate(ARABIC_DIGITS))]
    return max(counts) if counts else None


def read_pagination(selector: Selector, url: str, extra_next: tuple[str, ...] = ()) -> Pagination:
    """Read a listing page's pagination (see the module's docstring). ``extra_next``: a profile's own
    next-page selectors (CSS or XPath, ``::attr(href)``), tried after ``rel=next``."""
    first = first_page_url(url)
    number = page_number(url) or 1
    blocks = []
    for css in PAGINATION_BLOCKS:
        blocks += [b for b in selector.css(css) if not any(b.root in a.root.iterancestors() for a in blocks)]
    pages: dict[int, str] = {}
    next_url = None
    word_next = None
    for block in blocks:
        for link in block.css("a[href]"):
            target = urljoin(url, link.attrib["href"].strip())
            if first_page_url(target) == first:
                found = page_number(target) or 1
                pages.setdefault(found, target)
            elif word_next is None and _same_path(target, first) and _is_next_word(link):
                word_next = target  # a next page named otherwise (a cursor, an offset)
    pages.pop(number, None)
    for href in [*selector.css("link[rel~=next]::attr(href), a[rel~=next]::attr(href)").getall(),
                 *(found.get() for found in select(selector, extra_next))]:
        target = urljoin(url, href.strip())
        if first_page_url(target) == first:  # a link to itself too: the pagination guard logs and stops it
            next_url = target
            break
    next_url = next_url or pages.get(number + 1) or word_next
    stated = _announced(blocks, selector)
    announced = max(n for n in (stated, max(pages, default=None), number) if n is not None)
    if announced > MAX_ANNOUNCED_PAGES:
        announced = None
    numbered = next((u for n, u in pages.items() if n > 1 and page_number(u) == n), None)
    template = (re.sub(r"(/page/|[?&]paged=|[?&]page=)\d+", lambda m: m.group(1) + "{n}", numbered, count=1)
                if numbered else wordpress_template(first))
    paginated = bool(blocks or next_url)
    if next_url is None and announced is not None and announced > number:
        next_url = page_url(template, number + 1)  # a block that shows more pages but no usable link to the next
    return Pagination(number, next_url, pages, announced, template, paginated)
