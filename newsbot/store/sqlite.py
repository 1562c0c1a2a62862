"""The SQLite backend (``sqlite:///relative/path``, ``sqlite:////absolute``): its :class:`DedupStore`, and
the connection it shares with the run state (``newsbot.store.sqlite_run_state``).

Tables: ``articles`` (committed), indexed by canonical URL, document key (a 63-bit hash of the canonical
URL) and fingerprint; ``near_index`` maps an LSH bucket to a document key, a clustered ``WITHOUT ROWID``
table, so a near-duplicate lookup in the committed layer is one indexed query on disk; ``aliases`` maps the
URL of a dropped copy to its article.

``staged`` (this run) holds the same article columns plus the LSH buckets (a blob), under increasing ids:
inserts append, and a batch commit writes the table's last pages only. Its lookups (by canonical URL,
fingerprint, bucket) go through three in-memory :class:`~newsbot.store.keyindex.KeyIndex` (about 15 bytes
per key, 18 keys per article), not through B-tree indexes, whose random inserts and page writes made
staging slow down as a run grew. The staged rows are durable
(batches of ``BATCH_WRITES`` writes, WAL journal), the in-memory index is rebuilt empty by
:meth:`begin_run` since that discards the staged rows anyway; :meth:`commit_run` is one transaction, so a
feed is committed entirely or not at all.

A canonical-URL lookup that misses the staged layer is one query (the committed article and the alias
table, joined). ``meta`` records the ``signature_scheme`` (``NearDuplicateSigner.scheme``) that made the
stored signatures and LSH buckets: a run begun with another scheme (new code, or other ``DEDUP_*``
settings), on a store whose scheme is another or was not recorded, clears the committed signatures and the
``near_index`` with a WARNING (near-duplicate detection against earlier runs restarts from that run; exact
URL and content dedup keep working, the fingerprints do not change).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from array import array
from functools import cache, lru_cache
from pathlib import Path
from typing import Iterable
from urllib.parse import urlparse

from newsbot.config import InvalidSetting
from newsbot.store import DedupStore, FeedCorrection, StoredArticle, Stores, live_article, warn_signatures_cleared
from newsbot.store.keyindex import KeyIndex
from newsbot.store.sqlite_run_state import SQLiteRunState

BATCH_WRITES = 2000
PAGE_CACHE_KIB = 64 * 1024

ARTICLE_COLUMNS = (
    "canonical_url, doc, url, fingerprint, published, modified, aliases, near_duplicate_of, signature, superseded_by"
)
SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    canonical_url TEXT PRIMARY KEY, doc INTEGER NOT NULL, url TEXT NOT NULL, fingerprint TEXT,
    published TEXT, modified TEXT, aliases TEXT NOT NULL DEFAULT '[]', near_duplicate_of TEXT,
    signature BLOB, superseded_by TEXT);
CREATE INDEX IF NOT EXISTS articles_doc ON articles (doc);
CREATE INDEX IF NOT EXISTS articles_fingerprint ON articles (fingerprint) WHERE superseded_by IS NULL;
CREATE TABLE IF NOT EXISTS staged (
    id INTEGER PRIMARY KEY, canonical_url TEXT NOT NULL, doc INTEGER NOT NULL, url TEXT NOT NULL,
    fingerprint TEXT, published TEXT, modified TEXT, aliases TEXT NOT NULL DEFAULT '[]', near_duplicate_of TEXT,
    signature BLOB, superseded_by TEXT, buckets BLOB NOT NULL,
    in_feed INTEGER NOT NULL DEFAULT 0, dirty INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS staged_superseded_by ON staged (superseded_by) WHERE superseded_by IS NOT NULL;
CREATE TABLE IF NOT EXISTS near_index (bucket INTEGER, doc INTEGER, PRIMARY KEY (bucket, doc)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS aliases (url TEXT PRIMARY KEY, canonical_url TEXT NOT NULL, staged INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""
FIND_URL_COMMITTED = (
    f"SELECT {', '.join('a.' + c for c in ARTICLE_COLUMNS.split(', '))}, l.canonical_url"
    " FROM (SELECT ? AS url) q LEFT JOIN articles a ON a.canonical_url = q.url LEFT JOIN aliases l ON l.url = q.url"
)
# Stores written before the in-memory staged index: their staged tables (discardable) are dropped.
OLD_STAGED_TABLES = "DROP TABLE IF EXISTS staged; DROP TABLE IF EXISTS staged_near;"


@lru_cache(maxsize=4096)  # one article's checks ask for its keys several times
def document_key(text: str) -> int:
    """A signed 63-bit key for a canonical URL or a fingerprint (collisions are negligible below billions)."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big") >> 1


