"""The extractor chain: for each field, the profile's selectors, then the page's structured metadata
(JSON-LD, OpenGraph, ``<time>``), then a generic fallback. The item's ``extraction`` map records which
source gave each field, so that users can audit it. The same code serves the spiders and ``newsbot extract``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from urllib.parse import urljoin, urlsplit

from parsel import Selector

from newsbot.clean.boilerplate import is_photo_credit
from newsbot.extract.comments import extract_comments
from newsbot.extract.dom import all_texts, blocks, first_match, first_text, node_text, pruned_copy, query_all, select
from newsbot.extract.generic import generic_body, lead_paragraph, without_headline
from newsbot.extract.metadata import (PageMetadata, htmldate_published, json_ld_names, json_ld_text,
                                      parse_page_metadata)
from newsbot.items import Article, Image
from newsbot.language import language_code
from newsbot.sites.base import SiteProfile
from newsbot.urls import fold_url, same_site

logger = logging.getLogger(__name__)

SOURCE_LINK = re.compile(r"^\s*(source\s*link|source|المصدر|رابط\s*المصدر|مصدر\s*الخبر)\s*:?\s*$", re.I)
PARAGRAPH_TAGS = {"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"}


class NoArticle(ValueError):
    """The page holds no article (no title or no body): a listing, an error page, a stub."""


# WordPress's body classes (``body_class()``) of the pages that are no post: an archive (of a category, tag,
# author, date or taxonomy), search results, "not found". A post's body says ``single``, whatever the theme.
NOT_POST_BODY_CLASSES = frozenset({"archive", "search-results", "search-no-results", "error404"})
POST_BODY_CLASSES = frozenset({"single", "singular"})


def listing_body(page: Selector) -> str | None:
    """The class that says the page lists posts (or is an error page), where its body's classes say so."""
    classes = set((first_match(page, "/html/body/@class") or "").split())
    if classes & POST_BODY_CLASSES:
        return None
    return next(iter(sorted(classes & NOT_POST_BODY_CLASSES)), None)


def _first(*candidates: tuple[str | None, str]) -> tuple[str | None, str | None]:
    """The first (value, source) pair whose value is set."""
    for value, source in candidates:
        if value:
            return value, source
    return None, None


def _links_to(links, section_path: str):
    return [link for link in links
            if urlsplit(link.attrib.get("href", "")).path.rstrip("/") == section_path.rstrip("/")]


def in_section(page: Selector, profile: type[SiteProfile], section: str) -> bool | None:
    """Whether the article's category links name the section; None where the page shows no categories."""
    links = select(page, profile.selectors.categories)
    if not links:
        return None
    return bool(_links_to(links, profile.section_path.format(section=section)))


def _section_name(page: Selector, profile: type[SiteProfile], section_path: str,
                  meta: PageMetadata) -> tuple[str | None, str | None]:
    """The section's label as the site shows it: the text of a link to the section's listing, in the
    article's categories or breadcrumbs first, anywhere on the page (a menu) otherwise."""
    for links in (lambda: select(page, profile.selectors.categories), lambda: query_all(page, "a[href]")):
        for link in _links_to(links(), section_path):
            text = node_text(link)
            if text:
                return text, "profile"
    return _first((json_ld_text(meta.json_ld.get("articleSection")), "json-ld"),
                  (meta.first("article:section"), "opengraph"))


def _keywords(value) -> list[str]:
    if isinstance(value, str):
        return [k.strip() for k in value.split(",") if k.strip()]
    return json_ld_names(value) if value else []


TRAILING_CREDIT = re.compile(r"^(?P<caption>.*?)\s*\((?P<credit>[^()]{2,80})\)$", re.S)


def split_credit(caption: str | None) -> tuple[str | None, str | None]:
    """A caption that ends with its credit in parentheses ("… (AP Photo/Jane Doe)") split in two."""
    match = TRAILING_CREDIT.match(caption or "")
    return (match["caption"], match["credit"].strip()) if match else (caption or None, None)


def _image(block: Selector, profile: type[SiteProfile], url: str) -> Image | None:
    """An image with its caption and credit: the credit from its own element, else from the trailing
    parentheses of the caption's last line, else that line itself when it is a credit ("Jane Doe / AP")."""
    sel = profile.selectors
    src = first_match(block, "img::attr(data-src), img::attr(src)")
    if not src:
        return None
    credit = first_text(block, sel.image_credit)
    caption_node = select(block, sel.image_caption)
    lines = []
    if caption_node:
        caption_copy = pruned_copy(caption_node[0], sel.image_credit)
        lines = blocks(caption_copy, {"p", "div", "span", "br"}) or [node_text(caption_copy)]
    if not credit and lines:
        rest, credit = split_credit(lines[-1])
        lines[-1] = rest or ""
        if not credit and lines[-1] and is_photo_credit(lines[-1]):
            credit = lines.pop()
    caption = " ".join(line for line in lines if line) or None
    return Image(url=urljoin(url, src), caption=caption or None, credit=credit)


def _images(page: Selector, profile: type[SiteProfile], url: str, meta: PageMetadata) -> tuple[list[Image], str | None]:
    """Every image block the profile names (the featured image, then figures of the body), once each."""
    images: dict[str, Image] = {}
    for query in profile.selectors.images:
        for block in select(page, (query,)):
            image = _image(block, profile, url)
            if image and image.url not in images:
                images[image.url] = image
    if images:
        return list(images.values()), "profile"
    src = meta.first("og:image") or json_ld_text(meta.json_ld.get("image"))
    return ([Image(url=urljoin(url, src))], "opengraph") if src else ([], None)


def _outermost(matches: list) -> list:
    """The matches that are not inside another match."""
    roots = {match.root for match in matches}
    return [m for m in matches if not any(ancestor in roots for ancestor in m.root.iterancestors())]


