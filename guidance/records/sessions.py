"""Flow sessions on the records database (SQLite or PostgreSQL), behind ``SessionStore``.

Each step is one transaction: the event, the session's new state and, at start and finish, the
audit entry. The session row is locked first (``FOR UPDATE``), so two processes answering in the
same session can never take the same step number.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets

from sqlalchemy import delete, func, or_, select, update

from guidance.records.audit import current_officer, officer_scope, scoped, write_entry
from guidance.records.schema import session_events, sessions
from guidance.records.store import ACTIVE, FINISHED, MODES, Event, SessionRecord, SessionStore, UnknownSession

_COLUMNS = (sessions.c.id, sessions.c.flow_id, sessions.c.flow_version, sessions.c.content_release, sessions.c.on_date,
            sessions.c.status, sessions.c.state, sessions.c.label, sessions.c.started_at, sessions.c.updated_at,
            sessions.c.steps, sessions.c.mode)


class SqlSessionStore(SessionStore):
    def __init__(self, database):
        self.database = database
        self.path = database.path

    def create(self, flow_id, flow_version, content_release, on, state, label=None, origin=None, mode="officer") -> SessionRecord:
        """A new session. ``origin``: where prefilled answers came from (source, record id and
        question ids, never values), written to the audit entry and the start event. ``mode``:
        "officer" or "recipient", the mode it is run in (ValueError otherwise)."""
        if mode not in MODES:
            raise ValueError(f"a session's mode is one of {', '.join(MODES)}, not '{mode}'")
        session_id = secrets.token_hex(5)
        db = self.database
        with db.write("the new session") as conn:
            conn.execute(sessions.insert().values(
                id=session_id, flow_id=flow_id, flow_version=flow_version, content_release=content_release,
                on_date=on.isoformat(), status=ACTIVE, state=state, label=label, steps=0, started_at=db.now(),
                updated_at=db.now(), officer=current_officer(), mode=mode,
            ))
            conn.execute(session_events.insert().values(session_id=session_id, seq=0, kind="start", flow_version=flow_version, at=db.now(),
                                                        value=json.dumps({"prefill": origin}, sort_keys=True) if origin else None))
            detail = {"flow": flow_id, "flow_version": flow_version}
            if origin:
                detail["prefill"] = origin
            write_entry(db, conn, "session.start", subject_kind="session", subject_id=session_id, release=content_release,
                        detail=detail)
        return self.get(session_id)

    def record(self, session_id, kind, node, value, state, *, status=ACTIVE, flow_version=None) -> None:
        db = self.database
        with db.write("the answer") as conn:
            row = conn.execute(
                scoped(select(sessions.c.flow_version, sessions.c.steps, sessions.c.status, sessions.c.content_release)
                       .where(sessions.c.id == session_id), sessions.c.officer).with_for_update()
            ).first()
            if row is None:
                raise UnknownSession(session_id)
            version = flow_version if flow_version is not None else row.flow_version
            seq = row.steps + 1
            conn.execute(session_events.insert().values(
                session_id=session_id, seq=seq, kind=kind, node=node, value=value, flow_version=version, at=db.now()))
            conn.execute(update(sessions).where(sessions.c.id == session_id).values(
                state=state, status=status, flow_version=version, steps=seq, updated_at=db.now()))
            if status == FINISHED and row.status != FINISHED:
                write_entry(db, conn, "session.finish", subject_kind="session", subject_id=session_id,
                            release=row.content_release, detail={"flow_version": version, "steps": seq})

    def get(self, session_id) -> SessionRecord:
        with self.database.read() as conn:
            row = conn.execute(scoped(select(*_COLUMNS).where(sessions.c.id == session_id), sessions.c.officer)).first()
        if row is None:
            raise UnknownSession(session_id)
        return _record(row)

    def events(self, session_id) -> list[Event]:
        if officer_scope() is not None:
            self.get(session_id)  # raises UnknownSession for another officer's session
        query = (select(session_events.c.seq, session_events.c.kind, session_events.c.node, session_events.c.value,
                        session_events.c.flow_version, session_events.c.at)
                 .where(session_events.c.session_id == session_id).order_by(session_events.c.seq))
        with self.database.read() as conn:
            return [Event(*row) for row in conn.execute(query)]

    def list(self, status=None, flow_id=None, mode=None) -> list[SessionRecord]:
        """Most recently updated first; only ``mode``'s when given (no mode: the officer's)."""
        query = scoped(select(*_COLUMNS).order_by(sessions.c.updated_at.desc(), sessions.c.id), sessions.c.officer)
        if status:
            query = query.where(sessions.c.status == status)
        if flow_id:
            query = query.where(sessions.c.flow_id == flow_id)
        if mode == "officer":
            query = query.where(or_(sessions.c.mode == "officer", sessions.c.mode.is_(None)))
        elif mode:
            query = query.where(sessions.c.mode == mode)
        with self.database.read() as conn:
            return [_record(row) for row in conn.execute(query)]

    def count_events(self) -> int:
        with self.database.read() as conn:
            return conn.execute(select(func.count()).select_from(session_events)).scalar_one()

    def delete(self, session_id) -> None:
        db = self.database
        with db.write("the deletion") as conn:
            row = conn.execute(scoped(select(sessions.c.content_release).where(sessions.c.id == session_id), sessions.c.officer)).first()
            if row is None:
                raise UnknownSession(session_id)
            conn.execute(delete(session_events).where(session_events.c.session_id == session_id))
            conn.execute(delete(sessions).where(sessions.c.id == session_id))
            write_entry(db, conn, "session.delete", subject_kind="session", subject_id=session_id, release=row.content_release)

    def close(self) -> None:
        self.database.close()


def _record(row) -> SessionRecord:
    return SessionRecord(
        id=row.id, flow_id=row.flow_id, flow_version=row.flow_version, content_release=row.content_release,
        on=dt.date.fromisoformat(row.on_date), status=row.status, state=row.state, label=row.label,
        started_at=row.started_at, updated_at=row.updated_at, steps=row.steps, mode=row.mode or "officer",
    )
