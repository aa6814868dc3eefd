"""Records kept for people: flow sessions today (calls, advice and letters later).

``open_store()`` gives the store in the user's data folder; everything else talks to the
``SessionStore`` interface, so a shared database can replace SQLite without touching callers.
"""

from __future__ import annotations

from pathlib import Path

from guidance.records.store import SessionStore

DB_NAME = "records.sqlite3"


def data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("guidance", appauthor=False))


def open_store(path: Path | None = None) -> SessionStore:
    from guidance.records.sqlite import SqliteSessionStore

    return SqliteSessionStore(path or data_dir() / DB_NAME)
