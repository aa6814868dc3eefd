"""The call in progress: started by the officer, fed by every page, flow and letter opened.

The app owns one of these; the call panels on each screen show it. Every change goes straight to
the call store, so closing the app mid-call loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from guidance.records.calls import Call, CallStore


@dataclass
class CallState:
    store: CallStore
    call_id: str
    notes: str = ""

    @classmethod
    def start(cls, store: CallStore, caller_ref: str, release: str) -> "CallState":
        return cls(store, store.start(caller_ref, release))

    def record(self, kind: str, item_id: str, title: str, version) -> None:
        self.store.add_item(self.call_id, kind, item_id, title, None if version is None else str(version))

    def save_notes(self, notes: str) -> None:
        self.notes = notes
        self.store.save_notes(self.call_id, notes)

    @property
    def call(self) -> Call:
        return self.store.get(self.call_id)
