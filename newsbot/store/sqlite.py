"""The SQLite backend of :class:`newsbot.store.Store` (``sqlite:///relative/path``, ``sqlite:////absolute``).

Tables: ``articles`` (committed) and ``staged`` (this run) with the same article columns;
``near_index`` and ``staged_near`` map an LSH bucket to a document key (a 63-bit hash of the canonical
URL), as clustered ``WITHOUT ROWID`` tables, so a near-duplicate lookup is one indexed query and the
index lives on disk, not in memory; ``aliases`` maps the URL of a dropped copy to its article.
Writes are grouped in transactions of ``BATCH_WRITES`` (WAL journal); :meth:`commit_run` is one
transaction, so a feed is committed entirely or not at all.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Iterable
from urllib.parse import urlparse

from newsbot.store import FeedCorrection, Store, StoredArticle

BATCH_WRITES = 500
PAGE_CACHE_KIB = 64 * 1024
MAX_SUPERSEDED_HOPS = 16

ARTICLE_COLUMNS = (
    "canonical_url, doc, url, fingerprint, published, modified, aliases, near_duplicate_of, signature, superseded_by"
)
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS articles (
    canonical_url TEXT PRIMARY KEY, doc INTEGER NOT NULL, url TEXT NOT NULL, fingerprint TEXT,
    published TEXT, modified TEXT, aliases TEXT NOT NULL DEFAULT '[]', near_duplicate_of TEXT,
    signature BLOB, superseded_by TEXT);
CREATE INDEX IF NOT EXISTS articles_doc ON articles (doc);
CREATE INDEX IF NOT EXISTS articles_fingerprint ON articles (fingerprint) WHERE superseded_by IS NULL;
CREATE TABLE IF NOT EXISTS staged (
    canonical_url TEXT PRIMARY KEY, doc INTEGER NOT NULL, url TEXT NOT NULL, fingerprint TEXT,
    published TEXT, modified TEXT, aliases TEXT NOT NULL DEFAULT '[]', near_duplicate_of TEXT,
    signature BLOB, superseded_by TEXT,
    in_feed INTEGER NOT NULL DEFAULT 0, dirty INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS staged_doc ON staged (doc);
CREATE INDEX IF NOT EXISTS staged_fingerprint ON staged (fingerprint);
CREATE TABLE IF NOT EXISTS near_index (bucket INTEGER, doc INTEGER, PRIMARY KEY (bucket, doc)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS staged_near (bucket INTEGER, doc INTEGER, PRIMARY KEY (bucket, doc)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS aliases (url TEXT PRIMARY KEY, canonical_url TEXT NOT NULL, staged INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""


def document_key(canonical_url: str) -> int:
    """A signed 63-bit key for a canonical URL (collisions are negligible below billions of articles)."""
    return int.from_bytes(hashlib.blake2b(canonical_url.encode(), digest_size=8).digest(), "big") >> 1


def sqlite_path(uri: str) -> Path:
    """``sqlite:///output/x.db`` is relative to the working directory, ``sqlite:////abs/x.db`` absolute."""
    parsed = urlparse(uri)
    path = parsed.path[1:] if parsed.path.startswith("/") else parsed.path
    if not path:
        raise ValueError(f"NEWSBOT_STORE_URI: no database path in {uri!r}")
    return Path(path)


