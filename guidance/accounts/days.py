"""Spans of days in words, the same way everywhere (flags, notes, report, summary, letters, the
command line): one day is that day ("6 April 2026"), never a range from a day to itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from guidance.content.formatting import long_date


def iso_day(day: dt.date) -> str:
    """A day as the officer's outputs give it: 2026-04-06."""
    return day.isoformat()


def span(first: dt.date, last: dt.date, day: Callable[[dt.date], str] = iso_day) -> str:
    """"2026-04-06" for one day, "2026-04-06 to 2026-04-30" for more (``day`` writes each day)."""
    return day(first) if first == last else f"{day(first)} to {day(last)}"


def from_span(first: dt.date, last: dt.date, day: Callable[[dt.date], str] = iso_day) -> str:
    """"on 2026-04-06" for one day, "from 2026-04-06 to 2026-04-30" for more."""
    return f"on {day(first)}" if first == last else f"from {day(first)} to {day(last)}"


def long_span(first: dt.date, last: dt.date) -> str:
    """"6 April 2026" for one day, "6 April 2026 to 30 April 2026" for more (letters and the summary)."""
    return span(first, last, long_date)


def long_spans(spans: Iterable[tuple[dt.date, dt.date]]) -> str:
    """Spans joined for a sentence: "6 April 2026", "6 April 2026 and 1 May 2026 to 3 May 2026",
    "a, b and c"."""
    words = [long_span(first, last) for first, last in spans]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