def body_paragraphs(page: Selector, profile: type[SiteProfile], url: str, descriptions: Sequence[str] = ()
                    ) -> tuple[list[str], str | None, str | None]:
    """The body's paragraphs, the body source, and the target of its "Source link" paragraph. ``descriptions``
    (the page's meta descriptions) may give the generic body its lead."""
    container = _outermost(select(page, profile.selectors.body))
    # an article has one body: a selector matching several separate elements (a listing's excerpts, a live
    # blog's entries) has not found it, and the generic extractor reads the page instead
    if len(container) == 1:
        node = container[0]
        source_link = next((a for a in query_all(node, "a[href]") if SOURCE_LINK.match(node_text(a))), None)
        source_url = urljoin(url, source_link.attrib["href"]) if source_link else None
        paragraphs = blocks(pruned_copy(node, profile.selectors.body_exclude), PARAGRAPH_TAGS)
        if source_link is not None:  # the attribution paragraph is not the article's text
            paragraphs = [p for p in paragraphs if p != node_text(source_link)]
        if paragraphs:
            return paragraphs, "profile", source_url
    paragraphs = generic_body(page.root, url)
    if paragraphs and (lead := lead_paragraph(page, descriptions, paragraphs)):
        paragraphs = [lead, *paragraphs]
    return paragraphs, ("generic" if paragraphs else None), None


def _related(page: Selector, profile: type[SiteProfile], url: str) -> list[str]:
    return [fold_url(urljoin(url, h.root.strip()), profile.trailing_slash)
            for h in select(page, profile.selectors.related) if isinstance(h.root, str) and h.root.strip()]


def _guarded(field: str, url: str, extraction: dict, default, function, *args):
    """An optional field that fails to extract is left empty, marked ``error`` in ``extraction`` and logged:
    the article is kept without it rather than lost."""
    try:
        return function(*args)
    except Exception:
        logger.exception("extracting %s failed at %s: the article is kept without it", field, url)
        extraction[field] = "error"
        return default


def extract_article(page: Selector, url: str, profile: type[SiteProfile], section: str | None = None) -> Article:
    """One article from a parsed page. Raises ``NoArticle`` when the page has no title or no body, or says it
    is no post (``listing_body``: a listing's excerpts would otherwise read as a body)."""
    if kind := listing_body(page):
        raise NoArticle(f"not an article page (body class {kind!r})")
    section = section or getattr(profile, "section", None)
    meta = parse_page_metadata(page)
    ld = meta.json_ld
    sel = profile.selectors
    extraction: dict[str, str] = {}

    def record(field: str, pair: tuple):
        value, source = pair
        if value:
            extraction[field] = source
        return value

    title = record("title", _first((first_text(page, sel.title), "profile"), (json_ld_text(ld.get("headline")), "json-ld"),
                                   (meta.first("og:title"), "opengraph"), (first_text(page, ("title",)), "meta")))
    descriptions = meta.all("description") + meta.all("og:description")
    paragraphs, body_source, source_url = body_paragraphs(page, profile, url, descriptions)
    if body_source == "generic":
        paragraphs = without_headline(paragraphs, title)
    if not title or not paragraphs:
        raise NoArticle(f"no {'title' if not title else 'body'} found")
    extraction["body"] = body_source
    if source_url:
        extraction["source_url"] = "profile"

    published = record("published", _first(
        (first_text(page, sel.published), "profile"), (json_ld_text(ld.get("datePublished")), "json-ld"),
        (meta.first("article:published_time", "og:published_time", "date", "dc.date"), "opengraph"),
        (first_match(page, "time[datetime]::attr(datetime)"), "time")))
    if not published:
        published = record("published", (htmldate_published(page.root, url), "htmldate"))
    modified = record("modified", _first(
        (first_text(page, sel.modified), "profile"), (json_ld_text(ld.get("dateModified")), "json-ld"),
        (meta.first("article:modified_time", "og:updated_time"), "opengraph")))
    authors = record("authors", _first(
        (all_texts(page, sel.authors), "profile"), (json_ld_names(ld.get("author")), "json-ld"),
        ([a for a in meta.all("author") + meta.all("article:author") if "://" not in a], "meta"))) or []
    tags = record("tags", _first((all_texts(page, sel.tags), "profile"), (_keywords(ld.get("keywords")), "json-ld"),
                                 (meta.all("article:tag"), "opengraph"))) or []
    section_path = profile.section_path.format(section=section) if section else None
    section_name = record("section_name", _section_name(page, profile, section_path, meta)) if section_path else None
    images, images_source = _guarded("images", url, extraction, ([], None), _images, page, profile, url, meta)
    if images:
        extraction["images"] = images_source
    related = _guarded("related_urls", url, extraction, [], _related, page, profile, url)
    comments = _guarded("comments", url, extraction, [], extract_comments, page, sel)
    language = record("language", _first((meta.language, "meta"), (json_ld_text(ld.get("inLanguage")), "json-ld"),
                                         (meta.first("og:locale"), "opengraph"), (profile.language, "profile")))
    # the page's canonical link, when it is on the same site (or the page was read from a saved file)
    trusted = meta.canonical and (same_site(urljoin(url, meta.canonical), url) or url.startswith("file:"))
    canonical = meta.canonical if trusted else url
    return Article(
        url=url,
        canonical_url=fold_url(urljoin(url, canonical), profile.trailing_slash),
        title=title,
        published=published,
        modified=modified,
        authors=authors,
        section=section,
        section_name=section_name,
        tags=tags,
        body="\n\n".join(paragraphs),
        images=images,
        source_url=source_url,
        related_urls=list(dict.fromkeys(related)),
        comments=comments,
        language=language_code(language),
        extraction=extraction,
    )
