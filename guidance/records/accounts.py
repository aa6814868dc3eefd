"""The record of account audits: each audit's figures, the statements it read (by file name and
SHA-256, not their rows), the plan, and each flag with the officer's decision on it.

Decisions: ``explained`` (the person explained it), ``query`` (asked, waiting), ``recover`` (money
to be paid back), ``safeguarding`` (raised under the safeguarding procedure). Recording an audit
and every decision is audited in the same transaction; the audit trail holds ids, kinds and
counts, never the reference, notes or amounts of a person's spending.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select, text, update

from guidance.accounts.decisions import DECISIONS as _DECLARED
from guidance.accounts.decisions import read_decision
from guidance.records.audit import current_officer, scoped, write_entry
from guidance.records.schema import account_audits, account_flags
from guidance.references import canonical, stored_as

_RECORD_LOCK = 7_334_212  # pg_advisory_xact_lock class key: one "same as recorded" check per reference at a time

#: The key of the recorded figures that keeps the values a letter takes from the audit and a
#: review started from it carries (``accounts.letters.carried_values``): the reference, the day of
#: the balance, the days statements are missing for. Audits recorded before they were kept have none.
LETTER_VALUES = "letter_values"

#: The decisions, declared once with the audit (their names, keys and the words they may be typed as).
DECISIONS = {name: decision.meaning for name, decision in _DECLARED.items()}


class UnknownAudit(LookupError):
    """No account audit (or no flag with that number) in the records."""


class UnknownFlag(UnknownAudit):
    """The account audit is recorded but has no flag with that number."""

    def __init__(self, audit_id: str, seq: int, flags: int):
        super().__init__(f"{audit_id} flag {seq}")
        self.audit_id, self.seq, self.flags = audit_id, seq, flags


@dataclass(frozen=True)
class FlagRecord:
    seq: int
    kind: str
    on: str
    amount: str
    file: str | None
    line: int | None
    message: str
    decision: str | None = None
    note: str | None = None
    decided_by: str | None = None
    decided_at: str | None = None


@dataclass(frozen=True)
class AuditRecord:
    id: str
    reference: str
    period_from: str
    period_to: str
    content_release: str | None
    figures: dict
    statements: list
    plan: dict
    audited_at: str
    officer: str | None
    flags: tuple[FlagRecord, ...] = ()

    def summary(self) -> dict:
        decided = sum(1 for f in self.flags if f.decision)
        return {"id": self.id, "reference": self.reference, "period": f"{self.period_from} to {self.period_to}",
                "surplus": self.figures.get("surplus"), "surplus_provisional": self.figures.get("surplus_provisional") is True,
                "flags": len(self.flags), "decided": decided,
                "audited_at": self.audited_at, "officer": self.officer}


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True, default=str)


def statement_digests(paths) -> list[dict]:
    """File name (not the folder: folders may name people) and SHA-256 of each statement read."""
    return [{"name": Path(p).name, "sha256": hashlib.sha256(Path(p).read_bytes()).hexdigest()} for p in paths]


class AccountAuditStore:
    def __init__(self, database):
        self.database = database

    def add(self, audit, statements: list[dict], release: str | None = None) -> str:
        """Keep an audit (``guidance.accounts.audit.Audit``) and its flags; returns its id."""
        with self.database.write("the account audit") as conn:
            return self._insert(conn, audit, statements, release)

    def _insert(self, conn, audit, statements: list[dict], release: str | None) -> str:
        """Insert an audit and its flags in the open write transaction ``conn``; returns its id."""
        from guidance.accounts.audit import audit_json
        from guidance.accounts.letters import carried_values

        db = self.database
        audit_id = secrets.token_hex(6)
        data = audit_json(audit)
        flags = data.pop("flags")
        data[LETTER_VALUES] = carried_values(audit)
        rec = audit.reconciliation
        conn.execute(account_audits.insert().values(
            id=audit_id, reference=canonical(rec.reference), period_from=rec.start.isoformat(), period_to=rec.end.isoformat(),
            content_release=release, figures=_dumps(data), statements=_dumps(statements),
            plan=_dumps(audit.plan.model_dump(mode="json", by_alias=True)), audited_at=db.now(), officer=current_officer()))
        for seq, flag in enumerate(flags, start=1):
            conn.execute(account_flags.insert().values(
                audit_id=audit_id, seq=seq, kind=flag["kind"], on_date=flag["date"], amount=flag["amount"],
                file=Path(flag["file"]).name if flag["file"] else None, line=flag["line"], message=flag["message"]))
        write_entry(db, conn, "account.audit", subject_kind="account_audit", subject_id=audit_id, release=release,
                    detail={"flags": len(flags), "kinds": sorted({f["kind"] for f in flags}), "statements": len(statements)})
        return audit_id

    def record(self, audit, statements: list[dict], release: str | None = None) -> tuple[str, bool]:
        """Keep an audit unless the same one is kept already: (its id, whether it is new). The same
        one is an audit by the signed-in officer of that reference with the same plan, the same
        statements (by name and SHA-256), the same figures and content release (the latest such,
        even when other audits of the reference came after it); auditing it again changes
        nothing, so it is reused (with its decisions) rather than kept twice. The look and the
        keeping are one write transaction (on PostgreSQL under a lock for the reference), so two
        of the same audit recorded at once are kept once."""
        with self.database.write("the account audit") as conn:
            if self.database.dialect == "postgresql":
                key = int.from_bytes(hashlib.sha256(canonical(audit.reconciliation.reference).encode()).digest()[:4], "big")
                conn.execute(text("SELECT pg_advisory_xact_lock(:a, :b)"), {"a": _RECORD_LOCK, "b": key - (1 << 31)})
            same = self._latest_same(conn, audit, statements, release)
            if same is not None:
                return same, False
            return self._insert(conn, audit, statements, release), True

    def latest_same(self, audit, statements: list[dict], release: str | None = None) -> str | None:
        """The id of the latest recorded audit ``audit`` repeats (see ``record``), or None."""
        with self.database.read() as conn:
            return self._latest_same(conn, audit, statements, release)

    def _latest_same(self, conn, audit, statements: list[dict], release: str | None) -> str | None:
        """``latest_same`` read through the open connection ``conn``."""
        from guidance.accounts.audit import audit_json

        rec = audit.reconciliation
        query = _mine(select(account_audits).where(stored_as(account_audits.c.reference, rec.reference))
                      .where(account_audits.c.period_from == rec.start.isoformat())
                      .where(account_audits.c.period_to == rec.end.isoformat())
                      .order_by(account_audits.c.audited_at.desc(), account_audits.c.id.desc()))
        data = audit_json(audit)
        data.pop("flags")
        figures, kept = json.loads(_dumps(data)), json.loads(_dumps(statements))
        plan = json.loads(_dumps(audit.plan.model_dump(mode="json", by_alias=True)))
        for row in conn.execute(query):
            recorded = json.loads(row.figures)
            recorded.pop(LETTER_VALUES, None)  # worked out from the rest (an audit recorded before they were kept has none)
            if (row.content_release == release and json.loads(row.statements) == kept
                    and recorded == figures and json.loads(row.plan) == plan):
                return row.id
        return None

    def decisions(self, audit_id: str) -> dict[int, str]:
        """Flag number -> the decision recorded on it so far (flags not yet decided are left out)."""
        return {f.seq: f.decision for f in self.get(audit_id).flags if f.decision}

    def decide(self, audit_id: str, seq: int, decision: str, note: str | None = None, release: str | None = None) -> FlagRecord:
        """Record the officer's decision on flag ``seq`` of an audit (``decision`` read by
        ``read_decision``: "safeguard" is recorded as "safeguarding"). Raises ValueError for an
        unknown decision, UnknownAudit for an unknown audit, UnknownFlag for a flag the audit has not."""
        decision = read_decision(decision)  # UnknownDecision (a ValueError) names the decisions
        db = self.database
        where = (account_flags.c.audit_id == audit_id) & (account_flags.c.seq == seq)
        with db.write("the decision on the flag") as conn:
            if conn.execute(_mine(select(account_audits.c.id).where(account_audits.c.id == audit_id))).first() is None:
                raise UnknownAudit(audit_id)
            row = conn.execute(select(account_flags.c.kind, account_flags.c.decision).where(where).with_for_update()).first()
            if row is None:
                count = conn.execute(select(func.count()).select_from(account_flags).where(account_flags.c.audit_id == audit_id)).scalar()
                raise UnknownFlag(audit_id, seq, count)
            conn.execute(update(account_flags).where(where).values(decision=decision, note=note, decided_by=current_officer(),
                                                                   decided_at=db.now()))
            write_entry(db, conn, "account.flag.decide", subject_kind="account_audit", subject_id=audit_id, release=release,
                        detail={"flag": seq, "kind": row.kind, "decision": decision, "previous": row.decision})
        return next(f for f in self.get(audit_id).flags if f.seq == seq)

    def get(self, audit_id: str) -> AuditRecord:
        with self.database.read() as conn:
            row = conn.execute(_mine(select(account_audits).where(account_audits.c.id == audit_id))).first()
            if row is None:
                raise UnknownAudit(audit_id)
            flags = conn.execute(select(account_flags).where(account_flags.c.audit_id == audit_id).order_by(account_flags.c.seq)).all()
        return _record(row, flags)

    def list(self, reference: str | None = None, oldest_first: bool = False) -> list[AuditRecord]:
        """The recorded audits (of ``reference`` if given), newest first by when each was made
        (to the millisecond; audits made in the same millisecond by id, as ``latest_same``
        takes the latest), or oldest first: the same order turned round."""
        if oldest_first:
            order = (account_audits.c.audited_at, account_audits.c.id)
        else:
            order = (account_audits.c.audited_at.desc(), account_audits.c.id.desc())
        query = _mine(select(account_audits).order_by(*order))
        if reference is not None:
            query = query.where(stored_as(account_audits.c.reference, reference))
        with self.database.read() as conn:
            rows = conn.execute(query).all()
            flags = {}
            for r in conn.execute(select(account_flags).order_by(account_flags.c.audit_id, account_flags.c.seq)):
                flags.setdefault(r.audit_id, []).append(r)
        return [_record(row, flags.get(row.id, [])) for row in rows]


def _mine(query):
    """``query`` limited to the signed-in officer's audits in a served app (see ``scoped``)."""
    return scoped(query, account_audits.c.officer)


