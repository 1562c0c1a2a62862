"""newsbot's JSON Lines exporter writes exactly the bytes Scrapy's ``JsonLinesItemExporter`` writes."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from scrapy.exporters import JsonLinesItemExporter

from newsbot.exporters import JsonLinesArticleExporter
from newsbot.extract.page import extract_page
from newsbot.items import Article, Comment, Image, item_dict
from newsbot.sites.plain_news import PlainNews
from newsbot.sites.world_news import WorldNews

PAGES = Path(__file__).parent / "data" / "sites"


def saved_articles() -> list[Article]:
    articles = []
    for profile, folder in ((WorldNews, "world_news"), (PlainNews, "plain_news")):
        for page in sorted((PAGES / folder).glob("*.html")):
            articles.append(extract_page(page.read_bytes().decode("utf-8", "replace"),
                                         f"http://127.0.0.1/{page.stem}/", profile, profile.section))
    return articles


def odd_article() -> Article:
    return Article(url="https://x/a/", canonical_url="https://x/a/", title='"quoted" \\ \u2028 \U0001f600 عنوان',
                   authors=[], tags=["a", "ب"], body="", images=[Image(url="https://x/i.jpg")],
                   comments=[Comment(id="1", links=["https://y/"], text="نص\nسطر")],
                   extraction={"title": "profile"}, update=True, aliases=["https://x/b/"])


@dataclass
class WithSerializer:
    name: str = field(default="x", metadata={"serializer": str.upper})


def exported(exporter_class, items, **kwargs) -> bytes:
    buffer = io.BytesIO()
    exporter = exporter_class(buffer, encoding="utf-8", **kwargs)
    exporter.start_exporting()
    for item in items:
        exporter.export_item(item)
    exporter.finish_exporting()
    return buffer.getvalue()


@pytest.mark.parametrize("kwargs", [{}, {"fields_to_export": ["title", "url", "comments"]}, {"indent": 2}])
def test_same_bytes_as_scrapys_exporter(kwargs):
    items = saved_articles() + [odd_article(), {"plain": "dict", "n": [1, {"k": None}]}, WithSerializer()]
    assert any(article.comments for article in items[:-3])  # nested dataclasses are in the sample
    ours = exported(JsonLinesArticleExporter, items, **kwargs)
    assert ours == exported(JsonLinesItemExporter, items, **kwargs)
    assert "عنوان".encode() in ours  # UTF-8, Arabic unescaped


def test_item_dict_is_itemadapters_asdict():
    from itemadapter import ItemAdapter

    for item in saved_articles() + [odd_article(), WithSerializer(), {"k": [Comment(id="2")]}]:
        assert item_dict(item) == ItemAdapter(item).asdict()
