"""Letter values from an audit: the surplus repayment letter (``dp-surplus-repayment``) and the
statements request (``dp-statements-request``). The audit gives the figures and dates; the
officer's data gives the rest (name, address, dates to reply by). Values given in the officer's
data win over the audit's only for fields the audit does not fill.
"""

from __future__ import annotations

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
    spans = [f.missing for f in audit.flags if f.kind == "missing_statement" and f.missing]
    if not spans:
        raise NothingToAsk("the audit found no statements missing")
    return {"reference": audit.reconciliation.reference, "period_from": min(a for a, _ in spans).isoformat(),
            "period_to": max(b for _, b in spans).isoformat()}


def letter_values(audit: Audit, kind: str, data: dict) -> dict:
    """The values for letter ``kind`` (surplus or statements): the officer's ``data`` with the
    audit's figures over them. Raises NothingToAsk, or KeyError for an unknown kind."""
    made = {"surplus": surplus_values, "statements": statements_values}[kind](audit)
    return {**data, **made}
