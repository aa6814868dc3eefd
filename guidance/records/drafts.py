"""Drafts of letters written outside any call: kept as they are typed, so a letter half written
survives the app being closed or killed, and offered back on the next start until it is saved.

Letters written during a call keep their drafts with the call (``CallStore.save_draft``). A
draft holds what was typed (it may hold personal details): it is found by a subject access
request through its reference and goes with the retention purge (``guidance.records.duties``).

A letter made from an account audit keeps its source with its draft (``StandaloneDraft.source``:
the audit's record id, its reference and the values it filled in), so that, given back after a
crash, the letter is locked to the audit again (its reference and figures not typed over). The
source is kept in the draft's JSON under ``SOURCE_KEY``: no new column, and a draft kept before
(without it) loads with no source.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, select, update

from guidance.records.audit import current_officer, scoped
from guidance.records.calls import SOURCE_KEY, _draft_data, split_source
from guidance.records.schema import letter_drafts


@dataclass(frozen=True)
class StandaloneDraft:
    """A letter written outside a call, as typed so far. ``data``: field name -> value."""

    id: str
    template_id: str
    data: dict
    session_id: str | None
    updated_at: str
    #: What the letter was made from when not a session: {"audit_id": the audit's record id or
    #: None, "reference": the audit's reference, "filled": the values the audit filled in}.
    source: dict | None = None


def new_draft_id() -> str:
    return secrets.token_hex(6)


class LetterDraftStore:
    def __init__(self, database):
        self.database = database

    def save(self, draft_id: str, template_id: str, data: dict, session_id: str | None = None,
             reference: str | None = None, source: dict | None = None) -> None:
        """Keep the letter as typed so far under ``draft_id`` (a later save replaces it).
        ``data`` must be JSON-ready; ``reference``: the letter's reference, already checked
        against the council's rule (None when it has none or the rule refused it); ``source``:
        what the letter was made from (``StandaloneDraft.source``), JSON-ready."""
        db = self.database
        kept = {**data, SOURCE_KEY: source} if source is not None else data
        values = {"template_id": template_id, "data": json.dumps(kept, ensure_ascii=False, sort_keys=True),
                  "session_id": session_id, "reference": reference or None, "updated_at": db.now()}
        with db.write("the letter draft") as conn:
            found = conn.execute(scoped(select(letter_drafts.c.officer).where(letter_drafts.c.id == draft_id),
                                        letter_drafts.c.officer)).first()
            if found is None:
                conn.execute(letter_drafts.insert().values(id=draft_id, officer=current_officer(), **values))
            else:
                conn.execute(update(letter_drafts).where(letter_drafts.c.id == draft_id).values(**values))

    def drop(self, draft_id: str) -> None:
        """Forget the draft (its letter has been saved)."""
        with self.database.write("the letter draft") as conn:
            conn.execute(scoped(delete(letter_drafts).where(letter_drafts.c.id == draft_id), letter_drafts.c.officer))

    def list(self, officer: str | None = None) -> list[StandaloneDraft]:
        """Drafts newest first (only ``officer``'s when given)."""
        query = scoped(select(letter_drafts.c.id, letter_drafts.c.template_id, letter_drafts.c.data,
                              letter_drafts.c.session_id, letter_drafts.c.updated_at), letter_drafts.c.officer)
        if officer:
            query = query.where(letter_drafts.c.officer == officer)
        query = query.order_by(letter_drafts.c.updated_at.desc(), letter_drafts.c.id)
        with self.database.read() as conn:
            rows = [(row, *split_source(_draft_data(row.data))) for row in conn.execute(query)]
        return [StandaloneDraft(row.id, row.template_id, data, row.session_id, row.updated_at, source)
                for row, data, source in rows]
