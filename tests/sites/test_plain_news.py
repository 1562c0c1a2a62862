"""Checks of the plain_news profile: registered as a spider, and extraction of saved pages equal to the
fields you checked by hand. Save an article page as ``tests/data/sites/plain_news/<anything>.html`` and write
the fields you expect (read off the page by you, not by newsbot) in ``<anything>.json`` beside it.
"""

import json
from pathlib import Path

import pytest
from parsel import Selector
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.project import get_project_settings

from newsbot.extract import extract_article
from newsbot.sites import get_profile

PAGES = sorted((Path(__file__).parents[1] / "data" / "sites" / "plain_news").glob("*.html"))


def test_registered_as_a_spider():
    assert "plain_news" in SpiderLoader.from_settings(get_project_settings()).list()


def test_pages_saved():
    assert PAGES, "save at least one article page of the site with its expected fields (see this module's docstring)"


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_extraction_matches_expected_fields(page):
    profile = get_profile("plain_news")
    expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    article = extract_article(Selector(text=page.read_text(encoding="utf-8")), expected["url"], profile)
    for field, value in expected.items():
        assert getattr(article, field) == value, field
