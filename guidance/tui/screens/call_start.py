"""Start a call: ask for the caller's reference (a case or person number, never a name).

The reference is checked against the council's pattern (``content/references.yaml``) and
anything that looks like a name, address or NI number is refused before anything is stored.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from guidance.tui.screens.first_field import FirstFieldScreen


class CallStart(FirstFieldScreen, ModalScreen[str | None]):
    """Returns the reference, checked and tidied, or None (cancelled). The reference field has
    the focus from the start: a reference typed straight after F4 is kept whole."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="call_start.cancel")]
    #: F4 here would start a second call over this one (see ``call_keys``).
    CALL_KEY_NOTICES = {"call": "A call is being started here: type the reference and press Enter (Esc cancels)."}

    def compose(self) -> ComposeResult:
        example = self.app.services.reference_pattern().example
        with VerticalScroll(classes="dialog"):
            yield Static("Start a call", classes="info-heading")
            yield Static(f"Type the caller's case or person number (e.g. {example}). Never a name: "
                         "the reference goes on the case note, letters and records.", id="call-prompt")
            yield Input(placeholder=f"e.g. {example}", id="caller-ref")
            yield Static("", id="call-error", classes="error")
            yield Static("Enter starts the call · Esc cancels", classes="help")

    def take_typing(self, event) -> bool | None:
        """Enter starts the call as the key is handed out (the app calls this first): the
        caller's question typed straight after it goes to the search box, never into the closing
        reference field (Textual acts on Enter only after the keys typed after it reached the field)."""
        if event.key == "enter" and self.focused is self.query_one("#caller-ref", Input):
            field = self.focused
            self.act_when_typed(lambda: self.give(field.value))
            return True
        return None

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        self.give(event.value)

    def give(self, text: str) -> None:
        """Start the call with the reference ``text``, or say why it cannot be used."""
        try:
            reference = self.app.services.check_reference(text)
        except ValueError as exc:
            self.query_one("#call-error", Static).update(str(exc))
            return
        self.dismiss(reference)

    @on(Input.Changed)
    def clear_problem(self) -> None:
        """The reference changed: its old problem goes (Enter checks it again)."""
        self.query_one("#call-error", Static).update("")

    def action_cancel(self) -> None:
        self.dismiss(None)
