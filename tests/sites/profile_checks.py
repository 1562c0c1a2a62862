"""The checks every site profile gets (``newsbot new-site`` writes a test module that calls ``profile_tests``).

Saved pages live in ``tests/data/sites/<name>/``: ``<page>.html`` and ``<page>.json`` beside it, the JSON
holding the page's ``url`` and the fields expected of it, read off the page by a person (or taken from a
generator's ground truth), never produced by newsbot itself.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.project import get_project_settings

from newsbot.extract.page import extract_page
from newsbot.sites import get_profile

DATA = Path(__file__).parents[1] / "data" / "sites"
DATES = {"published", "modified"}


def _comparable(field: str, value):
    if field in DATES and value:
        return datetime.fromisoformat(value)
    if field == "images":
        return [vars(image) if not isinstance(image, dict) else image for image in value]
    if field == "body":
        return " ".join((value or "").split())
    return value


def profile_tests(name: str):
    pages = sorted((DATA / name).glob("*.html"))

    def test_registered_as_a_spider():
        assert name in SpiderLoader.from_settings(get_project_settings()).list()

    def test_pages_saved():
        assert pages, f"save at least one article page of the site and its expected fields under {DATA / name}"

    @pytest.mark.parametrize("page", pages, ids=[p.stem for p in pages])
    def test_extraction_matches_expected_fields(page):
        profile = get_profile(name)
        expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
        article = extract_page(page.read_text(encoding="utf-8"), expected["url"], profile, profile.section)
        for field, value in expected.items():
            assert _comparable(field, getattr(article, field)) == _comparable(field, value), field

    return test_registered_as_a_spider, test_pages_saved, test_extraction_matches_expected_fields
