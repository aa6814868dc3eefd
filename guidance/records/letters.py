"""The record of letters issued, in the records database beside the flow sessions and calls.

Each row says who a letter was for (the reference only: the name and address stay inside the
stored values, never in a log), which template and version, which content release, the values
it was filled with, what it took from the content (figures, pages, glossary, council details)
and, for a letter made from an account audit or a review started from one, that audit
(``SOURCE`` in the snapshot: no column of its own, so a letter recorded before loads as it was),
the output format, the SHA-256 of the bytes sent and the officer who issued it. Template texts are
kept once each, by digest, so a letter can be printed again exactly as it was sent after the
template has changed. Each letter issued is audited in the same transaction.

The tables are made by the records migrations (``guidance.records.migrations``), on SQLite or
PostgreSQL alike.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from guidance.records.audit import current_officer, scoped, write_entry
from guidance.records.schema import letter_templates, letters
from guidance.references import canonical, stored_as

#: The key of a letter's snapshot naming what its values were made from, beside what it took
#: from the content: {"account_audit": the audit's record id}. A letter recorded before (or made
#: from no audit) has none.
SOURCE = "source"


def new_letter_id() -> str:
    """A new letter id: 12 hex digits."""
    return secrets.token_hex(6)


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

    @property
    def audit_id(self) -> str | None:
        """The recorded account audit the letter was made from (``SOURCE``), or None."""
        source = self.snapshot.get(SOURCE)
        return source.get("account_audit") if isinstance(source, dict) else None

    def summary(self) -> dict:
        """What may be shown in a list or a log: no names, no addresses, no values."""
        return {
            "id": self.id, "template": self.template_id, "version": self.template_version,
            "release": self.content_release, "on": self.on.isoformat(), "reference": self.reference,
            "format": self.format + (" (large print)" if self.large_print else ""),
            "sha256": self.output_sha256, "issued_at": self.issued_at,
        }


class LetterStore:
    def __init__(self, database, synchronous: str = "FULL"):
        """``database``: a ``Database``, or the path of a SQLite file."""
        from guidance.records.database import Database

        if isinstance(database, (str, Path)):
            database = Database.sqlite(Path(database), synchronous)
        self.database = database
        self.path = database.path

    def add(self, record: LetterRecord, template_source: str, letter_id: str | None = None) -> str:
        """Store one letter (and its audit entry) in one transaction; returns its id.

        ``letter_id`` lets a caller name the letter before it is stored (the mail merge puts the
        id in the name of the file waiting to be put in place, so the two can be matched after a
        crash)."""
        with self.database.write("the record of letters issued") as conn:
            return self._insert(conn, record, template_source, letter_id)

    def add_many(self, items: list[tuple[LetterRecord, str]]) -> list[str]:
        """Store letters in one transaction (a mail merge writes a batch at a time)."""
        with self.database.write("the record of letters issued") as conn:
            return [self._insert(conn, record, source) for record, source in items]

    def _insert(self, conn, record: LetterRecord, source: str, letter_id: str | None = None) -> str:
        db = self.database
        letter_id = letter_id or new_letter_id()
        known = conn.execute(select(letter_templates.c.digest).where(letter_templates.c.digest == record.template_digest)).first()
        if known is None:
            conn.execute(letter_templates.insert().values(digest=record.template_digest, template_id=record.template_id,
                                                          version=record.template_version, source=source))
        conn.execute(letters.insert().values(
            id=letter_id, template_id=record.template_id, template_version=record.template_version,
            template_digest=record.template_digest, content_release=record.content_release, on_date=record.on.isoformat(),
            reference=canonical(record.reference) if record.reference else None, format=record.format, large_print=int(record.large_print), data=_dumps(record.data),
            snapshot=_dumps(record.snapshot), output_sha256=record.output_sha256, session_id=record.session_id,
            batch=record.batch, issued_at=db.now(), officer=current_officer(),
        ))
        write_entry(db, conn, "letter.issue", subject_kind="letter", subject_id=letter_id, release=record.content_release,
                    detail={"template": record.template_id, "version": record.template_version, "format": record.format,
                            "batch": record.batch})
        return letter_id

    def get(self, letter_id: str) -> LetterRecord:
        with self.database.read() as conn:
            row = conn.execute(scoped(select(*_COLUMNS).where(letters.c.id == letter_id), letters.c.officer)).first()
        if row is None:
            raise UnknownLetter(letter_id)
        return _record(row)

    def known(self, letter_ids: list[str]) -> set[str]:
        """Which of ``letter_ids`` are in the record."""
        if not letter_ids:
            return set()
        with self.database.read() as conn:
            return {row[0] for row in conn.execute(select(letters.c.id).where(letters.c.id.in_(list(letter_ids))))}

    def template_source(self, digest: str) -> str:
        with self.database.read() as conn:
            row = conn.execute(select(letter_templates.c.source).where(letter_templates.c.digest == digest)).first()
        if row is None:
            raise UnknownLetter(f"template text {digest[:12]}")
        return row[0]

    def list(self, reference: str | None = None, template_id: str | None = None, batch: str | None = None) -> list[LetterRecord]:
        query = scoped(select(*_COLUMNS).order_by(letters.c.issued_at.desc(), letters.c.id), letters.c.officer)
        if reference is not None:
            query = query.where(stored_as(letters.c.reference, reference))
        for column, value in ((letters.c.template_id, template_id), (letters.c.batch, batch)):
            if value is not None:
                query = query.where(column == value)
        with self.database.read() as conn:
            return [_record(row) for row in conn.execute(query)]

    def close(self) -> None:
        self.database.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


_COLUMNS = (letters.c.id, letters.c.template_id, letters.c.template_version, letters.c.template_digest,
            letters.c.content_release, letters.c.on_date, letters.c.reference, letters.c.format, letters.c.large_print,
            letters.c.data, letters.c.snapshot, letters.c.output_sha256, letters.c.session_id, letters.c.batch,
            letters.c.issued_at)


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
    """The letters record: the SQLite file at ``path``, else the configured records database."""
    from guidance.records.database import open_database

    return LetterStore(path if path is not None else open_database())
