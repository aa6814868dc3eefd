"""Flags: what the officer needs to ask about, each with its kind, date, amount and the statement
line (file and row) it comes from, or the nearest row for flags about a period.

Kinds, most serious first (``SEVERITY``):

- ``household_payment``: money to a household member not named as a PA (safeguarding sign);
- ``large_transfer``: a single payment out that nothing explains, of at least
  ``large_transfer_weeks`` of the council payment (safeguarding sign);
- ``excluded_spending``: spending a direct payment may not buy (gambling, alcohol);
- ``overdrawn``: the balance went below zero;
- ``missing_statement``: a break in the running balance, or days of the audit no statement covers
  (see ``coverage``: days with no rows between two statements over which the balance carries on
  are a note, not a flag);
  what should have happened on those days (a council payment, wages, a payment to HMRC, a
  contribution) cannot be checked, so its absence there is not flagged again under its own kind;
- ``council_payment_missing``: a council payment due that did not come in (or came in short) on
  a day the statements show (one that came in late is a note: see ``find_notes``);
- ``payment_during_suspension``: the council paid for days when no payment was due;
- ``no_tax_payment``: wages paid in a tax quarter, no payment to HMRC for it by the 22nd after it
  ends (a payment early in the next quarter pays the quarter before: see ``tax_payment_window``);
- ``wages_gap``: a PA paid regularly and then not for a whole pay cycle (the cycle is the lower
  median of the gaps between payments, so one long gap never sets it);
- ``unexplained``: money out that no payee or rule explains;
- ``cash``: cash taken out (receipts needed);
- ``duplicate``: the same payee and amount twice within 3 days;
- ``balance_misprint``: one row's shown balance is wrong while the rows before and after it agree
  with each other, or, on the first or last balance shown, the other rows of its day agree (a
  statement covers whole days; the bank's misprint: the figures go on from the rows, and no
  statement is asked for; on the last row the surplus is provisional); or two rows of the same
  day whose balances do not follow, neither provably wrong (the figures follow the balances
  shown; the bank is asked which is misprinted, never a statement);
- ``contribution_shortfall``: the person paid in less than their assessed contribution due on
  days the statements show (what was due on other days is told apart, not counted);
- ``council_overpayment``: council money no payment due explains (outside a suspension), or a
  council payment that came in more than was due: money to recover, or to ask the council about,
  which the officer decides;
- ``surplus``: more in the account than owed plus the contingency, dated the day the balance it
  is worked out from is from (the closing balance's day, the last day the statements show),
  final or not; PROVISIONAL when the statements stop before the audit period ends or the last
  balance shown does not follow from the rows.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from itertools import compress, repeat
from operator import attrgetter, lt, sub
from decimal import Decimal
from pathlib import PurePath

from guidance.accounts.coverage import unshown_ends
from guidance.accounts.money import ZERO, money_text, pence
from guidance.accounts.plan import Plan
from guidance.accounts.reconcile import LATE_DAYS, MATCH_DAYS, Entry, Reconciliation
from guidance.accounts.rules import Rules, Rule
from guidance.accounts.schedule import add_months, line_in_force, weekly
from guidance.accounts.days import from_span, span
from guidance.accounts.statements import Ledger, normalise
from guidance.words import counted

SEVERITY = (
    "household_payment", "large_transfer", "excluded_spending", "overdrawn", "missing_statement",
    "council_payment_missing", "payment_during_suspension", "no_tax_payment", "wages_gap",
    "unexplained", "cash", "duplicate", "balance_misprint", "contribution_shortfall", "council_overpayment", "surplus",
)
#: Each kind in a few words (at most ``LABEL_WIDTH`` characters), for tables on an 80-column screen.
LABELS = {
    "household_payment": "Household member", "large_transfer": "Large transfer",
    "excluded_spending": "Excluded spending", "overdrawn": "Overdrawn", "missing_statement": "Missing statement",
    "council_payment_missing": "No council payment", "payment_during_suspension": "Paid in suspension",
    "no_tax_payment": "No HMRC payment", "wages_gap": "Wages gap", "unexplained": "Unexplained", "cash": "Cash",
    "duplicate": "Duplicate", "balance_misprint": "Misprinted balance", "contribution_shortfall": "Contribution short", "council_overpayment": "Council overpaid", "surplus": "Surplus",
}
LABEL_WIDTH = 18


def label_of(kind: str) -> str:
    """A flag kind's one label ("Council overpaid"), as the command line, the report and the app
    all show it; a kind without one reads as words ("new_kind" -> "New kind")."""
    return LABELS.get(kind, kind.replace("_", " ").capitalize())
SAFEGUARDING = ("household_payment", "large_transfer")
SAFEGUARDING_PAGES = ("financial-abuse", "recognising-and-reporting-abuse")
PAGES = {
    "excluded_spending": ("misuse-and-fraud", "officer-handling-misuse"),
    "missing_statement": ("receipts-and-statements",),
    "balance_misprint": ("running-an-account-audit",),
    "surplus": ("surplus-and-clawback", "contingency-balance"),
    "council_overpayment": ("when-the-council-asks-for-money-back", "misuse-and-fraud"),
    "contribution_shortfall": ("your-contribution",),
    "cash": ("receipts-and-statements",),
}
#: Where a flag's figure comes from when no single statement row gives it.
SOURCES = {
    "contribution_shortfall": "worked out from the contributions due and paid in",
    "council_payment_missing": "worked out from the council payments due",
    "surplus": "worked out from the closing balance, owed, contingency and money paid for after the period",
    "missing_statement": "days no statement shows",
}


#: Flags about money not seen on any statement: they name no row, but the day it was due.
NOT_SEEN = frozenset(("contribution_shortfall", "council_payment_missing"))


def source_words(kind: str, date: dt.date | None = None) -> str:
    """Where a flag of ``kind`` on ``date`` that no single row gives comes from, in a few words:
    for money not seen, that no payment was seen and (given ``date``) the day it was due."""
    if kind in NOT_SEEN:
        due = f": due {date.isoformat()}" if date is not None else ""
        return f"no payment seen{due}; {SOURCES[kind]}"
    return SOURCES.get(kind, "no single statement row")


DUPLICATE_DAYS = 3
TAX_DAY = 22  # PAYE paid electronically is due by the 22nd after the period (HMRC)


@dataclass(frozen=True)
class Flag:
    """One thing to ask about. ``amount`` is in pounds (for a balance, the balance); ``file`` and
    ``line`` are the statement row (None when no row fits)."""

    kind: str
    date: dt.date
    amount: Decimal
    message: str
    file: str | None = None
    line: int | None = None
    missing: tuple[dt.date, dt.date] | None = None  # missing_statement: the days no statement shows

    @property
    def label(self) -> str:
        """The kind in a few words ("Contribution short"), never cut."""
        return label_of(self.kind)

    @property
    def source(self) -> str:
        """Where the flag comes from when no single statement row does, in a few words."""
        return source_words(self.kind, self.date)

    @property
    def safeguarding(self) -> bool:
        return self.kind in SAFEGUARDING

    @property
    def pages(self) -> tuple[str, ...]:
        return SAFEGUARDING_PAGES if self.safeguarding else PAGES.get(self.kind, ())

    @property
    def severity(self) -> int:
        return SEVERITY.index(self.kind)

    def as_dict(self) -> dict:
        out = {"kind": self.kind, "date": self.date.isoformat(), "amount": str(self.amount), "file": self.file,
               "line": self.line, "message": self.message, "safeguarding": self.safeguarding, "pages": list(self.pages)}
        if self.missing:
            out["missing"] = [self.missing[0].isoformat(), self.missing[1].isoformat()]
        return out


def _at(kind, entry: Entry | None, date, amount, message) -> Flag:
    if entry is None:
        return Flag(kind, date, amount, message)
    return Flag(kind, date, amount, message, entry.tx.file, entry.tx.line)


def find_flags(plan: Plan, ledger: Ledger, rec: Reconciliation, rules: Rules) -> tuple[Flag, ...]:
    """Every flag, most serious first, then by date and row. The entries are sorted out for the
    checks in one pass (``_sort_out``); each check then reads only the rows it can flag."""
    found: list[Flag] = list(_missing_statements(plan, ledger, rec, rules))
    shown_ends = unshown_ends(rec.start, rec.end, rec.opening_date or rec.start, rec.closing_date or rec.end)
    unseen = Unseen(tuple(f.missing for f in found if f.missing) + shown_ends)
    rows = _sort_out(rec)
    council = partial(_council, later=_credits_after(ledger, rec.end))
    for check in (_safeguarding, _spending, _overdrawn, council, _tax, _wages_gap, _duplicates, _money_totals):
        found.extend(check(plan, rows, rec, rules, unseen))
    found.sort(key=_order)
    return tuple(found)


def _order(flag: Flag) -> tuple:
    return (SEVERITY.index(flag.kind), flag.date, flag.file or "", flag.line or 0)


_SPENDING = frozenset(("excluded", "unexplained", "cash"))


@dataclass(frozen=True)
class _Rows:
    """The entries each check reads, in statement order: ``paid_out`` (money out), ``spending``
    (excluded, unexplained or cash), ``taxes`` (money out to HMRC), ``wages``, ``council`` (money
    in), and the ``lowest`` balance after any row."""

    paid_out: list
    spending: list
    taxes: list
    wages: list
    council: list
    lowest: Decimal


def _sort_out(rec: Reconciliation) -> _Rows:
    """The rows for each check, picked out in one pass over the entries."""
    paid_out, spending, taxes, wages, council = [], [], [], [], []
    lowest = ZERO
    for e in rec.entries:
        tx, kind, balance = e[0], e[1], e[3]  # an Entry's tx, kind and balance (a named tuple)
        out = tx[2] < ZERO  # the row's amount
        if out:
            paid_out.append(e)
        if kind in _SPENDING:
            spending.append(e)
        elif kind == "wages":
            wages.append(e)
        elif kind == "council":
            council.append(e)
        elif kind == "tax" and out:
            taxes.append(e)
        if balance < lowest:
            lowest = balance
    return _Rows(paid_out=paid_out, spending=spending, taxes=taxes, wages=wages, council=council, lowest=lowest)


_AMOUNT, _DESCRIPTION = attrgetter("tx.amount"), attrgetter("tx.description")


@dataclass(frozen=True)
class Unseen:
    """The days no statement shows (``spans``: (first, last) pairs, both included): the days no
    statement covers, and the days between a balance break and the row before it."""

    spans: tuple[tuple[dt.date, dt.date], ...] = ()

    def day(self, date: dt.date) -> bool:
        return any(first <= date <= last for first, last in self.spans)

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        """True when any unseen day falls from ``start`` to ``end`` (both included)."""
        return any(first <= end and last >= start for first, last in self.spans)


def _safeguarding(plan, rows: _Rows, rec, rules, unseen):
    household = [Rule.make(words, "household") for words in plan.household]
    line = line_in_force(plan.council_payments, plan.period.end) or plan.council_payments[0]
    large = pence(rules.large_transfer_weeks * weekly(line))
    for e in rows.paid_out if household else rows.spending:  # only these two checks
        if e.tx.amount >= ZERO:
            continue
        out = -e.tx.amount
        if household and e.rule_source != "plan" and any(h.pattern.search(normalise(e.tx.description)) for h in household):
            yield _at("household_payment", e, e.tx.date, out,
                      f"{money_text(out)} paid to a household member who is not named as a PA: a possible sign of financial abuse")
        if e.kind in ("unexplained", "cash") and out >= large:
            yield _at("large_transfer", e, e.tx.date, out,
                      f"{money_text(out)} taken out in one go ({e.kind}), at least {counted(rules.large_transfer_weeks, 'week')} of the council payment: a possible sign of financial abuse")


def _spending(plan, rows: _Rows, rec, rules, unseen):
    for e in rows.spending:
        out = -e.tx.amount
        if not out:
            continue  # a row of £0.00 (a card check) moves no money
        if e.kind == "excluded":
            rule = rules.match(e.tx.description)
            why = f" ({rule.note})" if rule and rule.note else ""
            yield _at("excluded_spending", e, e.tx.date, out, f"{money_text(out)} spent on something a direct payment may not buy{why}")
        elif e.kind == "unexplained":
            yield _at("unexplained", e, e.tx.date, out, f"{money_text(out)} paid out that no payee or rule explains")
        elif e.kind == "cash":
            yield _at("cash", e, e.tx.date, out, f"{money_text(out)} taken out in cash: ask for receipts or timesheets")


def _overdrawn(plan, rows: _Rows, rec, rules, unseen):
    if rows.lowest >= ZERO:
        return
    below = False
    guessed = _guessed_balances(rec, unseen)
    for n, e in enumerate(rec.entries):
        if n in guessed:
            continue
        overdrawn = e.balance < ZERO
        if overdrawn and not below:
            yield _at("overdrawn", e, e.tx.date, e.balance, f"the account went overdrawn ({money_text(e.balance)})")
        below = overdrawn


def _guessed_balances(rec: Reconciliation, unseen: Unseen) -> set[int]:
    """Positions of entries whose balance no statement shows and is worked out across days no
    statement shows (from the nearest shown balance before them, or else after them): such a
    balance leaves out what happened on the unseen days, so it says nothing about an overdraft."""
    if not unseen.spans:
        return set()
    shown = [n for n, e in enumerate(rec.entries) if e.tx.balance is not None]
    out, before = set(), None
    for n, e in enumerate(rec.entries):
        if e.tx.balance is not None:
            before = e.tx.date
            continue
        if before is not None:
            if unseen.overlaps(before, e.tx.date):
                out.add(n)
            continue
        after = next((rec.entries[m].tx.date for m in shown if m > n), None)
        if after is not None and unseen.overlaps(e.tx.date, after):
            out.add(n)
        elif after is None and unseen.overlaps(rec.start, e.tx.date):
            out.add(n)
    return out


def _missing_statements(plan, ledger, rec, rules):
    position = {id(e.tx): n for n, e in enumerate(rec.entries)} if rec.breaks or rec.misprints else {}
    for b in rec.breaks:
        n = position.get(id(b.tx))
        entry = rec.entries[n] if n is not None else None
        since = rec.entries[n - 1].tx.date if n else rec.start
        flag = _at("missing_statement", entry, b.tx.date, b.gap,
                   f"the balance jumps by {money_text(b.gap)}: the statement shows {money_text(b.shown)}, the rows before give {money_text(b.expected)}; a statement is missing (payments due {from_span(since, b.tx.date)} cannot be checked without it)")
        yield replace(flag, missing=(since, b.tx.date))
    for m in rec.misprints:
        n = position.get(id(m.tx))
        yield _at("balance_misprint", rec.entries[n] if n is not None else None, m.tx.date, m.gap, _misprint_text(m))
    for start, end in rec.uncovered:
        flag = _at("missing_statement", None, start, ZERO, f"no statement covers {span(start, end)} (payments due on {'that day' if start == end else 'those days'} cannot be checked without it)")
        yield replace(flag, missing=(start, end))


def _misprint_text(m) -> str:
    """What a ``balance_misprint`` flag says: how the rows show the balance is misprinted."""
    shown, rows = money_text(m.shown), money_text(m.expected)
    if m.at == "first":
        return (f"the balance shown on this row is {shown}, but the balances shown after it on the same day follow from {rows}: "
                "a misprint on the statement, not a missing one (a statement covers whole days; the opening balance and the "
                "figures use the rows)")
    if m.at == "last":
        return (f"the balance shown on this row, the last one, is {shown}, but the rows before it on the same day give {rows}: "
                "a misprint on the statement, not a missing one (a statement covers whole days; the closing balance and the "
                "figures use the rows, and the surplus is provisional until the bank confirms the balance)")
    if m.at == "day":
        return (f"the balance shown on this row is {shown}, but the balance shown before it on the same day and this row's "
                f"amount give {rows}, and the balances after it follow from {shown}: a row or a balance is misprinted on "
                "the statement (which one cannot be told), not a missing statement, as a statement covers whole days; "
                f"ask the bank which (the figures follow the balances shown, so {money_text(m.gap)} is counted as not on "
                "any statement)")
    return (f"the balance shown on this row is {shown}, but the rows before it give {rows} "
            f"and the next balance shown follows from {rows}: a misprint on the statement, not a missing one "
            "(the figures use the rows)")


def _in_suspension(plan: Plan, date: dt.date) -> bool:
    return any(s.start <= date <= s.end for s in plan.suspensions)


def _credits_after(ledger: Ledger, end: dt.date) -> list:
    """The statements' credits dated after ``end`` (read, not counted in the audit), oldest first."""
    out = []
    for t in reversed(ledger.transactions):  # oldest first: only the last rows are read
        if t.date <= end:
            break
        if t.amount > ZERO:
            out.append(t)
    return out[::-1]


