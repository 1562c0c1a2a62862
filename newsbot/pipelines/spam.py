"""Drops spam comments from each article and quarantines them beside the run's feed.

For each article, every comment is scored by ``newsbot.spam.SpamFilter`` (one per run: the "same text on
several articles" signal remembers what it saw, boundedly). Spam comments leave ``comments``; the replies
of a dropped comment are re-parented to the dropped comment's own parent (the nearest kept ancestor, or
``None``). Each dropped comment is written, with ``article_url``, ``score`` and ``reasons``, as one JSON line
(UTF-8, unescaped) to the quarantine file, opened on the first spam and flushed after each article.

Settings: those of ``newsbot.spam.filter`` (``SPAM_THRESHOLD``, ``SPAM_MAX_LINKS``, ``SPAM_WEIGHTS``,
``SPAM_DUPLICATE_MIN_CHARS``, ``SPAM_DUPLICATE_MEMORY``, ``SPAM_DATA_DIRS``), and
``SPAM_QUARANTINE_PATH`` (default: beside the feed, ``newsbot.runfiles.sidecar_path(crawler,
".spam.jsonl")``; appended to). With neither a path nor a local feed, spam is still dropped, not written.

Stats: ``spam/kept``, ``spam/dropped``, ``spam/reason/<reason>`` (per dropped comment; the model's as
``spam/reason/model``), ``spam/reparented``.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import IO, Any

from itemadapter import ItemAdapter

from newsbot.language import language_code
from newsbot.runfiles import sidecar_path
from newsbot.spam import SpamFilter, Verdict
from newsbot.spam.language import identify

logger = logging.getLogger(__name__)
QUARANTINE_SUFFIX = ".spam.jsonl"


def article_language(adapter: ItemAdapter) -> str | None:
    """The article's primary language subtag (``ar-SA`` -> ``ar``); when the page declared none, the language
    identified in its title and body; None when neither tells."""
    return (language_code(adapter.get("language"))
            or identify(f"{adapter.get('title') or ''}\n{(adapter.get('body') or '')[:1000]}")[0])


def stats_key(reason: str) -> str:
    """A reason as a stats key: the model's reason without the features it names (they vary endlessly)."""
    return "model" if reason.startswith("model:") else reason


def reparent(kept: list[Any], parent_of_dropped: dict[Any, Any]) -> int:
    """Points replies of dropped comments at their nearest kept ancestor; returns how many moved."""
    moved = 0
    for comment in kept:
        adapter = ItemAdapter(comment)
        parent, seen = adapter.get("parent_id"), set()
        while parent in parent_of_dropped and parent not in seen:
            seen.add(parent)
            parent = parent_of_dropped[parent]
        if parent != adapter.get("parent_id"):
            adapter["parent_id"] = parent
            moved += 1
    return moved


class SpamCommentsPipeline:
    def __init__(self, crawler, spam_filter: SpamFilter, quarantine_path: Path | None):
        self.crawler = crawler
        self.stats = crawler.stats
        self.spam_filter = spam_filter
        self._configured_path = quarantine_path
        self._quarantine: IO[str] | None = None
        self._warned_no_path = False

    @classmethod
    def from_crawler(cls, crawler):
        path = crawler.settings.get("SPAM_QUARANTINE_PATH")
        return cls(crawler, SpamFilter.from_settings(crawler.settings), Path(path) if path else None)

    def quarantine_path(self) -> Path | None:
        """The configured path, else the one beside the feed (known once the spider is set)."""
        return self._configured_path or sidecar_path(self.crawler, QUARANTINE_SUFFIX)

    def process_item(self, item, spider=None):
        adapter = ItemAdapter(item)
        comments = adapter.get("comments") or []
        if not comments:
            return item
        url = adapter.get("canonical_url") or adapter.get("url")
        language = article_language(adapter)
        kept, dropped = [], []
        for comment in comments:
            verdict = self.spam_filter.score(comment, article_language=language, article_url=url)
            (dropped if verdict.spam else kept).append((comment, verdict))
        self.stats.inc_value("spam/kept", len(kept))
        if dropped:
            parent_of_dropped = {ItemAdapter(c).get("id"): ItemAdapter(c).get("parent_id") for c, _ in dropped}
            adapter["comments"] = [c for c, _ in kept]
            self.stats.inc_value("spam/reparented", reparent(adapter["comments"], parent_of_dropped))
            self._quarantine_all(dropped, adapter.get("url") or url)
        return item

    def _quarantine_all(self, dropped: list[tuple[Any, Verdict]], article_url: str | None) -> None:
        self.stats.inc_value("spam/dropped", len(dropped))
        for _, verdict in dropped:
            for reason in verdict.reasons:
                self.stats.inc_value(f"spam/reason/{stats_key(reason)}")
        out = self._open_quarantine()
        if out is None:
            return
        for comment, verdict in dropped:
            row = {**ItemAdapter(comment).asdict(), "article_url": article_url, "score": verdict.score,
                   "reasons": verdict.reasons}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        out.flush()

    def _open_quarantine(self) -> IO[str] | None:
        if self._quarantine is None:
            path = self.quarantine_path()
            if path is None:
                if not self._warned_no_path:
                    logger.warning("spam comments are dropped but not written: no local feed, no SPAM_QUARANTINE_PATH")
                    self._warned_no_path = True
                return None
            path.parent.mkdir(parents=True, exist_ok=True)
            self._quarantine = path.open("a", encoding="utf-8")
            logger.info("quarantining spam comments in %s", path)
        return self._quarantine

    def close_spider(self, spider=None):
        if self._quarantine is not None:
            self._quarantine.close()
            self._quarantine = None
