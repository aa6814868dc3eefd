"""Accuracy checks: a team leader samples a share of recent calls and letters, records the outcome
of checking each one, and sees the results by officer (the team's "10% accuracy checks").

The sample is taken per officer (at least one item from each officer who had any), so every
officer is checked, and an item is never sampled twice. Sampling and each outcome are audited.
"""

from __future__ import annotations

import math
import random
import secrets
from dataclasses import dataclass

from sqlalchemy import select, update

from guidance.records.audit import current_officer, write_entry
from guidance.records.schema import account_audits, calls, letters, reviews

OUTCOMES = {
    "correct": "the advice or letter was right",
    "minor": "right in substance, with a minor issue to feed back",
    "wrong": "the advice or letter was wrong: put it right with the person",
}


@dataclass(frozen=True)
class Review:
    id: str
    kind: str
    item_id: str
    officer: str
    item_at: str
    sampled_at: str
    sampled_by: str
    outcome: str | None
    note: str | None
    checked_by: str | None
    checked_at: str | None


class UnknownReview(LookupError):
    pass


class ReviewStore:
    def __init__(self, database):
        self.database = database

    def _candidates(self, conn, since: str) -> list[tuple[str, str, str, str]]:
        """(kind, id, officer, when) of calls and letters since ``since`` not yet sampled."""
        done = select(reviews.c.item_id).where(reviews.c.kind == "call")
        found = [("call", r.id, r.officer or "unknown", r.started_at) for r in conn.execute(
            select(calls.c.id, calls.c.officer, calls.c.started_at).where(calls.c.started_at >= since, calls.c.id.not_in(done)))]
        done = select(reviews.c.item_id).where(reviews.c.kind == "letter")
        found += [("letter", r.id, r.officer or "unknown", r.issued_at) for r in conn.execute(
            select(letters.c.id, letters.c.officer, letters.c.issued_at).where(letters.c.issued_at >= since, letters.c.id.not_in(done)))]
        done = select(reviews.c.item_id).where(reviews.c.kind == "account_audit")
        found += [("account_audit", r.id, r.officer or "unknown", r.audited_at) for r in conn.execute(
            select(account_audits.c.id, account_audits.c.officer, account_audits.c.audited_at).where(
                account_audits.c.audited_at >= since, account_audits.c.id.not_in(done)))]
        return sorted(found)

    def sample(self, percent: float, since: str, seed: int | None = None, release: str | None = None) -> list[Review]:
        """Sample ``percent`` of each officer's calls and letters since ``since`` (ISO date)."""
        if not 0 < percent <= 100:
            raise ValueError("the percentage must be more than 0 and at most 100")
        chooser = random.Random(seed) if seed is not None else random.SystemRandom()
        db = self.database
        chosen_ids = []
        with db.write("the review sample") as conn:
            by_officer: dict[str, list] = {}
            for item in self._candidates(conn, since):
                by_officer.setdefault(item[2], []).append(item)
            total = sum(len(items) for items in by_officer.values())
            for officer in sorted(by_officer):
                items = by_officer[officer]
                for kind, item_id, _, when in chooser.sample(items, math.ceil(len(items) * percent / 100)):
                    review_id = secrets.token_hex(5)
                    conn.execute(reviews.insert().values(id=review_id, kind=kind, item_id=item_id, officer=officer, item_at=when,
                                                         sampled_at=db.now(), sampled_by=current_officer()))
                    chosen_ids.append(review_id)
            write_entry(db, conn, "review.sample", release=release,
                        detail={"percent": percent, "since": since, "eligible": total, "sampled": len(chosen_ids)})
        return [self.get(review_id) for review_id in chosen_ids]

    def record(self, review_id: str, outcome: str, note: str | None = None, release: str | None = None) -> Review:
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome '{outcome}' (use {', '.join(OUTCOMES)})")
        db = self.database
        with db.write("the review outcome") as conn:
            row = conn.execute(select(reviews.c.kind, reviews.c.item_id, reviews.c.outcome).where(reviews.c.id == review_id).with_for_update()).first()
            if row is None:
                raise UnknownReview(review_id)
            conn.execute(update(reviews).where(reviews.c.id == review_id).values(
                outcome=outcome, note=note, checked_by=current_officer(), checked_at=db.now()))
            write_entry(db, conn, "review.outcome", subject_kind="review", subject_id=review_id, release=release,
                        detail={"kind": row.kind, "item": row.item_id, "outcome": outcome, "previous": row.outcome})
        return self.get(review_id)

    def get(self, review_id: str) -> Review:
        with self.database.read() as conn:
            row = conn.execute(select(reviews).where(reviews.c.id == review_id)).first()
        if row is None:
            raise UnknownReview(review_id)
        return Review(*row)

    def list(self, pending: bool = False, since: str | None = None) -> list[Review]:
        query = select(reviews).order_by(reviews.c.sampled_at.desc(), reviews.c.officer, reviews.c.id)
        if pending:
            query = query.where(reviews.c.outcome.is_(None))
        if since:
            query = query.where(reviews.c.item_at >= since)
        with self.database.read() as conn:
            return [Review(*row) for row in conn.execute(query)]

    def results(self, since: str | None = None) -> list[dict]:
        """Per officer: items sampled, checked, each outcome, and the share checked correct."""
        table: dict[str, dict] = {}
        for review in self.list(since=since):
            row = table.setdefault(review.officer, {"officer": review.officer, "sampled": 0, "checked": 0,
                                                    **{name: 0 for name in OUTCOMES}})
            row["sampled"] += 1
            if review.outcome:
                row["checked"] += 1
                row[review.outcome] += 1
        for row in table.values():
            row["accuracy_percent"] = round(100 * row["correct"] / row["checked"], 1) if row["checked"] else None
        return [table[name] for name in sorted(table)]