def _came_after(due, later: list, taken: set, rules: Rules) -> str:
    """What a council payment due in the period that did not come in it adds when the statements
    show a credit of its amount after the period ends, within LATE_DAYS of its date, that the
    bank's words do not name as another kind of payment ('' when they show none): the figures
    stay the period's, but the officer is told it may have come, late."""
    for t in later:
        if id(t) in taken or (t.date - due.date).days > LATE_DAYS or t.amount not in (due.amount, due.full):
            continue
        rule = rules.match(t.description)
        if rule is not None and rule.kind in ("contribution", "refund"):
            continue
        taken.add(id(t))
        return (f" in the audit period: the statements show {money_text(t.amount)} paid in on {t.date.isoformat()}, after the "
                f"period ends ({PurePath(t.file).name}:{t.line}); if that is this payment, it came in "
                f"{counted((t.date - due.date).days, 'day')} late, and it is not counted in the period")
    return ""


def _council(plan, rows: _Rows, rec, rules, unseen, later=()):
    matched, taken = set(), set()
    for m in rec.council:
        due, e = m.due, m.entry
        if e is not None:
            matched.add(id(e))
        if e is None and due.amount > 0:
            if unseen.day(due.date):
                continue  # no statement shows that day: the missing_statement flag asks for it
            yield _at("council_payment_missing", None, due.date, due.amount,  # money not seen: no row to name
                      f"the council payment of {money_text(due.amount)} due on {due.date.isoformat()} did not come in"
                      + (_came_after(due, later, taken, rules) if later else ""))
        elif e is not None and e.tx.amount < due.amount and due.date <= rec.end:  # due after the period: the rest may come then
            short = due.amount - e.tx.amount
            yield _at("council_payment_missing", e, due.date, short,
                      f"the council payment due on {due.date.isoformat()} came in {money_text(short)} short")
        elif e is not None and due.suspended and e.tx.amount > due.amount:
            extra = e.tx.amount - due.amount
            yield _at("payment_during_suspension", e, e.tx.date, extra,
                      f"{money_text(extra)} paid for {counted(due.suspended, 'day')} of suspension when no payment was due"
                      + _counted_in_surplus(rec, extra))
        elif e is not None and e.tx.amount > due.amount:
            extra = e.tx.amount - due.amount
            yield _at("council_overpayment", e, e.tx.date, extra,
                      f"the council payment due on {due.date.isoformat()} came in {money_text(extra)} more than the "
                      f"{money_text(due.amount)} due: money to recover, or to ask the council about" + _counted_in_surplus(rec, extra))
    for e in rows.council:
        if id(e) in matched or e.tx.amount <= ZERO:
            continue
        if _in_suspension(plan, e.tx.date):
            yield _at("payment_during_suspension", e, e.tx.date, e.tx.amount,
                      f"{money_text(e.tx.amount)} paid by the council during a suspension, when no payment was due"
                      + _counted_in_surplus(rec, e.tx.amount))
        else:
            yield _at("council_overpayment", e, e.tx.date, e.tx.amount,
                      f"{money_text(e.tx.amount)} came in from the council on {e.tx.date.isoformat()} that no payment due "
                      "explains: money to recover, or an extra payment to ask the council about" + _counted_in_surplus(rec, e.tx.amount))


