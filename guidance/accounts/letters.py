"""Letter values from an audit: the surplus repayment letter (``dp-surplus-repayment``) and the
statements request (``dp-statements-request``). The audit gives the figures and dates; the
officer's data gives the rest (name, address, dates to reply by). Values given in the officer's
data win over the audit's only for fields the audit does not fill.
"""

from __future__ import annotations

import datetime as dt

from guidance.accounts.audit import Audit

LETTERS = {"surplus": "dp-surplus-repayment", "statements": "dp-statements-request"}


class NothingToAsk(ValueError):
    """The audit gives no reason for this letter (no surplus, or no statements missing)."""


def surplus_values(audit: Audit) -> dict:
    """reference, balance_date, balance and keep (owed + contingency) for dp-surplus-repayment."""
    rec = audit.reconciliation
    if rec.surplus <= 0:
        raise NothingToAsk("the audit found no surplus, so there is nothing to ask back")
    return {"reference": rec.reference, "balance_date": rec.end.isoformat(), "balance": str(rec.closing_balance),
            "keep": str(rec.owed + rec.contingency)}


def statements_values(audit: Audit) -> dict:
    """reference and the days statements are missing for (period_from, period_to) for
    dp-statements-request. A balance break asks for the days between the row before it and it."""
    rec = audit.reconciliation
    missing = [f for f in audit.flags if f.kind == "missing_statement"]
    if not missing:
        raise NothingToAsk("the audit found no statements missing")
    starts, ends = [], []
    for flag in missing:
        if "no statement covers" in flag.message:
            starts.append(flag.date)
            ends.append(dt.date.fromisoformat(flag.message.rsplit(" to ", 1)[1]))
            continue
        before = [e.tx.date for e in rec.entries if (e.tx.file, e.tx.line) != (flag.file, flag.line) and e.tx.date <= flag.date]
        starts.append(before[-1] if before else rec.start)
        ends.append(flag.date)
    return {"reference": rec.reference, "period_from": min(starts).isoformat(), "period_to": max(ends).isoformat()}


def letter_values(audit: Audit, kind: str, data: dict) -> dict:
    """The values for letter ``kind`` (surplus or statements): the officer's ``data`` with the
    audit's figures over them. Raises NothingToAsk, or KeyError for an unknown kind."""
    made = {"surplus": surplus_values, "statements": statements_values}[kind](audit)
    return {**data, **made}
