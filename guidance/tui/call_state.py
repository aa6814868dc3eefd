"""The call in progress: started by the officer, fed by every page, flow, calculation and letter.

The app owns one of these; the call panels on each screen show it. ``call`` is the record as last
read from the call store (the app's workers write every change straight away and read it back),
so closing the app mid-call loses nothing and drawing the panel never waits for the database.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from guidance.records.calls import Call


@dataclass
class CallState:
    call: Call
    notes: str = ""
    #: The key dates worked out in this call, by run (a calculation run or a flow session; the
    #: last result of each run): ``[(date, what it is), ...]``, for Ctrl+T on any screen.
    key_dates: dict[str, list] = field(default_factory=dict)

    def all_key_dates(self) -> list:
        """Every key date worked out in the call, by date, each once."""
        return sorted(set(day for dates in self.key_dates.values() for day in dates))

    @classmethod
    def of(cls, call: Call) -> "CallState":
        return cls(call, call.notes)

    @property
    def call_id(self) -> str:
        return self.call.id

    @property
    def reference(self) -> str:
        return self.call.caller_ref



def new_run() -> str:
    """A fresh id for one calculation run (a calculator screen opened): its results recorded
    again replace its entry in the call, while another run gets an entry of its own. A flow's
    run is its session id."""
    return "calc-" + secrets.token_hex(6)