def _counted_in_surplus(rec: Reconciliation, amount: Decimal) -> str:
    """What a flag on ``amount`` paid in when not due adds: the money is in the closing balance
    already, so in the surplus (as far as the surplus goes) when there is one: recovering both
    would recover that part twice."""
    if rec.surplus > 0:
        final = " (provisional)" if rec.surplus_provisional else ""
        inside = min(amount, rec.surplus)
        return (f"; this money is already counted in the closing balance and so in the surplus{final} of "
                f"{money_text(rec.surplus)} (up to {money_text(inside)} of it): do not recover both this and the "
                f"surplus, or {money_text(inside)} is recovered twice")
    return "; this money is already counted in the closing balance"


@lru_cache(maxsize=256)
def _tax_quarters(start: dt.date, end: dt.date) -> tuple[tuple[dt.date, dt.date, dt.date, dt.date], ...]:
    """(first day, last day, first and last day of its payment window: see ``tax_payment_window``)
    of each tax quarter (6 Apr, 6 Jul, 6 Oct, 6 Jan) overlapping ``start``..``end``."""
    return tuple(_quarters(start, end))


def _quarters(start: dt.date, end: dt.date):
    year = start.year - 1
    while True:
        for month in (4, 7, 10, 13):
            first = dt.date(year + (month > 12), (month - 1) % 12 + 1, 6)
            following = dt.date(year + (month + 3 > 12), (month + 2) % 12 + 1, 6)
            last = following - dt.timedelta(days=1)
            if first > end:
                return
            if last >= start:
                yield (first, last, *tax_payment_window(first))
        year += 1


