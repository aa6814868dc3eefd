"""The call notes on a screen that has no call panel (a calculator, a letter, my calls, the
glossary...): Ctrl+N or F4 opens them over the screen, typed notes are saved to the call as the
panel saves them, and Esc goes back to the field the officer was in."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from guidance.tui.screens.first_field import FirstFieldScreen


class CallNotesDialog(FirstFieldScreen, ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "Back", id="call_notes.close"),
        Binding("ctrl+n", "close", "Back", id="call_notes.again", show=False),
    ]
    FIRST_FIELD = "#call-notes"  # focused as it opens, with the keys typed meanwhile

    def compose(self) -> ComposeResult:
        state = self.app.call
        with VerticalScroll(classes="dialog wide"):
            yield Label(f"Call {state.reference}: notes (Esc goes back)", classes="info-heading")
            yield TextArea(state.notes, id="call-notes", soft_wrap=True, show_line_numbers=False)

    def on_mount(self) -> None:
        notes = self.query_one("#call-notes", TextArea)
        notes.move_cursor(notes.document.end)  # what is typed next follows the notes so far

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        state = self.app.call
        if state is not None and event.text_area.text != state.notes:
            self.app.save_call_notes(event.text_area.text)

    def action_close(self) -> None:
        self.dismiss(None)
