"""Which days of the audit period the statements show, and which they leave out.

A statement covers the period it states (OFX), or else the days from its earliest row to its
latest, whatever order the rows are listed in (banks that list by posting date may put a row
after later-dated ones). The days of the audit period no statement covers are:

- ``uncovered`` (statements are missing: flagged): a span that a stated period leaves out; a span
  at the very start or the very end of the audit longer than ``COVER_SLACK_DAYS`` or with a
  payment due on it (a statement ends on its last transaction, so a few quiet days before the
  first row or after the last one are not a missing statement); the whole period;
  and a span between two statements that state no period where the running balance cannot be
  seen to carry on over it (no balance shown on either side);
- ``quiet`` (information, not a flag): a span between two statements that state no period over
  which the running balance carries on exactly: the first balance after it follows from the last
  one before it, so no money moved on those days (a day with no transactions is not a missing
  statement). Where the balance does not carry on, the balance break is flagged, and asks for the
  days from the row before it, so the span is not flagged twice.

``shown_from`` and ``shown_to`` are the first and last day of the audit period the statements
show: the day the opening balance and the closing balance are from.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

COVER_SLACK_DAYS = 3  # days no statement covers at the very start or end of the audit, with no payment due, that are not asked for
_ONE = dt.timedelta(days=1)


class Coverage(NamedTuple):
    """What the statements show of the audit period (see the module doc)."""

    uncovered: tuple[tuple[dt.date, dt.date], ...]
    quiet: tuple[tuple[dt.date, dt.date], ...]
    shown_from: dt.date
    shown_to: dt.date


class _Span(NamedTuple):
    start: dt.date
    end: dt.date
    stated_start: bool
    stated_end: bool


def statement_spans(statements) -> list[_Span]:
    """Each statement's days (stated, or its earliest to its latest row), oldest first, with those
    that overlap or follow on joined."""
    spans: list[_Span] = []
    for s in statements:
        dates = [t.date for t in s.transactions]
        start = s.start if s.stated and s.start else min(dates)
        end = s.end if s.stated and s.end else max(dates)
        spans.append(_Span(start, end, bool(s.stated), bool(s.stated)))
    spans.sort()
    joined: list[_Span] = []
    for span in spans:
        if joined and span.start <= joined[-1].end + _ONE:
            last = joined[-1]
            if span.end > last.end:
                joined[-1] = _Span(last.start, span.end, last.stated_start, span.stated_end)
        else:
            joined.append(span)
    return joined


def coverage(period_start: dt.date, period_end: dt.date, statements, carries_on, due_days=()) -> Coverage:
    """The coverage of ``period_start``..``period_end`` by ``statements``. ``carries_on(before,
    after)`` tells whether the running balance is seen to carry on from the last row on or before
    ``before`` to the first row on or after ``after``: True (it does), False (a balance break there,
    flagged on its own) or None (no balance shown to tell). ``due_days``: the days a payment is due
    under the plan (a few days at the start with none due are not asked for)."""
    spans = statement_spans(statements)
    uncovered, quiet = [], []
    cursor, previous = period_start, None
    for span in spans:
        if span.start > cursor and cursor <= period_end:
            gap = (cursor, min(span.start - _ONE, period_end))
            between = previous is not None and not previous.stated_end and not span.stated_start
            seen = carries_on(previous.end, span.start) if between else None
            if seen is True:
                quiet.append(gap)
            elif seen is None:
                uncovered.append(gap)
            # seen is False: a balance break at the first row after the gap asks for these days
        cursor = max(cursor, span.end + _ONE)
        previous = span
    if cursor <= period_end:
        uncovered.append((cursor, period_end))
    shown_from = max(period_start, spans[0].start) if spans else period_start
    shown_to = min(period_end, spans[-1].end) if spans else period_end
    kept = [span for span in uncovered if not _slack(span, period_start, period_end, due_days)]
    return Coverage(tuple(kept), tuple(quiet), shown_from, shown_to)


def _slack(span: tuple[dt.date, dt.date], period_start: dt.date, period_end: dt.date, due_days) -> bool:
    """True for the few days at the very start of the audit before the first statement, or at the
    very end after the last one, that are not asked for: at most ``COVER_SLACK_DAYS``, none with a
    payment due, and not the whole period. The same rule holds at both ends: with nothing due on
    them, a few days with no rows are most likely days with no transactions (a weekend)."""
    start, end = span
    at_an_end = (start == period_start) != (end == period_end)
    return (at_an_end and (end - start).days + 1 <= COVER_SLACK_DAYS
            and not any(start <= day <= end for day in due_days))


def unshown_ends(period_start: dt.date, period_end: dt.date, shown_from: dt.date, shown_to: dt.date) -> tuple[tuple[dt.date, dt.date], ...]:
    """The days at the very start and end of the audit period before the first day and after the
    last day the statements show, as (first, last) spans. A few at either end are not asked for
    (see ``COVER_SLACK_DAYS``), but no statement shows them either: a payment due on them cannot be
    checked, so it is never told as missing or unpaid."""
    spans = ((period_start, shown_from - _ONE), (shown_to + _ONE, period_end))
    return tuple((first, last) for first, last in spans if first <= last)
