"""Letter values from an audit: the surplus repayment letter (``dp-surplus-repayment``) and the
statements request (``dp-statements-request``). The audit gives the figures and dates; the
officer's data gives the rest (name, address, dates to reply by). Values given in the officer's
data win over the audit's only for fields the audit does not fill.
"""

from __future__ import annotations

from guidance.accounts.audit import Audit
from guidance.accounts.days import long_span

LETTERS = {"surplus": "dp-surplus-repayment", "statements": "dp-statements-request"}


class NothingToAsk(ValueError):
    """The audit gives no reason for this letter (no surplus, or no statements missing)."""


#: The officer's data key that makes a surplus letter from a provisional surplus (see ``surplus_values``).
OVERRIDE_PROVISIONAL = "use_provisional_surplus"


class ProvisionalSurplus(NothingToAsk):
    """The surplus is not final: statements are missing (at the end of the audit period or on
    other days), or the last balance shown does not follow from the rows."""


def surplus_values(audit: Audit, use_provisional: bool = False) -> dict:
    """reference, balance_date (the last day the statements show), balance, keep (owed +
    contingency + money paid in for days after the period), paid_ahead (that money, when there is
    some) and paid_ahead_from (the day it pays for care after: ``Reconciliation.paid_ahead_from``,
    the period's end, which may be a few days after the balance date), why the surplus is not
    final when it is provisional (``not_final_values``: the letter says so plainly) and, when the
    person paid in less than their share, shortfall for
    dp-surplus-repayment (which then needs the officer's ``shortfall_action``). Raises ProvisionalSurplus when the statements stop
    before the audit period ends (the balance at its end is not known: ask for the statements
    first) or the last balance shown does not follow from the rows (ask the bank), unless ``use_provisional`` (the officer's explicit choice)."""
    rec = audit.reconciliation
    if rec.surplus <= 0:
        raise NothingToAsk("the audit found no surplus, so there is nothing to ask back")
    if rec.surplus_provisional and not use_provisional:
        shown = rec.closing_date or rec.end
        first = ("Ask for the statements first (the statements letter)" if rec.statements_missing
                 else "Ask the bank to confirm the closing balance first")
        raise ProvisionalSurplus(
            f"the surplus is provisional: {rec.surplus_provisional}. {first}, or, to make this letter from the balance on "
            f"{shown.isoformat()} anyway, put '{OVERRIDE_PROVISIONAL}: true' in the letter's data")
    values = {**_identity(audit), **_paid_ahead_day(audit), "balance": str(rec.closing_balance),
              "keep": str(rec.owed + rec.contingency + rec.paid_for_after_period),
              "paid_ahead": str(rec.paid_for_after_period) if rec.paid_for_after_period > 0 else None, **not_final_values(audit)}
    if rec.contribution_shortfall > 0:
        # the letter says what happens to it (shortfall_action: the council's choice, in the officer's data)
        values["shortfall"] = str(rec.contribution_shortfall)
    return values


def not_final_values(audit: Audit) -> dict:
    """Why the surplus is not final, for the letter to say plainly (always filled, so the
    officer's data cannot say it for a final one): ``missing_periods``, the days the statements
    letter asks for ("1 July 2026 to 7 July 2026"); ``statements_stop``, the last day the
    statements show when they stop early and no days are asked for (the next statement is);
    ``balance_unconfirmed`` "yes" when the bank has still to confirm the last balance."""
    rec = audit.reconciliation
    spans = missing_spans(audit) if rec.surplus_provisional else []
    stops = rec.surplus_provisional and rec.stops_early and not spans
    return {"missing_periods": [long_span(a, b) for a, b in spans],
            "statements_stop": (rec.closing_date or rec.end).isoformat() if stops else None,
            "balance_unconfirmed": "yes" if rec.surplus_provisional and rec.last_shown is not None else None}


def statements_values(audit: Audit) -> dict:
    """reference and every span of days statements are missing for, for dp-statements-request:
    the first span as period_from and period_to, each later one in ``more_periods`` ("1 July 2026
    to 7 July 2026"), oldest first, spans that overlap or touch told as one. A balance break asks
    for the days between the row before it and it; days no statement covers are asked for whole."""
    spans = missing_spans(audit)
    if not spans:
        raise NothingToAsk("the audit found no statements missing")
    (first, last), rest = spans[0], spans[1:]
    return {"reference": _identity(audit)["reference"], "period_from": first.isoformat(), "period_to": last.isoformat(),
            "more_periods": [long_span(a, b) for a, b in rest]}


