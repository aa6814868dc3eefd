"""The sessions store interface: what the flows need from storage, whatever the database.

SQLite (one officer's or recipient's machine) implements it today; a council's shared PostgreSQL
can implement the same methods later. Values arrive already encoded as JSON text, so a store
never needs to know about dates, decimals or flows.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass

ACTIVE = "active"
FINISHED = "finished"
STATUSES = (ACTIVE, FINISHED)
MODES = ("officer", "recipient")  # who a session was run for; one without a mode is the officer's


class StoreError(RuntimeError):
    """Storage failed (disk full, unreadable database): the message says what to do."""


class UnknownSession(LookupError):
    """No session with that id."""


@dataclass(frozen=True)
class SessionRecord:
    id: str
    flow_id: str
    flow_version: int
    content_release: str
    on: dt.date
    status: str
    state: str  # JSON: trail, kept answers, results
    label: str | None
    started_at: str
    updated_at: str
    steps: int
    mode: str = "officer"  # the mode it was run in: "officer" or "recipient"


@dataclass(frozen=True)
class Event:
    """One thing done in a session, in order: an answer, a step back, a change, a finish."""

    seq: int
    kind: str
    node: str | None
    value: str | None  # JSON text
    flow_version: int
    at: str


class SessionStore(ABC):
    """Every write is one transaction: the event and the session's new state together."""

    @abstractmethod
    def create(self, flow_id: str, flow_version: int, content_release: str, on: dt.date, state: str, label: str | None = None,
               origin: dict | None = None, mode: str = "officer") -> SessionRecord:
        """``mode``: one of MODES (ValueError otherwise)."""

    @abstractmethod
    def record(self, session_id: str, kind: str, node: str | None, value: str | None, state: str, *, status: str = ACTIVE, flow_version: int | None = None) -> None:
        """Append an event and replace the session state, atomically."""

    @abstractmethod
    def get(self, session_id: str) -> SessionRecord:
        """Raises UnknownSession."""

    @abstractmethod
    def events(self, session_id: str) -> list[Event]:
        ...

    @abstractmethod
    def list(self, status: str | None = None, flow_id: str | None = None, mode: str | None = None) -> list[SessionRecord]:
        """Most recently updated first; only ``mode``'s when given (sessions without a mode are
        the officer's)."""

    @abstractmethod
    def delete(self, session_id: str) -> None:
        """Remove the session and all its events. Raises UnknownSession."""

    @abstractmethod
    def close(self) -> None:
        ...

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
