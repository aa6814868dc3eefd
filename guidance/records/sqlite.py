"""Sessions in a private SQLite file: the default for one officer's or recipient's machine.

The store itself is ``SqlSessionStore`` (the same code runs on PostgreSQL); this names the SQLite
case and keeps the helpers older modules import. WAL mode lets a reader look while a session
writes; ``synchronous=FULL`` means an answer acknowledged on screen survives a killed process and
a power cut. The file and its folder are owner-only.
"""

from __future__ import annotations

from pathlib import Path

from guidance.records.database import Database, _private_file  # noqa: F401  (re-exported)
from guidance.records.sessions import SqlSessionStore

NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"


class SqliteSessionStore(SqlSessionStore):
    def __init__(self, path: Path, synchronous: str = "FULL"):
        super().__init__(Database.sqlite(Path(path), synchronous))
