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


def _before(text: str, on: dt.date) -> dt.date:
    match = re.fullmatch(r"(\d+)\s*y", text)
    if match:
        years = int(match.group(1))
        try:
            return on.replace(year=on.year - years)
        except ValueError:  # 29 February (a year before 1 also lands here and fails again)
            return on.replace(year=on.year - years, day=28)
    return on - dt.timedelta(days=duration_days(text))
