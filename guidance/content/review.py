"""Pages due for review: one window and one rule for ``guidance content review-due`` and the app.

A page is overdue when its ``review_by`` date has passed, and due soon when it falls within
the window ahead (30 days unless asked otherwise).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: How far ahead "due soon" looks, in days, unless a team leader asks for another span.
REVIEW_WINDOW_DAYS = 30


@dataclass(frozen=True)
class Due:
    page_id: str
    title: str
    review_by: dt.date
    owner: str
    path: str
    overdue: bool


def review_limit(on: dt.date, within: int = REVIEW_WINDOW_DAYS) -> dt.date:
    """The last day counted as due soon (the end of time near the year 9999)."""
    try:
        return on + dt.timedelta(days=within)
    except OverflowError:
        return dt.date.max


def due_for_review(base, on: dt.date, within: int = REVIEW_WINDOW_DAYS) -> list[Due]:
    """Pages to review by ``on + within`` days, overdue first, then soonest first."""
    limit = review_limit(on, within)
    pages = sorted((p for p in base.pages.values() if p.meta.review_by <= limit), key=lambda p: (p.meta.review_by, p.id))
    return [Due(p.id, p.meta.title, p.meta.review_by, p.meta.owner, p.path, p.meta.review_by < on) for p in pages]
