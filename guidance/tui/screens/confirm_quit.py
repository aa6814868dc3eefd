"""Ctrl+Q with a call open: say so before closing (the call stays open and is offered back)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmQuit(ModalScreen[str | None]):
    """Returns "quit", "end" (end the call first) or None (stay)."""

    BINDINGS = [Binding("escape", "stay", "Stay", id="confirm_quit.stay")]

    def __init__(self, reference: str):
        super().__init__()
        self.reference = reference

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(f"Call {self.reference} is still open.", classes="info-heading")
            yield Static("If you quit now, its notes are kept and the call is offered back next time "
                         "you open guidance. To finish it properly, end the call first.")
            with Horizontal(classes="buttons"):
                yield Button("End the call first", id="end", variant="primary")
                yield Button("Quit, keep the call open", id="quit")
                yield Button("Stay", id="stay")

    def on_mount(self) -> None:
        self.query_one("#end", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "stay" else event.button.id)

    def action_stay(self) -> None:
        self.dismiss(None)