def _identity(audit: Audit) -> dict:
    """The person's reference and the day of the balance the audit ends on (the last day the
    statements show)."""
    rec = audit.reconciliation
    return {"reference": rec.reference, "balance_date": (rec.closing_date or rec.end).isoformat()}


def _paid_ahead_day(audit: Audit) -> dict:
    """The day the money kept back as paid ahead pays for care after (``paid_ahead_from``: the
    period's end, or the last day the statements show when they stop early), for the surplus
    letter to say; always given, as the review may change the money paid ahead from none."""
    return {"paid_ahead_from": audit.reconciliation.paid_ahead_from.isoformat()}


#: The values a letter takes from the audit that a review started from it carries (recorded with
#: the audit, see ``carried_values``). The money (balance, keep, paid_ahead, shortfall) is not
#: among them: the review asks for it, filled from the audit, and works it out from the answers
#: as they stand, so a figure the officer changed is the one the letter gives.
CARRIED = ("reference", "balance_date", "paid_ahead_from", "missing_periods", "statements_stop", "balance_unconfirmed",
           "period_from", "period_to", "more_periods")


def carried_values(audit: Audit) -> dict:
    """The ``CARRIED`` values of the audit, as the letters made from it take them: the reference,
    balance_date and paid_ahead_from of the surplus letter with why its sum is not final
    (``not_final_values``), and, when statements are missing, the statements request's periods
    (``statements_values``).
    Kept with the recorded audit, so that a letter made later from a review session started
    from the record says what ``letter_values`` says (the statements themselves are not kept)."""
    values = {**_identity(audit), **_paid_ahead_day(audit), **not_final_values(audit)}
    try:
        values.update(statements_values(audit))
    except NothingToAsk:
        pass
    return values


#: The surplus letter's figures: from the audit (``surplus_values``), or from the answers of a
#: review started from it. Never from the officer's data.
SURPLUS_FIGURES = ("balance", "keep", "paid_ahead", "shortfall")


def review_figures(template_id: str, carried: dict) -> tuple[str, ...]:
    """The figures of letter ``template_id`` a review session started from an audit gives from its
    answers (``carried``: what the session took from the audit; empty for other sessions), which
    the officer's data may not give (``check_review_letter``): the surplus letter's ``SURPLUS_FIGURES``."""
    return SURPLUS_FIGURES if template_id == LETTERS["surplus"] and carried else ()


def check_review_letter(template_id: str, values: dict, carried: dict, data: dict, answers: dict | None = None) -> dict:
    """Check a letter made from a review session started from an audit (``carried``: the values
    the session took from the audit; empty for other sessions, which are not checked) and return
    ``data`` without the ``use_provisional_surplus`` choice. For the surplus letter, as
    ``surplus_values`` does for the audit: raises AuditFills when ``data`` gives one of its figures
    (``SURPLUS_FIGURES``); NothingToAsk when the session gives no balance (the review did not end
    at its surplus outcome); ProvisionalSurplus when the audit's surplus is provisional (the
    session carries why: days missing, statements stopping early, the bank to confirm a balance)
    and ``data`` does not say ``use_provisional_surplus: true``. A review given an audit's figures by
    hand (``answers``: audit 'audited', nothing carried) cannot be checked, so it makes no surplus
    letter either (NothingToAsk)."""
    data = dict(data)
    override = data.pop(OVERRIDE_PROVISIONAL, False)
    if template_id != LETTERS["surplus"]:
        return data
    if not carried and (answers or {}).get("audit") == "audited":
        raise NothingToAsk("the review was given an audit's figures by hand, not started from the audit's record, so they "
                           "cannot be checked against it (a provisional surplus would be asked back as final): make the letter "
                           "from the audit ('guidance account letter surplus', or L on the account screen), or start the review "
                           "from the audit's record ('--from-audit', or V on the account screen)")
    if not carried:
        return data
    given = sorted(name for name in review_figures(template_id, carried) if name in data)
    if given:
        raise AuditFills(given, "the review started from the account audit gives {figure} (change the answer in the "
                                "review instead)")
    if values.get("balance") in (None, ""):
        raise NothingToAsk("the review did not end at its surplus outcome, so it gives no surplus to ask back: make the "
                           "letter from the audit with 'guidance account letter surplus', which says whether there is one")
    provisional = carried.get("missing_periods") or carried.get("statements_stop") or carried.get("balance_unconfirmed")
    if provisional and not (override is True or str(override).strip().lower() in ("true", "yes")):
        first = ("Ask for the statements first (the statements letter)" if carried.get("missing_periods") or carried.get("statements_stop")
                 else "Ask the bank to confirm the closing balance first")
        refused = ProvisionalSurplus(f"the surplus is provisional: the audit the review started from is not final. {first}, or, to "
                                     f"make this letter from the review's figures anyway, put '{OVERRIDE_PROVISIONAL}: true' in the letter's data")
        refused.in_app = f"the surplus is provisional: the audit the review started from is not final. {first}."
        raise refused
    return data


