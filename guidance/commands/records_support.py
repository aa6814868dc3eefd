"""What the records commands share: opening the database, the content release, cut-off dates."""

from __future__ import annotations

import argparse
import datetime as dt
import re

from guidance.commands.common import CommandError, duration_days, today


def open_db():
    from guidance.records.database import open_database
    from guidance.records.store import StoreError

    try:
        return open_database()
    except StoreError as exc:
        raise CommandError(str(exc)) from None


def reference_rule(args):
    """The council's reference rule (``content/references.yaml`` in the content root)."""
    from guidance.content.roots import RootError, resolve_root
    from guidance.references import DEFAULT, ReferenceError, load_rule

    try:
        return load_rule(resolve_root(getattr(args, "root", None)))
    except RootError:
        return DEFAULT
    except ReferenceError as exc:
        raise CommandError(str(exc)) from None


def content_release(args) -> str | None:
    """The content release in use, for the audit trail; None when the content cannot be loaded."""
    from guidance.commands.common import load_base

    try:
        return load_base(args).manifest.release
    except Exception:
        return None


def span(text: str) -> str:
    """argparse type: '7d', '6w', '6y' stays text, checked here, turned into a date by ``cutoff``."""
    if not re.fullmatch(r"\s*\d+\s*[dwmy]?\s*", text.lower()):
        raise argparse.ArgumentTypeError(f"'{text}' is not a span: use e.g. 7d, 6w, 3m or 6y")
    duration_days(text)  # refuses spans of centuries with the same message as everywhere else
    return text.strip().lower()


def cutoff(text: str, on: dt.date | None = None) -> str:
    """The ISO date ``text`` before ``on`` (today): years are calendar years, so 6y is exact."""
    on = on or today()
    try:
        return _before(text, on).isoformat()
    except (ValueError, OverflowError):
        raise CommandError(f"{text} before {on.isoformat()} is before the year 1: check --on and the span") from None


MIN_RETENTION = "1y"
_SPAN = re.compile(r"\s*(\d+)\s*([dwmy])\s*")


def retention_span(text: str) -> str:
    """argparse type: a retention span with its unit ('400d', '60w', '18m', '6y'); a bare
    number is refused (it was once taken as days). Turned into a date by ``retention_cutoff``."""
    if not _SPAN.fullmatch(text.lower()):
        raise argparse.ArgumentTypeError(f"'{text}' is not a span with its unit: use e.g. 6y (years), 18m (months), 60w or 400d")
    duration_days(text)  # refuses spans of centuries with the same message as everywhere else
    return re.sub(r"\s+", "", text.lower())


def retention_cutoff(text: str, on: dt.date) -> str:
    """The ISO date ``text`` (a ``retention_span``) before ``on``: years and months are calendar ones, so 6y is exact.

    Raises CommandError for a span shorter than ``MIN_RETENTION`` (no record is kept less than a
    year) or one reaching before the year 1.
    """
    try:
        before = _calendar_before(text, on)
        floor = _calendar_before(MIN_RETENTION, on)
    except (ValueError, OverflowError):
        raise CommandError(f"{text} before {on.isoformat()} is before the year 1: check --on and the span") from None
    if before > floor:
        raise CommandError(f"--older-than {text} is under {MIN_RETENTION}: a purge never deletes records less than a year old")
    return before.isoformat()


def _calendar_before(text: str, on: dt.date) -> dt.date:
    number, unit = _SPAN.fullmatch(text).groups()
    number = int(number)
    if unit in "ym":
        months = on.year * 12 + on.month - 1 - number * (12 if unit == "y" else 1)
        year, month = divmod(months, 12)
        return _day_in_month(year, month + 1, on.day)
    return on - dt.timedelta(days=number * (7 if unit == "w" else 1))


def _before(text: str, on: dt.date) -> dt.date:
    match = re.fullmatch(r"(\d+)\s*y", text)
    if match:
        years = int(match.group(1))
        try:
            return on.replace(year=on.year - years)
        except ValueError:  # 29 February (a year before 1 also lands here and fails again)
            return on.replace(year=on.year - years, day=28)
    return on - dt.timedelta(days=duration_days(text))


def _day_in_month(year: int, month: int, day: int) -> dt.date:
    """``day`` of that month, or its last day (31 March less a month is 28 or 29 February)."""
    while True:
        try:
            return dt.date(year, month, day)
        except ValueError:
            if day <= 28:
                raise
            day -= 1
