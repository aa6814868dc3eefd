"""Choose an earlier answer to change; the flow then asks that question again."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from guidance.tui.screens.first_field import FirstFieldScreen


class PickAnswer(FirstFieldScreen, ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="pick_answer.cancel")]
    FIRST_FIELD = "#answers"  # the answers, not the scrolling dialog around them, with the keys typed as it opens

    def __init__(self, rows: list[dict]):
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide"):
            yield Label("Which answer do you want to change?")
            yield OptionList(
                *[Option(Text.assemble((row["question"], "bold"), "\n", str(row["answer"])), id=row["node"]) for row in self.rows],
                id="answers",
            )

    def on_mount(self) -> None:
        answers = self.query_one("#answers", OptionList)
        if answers.option_count:
            answers.highlighted = 0

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
