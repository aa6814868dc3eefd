"""Call records: who rang (a reference, never a name), the notes, and every page, flow,
calculation and letter used during the call with its version, so the advice is provable later.

Stored in the same private SQLite file as flow sessions, in its own tables. Every change is one
transaction, written as it happens: a call survives the app being closed mid-call.
"""

from __future__ import annotations

import secrets
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from guidance.records.sqlite import NOW, _private_file
from guidance.records.store import StoreError

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS calls (
    id              TEXT PRIMARY KEY,
    caller_ref      TEXT NOT NULL,
    content_release TEXT NOT NULL,
    notes           TEXT NOT NULL DEFAULT '',
    case_note       TEXT,
    status          TEXT NOT NULL DEFAULT 'open',
    started_at      TEXT NOT NULL DEFAULT ({NOW}),
    ended_at        TEXT
);
CREATE TABLE IF NOT EXISTS call_items (
    call_id  TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    seq      INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    item_id  TEXT NOT NULL,
    title    TEXT NOT NULL,
    version  TEXT,
    at       TEXT NOT NULL DEFAULT ({NOW}),
    PRIMARY KEY (call_id, seq)
);
"""

KINDS = ("page", "flow", "calculator", "letter")


@dataclass(frozen=True)
class CallItem:
    kind: str
    item_id: str
    title: str
    version: str | None
    at: str


@dataclass(frozen=True)
class Call:
    id: str
    caller_ref: str
    content_release: str
    notes: str
    case_note: str | None
    status: str
    started_at: str
    ended_at: str | None
    items: tuple[CallItem, ...] = ()


class CallStore:
    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            _private_file(self.path)
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=10)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.executescript(_SCHEMA)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the call records {self.path}: {exc}") from None

    def _write(self, sql: str, params: tuple) -> None:
        try:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute(sql, params)
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self.db.execute("ROLLBACK") if self.db.in_transaction else None
            raise StoreError(f"cannot save the call record: {exc}") from None

    def start(self, caller_ref: str, content_release: str) -> str:
        ref = caller_ref.strip()
        if not ref:
            raise ValueError("a call needs a caller reference (a case or person number, not a name)")
        call_id = secrets.token_hex(5)
        self._write("INSERT INTO calls (id, caller_ref, content_release) VALUES (?, ?, ?)", (call_id, ref, content_release))
        return call_id

    def add_item(self, call_id: str, kind: str, item_id: str, title: str, version: str | None) -> None:
        """Record something used in the call; the same item twice in a row is kept once."""
        if kind not in KINDS:
            raise ValueError(f"unknown kind '{kind}'")
        last = self.db.execute(
            "SELECT kind, item_id, version FROM call_items WHERE call_id = ? ORDER BY seq DESC LIMIT 1", (call_id,)
        ).fetchone()
        if last == (kind, item_id, version):
            return
        self._write(
            "INSERT INTO call_items (call_id, seq, kind, item_id, title, version) "
            "VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM call_items WHERE call_id = ?), ?, ?, ?, ?)",
            (call_id, call_id, kind, item_id, title, version),
        )

    def save_notes(self, call_id: str, notes: str) -> None:
        self._write("UPDATE calls SET notes = ? WHERE id = ?", (notes, call_id))

    def finish(self, call_id: str, case_note: str) -> None:
        self._write(f"UPDATE calls SET status = 'closed', case_note = ?, ended_at = {NOW} WHERE id = ?", (case_note, call_id))

    def get(self, call_id: str) -> Call:
        row = self.db.execute(
            "SELECT id, caller_ref, content_release, notes, case_note, status, started_at, ended_at FROM calls WHERE id = ?",
            (call_id,),
        ).fetchone()
        if row is None:
            raise LookupError(f"no call '{call_id}'")
        items = self.db.execute(
            "SELECT kind, item_id, title, version, at FROM call_items WHERE call_id = ? ORDER BY seq", (call_id,)
        ).fetchall()
        return Call(*row, items=tuple(CallItem(*item) for item in items))

    def list(self, status: str | None = None) -> list[Call]:
        sql = "SELECT id FROM calls" + (" WHERE status = ?" if status else "") + " ORDER BY started_at DESC"
        return [self.get(row[0]) for row in self.db.execute(sql, (status,) if status else ())]

    def close(self) -> None:
        self.db.close()
