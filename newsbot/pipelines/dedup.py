"""Emit every unique article once, within a run and across runs: the last pipeline, so nothing it records
is dropped after it. Each ``Article`` is checked, in this order, for:

1. **a known URL** (its canonical URL or an alias is in the store): dropped when staged in this run
   (``dedup/exact_url``) or emitted before unchanged (``dedup/seen_before``); emitted with ``update`` and
   ``previous_fingerprint`` when its content or ``modified`` changed (``dedup/updated``);
2. **the same content under another URL** (equal ``fingerprint``, ``newsbot.dedup.fingerprint``): one copy
   is emitted, the other's URL goes into its ``aliases`` (``dedup/exact_content``);
3. **a near duplicate** (MinHash similarity of word shingles from ``DEDUP_NEAR_THRESHOLD``, found through
   LSH buckets): dropped, or with ``mark`` emitted with ``near_duplicate_of`` (``dedup/near``).

With several workers on one store (PostgreSQL), staging an article claims its canonical URL and content
fingerprint atomically: when another worker claimed them first (``newsbot.store.ClaimLost``), the checks
run again and find its article, as if it had been there all along (``dedup/claims_lost``); the near-duplicate
check and the stage of a text are one step for the texts sharing its LSH buckets (``DedupStore.serialised``).
Each worker stages under its slot (``NEWSBOT_WORKER_SLOT``); when another worker is found dead
(``newsbot.signals.worker_lost``), what it staged without delivering is voided so others can emit it.

The first-published copy wins. When an earlier-published original arrives while its copy is only staged,
the original is emitted and the copy marked superseded; ``newsbot.extensions.emitted_commit`` removes it
from the finished feed and corrects the lines whose ``aliases`` or ``near_duplicate_of`` changed
(``dedup/superseded``). A copy an earlier run delivered stays the winner. Every record and the LSH index
are in the store (``newsbot.store``); an article counts as emitted once its feed is committed.

Settings:
- ``NEWSBOT_STORE_URI``: the store, see ``newsbot.store``.
- ``DEDUP_NEAR_THRESHOLD``: estimated Jaccard similarity of word shingles from which an article is a near
  duplicate. Two texts that share a fraction f of their shingles score f / (2 - f); how the default was
  chosen: ``benchmarks/dedup_threshold.py`` and the README.
- ``DEDUP_NEAR_MODE``: ``drop`` (the default: people archive the news without its near-identical
  rewrites) or ``mark`` (a rewrite, which may carry a fact its original lacks, kept with
  ``near_duplicate_of`` set). Any other value stops the run.
- ``NEWSBOT_WORKER_SLOT``: the slot this process stages under: a shared crawl's ``<run>/<worker>``; empty
  (the default) means the spider's name, so a killed run's staged records are discarded by the next run.
- ``DEDUP_NUM_PERM`` and ``DEDUP_SHINGLE_WORDS``: MinHash size and shingle length. Signatures stored with
  other values are not comparable: the first run with new ones clears them, with a WARNING.

Stats: the ``dedup/*`` above, ``dedup/new`` (emitted as never seen), ``dedup/discarded_staged`` (records a
killed run left staged), ``dedup/claims_lost``, ``dedup/voided_undelivered`` (a dead worker's records).
"""

from __future__ import annotations

import logging
from datetime import datetime

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from newsbot import config
from newsbot.signals import worker_lost
from newsbot.store import ClaimLost, StoredArticle, crawler_store
from newsbot.dedup.fingerprint import NearDuplicateSigner, NormalizedText, content_fingerprint, normalize

logger = logging.getLogger(__name__)

NEAR_MODES = ("drop", "mark")
STATS = ("exact_url", "exact_content", "near", "updated", "seen_before", "superseded", "new", "claims_lost")
CLAIM_ATTEMPTS = 8  # each lost claim means another worker staged a related article: the next check finds it
CHECKED_FIELDS = ("aliases", "update", "previous_fingerprint", "near_duplicate_of")  # what the checks set


class DuplicateItem(DropItem):
    """The dedup pipeline dropped this item: its article is emitted under another item."""

    def __init__(self, message: str):
        super().__init__(message, log_level="DEBUG")


