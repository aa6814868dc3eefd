"""The glossary on demand: plain meanings of the terms on the page (or all of them)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown


class GlossaryScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "close", "Close", id="glossary.close"), Binding("g", "close", show=False)]

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
