"""Call records: who rang (a reference, never a name), the notes, and every page, flow,
calculation and letter used during the call with its version, so the advice is provable later.

Kept in the records database beside the flow sessions (SQLite or PostgreSQL). Every change is one
transaction, written as it happens: a call survives the app being closed mid-call. Starting and
ending a call are audited with the content release.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, func, select, update

from guidance.records.audit import current_officer, scoped, write_entry
from guidance.references import canonical
from guidance.records.schema import call_drafts, call_items, calls

KINDS = ("page", "flow", "calculator", "letter")


@dataclass(frozen=True)
class CallItem:
    kind: str
    item_id: str
    title: str
    version: str | None
    at: str
    run: str | None = None  # the flow session or calculation run (None: a page or a letter)


@dataclass(frozen=True)
class LetterDraft:
    """A letter being written in a call, as typed so far (kept until the letter is saved).

    ``data``: field name -> value as the form holds it (text, or a list of lines or page ids)."""

    template_id: str
    data: dict
    session_id: str | None
    updated_at: str
    #: What the letter was made from when not a session (an account audit: ``drafts.StandaloneDraft.source``).
    source: dict | None = None


@dataclass(frozen=True)
class Used:
    """One thing used during a call, however often: ``title`` is the first line of its title at
    first use, ``count`` how many times it was used (1 or more)."""
    kind: str
    item_id: str
    title: str
    version: str | None
    count: int


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
    officer: str | None = None
    drafts: tuple[LetterDraft, ...] = ()  # newest first

    def used(self) -> tuple[Used, ...]:
        """What was used during the call, each page, flow, calculator or letter (and version)
        once, in the order first used, with how many times it was used."""
        counts: dict[tuple, int] = {}
        first: dict[tuple, CallItem] = {}
        for item in self.items:
            key = (item.kind, item.item_id, item.version)
            counts[key] = counts.get(key, 0) + 1
            first.setdefault(key, item)
        return tuple(Used(item.kind, item.item_id, item.title.split("\n")[0], item.version, counts[key])
                     for key, item in first.items())


_CALL_COLUMNS = (calls.c.id, calls.c.caller_ref, calls.c.content_release, calls.c.notes, calls.c.case_note,
                 calls.c.status, calls.c.started_at, calls.c.ended_at, calls.c.officer)


class CallStore:
    def __init__(self, database):
        """``database``: a ``Database``, or the path of a SQLite file (as before there was a choice)."""
        from guidance.records.database import Database

        self.database = Database.sqlite(Path(database)) if isinstance(database, (str, Path)) else database
        self.path = self.database.path

    def start(self, caller_ref: str, content_release: str) -> str:
        ref = canonical(caller_ref)  # kept as the council's references are written: 'dp-777' as DP-777
        if not ref:
            raise ValueError("a call needs a caller reference (a case or person number, not a name)")
        call_id = secrets.token_hex(5)
        db = self.database
        with db.write("the call record") as conn:
            conn.execute(calls.insert().values(id=call_id, caller_ref=ref, content_release=content_release, notes="",
                                               status="open", started_at=db.now(), officer=current_officer()))
            write_entry(db, conn, "call.start", subject_kind="call", subject_id=call_id, release=content_release)
        return call_id

    def add_item(self, call_id: str, kind: str, item_id: str, title: str, version: str | None,
                 run: str | None = None) -> None:
        """Record something used in the call.

        ``title``: its first line names the item; further lines say what was worked out
        (inputs, figures, key dates), and go into the case note as they are. ``run``: the flow
        session or calculation it records; the same run recorded again (an answer changed, a
        figure worked out again) replaces its entry, so each run is one entry, as it ended. Without
        a run (a page, a letter) the same item twice in a row is kept once.
        Raises ValueError (unknown kind) or LookupError (no such call of this officer's).
        """
        if kind not in KINDS:
            raise ValueError(f"unknown kind '{kind}'")
        db = self.database
        with db.write("the call record") as conn:
            if conn.execute(scoped(select(calls.c.id).where(calls.c.id == call_id), calls.c.officer).with_for_update()).first() is None:
                raise LookupError(f"no call '{call_id}'")
            if run is not None and self._replace_run(conn, call_id, kind, item_id, title, version, run):
                return
            last = conn.execute(
                select(call_items.c.seq, call_items.c.kind, call_items.c.item_id, call_items.c.version, call_items.c.title,
                       call_items.c.run)
                .where(call_items.c.call_id == call_id).order_by(call_items.c.seq.desc()).limit(1)
            ).first()
            if run is None and last is not None and last.run is None and \
                    (last.kind, last.item_id, last.version, last.title) == (kind, item_id, version, title):
                return
            conn.execute(call_items.insert().values(call_id=call_id, seq=(last.seq if last else 0) + 1, kind=kind,
                                                    item_id=item_id, title=title, version=version, at=db.now(), run=run))

    def _replace_run(self, conn, call_id: str, kind: str, item_id: str, title: str, version: str | None, run: str) -> bool:
        """Update the entry already recording ``run`` in this call; False when there is none."""
        where = (call_items.c.call_id == call_id) & (call_items.c.run == run) & (call_items.c.kind == kind)
        if conn.execute(select(call_items.c.seq).where(where)).first() is None:
            return False
        conn.execute(update(call_items).where(where).values(item_id=item_id, title=title, version=version,
                                                            at=self.database.now()))
        return True

    # -- letter drafts -------------------------------------------------------------------------

    def save_draft(self, call_id: str, template_id: str, data: dict, session_id: str | None = None,
                   source: dict | None = None) -> None:
        """Keep the letter ``template_id`` as typed so far in the call (one draft per letter:
        a later save replaces it). ``data`` must be JSON-ready; ``source``: what the letter was
        made from (an account audit), kept with it. Raises LookupError (no such call)."""
        db = self.database
        text = json.dumps({**data, SOURCE_KEY: source} if source is not None else data, ensure_ascii=False, sort_keys=True)
        with db.write("the letter draft") as conn:
            if conn.execute(scoped(select(calls.c.id).where(calls.c.id == call_id), calls.c.officer)).first() is None:
                raise LookupError(f"no call '{call_id}'")
            where = (call_drafts.c.call_id == call_id) & (call_drafts.c.template_id == template_id)
            values = {"data": text, "session_id": session_id, "updated_at": db.now()}
            if conn.execute(select(call_drafts.c.call_id).where(where)).first() is None:
                conn.execute(call_drafts.insert().values(call_id=call_id, template_id=template_id, **values))
            else:
                conn.execute(update(call_drafts).where(where).values(**values))

    def drop_draft(self, call_id: str, template_id: str) -> None:
        """Forget the draft of ``template_id`` in the call (the letter has been saved)."""
        with self.database.write("the letter draft") as conn:
            if conn.execute(scoped(select(calls.c.id).where(calls.c.id == call_id), calls.c.officer)).first() is None:
                return
            conn.execute(delete(call_drafts).where((call_drafts.c.call_id == call_id) & (call_drafts.c.template_id == template_id)))

    def save_notes(self, call_id: str, notes: str) -> None:
        with self.database.write("the call notes") as conn:
            conn.execute(scoped(update(calls).where(calls.c.id == call_id), calls.c.officer).values(notes=notes))

    def finish(self, call_id: str, case_note: str) -> None:
        db = self.database
        with db.write("the call record") as conn:
            row = conn.execute(scoped(select(calls.c.content_release, calls.c.status).where(calls.c.id == call_id), calls.c.officer)
                               .with_for_update()).first()
            if row is None:
                raise LookupError(f"no call '{call_id}'")
            conn.execute(update(calls).where(calls.c.id == call_id).values(status="closed", case_note=case_note, ended_at=db.now()))
            if row.status != "closed":
                count = conn.execute(select(func.count()).select_from(call_items).where(call_items.c.call_id == call_id)).scalar_one()
                write_entry(db, conn, "call.end", subject_kind="call", subject_id=call_id, release=row.content_release,
                            detail={"items": count})

    def reopen(self, call_id: str) -> None:
        """Open a closed call again (the officer has more to add); audited. The case note is
        written afresh when it ends."""
        db = self.database
        with db.write("the call record") as conn:
            row = conn.execute(select(calls.c.content_release, calls.c.status).where(calls.c.id == call_id).with_for_update()).first()
            if row is None:
                raise LookupError(f"no call '{call_id}'")
            if row.status == "open":
                return
            conn.execute(update(calls).where(calls.c.id == call_id).values(status="open", ended_at=None))
            write_entry(db, conn, "call.reopen", subject_kind="call", subject_id=call_id, release=row.content_release)

    def get(self, call_id: str) -> Call:
        with self.database.read() as conn:
            return _load(conn, call_id)

    def list(self, status: str | None = None, officer: str | None = None, limit: int | None = None) -> list[Call]:
        """Calls newest first (only the signed-in officer's where officers are scoped); only
        ``status`` ("open", "closed") and ``officer``'s when given."""
        query = scoped(select(calls.c.id).order_by(calls.c.started_at.desc(), calls.c.id), calls.c.officer)
        if status:
            query = query.where(calls.c.status == status)
        if officer:
            query = query.where(calls.c.officer == officer)
        if limit:
            query = query.limit(limit)
        with self.database.read() as conn:
            return [_load(conn, call_id) for call_id in conn.execute(query).scalars().all()]

    def close(self) -> None:
        self.database.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _load(conn, call_id: str) -> Call:
    row = conn.execute(scoped(select(*_CALL_COLUMNS).where(calls.c.id == call_id), calls.c.officer)).first()
    if row is None:
        raise LookupError(f"no call '{call_id}'")
    items = conn.execute(
        select(call_items.c.kind, call_items.c.item_id, call_items.c.title, call_items.c.version, call_items.c.at,
               call_items.c.run)
        .where(call_items.c.call_id == call_id).order_by(call_items.c.seq)
    ).all()
    drafts = conn.execute(
        select(call_drafts.c.template_id, call_drafts.c.data, call_drafts.c.session_id, call_drafts.c.updated_at)
        .where(call_drafts.c.call_id == call_id).order_by(call_drafts.c.updated_at.desc(), call_drafts.c.template_id)
    ).all()
    return Call(*row[:8], items=tuple(CallItem(*item) for item in items), officer=row.officer,
                drafts=tuple(_letter_draft(d) for d in drafts))


def _letter_draft(row) -> LetterDraft:
    data, source = split_source(_draft_data(row.data))
    return LetterDraft(row.template_id, data, row.session_id, row.updated_at, source)


#: The key a draft's source is kept under in its stored JSON (never a letter field's name): no
#: new column, and a draft kept before sources were loads with none.
SOURCE_KEY = "_source"


def split_source(data: dict) -> tuple[dict, dict | None]:
    """A stored draft's values and its source (None when it has none)."""
    data = dict(data)
    source = data.pop(SOURCE_KEY, None)
    return data, source if isinstance(source, dict) else None


def _draft_data(text: str) -> dict:
    """A stored draft's values; {} when the text is not a JSON object (never a crash on resume)."""
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
