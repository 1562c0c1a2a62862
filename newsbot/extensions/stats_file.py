"""Write the run's final stats as JSON beside the feed (``<feed>.stats.json``), for people and scripts.

Written when the engine stops, after the feed is stored and finalized, so the stats are the final ones.

Settings: ``NEWSBOT_STATS_FILE`` (a path; default beside the feed; empty string disables).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from scrapy import signals

from newsbot.runfiles import sidecar_path


class StatsFile:
    def __init__(self, crawler):
        self.crawler = crawler
        self.path_setting = crawler.settings.get("NEWSBOT_STATS_FILE")

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def engine_stopped(self):
        if self.path_setting == "":
            return
        path = Path(self.path_setting) if self.path_setting else sidecar_path(self.crawler, ".stats.json")
        if path is None:
            return
        stats = {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in self.crawler.stats.get_stats().items()}
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(stats, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
