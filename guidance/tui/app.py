"""The guidance app: search, pages, guided flows, letters and call notes, keyboard first.

The first screen appears at once; loading the content and opening the search index run in a
worker thread behind a visible indicator, so an officer can start typing while a caller talks.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive

from guidance.tui.commands import CalculatorCommands, FlowCommands, LetterCommands, PageCommands
from guidance.tui.messages import ContentReady, ModeChanged, SearchReady
from guidance.tui.screens.account import AccountCommands
from guidance.tui.services import Services
from guidance.tui.theme import HIGH_CONTRAST

MODES = ("officer", "recipient")


class GuidanceApp(App):
    """One app for the call, the checklist and the content."""

    CSS_PATH = "app.tcss"
    TITLE = "guidance"
    COMMANDS = App.COMMANDS | {PageCommands, FlowCommands, CalculatorCommands, LetterCommands, AccountCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        Binding("f2", "toggle_mode", "Mode", id="toggle_mode"),
        Binding("f3", "toggle_contrast", "Contrast", id="toggle_contrast"),
        Binding("f4", "call", "Call", id="call"),
        Binding("f8", "end_call", "End call", id="end_call"),
        Binding("f9", "team_view", "Team", id="team_view"),
    ]

    mode: reactive[str] = reactive("officer")
    ready: reactive[bool] = reactive(False)

    def __init__(self, root: Path, today: dt.date, mode: str = "officer", build_index: bool = True):
        super().__init__()
        self.services = Services(Path(root), today)
        self.set_reactive(GuidanceApp.mode, mode if mode in MODES else "officer")
        self.build_index = build_index
        self.last_theme = "textual-dark"
        self.call = None  # CallState while an officer is on a call
        self.show_call_panel = True

    @property
    def today(self) -> dt.date:
        return self.services.today

    def get_default_screen(self):
        """The home screen is the app's base screen (no empty screen mounted first)."""
        from guidance.tui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        self.sub_title = f"{self.mode} mode"
        self.call_after_refresh(self.load_everything)  # paint the first screen, then load

    @work(thread=True, exclusive=True, group="load")
    def load_everything(self) -> None:
        """Content first (fast, from cache), then the search index (slow the first time)."""
        base = self.services.load_content()
        self.call_from_thread(self._content_ready, base)
        if self.build_index:
            try:
                self.services.open_search()
            except Exception as exc:  # the app stays usable for browsing without search
                self.call_from_thread(self.notify, f"Search is not available: {exc}", severity="error")
                return
            self.call_from_thread(self._search_ready)

    def _content_ready(self, base) -> None:
        self.ready = True
        errors = len(base.problems.errors)
        core = base.core_errors()
        if core:  # say so on the first screen: pages would fail one by one without a reason
            self.notify(
                f"The content is broken and figures cannot be shown: {core[0]}. F9 lists every problem.",
                title="Content broken", severity="error", timeout=120,
            )
        elif errors:
            self.notify(f"{errors} content problems: see the team-leader view", severity="warning")
        self.screen.post_message(ContentReady())

    def _search_ready(self) -> None:
        self.screen.post_message(SearchReady())

    def watch_mode(self, mode: str) -> None:
        self.sub_title = f"{mode} mode"

    def action_toggle_mode(self) -> None:
        self.mode = "recipient" if self.mode == "officer" else "officer"
        self.notify(f"Now in {self.mode} mode")
        self.screen.post_message(ModeChanged())

    def action_toggle_contrast(self) -> None:
        if self.theme == HIGH_CONTRAST.name:
            self.theme = self.last_theme
        else:
            self.last_theme = self.theme
            self.theme = HIGH_CONTRAST.name

    def action_team_view(self) -> None:
        from guidance.tui.screens.team import TeamScreen

        if self.services.base is not None and not isinstance(self.screen, TeamScreen):
            self.push_screen(TeamScreen())

    def open_calculator(self, name: str) -> None:
        from guidance.tui.screens.calculator import CalculatorScreen

        if self.services.base is not None:
            self.push_screen(CalculatorScreen(name))

    def start_flow(self, flow_id: str) -> None:
        from guidance.tui.screens.flow import FlowScreen

        self.push_screen(FlowScreen(flow_id=flow_id))

    def resume_session(self, session_id: str) -> None:
        from guidance.tui.screens.flow import FlowScreen

        self.push_screen(FlowScreen(session_id=session_id))

    # -- calls -----------------------------------------------------------------------------

    def action_call(self) -> None:
        """F4: start a call, or hide/show the call panel while one is on."""
        from guidance.tui.screens.call_start import CallStart

        if self.call is not None:
            self.show_call_panel = not self.show_call_panel
            self.refresh_call_panels()
            return
        if self.services.base is None:
            return

        def started(reference: str | None) -> None:
            if reference:
                from guidance.tui.call_state import CallState

                self.call = CallState.start(self.services.calls(), reference, self.services.base.manifest.release)
                self.show_call_panel = True
                self.refresh_call_panels()
                self.notify(f"Call started: {reference}. F8 ends it.")

        self.push_screen(CallStart(), started)

    def action_end_call(self) -> None:
        from guidance.records.casenote import case_note
        from guidance.tui.screens.case_note import CaseNoteScreen

        if self.call is None:
            self.notify("No call is on. F4 starts one.")
            return
        note = case_note(self.call.call, self.call.notes)

        def ended(choice: str | None) -> None:
            if choice is None:
                return
            state, self.call = self.call, None
            state.store.finish(state.call_id, case_note(state.call, state.notes))
            self.refresh_call_panels()
            if choice == "letter":
                self.open_letter("advice-follow-up", call=state.call)

        self.push_screen(CaseNoteScreen(note), ended)

    def record_use(self, kind: str, item_id: str, title: str, version) -> None:
        """Note a page, flow, calculation or letter in the call record, if a call is on."""
        if self.call is not None:
            self.call.record(kind, item_id, title, version)
            self.refresh_call_panels()

    def refresh_call_panels(self) -> None:
        sync = getattr(self.screen, "sync_call_panel", None)
        if sync is not None:
            sync()

    def open_letter(self, template_id: str, session_id: str | None = None, call=None) -> None:
        """Open the letter screen, filled from a finished flow session or the call just ended."""
        from guidance.tui.screens.letter import LetterScreen

        if template_id not in self.services.letters().templates:
            self.notify(f"No letter template '{template_id}'", severity="error")
            return
        prefill = {}
        if session_id:
            from guidance.letters.compose import LetterError

            try:
                prefill = self.services.session_letter_values(template_id, session_id)
            except LetterError as exc:  # a session that cannot fill the letter still lets you write it
                self.notify(f"Some details could not be filled in: {exc}", severity="warning")
        if call is not None:
            prefill.update(call_letter_values(call, self.services.base))
        self.push_screen(LetterScreen(template_id, prefill, session_id))

    def open_page(self, page_id: str) -> None:
        """Open a page by id (from search, links, the palette or a flow)."""
        from guidance.tui.screens.page import PageScreen

        base = self.services.base
        if base is None or page_id not in base.pages:
            self.notify(f"No page '{page_id}'", severity="error")
            return
        page = base.pages[page_id]
        self.record_use("page", page_id, page.meta.title, page.meta.version)
        self.push_screen(PageScreen(page_id))


def call_letter_values(call, base) -> dict:
    """What a call record can fill in on the follow-up letter: reference, date, the guides used."""
    pages = [item.item_id for item in call.items if item.kind == "page" and item.item_id in base.pages]
    values = {"reference": call.caller_ref, "call_date": call.started_at[:10]}
    if pages:
        values["pages"] = list(dict.fromkeys(pages))
    return values


def run_app(args) -> int:
    """Entry point used by ``guidance`` with no command."""
    from guidance.commands.common import today
    from guidance.content.roots import resolve_root

    root = resolve_root(getattr(args, "root", None))
    GuidanceApp(root, today()).run()
    return 0
