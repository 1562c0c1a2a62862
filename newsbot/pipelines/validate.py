"""Validation: every article is checked against the published JSON Schema (``newsbot/schema/article.json``)
before export, by Spidermon's validation pipeline. An invalid article is dropped, not written half-empty,
with a log line naming the URL and the failing fields.

Spidermon's validator (``jsonschema``) costs about 1 ms an article, as much as the rest of the pipelines
together; each schema is therefore also compiled with ``fastjsonschema`` (20 times faster). An article that
every compiled schema accepts is counted as Spidermon counts it and passed on; any other goes through
Spidermon's own validation, which decides, names the failing fields and drops it. The compiled check is
at least as strict as Spidermon's (``tests/test_validate.py``), so no article Spidermon would drop passes.

Settings (Spidermon's): ``SPIDERMON_ENABLED`` (True), ``SPIDERMON_VALIDATION_SCHEMAS`` (the schema, by item
class), ``SPIDERMON_VALIDATION_DROP_ITEMS_WITH_ERRORS`` (True). Stats: ``spidermon/validation/items``,
``spidermon/validation/items/dropped`` and ``spidermon/validation/fields/errors/<error>/<field>``.
"""

from __future__ import annotations

import fastjsonschema
from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem
from spidermon.contrib.scrapy.pipelines import ItemValidationPipeline
from spidermon.contrib.validation.jsonschema.validator import JSONSchemaValidator

from newsbot.items import item_dict


def compiled_check(validator):
    """The fastjsonschema function of a Spidermon JSON Schema validator; None for other validators."""
    return fastjsonschema.compile(validator._schema) if isinstance(validator, JSONSchemaValidator) else None


class ValidateArticlePipeline(ItemValidationPipeline):
    def __init__(self, validators, *args, **kwargs):
        super().__init__(validators, *args, **kwargs)
        self.fast_checks = {id(v): compiled_check(v) for found in validators.values() for v in found}

    def process_item(self, item, spider=None):
        validators = self.find_validators(item)
        if not validators:
            return item
        data = item_dict(item)
        if self._accepted(data, [self.fast_checks[id(v)] for v in validators]):
            self.stats.add_item()
            self.stats.add_fields(len(data))
            return item
        return super().process_item(item, spider)

    @staticmethod
    def _accepted(data: dict, checks) -> bool:
        try:
            for check in checks:
                if check is None:
                    return False
                check(data)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    def _drop_item(self, item, errors):
        self.stats.add_dropped_item()
        reasons = "; ".join(f"{field}: {', '.join(messages)}" for field, messages in sorted(errors.items()))
        raise DropItem(f"invalid article {ItemAdapter(item).get('url')}: {reasons}")

