"""The record of letters issued, in the same private SQLite file as the flow sessions.

Each row says who a letter was for (the reference only: the name and address stay inside the
stored values, never in a log), which template and version, which content release, the values
it was filled with, what it took from the content (figures, pages, glossary, council details),
the output format and the SHA-256 of the bytes sent. Template texts are kept once each, by
digest, so a letter can be printed again exactly as it was sent after the template has changed.

The letters tables keep their own schema version (``schema_parts``), so they never touch the
``user_version`` the sessions store uses for its own migrations.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from guidance.records.sqlite import NOW, _private_file
from guidance.records.store import StoreError

PART = "letters"
SCHEMA_VERSION = 1

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS schema_parts (
    part    TEXT PRIMARY KEY,
    version INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS letter_templates (
    digest      TEXT PRIMARY KEY,
    template_id TEXT NOT NULL,
    version     INTEGER NOT NULL,
    source      TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS letters (
    id               TEXT PRIMARY KEY,
    template_id      TEXT NOT NULL,
    template_version INTEGER NOT NULL,
    template_digest  TEXT NOT NULL REFERENCES letter_templates(digest),
    content_release  TEXT NOT NULL,
    on_date          TEXT NOT NULL,
    reference        TEXT,
    format           TEXT NOT NULL,
    large_print      INTEGER NOT NULL DEFAULT 0,
    data             TEXT NOT NULL,
    snapshot         TEXT NOT NULL,
    output_sha256    TEXT NOT NULL,
    session_id       TEXT,
    batch            TEXT,
    issued_at        TEXT NOT NULL DEFAULT ({NOW})
);
CREATE INDEX IF NOT EXISTS letters_reference ON letters(reference);
CREATE INDEX IF NOT EXISTS letters_issued ON letters(issued_at);
"""


class UnknownLetter(LookupError):
    """No letter record with that id."""


@dataclass(frozen=True)
class LetterRecord:
    template_id: str
    template_version: int
    template_digest: str
    content_release: str
    on: dt.date
    reference: str | None
    format: str
    large_print: bool
    data: dict
    snapshot: dict
    output_sha256: str
    session_id: str | None = None
    batch: str | None = None
    id: str | None = None
    issued_at: str | None = None

    def summary(self) -> dict:
        """What may be shown in a list or a log: no names, no addresses, no values."""
        return {
            "id": self.id, "template": self.template_id, "version": self.template_version,
            "release": self.content_release, "on": self.on.isoformat(), "reference": self.reference,
            "format": self.format + (" (large print)" if self.large_print else ""),
            "sha256": self.output_sha256, "issued_at": self.issued_at,
        }


class LetterStore:
    def __init__(self, path: Path, synchronous: str = "FULL"):
        self.path = Path(path)
        try:
            _private_file(self.path)
            old_mask = os.umask(0o077)
            try:
                self.db = sqlite3.connect(self.path, isolation_level=None, timeout=10)
                self.db.execute("PRAGMA journal_mode=WAL")
            finally:
                os.umask(old_mask)
            self.db.execute(f"PRAGMA synchronous={synchronous}")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the records database {self.path}: {exc}") from None

    def _migrate(self) -> None:
        self.db.execute("CREATE TABLE IF NOT EXISTS schema_parts (part TEXT PRIMARY KEY, version INTEGER NOT NULL)")
        row = self.db.execute("SELECT version FROM schema_parts WHERE part = ?", (PART,)).fetchone()
        version = row[0] if row else 0
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path} was written by a newer version of guidance (letters schema {version})")
        if version < SCHEMA_VERSION:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute("INSERT OR REPLACE INTO schema_parts (part, version) VALUES (?, ?)", (PART, SCHEMA_VERSION))
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    def add(self, record: LetterRecord, template_source: str) -> str:
        return self.add_many([(record, template_source)])[0]

    def add_many(self, items: list[tuple[LetterRecord, str]]) -> list[str]:
        """Store letters in one transaction (a mail merge writes a batch at a time)."""
        ids = []
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                for record, source in items:
                    ids.append(self._insert(record, source))
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise StoreError(f"cannot save the record of letters issued: {exc}") from None
        return ids

    def _insert(self, record: LetterRecord, source: str) -> str:
        letter_id = secrets.token_hex(6)
        self.db.execute(
            "INSERT OR IGNORE INTO letter_templates (digest, template_id, version, source) VALUES (?, ?, ?, ?)",
            (record.template_digest, record.template_id, record.template_version, source),
        )
        self.db.execute(
            "INSERT INTO letters (id, template_id, template_version, template_digest, content_release, on_date, reference,"
            " format, large_print, data, snapshot, output_sha256, session_id, batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (letter_id, record.template_id, record.template_version, record.template_digest, record.content_release,
             record.on.isoformat(), record.reference, record.format, int(record.large_print), _dumps(record.data),
             _dumps(record.snapshot), record.output_sha256, record.session_id, record.batch),
        )
        return letter_id

    def get(self, letter_id: str) -> LetterRecord:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM letters WHERE id = ?", (letter_id,)).fetchone()
        if row is None:
            raise UnknownLetter(letter_id)
        return _record(row)

    def template_source(self, digest: str) -> str:
        row = self.db.execute("SELECT source FROM letter_templates WHERE digest = ?", (digest,)).fetchone()
        if row is None:
            raise UnknownLetter(f"template text {digest[:12]}")
        return row[0]

    def list(self, reference: str | None = None, template_id: str | None = None, batch: str | None = None) -> list[LetterRecord]:
        sql = (f"SELECT {_COLUMNS} FROM letters WHERE (? IS NULL OR reference = ?) AND (? IS NULL OR template_id = ?)"
               " AND (? IS NULL OR batch = ?) ORDER BY issued_at DESC, id")
        rows = self.db.execute(sql, (reference, reference, template_id, template_id, batch, batch))
        return [_record(row) for row in rows]

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


_COLUMNS = ("id, template_id, template_version, template_digest, content_release, on_date, reference, format, large_print,"
            " data, snapshot, output_sha256, session_id, batch, issued_at")


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _record(row) -> LetterRecord:
    return LetterRecord(
        id=row[0], template_id=row[1], template_version=row[2], template_digest=row[3], content_release=row[4],
        on=dt.date.fromisoformat(row[5]), reference=row[6], format=row[7], large_print=bool(row[8]),
        data=json.loads(row[9]), snapshot=json.loads(row[10]), output_sha256=row[11], session_id=row[12],
        batch=row[13], issued_at=row[14],
    )


def open_letter_store(path: Path | None = None) -> LetterStore:
    """The letters record in the user's data folder (the same file as the sessions)."""
    from guidance.records import DB_NAME, data_dir

    return LetterStore(path or data_dir() / DB_NAME)
