"""End of call: the case note to copy into the council's case system, and a follow-up letter."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea


class CaseNoteScreen(ModalScreen[str | None]):
    """Returns "close", "letter" (close and write the follow-up letter) or None (keep the call).

    The dialog scrolls, so its buttons are always reachable at 80×24."""

    BINDINGS = [Binding("escape", "keep", "Back to the call", id="case_note.keep")]
    #: The call is ending here: its notes are in the case note shown (see ``call_keys``).
    CALL_KEY_NOTICES = {
        "end_call": "This call is ending: choose End call here, or Back (Esc) to carry on with it.",
        "call_notes": "The case note holds the notes as they are: Back (Esc) to the call to add to them.",
    }

    def __init__(self, note: str):
        super().__init__()
        self.note = note

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide", id="case-note-dialog"):
            yield Static("Case note: copy it into the case system", classes="info-heading")
            yield TextArea(self.note, id="case-note", read_only=True, soft_wrap=True)
            with Horizontal(classes="buttons"):
                yield Button("Copy", id="copy", variant="primary")
                yield Button("End call", id="close")
                yield Button("End call, write letter", id="letter")
                yield Button("Back", id="keep")

    def on_mount(self) -> None:
        self.query_one("#copy", Button).focus()

    @on(Button.Pressed, "#copy")
    def copy(self) -> None:
        self.app.copy_to_clipboard(self.note)
        self.notify("Case note copied")

    @on(Button.Pressed, "#close")
    def close_call(self) -> None:
        self.dismiss("close")

    @on(Button.Pressed, "#letter")
    def letter(self) -> None:
        self.dismiss("letter")

    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        self.dismiss(None)