def missing_spans(audit: Audit) -> list[tuple]:
    """The spans (first day, last day) of the audit's missing_statement flags, oldest first, with
    spans that overlap or follow on day after day joined."""
    import datetime as dt

    spans: list[list] = []
    for start, end in sorted(f.missing for f in audit.flags if f.kind == "missing_statement" and f.missing):
        if spans and start <= spans[-1][1] + dt.timedelta(days=1):
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    return [tuple(span) for span in spans]


class AuditFills(ValueError):
    """The officer's data gives a value the audit fills in (its figures, the days missing).
    ``fields``: the names given; ``says``: what fills them in ("the audit fills {this} in from the
    statements"); ``problems()``: one line per field, so a command names the data file's line."""

    def __init__(self, fields, says: str = "the audit fills {this} in from the statements"):
        self.fields = sorted(fields)
        self.says = says
        super().__init__(self._line(self.fields))

    def _line(self, names: list[str]) -> str:
        one = len(names) == 1
        return (", ".join(f"'{name}'" for name in names) + " in the data: "
                + self.says.format(this="this" if one else "these", it="it" if one else "them",
                                   figure="this figure" if one else "these figures")
                + f"; leave {'it' if one else 'them'} out of the data")

    def problems(self) -> list[str]:
        return [self._line([name]) for name in self.fields]


#: Every field each letter made from an audit takes from it, whether or not the audit has a value
#: for it (no contribution shortfall, no other periods missing): the officer's data may give none.
#: The statements letter asks for every day no statement shows; for other days, the officer makes
#: the letter from plain data (``guidance letter render dp-statements-request --data``).
AUDIT_FILLS = {
    "surplus": ("reference", "balance_date", "paid_ahead_from", "missing_periods", "statements_stop", "balance_unconfirmed",
                *SURPLUS_FIGURES),
    "statements": ("reference", "period_from", "period_to", "more_periods"),
}


def audit_locks(template, session: tuple[dict, dict, dict] | None = None) -> tuple[str, ...]:
    """The fields of letter ``template`` (a ``LetterTemplate``) made from an account audit that the
    audit fills in, in the template's order: exactly those the command line refuses in the
    officer's data, so the app shows them and does not let them be typed over. The one place
    that decides it, for both ways a letter is made from an audit:

    - from the audit itself (``session`` None): ``AUDIT_FILLS`` of its kind, as ``guidance
      account letter`` refuses them (``letter_values``); () for another letter;
    - from a review session started from the audit (``session``: its answers, results and
      carried values, as ``letters.session.finished_session`` gives them): what ``guidance letter
      render --session`` refuses, the figures the review gives (``review_figures``) and the fields
      the session fills from its answers or from what it carried (``letters.session.session_fills``);
      () for a session not started from an audit (it carries nothing)."""
    from guidance.letters.session import session_fills

    template_id = template.meta.id
    if session is None:
        kind = next((kind for kind, letter in LETTERS.items() if letter == template_id), None)
        fills = set(AUDIT_FILLS[kind]) if kind else set()
    else:
        answers, results, carried = session
        if not carried:
            return ()
        filled, from_source = session_fills(template, answers, results, carried)
        fills = {*review_figures(template_id, carried), *filled, *from_source}
    return tuple(name for name in template.meta.fields if name in fills)


def letter_values(audit: Audit, kind: str, data: dict) -> dict:
    """The values for letter ``kind`` (surplus or statements): the audit's figures with the
    officer's ``data`` for the rest. ``use_provisional_surplus: true`` in ``data`` makes a surplus
    letter from a provisional surplus (see ``surplus_values``). Raises NothingToAsk; AuditFills
    when ``data`` gives a field the audit fills in (``AUDIT_FILLS``, never silently replaced nor
    added to: other periods in the data would ask the person for days the statements show);
    KeyError for an unknown kind."""
    data = dict(data)
    override = data.pop(OVERRIDE_PROVISIONAL, False)
    if kind == "surplus":
        made = surplus_values(audit, use_provisional=override is True or str(override).strip().lower() in ("true", "yes"))
    else:
        made = {"statements": statements_values}[kind](audit)
    clash = [name for name in data if name in made or name in AUDIT_FILLS[kind]]
    if clash:
        raise AuditFills(clash)
    return {**data, **made}
