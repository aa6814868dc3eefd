"""The reconciliation: every transaction classified and the account's figures worked out.

Money in is ``council``, ``contribution``, ``refund`` or ``other``. Credits are matched to the
council's payments and the contribution due under the plan: a credit within ``MATCH_DAYS`` of a
due date whose amount is the amount due (or the full amount of the line), or whose description
matches the words the plan or rules give for that payment; never a credit the words name as
another payment or a payee, and, when the plan gives the words the bank shows for a payment,
only a credit showing them (``_words_allow``); a due payment nothing matched then
takes a credit of its amount that the bank's words name as that payment, after it and before
the next payment is due (at least ``LATE_DAYS``: paid late, not missed; the row's reason says how
many days late), or else a credit of its amount up to ``EARLY_DAYS`` earlier and
nearer its date than the payment due before (paid early, not missed: the row's reason says how
many days early). Any credit matched on another day than the due date says so, late or
early, even within ``MATCH_DAYS``. A credit nothing in the period took is then matched, on time
or early as above, to a payment due on the ``EARLY_DAYS`` after the period ends (a payment made
early, before the period's end: not an overpayment); such a payment is listed with those due in
the period (``council``, ``contribution``) only when a credit paid it, and is not expected in the
period, nor ever missing or short in it. Money out is classified by the
plan's payees, then the team's rules; what neither explains is ``unexplained``.

Figures (``Decimal``, pounds and pence): opening and closing balance for the audit period,
money in and out by kind, council expected and received, contribution expected and paid,
shortfall (expected on days the statements show − paid, not below 0: payments due on days no
statement shows are counted apart, in ``*_expected_uncovered``, as they cannot be checked), contingency (see ``schedule.contingency``), owed (from the
plan), the part of the council's payments and contributions received in the period that pays
for days after it ends (``paid_for_after_period``: pro rata by day, as a suspension is, leaving out
suspended days; the council's money for care not yet due, not money left over: all of a payment
due after the period and paid early) and surplus =
closing balance − owed − contingency − paid for after the period, never below 0. The council and
contribution expected count every payment due on a day in the period, in full (the part of
the last one for days after the period too). The opening and closing
balances are those of the first and last day the statements show (``opening_date``,
``closing_date``: see ``coverage``); the surplus is provisional when the statements stop before
the audit period ends (``surplus_provisional``).

The running balance is checked row by row wherever a statement shows a balance: a row whose
balance is not the one before plus its amount is a ``BalanceBreak`` (statements missing), never
summed over in silence, unless the rows of that day follow one another in another order (they are
then taken in that order) or that row's balance alone is misprinted and the next balance shown
follows from the rows (a ``BalanceMisprint``: the figures go on from the rows). A break between
two rows dated the same day is never a missing statement (a statement covers whole days): on the
first or last row it is that row's misprint. See ``running_balances``. When the last balance
shown does not follow from the rows (a misprint or a break there), the surplus is provisional.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, lru_cache
from itertools import accumulate, compress, repeat
from operator import attrgetter, gt, is_, itemgetter
from typing import NamedTuple

from guidance.accounts.coverage import coverage, unshown_ends
from guidance.accounts.days import span
from guidance.accounts.money import ZERO, money_text, pence
from guidance.accounts.plan import OUT_KINDS, Plan
from guidance.accounts.rules import IN_KINDS, MATCHES_KEPT, Rules
from guidance.accounts.schedule import MAX_CYCLE_DAYS, Due, contingency, dues, suspended_days
from guidance.accounts.statements import Ledger, Transaction
from guidance.words import counted

MATCH_DAYS = 5  # "a few days either side" of a due date: weekends and a bank holiday
LATE_DAYS = 14  # a payment the bank names as this payment, of the amount due, up to 2 weeks late
EARLY_DAYS = 14  # a payment of the amount due up to 2 weeks early, nearer this due date than the one before
_record = tuple.__new__  # _record(Entry, fields): a record made in one step
_DATE, _AMOUNT, _BALANCE, _DESCRIPTION = attrgetter("date"), attrgetter("amount"), attrgetter("balance"), attrgetter("description")
_INDEX = itemgetter(1)  # of a (payment due, credit index) pair
REFUND_FROM = ("tax", "pension", "insurance", "payroll_service", "agency", "care_other")


class ReconcileError(ValueError):
    """The statements and plan cannot give a reconciliation (the message says what to add)."""


class Entry(NamedTuple):
    """A transaction with its ``kind``, the ``reason`` for it, and the running ``balance`` after it
    (a named tuple, as ``Transaction`` is: one for every row)."""

    tx: Transaction
    kind: str
    reason: str
    balance: Decimal
    rule_source: str = ""


@dataclass(frozen=True)
class _ShownBalance:
    """A row whose shown balance is not the ``expected`` one: ``gap`` = shown − expected."""

    tx: Transaction
    expected: Decimal
    shown: Decimal

    @property
    def gap(self) -> Decimal:
        return self.shown - self.expected


@dataclass(frozen=True)
class BalanceBreak(_ShownBalance):
    """A row whose shown balance is not the balance before plus its amount (money moved on days
    no statement shows)."""


@dataclass(frozen=True)
class BalanceMisprint(_ShownBalance):
    """A row whose shown balance alone is wrong: the balance before it plus its amount is
    ``expected``, and the next balance shown follows from that, not from the ``shown`` one (a
    misprint on the statement, not money moved unseen). ``at`` is "first" for the first balance
    shown (the rows after it on its day follow from ``expected``), "last" for the last one (the
    rows before it on its day give ``expected``), "day" for a balance that does not follow from
    the one shown before it on the same day while the balances after it follow from it (one of
    the two rows, or a balance, is misprinted; which cannot be told), else ""."""

    at: str = ""


class Matched(NamedTuple):
    """A payment due and the credit matched to it (None when nothing came in)."""

    due: Due
    entry: Entry | None


@dataclass(frozen=True)
class Reconciliation:
    reference: str
    start: dt.date
    end: dt.date
    opening_balance: Decimal
    closing_balance: Decimal
    money_in: dict[str, Decimal]
    money_out: dict[str, Decimal]
    council_expected: Decimal
    council_received: Decimal
    contribution_expected: Decimal
    contribution_paid: Decimal
    contribution_shortfall: Decimal
    contingency: Decimal
    owed: Decimal
    surplus: Decimal
    entries: tuple[Entry, ...]
    council: tuple[Matched, ...]
    contribution: tuple[Matched, ...]
    breaks: tuple[BalanceBreak, ...]
    rows_before: int = 0  # statement rows dated before the audit period: read, not counted
    rows_after: int = 0  # statement rows dated after it
    misprints: tuple[BalanceMisprint, ...] = ()  # rows whose shown balance alone is wrong
    opening_date: dt.date | None = None  # the day the opening balance is from (the first day the statements show)
    closing_date: dt.date | None = None  # the day the closing balance is from (the last day the statements show)
    uncovered: tuple[tuple[dt.date, dt.date], ...] = ()  # days no statement covers: statements missing
    quiet: tuple[tuple[dt.date, dt.date], ...] = ()  # days between statements with no rows, the balance carrying on
    unseen: tuple[tuple[dt.date, dt.date], ...] = ()  # uncovered days and the days a balance break leaves out
    council_expected_uncovered: Decimal = ZERO  # council payments due, unmatched, on days no statement shows
    contribution_expected_uncovered: Decimal = ZERO  # contributions due, unmatched, on days no statement shows
    last_shown: _ShownBalance | None = None  # the last balance shown, when it does not follow from the rows
    council_for_after_period: Decimal = ZERO  # council payments received in the period, the part for days after it
    contribution_for_after_period: Decimal = ZERO  # contributions received in the period, the part for days after it
    # Received in the period for payments due after it (paid early), up to the amount each is due
    # (any more is an overpayment): all of it pays for days after the period, so it is part of
    # ``council_for_after_period`` / ``contribution_for_after_period``.
    council_paid_early: Decimal = ZERO
    contribution_paid_early: Decimal = ZERO

    @property
    def paid_ahead_from(self) -> dt.date:
        """The last day the closing balance covers: the money in it paid for care after this day
        is kept back (``paid_for_after_period``). The period's end, or the last day the
        statements show when they stop early (``stops_early``: a provisional surplus is worked out
        from that day's balance, which still holds the money for the days after it)."""
        return self.closing_date if self.stops_early and self.closing_date is not None else self.end

    @property
    def paid_for_after_period(self) -> Decimal:
        """Money received in the period (council payments and contributions) that pays for
        care on days after it ends: kept back from the surplus, as it is not yet due to be spent."""
        return self.council_for_after_period + self.contribution_for_after_period

    @cached_property  # worked out once: the figures never change
    def stops_early(self) -> bool:
        """True when the statements stop before the audit period ends: more than the few days not
        asked for (see ``coverage.COVER_SLACK_DAYS``), or fewer with a payment due on them that
        no statement shows (it would change the balance at the end)."""
        if any(end == self.end for _start, end in self.uncovered):
            return True
        last = self.closing_date
        return last is not None and last < self.end and any(
            m.entry is None and m.due.amount > 0 and m.due.date > last for m in self.council + self.contribution)

    @property
    def statements_missing(self) -> bool:
        """True when statements are missing for some days of the audit period (days no statement
        covers, or a break in the running balance): each is a missing_statement flag."""
        return bool(self.uncovered or self.breaks)

    @cached_property  # worked out once: the figures never change
    def surplus_provisional(self) -> str:
        """Why the surplus is not final yet ('' when it is): the statements stop before the
        audit period ends, so the balance at its end is not known; statements are missing for
        other days, so money may have moved that no statement shows; or the last balance shown
        does not follow from the rows (``last_shown``), so the closing balance is not certain."""
        reasons = []
        if self.stops_early:
            shown = self.closing_date or self.end
            reasons.append(f"the statements stop on {shown.isoformat()}, before the audit period ends on {self.end.isoformat()}: "
                           f"the balance at the end is not known, so the surplus is worked out from the balance on {shown.isoformat()} "
                           "and is not final until the statements to the end are seen")
        if self.statements_missing and not (self.stops_early and len(self.uncovered) + len(self.breaks) == 1):
            reasons.append("statements are missing for days in the audit period (see the missing_statement flags): money may "
                           "have moved on those days, so the surplus is not final until those statements are seen")
        if self.last_shown is not None:
            last = self.last_shown
            used = "the rows' figure" if isinstance(last, BalanceMisprint) else "the balance shown"
            reasons.append(f"the last balance shown, {money_text(last.shown)} on {last.tx.date.isoformat()}, does not follow from "
                           f"the rows (they give {money_text(last.expected)}): the closing balance is not certain, so the surplus "
                           f"is worked out from {used} and is not final until the bank confirms the balance")
        return "; and ".join(reasons)

    @property
    def contribution_expected_covered(self) -> Decimal:
        """Contributions due on days the statements show (or paid)."""
        return self.contribution_expected - self.contribution_expected_uncovered

    @property
    def council_expected_covered(self) -> Decimal:
        """Council payments due on days the statements show (or paid)."""
        return self.council_expected - self.council_expected_uncovered

    @property
    def outside_text(self) -> str:
        """What the statements hold outside the audit period, in words ('' when nothing)."""
        parts = [f"{n} row{'s' if n != 1 else ''} {side} {day.isoformat()}" for n, side, day in
                 ((self.rows_before, "before", self.start), (self.rows_after, "after", self.end)) if n]
        return " and ".join(parts) + " are outside the audit period and not counted" if parts else ""

    @property
    def total_in(self) -> Decimal:
        return sum(self.money_in.values(), ZERO)

    @property
    def total_out(self) -> Decimal:
        return sum(self.money_out.values(), ZERO)

    @property
    def unaccounted(self) -> Decimal:
        """Change in balance that no row shows (the sum of the balance breaks)."""
        return self.closing_balance - self.opening_balance - self.total_in + self.total_out

    @property
    def not_on_any_statement(self) -> Decimal:
        """``unaccounted`` by the name the figures give it: opening + money in - money out + this
        = closing balance."""
        return self.unaccounted

    @property
    def contribution_overpaid(self) -> Decimal:
        """Contributions paid in above what was due on the days the statements show (not below
        0). It is in the balance, so in any surplus; whose it is is the council's policy."""
        return max(ZERO, self.contribution_paid - self.contribution_paid_early - self.contribution_expected_covered)


class Running(NamedTuple):
    """The running balance through the statements: ``rows`` in the order the bank posted them
    (the ledger's order, except a day whose rows are listed in another order: see
    ``posted_order``; the ledger's own tuple when no day is), the balance ``after`` each, the
    ``breaks``, the ``misprints`` and the ``opening`` balance before the first row."""

    rows: tuple[Transaction, ...]
    after: list[Decimal]
    breaks: list[BalanceBreak]
    misprints: list[BalanceMisprint]
    opening: Decimal


def running_balances(ledger: Ledger, plan: Plan) -> Running:
    """The running balance through the ledger (see ``Running``). Raises ReconcileError when no
    row shows a balance and the plan gives no ``opening_balance``.

    Where a row's shown balance is not the balance before plus its amount:

    - the rows of that day are put in the order in which every shown balance follows from the
      one before, when there is one (banks list a day's rows in their own order, not always the
      order they were posted in): no break;
    - a row whose balance alone is off, while the next balance shown follows from the rows
      before it, is a ``BalanceMisprint``: the running balance goes on from the rows, not from
      the misprint, so the figures are those of the statement without it;
    - else it is a ``BalanceBreak``: money moved on days no statement shows, and the running
      balance goes on from the balance shown;
    - except that a break between two rows dated the same day cannot be a missing statement (a
      statement covers whole days). At the first two balances shown, when reading the first
      one as misprinted makes every balance after it on that day follow, it is a
      ``BalanceMisprint`` of the first row (``at`` "first") and the opening balance comes from
      the rows after it; unless the plan's ``opening_balance`` contradicts that reading (the
      break then stands). At the last balance shown, on the same day as the balance shown
      before it, it is a ``BalanceMisprint`` of the last row (``at`` "last") and the closing
      balance is the rows' figure. (A break at the last row on a later day than the balance
      before it stays a break: money may have moved on the days between. Either way the surplus
      is provisional: see ``Reconciliation.last_shown``.) Anywhere else, a break whose balance
      shown before it is on the same day is a ``BalanceMisprint`` ``at`` "day" (see
      ``_same_day_breaks``): neither balance can be shown wrong, so the running balance goes on
      from the balance shown, as after a break, but no statement is asked for.
    """
    rows = ledger.transactions
    first = next((i for i, t in enumerate(rows) if t.balance is not None), None)
    if first is not None:
        opening = _opening(rows, first)
    elif plan.opening_balance is not None:
        opening = plan.opening_balance
    else:
        raise ReconcileError("no statement shows a balance: add opening_balance (the balance before the first row) to the plan")
    after = list(accumulate(map(_AMOUNT, rows), initial=opening))[1:]
    balances = list(map(_BALANCE, rows))
    if not any(map(is_, balances, repeat(None))) and balances == after:
        return Running(rows, after, [], [], opening)  # every row shows the balance its amounts give: no break
    walked = _walk(rows, opening)
    if walked.breaks and first is not None:
        walked = _same_day_breaks(_last_row_misprint(_first_row_misprint(rows, first, walked, plan)))
    return walked


def _first_row_misprint(rows: tuple[Transaction, ...], first: int, walked: Running, plan: Plan) -> Running:
    """``walked`` read again with the first balance shown (``rows[first]``) as misprinted, when a
    break falls on its day, the next balance shown is on that same day, the rows' reading of the
    opening balance makes every other balance of that day follow, and the plan's
    ``opening_balance``, if given, is that reading; else ``walked`` as it is."""
    day = rows[first].date
    second = next((n for n in range(first + 1, len(rows)) if rows[n].balance is not None), None)
    if second is None or rows[second].date != day or walked.breaks[0].tx.date != day:
        return walked
    opening = rows[second].balance - sum((t.amount for t in rows[: second + 1]), ZERO)
    if plan.opening_balance is not None and plan.opening_balance != opening:
        return walked  # the plan's opening balance contradicts the rows' reading
    again = _walk(rows, opening)
    on_day = [m for m in again.misprints if m.tx.date == day]
    if any(b.tx.date == day for b in again.breaks) or [m.tx for m in on_day] != [rows[first]]:
        return walked
    misprints = [BalanceMisprint(m.tx, m.expected, m.shown, "first") if m in on_day else m for m in again.misprints]
    return again._replace(misprints=misprints)


def _last_row_misprint(walked: Running) -> Running:
    """``walked`` with a break at the last balance shown taken as that row's misprint when the
    balance shown before it is on the same day (the running balance then goes on from the rows);
    else ``walked`` as it is."""
    rows, breaks = walked.rows, walked.breaks
    shown = [n for n, t in enumerate(rows) if t.balance is not None]
    if len(shown) < 2 or not breaks or breaks[-1].tx is not rows[shown[-1]]:
        return walked
    last, before = shown[-1], shown[-2]
    if rows[before].date != rows[last].date:
        return walked  # a later day: money may have moved unseen, so the break stands
    b = breaks[-1]
    after = walked.after[:last] + [balance - b.gap for balance in walked.after[last:]]
    return walked._replace(breaks=breaks[:-1], after=after,
                           misprints=walked.misprints + [BalanceMisprint(b.tx, b.expected, b.shown, "last")])


def _same_day_breaks(walked: Running) -> Running:
    """``walked`` with each break whose balance shown before it is on the same day taken as a
    misprint ``at`` "day": a statement covers whole days, so none can be missing between two rows
    of one day. Neither balance can be shown to be the wrong one (the rows after follow the
    balance shown), so the running balance stays as walked: it goes on from the balance shown."""
    breaks = walked.breaks
    if not breaks:
        return walked
    rows = walked.rows
    position = {id(t): n for n, t in enumerate(rows)}
    kept, misprints = [], list(walked.misprints)
    for b in breaks:
        n = position[id(b.tx)]
        before = next((rows[k] for k in range(n - 1, -1, -1) if rows[k].balance is not None), None)
        if before is not None and before.date == b.tx.date:
            misprints.append(BalanceMisprint(b.tx, b.expected, b.shown, "day"))
        else:
            kept.append(b)
    if len(kept) == len(breaks):
        return walked
    return walked._replace(breaks=kept, misprints=misprints)


def last_shown_off(running: Running) -> _ShownBalance | None:
    """The break or misprint at the last balance shown (None when it follows from the rows)."""
    last = next((t for t in reversed(running.rows) if t.balance is not None), None)
    return next((s for s in running.breaks + running.misprints if s.tx is last), None) if last is not None else None


def _opening(rows: tuple[Transaction, ...], first: int) -> Decimal:
    """The balance before the first row, from the first balance shown (``rows[first]``). When the
    rows of that day only follow one another in another order, the balance is taken from the row
    the bank posted first."""
    listed = rows[first].balance - sum((t.amount for t in rows[: first + 1]), ZERO)
    start, end = _day_span(rows, first)
    group = rows[start:end]
    if start != first or len(group) == 1:
        return listed
    earlier = sum((t.amount for t in rows[:start]), ZERO)  # rows of days before, with no balance shown
    if _follows(group, listed + earlier) or posted_order(group, listed + earlier) is not None:
        return listed
    for t in group:
        if posted_order(group, t.balance - t.amount) is not None:
            return t.balance - t.amount - earlier
    return listed


def _day_span(rows, index: int) -> tuple[int, int]:
    """(first, one past the last) index of the rows dated as ``rows[index]`` (rows are in date order)."""
    day = rows[index].date
    start = index
    while start > 0 and rows[start - 1].date == day:
        start -= 1
    end = index + 1
    while end < len(rows) and rows[end].date == day:
        end += 1
    return start, end


def _walk(rows: tuple[Transaction, ...], opening: Decimal) -> Running:
    """The running balance row by row, a day at a time (see ``running_balances``)."""
    posted: list[Transaction] = []
    after: list[Decimal] = []
    breaks: list[BalanceBreak] = []
    misprints: list[BalanceMisprint] = []
    running, start, reordered = opening, 0, False
    while start < len(rows):
        end = _day_span(rows, start)[1]
        group = rows[start:end]
        if len(group) > 1 and not _follows(group, running):
            posted_rows = posted_order(group, running)
            if posted_rows is not None:
                group, reordered = posted_rows, True
        for k, t in enumerate(group):
            running += t.amount
            if t.balance is not None and t.balance != running:
                if _next_balance_follows(group[k + 1:] + rows[end:], running):
                    misprints.append(BalanceMisprint(t, running, t.balance))
                else:
                    breaks.append(BalanceBreak(t, running, t.balance))
                    running = t.balance
            posted.append(t)
            after.append(running)
        start = end
    return Running(tuple(posted) if reordered else rows, after, breaks, misprints, opening)


def _follows(rows, running: Decimal) -> bool:
    """True when each shown balance of ``rows`` is the one before plus its amount, from ``running``."""
    for t in rows:
        running += t.amount
        if t.balance is not None and t.balance != running:
            return False
    return True


def _next_balance_follows(rest, running: Decimal) -> bool:
    """True when the next balance shown in ``rest`` is ``running`` plus the amounts up to it."""
    for t in rest:
        running += t.amount
        if t.balance is not None:
            return t.balance == running
    return False


POSTED_ORDER_ROWS = 40  # a day with more rows than this is taken in its listed order


def posted_order(day: tuple[Transaction, ...], running: Decimal) -> tuple[Transaction, ...] | None:
    """The rows of one day in an order in which each shown balance is the balance before plus
    its amount, starting from ``running``; None when there is none, when a row shows no balance
    (it could go anywhere) or when the day has more than POSTED_ORDER_ROWS rows. Rows that
    can come next are tried in their listed order, so the order found keeps the listing where it
    can."""
    if len(day) > POSTED_ORDER_ROWS or any(t.balance is None for t in day):
        return None
    order: list[Transaction] = []

    def place(left: tuple[Transaction, ...], balance: Decimal) -> bool:
        if not left:
            return True
        tried = set()
        for n, t in enumerate(left):
            if t.balance != balance + t.amount or (t.amount, t.balance) in tried:
                continue
            tried.add((t.amount, t.balance))  # rows alike lead to the same orders: one is tried
            order.append(t)
            if place(left[:n] + left[n + 1:], t.balance):
                return True
            order.pop()
        return False

    return tuple(order) if place(tuple(day), running) else None


class _Credits(NamedTuple):
    """The credits in the audit period, a column each: ``rows`` (indexes into the ledger), the
    ``days`` (ordinals), the ``said`` kind the bank's words give (or None) and the ``amounts``."""

    rows: list[int]
    days: list[int]
    said: list
    amounts: list


def _credits(credits: list[int], credit_rows: list[Transaction], amounts: list, rules: Rules) -> _Credits:
    """The columns of the credits (``credits``: their indexes in the ledger, whose rows are in
    date order, so credits are too; their rows and amounts); each description's rule is looked
    up once."""
    descriptions = list(map(_DESCRIPTION, credit_rows))
    kind_of = {}
    for description in dict.fromkeys(descriptions):
        rule = rules.match(description)
        kind_of[description] = None if rule is None else rule.kind
    return _Credits(credits, list(map(dt.date.toordinal, map(_DATE, credit_rows))), list(map(kind_of.__getitem__, descriptions)), amounts)


_DUE_DAYS: dict[int, tuple] = {}  # id(schedule) -> (schedule, day ordinals, reasons)


def _due_days(schedule: tuple[Due, ...]) -> tuple[list[int], list[tuple[str, str, str]]]:
    """(the day ordinal, and the (kind, reason, source) of a credit matched to it, of each payment
    due), worked out once for each schedule (``dues`` gives plans that share one the same tuple)."""
    kept = _DUE_DAYS.get(id(schedule))
    if kept is None or kept[0] is not schedule:  # the schedule is held here, so its id is not reused while kept
        if len(_DUE_DAYS) >= 1024:
            _DUE_DAYS.clear()
        kept = _DUE_DAYS[id(schedule)] = (schedule, [d.date.toordinal() for d in schedule],
                                          [_due_reason(d.kind, d.date) for d in schedule])
    return kept[1], kept[2]


def _match(schedule: tuple[Due, ...], credits: _Credits, taken: set[int]) -> list[tuple[Due, int | None]]:
    """Each payment due with the credit matched to it (an index of the ledger's rows), or None.

    Of the credits within MATCH_DAYS of the due date, not yet taken and that the bank's words do
    not name as another kind of payment, the one of the amount due, else of the line's full
    amount, else named as this payment is taken; the nearest, then the first, of those alike."""
    out: list[tuple[Due, int | None]] = []
    if not schedule:
        return out
    append = out.append
    indexes, days_of, said_of, amounts = credits
    for due, day in zip(schedule, _due_days(schedule)[0]):
        lo = bisect_left(days_of, day - MATCH_DAYS)
        hi = bisect_right(days_of, day + MATCH_DAYS, lo)
        best = best_score = None
        if lo == hi:  # no credit near the day
            append((due, None))
            continue
        kind, amount, whole, words = due[0], due[2], due[3], due[6]
        positive = amount > ZERO
        for n in range(lo, hi):
            named = said_of[n]
            said = named == kind
            if not said and (words or named is not None):
                continue  # the bank's words say it is another payment, or not the words the plan gives (``_words_allow``)
            credit = amounts[n]
            exact = positive and credit == amount
            full = credit == whole
            if not (exact or full or said):
                continue  # not this payment's amount or words
            index = indexes[n]
            if index in taken:
                continue
            score = (not exact, not full, not said, abs(days_of[n] - day), index)
            if best_score is None or score < best_score:
                best_score, best = score, index
        if best is not None:
            taken.add(best)
        append((due, best))
    return out


def _words_allow(due: Due, named: str | None) -> bool:
    """Whether a credit the bank describes with words the plan or rules name as ``named`` (None:
    named by nothing) can be ``due``: not when they name another kind of money in, or a payee
    (money from a PA is not the council's); and, when the plan gives the words the bank shows for
    this payment (``due.match``), only a credit showing them ("TRANSFER FROM J SMITH" of the
    amount due is not the council's payment when the plan says the council's shows "DCC DIRECT")."""
    if due.match:
        return named == due.kind
    return named is None or named == due.kind


def _unmatched(pairs) -> bool:
    """True when a payment due of more than nothing has no credit matched to it."""
    if None not in map(_INDEX, pairs):
        return False  # every payment due has its credit
    for due, index in pairs:
        if index is None and due.amount > 0:
            return True
    return False


def _late(pairs, credits: _Credits, taken: set[int], days: list[int]) -> tuple[list[tuple[Due, int | None]], dict[int, int]]:
    """Second pass: a due payment nothing matched takes a later credit of its amount that the
    bank's words name as this kind of payment (a payment made late, not missed), up to the day
    before the next payment of the schedule is due (at least LATE_DAYS; for the last payment, one
    cycle as long as the one before it). ``days``: the day ordinal of each payment due. Returns
    the pairs and, for each credit taken so, how many days late it came (the row's reason says so)."""
    if not _unmatched(pairs):
        return pairs, {}
    out, late = [], {}
    indexes, days_of, said_of, amounts = credits
    for k, (due, index) in enumerate(pairs):
        if index is None and due.amount > 0:
            day = days[k]
            if k + 1 < len(days):
                until = days[k + 1] - 1
            else:
                until = day + (day - days[k - 1]) - 1 if k else day
            until = max(until, day + LATE_DAYS)
            for n in range(bisect_right(days_of, day), bisect_right(days_of, until)):
                i = indexes[n]
                if i not in taken and said_of[n] == due.kind and amounts[n] in (due.amount, due.full):
                    taken.add(i)
                    index, late[i] = i, days_of[n] - day
                    break
        out.append((due, index))
    return out, late


def _early(pairs, credits: _Credits, taken: set[int], days: list[int],
           before: int | None = None) -> tuple[list[tuple[Due, int | None]], dict[int, int]]:
    """Third pass: a due payment nothing matched takes an earlier credit of its amount (the
    amount due or the line's full amount) from more than MATCH_DAYS up to EARLY_DAYS before its
    date, that is nearer its date than the payment due before it and that the bank's words do not
    name as another kind of payment (a payment made early, not missed). ``days``: the day ordinal
    of each payment due; ``before``: the day ordinal of the payment due before the first (None
    when there is none). Returns the pairs and, for each credit taken so, how many days early it
    came (the row's reason says so)."""
    if not _unmatched(pairs):
        return pairs, {}
    out, early = [], {}
    indexes, days_of, said_of, amounts = credits
    for (due, index), day in zip(pairs, days):
        if index is None and due.amount > 0:
            lo = bisect_left(days_of, day - EARLY_DAYS)
            hi = bisect_left(days_of, day - MATCH_DAYS)
            for n in range(hi - 1, lo - 1, -1):  # the nearest first
                i = indexes[n]
                if before is not None and days_of[n] - before <= day - days_of[n]:
                    break  # as near the payment due before: not this one's
                if i in taken or not _words_allow(due, said_of[n]) or amounts[n] not in (due.amount, due.full):
                    continue
                taken.add(i)
                index, early[i] = i, day - days_of[n]
                break
        out.append((due, index))
        before = day
    return out, early


def _not_shown_after(later: tuple[Due, ...], shown_after) -> tuple[Due, ...]:
    """The payments due after the period (``later``) but those a credit the statements show after
    the period pays: of the amount due (or the line's full amount), within MATCH_DAYS of the due
    date. A credit in the period is then not that payment paid early."""
    if not later or not shown_after:
        return later
    return tuple(d for d in later if not any(
        t.amount > ZERO and t.amount in (d.amount, d.full) and abs((t.date - d.date).days) <= MATCH_DAYS for t in shown_after))


def _paid_early(later: tuple[Due, ...], credits: _Credits, taken: set[int], days: list[int]) -> list[tuple[Due, int | None]]:
    """Each payment due just after the period (``later``) with the credit in the period, not yet
    taken, that paid it early (within MATCH_DAYS, or up to EARLY_DAYS before and nearer its date
    than the payment due before it: see ``_match`` and ``_early``), or None. ``days``: the day
    ordinals of the payments due in the period of the same schedule."""
    if not later:
        return []
    pairs = _match(later, credits, taken)
    return _early(pairs, credits, taken, _due_days(later)[0], days[-1] if days else None)[0]


@lru_cache(maxsize=4096)
def _due_reason(kind: str, date: dt.date) -> tuple[str, str, str]:
    """(kind, reason, source) of a credit matched to a payment due on ``date``."""
    return kind, f"{kind} payment due {date.isoformat()}", "plan"


@lru_cache(maxsize=4096)
def _dated_reason(reason: tuple[str, str, str], days: int) -> tuple[str, str, str]:
    """The (kind, reason, source) of a credit matched to a payment due ``days`` before it (late
    when more than 0, early when less): a credit matched on any day but the due date says how
    many days off it came, whichever pass matched it. Worked out once for each reason and number
    of days (payments due on the same days, paid as late or early, share them)."""
    if days > 0:
        return _late_reason(reason, days)
    return _early_reason(reason, -days) if days < 0 else reason


def _late_reason(reason: tuple[str, str, str], days: int) -> tuple[str, str, str]:
    """The (kind, reason, source) of a credit matched to a payment due ``days`` before it."""
    kind, why, source = reason
    return kind, f"{why}, paid {counted(days, 'day')} late", source


def _early_reason(reason: tuple[str, str, str], days: int) -> tuple[str, str, str]:
    """The (kind, reason, source) of a credit matched to a payment due ``days`` after it."""
    kind, why, source = reason
    return kind, f"{why}, paid {counted(days, 'day')} early", source


def _out_kind(description: str, rules: Rules) -> tuple[str, str, str]:
    rule = rules.match(description)
    if rule is None:
        return "unexplained", "no rule or payee matches", ""
    if rule.kind in OUT_KINDS:
        why = f"payee '{rule.words}' in the plan" if rule.source == "plan" else f"rule '{rule.words}'"
        return rule.kind, why, rule.source
    return "care_other", f"paid to '{rule.words}' ({rule.kind})", rule.source


def _in_kind(description: str, rules: Rules) -> tuple[str, str, str]:
    rule = rules.match(description)
    if rule is None:
        return "other", "no payment due matches", ""
    if rule.kind in ("council", "contribution", "refund"):
        return rule.kind, f"rule '{rule.words}'", rule.source
    if rule.kind in REFUND_FROM:
        return "refund", f"money back from '{rule.words}' ({rule.kind})", rule.source
    return "other", f"from '{rule.words}' ({rule.kind})", rule.source


def reconcile(plan: Plan, ledger: Ledger, rules: Rules) -> Reconciliation:
    """Classify every transaction in the audit period and work out the figures (see module doc).
    ``rules`` should already hold the plan's payees (``Rules.for_plan``). Raises ReconcileError."""
    running = running_balances(ledger, plan)
    after, breaks, misprints, opening_all = running.after, running.breaks, running.misprints, running.opening
    rows = running.rows  # a day's rows in the order the bank posted them
    start, end = plan.period.start, plan.period.end
    dates = list(map(_DATE, rows))  # in date order (see ``merge``)
    first, stop = bisect_left(dates, start), bisect_right(dates, end)
    rows_before, rows_after = first, len(rows) - stop
    inside = range(first, stop)
    if not inside:
        raise ReconcileError(f"no statement row falls in the audit period ({span(plan.period.start, plan.period.end)})")
    opening = after[inside[0] - 1] if inside[0] > 0 else opening_all
    closing = after[inside[-1]]
    inside_rows = rows[first:stop]
    amounts = list(map(_AMOUNT, inside_rows))
    paid_in = list(map(gt, amounts, repeat(ZERO)))
    credits = list(compress(inside, paid_in))
    taken: set[int] = set()
    council_due = dues(plan.council_payments, plan, "council")
    contribution_due = dues(plan.contribution, plan, "contribution")
    columns = _credits(credits, list(compress(inside_rows, paid_in)), list(compress(amounts, paid_in)), rules)
    council_pairs = _match(council_due, columns, taken)
    contribution_pairs = _match(contribution_due, columns, taken)
    council_days, contribution_days = _due_days(council_due)[0], _due_days(contribution_due)[0]
    council_pairs = _late(council_pairs, columns, taken, council_days)[0]  # after both: a credit on time for either is theirs
    contribution_pairs = _late(contribution_pairs, columns, taken, contribution_days)[0]
    council_pairs = _early(council_pairs, columns, taken, council_days)[0]  # after on time and late: those are nearer
    contribution_pairs = _early(contribution_pairs, columns, taken, contribution_days)[0]
    # then payments due just after the period, paid early inside it: a credit is first any
    # payment due in the period's, on time, late or early
    council_later = dues(plan.council_payments, plan, "council", EARLY_DAYS)
    contribution_later = dues(plan.contribution, plan, "contribution", EARLY_DAYS)
    if stop < len(rows):  # the statements run on past the period: a payment they show coming then was not paid early
        shown_after = rows[stop:bisect_right(dates, end + dt.timedelta(days=EARLY_DAYS + MATCH_DAYS))]
        council_later, contribution_later = _not_shown_after(council_later, shown_after), _not_shown_after(contribution_later, shown_after)
    council_ahead = _paid_early(council_later, columns, taken, council_days)
    contribution_ahead = _paid_early(contribution_later, columns, taken, contribution_days)
    matched_kind = [(i, reason if rows[i].date == due.date else _dated_reason(reason, (rows[i].date - due.date).days))
                    for pairs, schedule in ((council_pairs, council_due), (contribution_pairs, contribution_due),
                                            (council_ahead, council_later), (contribution_ahead, contribution_later))
                    for (due, i), reason in zip(pairs, _due_days(schedule)[1]) if i is not None]
    council_ahead = [(due, i) for due, i in council_ahead if i is not None]  # the rest are not due in the period
    contribution_ahead = [(due, i) for due, i in contribution_ahead if i is not None]
    council_early = sum((min(rows[i].amount, due.amount) for due, i in council_ahead), ZERO)
    contribution_early = sum((min(rows[i].amount, due.amount) for due, i in contribution_ahead), ZERO)
    keys = list(zip(paid_in, map(_DESCRIPTION, inside_rows)))
    known = rules.kinds  # (paid in, description) -> (kind, reason, rule source): statements repeat the same payees
    found = list(map(known.get, keys))
    if None in found:
        if len(known) >= MATCHES_KEPT:
            known.clear()  # rules kept for a long batch of audits meet many descriptions
        for n, key in enumerate(keys):
            if found[n] is None:
                found[n] = known.get(key) or known.setdefault(key, _in_kind(key[1], rules) if key[0] else _out_kind(key[1], rules))
    for i, reason in matched_kind:
        found[i - first] = reason
    kinds, whys, sources = zip(*found)
    entries = list(map(_record, repeat(Entry), zip(inside_rows, kinds, whys, after[first:stop], sources)))
    money_in, money_out = _totals(kinds, amounts, paid_in)
    council_expected = sum(map(_AMOUNT, council_due), ZERO)
    contribution_expected = sum(map(_AMOUNT, contribution_due), ZERO)
    held = contingency(plan)
    in_period = {b.tx for b in breaks if plan.period.start <= b.tx.date <= plan.period.end}
    due_days = [d.date for d in council_due + contribution_due if d.amount > 0]
    cover = coverage(start, end, ledger.statements, _carries_on(rows, dates, breaks, misprints, plan), due_days)
    unseen = cover.uncovered + unshown_ends(start, end, cover.shown_from, cover.shown_to) + _break_spans(rows, breaks, in_period, start)
    council_uncovered = _due_unseen(council_pairs, unseen)
    last_off = last_shown_off(running)
    contribution_uncovered = _due_unseen(contribution_pairs, unseen)
    council_pairs, contribution_pairs = council_pairs + council_ahead, contribution_pairs + contribution_ahead
    council_after = _paid_for_after(council_pairs, rows, plan, end)
    contribution_after = _paid_for_after(contribution_pairs, rows, plan, end)
    rec = Reconciliation(
        reference=plan.reference, start=plan.period.start, end=plan.period.end,
        opening_balance=opening, closing_balance=closing, money_in=money_in, money_out=money_out,
        council_expected=council_expected, council_received=money_in["council"],
        contribution_expected=contribution_expected, contribution_paid=money_in["contribution"],
        contribution_shortfall=max(ZERO, contribution_expected - contribution_uncovered - (money_in["contribution"] - contribution_early)),
        contingency=held, owed=plan.owed, surplus=max(ZERO, closing - plan.owed - held - council_after - contribution_after),
        entries=tuple(entries),  # in the order of ``inside``
        council=tuple([_record(Matched, (d, None if i is None else entries[i - first])) for d, i in council_pairs]),
        contribution=tuple([_record(Matched, (d, None if i is None else entries[i - first])) for d, i in contribution_pairs]),
        breaks=tuple(b for b in breaks if b.tx in in_period),
        rows_before=rows_before, rows_after=rows_after,
        misprints=tuple(m for m in misprints if start <= m.tx.date <= end),
        opening_date=cover.shown_from, closing_date=cover.shown_to, uncovered=cover.uncovered, quiet=cover.quiet,
        unseen=unseen, council_expected_uncovered=council_uncovered, contribution_expected_uncovered=contribution_uncovered,
        last_shown=last_off if last_off is not None and start <= last_off.tx.date <= end else None,
        council_for_after_period=council_after, contribution_for_after_period=contribution_after,
        council_paid_early=council_early, contribution_paid_early=contribution_early,
    )
    return _kept_from_the_last_balance(rec, council_pairs, contribution_pairs, rows, plan)


def _kept_from_the_last_balance(rec, council_pairs, contribution_pairs, rows, plan: Plan):
    """``rec`` with the money paid ahead counted from the last day the statements show when they
    stop early (``Reconciliation.paid_ahead_from``): the provisional surplus comes from that day's
    balance, which still holds the money for care on the days after it."""
    day = rec.paid_ahead_from
    if day == rec.end:
        return rec
    council_after = _paid_for_after(council_pairs, rows, plan, day)
    contribution_after = _paid_for_after(contribution_pairs, rows, plan, day)
    return dataclasses.replace(
        rec, council_for_after_period=council_after, contribution_for_after_period=contribution_after,
        surplus=max(ZERO, rec.closing_balance - rec.owed - rec.contingency - council_after - contribution_after))


def _totals(kinds, amounts, paid_in) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """(money in, money out) by kind, every kind listed (money out as a positive sum)."""
    money_in = dict.fromkeys(IN_KINDS, ZERO)
    money_out = dict.fromkeys(OUT_KINDS + ("unexplained",), ZERO)
    for kind, amount, into in zip(kinds, amounts, paid_in):
        if into:
            money_in[kind] += amount
        else:
            money_out[kind] -= amount
    return money_in, money_out


def _carries_on(rows, dates, breaks, misprints, plan: Plan):
    """``carries_on(before, after)`` for ``coverage``: whether the running balance is seen to
    carry on from the last row on or before ``before`` to the first row on or after ``after``
    (True), breaks there (False), or cannot be told (None: no balance shown on one side)."""
    broken = {b.tx for b in breaks}
    misprinted = {m.tx for m in misprints}
    first_shown = next((n for n, t in enumerate(rows) if t.balance is not None), None)

    def carries_on(before: dt.date, after: dt.date) -> bool | None:
        last, following = bisect_right(dates, before) - 1, bisect_left(dates, after)
        if last < 0 or following >= len(rows):
            return None
        row = rows[following]
        if row in broken:
            return False
        if row.balance is None or row in misprinted:
            return None
        seen_before = (first_shown is not None and first_shown <= last) or plan.opening_balance is not None
        return True if seen_before else None

    return carries_on


def _break_spans(rows, breaks, in_period, start: dt.date) -> tuple[tuple[dt.date, dt.date], ...]:
    """The days each balance break in the audit period leaves out: from the row before it (or
    the start of the audit) to the break's row."""
    if not in_period:
        return ()
    position = {id(t): n for n, t in enumerate(rows)}
    spans = []
    for b in breaks:
        if b.tx in in_period:
            n = position.get(id(b.tx))
            since = max(rows[n - 1].date, start) if n else start
            spans.append((since, b.tx.date))
    return tuple(spans)


def _due_unseen(pairs, unseen) -> Decimal:
    """The payments due that nothing matched on days no statement shows: they cannot be checked."""
    return sum((due.amount for due, index in pairs
                if index is None and due.amount > 0 and any(a <= due.date <= b for a, b in unseen)), ZERO)


def _paid_for_after(pairs, rows, plan: Plan, end: dt.date) -> Decimal:
    """The part of each payment received by ``end`` (the day the closing balance is from: the
    period's end, or the last day the statements show when they stop early) that pays for days
    after it: the line's amount pro rata by day over its cycle (as a suspension reduces it), for
    the cycle's days after ``end`` that no suspension covers, and never more than the credit
    itself. A payment made in advance for a cycle running past that day is the council's (or the
    person's) money for care not yet due, not a surplus."""
    total = ZERO
    before = end - dt.timedelta(days=MAX_CYCLE_DAYS - 1)  # a payment due by then has its cycle ended by ``end``
    for due, index in pairs:
        if index is None or (due.date <= before and due.days <= MAX_CYCLE_DAYS) or due.cycle_end <= end:
            continue
        following = max(end + dt.timedelta(days=1), due.date)  # a payment due after ``end`` (paid early): all its cycle
        after = (due.cycle_end - following).days + 1 - suspended_days(following, due.cycle_end, plan.suspensions)
        if after > 0:
            total += max(ZERO, min(rows[index].amount, pence(due.full * after / due.days)))
    return total