class SQLiteStore(Store):
    def __init__(self, path: Path | str):
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path)
        self.db.executescript(
            f"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-{PAGE_CACHE_KIB};" + SCHEMA
        )
        self._pending_writes = 0

    @classmethod
    def from_uri(cls, uri: str) -> SQLiteStore:
        return cls(sqlite_path(uri))

    # -- reading ----------------------------------------------------------------------------------------

    def _row(self, sql: str, params: tuple) -> StoredArticle | None:
        for table, staged in (("staged", True), ("articles", False)):
            row = self.db.execute(f"SELECT {ARTICLE_COLUMNS} FROM {table} WHERE {sql}", params).fetchone()
            if row is not None:
                return _article(row, staged)
        return None

    def _get(self, canonical_url: str) -> StoredArticle | None:
        return self._row("canonical_url = ?", (canonical_url,))

    def _live(self, article: StoredArticle | None) -> StoredArticle | None:
        for _ in range(MAX_SUPERSEDED_HOPS):
            if article is None or article.superseded_by is None:
                return article
            article = self._get(article.superseded_by)
        return article

    def find_url(self, url: str) -> StoredArticle | None:
        article = self._get(url)
        if article is None:
            alias = self.db.execute("SELECT canonical_url FROM aliases WHERE url = ?", (url,)).fetchone()
            article = self._get(alias[0]) if alias else None
        return self._live(article)

    def superseded_copies(self, fingerprint: str) -> list[str]:
        rows = self.db.execute("SELECT canonical_url FROM staged WHERE fingerprint = ? AND superseded_by IS NOT NULL",
                               (fingerprint,))
        return [row[0] for row in rows]

    def find_fingerprint(self, fingerprint: str) -> StoredArticle | None:
        for table in ("staged", "articles"):
            row = self.db.execute(
                f"SELECT canonical_url FROM {table} WHERE fingerprint = ? AND superseded_by IS NULL LIMIT 1",
                (fingerprint,),
            ).fetchone()
            if row is not None:
                return self._get(row[0])
        return None

    def near_candidates(self, buckets: Iterable[int]) -> list[StoredArticle]:
        buckets = list(buckets)
        marks = ",".join("?" * len(buckets))
        docs = self.db.execute(
            f"SELECT doc FROM near_index WHERE bucket IN ({marks})"
            f" UNION SELECT doc FROM staged_near WHERE bucket IN ({marks})",
            buckets + buckets,
        ).fetchall()
        found = (self._row("doc = ?", (doc,)) for (doc,) in docs)
        return [a for a in found if a is not None and a.superseded_by is None]

    # -- writing ----------------------------------------------------------------------------------------

    def _wrote(self, count: int = 1) -> None:
        self._pending_writes += count
        if self._pending_writes >= BATCH_WRITES:
            self.flush()

    def begin_run(self, run_id: str) -> int:
        discarded = self.db.execute("SELECT COUNT(*) FROM staged").fetchone()[0]
        self.db.executescript(
            "BEGIN; DELETE FROM staged; DELETE FROM staged_near; DELETE FROM aliases WHERE staged = 1; COMMIT;"
        )
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('run', ?)", (run_id,))
        self.flush()
        return discarded

    def stage(self, article: StoredArticle, buckets: Iterable[int]) -> None:
        doc = document_key(article.canonical_url)
        self.db.execute(
            f"INSERT OR REPLACE INTO staged ({ARTICLE_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                article.canonical_url, doc, article.url, article.fingerprint, article.published, article.modified,
                json.dumps(article.aliases, ensure_ascii=False), article.near_duplicate_of, article.signature, None,
            ),
        )
        self.db.executemany("INSERT OR IGNORE INTO staged_near VALUES (?, ?)", ((b, doc) for b in buckets))
        self._wrote()

    def add_alias(self, canonical_url: str, alias: str) -> None:
        article = self._get(canonical_url)
        if article is None or alias == canonical_url or alias in article.aliases:
            return
        table = "staged" if article.staged else "articles"
        aliases = json.dumps(article.aliases + [alias], ensure_ascii=False)
        dirty = ", dirty = 1" if article.staged else ""
        self.db.execute(f"UPDATE {table} SET aliases = ?{dirty} WHERE canonical_url = ?", (aliases, canonical_url))
        self.db.execute("INSERT OR REPLACE INTO aliases VALUES (?, ?, ?)", (alias, canonical_url, int(article.staged)))
        self._wrote()

    def supersede(self, loser: str, winner: str) -> None:
        self.db.execute("UPDATE staged SET superseded_by = ?, dirty = 1 WHERE canonical_url = ?", (winner, loser))
        self.db.execute("UPDATE staged SET superseded_by = ? WHERE superseded_by = ?", (winner, loser))
        self._wrote()

    def mark_near_duplicate(self, canonical_url: str, original: str) -> None:
        self.db.execute(
            "UPDATE staged SET near_duplicate_of = ?, dirty = 1 WHERE canonical_url = ?", (original, canonical_url)
        )
        self._wrote()

    def mark_in_feed(self, canonical_url: str) -> None:
        self.db.execute("UPDATE staged SET in_feed = 1 WHERE canonical_url = ?", (canonical_url,))
        self._wrote()

    def unstage(self, canonical_url: str) -> None:
        doc = document_key(canonical_url)
        self.db.execute("DELETE FROM staged WHERE canonical_url = ?", (canonical_url,))
        self.db.execute("DELETE FROM staged_near WHERE doc = ?", (doc,))
        self.db.execute("DELETE FROM aliases WHERE staged = 1 AND canonical_url = ?", (canonical_url,))
        self.db.execute("UPDATE staged SET superseded_by = NULL WHERE superseded_by = ?", (canonical_url,))
        self._wrote()

    def feed_corrections(self) -> dict[str, FeedCorrection]:
        rows = self.db.execute(
            "SELECT canonical_url, superseded_by, aliases, near_duplicate_of FROM staged WHERE dirty = 1"
        )
        return {
            url: FeedCorrection(url, superseded_by is not None, json.loads(aliases), near)
            for url, superseded_by, aliases, near in rows
        }

    def commit_run(self) -> int:
        self.flush()
        committed = self.db.execute("SELECT COUNT(*) FROM staged WHERE in_feed = 1").fetchone()[0]
        self.db.executescript(
            f"""
            BEGIN;
            INSERT OR REPLACE INTO articles ({ARTICLE_COLUMNS})
                SELECT {ARTICLE_COLUMNS} FROM staged WHERE in_feed = 1;
            INSERT OR IGNORE INTO near_index
                SELECT bucket, doc FROM staged_near WHERE doc IN (SELECT doc FROM staged WHERE in_feed = 1);
            DELETE FROM aliases WHERE staged = 1
                AND canonical_url NOT IN (SELECT canonical_url FROM staged WHERE in_feed = 1);
            UPDATE aliases SET staged = 0 WHERE staged = 1;
            DELETE FROM staged;
            DELETE FROM staged_near;
            COMMIT;
            """
        )
        return committed

    def flush(self) -> None:
        self.db.commit()
        self._pending_writes = 0

    def close(self) -> None:
        self.flush()
        self.db.close()


def _article(row: tuple, staged: bool) -> StoredArticle:
    canonical_url, _doc, url, fingerprint, published, modified, aliases, near, signature, superseded_by = row
    return StoredArticle(
        canonical_url=canonical_url,
        url=url,
        fingerprint=fingerprint,
        published=published,
        modified=modified,
        aliases=json.loads(aliases),
        near_duplicate_of=near,
        signature=signature,
        superseded_by=superseded_by,
        staged=staged,
    )
