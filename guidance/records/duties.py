"""Records duties: everything held about a person (a subject access request), and retention.

Both are audited. The audit entry for an export keeps a keyed hash of the reference (HMAC with
the installation's key, ``reference_hmac``), never the reference; a purge keeps only its cut-off and counts. Neither prints or logs personal data: the
export goes where the officer asked, to a private file or to standard output.
"""

from __future__ import annotations

import json

from sqlalchemy import delete, func, or_, select

from guidance.records.audit import reference_digest, write_entry
from guidance.references import canonical, stored_as
from guidance.records.schema import account_audits, account_flags, call_drafts, call_items, calls, letter_drafts, letter_templates, letters, reviews, session_events, sessions


def _rows(conn, query) -> list[dict]:
    return [dict(row._mapping) for row in conn.execute(query)]


def _same(column, ref: str):
    """``column`` holds the reference ``ref`` (canonical); see ``guidance.references.stored_as``."""
    return stored_as(column, ref)


def export_person(database, reference: str, release: str | None = None) -> dict:
    """Calls, letters (with the values they were filled with), letter drafts with the reference,
    linked sessions and their checks.

    The reference is compared in its canonical form (``guidance.references.canonical``), so
    ``dp-777`` finds what was recorded as ``DP-777``. Raises ValueError for an empty reference.
    """
    ref = canonical(reference)
    if not ref:
        raise ValueError("give the person's reference (the one recorded on their calls and letters)")
    digest = reference_digest(ref)  # before the transaction: a missing key stops the export, not half of it
    with database.write("the export record") as conn:
        found_calls = _rows(conn, select(calls).where(_same(calls.c.caller_ref, ref)).order_by(calls.c.started_at))
        for call in found_calls:
            call["items"] = _rows(conn, select(call_items.c.kind, call_items.c.item_id, call_items.c.title, call_items.c.version,
                                               call_items.c.at).where(call_items.c.call_id == call["id"]).order_by(call_items.c.seq))
            call["letter_drafts"] = _rows(conn, select(call_drafts.c.template_id, call_drafts.c.data, call_drafts.c.updated_at)
                                          .where(call_drafts.c.call_id == call["id"]).order_by(call_drafts.c.template_id))
        found_letters = _rows(conn, select(letters).where(_same(letters.c.reference, ref)).order_by(letters.c.issued_at))
        for letter in found_letters:
            letter["data"] = json.loads(letter["data"])
            letter["snapshot"] = json.loads(letter["snapshot"])
        found_drafts = _rows(conn, select(letter_drafts).where(_same(letter_drafts.c.reference, ref)).order_by(letter_drafts.c.updated_at))
        for draft in found_drafts:
            draft["data"] = json.loads(draft["data"])
        linked = {letter["session_id"] for letter in found_letters if letter["session_id"]}
        found_sessions = _rows(conn, select(sessions).where(or_(_same(sessions.c.label, ref), sessions.c.id.in_(linked))).order_by(sessions.c.started_at))
        for session in found_sessions:
            session["state"] = json.loads(session["state"])
            session["events"] = _rows(conn, select(session_events.c.seq, session_events.c.kind, session_events.c.node,
                                                   session_events.c.value, session_events.c.at)
                                      .where(session_events.c.session_id == session["id"]).order_by(session_events.c.seq))
        from guidance.records.accounts import export_audits

        found_audits = export_audits(conn, ref)
        item_ids = [c["id"] for c in found_calls] + [letter["id"] for letter in found_letters] + [a["id"] for a in found_audits]
        found_reviews = _rows(conn, select(reviews).where(reviews.c.item_id.in_(item_ids))) if item_ids else []
        counts = {"calls": len(found_calls), "letters": len(found_letters), "sessions": len(found_sessions), "reviews": len(found_reviews),
                  "account_audits": len(found_audits), "letter_drafts": len(found_drafts)}
        write_entry(database, conn, "records.export", release=release, detail={"reference_hmac": digest, **counts})
    return {"reference": ref, "calls": found_calls, "letters": found_letters, "sessions": found_sessions, "accuracy_checks": found_reviews,
            "account_audits": found_audits, "letter_drafts": found_drafts}


def purge_older_than(database, cutoff: str, dry_run: bool = False, release: str | None = None) -> dict:
    """Delete sessions last touched, calls started, letters issued and letter drafts last typed
    into before ``cutoff`` (ISO date).

    The checks of purged items go with them; template texts no letter uses any more too. The
    audit trail stays: it holds ids and counts, not personal data.
    """
    with database.write("the purge") as conn:
        old_sessions = select(sessions.c.id).where(sessions.c.updated_at < cutoff)
        old_calls = select(calls.c.id).where(calls.c.started_at < cutoff)
        old_letters = select(letters.c.id).where(letters.c.issued_at < cutoff)
        old_audits = select(account_audits.c.id).where(account_audits.c.audited_at < cutoff)
        old_drafts = select(letter_drafts.c.id).where(letter_drafts.c.updated_at < cutoff)
        counts = {name: conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()
                  for name, query in (("sessions", old_sessions), ("calls", old_calls), ("letters", old_letters),
                                      ("account_audits", old_audits), ("letter_drafts", old_drafts))}
        if not dry_run:
            conn.execute(delete(reviews).where((reviews.c.kind == "account_audit") & reviews.c.item_id.in_(old_audits)))
            conn.execute(delete(account_flags).where(account_flags.c.audit_id.in_(old_audits)))
            conn.execute(delete(account_audits).where(account_audits.c.id.in_(old_audits.scalar_subquery())))
            conn.execute(delete(reviews).where(or_(
                (reviews.c.kind == "call") & reviews.c.item_id.in_(old_calls),
                (reviews.c.kind == "letter") & reviews.c.item_id.in_(old_letters))))
            conn.execute(delete(session_events).where(session_events.c.session_id.in_(old_sessions)))
            conn.execute(delete(sessions).where(sessions.c.id.in_(old_sessions.scalar_subquery())))
            conn.execute(delete(call_items).where(call_items.c.call_id.in_(old_calls)))
            conn.execute(delete(call_drafts).where(call_drafts.c.call_id.in_(old_calls)))
            conn.execute(delete(calls).where(calls.c.id.in_(old_calls.scalar_subquery())))
            conn.execute(delete(letters).where(letters.c.id.in_(old_letters.scalar_subquery())))
            conn.execute(delete(letter_drafts).where(letter_drafts.c.id.in_(old_drafts.scalar_subquery())))
            conn.execute(delete(letter_templates).where(letter_templates.c.digest.not_in(select(letters.c.template_digest))))
            write_entry(database, conn, "records.purge", release=release, detail={"before": cutoff, **counts})
    return counts
