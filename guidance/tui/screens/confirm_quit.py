"""Ctrl+Q with a call open or a letter not saved: say so before closing (the call stays open,
the letter's draft is kept, and both are offered back on the next start)."""

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

    def __init__(self, reference: str | None, letters: list[str] = ()):
        """``reference``: the open call's (None: no call); ``letters``: titles of letters not saved."""
        super().__init__()
        self.reference = reference
        self.letters = list(letters)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            if self.reference is not None:
                yield Static(f"Call {self.reference} is still open.", classes="info-heading")
                yield Static("If you quit now, its notes are kept and the call is offered back next time "
                             "you open guidance. To finish it properly, end the call first.")
            if self.letters:
                names = ", ".join(f"'{title}'" for title in self.letters)
                kind = "letter is" if len(self.letters) == 1 else "letters are"
                yield Static(f"The {kind} not saved: {names}.", classes="info-heading", id="unsaved-letters")
                yield Static("If you quit now, what you typed is kept and offered back next time you open "
                             "guidance. To finish it, stay and save it (Ctrl+S).")
            with Horizontal(classes="buttons"):
                if self.reference is not None:
                    yield Button("End the call first", id="end", variant="primary")
                    yield Button("Quit, keep the call open", id="quit")
                    yield Button("Stay", id="stay")
                else:
                    yield Button("Stay and save it", id="stay", variant="primary")
                    yield Button("Quit, keep what I typed", id="quit")

    def on_mount(self) -> None:
        self.query_one("#end" if self.reference is not None else "#stay", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "stay" else event.button.id)

    def action_stay(self) -> None:
        self.dismiss(None)
