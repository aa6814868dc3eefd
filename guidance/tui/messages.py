"""Messages the app and its screens pass (messages go up and across; method calls go down).

Work that touches the records database or files runs in worker threads; a worker posts what it
found (``CallChanged``, ``OpenWorkFound``) or what went wrong (``Failed``) up to the app, and the
app's one handler turns a failure into a notice while everything else keeps working.
"""

from __future__ import annotations

from textual.message import Message


class ContentReady(Message):
    """The content base has loaded."""


class SearchReady(Message):
    """The search index is open."""


class ModeChanged(Message):
    """Officer/recipient mode switched."""


#: Worker groups that run without anyone asking just then (lists refreshed, open work looked
#: for, notes saved as typed): their failure is not reported again when a failure with the
#: same cause has just been (one notice, not a stack).
BACKGROUND_GROUPS = frozenset({"recent", "open-work", "call-notes"})


class Failed(Message):
    """Something a worker was doing failed: ``what`` it was doing (e.g. "save the letter");
    ``background``: work nobody asked for just then (see ``BACKGROUND_GROUPS``)."""

    def __init__(self, what: str, error: BaseException, background: bool = False) -> None:
        super().__init__()
        self.what = what
        self.error = error
        self.background = background


class CallChanged(Message):
    """The open call as the records now hold it (``call`` is None when it has ended)."""

    def __init__(self, call) -> None:
        super().__init__()
        self.call = call


class OpenWorkFound(Message):
    """On start: this officer's calls left open, unfinished guided help, and letters written
    outside a call and never saved (``letters``: ``StandaloneDraft``), to offer back."""

    def __init__(self, calls: list, sessions: list, letters: list = (), mode: str = "officer") -> None:
        super().__init__()
        self.mode = mode  # the mode it was looked for in: stale once the mode has changed
        self.calls = calls
        self.sessions = sessions
        self.letters = list(letters)


RECORDS_UNREACHABLE = "The records database cannot be reached"


def failure_text(what: str, error: BaseException) -> str:
    """A failure in plain words for a notice: what could not be done and why, never a traceback."""
    from guidance.records.store import StoreError

    if isinstance(error, StoreError):  # one short line: the connection error is for 'guidance db status'
        return f"{RECORDS_UNREACHABLE}: could not {what}. Search, pages and calculators still work. Details: guidance db status"
    if isinstance(error, PermissionError):
        return f"Could not {what}: no permission to write to {error.filename or 'that folder'}."
    if isinstance(error, OSError):
        said = str(error.strerror or error)
        where = f" ({error.filename})" if error.filename and str(error.filename) not in said else ""
        return f"Could not {what}: {error.strerror or error}{where}."
    return f"Could not {what}: {error}"


def failure_cause(error: BaseException) -> str:
    """What went wrong, whatever was being done: failures with the same cause get one notice."""
    return f"{type(error).__name__}: {error}"


class ReportsFailures:
    """Mixin for screens: a worker of the screen that raised posts ``Failed`` up to the app's one
    handler (name each worker for what it does: ``@work(..., name="save the letter")``)."""

    def on_worker_state_changed(self, event) -> None:
        from textual.worker import WorkerState

        if event.state == WorkerState.ERROR:
            worker = event.worker
            self.app.post_message(Failed(worker.name or "finish that", worker.error, worker.group in BACKGROUND_GROUPS))
