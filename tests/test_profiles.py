"""Every site profile against its saved pages: one test, parametrized over every profile and every page.

Saved pages live in ``tests/data/sites/<profile>/``: ``<page>.html``, the bytes the site served, and
``<page>.json`` beside it, with the page's ``url`` and the fields expected of it, read off the page by a
person or taken from a generator's ground truth, never produced by newsbot itself. A page is decoded as a
crawl decodes it (Scrapy's response, its declared charset), so a page saved in windows-1256 checks that.
A new profile (``newsbot new-site``) is picked up here as soon as its pages are saved.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.project import get_project_settings

from newsbot.extract.page import extract_page
from newsbot.sites import iter_profiles

DATA = Path(__file__).parent / "data" / "sites"
PROFILES = sorted(profile.name for profile in iter_profiles())
PAGES = [(profile, page) for profile in PROFILES for page in sorted((DATA / profile).glob("*.html"))]


def comparable(field: str, value):
    if field in ("published", "modified") and value:
        return datetime.fromisoformat(value)
    if field == "images":
        return [vars(image) if not isinstance(image, dict) else image for image in value]
    if field == "body":
        return " ".join((value or "").split())
    return value


@pytest.mark.parametrize("name", PROFILES)
def test_every_profile_is_a_spider_with_saved_pages(name):
    assert name in SpiderLoader.from_settings(get_project_settings()).list()
    assert any(page for profile, page in PAGES if profile == name), (
        f"save at least one article page of the site and its expected fields under {DATA / name}")


@pytest.mark.parametrize("name, page", PAGES, ids=[f"{name}/{page.stem}" for name, page in PAGES])
def test_saved_page_gives_the_expected_fields(name, page):
    profile = next(p for p in iter_profiles() if p.name == name)
    expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    response = HtmlResponse(expected["url"], body=page.read_bytes())
    article = extract_page(response.text, response.url, profile, profile.section)
    for field, value in expected.items():
        assert comparable(field, getattr(article, field)) == comparable(field, value), field


def test_the_windows_1256_pages_are_saved_in_windows_1256():
    """Saved as served, so the test above decodes them: their bytes are not UTF-8."""
    pages = [page for _, page in PAGES if page.stem.endswith("windows-1256")]
    assert pages
    for page in pages:
        with pytest.raises(UnicodeDecodeError):
            page.read_bytes().decode("utf-8")
