"""The SQLite run state: markers and URL notes, in tables of their own beside the dedup store's.

Every write is committed at once: what a run remembered stays even when the run is killed (a killed run's
staged articles are discarded, its notes are not). Stores written before the run state had a table of its
own kept markers in the dedup store's ``meta`` table: they are moved here when the database is opened.
"""

from __future__ import annotations

import sqlite3

from newsbot.store import RunState

SCHEMA = """
CREATE TABLE IF NOT EXISTS markers (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS url_notes (url TEXT, kind TEXT, PRIMARY KEY (url, kind)) WITHOUT ROWID;
"""
OLD_MARKERS = "marker:"  # the key prefix of markers in ``meta``


class SQLiteRunState(RunState):
    def __init__(self, db: sqlite3.Connection):
        self.db = db
        with db:
            db.executescript(SCHEMA)
            if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone():
                db.execute("INSERT OR IGNORE INTO markers SELECT substr(key, ?), value FROM meta WHERE key LIKE ?",
                           (len(OLD_MARKERS) + 1, OLD_MARKERS + "%"))
                db.execute("DELETE FROM meta WHERE key LIKE ?", (OLD_MARKERS + "%",))

    def _write(self, statement: str, parameters: tuple) -> None:
        with self.db:
            self.db.execute(statement, parameters)

    def marker(self, name: str) -> str | None:
        row = self.db.execute("SELECT value FROM markers WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def set_marker(self, name: str, value: str | None) -> None:
        if value is None:
            self._write("DELETE FROM markers WHERE name = ?", (name,))
        else:
            self._write("INSERT OR REPLACE INTO markers VALUES (?, ?)", (name, value))

    def note_url(self, url: str, kind: str) -> None:
        self._write("INSERT OR IGNORE INTO url_notes VALUES (?, ?)", (url, kind))

    def url_noted(self, url: str, kind: str) -> bool:
        return self.db.execute("SELECT 1 FROM url_notes WHERE url = ? AND kind = ?", (url, kind)).fetchone() is not None

    def noted_urls(self, kind: str) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT url FROM url_notes WHERE kind = ?", (kind,))]

    def forget_url(self, url: str, kind: str) -> None:
        self._write("DELETE FROM url_notes WHERE url = ? AND kind = ?", (url, kind))
