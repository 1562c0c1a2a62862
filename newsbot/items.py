"""The items newsbot emits: plain dataclasses, read everywhere through itemadapter (or ``item_fields``,
where Scrapy need not be imported).

The JSON Schema that validation uses and the README documents is ``newsbot/schema/article.json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache


@dataclass
class Image:
    url: str
    caption: str | None = None
    credit: str | None = None


@dataclass
class Comment:
    id: str
    parent_id: str | None = None
    author: str | None = None
    author_url: str | None = None  # the commenter's website link, where the theme shows one
    links: list[str] = field(default_factory=list)  # hrefs inside the comment text
    published: str | None = None  # ISO 8601 with timezone after cleaning
    text: str = ""


@dataclass
class Article:
    url: str  # the URL the page was fetched from
    canonical_url: str  # tracking parameters, /amp/ and trailing-slash variants folded
    title: str | None = None
    published: str | None = None  # ISO 8601 with timezone after cleaning
    modified: str | None = None
    authors: list[str] = field(default_factory=list)
    section: str | None = None  # the section's slug, e.g. "world-news"
    section_name: str | None = None  # its label as the site shows it
    tags: list[str] = field(default_factory=list)
    body: str | None = None  # the article's paragraphs only, joined by blank lines
    images: list[Image] = field(default_factory=list)
    source_url: str | None = None  # the target of the "Source link" paragraph
    related_urls: list[str] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    language: str | None = None
    crawled_at: str | None = None
    # which source each field came from: "profile", "json-ld", "opengraph", "meta", "time", "rest-api", "generic";
    # "error" where the field failed to extract and was left empty
    extraction: dict[str, str] = field(default_factory=dict)
    # set by the dedup pipeline
    fingerprint: str | None = None  # hash of the normalized body
    aliases: list[str] = field(default_factory=list)  # other URLs under which the same article was found
    update: bool = False  # emitted before; its content or modified date changed since
    previous_fingerprint: str | None = None
    near_duplicate_of: str | None = None  # with DEDUP_NEAR_MODE = "mark"


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _plain(value):
    if is_dataclass(value) and not isinstance(value, type):
        return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def item_dict(item) -> dict:
    """``ItemAdapter(item).asdict()``, in one pass for dataclass items such as these (itemadapter checks every
    nested value against each item type it knows, a cost per comment)."""
    if is_dataclass(item) and not isinstance(item, type):
        return _plain(item)
    from itemadapter import ItemAdapter  # imports Scrapy: not at start-up (``newsbot extract`` needs neither)

    return ItemAdapter(item).asdict()


class _DataclassFields:
    """A dataclass item's fields by name, as ItemAdapter reads and writes them (a name that is no field is a
    ``KeyError``)."""

    __slots__ = ("item",)

    def __init__(self, item):
        self.item = item

    def __contains__(self, name: str) -> bool:
        return name in _field_names(type(self.item))

    def __getitem__(self, name: str):
        if name not in self:
            raise KeyError(name)
        return getattr(self.item, name)

    def __setitem__(self, name: str, value) -> None:
        if name not in self:
            raise KeyError(name)
        setattr(self.item, name, value)

    def get(self, name: str, default=None):
        return getattr(self.item, name) if name in self else default


def item_fields(item):
    """An item's fields to read and write by name: a dict itself, a dataclass item through a light view, any
    other item through ItemAdapter (imported then: itemadapter imports Scrapy, about a second of start-up that
    ``newsbot extract`` would pay for nothing)."""
    if isinstance(item, dict):
        return item
    if is_dataclass(item) and not isinstance(item, type):
        return _DataclassFields(item)
    from itemadapter import ItemAdapter

    return ItemAdapter(item)

