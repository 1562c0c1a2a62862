"""What a crawl keeps across runs, in two stores on one backend (``NEWSBOT_STORE_URI``, SQLite by default; a
relative path is taken from the working directory and its folder is created; another backend implements
both interfaces and registers its scheme in ``BACKENDS``):

- :class:`DedupStore`: what earlier runs emitted and what this run has staged, in two layers, which is what
  makes a killed run safe. *Committed* records are articles in a finished feed; *staged* ones are what the
  running crawl decided to emit, committed only when ``newsbot.extensions.emitted_commit`` sees the feed
  complete (``commit_run``). The next :meth:`DedupStore.begin_run` discards what a run that died left
  staged. Lookups see the staged layer over the committed one; near-duplicate lookups go through LSH
  buckets (integers, ``newsbot.dedup.fingerprint``) that the backend indexes;
  With several workers on one backend (PostgreSQL), each stages under its *slot* (``begin_run``), lookups
  see every worker's staged rows, and :meth:`DedupStore.stage` *claims* the article's canonical URL and
  content fingerprint atomically: a claim another worker holds raises :class:`ClaimLost`;
- :class:`RunState`: markers (a run's start, the last sitemap read, the feeds a run may leave behind) and
  URL notes (``seen``, ``failed``), written at once and never rolled back with a run.
"""

from __future__ import annotations

import logging
import weakref
from abc import ABC, abstractmethod
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Callable, Iterable
from urllib.parse import urlparse

from newsbot.config import InvalidSetting

logger = logging.getLogger(__name__)


@dataclass
class StoredArticle:
    """One article as the store keeps it."""

    canonical_url: str
    url: str
    fingerprint: str | None = None
    published: str | None = None
    modified: str | None = None
    aliases: list[str] = field(default_factory=list)
    near_duplicate_of: str | None = None
    signature: bytes | None = None  # the MinHash values, see ``newsbot.dedup.fingerprint``
    superseded_by: str | None = None  # canonical URL of the earlier-published copy that replaced it
    staged: bool = False  # True: decided by the running crawl, not yet in a finished feed


@dataclass
class FeedCorrection:
    """What the finished feed must change on the line of one staged article."""

    canonical_url: str
    remove: bool  # superseded by an earlier-published copy met later in the run
    aliases: list[str]
    near_duplicate_of: str | None


class ClaimLost(Exception):
    """Another worker staged the canonical URL or the content fingerprint first: nothing was staged."""

    def __init__(self, winner: StoredArticle | None):
        super().__init__(f"claim lost to {winner.canonical_url if winner else 'a concurrent transaction'}")
        self.winner = winner


class DedupStore(ABC):
    """What earlier runs emitted and what this run has staged: the operations of the dedup pipeline and the
    commit extension; one run per slot at a time."""

    @abstractmethod
    def begin_run(self, run_id: str, signature_scheme: str) -> int:
        """Start a run under the slot ``run_id`` (a worker's stable name: ``newsbot.pipelines.dedup``): discard
        what this slot staged in a run that never committed (with one process, every staged record); return
        how many.

        ``signature_scheme`` names how this run's near-duplicate signatures and LSH buckets are made
        (``NearDuplicateSigner.scheme``). Committed signatures made under another scheme would never match:
        they and their LSH index are forgotten, with a WARNING (exact URL and content dedup are unaffected)."""

    @abstractmethod
    def find_url(self, url: str) -> StoredArticle | None:
        """The live article stored under this canonical URL or alias (following ``superseded_by``)."""

    @abstractmethod
    def find_fingerprint(self, fingerprint: str) -> StoredArticle | None:
        """A live (not superseded) article with this content fingerprint, the staged one first."""

    @abstractmethod
    def superseded_copies(self, fingerprint: str) -> list[str]:
        """Canonical URLs of this run's superseded articles with this content fingerprint."""

    @abstractmethod
    def near_candidates(self, buckets: Iterable[int]) -> list[StoredArticle]:
        """Live articles that share at least one LSH bucket with ``buckets``."""

    @abstractmethod
    def stage(self, article: StoredArticle, buckets: Iterable[int], supersedes: str | None = None) -> None:
        """Record that this run emits ``article`` (a new one or a new version), indexed under ``buckets``; when
        ``supersedes`` names a staged article, it is superseded by ``article`` in the same step. Raises
        :class:`ClaimLost`, having written nothing, when another worker staged the same canonical URL or the
        same content first (or now holds ``supersedes``)."""

    def serialised(self, buckets: Iterable[int]) -> AbstractContextManager:
        """A block in which no other worker checks or stages a text sharing one of ``buckets`` (near-duplicate
        check and stage of one article). One process needs nothing."""
        return nullcontext()

    def void_undelivered(self, slot: str) -> int:
        """A worker died: forget what slot ``slot`` staged that never reached its feed, so other workers can
        claim those articles again; return how many. One process has no other slot."""
        return 0

    @abstractmethod
    def add_alias(self, canonical_url: str, alias: str) -> None:
        """Keep ``alias`` (the URL of a dropped copy) on the article; it resolves to it from now on."""

    @abstractmethod
    def supersede(self, loser: str, winner: str) -> None:
        """The staged article ``loser`` is replaced by the earlier-published ``winner``: the feed drops it."""

    @abstractmethod
    def mark_near_duplicate(self, canonical_url: str, original: str) -> None:
        """Set ``near_duplicate_of`` on a staged article (the feed line is corrected at commit)."""

    @abstractmethod
    def mark_in_feed(self, canonical_url: str) -> None:
        """The staged article went through every pipeline to the feed exporter."""

    @abstractmethod
    def feed_corrections(self) -> dict[str, FeedCorrection]:
        """Corrections for the feed lines of staged articles whose record changed after they were written."""

    @abstractmethod
    def commit_run(self) -> int:
        """The feed is complete: staged articles that reached it become committed; return how many."""

    @abstractmethod
    def flush(self) -> None:
        """Make the writes so far durable."""

    @abstractmethod
    def close(self) -> None:
        """Flush and release the backend (the run state on it too)."""


