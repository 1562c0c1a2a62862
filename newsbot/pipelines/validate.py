"""Validation: every article is checked against the published JSON Schema (``newsbot/schema/article.json``)
before export, by Spidermon's validation pipeline. An invalid article is dropped, not written half-empty,
with a log line naming the URL and the failing fields.

Settings (Spidermon's): ``SPIDERMON_ENABLED`` (True), ``SPIDERMON_VALIDATION_SCHEMAS`` (the schema, by item
class), ``SPIDERMON_VALIDATION_DROP_ITEMS_WITH_ERRORS`` (True). Stats: ``spidermon/validation/items/dropped``
and ``spidermon/validation/fields/errors/<error>/<field>``.
"""

from __future__ import annotations

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem
from spidermon.contrib.scrapy.pipelines import ItemValidationPipeline


class ValidateArticlePipeline(ItemValidationPipeline):
    def _drop_item(self, item, errors):
        self.stats.add_dropped_item()
        reasons = "; ".join(f"{field}: {', '.join(messages)}" for field, messages in sorted(errors.items()))
        raise DropItem(f"invalid article {ItemAdapter(item).get('url')}: {reasons}")
