"""Validation: every article is checked against the published JSON Schema (``newsbot/schema/article.json``)
before dedup and export, by Spidermon's validation pipeline. An invalid article is dropped, not written
half-empty, with a log line naming the URL and the failing fields.

Spidermon's validator (``jsonschema``) is slow for a check every article goes through, so the schemas are
also compiled with ``fastjsonschema``: an article that every compiled schema accepts is counted as Spidermon
counts it and passed on; any other goes through Spidermon's own validation, which decides and drops it.
The compiled check accepts exactly what Spidermon accepts (``tests/test_validate.py``). Schemas given per
item class (a dict) are not compiled: every article then takes Spidermon's path.

Settings (Spidermon's): ``SPIDERMON_ENABLED``, ``SPIDERMON_VALIDATION_SCHEMAS``,
``SPIDERMON_VALIDATION_DROP_ITEMS_WITH_ERRORS``. Stats: ``spidermon/validation/items``,
``spidermon/validation/items/dropped`` and ``spidermon/validation/fields/errors/<error>/<field>``.
"""

from __future__ import annotations

from typing import Callable

import fastjsonschema
from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem
from spidermon.contrib.scrapy.pipelines import ItemValidationPipeline
from spidermon.contrib.validation.jsonschema.tools import get_schema_from

from newsbot.items import item_dict


def compiled_checks(schemas) -> list[Callable] | None:
    """The fastjsonschema functions of ``SPIDERMON_VALIDATION_SCHEMAS`` given as a list (paths or dicts,
    loaded as Spidermon loads them); None when it is given per item class."""
    if not isinstance(schemas, (list, tuple)):
        return None
    return [fastjsonschema.compile(get_schema_from(s) if isinstance(s, str) else s) for s in schemas]


class ValidateArticlePipeline(ItemValidationPipeline):
    fast_checks: list[Callable] | None = None

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = super().from_crawler(crawler)  # a pass-through pipeline when Spidermon is off
        if isinstance(pipeline, cls):
            pipeline.fast_checks = compiled_checks(crawler.settings.get("SPIDERMON_VALIDATION_SCHEMAS"))
        return pipeline

    def process_item(self, item, spider=None):
        data = item_dict(item)
        if self.fast_checks is not None and self._accepted(data):
            self.stats.add_item()
            self.stats.add_fields(len(data))
            return item
        try:
            return super().process_item(item, spider)
        except DropItem:
            raise DropItem(f"invalid article {ItemAdapter(item).get('url')}: {self.reasons(item, data)}") from None

    def _accepted(self, data: dict) -> bool:
        try:
            for check in self.fast_checks:
                check(data)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    def reasons(self, item, data: dict) -> str:
        """The failing fields and their messages, as Spidermon's validators give them."""
        errors = {}
        for validator in self.find_validators(item):
            errors.update(validator.validate(data)[1])
        return "; ".join(f"{field}: {', '.join(messages)}" for field, messages in sorted(errors.items()))
