"""Start a call: ask for the caller's reference (a case number, never a name)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class CallStart(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="call_start.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Start a call. Caller reference (case or person number, not a name):")
            yield Input(placeholder="e.g. ASC-104233", id="caller-ref")
            yield Label("", id="call-error", classes="error")

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if not value:
            self.query_one("#call-error", Label).update("Type a reference so the record can be found later.")
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)
