"""My calls: this officer's recent calls with their case notes, to copy or reopen."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from guidance.tui.messages import ReportsFailures
from guidance.tui.screens.resume import call_line


class MyCalls(ReportsFailures, Screen):
    OFFICER_TOOL = "my_calls"  # see GuidanceApp.action_toggle_mode

    BINDINGS = [
        Binding("escape", "back", "Back", id="my_calls.back"),
        Binding("ctrl+c", "copy", "Copy note", id="my_calls.copy", show=False),
    ]

    def __init__(self):
        super().__init__()
        self.calls: dict = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="my-calls"):
            yield OptionList(Option("Loading your calls…", disabled=True), id="my-calls-list")
            yield TextArea("", id="my-call-note", read_only=True, soft_wrap=True)
            with Horizontal(classes="buttons"):
                yield Button("Copy case note", id="my-call-copy", variant="primary", compact=True)
                yield Button("Reopen call", id="my-call-reopen", compact=True)
                yield Button("Back", id="my-call-back", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "My calls"
        self.query_one("#my-calls-list", OptionList).focus()
        self.load_calls()

    @work(thread=True, exclusive=True, exit_on_error=False, name="list your calls")
    def load_calls(self) -> None:
        calls = self.app.services.my_recent_calls()
        self.app.call_from_thread(self._show, calls)

    def on_worker_state_changed(self, event) -> None:
        """The list never keeps "Loading your calls…" when they cannot be listed."""
        from textual.worker import WorkerState

        if event.state == WorkerState.ERROR and event.worker.name == "list your calls":
            listing = self.query_one("#my-calls-list", OptionList)
            listing.clear_options()
            listing.add_option(Option("Your calls cannot be listed now (see the notice). Esc goes back.", disabled=True))
        super().on_worker_state_changed(event)

    def _show(self, calls: list) -> None:
        self.calls = {call.id: call for call in calls}
        listing = self.query_one("#my-calls-list", OptionList)
        listing.clear_options()
        if not calls:
            listing.add_option(Option("No calls yet. F4 starts one.", disabled=True))
            return
        for call in calls:
            listing.add_option(Option(call_line(call), id=call.id))
        listing.highlighted = 0

    def _note(self, call) -> str:
        from guidance.records.casenote import case_note

        return call.case_note or case_note(call)

    @on(OptionList.OptionHighlighted, "#my-calls-list")
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        call = self.calls.get(event.option.id or "")
        if call is not None:
            self.query_one("#my-call-note", TextArea).load_text(self._note(call))
            self.query_one("#my-call-reopen", Button).label = "Carry on with call" if call.status == "open" else "Reopen call"

    def _chosen(self):
        listing = self.query_one("#my-calls-list", OptionList)
        if listing.highlighted is None:
            return None
        return self.calls.get(listing.get_option_at_index(listing.highlighted).id or "")

    @on(Button.Pressed, "#my-call-copy")
    def action_copy(self) -> None:
        call = self._chosen()
        if call is not None:
            self.app.copy_to_clipboard(self._note(call))
            self.notify("Case note copied")

    @on(OptionList.OptionSelected, "#my-calls-list")
    @on(Button.Pressed, "#my-call-reopen")
    def reopen(self) -> None:
        call = self._chosen()
        if call is None:
            return
        if self.app.call is not None:
            self.notify("End the call you are on (F8) before reopening another.", severity="warning")
            return
        self._reopen(call.id)

    @work(thread=True, exit_on_error=False, name="reopen the call")
    def _reopen(self, call_id: str) -> None:
        calls = self.app.services.calls()
        calls.reopen(call_id)
        call = calls.get(call_id)
        self.app.call_from_thread(self._reopened, call)

    def _reopened(self, call) -> None:
        self.app.pop_screen()
        self.app.resume_call(call)

    @on(Button.Pressed, "#my-call-back")
    def action_back(self) -> None:
        self.app.pop_screen()