@cache
def near_index_query(buckets: int) -> str:
    """The committed articles indexed under any of ``buckets`` LSH buckets."""
    return (
        f"SELECT DISTINCT {', '.join('a.' + c for c in ARTICLE_COLUMNS.split(', '))} FROM near_index n"
        f" JOIN articles a ON a.doc = n.doc WHERE n.bucket IN ({','.join('?' * buckets)})"
    )


def sqlite_path(uri: str) -> Path:
    """``sqlite:///output/x.db`` is relative to the working directory, ``sqlite:////abs/x.db`` absolute."""
    parsed = urlparse(uri)
    path = parsed.path[1:] if parsed.path.startswith("/") else parsed.path
    if not path:
        raise InvalidSetting("NEWSBOT_STORE_URI", uri, "no database path")
    return Path(path)


class StagedIndex:
    """Where this run's staged rows are, by canonical URL, fingerprint and LSH bucket (ids of ``staged``)."""

    def __init__(self):
        self.urls, self.fingerprints, self.buckets = KeyIndex(), KeyIndex(), KeyIndex()
        self.superseded = False  # no supersede yet: no staged row can be a superseded copy

    def add(self, id_: int, doc: int, fingerprint: str | None, buckets: list[int]) -> None:
        self.urls.add([doc], id_)
        if fingerprint:
            self.fingerprints.add([document_key(fingerprint)], id_)
        self.buckets.add(buckets, id_)


