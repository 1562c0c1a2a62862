"""The PostgreSQL backend (``postgresql://user@host:port/database``): the :class:`DedupStore` that worker
processes share, and the connection it shares with the run state (``newsbot.store.postgres_run_state``).
psycopg 3, imported only for this backend; one connection per process, in autocommit mode: every write is
durable at once, and the operations that must be atomic are transactions of their own.

Tables (``SCHEMA``, created if absent): ``articles`` (committed), ``staged`` (what running workers decided to
emit, each row under its worker's *slot*), ``aliases`` (the URL of a dropped copy → its article; ``slot``
NULL once committed) and ``meta``. Both article tables keep the LSH buckets as a ``bigint[]`` under a GIN
index, so a near-duplicate lookup is one indexed query over both layers (``fastupdate`` off: a GIN index's
pending list is read by every search, which made a lookup cost milliseconds as a run staged; ``staged``
leaves a fifth of each page free, so marking a row in the feed rewrites it in place, not its 16 index keys).

With many workers:

- lookups see the committed layer plus the staged rows of *every* slot;
- **claims are atomic**: ``staged``'s primary key is the canonical URL, and a partial unique index holds
  one live (not superseded) row per content fingerprint, so :meth:`stage` is an ``INSERT … ON CONFLICT DO
  NOTHING``: when another worker holds the URL or the fingerprint, nothing is written and
  :class:`~newsbot.store.ClaimLost` says who won; a copy that replaces an earlier one supersedes it in the
  same transaction;
- **near duplicates**: :meth:`serialised` is a transaction holding ``pg_advisory_xact_lock`` on the
  article's LSH buckets (sorted, so two workers cannot deadlock on them): the near-duplicate check and
  the stage of two texts that share a bucket happen one after the other, as in one process;
- :meth:`begin_run`, :meth:`commit_run`, :meth:`feed_corrections` touch only this slot's rows;
  :meth:`void_undelivered` drops a dead worker's rows that never reached its feed.

``meta`` records the signature scheme as the SQLite backend does (another scheme clears the signatures).
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterable, Iterator
from urllib.parse import urlparse

from newsbot.store import (
    ClaimLost, DedupStore, FeedCorrection, StoredArticle, Stores, live_article, warn_signatures_cleared,
)
from newsbot.store.postgres_run_state import PostgresRunState
from newsbot.store.sqlite import document_key

COLUMNS = "canonical_url, url, fingerprint, published, modified, aliases, near_duplicate_of, signature, superseded_by"
SCHEMA_LOCK = 0x6E657773626F74  # advisory lock key ("newsbot") serialising schema creation and scheme checks
SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    canonical_url text PRIMARY KEY, url text NOT NULL, fingerprint text, published text, modified text,
    aliases text[] NOT NULL DEFAULT '{}', near_duplicate_of text, signature bytea, superseded_by text,
    buckets bigint[] NOT NULL DEFAULT '{}', committed_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX IF NOT EXISTS articles_fingerprint ON articles (fingerprint) WHERE superseded_by IS NULL;
CREATE INDEX IF NOT EXISTS articles_buckets ON articles USING gin (buckets) WITH (fastupdate = off);
CREATE TABLE IF NOT EXISTS staged (
    canonical_url text PRIMARY KEY, slot text NOT NULL, url text NOT NULL, fingerprint text, published text,
    modified text, aliases text[] NOT NULL DEFAULT '{}', near_duplicate_of text, signature bytea,
    superseded_by text, buckets bigint[] NOT NULL DEFAULT '{}',
    in_feed boolean NOT NULL DEFAULT false, dirty boolean NOT NULL DEFAULT false) WITH (fillfactor = 80);
CREATE UNIQUE INDEX IF NOT EXISTS staged_fingerprint_claim ON staged (fingerprint) WHERE superseded_by IS NULL;
CREATE INDEX IF NOT EXISTS staged_slot ON staged (slot);
CREATE INDEX IF NOT EXISTS staged_buckets ON staged USING gin (buckets) WITH (fastupdate = off);
CREATE INDEX IF NOT EXISTS staged_superseded_by ON staged (superseded_by) WHERE superseded_by IS NOT NULL;
CREATE TABLE IF NOT EXISTS aliases (url text PRIMARY KEY, canonical_url text NOT NULL, slot text);
CREATE INDEX IF NOT EXISTS aliases_canonical_url ON aliases (canonical_url);
CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value text);
"""
# an article by canonical URL or alias: the staged row first, then the committed one
FIND_URL = f"""
SELECT {COLUMNS}, true, 0 FROM staged WHERE canonical_url = %(url)s
UNION ALL SELECT {COLUMNS}, false, 1 FROM articles WHERE canonical_url = %(url)s
UNION ALL SELECT {', '.join('s.' + c for c in COLUMNS.split(', '))}, true, 2
    FROM aliases l JOIN staged s ON s.canonical_url = l.canonical_url WHERE l.url = %(url)s
UNION ALL SELECT {', '.join('a.' + c for c in COLUMNS.split(', '))}, false, 3
    FROM aliases l JOIN articles a ON a.canonical_url = l.canonical_url WHERE l.url = %(url)s
ORDER BY 11 LIMIT 1
"""
GET = f"""
SELECT {COLUMNS}, true, 0 FROM staged WHERE canonical_url = %(url)s
UNION ALL SELECT {COLUMNS}, false, 1 FROM articles WHERE canonical_url = %(url)s
ORDER BY 11 LIMIT 1
"""
FIND_FINGERPRINT = f"""
SELECT {COLUMNS}, true, 0 FROM staged WHERE fingerprint = %(fingerprint)s AND superseded_by IS NULL
UNION ALL SELECT {COLUMNS}, false, 1 FROM articles WHERE fingerprint = %(fingerprint)s AND superseded_by IS NULL
ORDER BY 11 LIMIT 1
"""
# a committed article's staged version replaces it, whether or not that version shares a bucket
NEAR_CANDIDATES = f"""
SELECT {COLUMNS}, true FROM staged WHERE buckets && %(buckets)s::bigint[]
UNION ALL SELECT {', '.join('s.' + c for c in COLUMNS.split(', '))}, true
    FROM articles a JOIN staged s ON s.canonical_url = a.canonical_url WHERE a.buckets && %(buckets)s::bigint[]
UNION ALL SELECT {', '.join('a.' + c for c in COLUMNS.split(', '))}, false FROM articles a
    WHERE a.buckets && %(buckets)s::bigint[]
      AND NOT EXISTS (SELECT 1 FROM staged s WHERE s.canonical_url = a.canonical_url)
"""
INSERT_STAGED = f"""
INSERT INTO staged (slot, {COLUMNS}, buckets) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, NULL, %s)
ON CONFLICT DO NOTHING RETURNING 1
"""
COMMIT_STAGED = f"""
INSERT INTO articles ({COLUMNS}, buckets) SELECT {COLUMNS}, buckets FROM staged WHERE slot = %(slot)s AND in_feed
ON CONFLICT (canonical_url) DO UPDATE SET
    {', '.join(f'{c} = EXCLUDED.{c}' for c in COLUMNS.split(', ')[1:])}, buckets = EXCLUDED.buckets, committed_at = now()
"""
LOCK_BUCKETS = "SELECT count(pg_advisory_xact_lock(bucket)) FROM unnest(%s::bigint[]) AS bucket"


