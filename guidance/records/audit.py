"""The audit trail: who did what, when, with which content release. Append-only.

An entry is written in the same transaction as the thing it records, so neither exists without
the other. Entries name records by id, never a person: a subject access export stores only a
keyed hash of the reference it was asked for (``reference_hmac``: HMAC-SHA256 with the
installation's secret key, see ``guidance.records.keys``), so the trail can prove an export
happened without keeping the reference after the records themselves are purged, and the hash
cannot be undone by trying every reference. Entries written before this kept a plain SHA-256
(``reference_sha256``); the trail is append-only, so they stay as they are: treat them as
reversible and purge the trail by its retention rules. The database refuses to update or delete
an entry (triggers on both engines).
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import json
import os
from dataclasses import dataclass

from guidance.records.schema import audit

ENV_OFFICER = "GUIDANCE_OFFICER"
ENV_OFFICER_ONLY = "GUIDANCE_OFFICER_ONLY"


def current_officer() -> str:
    """Who is using the program: ``$GUIDANCE_OFFICER`` (set per officer), else the login name."""
    name = os.environ.get(ENV_OFFICER, "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:
        return "unknown"


def officer_scope() -> str | None:
    """The officer whose records alone may be seen, when ``$GUIDANCE_OFFICER_ONLY`` is 1 (set by
    ``guidance serve`` for each signed-in officer's app); None: every record (one person's machine)."""
    if os.environ.get(ENV_OFFICER_ONLY, "").strip() == "1":
        return current_officer()
    return None


def scoped(query, column):
    """``query`` limited to rows whose ``column`` (an officer column) is ``officer_scope()``."""
    officer = officer_scope()
    return query if officer is None else query.where(column == officer)


def reference_digest(reference: str) -> str:
    """HMAC-SHA256 (hex) of the reference in its canonical form, keyed with ``audit_key()``:
    the same reference however typed gives the same digest on every machine sharing the key.
    Raises StoreError if the key cannot be read or made."""
    from guidance.records.keys import audit_key
    from guidance.references import canonical

    return hmac.new(audit_key(), canonical(reference).encode("utf-8"), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    actor: str
    action: str
    subject_kind: str | None
    subject_id: str | None
    content_release: str | None
    detail: dict


def write_entry(db, conn, action: str, *, subject_kind: str | None = None, subject_id: str | None = None,
                release: str | None = None, detail: dict | None = None, actor: str | None = None) -> None:
    """Append one entry on ``conn`` (inside the caller's transaction)."""
    conn.execute(audit.insert().values(
        at=db.now(), actor=actor or current_officer(), action=action, subject_kind=subject_kind,
        subject_id=subject_id, content_release=release,
        detail=json.dumps(detail or {}, ensure_ascii=False, separators=(",", ":"), sort_keys=True),
    ))


class AuditTrail:
    """Reading the trail, and writing entries that stand alone (export, purge)."""

    def __init__(self, db):
        self.database = db

    def record(self, action: str, **fields) -> None:
        with self.database.write("the audit entry") as conn:
            write_entry(self.database, conn, action, **fields)

    def entries(self, action: str | None = None, since: str | None = None, subject_id: str | None = None) -> list[AuditEntry]:
        from sqlalchemy import select

        query = select(audit).order_by(audit.c.id)
        if action:
            query = query.where(audit.c.action == action)
        if since:
            query = query.where(audit.c.at >= since)
        if subject_id:
            query = query.where(audit.c.subject_id == subject_id)
        with self.database.read() as conn:
            rows = conn.execute(query).all()
        return [AuditEntry(r.id, r.at, r.actor, r.action, r.subject_kind, r.subject_id, r.content_release,
                           json.loads(r.detail)) for r in rows]
