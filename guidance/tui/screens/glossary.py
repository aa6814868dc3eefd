"""The glossary on demand: plain meanings of the terms on the page (or all of them)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from guidance.tui.call_keys import CALL_KEYS


class GlossaryScreen(ModalScreen[None]):
    """A dialog over the page: a dialog takes no app keys, so the call's keys are its own too."""

    BINDINGS = [Binding("escape", "close", "Close", id="glossary.close"), Binding("g", "close", show=False),
                *CALL_KEYS]

    def __init__(self, entries):
        super().__init__()
        self.entries = entries

    def compose(self) -> ComposeResult:
        lines = ["## What the words mean", ""]
        for entry in self.entries:
            also = f" (also: {', '.join(entry.aliases)})" if entry.aliases else ""
            lines.append(f"**{entry.term}**{also}: {entry.definition}\n")
        if not self.entries:
            lines.append("The glossary is empty.")
        with VerticalScroll(classes="dialog wide"):
            yield Markdown("\n".join(lines), id="glossary-text")

    def action_close(self) -> None:
        self.dismiss(None)
