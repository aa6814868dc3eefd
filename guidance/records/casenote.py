"""The case note an officer pastes into the council's case system at the end of a call.

Plain text, no markup: case systems take it as typed. It names every page and flow used with its
version and the content release, so anyone can later see exactly what advice was given.
"""

from __future__ import annotations

from guidance.records.calls import Call

_KIND_WORDS = {"page": "Page", "flow": "Guided help", "calculator": "Calculation", "letter": "Letter"}


def _when(call: Call) -> str:
    day = call.started_at[:10]
    start = call.started_at[11:16]
    end = (call.ended_at or "")[11:16]
    return f"{day} {start}" + (f" to {end}" if end else "") + " (UTC)"


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
    seen = set()
    for item in call.items:
        key = (item.kind, item.item_id, item.version)
        if key in seen:
            continue
        seen.add(key)
        version = f", version {item.version}" if item.version else ""
        lines.append(f"- {_KIND_WORDS.get(item.kind, item.kind)}: {item.title} ({item.item_id}{version})")
    return "\n".join(lines) + "\n"