class BodyText:
    """An item's normalized text, and its MinHash signature and LSH buckets, computed once when needed
    (an item dropped by URL or fingerprint never needs them)."""

    __slots__ = ("normalized", "_signer", "_signature", "_buckets")

    def __init__(self, normalized: NormalizedText, signer: NearDuplicateSigner):
        self.normalized = normalized
        self._signer = signer
        self._signature: bytes | None = None
        self._buckets: list[int] | None = None

    @property
    def signature(self) -> bytes | None:
        if self._signature is None and self.normalized.text:
            self._signature = self._signer.signature(self.normalized)
        return self._signature

    @property
    def buckets(self) -> list[int]:
        if self._buckets is None:
            self._buckets = self._signer.buckets(self.signature) if self.signature else []
        return self._buckets


def published_earlier(a: str | None, b: str | None) -> bool:
    """True when ISO 8601 date ``a`` is strictly before ``b``; False when either is missing or unreadable."""
    if not a or not b:
        return False
    try:
        return datetime.fromisoformat(a) < datetime.fromisoformat(b)
    except (TypeError, ValueError):  # unparsable, or naive compared with aware
        return False


def merged(*url_lists: list[str]) -> list[str]:
    return list(dict.fromkeys(url for urls in url_lists for url in urls))


class DeduplicationPipeline:
    def __init__(self, store, signer: NearDuplicateSigner, near_mode: str, stats, slot: str):
        self.store = store
        self.signer = signer
        self.near_mode = near_mode
        self.stats = stats
        self.slot = slot
        self._count = stats.inc_value  # bound once: a stats collector's attribute lookup is not free

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls.from_settings(crawler.settings, crawler_store(crawler), crawler.stats, crawler.spidercls.name)
        crawler.signals.connect(pipeline.worker_lost, signal=worker_lost)
        return pipeline

    @classmethod
    def from_settings(cls, settings, store, stats, spider_name: str):
        near_mode = config.choice(settings, "DEDUP_NEAR_MODE", NEAR_MODES)
        signer = NearDuplicateSigner(
            threshold=config.number(settings, "DEDUP_NEAR_THRESHOLD", minimum=0.01, maximum=1),
            num_perm=config.number(settings, "DEDUP_NUM_PERM", int, minimum=2),
            shingle_words=config.number(settings, "DEDUP_SHINGLE_WORDS", int, minimum=1),
        )
        return cls(store, signer, near_mode, stats, settings.get("NEWSBOT_WORKER_SLOT") or spider_name)

    def open_spider(self, spider=None):
        discarded = self.store.begin_run(self.slot, self.signer.scheme)
        if discarded:
            logger.warning("Dedup: %d records staged by a run that did not finish count as not emitted", discarded)
        self.stats.set_value("dedup/discarded_staged", discarded)

    def worker_lost(self, slot: str):
        """Another worker died: what it staged and never delivered may be emitted by the living ones."""
        voided = self.store.void_undelivered(slot)
        self._count("dedup/voided_undelivered", voided)
        logger.warning("Dedup: worker %s was lost; %d articles it had staged but not delivered are voided", slot, voided)

    def close_spider(self, spider=None):
        self.store.flush()
        counts = {name: self.stats.get_value(f"dedup/{name}", 0) for name in STATS}
        logger.info("Dedup: %s", ", ".join(f"{name}={count}" for name, count in counts.items()))

    def process_item(self, item, spider=None):
        adapter = ItemAdapter(item)
        text = BodyText(normalize(adapter.get("body") or ""), self.signer)
        adapter["fingerprint"] = content_fingerprint(text.normalized) if text.normalized.text else None
        as_received = {name: adapter.get(name) for name in CHECKED_FIELDS}
        for _ in range(CLAIM_ATTEMPTS):
            try:
                return self._known_url(item, adapter, text) or self._exact_copy(item, adapter, text) or self._new_text(
                    item, adapter, text)
            except ClaimLost:
                self._count("dedup/claims_lost")
                for name, value in as_received.items():
                    if value is None:
                        adapter.pop(name, None)
                    else:
                        adapter[name] = value
        raise RuntimeError(f"Dedup: {adapter['canonical_url']} lost its claim {CLAIM_ATTEMPTS} times in a row")

    def _new_text(self, item, adapter, text):
        """Neither its URL nor its text is known: a near duplicate, or new (one step for texts sharing a bucket)."""
        with self.store.serialised(text.buckets if text.normalized.text else []):
            return self._near_copy(item, adapter, text) or self._emit(item, adapter, text, "new")

    # -- the three checks: each returns the item to emit, raises DuplicateItem, or returns None --------

    def _known_url(self, item, adapter, text):
        known = self.store.find_url(adapter["canonical_url"])
        if known is None:
            return None
        same_content = known.fingerprint == adapter["fingerprint"]
        if known.canonical_url != adapter["canonical_url"] and not same_content:
            return None  # a URL kept as an alias now serves another text: a new article
        if known.staged:
            self._drop("exact_url", f"already emitted in this run as {known.canonical_url}")
        if same_content and (known.modified == adapter.get("modified") or known.canonical_url != adapter["canonical_url"]):
            self._drop("seen_before", f"emitted by an earlier run as {known.canonical_url}")
        adapter["update"] = True
        adapter["previous_fingerprint"] = known.fingerprint
        adapter["aliases"] = merged(known.aliases, adapter.get("aliases") or [])
        return self._emit(item, adapter, text, "updated")

    def _exact_copy(self, item, adapter, text):
        twin = adapter["fingerprint"] and self.store.find_fingerprint(adapter["fingerprint"])
        if not twin:
            return None
        if twin.canonical_url == adapter["canonical_url"]:  # another worker staged this URL since the URL check
            self._drop("exact_url" if twin.staged else "seen_before", f"already emitted as {twin.canonical_url}")
        if self._wins_over(adapter, twin):
            adapter["aliases"] = merged(adapter.get("aliases") or [], twin.aliases, [twin.canonical_url])
            return self._emit(item, adapter, text, "exact_content", supersedes=twin)
        self.store.add_alias(twin.canonical_url, adapter["canonical_url"])
        self._drop("exact_content", f"same text as {twin.canonical_url}")

    def _near_copy(self, item, adapter, text):
        if not text.normalized.text:
            return None
        original, similarity = self._most_similar(adapter, text)
        if original is None:
            return None
        if self._wins_over(adapter, original):
            if self.near_mode == "drop":
                return self._emit(item, adapter, text, "near", supersedes=original)
            self._emit(item, adapter, text, "near")
            self.store.mark_near_duplicate(original.canonical_url, adapter["canonical_url"])
            return item
        if self.near_mode == "drop":
            self._drop("near", f"near duplicate ({similarity:.2f}) of {original.canonical_url}")
        adapter["near_duplicate_of"] = original.near_duplicate_of or original.canonical_url
        return self._emit(item, adapter, text, "near")

    # -- helpers ---------------------------------------------------------------------------------------

    def _most_similar(self, adapter, text) -> tuple[StoredArticle | None, float]:
        signature = text.signature
        best, best_similarity = None, self.signer.threshold
        for candidate in self.store.near_candidates(text.buckets):
            if candidate.signature is None or candidate.canonical_url == adapter["canonical_url"]:
                continue
            if candidate.fingerprint == adapter["fingerprint"]:
                continue  # an exact copy another worker staged since the exact check: the stage's claim finds it
            similarity = self.signer.similarity(signature, candidate.signature)
            if similarity >= best_similarity:
                best, best_similarity = candidate, similarity
        return best, best_similarity

    def _wins_over(self, adapter, stored: StoredArticle) -> bool:
        """The item replaces ``stored``: it was published earlier, and ``stored`` is not yet delivered."""
        return stored.staged and published_earlier(adapter.get("published"), stored.published)

    def _emit(self, item, adapter, text: BodyText, stat: str, supersedes: StoredArticle | None = None):
        fingerprint = adapter["fingerprint"]
        copies = fingerprint and [u for u in self.store.superseded_copies(fingerprint) if u != adapter["canonical_url"]]
        if copies:  # a copy of this text superseded earlier (by a near duplicate) is an alias
            adapter["aliases"] = merged(adapter.get("aliases") or [], copies)
        signature = text.signature
        self.store.stage(
            StoredArticle(
                canonical_url=adapter["canonical_url"],
                url=adapter["url"],
                fingerprint=fingerprint,
                published=adapter.get("published"),
                modified=adapter.get("modified"),
                aliases=list(adapter.get("aliases") or []),
                near_duplicate_of=adapter.get("near_duplicate_of"),
                signature=signature,
            ),
            text.buckets,
            supersedes=supersedes.canonical_url if supersedes else None,
        )
        self._count(f"dedup/{stat}")
        if supersedes:
            self._count("dedup/superseded")
        return item

    def _drop(self, stat: str, reason: str):
        self._count(f"dedup/{stat}")
        raise DuplicateItem(f"Duplicate ({stat}): {reason}")
