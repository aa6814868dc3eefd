"""A recorded account audit as a source of answers for a flow (``prefill: account_audit``).

Fields: the audit's figures in pounds (``FIGURES``; ``money_in`` and ``money_out`` as totals of
their kinds), ``id`` (the audit's record number), ``contingency_weeks`` (from the plan) and
``flag_kinds`` (the kinds of flag raised, each once, most serious first: see ``flags.SEVERITY``).
The person's reference is not a field (no question takes it): the session keeps its own label.

Carried: the values a letter takes from the audit (``letters.CARRIED``: the reference, the day of
the balance, the day the money paid ahead pays for care after, the days statements are missing
for), kept with the session so that a letter made from it (``guidance letter render --session``)
says what the letter made from the audit says.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from guidance.accounts.audit import FIGURES
from guidance.accounts.flags import SEVERITY
from guidance.accounts.letters import CARRIED
from guidance.flows.prefill import Source, SourceField

_MONEY = ("money", "number")
_HELP = {
    "opening_balance": "the balance on the first day the statements show", "closing_balance": "the balance on the last day the statements show",
    "money_in": "all money paid in", "money_out": "all money paid out",
    "council_expected": "council payments due", "council_received": "council payments received",
    "contribution_expected": "the person's contribution due", "contribution_paid": "contribution paid in",
    "contribution_shortfall": "contribution due but not paid", "contingency": "the contingency the council allows",
    "owed": "money already owed at the end",
    "paid_for_after_period": "money received in the period that pays for days after it (not surplus)",
    "surplus": "closing balance less owed, contingency and money paid for after the period (never below 0)",
    "contribution_overpaid": "contribution paid in above what was due",
    "not_on_any_statement": "money moved on days no statement shows (balance breaks)",
}

SOURCE = Source(
    name="account_audit",
    label="account audit",
    fields={
        **{name: SourceField(_MONEY, _HELP[name]) for name in FIGURES},
        "id": SourceField(("text",), "the audit's record number"),
        "contingency_weeks": SourceField(("number",), "weeks of payments the plan allows as a contingency"),
        "flag_kinds": SourceField(("several",), "the kinds of flag the audit raised", values=SEVERITY),
    },
    carries=CARRIED,
    started_by="V on its account screen, or 'guidance flow run {flow} --from-audit' with its number",
)


def recorded(database, record_id: str) -> bool:
    """Whether ``record_id`` is a recorded account audit's number (one the officer may see)."""
    from guidance.records.accounts import AccountAuditStore, UnknownAudit

    try:
        AccountAuditStore(database).get(record_id)
    except UnknownAudit:
        return False
    return True


def values(record) -> dict:
    """``record`` (``records.accounts.AuditRecord``) as {field: value}: Decimal for money,
    a list of flag kinds (most serious first), the id as text. A figure that is missing or
    not a number is left out (the question is then asked as usual), and so is a surplus the audit
    marks provisional (``surplus_provisional``)."""
    out: dict = {"id": record.id}
    provisional = record.figures.get("surplus_provisional") is True
    for name in FIGURES:
        if name == "surplus" and provisional:
            continue  # the statements stop before the period ends: the surplus is not worked out, so it is asked
        amount = _amount(record.figures.get(name))
        if amount is not None:
            out[name] = amount
    weeks = _amount(record.plan.get("contingency_weeks"))
    if weeks is not None:
        out["contingency_weeks"] = weeks
    raised = {flag.kind for flag in record.flags}
    out["flag_kinds"] = [kind for kind in SEVERITY if kind in raised]
    out.update(carried(record))
    return out


def carried(record) -> dict:
    """The ``CARRIED`` values kept with the record (``records.accounts.LETTER_VALUES``); for an
    audit recorded before they were kept, the reference and the day of the closing balance (the
    days statements are missing for were not kept: the officer gives them). The day the money
    paid ahead is counted from, when the kept values lack it, is the recorded figure
    ``paid_ahead_from`` (an audit recorded before that figure has none: the officer gives it)."""
    from guidance.records.accounts import LETTER_VALUES

    kept = record.figures.get(LETTER_VALUES)
    if isinstance(kept, dict):
        out = {name: kept[name] for name in CARRIED if name in kept}
    else:
        out = {"reference": record.reference}
        if record.figures.get("closing_date"):
            out["balance_date"] = str(record.figures["closing_date"])
    if "paid_ahead_from" not in out and record.figures.get("paid_ahead_from"):
        out["paid_ahead_from"] = str(record.figures["paid_ahead_from"])
    return out


def _amount(value) -> Decimal | None:
    """A decimal string, or a {kind: decimal string} mapping (its total)."""
    try:
        if isinstance(value, dict):
            return sum((Decimal(str(v)) for v in value.values()), Decimal("0"))
        return None if value is None else Decimal(str(value))
    except InvalidOperation:
        return None
