"""Sessions in SQLite: one file in the user's data folder, readable by its owner only.

WAL mode lets a reader (``flow sessions list``) look while a session writes. Each step is one
short transaction with ``synchronous=FULL``, so an answer acknowledged on screen survives a killed
process and a power cut. Timestamps come from the database itself (UTC), never from the program.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import sqlite3
from pathlib import Path

from guidance.records.store import ACTIVE, Event, SessionRecord, SessionStore, StoreError, UnknownSession

SCHEMA_VERSION = 1
NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS sessions (
    id              TEXT PRIMARY KEY,
    flow_id         TEXT NOT NULL,
    flow_version    INTEGER NOT NULL,
    content_release TEXT NOT NULL,
    on_date         TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'active',
    state           TEXT NOT NULL,
    label           TEXT,
    steps           INTEGER NOT NULL DEFAULT 0,
    started_at      TEXT NOT NULL DEFAULT ({NOW}),
    updated_at      TEXT NOT NULL DEFAULT ({NOW})
);
CREATE TABLE IF NOT EXISTS session_events (
    session_id   TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    node         TEXT,
    value        TEXT,
    flow_version INTEGER NOT NULL,
    at           TEXT NOT NULL DEFAULT ({NOW}),
    PRIMARY KEY (session_id, seq)
);
CREATE INDEX IF NOT EXISTS sessions_updated ON sessions(updated_at);
"""


def _private_file(path: Path) -> None:
    """Create the folder (0700) and the database file (0600) before SQLite opens it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


class SqliteSessionStore(SessionStore):
    def __init__(self, path: Path, synchronous: str = "FULL"):
        self.path = Path(path)
        try:
            _private_file(self.path)
            old_mask = os.umask(0o077)  # the -wal and -shm files SQLite creates stay private too
            try:
                self.db = sqlite3.connect(self.path, isolation_level=None, timeout=10)
                self.db.execute("PRAGMA journal_mode=WAL")
            finally:
                os.umask(old_mask)
            self.db.execute(f"PRAGMA synchronous={synchronous}")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the sessions database {self.path}: {exc}") from None

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path} was written by a newer version of guidance (schema {version})")
        if version < SCHEMA_VERSION:
            with self._transaction():
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    class _Tx:
        def __init__(self, db):
            self.db = db

        def __enter__(self):
            self.db.execute("BEGIN IMMEDIATE")
            return self.db

        def __exit__(self, exc_type, exc, tb):
            if exc_type is None:
                self.db.execute("COMMIT")
            else:
                self.db.execute("ROLLBACK")
            return False

    def _transaction(self):
        return self._Tx(self.db)

    def create(self, flow_id, flow_version, content_release, on, state, label=None) -> SessionRecord:
        session_id = secrets.token_hex(5)
        try:
            with self._transaction() as db:
                db.execute(
                    "INSERT INTO sessions (id, flow_id, flow_version, content_release, on_date, state, label) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (session_id, flow_id, flow_version, content_release, on.isoformat(), state, label),
                )
                db.execute(
                    "INSERT INTO session_events (session_id, seq, kind, flow_version) VALUES (?, 0, 'start', ?)",
                    (session_id, flow_version),
                )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot save the new session: {exc}") from None
        return self.get(session_id)

    def record(self, session_id, kind, node, value, state, *, status=ACTIVE, flow_version=None) -> None:
        try:
            with self._transaction() as db:
                row = db.execute("SELECT flow_version, steps FROM sessions WHERE id = ?", (session_id,)).fetchone()
                if row is None:
                    raise UnknownSession(session_id)
                version = flow_version if flow_version is not None else row[0]
                seq = row[1] + 1
                db.execute(
                    "INSERT INTO session_events (session_id, seq, kind, node, value, flow_version) VALUES (?, ?, ?, ?, ?, ?)",
                    (session_id, seq, kind, node, value, version),
                )
                db.execute(
                    f"UPDATE sessions SET state = ?, status = ?, flow_version = ?, steps = ?, updated_at = {NOW} WHERE id = ?",
                    (state, status, version, seq, session_id),
                )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot save the answer: {exc}") from None

    def get(self, session_id) -> SessionRecord:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise UnknownSession(session_id)
        return _record(row)

    def events(self, session_id) -> list[Event]:
        rows = self.db.execute(
            "SELECT seq, kind, node, value, flow_version, at FROM session_events WHERE session_id = ? ORDER BY seq",
            (session_id,),
        ).fetchall()
        return [Event(*row) for row in rows]

    def list(self, status=None, flow_id=None) -> list[SessionRecord]:
        sql = f"SELECT {_COLUMNS} FROM sessions WHERE (? IS NULL OR status = ?) AND (? IS NULL OR flow_id = ?) ORDER BY updated_at DESC, id"
        return [_record(row) for row in self.db.execute(sql, (status, status, flow_id, flow_id))]

    def delete(self, session_id) -> None:
        with self._transaction() as db:
            if db.execute("DELETE FROM sessions WHERE id = ?", (session_id,)).rowcount == 0:
                raise UnknownSession(session_id)

    def close(self) -> None:
        self.db.close()


_COLUMNS = "id, flow_id, flow_version, content_release, on_date, status, state, label, started_at, updated_at, steps"


def _record(row) -> SessionRecord:
    return SessionRecord(
        id=row[0], flow_id=row[1], flow_version=row[2], content_release=row[3], on=dt.date.fromisoformat(row[4]),
        status=row[5], state=row[6], label=row[7], started_at=row[8], updated_at=row[9], steps=row[10],
    )
