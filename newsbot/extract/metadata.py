"""Structured metadata of a page: JSON-LD, OpenGraph and other ``<meta>`` tags, canonical link, language.

Plain functions over a parsel ``Selector``; what they return is raw (not yet cleaned) text.
"""

from __future__ import annotations

import copy
import json
import logging
from dataclasses import dataclass, field

from lxml import etree
from parsel import Selector

from newsbot.extract.dom import first_match
from newsbot.language import language_code

logger = logging.getLogger(__name__)

ARTICLE_TYPES = {"Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle",
                 "OpinionNewsArticle", "BackgroundNewsArticle", "LiveBlogPosting", "WebPage"}


@dataclass
class PageMetadata:
    json_ld: dict = field(default_factory=dict)  # the page's article node, its references resolved
    meta: dict[str, list[str]] = field(default_factory=dict)  # og:*, article:*, name=… → contents
    canonical: str | None = None
    language: str | None = None

    def first(self, *names: str) -> str | None:
        for name in names:
            for value in self.meta.get(name, ()):
                if value.strip():
                    return value.strip()
        return None

    def all(self, name: str) -> list[str]:
        return [v.strip() for v in self.meta.get(name, ()) if v.strip()]


def _types(node: dict) -> set[str]:
    kind = node.get("@type", ())
    return set(kind) if isinstance(kind, list) else {kind}


def _nodes(data) -> list[dict]:
    if isinstance(data, list):
        return [n for item in data for n in _nodes(item)]
    if isinstance(data, dict):
        return [data, *_nodes(data["@graph"])] if "@graph" in data else [data]
    return []


def _article_node(nodes: list[dict]) -> dict:
    """The most specific article-like node; ``WebPage`` only when nothing better is there."""
    by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    ranked = sorted((n for n in nodes if _types(n) & ARTICLE_TYPES), key=lambda n: "WebPage" in _types(n))
    if not ranked:
        return {}
    node = dict(ranked[0])
    for key, value in node.items():  # resolve {"@id": …} references (Yoast puts authors in the graph)
        if isinstance(value, dict) and set(value) == {"@id"} and value["@id"] in by_id:
            node[key] = by_id[value["@id"]]
        elif isinstance(value, list):
            node[key] = [by_id.get(v["@id"], v) if isinstance(v, dict) and set(v) == {"@id"} else v
                         for v in value]
    return node


# read with lxml directly: every page has dozens of <meta> tags, and a parsel Selector for each costs more
# than the tag's reading
JSON_LD_SCRIPTS = etree.XPath('//script[@type="application/ld+json"]/text()', smart_strings=False)
META_TAGS = etree.XPath("//meta[@content]")


def parse_json_ld(sel: Selector) -> dict:
    nodes: list[dict] = []
    for raw in JSON_LD_SCRIPTS(sel.root):
        try:
            nodes.extend(_nodes(json.loads(raw)))
        except ValueError:
            logger.debug("invalid JSON-LD block skipped")
    return _article_node(nodes)


def parse_meta(sel: Selector) -> dict[str, list[str]]:
    meta: dict[str, list[str]] = {}
    for tag in META_TAGS(sel.root):
        name = tag.get("property") or tag.get("name") or tag.get("itemprop")
        if name:
            meta.setdefault(name.lower(), []).append(tag.get("content"))
    return meta


def parse_page_metadata(sel: Selector) -> PageMetadata:
    lang = first_match(sel, "/html/@lang") or first_match(sel, "//meta[@http-equiv='content-language']/@content")
    return PageMetadata(
        json_ld=parse_json_ld(sel),
        meta=parse_meta(sel),
        canonical=first_match(sel, '//link[@rel="canonical"]/@href'),
        language=language_code(lang),
    )


def json_ld_text(value) -> str | None:
    """A JSON-LD value as text: a string, or the ``name``/``url`` of an object, or the first of a list."""
    if isinstance(value, list):
        value = next((v for v in value if v), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("url") or value.get("@id")
    return value.strip() if isinstance(value, str) and value.strip() else None


def json_ld_names(value) -> list[str]:
    values = value if isinstance(value, list) else [value]
    names = [json_ld_text(v) for v in values]
    return [n for n in names if n]


def htmldate_published(root, url: str | None = None) -> str | None:
    """The publication day htmldate reads off a page (``YYYY-MM-DD``), for pages whose markup states it
    nowhere the chain looks (no JSON-LD, ``article:published_time`` or ``<time datetime>``): htmldate also
    reads the URL, visible date lines and other meta names. Only the original date, without its extensive
    search of any date in the text (more pages dated, more of them wrongly)."""
    from htmldate import find_date  # imported on first use, as trafilatura (which depends on it) is

    try:
        return find_date(copy.deepcopy(root), url=url, original_date=True, extensive_search=False)
    except Exception:  # htmldate fails on odd trees as trafilatura does: the article is then undated
        logger.exception("htmldate failed for %s", url)
        return None