def _record(row, flags) -> AuditRecord:
    return AuditRecord(
        id=row.id, reference=row.reference, period_from=row.period_from, period_to=row.period_to,
        content_release=row.content_release, figures=json.loads(row.figures), statements=json.loads(row.statements),
        plan=json.loads(row.plan), audited_at=row.audited_at, officer=row.officer,
        flags=tuple(FlagRecord(f.seq, f.kind, f.on_date, f.amount, f.file, f.line, f.message, f.decision, f.note,
                               f.decided_by, f.decided_at) for f in flags),
    )


def export_audits(conn, reference: str) -> list[dict]:
    """A person's account audits with their flags, for a subject access export (inside its transaction)."""
    out = []
    for row in conn.execute(select(account_audits).where(stored_as(account_audits.c.reference, reference)).order_by(account_audits.c.audited_at)):
        item = dict(row._mapping)
        for key in ("figures", "statements", "plan"):
            item[key] = json.loads(item[key])
        item["flags"] = [dict(f._mapping) for f in conn.execute(
            select(account_flags).where(account_flags.c.audit_id == row.id).order_by(account_flags.c.seq))]
        out.append(item)
    return out


def open_account_audit_store() -> AccountAuditStore:
    from guidance.records.database import open_database

    return AccountAuditStore(open_database())