def connect(path: Path | str) -> sqlite3.Connection:
    """The database at ``path`` (its folder created), in WAL mode: a commit is a write to the log."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    db.executescript(f"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-{PAGE_CACHE_KIB};")
    return db


def open_sqlite(uri: str) -> Stores:
    """Both stores on one connection to the database of ``uri``."""
    path = sqlite_path(uri)
    db = connect(path)
    dedup = SQLiteDedupStore(db, path)
    return Stores(dedup=dedup, run_state=SQLiteRunState(db), close=dedup.close)


class SQLiteDedupStore(DedupStore):
    def __init__(self, db: sqlite3.Connection, path: Path):
        self.db = db
        self.path = path  # for messages
        columns = {row[1] for row in self.db.execute("PRAGMA table_info(staged)")}
        if columns and "buckets" not in columns:
            self.db.executescript(OLD_STAGED_TABLES)
        self.db.executescript(SCHEMA)
        self._pending_writes = 0
        self._staged_index = StagedIndex()
        self._next_id = 1
        self._read_committed_layers()

    def _check_signature_scheme(self, scheme: str) -> None:
        """Clear the committed signatures and LSH index when another scheme (or an unrecorded one) made them:
        they would never match this run's (the staged rows are discarded by ``begin_run``)."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'signature_scheme'").fetchone()
        if row is not None and row[0] == scheme:
            return
        if self.db.execute("SELECT 1 FROM articles WHERE signature IS NOT NULL LIMIT 1").fetchone():
            warn_signatures_cleared(self.path, row[0] if row else None, scheme)
            with self.db:
                self.db.execute("DELETE FROM near_index")
                self.db.execute("UPDATE articles SET signature = NULL WHERE signature IS NOT NULL")
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('signature_scheme', ?)", (scheme,))

    def _read_committed_layers(self) -> None:
        """Which committed tables hold rows. They change only when a run commits (and ``add_alias``), so a
        run that begins on an empty store (a site's first backfill, its largest run) skips the lookups in
        them, which cost time even on empty tables."""
        def filled(table: str) -> bool:
            return self.db.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0] == 1

        self._has_articles, self._has_aliases, self._has_near_index = map(filled, ("articles", "aliases", "near_index"))

    # -- reading ----------------------------------------------------------------------------------------

    def _staged_rows(self, ids: list[int]) -> list[tuple[int, StoredArticle]]:
        """The staged rows with these ids that still exist, oldest first."""
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self.db.execute(f"SELECT id, {ARTICLE_COLUMNS} FROM staged WHERE id IN ({marks}) ORDER BY id", ids)
        return [(row[0], _article(row[1:], staged=True)) for row in rows]

    def _staged(self, canonical_url: str, doc: int | None = None) -> tuple[int, StoredArticle] | tuple[None, None]:
        """The id and record of the staged article with this canonical URL (whose document key is ``doc``)."""
        ids = self._staged_index.urls.find([document_key(canonical_url) if doc is None else doc])
        for id_, article in reversed(self._staged_rows(ids)):
            if article.canonical_url == canonical_url:
                return id_, article
        return None, None

    def _staged_id(self, canonical_url: str) -> int | None:
        return self._staged(canonical_url)[0]

    def _committed(self, canonical_url: str) -> StoredArticle | None:
        row = self.db.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE canonical_url = ?", (canonical_url,)).fetchone()
        return _article(row, staged=False) if row else None

    def _get(self, canonical_url: str) -> StoredArticle | None:
        return self._staged(canonical_url)[1] or self._committed(canonical_url)

    def find_url(self, url: str) -> StoredArticle | None:
        article = self._staged(url)[1]
        if article is None and (self._has_articles or self._has_aliases):
            # the committed article with this URL, else the article it is an alias of
            row = self.db.execute(FIND_URL_COMMITTED, (url,)).fetchone()
            article = _article(row[:-1], staged=False) if row[0] is not None else row[-1] and self._get(row[-1])
        return live_article(article, self._get)

    def _staged_with_fingerprint(self, fingerprint: str) -> list[StoredArticle]:
        ids = self._staged_index.fingerprints.find([document_key(fingerprint)])
        return [article for _, article in self._staged_rows(ids) if article.fingerprint == fingerprint]

    def superseded_copies(self, fingerprint: str) -> list[str]:
        if not self._staged_index.superseded:
            return []
        return [a.canonical_url for a in self._staged_with_fingerprint(fingerprint) if a.superseded_by is not None]

    def find_fingerprint(self, fingerprint: str) -> StoredArticle | None:
        for article in self._staged_with_fingerprint(fingerprint):
            if article.superseded_by is None:
                return article
        if not self._has_articles:
            return None
        row = self.db.execute(
            "SELECT canonical_url FROM articles WHERE fingerprint = ? AND superseded_by IS NULL LIMIT 1", (fingerprint,)
        ).fetchone()
        return self._get(row[0]) if row is not None else None

    def near_candidates(self, buckets: Iterable[int]) -> list[StoredArticle]:
        buckets = list(buckets)
        found = {a.canonical_url: a for a in self._staged_sharing(buckets)}
        for row in self.db.execute(near_index_query(len(buckets)), buckets) if self._has_near_index else ():
            if row[0] not in found:  # a staged version of a committed article replaces it
                found[row[0]] = self._staged(row[0])[1] or _article(row, staged=False)
        candidates = sorted(found.values(), key=lambda a: document_key(a.canonical_url))
        return [a for a in candidates if a.superseded_by is None]

    def _staged_sharing(self, buckets: list[int]) -> list[StoredArticle]:
        """Staged articles indexed under one of ``buckets`` (the in-memory index may return a few others)."""
        ids = self._staged_index.buckets.find(buckets)
        if not ids:
            return []
        wanted = set(buckets)
        rows = self.db.execute(
            f"SELECT {ARTICLE_COLUMNS}, buckets FROM staged WHERE id IN ({','.join('?' * len(ids))}) ORDER BY id", ids
        )
        return [_article(row[:-1], staged=True) for row in rows if wanted.intersection(array("q", row[-1]))]

    # -- writing ----------------------------------------------------------------------------------------

    def _wrote(self, count: int = 1) -> None:
        self._pending_writes += count
        if self._pending_writes >= BATCH_WRITES:
            self.flush()

    def begin_run(self, run_id: str, signature_scheme: str) -> int:
        self._check_signature_scheme(signature_scheme)
        discarded = self.db.execute("SELECT COUNT(*) FROM staged").fetchone()[0]
        self.db.executescript("BEGIN; DELETE FROM staged; DELETE FROM aliases WHERE staged = 1; COMMIT;")
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('run', ?)", (run_id,))
        self.flush()
        self._staged_index = StagedIndex()
        self._next_id = 1
        self._read_committed_layers()
        return discarded

    def stage(self, article: StoredArticle, buckets: Iterable[int], supersedes: str | None = None) -> None:
        buckets = list(buckets)
        doc = document_key(article.canonical_url)
        replaced = self._staged(article.canonical_url, doc)[0]
        if replaced is not None:
            self.db.execute("DELETE FROM staged WHERE id = ?", (replaced,))
        id_, self._next_id = self._next_id, self._next_id + 1
        self.db.execute(
            f"INSERT INTO staged (id, {ARTICLE_COLUMNS}, buckets) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                id_, article.canonical_url, doc, article.url, article.fingerprint,
                article.published, article.modified, _json_list(article.aliases),
                article.near_duplicate_of, article.signature, None, array("q", buckets).tobytes(),
            ),
        )
        self._staged_index.add(id_, doc, article.fingerprint, buckets)
        self._wrote()
        if supersedes is not None:
            self.supersede(supersedes, article.canonical_url)

    def add_alias(self, canonical_url: str, alias: str) -> None:
        id_, article = self._staged(canonical_url)
        article = article or self._committed(canonical_url)
        if article is None or alias == canonical_url or alias in article.aliases:
            return
        aliases = _json_list(article.aliases + [alias])
        if article.staged:
            self.db.execute("UPDATE staged SET aliases = ?, dirty = 1 WHERE id = ?", (aliases, id_))
        else:
            self.db.execute("UPDATE articles SET aliases = ? WHERE canonical_url = ?", (aliases, canonical_url))
        self.db.execute("INSERT OR REPLACE INTO aliases VALUES (?, ?, ?)", (alias, canonical_url, int(article.staged)))
        self._has_aliases = True
        self._wrote()

    def supersede(self, loser: str, winner: str) -> None:
        self.db.execute("UPDATE staged SET superseded_by = ?, dirty = 1 WHERE id = ?", (winner, self._staged_id(loser)))
        self.db.execute("UPDATE staged SET superseded_by = ? WHERE superseded_by = ?", (winner, loser))
        self._staged_index.superseded = True
        self._wrote()

    def mark_near_duplicate(self, canonical_url: str, original: str) -> None:
        self.db.execute(
            "UPDATE staged SET near_duplicate_of = ?, dirty = 1 WHERE id = ?", (original, self._staged_id(canonical_url))
        )
        self._wrote()

    def mark_in_feed(self, canonical_url: str) -> None:
        self.db.execute("UPDATE staged SET in_feed = 1 WHERE id = ?", (self._staged_id(canonical_url),))
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
        with self.db:  # one transaction
            self.db.execute(
                f"INSERT OR REPLACE INTO articles ({ARTICLE_COLUMNS}) SELECT {ARTICLE_COLUMNS} FROM staged WHERE in_feed = 1"
            )
            in_feed = self.db.execute("SELECT doc, buckets FROM staged WHERE in_feed = 1").fetchall()
            self.db.executemany(
                "INSERT OR IGNORE INTO near_index VALUES (?, ?)",
                sorted((bucket, doc) for doc, buckets in in_feed for bucket in array("q", buckets)),
            )
            self.db.execute(
                "DELETE FROM aliases WHERE staged = 1"
                " AND canonical_url NOT IN (SELECT canonical_url FROM staged WHERE in_feed = 1)"
            )
            self.db.execute("UPDATE aliases SET staged = 0 WHERE staged = 1")
            self.db.execute("DELETE FROM staged")
        self._staged_index = StagedIndex()
        self._read_committed_layers()
        return committed

    def flush(self) -> None:
        self.db.commit()
        self._pending_writes = 0

    def close(self) -> None:
        self.flush()
        self.db.close()


def _json_list(urls: list[str]) -> str:
    return json.dumps(urls, ensure_ascii=False) if urls else "[]"  # most have none: json.dumps costs µs


def _article(row: tuple, staged: bool) -> StoredArticle:
    canonical_url, _doc, url, fingerprint, published, modified, aliases, near, signature, superseded_by = row
    return StoredArticle(
        canonical_url=canonical_url,
        url=url,
        fingerprint=fingerprint,
        published=published,
        modified=modified,
        aliases=json.loads(aliases) if aliases != "[]" else [],
        near_duplicate_of=near,
        signature=signature,
        superseded_by=superseded_by,
        staged=staged,
    )