def tax_payment_window(first: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day (both included) of the payments to HMRC that pay the PAYE tax
    quarter starting on ``first`` (6 April, 6 July, 6 October or 6 January).

    Source: HMRC, "Pay employers' PAYE" (https://www.gov.uk/pay-paye-tax): an employer who pays
    quarterly pays for the quarters ending 5 July, 5 October, 5 January and 5 April, and a payment
    made electronically must reach HMRC by the 22nd after the quarter ends (``TAX_DAY``).

    So the window ends on the 22nd of the month after the quarter. It starts on the 23rd of the
    quarter's own first month: a payment from the 6th to the 22nd of that month is the one due
    for the quarter before (by that 22nd), so it never makes the quarter it falls in look paid.
    A payment from the 23rd on is taken as paying this quarter (early, or month by month)."""
    following = add_months(first, 3)
    return first.replace(day=TAX_DAY + 1), following.replace(day=TAX_DAY)


def _tax(plan, rows: _Rows, rec, rules, unseen):
    taxes, all_wages = rows.taxes, rows.wages
    if not all_wages:
        return
    used: set[int] = set()
    paid_on = list(map(_DAY, all_wages))  # in date order, as the entries are
    for first, last, opens, deadline in _tax_quarters(plan.period.start, plan.period.end):
        wages = all_wages[bisect_left(paid_on, first):bisect_right(paid_on, last)]
        if not wages or deadline > plan.period.end or unseen.overlaps(first, deadline):
            continue
        paid = next((i for i, e in enumerate(taxes) if i not in used and opens <= e.tx.date <= deadline), None)
        if paid is not None:
            used.add(paid)
            continue
        total = -sum((e.tx.amount for e in wages), ZERO)
        yield _at("no_tax_payment", wages[-1], deadline, total,
                  f"{money_text(total)} of wages paid {span(first, last)} and no payment to HMRC for them "
                  f"{from_span(opens, deadline)} (a payment before {opens.isoformat()} is for the quarter before)")


def _payee(e: Entry, rules: Rules) -> str:
    return _payee_words(e.tx.description, rules)


def _payee_words(description: str, rules: Rules) -> str:
    rule = rules.match(description)
    return rule.words if rule is not None else normalise(description)


def _wages_gap(plan, rows: _Rows, rec, rules, unseen):
    paid_all = list(compress(rows.wages, map(lt, map(_AMOUNT, rows.wages), repeat(ZERO))))
    descriptions = list(map(_DESCRIPTION, paid_all))
    payee_of = {d: _payee_words(d, rules) for d in dict.fromkeys(descriptions)}  # a PA's wages repeat one description
    if len(set(payee_of.values())) == 1:
        by_payee = {next(iter(payee_of.values())): paid_all}
    else:
        by_payee: dict[str, list[Entry]] = {}
        for e, description in zip(paid_all, descriptions):
            by_payee.setdefault(payee_of[description], []).append(e)
    end = plan.period.end + dt.timedelta(days=1)
    for payee, paid in by_payee.items():
        dates = list(map(_DAY, paid))
        days = sorted(set(dates))
        if len(days) < 3:
            continue
        gaps = list(map(_DAYS, map(sub, days[1:], days[:-1]))) + [(end - days[-1]).days]
        cycle = _lower_median(gaps[:-1])
        if cycle < 1:
            continue
        last_by_day = dict(zip(dates, paid))
        limit = cycle * 3 / 2
        for k in compress(range(len(gaps)), map(lt, repeat(limit), gaps)):  # the gaps longer than half a cycle more
            before, after = days[k], days[k + 1] if k + 1 < len(days) else end
            if unseen.overlaps(before, after):
                continue
            e = last_by_day[before]
            due = before + dt.timedelta(days=cycle)
            yield _at("wages_gap", e, due, -e.tx.amount,
                      f"'{payee}' was paid every {counted(cycle, 'day')}, last on {before.isoformat()}, then not again "
                      + ("by the end of the audit" if after > plan.period.end else f"until {after.isoformat()}")
                      + f" (no payment {from_span(before + dt.timedelta(days=1), after - dt.timedelta(days=1))})")


_DAY, _DAYS = attrgetter("tx.date"), attrgetter("days")


def _lower_median(values: list[int]) -> int:
    """The pay cycle from the gaps (in days) between a PA's payments: the middle gap, or the
    lower of the middle two (as ``statistics.median_low``). One long gap (a missed payment, a
    holiday paid ahead) never sets the cycle, however few payments there are: with gaps of 7 and
    14 days the cycle is 7, not 10.5."""
    values = sorted(values)
    return values[(len(values) - 1) // 2]


def _duplicates(plan, rows: _Rows, rec, rules, unseen):
    """Each payment out to the same payee, of the same amount, as the last one before it, within
    DUPLICATE_DAYS of it. One pass in statement order, keeping the last payment of each (payee,
    amount): each payment is compared with the last one like it before it."""
    last: dict[tuple, Entry] = {}  # (payee, amount) -> the last payment out seen like it
    for e in rows.paid_out:
        tx = e.tx
        key = (normalise(tx.description), tx.amount)
        before = last.get(key)
        last[key] = e
        if before is not None and (tx.date - before.tx.date).days <= DUPLICATE_DAYS:
            yield _at("duplicate", e, tx.date, -tx.amount,
                      f"{money_text(-tx.amount)} paid to the same payee on {before.tx.date.isoformat()} ({_row_name(before)}) and again on {tx.date.isoformat()}")


def _money_totals(plan, rows: _Rows, rec, rules, unseen):
    unchecked = rec.contribution_expected_uncovered
    if rec.contribution_shortfall > 0:
        first = next((m.due.date for m in rec.contribution if m.entry is None and m.due.amount > 0 and not unseen.day(m.due.date)), rec.end)
        note = (f"; a further {money_text(unchecked)} was due on days no statement shows, and is not counted until those statements are seen"
                if unchecked else "")
        yield _at("contribution_shortfall", None, first, rec.contribution_shortfall,  # money not seen: no row to name
                  f"contributions paid in are {money_text(rec.contribution_shortfall)} less than assessed for the days the statements show "
                  f"({money_text(rec.contribution_paid)} of {money_text(rec.contribution_expected_covered)}){note}")
    if rec.surplus > 0:
        shown = rec.closing_date or rec.end  # the day the balance used is from, final or provisional
        provisional = rec.surplus_provisional
        yield _at("surplus", rec.entries[-1] if rec.entries else None, shown, rec.surplus,
                  f"{money_text(rec.surplus)} more than is owed ({money_text(rec.owed)}) plus the contingency ({money_text(rec.contingency)})"
                  + (f" plus the money paid in for days after "
                     f"{'the period' if rec.paid_ahead_from == rec.end else rec.paid_ahead_from.isoformat()} "
                     f"({money_text(rec.paid_for_after_period)}: care not yet due)"
                     if rec.paid_for_after_period else "")
                  + (f" on {shown.isoformat()}, the last day the statements show: PROVISIONAL, worked out from that balance but "
                     f"not final ({provisional}); "
                     + ("ask for the missing statements" if rec.statements_missing else "ask the bank to confirm the closing balance")
                     + " before asking for any money back" if provisional else ""))


def find_notes(plan: Plan, rec: Reconciliation) -> tuple[str, ...]:
    """What the officer should know that is not a flag (nothing to decide): the days the opening
    and closing balances are from when they are not the audit's first and last days, a surplus
    not yet worked out, payments due on days no statement shows, days with no rows over which the
    balance carries on, council payments that came in late, and how much more the council paid in
    than expected."""
    notes: list[str] = []
    if rec.opening_date and rec.opening_date != rec.start:
        notes.append(f"the opening balance is from {rec.opening_date.isoformat()}, the first day the statements show "
                     f"(the audit starts on {rec.start.isoformat()})")
    if rec.closing_date and rec.closing_date != rec.end:
        notes.append(f"the closing balance is from {rec.closing_date.isoformat()}, the last day the statements show "
                     f"(the audit ends on {rec.end.isoformat()})")
    if rec.surplus_provisional:
        notes.append(f"surplus provisional: {rec.surplus_provisional}")
    for kind, uncovered, expected in (("council payments", rec.council_expected_uncovered, rec.council_expected),
                                      ("contributions", rec.contribution_expected_uncovered, rec.contribution_expected)):
        if uncovered:
            notes.append(f"{money_text(uncovered)} of the {money_text(expected)} of {kind} expected was due on days no statement "
                         f"shows: not checked, and not counted as missing or short until those statements are seen "
                         f"({money_text(expected - uncovered)} was due on days the statements show)")
    for first, last in rec.quiet:
        notes.append(f"no rows {from_span(first, last)}, between two statements, but the balance carries on "
                     f"exactly from the row before to the row after: no money moved {'that day' if first == last else 'on those days'} (not a missing statement)")
    if rec.contribution_overpaid:
        notes.append(_overpaid_note(rec))
    notes.extend(_council_notes(plan, rec))
    return tuple(notes)


def _overpaid_note(rec: Reconciliation) -> str:
    """The note on contributions paid in above what was due: already in the balance (and the
    surplus); whose money it is, the council's policy says."""
    held = " and so in the surplus" if rec.surplus > 0 else ""
    return (f"contributions paid in are {money_text(rec.contribution_overpaid)} more than was due on the days the statements show "
            f"({money_text(rec.contribution_paid)} of {money_text(rec.contribution_expected_covered)}): this money is already "
            f"counted in the closing balance{held}; whether it is paid back to the person or kept is for the council's policy "
            "to say")


def overlap_notes(ledger) -> tuple[str, ...]:
    """The rows dropped as shown twice by two statements with no balance on both to prove they are
    the same bank transaction, by file and line, with their total: a second payment alike would
    have been dropped too, so the officer checks them (empty when there are none)."""
    rows = ledger.unproved_overlaps
    if not rows:
        return ()
    listed = "; ".join(f"{PurePath(t.file).name}:{t.line} ({t.date.isoformat()}, {money_text(t.amount)})" for t in rows)
    if len(rows) == 1:
        return ("1 row of a later statement matched a row of an earlier one by date, amount and description, with no balance "
                f"shown to prove it is the same transaction, and was counted once: {listed}: check it on the statements (if it "
                "is a second payment, the closing balance and the surplus are out by its amount)",)
    total = sum((t.amount for t in rows), ZERO)
    return (f"{len(rows)} rows of a later statement matched rows of an earlier one by date, amount and description, with no "
            f"balance shown to prove they are the same transactions, and were counted once: {listed}; {money_text(total)} "
            "together: check them on the statements (if any is a second payment, the closing balance and the surplus are out "
            "by its amount)",)


def _row_name(e: Entry) -> str:
    """Where a row was read, by the statement's file name (not its folder) and line."""
    return f"{PurePath(e.tx.file).name}:{e.tx.line}"


def _council_notes(plan: Plan, rec: Reconciliation):
    """Council payments that came in late, and how much more the council paid in than was
    expected when money no payment due explains came in (each such payment is a
    ``council_overpayment`` flag)."""
    matched = set()
    for m in rec.council:
        if m.entry is None:
            continue
        matched.add(id(m.entry))
        late = (m.entry.tx.date - m.due.date).days
        if late > 0:
            yield (f"the council payment of {money_text(m.due.amount)} due on {m.due.date.isoformat()} came in {counted(late, 'day')} late, "
                   f"on {m.entry.tx.date.isoformat()} ({_row_name(m.entry)})")
    extra = [e for e in rec.entries if e.kind == "council" and e.tx.amount > 0 and id(e) not in matched
             and not _in_suspension(plan, e.tx.date)]
    received = rec.council_received - rec.council_paid_early  # not counting payments due after the period, paid early
    if extra and received > rec.council_expected:
        over = received - rec.council_expected
        early = (f" (not counting {money_text(rec.council_paid_early)} paid early for payments due after the period)"
                 if rec.council_paid_early else "")
        yield (f"the council paid in {money_text(rec.council_received)} against {money_text(rec.council_expected)} expected{early}: "
               f"{money_text(over)} more")