def create_schema(db, schema: str) -> None:
    """Create the tables of ``schema`` if absent; workers starting together create them once."""
    with db.transaction():
        db.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
        db.execute(schema)


def open_postgres(uri: str) -> Stores:
    """Both stores on one connection to the database of ``uri``."""
    import psycopg

    try:
        db = psycopg.connect(uri, autocommit=True)
    except psycopg.Error as error:
        from newsbot.config import InvalidSetting

        raise InvalidSetting("NEWSBOT_STORE_URI", redacted(uri), f"cannot connect: {error}") from error
    dedup = PostgresDedupStore(db, redacted(uri))
    return Stores(dedup=dedup, run_state=PostgresRunState(db), close=dedup.close)


def redacted(uri: str) -> str:
    """``uri`` without its password, for messages."""
    parsed = urlparse(uri)
    return parsed._replace(netloc=parsed.netloc.replace(f":{parsed.password}@", ":***@")).geturl() if parsed.password else uri


def _article(row) -> StoredArticle:
    canonical_url, url, fingerprint, published, modified, aliases, near, signature, superseded_by, staged = row[:10]
    return StoredArticle(
        canonical_url=canonical_url, url=url, fingerprint=fingerprint, published=published, modified=modified,
        aliases=list(aliases), near_duplicate_of=near, signature=bytes(signature) if signature is not None else None,
        superseded_by=superseded_by, staged=staged,
    )


