"""Ask for a date (1/4/2026, 1 April 2026 or 2026-04-01), validated as it is typed."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from guidance.content.formatting import long_date
from guidance.tui.screens.first_field import FirstFieldScreen
from guidance.tui.validators import DateValidator, parse_date


class DatePrompt(FirstFieldScreen, ModalScreen[dt.date | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="date.cancel")]
    FIRST_FIELD = "#date-input"  # the field, not the scrolling dialog around it, with the keys typed as it opens

    def __init__(self, question: str, value: dt.date):
        super().__init__()
        self.question = question
        self.value = value

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Label(self.question)
            yield Input(long_date(self.value), placeholder="e.g. 1/4/2026 or 1 April 2026", validators=[DateValidator(self.app.today)], id="date-input")
            yield Label("", id="date-error", classes="error")

    @on(Input.Changed)
    def show_problem(self, event: Input.Changed) -> None:
        result = event.validation_result
        message = "" if result is None or result.is_valid else result.failure_descriptions[0]
        self.query_one("#date-error", Label).update(message)

    def take_typing(self, event) -> bool | None:
        """Enter gives the date as the key is handed out (the app calls this first): the keys
        typed straight after it go to the screen under the prompt, never into the closing field
        (Textual acts on Enter only after the keys typed after it reached the field)."""
        if event.key == "enter" and self.focused is self.query_one("#date-input", Input):
            field = self.focused
            self.act_when_typed(lambda: self.give(field.value))
            return True
        return None

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        self.give(event.value)

    def give(self, text: str) -> None:
        """The date typed, if it is one (the field says what is wrong otherwise)."""
        value = parse_date(text, self.app.today)
        if value is not None:
            self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)
