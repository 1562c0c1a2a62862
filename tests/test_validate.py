"""Validation: the compiled fast path and Spidermon's own validation both accept every valid article and
reject every invalid one (valid or not by construction), and the pipeline drops what Spidermon drops."""

from __future__ import annotations

import copy

import pytest
from fastjsonschema import JsonSchemaException
from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler
from spidermon.contrib.validation.jsonschema.validator import JSONSchemaValidator

from newsbot.items import Article, Comment, Image
from newsbot.pipelines.validate import ValidateArticlePipeline
from newsbot.settings import SPIDERMON_VALIDATION_DROP_ITEMS_WITH_ERRORS, SPIDERMON_VALIDATION_SCHEMAS

SETTINGS = {"SPIDERMON_ENABLED": True, "SPIDERMON_VALIDATION_SCHEMAS": SPIDERMON_VALIDATION_SCHEMAS,
            "SPIDERMON_VALIDATION_DROP_ITEMS_WITH_ERRORS": SPIDERMON_VALIDATION_DROP_ITEMS_WITH_ERRORS}

VALID = Article(
    url="https://news.example/2024/05/01/story/?utm_source=x",
    canonical_url="https://news.example/2024/05/01/story/",
    title="عنوان الخبر",
    published="2024-05-01T10:00:00+03:00",
    modified="2024-05-02T08:30:00+03:00",
    authors=["محمد علي"],
    section="world-news",
    section_name="اخبار العالم",
    tags=["سياسة"],
    body="الفقرة الأولى.\n\nالفقرة الثانية.",
    images=[Image(url="https://news.example/a.jpg", caption="صورة", credit="AP")],
    source_url="https://agency.example/original",
    related_urls=["https://news.example/other/"],
    comments=[Comment(id="7", parent_id=None, author="قارئ", published="2024-05-01T11:00:00+03:00", text="تعليق")],
    language="ar",
    crawled_at="2024-05-03T00:00:00+00:00",
    extraction={"title": "profile"},
    fingerprint="ab" * 16,
)


def mutations():
    """Valid articles and invalid ones: each required field missing or empty, wrong types, bad values."""
    data = ItemAdapter(VALID).asdict()
    yield "valid", data
    yield "valid without optional fields", {k: data[k] for k in ("url", "canonical_url", "title", "body", "section", "crawled_at")}
    for field in ("url", "canonical_url", "title", "body", "section", "crawled_at"):
        yield f"no {field}", {k: v for k, v in data.items() if k != field}
        yield f"{field} null", {**data, field: None}
    changes = {
        "empty title": {"title": ""}, "empty body": {"body": ""}, "empty section": {"section": ""},
        "url not http": {"url": "ftp://news.example/x"}, "canonical relative": {"canonical_url": "/x/"},
        "published not a date": {"published": "yesterday"}, "published without time": {"published": "2024-05-01"},
        "crawled_at not a date": {"crawled_at": "now"}, "authors a string": {"authors": "محمد"},
        "empty author": {"authors": [""]}, "tags numbers": {"tags": [1, 2]}, "body a list": {"body": ["x"]},
        "image without url": {"images": [{"caption": "x"}]}, "image url number": {"images": [{"url": 5}]},
        "comment without id": {"comments": [{"text": "x"}]}, "comment text number": {"comments": [{"id": "1", "text": 3}]},
        "comment date bad": {"comments": [{"id": "1", "text": "x", "published": "soon"}]},
        "language number": {"language": 5}, "update not bool": {"update": "yes"},
        "related not list": {"related_urls": "https://x/"}, "extraction not object": {"extraction": ["x"]},
    }
    for name, change in changes.items():
        yield name, {**copy.deepcopy(data), **change}


def spidermon_accepts(validator: JSONSchemaValidator, data: dict) -> bool:
    ok, _errors = validator.validate(data)
    return ok


@pytest.fixture(scope="module")
def validators():
    pipeline = ValidateArticlePipeline.from_crawler(get_crawler(settings_dict=SETTINGS))
    (validator,) = [v for found in pipeline.validators.values() for v in found]
    (fast,) = pipeline.fast_checks
    return validator, fast


@pytest.mark.parametrize("name, data", list(mutations()), ids=[name for name, _ in mutations()])
def test_the_compiled_check_and_spidermon_accept_exactly_the_valid_articles(validators, name, data):
    """Each mutation is valid or not by construction (its name says which): both checks must agree with it,
    so a schema loosened or a compiled check that lets an invalid article through fails here."""
    reference, fast = validators
    valid = name.startswith("valid")
    try:
        fast(copy.deepcopy(data))
        fast_accepts = True
    except JsonSchemaException:  # what the pipeline catches: any other exception is a bug, and fails the test
        fast_accepts = False
    assert fast_accepts == valid, f"{name}: the compiled check {'rejects' if valid else 'accepts'} it"
    assert spidermon_accepts(reference, data) == valid, f"{name}: Spidermon {'rejects' if valid else 'accepts'} it"


def test_the_pipeline_drops_what_spidermon_drops_and_counts_every_article():
    crawler = get_crawler(settings_dict=SETTINGS)
    crawler.stats.open_spider()
    pipeline = ValidateArticlePipeline.from_crawler(crawler)
    (reference,) = [v for found in pipeline.validators.values() for v in found]
    items = [VALID, Article(url="https://news.example/x/", canonical_url="https://news.example/x/", title="t",
                            body="b", section="world-news", crawled_at="2024-05-03T00:00:00+00:00"),
             Article(url="https://news.example/y/", canonical_url="https://news.example/y/", title=None, body="b",
                     section="world-news", crawled_at="2024-05-03T00:00:00+00:00"),
             Article(url="https://news.example/z/", canonical_url="https://news.example/z/", title="t", body="",
                     section="world-news", crawled_at="2024-05-03T00:00:00+00:00")]
    kept = []
    for item in items:
        try:
            kept.append(pipeline.process_item(item))
        except DropItem as dropped:
            assert ItemAdapter(item)["url"] in str(dropped)
    assert kept == [item for item in items if spidermon_accepts(reference, ItemAdapter(item).asdict())]
    assert len(kept) == 2
    assert crawler.stats.get_value("spidermon/validation/items") == len(items)
    assert crawler.stats.get_value("spidermon/validation/items/dropped") == 2
