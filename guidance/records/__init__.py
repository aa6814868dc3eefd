"""Records kept for people: flow sessions, calls, letters issued, the audit trail, reviews.

Everything lives in one database (``guidance.records.database``): a private SQLite file in the
user's data folder by default, or a team's shared PostgreSQL named by ``--database`` or
``$GUIDANCE_DATABASE_URL``. Callers use the stores' interfaces, never SQL, so either serves.
"""

from __future__ import annotations

from pathlib import Path

from guidance.records.database import DB_NAME, data_dir, database_url, open_database  # noqa: F401
from guidance.records.store import SessionStore


def open_store(path: Path | None = None, url: str | None = None) -> SessionStore:
    """The flow sessions store: the SQLite file at ``path``, else the configured database."""
    from guidance.records.database import Database
    from guidance.records.sessions import SqlSessionStore

    return SqlSessionStore(Database.sqlite(path) if path else open_database(url))


def open_calls(path: Path | None = None, url: str | None = None):
    """The call records store, on the same database as the sessions."""
    from guidance.records.calls import CallStore
    from guidance.records.database import Database

    return CallStore(Database.sqlite(path) if path else open_database(url))
