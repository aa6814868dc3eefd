"""The case note an officer pastes into the council's case system at the end of a call.

Plain text, no markup: case systems take it as typed. It names every page and flow used with its
version and the content release, so anyone can later see exactly what advice was given.
"""

from __future__ import annotations

import datetime as dt

from guidance.records.calls import Call

_KIND_WORDS = {"page": "Page", "flow": "Guided help", "calculator": "Calculation", "letter": "Letter"}
LOCAL_ZONE = "Europe/London"


def local_datetime(utc_text: str | None) -> dt.datetime | None:
    """A stored UTC time ("2026-11-25T14:05:00.000Z") in UK local time (GMT or BST); None if blank."""
    from zoneinfo import ZoneInfo

    if not utc_text:
        return None
    try:
        moment = dt.datetime.fromisoformat(utc_text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(ZoneInfo(LOCAL_ZONE))


def local_words(utc_text: str | None) -> str:
    """A stored UTC time as people read it here (Europe/London), the date in words as
    everywhere in guidance: "25 November 2026, 14:05"; "" if blank or not a time."""
    from guidance.kinds import Date

    moment = local_datetime(utc_text)
    return f"{Date().show(moment.date())}, {moment:%H:%M}" if moment else ""


def _when(call: Call) -> str:
    start = local_datetime(call.started_at)
    end = local_datetime(call.ended_at)
    if start is None:
        return call.started_at
    from guidance.kinds import Date

    day = Date().show
    text = f"{day(start.date())}, {start:%H:%M}"
    if end is not None:
        text += f" to {end:%H:%M}" if end.date() == start.date() else f" to {day(end.date())}, {end:%H:%M}"
    return f"{text} ({start.tzname()}, UK time)"


def case_note(call: Call, notes: str | None = None) -> str:
    """The case note for ``call``; ``notes`` overrides the saved notes (the text box as it is now)."""
    lines = [
        f"Direct payments advice call. Caller reference: {call.caller_ref}.",
        f"When: {_when(call)}.",
        f"Guidance content release: {call.content_release}.",
        "",
        "Notes:",
        (notes if notes is not None else call.notes).strip() or "(none)",
        "",
        "Guidance used:",
    ]
    if not call.items:
        lines.append("- none")
    lines += _item_lines(call.items)
    return "\n".join(lines) + "\n"


def _item_lines(items) -> list[str]:
    """One entry per thing used. A page or letter used again is named once; each flow or
    calculation run (``CallItem.run``) is its own entry, with the time it was worked out (UK
    time) and what it worked out (inputs, figures, key dates), even when two runs came out
    the same."""
    lines, seen = [], set()
    for item in items:
        key = (item.kind, item.item_id, item.version, item.title)
        if item.run is None and key in seen:
            continue
        seen.add(key)
        version = f", version {item.version}" if item.version else ""
        at = local_datetime(item.at) if item.run is not None else None
        when = f", at {at:%H:%M}" if at is not None else ""
        title, *details = item.title.split("\n")
        lines.append(f"- {_KIND_WORDS.get(item.kind, item.kind)}: {title} ({item.item_id}{version}{when})")
        lines += [f"    {detail}" for detail in details if detail.strip()]
    return lines