class RunState(ABC):
    """What incremental runs remember apart from the articles (``newsbot.middlewares.incremental``,
    ``newsbot.middlewares.retry_later``, ``newsbot.extensions.recover_feed``); every write durable at once."""

    @abstractmethod
    def marker(self, name: str) -> str | None:
        """A value kept across runs (e.g. ``last_run_started``), or None."""

    @abstractmethod
    def set_marker(self, name: str, value: str | None) -> None:
        """Keep ``value`` under ``name`` (None removes it)."""

    @abstractmethod
    def note_url(self, url: str, kind: str) -> None:
        """Remember ``url`` under ``kind``: ``seen`` (fetched, nothing to emit), ``failed`` (retry next run)."""

    @abstractmethod
    def url_noted(self, url: str, kind: str) -> bool:
        """True when ``url`` is remembered under ``kind``."""

    @abstractmethod
    def noted_urls(self, kind: str) -> list[str]:
        """Every URL remembered under ``kind``."""

    @abstractmethod
    def forget_url(self, url: str, kind: str) -> None:
        """Stop remembering ``url`` under ``kind``."""


MAX_SUPERSEDED_HOPS = 16


def live_article(article: StoredArticle | None, get: Callable[[str], StoredArticle | None]) -> StoredArticle | None:
    """``article``, or the live article that superseded it (``superseded_by`` followed, each read with ``get``)."""
    for _ in range(MAX_SUPERSEDED_HOPS):
        if article is None or article.superseded_by is None:
            return article
        article = get(article.superseded_by)
    return article


def warn_signatures_cleared(store: object, recorded: str | None, scheme: str) -> None:
    """Say that ``store``'s near-duplicate signatures, made by the ``recorded`` scheme, are being cleared."""
    logger.warning(
        "Dedup store %s: its near-duplicate signatures were made by another scheme (%s, now %s) and are"
        " cleared: near-duplicate detection against earlier runs restarts from this run (exact URL and"
        " content dedup keep working)",
        store, recorded or "unrecorded", scheme,
    )


def crawl_marker(crawler, name: str) -> str:
    """The run-state marker ``name`` of this crawl: per spider, and per site when the spider crawls another
    site than its profile's (``-a base_url=``; the generic ``wordpress`` spider always does), so that the
    crawls of several sites in one store keep markers apart."""
    marker = f"{name}:{crawler.spidercls.name}"
    site = (getattr(crawler.spider, "base_url", None) or "").rstrip("/")
    profile = getattr(getattr(crawler.spider, "profile", None), "base_url", None) or ""
    return f"{marker}@{site}" if site and site != profile.rstrip("/") else marker


@dataclass
class Stores:
    """The two stores of one backend, sharing its connection."""

    dedup: DedupStore
    run_state: RunState
    close: Callable[[], None]  # flush and release the backend


def open_stores(uri: str) -> Stores:
    """The stores at ``uri`` (``sqlite:///relative/path``, ``sqlite:////absolute/path``,
    ``postgresql://user:password@host:port/database``)."""
    scheme = urlparse(uri).scheme
    if scheme not in BACKENDS:
        raise InvalidSetting("NEWSBOT_STORE_URI", uri, f"unsupported scheme {scheme!r}; known: {', '.join(sorted(BACKENDS))}")
    return BACKENDS[scheme](uri)


def _open_sqlite(uri: str) -> Stores:
    from newsbot.store.sqlite import open_sqlite

    return open_sqlite(uri)


def _open_postgres(uri: str) -> Stores:
    from newsbot.store.postgres import open_postgres

    return open_postgres(uri)


BACKENDS = {"sqlite": _open_sqlite, "postgresql": _open_postgres, "postgres": _open_postgres}

_crawler_stores: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _crawler_stores_of(crawler) -> Stores:
    if crawler not in _crawler_stores:
        _crawler_stores[crawler] = open_stores(crawler.settings.get("NEWSBOT_STORE_URI"))
    return _crawler_stores[crawler]


def crawler_store(crawler) -> DedupStore:
    """The one dedup store a crawl shares between the dedup pipeline and the commit extension."""
    return _crawler_stores_of(crawler).dedup


def crawler_run_state(crawler) -> RunState:
    """The crawl's run state, on the same backend as its dedup store."""
    return _crawler_stores_of(crawler).run_state


def release_crawler_stores(crawler) -> None:
    """Close the crawl's stores, if they were opened."""
    stores = _crawler_stores.pop(crawler, None)
    if stores is not None:
        stores.close()
