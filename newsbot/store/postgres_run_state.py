"""The PostgreSQL run state: markers and URL notes, in tables of their own beside the dedup store's, shared
by every worker on the database. Every write is committed at once (the connection is in autocommit mode)
and is one statement, so concurrent workers never read-then-write a marker or a note. Marker names are the
callers' (``newsbot.middlewares.incremental`` and ``newsbot.extensions.recover_feed`` put the spider's name
in theirs), as in the SQLite run state.
"""

from __future__ import annotations

from newsbot.store import RunState

SCHEMA = """
CREATE TABLE IF NOT EXISTS markers (name text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS url_notes (url text, kind text, PRIMARY KEY (url, kind));
"""


class PostgresRunState(RunState):
    def __init__(self, db):
        from newsbot.store.postgres import create_schema

        self.db = db
        create_schema(db, SCHEMA)

    def marker(self, name: str) -> str | None:
        row = self.db.execute("SELECT value FROM markers WHERE name = %s", (name,)).fetchone()
        return row[0] if row else None

    def set_marker(self, name: str, value: str | None) -> None:
        if value is None:
            self.db.execute("DELETE FROM markers WHERE name = %s", (name,))
        else:
            self.db.execute("INSERT INTO markers VALUES (%s, %s) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value",
                            (name, value))

    def note_url(self, url: str, kind: str) -> None:
        self.db.execute("INSERT INTO url_notes VALUES (%s, %s) ON CONFLICT DO NOTHING", (url, kind))

    def url_noted(self, url: str, kind: str) -> bool:
        return self.db.execute("SELECT 1 FROM url_notes WHERE url = %s AND kind = %s", (url, kind)).fetchone() is not None

    def noted_urls(self, kind: str) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT url FROM url_notes WHERE kind = %s", (kind,))]

    def forget_url(self, url: str, kind: str) -> None:
        self.db.execute("DELETE FROM url_notes WHERE url = %s AND kind = %s", (url, kind))