class PostgresDedupStore(DedupStore):
    def __init__(self, db, uri: str):
        self.db = db
        self.uri = uri  # for messages, without a password
        self.slot: str | None = None
        create_schema(db, SCHEMA)

    def _one(self, query: str, parameters) -> StoredArticle | None:
        row = self.db.execute(query, parameters).fetchone()
        return _article(row) if row else None

    # -- reading ----------------------------------------------------------------------------------------

    def _get(self, canonical_url: str) -> StoredArticle | None:
        return self._one(GET, {"url": canonical_url})

    def find_url(self, url: str) -> StoredArticle | None:
        return live_article(self._one(FIND_URL, {"url": url}), self._get)

    def find_fingerprint(self, fingerprint: str) -> StoredArticle | None:
        found = self._one(FIND_FINGERPRINT, {"fingerprint": fingerprint})
        return found if found is None or found.staged else self._get(found.canonical_url)

    def superseded_copies(self, fingerprint: str) -> list[str]:
        rows = self.db.execute(
            "SELECT canonical_url FROM staged WHERE fingerprint = %s AND superseded_by IS NOT NULL", (fingerprint,)
        )
        return [row[0] for row in rows]

    def near_candidates(self, buckets: Iterable[int]) -> list[StoredArticle]:
        found = {}
        for row in self.db.execute(NEAR_CANDIDATES, {"buckets": list(buckets)}):
            found.setdefault(row[0], _article(row))
        candidates = sorted(found.values(), key=lambda a: document_key(a.canonical_url))
        return [a for a in candidates if a.superseded_by is None]

    # -- writing ----------------------------------------------------------------------------------------

    def begin_run(self, run_id: str, signature_scheme: str) -> int:
        self.slot = run_id
        self._check_signature_scheme(signature_scheme)
        return self._discard("slot = %s", (run_id,))

    def void_undelivered(self, slot: str) -> int:
        return self._discard("slot = %s AND NOT in_feed", (slot,))

    def _discard(self, condition: str, parameters: tuple) -> int:
        """Delete the staged rows that match ``condition``, with their aliases; rows of other workers that
        they superseded or were marked near duplicates of become live again (their feed lines corrected)."""
        with self.db.transaction():
            urls = [row[0] for row in self.db.execute(f"DELETE FROM staged WHERE {condition} RETURNING canonical_url",
                                                      parameters)]
            if urls:
                self.db.execute("DELETE FROM aliases WHERE slot IS NOT NULL AND canonical_url = ANY(%s)", (urls,))
                self.db.execute("UPDATE staged SET superseded_by = NULL, dirty = true WHERE superseded_by = ANY(%s)",
                                (urls,))
                self.db.execute("UPDATE staged SET near_duplicate_of = NULL, dirty = true"
                                " WHERE near_duplicate_of = ANY(%s)", (urls,))
        return len(urls)

    def _check_signature_scheme(self, scheme: str) -> None:
        with self.db.transaction():
            self.db.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
            row = self.db.execute("SELECT value FROM meta WHERE key = 'signature_scheme'").fetchone()
            if row is not None and row[0] == scheme:
                return
            if self.db.execute("SELECT 1 FROM articles WHERE signature IS NOT NULL LIMIT 1").fetchone():
                warn_signatures_cleared(self.uri, row[0] if row else None, scheme)
                for table in ("articles", "staged"):
                    self.db.execute(f"UPDATE {table} SET signature = NULL, buckets = '{{}}' WHERE signature IS NOT NULL")
            self.db.execute("INSERT INTO meta VALUES ('signature_scheme', %s)"
                            " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", (scheme,))

    @contextmanager
    def serialised(self, buckets: Iterable[int]) -> Iterator[None]:
        with self.db.transaction():
            self.db.execute(LOCK_BUCKETS, (sorted(set(buckets)),))
            yield

    def stage(self, article: StoredArticle, buckets: Iterable[int], supersedes: str | None = None) -> None:
        import psycopg

        try:
            with self.db.transaction():
                if supersedes is not None and not self._supersede(supersedes, article.canonical_url):
                    raise _Lost
                self.db.execute("DELETE FROM staged WHERE canonical_url = %s AND slot = %s",
                                (article.canonical_url, self.slot))
                inserted = self.db.execute(INSERT_STAGED, (
                    self.slot, article.canonical_url, article.url, article.fingerprint, article.published,
                    article.modified, list(article.aliases), article.near_duplicate_of, article.signature, list(buckets),
                )).fetchone()
                if inserted is None:
                    raise _Lost
        except (_Lost, psycopg.errors.DeadlockDetected):
            raise ClaimLost(self._claim_holder(article)) from None

    def _claim_holder(self, article: StoredArticle) -> StoredArticle | None:
        """The staged article that holds the canonical URL or the fingerprint ``article`` claimed."""
        return self._one(
            f"SELECT {COLUMNS}, true FROM staged WHERE canonical_url = %s"
            f" OR (fingerprint = %s AND superseded_by IS NULL) LIMIT 1",
            (article.canonical_url, article.fingerprint),
        )

    def add_alias(self, canonical_url: str, alias: str) -> None:
        article = self._get(canonical_url)
        if article is None or alias == canonical_url or alias in article.aliases:
            return
        with self.db.transaction():
            if article.staged:
                self.db.execute("UPDATE staged SET aliases = array_append(aliases, %s), dirty = true"
                                " WHERE canonical_url = %s AND NOT %s = ANY(aliases)", (alias, canonical_url, alias))
                slot = "(SELECT slot FROM staged WHERE canonical_url = %(url)s)"
            else:
                self.db.execute("UPDATE articles SET aliases = array_append(aliases, %s)"
                                " WHERE canonical_url = %s AND NOT %s = ANY(aliases)", (alias, canonical_url, alias))
                slot = "NULL"
            self.db.execute(f"INSERT INTO aliases VALUES (%(alias)s, %(url)s, {slot}) ON CONFLICT (url) DO UPDATE"
                            " SET canonical_url = EXCLUDED.canonical_url, slot = EXCLUDED.slot",
                            {"alias": alias, "url": canonical_url})

    def supersede(self, loser: str, winner: str) -> None:
        with self.db.transaction():
            self._supersede(loser, winner)

    def _supersede(self, loser: str, winner: str) -> bool:
        """Mark the live staged ``loser`` superseded by ``winner`` (and what it superseded); False when it is
        no longer a live staged article (another worker superseded it, or its worker committed it)."""
        updated = self.db.execute("UPDATE staged SET superseded_by = %s, dirty = true"
                                  " WHERE canonical_url = %s AND superseded_by IS NULL", (winner, loser)).rowcount
        self.db.execute("UPDATE staged SET superseded_by = %s WHERE superseded_by = %s", (winner, loser))
        return updated == 1

    def mark_near_duplicate(self, canonical_url: str, original: str) -> None:
        self.db.execute("UPDATE staged SET near_duplicate_of = %s, dirty = true WHERE canonical_url = %s",
                        (original, canonical_url))

    def mark_in_feed(self, canonical_url: str) -> None:
        self.db.execute("UPDATE staged SET in_feed = true WHERE canonical_url = %s AND slot = %s",
                        (canonical_url, self.slot))

    def feed_corrections(self) -> dict[str, FeedCorrection]:
        rows = self.db.execute(
            "SELECT canonical_url, superseded_by, aliases, near_duplicate_of FROM staged WHERE slot = %s AND dirty",
            (self.slot,),
        )
        return {url: FeedCorrection(url, superseded_by is not None, list(aliases), near)
                for url, superseded_by, aliases, near in rows}

    def commit_run(self) -> int:
        with self.db.transaction():
            self._discard("slot = %s AND NOT in_feed", (self.slot,))
            committed = self.db.execute(COMMIT_STAGED, {"slot": self.slot}).rowcount
            self.db.execute("UPDATE aliases SET slot = NULL WHERE slot = %s", (self.slot,))
            self.db.execute("DELETE FROM staged WHERE slot = %s", (self.slot,))
        return committed

    def flush(self) -> None:
        """Nothing to do: every write is committed as it is made."""

    def close(self) -> None:
        self.db.close()


class _Lost(Exception):
    """A claim was lost inside :meth:`PostgresDedupStore.stage` (its transaction is rolled back)."""
