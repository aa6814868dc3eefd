"""Key dates worked out for a person (ET3 due, last day to claim, end of sick pay, review dates)
saved as an iCalendar (.ics) file they or the officer can add to any calendar.

Made with the ``icalendar`` library (RFC 5545). Each date is an all-day event; the reference
(never a name) goes in the description so the event can be matched to the record.
"""

from __future__ import annotations

import datetime as dt
import hashlib

PRODID = "-//guidance//key dates//EN"


def calendar_ics(dates: list[tuple[dt.date, str]], reference: str | None, stamp: dt.datetime) -> bytes:
    """An .ics file with one all-day event per (date, what happens) pair.

    ``stamp``: when the file is made (UTC), for DTSTAMP; passed in so nothing depends on the
    clock here. Raises ValueError when there are no dates.
    """
    from icalendar import Calendar, Event

    if not dates:
        raise ValueError("there are no key dates to save")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    for day, text in sorted(dates):
        event = Event()
        event.add("summary", text)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("dtstamp", stamp.astimezone(dt.timezone.utc))
        event.add("transp", "TRANSPARENT")
        if reference:
            event.add("description", f"Reference: {reference}")
        digest = hashlib.sha256(f"{reference}|{day.isoformat()}|{text}".encode()).hexdigest()[:24]
        event.add("uid", f"{digest}@guidance")
        calendar.add_component(event)
    return calendar.to_ical()
