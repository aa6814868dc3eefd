"""The guidance app: search, pages, guided flows, letters and call notes, keyboard first.

The first screen appears at once; loading the content and opening the search index run in a
worker thread behind a visible indicator, so an officer can start typing while a caller talks.

The app is a client of the core (``Services``): database and file work runs in worker threads
that post their results and failures up as messages. One handler (``on_failed``) turns any
failure into a notice, so a full disk or an unreachable records database never closes the app.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from textual import events, on, work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.worker import Worker, WorkerState

from guidance.tui.call_keys import over_dialog
from guidance.tui.screens.first_field import act_in_turn
from guidance.tui.commands import AccountCommands, CalculatorCommands, FlowCommands, LetterCommands, PageCommands
from guidance.tui.latest_writes import LatestWrites
from guidance.tui.messages import BACKGROUND_GROUPS, CallChanged, ContentReady, Failed, ModeChanged, OpenWorkFound, SearchReady, failure_cause, failure_text
from guidance.tui.services import Services, load_settings, save_setting
from guidance.tui.theme import HIGH_CONTRAST
from guidance.tui.watchers import app_nodes, drop_gone_watchers

MODES = ("officer", "recipient")
#: Every screen but the first: read when the first of them opens (parsing it before the first
#: frame cost about 6% of the time a bare Textual app takes to show its first screen).
SCREENS_CSS = Path(__file__).with_name("screens.tcss")
REPEAT_NOTICE_SECONDS = 20  # the same failure is not shown again within this time
#: Officers' tools (action -> what it is called): not offered in recipient mode.
OFFICER_ONLY = {
    "call": "Taking a call", "call_panel": "The call panel", "end_call": "Ending a call", "call_notes": "Call notes",
    "call_calendar": "The call's key dates",
    "my_calls": "My calls", "team_view": "The team view", "account_audit": "The account audit",
}
SAME_CAUSE_SECONDS = 20  # background failures with a cause just reported add no notice
#: How often the watchers of widgets that have gone are dropped while no screen is opened (a
#: long stay on one screen whose footer is redrawn as the keys on offer change).
TIDY_SECONDS = 60


class GuidanceApp(App):
    """One app for the call, the checklist and the content."""

    CSS_PATH = "app.tcss"  # the first screen's rules only; the others are in SCREENS_CSS
    TITLE = "guidance"
    COMMANDS = App.COMMANDS | {PageCommands, FlowCommands, CalculatorCommands, LetterCommands, AccountCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True, show=False),
        Binding("f2", "toggle_mode", "Mode", id="toggle_mode", show=False),
        Binding("f3", "toggle_contrast", "Contrast", id="toggle_contrast", show=False),
        # F4 is handled as it is typed (priority), before the keys after it are handed out: the
        # reference typed straight after it goes to the call start dialog, not the search box
        Binding("f4", "call", "Call", id="call", priority=True),
        Binding("f4", "call_panel", "Call panel", id="call_panel", show=False, priority=True),  # during a call
        Binding("f8", "end_call", "End", id="end_call"),
        Binding("f9", "team_view", "Team", id="team_view", show=False),
        Binding("f10", "my_calls", "My calls", id="my_calls", show=False),
        Binding("ctrl+n", "call_notes", "Call notes", id="call_notes", show=False),
        Binding("ctrl+t", "call_calendar", "Calendar", id="call_calendar", show=False),  # during a call
    ]

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # 80×24 first

    mode: reactive[str] = reactive("officer")
    ready: reactive[bool] = reactive(False)

    def __init__(self, root: Path, today: dt.date, mode: str | None = None, build_index: bool = True,
                 offer_open_work: bool = True):
        super().__init__()
        self.services = Services(Path(root), today)
        if mode is None:
            mode = load_settings().get("mode", "officer")  # the mode last used on this machine
        self.set_reactive(GuidanceApp.mode, mode if mode in MODES else "officer")
        self.build_index = build_index
        self.offer_open_work = offer_open_work
        self.last_theme = "textual-dark"
        self.call = None  # CallState while an officer is on a call
        self.show_call_panel = True
        self._notices: dict[str, float] = {}  # notice or cause -> when it was last shown
        self.clock = time.monotonic  # seconds; tests move it on
        self.load_problem: str | None = None  # why the guidance or its search could not be opened
        self.records_unreachable = False  # a notice said so: F4 checks again before asking for a caller
        #: Letters written outside a call and left unsaved, (template id, session id) -> the
        #: ``StandaloneDraft``: opening that letter again carries on with it.
        self.letter_drafts: dict[tuple, object] = {}
        self._notes_writes = LatestWrites()  # (call id, notes) as typed, written in order
        self.open_work: OpenWorkFound | None = None  # found on start, not yet taken back or set aside
        self.open_work_answered: set[str] = set()  # modes whose offer was taken up or set aside

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
        self.set_interval(TIDY_SECONDS, self.drop_gone_watchers, name="drop watchers of widgets gone")

    def push_screen(self, screen, *args, **kwargs):
        """Every screen is pushed over home: read the other screens' styles before the first.
        What the screens closed before left behind is let go first (``drop_gone_watchers``)."""
        self.drop_gone_watchers()
        self.load_screens_css()
        if not isinstance(screen, str):
            self.apply_breakpoints(screen)
        return super().push_screen(screen, *args, **kwargs)

    def drop_gone_watchers(self) -> int:
        """Let go of the widgets that have been removed (closed pages' headers, a redrawn
        footer's old keys) but are still held by Textual's lists of watchers: see
        ``guidance.tui.watchers``. Returns how many were let go."""
        return drop_gone_watchers(app_nodes(self))

    def apply_breakpoints(self, screen) -> None:
        """Give a screen its width class (``-narrow`` below 100 columns) before it is first drawn.

        Textual sets these only when the screen gets a resize event, which in a real terminal may
        come after the first frame: a page at 80 columns then showed its side column beside the
        text until the next resize.
        """
        width = self.size.width
        chosen = [name for least, name in self.HORIZONTAL_BREAKPOINTS if width >= least][-1:]
        for _, name in self.HORIZONTAL_BREAKPOINTS:
            screen.set_class(name in chosen, name)

    def load_screens_css(self) -> None:
        """Add ``screens.tcss`` to the stylesheet, once (parsed on its own; the rules already
        parsed are kept, so this costs only the new file). Rules read later rank exactly as if
        they had been in ``app.tcss``: they are the app's own CSS, not a widget default."""
        if not self.stylesheet.has_source(str(SCREENS_CSS), ""):
            self.stylesheet.read(SCREENS_CSS)

    # -- keys -----------------------------------------------------------------------------

    async def on_event(self, event) -> None:
        """A call key typed on a dialog is the app's to do or refuse (``call_keys.over_dialog``).
        Any other key is given to the screen's ``take_typing`` (if it has one) before it is handed to
        the widget with the focus, so a screen can move the focus for it here, where keys are
        handed out one by one in the order typed (``take_typing`` returning True: it did what the
        key asks, e.g. Enter moving on to the next field, and the key goes no further). Moved later (when a list handles the key),
        the keys typed within the same moment were already queued for the list: some were lost
        or came out of order."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            if isinstance(self.screen, ModalScreen) and over_dialog(self, self.screen, event.key):
                return  # a call key on a dialog: done or said (see call_keys)
            hold_key = getattr(self.screen, "hold_key", None)
            if hold_key is not None and hold_key(event):
                return  # held for the screen's field, after the keys before it (``FirstFieldScreen``)
            take_typing = getattr(self.screen, "take_typing", None)
            if take_typing is not None and take_typing(event) is True:
                return  # the screen did what the key asks, here, in the order typed
            if act_in_turn(self.screen.focused, event.key):
                return  # a text field's own key (Ctrl+U, Backspace), run in its turn (``act_in_turn``)
        await super().on_event(event)

    def action_command_palette(self) -> None:
        """Ctrl+P: the command palette, whose Enter acts on the words typed before it
        (``guidance.tui.palette``)."""
        from textual.command import CommandPalette

        from guidance.tui.palette import Palette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(Palette(id="--command-palette"))

    # -- lists ----------------------------------------------------------------------------

    def on_descendant_focus(self, event) -> None:
        """Any list (OptionList, SelectionList, ListView) that takes the focus with nothing
        highlighted highlights its first item, so Enter works at once, without Down first."""
        from textual.widgets import ListView, OptionList

        widget = event.widget
        if isinstance(widget, OptionList) and widget.highlighted is None and widget.option_count:
            widget.action_first()
        elif isinstance(widget, ListView) and widget.index is None and len(widget):
            widget.index = 0

    # -- failures: one handler --------------------------------------------------------------

    @on(Failed)
    def on_failed(self, message: Failed) -> None:
        """Any failure, from any worker or screen, becomes a notice; the app carries on."""
        if message.background:
            self.show_failure(message.what, message.error, background=True)
        else:
            self.show_failure(message.what, message.error)

    def show_failure(self, what: str, error: BaseException, background: bool = False) -> None:
        """One notice per failure: the same notice is not shown again within
        ``REPEAT_NOTICE_SECONDS``, and background work (``background``) failing for a cause
        reported within ``SAME_CAUSE_SECONDS`` (several workers finding the records database
        unreachable at start) adds no notice: one notice, not a stack. An action someone asked
        for that fails always says what could not be done."""
        from guidance.records.store import StoreError

        text = failure_text(what, error)
        _log_failure(what, error)
        self.records_unreachable = self.records_unreachable or isinstance(error, StoreError)
        cause = failure_cause(error)
        now = self.clock()
        if now - self._notices.get(text, -REPEAT_NOTICE_SECONDS) < REPEAT_NOTICE_SECONDS:
            return
        if background and now - self._notices.get(cause, -SAME_CAUSE_SECONDS) < SAME_CAUSE_SECONDS:
            return
        self._notices[text] = self._notices[cause] = now
        self.notify(text, severity="error", timeout=12)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker of the app's own that raised: a notice, not a crash."""
        if event.state == WorkerState.ERROR:
            self.post_message(Failed(event.worker.name or "finish that", event.worker.error, event.worker.group in BACKGROUND_GROUPS))
            if event.worker.group == "load":  # the home screen's loading line says so too
                self.load_problem = failure_text(event.worker.name, event.worker.error)
                self._tell_home(SearchReady())

    # -- loading ----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load", exit_on_error=False, name="load the guidance")
    def load_everything(self) -> None:
        """Content first (fast, from cache), then the search index (slow the first time), then
        the letter templates."""
        base = self.services.load_content()
        self.call_from_thread(self._content_ready, base)
        if self.offer_open_work:
            self.find_open_work()
        if self.build_index:
            try:
                self.services.open_search()
            except Exception as exc:  # the app stays usable for browsing without search
                self.load_problem = f"Search is not available: {exc}"
                self.call_from_thread(self.notify, self.load_problem, severity="error")
            self.call_from_thread(self._search_ready)  # ready or failed: home's loading line changes
        try:  # the letter templates, read now so opening a letter does not wait on the disk
            self.services.letters()
        except Exception:  # a broken template is reported when a letter is opened
            pass

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
        self._tell_home(ContentReady())

    def _search_ready(self) -> None:
        self._tell_home(SearchReady())

    def _tell_home(self, message) -> None:
        """Loading news goes to the home screen even while another screen is on top of it."""
        if self.screen_stack:
            self.screen_stack[0].post_message(message)

    @work(thread=True, group="open-work", exit_on_error=False, name="look for calls left open")
    def find_open_work(self) -> None:
        """Offered back on start: in officer mode this officer's calls left open (closed app,
        crash) and unfinished guided help; in recipient mode the recipient's unfinished
        checklists only."""
        mode = self.mode
        calls = self.services.my_open_calls() + self.services.my_unsaved_letters() if mode == "officer" else []
        letters = self.services.my_letter_drafts() if mode == "officer" else []
        letters = [(draft, self.services.letter_title(draft.template_id)) for draft in letters]
        sessions = self.services.open_sessions(mode)
        if calls or sessions or letters:
            self.post_message(OpenWorkFound(calls, sessions, letters, mode))

    def on_open_work_found(self, message: OpenWorkFound) -> None:
        """Work left unfinished is offered back without taking a key: a line on the home screen
        says so and Ctrl+O opens the list (``offer_open_work_now``). A window opened by itself
        a moment after start took the first keys typed, meant for the search box."""
        for draft, _title in message.letters:  # opening one of these letters carries on with it
            self.letter_drafts.setdefault((draft.template_id, draft.session_id), draft)
        if self.call is not None or message.mode != self.mode or message.mode in self.open_work_answered:
            return  # a call is open, or it was looked for before a mode switch, or already answered
        self.open_work = message
        self._show_open_work()
        if len(self.screen_stack) > 1:  # already at work (the records were slow): a notice as well
            where = "the Recent tab or F10 (my calls)" if self.mode == "officer" else "the Recent tab"
            self.notify(f"Some work was left unfinished before: {where} takes you back to it.")

    def session_finished(self, session_id: str) -> None:
        """Guided help reached its end (an outcome, the safeguarding exit too): it is no longer
        offered back as unfinished (the home screen's line and Ctrl+O's list)."""
        message = self.open_work
        if message is None or not any(line.id == session_id for line in message.sessions):
            return
        sessions = [line for line in message.sessions if line.id != session_id]
        left = message.calls or sessions or message.letters
        self.open_work = OpenWorkFound(message.calls, sessions, message.letters, message.mode) if left else None
        self._show_open_work()

    def _show_open_work(self) -> None:
        """The home screen's line about work left unfinished, from ``open_work`` as it is now."""
        show = getattr(self.screen_stack[0], "show_open_work", None) if self.screen_stack else None
        if show is not None:
            show(self.open_work)

    def offer_open_work_now(self) -> None:
        """Ctrl+O on the home screen: the work left unfinished, to choose one to carry on with
        (or start fresh: the line saying so then goes)."""
        from guidance.tui.screens.resume import ResumeWork

        message = self.open_work
        if message is None or self.call is not None:
            return

        def chosen(choice) -> None:
            self.open_work = None if choice is None else _without(message, *choice)  # the rest stays offered
            if self.open_work is None:  # answered: the line on the home screen goes
                self.open_work_answered.add(message.mode)  # and is not offered again on a mode switch
            self._show_open_work()
            if choice is None:
                return
            kind, item = choice
            if kind == "letter":
                self.take_back_own_letter(item)
            elif kind == "call" and item.status != "open":
                self.take_back_letter(item)
            elif kind == "call":
                self.resume_call(item)
            else:
                self.resume_session(item)

        self.push_screen(ResumeWork(message.calls, message.sessions, message.letters), chosen)

    # -- modes and looks --------------------------------------------------------------------

    def watch_mode(self, mode: str) -> None:
        self.sub_title = f"{mode} mode"

    def action_toggle_mode(self) -> None:
        if self.mode == "officer":
            tool = next((OFFICER_ONLY[s.OFFICER_TOOL] for s in reversed(self.screen_stack)
                         if getattr(s, "OFFICER_TOOL", None) in OFFICER_ONLY), None)
            if tool is None:  # a letter, guided help or calculator written for officers only
                item = next((s.offered_item for s in reversed(self.screen_stack) if getattr(s, "offered_item", None)
                             and not self.services.offered(*s.offered_item, "recipient")), None)
                tool = item and f"This {'guided help' if item[0] == 'flow' else item[0]}, written for officers,"
            if tool is not None:  # nothing on an officer's screen is lost by a mode switch
                self.notify(f"{tool} is open: close it (Esc) before switching to recipient mode.", severity="warning")
                return
        self.mode = "recipient" if self.mode == "officer" else "officer"
        self.refresh_bindings()
        self.open_work = None  # what was offered is the other mode's: look again for this one's
        self._show_open_work()
        if self.offer_open_work and self.mode not in self.open_work_answered:
            self.find_open_work()
        save_setting("mode", self.mode)
        self.notify(f"Now in {self.mode} mode")
        self.screen.post_message(ModeChanged())  # the screens under it catch up as they come back (shown_mode)

    def action_toggle_contrast(self) -> None:
        if self.theme == HIGH_CONTRAST.name:
            self.theme = self.last_theme
        else:
            self.last_theme = self.theme
            self.theme = HIGH_CONTRAST.name

    def officer_only(self, action: str) -> bool:
        """True, with a notice saying so, when ``action`` is an officer's tool and the app is in
        recipient mode (the caller then does nothing more)."""
        if self.mode != "recipient" or action not in OFFICER_ONLY:
            return False
        self.notify(f"{OFFICER_ONLY[action]} is for officers. F2 switches to officer mode.", severity="warning")
        return True

    def offered(self, kind: str, item_id: str) -> bool:
        """True when the ``kind`` ``item_id`` is offered in this mode; otherwise False, with a
        notice (something written for officers only is never opened in recipient mode)."""
        if self.mode != "recipient" or self.services.offered(kind, item_id, self.mode):
            return True
        self.notify(f"That {kind} is for officers. F2 switches to officer mode.", severity="warning")
        return False

    def on_key(self, event) -> None:
        """A key for an officer's tool, pressed in recipient mode (where it is not offered): say why
        nothing opens."""
        if self.mode == "recipient":
            for binding in self.BINDINGS:
                if binding.key == event.key and binding.action in OFFICER_ONLY:
                    self.officer_only(binding.action)
                    event.stop()
                    return

    def action_team_view(self) -> None:
        from guidance.tui.screens.team import TeamScreen

        if self.officer_only("team_view"):
            return
        if self.services.base is not None and not isinstance(self.screen, TeamScreen):
            self.push_screen(TeamScreen())

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """No officer keys (calls, my calls, the team view) in recipient mode: a recipient does
        not take calls or run the team (``on_key`` says so if one is pressed)."""
        if action in OFFICER_ONLY and self.mode == "recipient":
            return False
        if action in ("end_call", "call_panel", "call_calendar") and self.call is None:
            return False  # shown (and working) only while a call is on
        if action == "call" and self.call is not None:
            return False  # F4 then shows or hides the call panel; the footer keeps its room
        return True

    def open_calculator(self, name: str) -> None:
        from guidance.tui.screens.calculator import CalculatorScreen

        if self.services.base is not None and self.offered("calculator", name):
            self.push_screen(CalculatorScreen(name))

    def start_flow(self, flow_id: str) -> None:
        from guidance.tui.screens.flow import FlowScreen

        if not self.offered("flow", flow_id):
            return
        label = self.call.reference if self.call is not None else None
        self.push_screen(FlowScreen(flow_id=flow_id, label=label))

    def resume_session(self, session_id: str) -> None:
        from guidance.tui.screens.flow import FlowScreen

        self.push_screen(FlowScreen(session_id=session_id))

    # -- quitting ---------------------------------------------------------------------------

    def unsaved_letters(self) -> list:
        """The letter screens open (on top or under others) with typing not saved."""
        from guidance.tui.screens.letter import LetterScreen

        return [screen for screen in self.screen_stack if isinstance(screen, LetterScreen) and screen.unsaved]

    async def action_quit(self) -> None:
        """Ctrl+Q: with a call open or a letter not saved, ask first (the call stays open, the
        letter's draft is kept, and both are offered back on the next start)."""
        from guidance.tui.screens.confirm_quit import ConfirmQuit

        if isinstance(self.screen, ConfirmQuit):
            return
        letters = self.unsaved_letters()
        for letter in letters:  # what was typed in the last moment is kept now, not lost with the app
            letter.keep_draft()
        for screen in self.screen_stack:  # a choice made and not yet recorded (account flags): kept now
            keep = getattr(screen, "keep_before_quit", None)
            if keep is not None:
                keep()
        if self.call is None and not letters:
            self.exit()
            return

        def chosen(choice: str | None) -> None:
            if choice == "quit":
                self.exit()
            elif choice == "end":
                self.action_end_call()

        reference = self.call.reference if self.call is not None else None
        self.push_screen(ConfirmQuit(reference, [letter.title_text for letter in letters]), chosen)

    # -- calls ------------------------------------------------------------------------------

    def action_call_panel(self) -> None:
        """F4 during a call: hide or show the call panel (on a screen without one, the notes)."""
        if self.call is None:
            return
        if not self.has_call_panel(self.screen):
            self.action_call_notes()
            return
        self.show_call_panel = not self.show_call_panel
        self.refresh_call_panels()

    @staticmethod
    def has_call_panel(screen) -> bool:
        from guidance.tui.widgets.call_panel import CallPanelHost

        return isinstance(screen, CallPanelHost)

    def action_call(self) -> None:
        """F4: start a call (during one, F4 is ``call_panel``)."""
        if self.call is not None:
            self.action_call_panel()
            return
        if self.services.base is None:
            return
        if self.records_unreachable:  # say at once why no call can start (or ask if they are back)
            self.check_records_then_ask_for_a_caller()
        else:
            self._ask_for_a_caller()  # at once: the first keys typed after F4 go into the reference

    @work(thread=True, group="call", exit_on_error=False, name="start a call")
    def check_records_then_ask_for_a_caller(self) -> None:
        """F4: the caller's reference is asked for only when the records can be reached (a call
        is recorded there); otherwise the one-line notice says why no call can start."""
        self.services.database()
        self.records_unreachable = False
        self.call_from_thread(self._ask_for_a_caller)

    def _ask_for_a_caller(self) -> None:
        from guidance.tui.screens.call_start import CallStart

        def started(reference: str | None) -> None:
            if reference:
                self.start_call(reference)

        if self.call is None:
            self.push_screen(CallStart(), started)

    @work(thread=True, group="call", exit_on_error=False, name="start the call")
    def start_call(self, reference: str) -> None:
        calls = self.services.calls()
        call_id = calls.start(reference, self.services.base.manifest.release)
        self.post_message(CallChanged(calls.get(call_id)))

    def resume_call(self, call) -> None:
        """Take back a call left open (the app was closed or crashed during it)."""
        from guidance.tui.call_state import CallState

        self.call = CallState.of(call)
        self.show_call_panel = True
        self.refresh_call_panels()
        self.notify(f"Call {call.caller_ref} taken back. F8 ends it.")
        self.offer_drafts(call)

    def on_call_changed(self, message: CallChanged) -> None:
        from guidance.tui.call_state import CallState

        if message.call is None or message.call.status != "open":
            return
        if self.call is None:
            self.call = CallState.of(message.call)
            self.show_call_panel = True
            self.notify(f"Call started: {message.call.caller_ref}. F8 ends it, Ctrl+N goes to the notes.")
        elif self.call.call_id == message.call.id:
            self.call.call = message.call
        self.refresh_call_panels()

    def outside_call(self, reference: str | None) -> bool:
        """Whether work whose source gives its own ``reference`` (a review started from an account
        audit: ``source_reference``) is about another reference than the open call's. Such work
        is not the call's: it is kept out of the call's record, as a letter from an audit is."""
        return (self.call is not None and reference is not None
                and not _same_reference({"reference": reference}, {"reference": self.call.reference}))

    def record_use(self, kind: str, item_id: str, title: str, version, run: str | None = None,
                   dates: list | None = None, reference: str | None = None) -> None:
        """Note a page, flow, calculation or letter in the call record, if a call is on.

        ``title``: first line the item's title; later lines what was worked out (the case note
        keeps them). ``run``: the flow session or calculation run (``call_state.new_run``) it
        records: recorded again, it replaces that run's entry (see ``CallStore.add_item``).
        ``dates``: the key dates it worked out, ``[(date, what it is)]`` (Ctrl+T saves them).
        ``reference``: the reference the item's source gives (``source_reference``); one about
        another reference than the call's is not recorded in the call (``outside_call``)."""
        if self.call is not None and not self.outside_call(reference):
            if dates is not None:
                self.call.key_dates[run or item_id] = list(dates)
            self._record_item(self.call.call_id, kind, item_id, title, None if version is None else str(version), run)

    @work(thread=True, group="call", exit_on_error=False, name="add to the call record")
    def _record_item(self, call_id: str, kind: str, item_id: str, title: str, version: str | None,
                     run: str | None = None) -> None:
        calls = self.services.calls()
        calls.add_item(call_id, kind, item_id, title, version, run=run)
        self.post_message(CallChanged(calls.get(call_id)))

    def save_call_notes(self, notes: str) -> None:
        """Keep the notes as typed with the call at once, in order (``LatestWrites``): a killed
        app loses at most the write under way, and older notes never overwrite newer ones."""
        if self.call is not None:
            self.call.notes = notes
            if self._notes_writes.put((self.call.call_id, notes)):
                self._save_notes()

    @property
    def notes_settled(self) -> bool:
        """No notes write in flight or waiting: the records hold the notes as last typed."""
        return self._notes_writes.settled

    @work(thread=True, group="call-notes", exit_on_error=False, name="save the call notes")
    def _save_notes(self) -> None:
        calls = self.services.calls()
        self._notes_writes.drain(lambda what: calls.save_notes(*what))

    def action_call_calendar(self) -> None:
        """Ctrl+T during a call (where the screen has no key dates of its own): every key date a
        calculator or guided help worked out in the call, as a calendar (.ics) file."""
        if self.call is None:
            self.notify("No call is on. F4 starts one.")
            return
        dates = self.call.all_key_dates()
        if not dates:
            self.notify("No key dates have been worked out in this call yet: a calculator or guided help "
                        "that works out dates adds them.")
            return
        self._save_call_dates(dates, self.call.reference)

    @work(thread=True, group="call", exit_on_error=False, name="save the key dates")
    def _save_call_dates(self, dates: list, reference: str) -> None:
        saved = self.services.save_key_dates(self, dates, reference, "call")
        self.call_from_thread(self.notify, f"Key dates of the call saved for a calendar: {saved}")

    def action_call_notes(self) -> None:
        """Ctrl+N: to the call notes (showing the call panel if it was hidden); on a screen
        without the panel, the notes open over it (Esc goes back)."""
        from guidance.tui.screens.call_notes import CallNotesDialog

        if self.call is None:
            self.notify("No call is on. F4 starts one.")
            return
        if isinstance(self.screen, CallNotesDialog):
            return
        if not self.has_call_panel(self.screen):
            self.push_screen(CallNotesDialog())
            return
        self.show_call_panel = True
        self.refresh_call_panels()
        self.call_after_refresh(self._focus_notes)

    def _focus_notes(self) -> None:
        from guidance.tui.widgets.call_panel import CallPanel

        panels = self.screen.query(CallPanel)
        if panels:
            panels.first().open_notes()

    def action_end_call(self) -> None:
        from guidance.records.casenote import case_note
        from guidance.tui.screens.case_note import CaseNoteScreen

        if self.call is None:
            self.notify("No call is on. F4 starts one.")
            return
        state = self.call
        note = case_note(state.call, state.notes)

        def ended(choice: str | None) -> None:
            if choice is None or self.call is not state:
                return
            self.call = None
            self.refresh_call_panels()
            self._finish_call(state.call_id, state.notes)
            if choice == "letter":
                self.open_letter("advice-follow-up", call=state.call, notes=state.notes)

        self.push_screen(CaseNoteScreen(note), ended)

    @work(thread=True, group="call", exit_on_error=False, name="end the call")
    def _finish_call(self, call_id: str, notes: str) -> None:
        from guidance.records.casenote import case_note

        import dataclasses

        calls = self.services.calls()
        calls.save_notes(call_id, notes)
        ended = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")  # the note says when it ended
        calls.finish(call_id, case_note(dataclasses.replace(calls.get(call_id), ended_at=ended), notes))
        self.call_from_thread(self.notify, "Call ended and its case note saved (F10: my calls).")

    def action_my_calls(self) -> None:
        from guidance.tui.screens.my_calls import MyCalls

        if self.officer_only("my_calls"):
            return
        if not isinstance(self.screen, MyCalls):
            self.push_screen(MyCalls())

    def refresh_call_panels(self) -> None:
        if not self.screen_stack:  # a call's news before the first screen, or after the last has gone
            return
        self.refresh_bindings()
        sync = getattr(self.screen, "sync_call_panel", None)
        if sync is not None:
            sync()

    def open_letter(self, template_id: str, session_id: str | None = None, call=None, notes: str | None = None,
                    filled: dict | None = None, audit_id: str | None = None) -> None:
        """Open the letter screen, filled from a finished flow session, the call just ended, or
        (any letter written during a call) the call's reference. ``filled``: values worked out
        elsewhere (an account audit's figures, ``audit_id`` its record when recorded), under what
        the call and a draft give: the letter is then locked to that audit (its reference and the
        values it fills in not typed over), and its draft keeps that source so a letter given back
        after a crash is locked again. A letter from a session started from an account audit (a
        review: ``session_id``) is locked the same way, to the fields ``letter render --session``
        refuses in the data, worked out again from the session each time it is opened (its draft
        keeps the session). Both ways the locked fields are ``accounts.letters.audit_locks``, shown
        exactly as the source gives them, and the letter's record names the audit. A letter left
        unsaved outside a call comes back as typed, unless it was for another reference.

        A letter whose source gives its own reference (an account audit, a session started from
        one: ``source_reference``) always takes it: the call's reference never replaces it. If
        the call is about another reference, the letter is not the call's (none of the call's
        values, its draft kept on its own) and the letter screen says so."""
        from guidance.tui.screens.letter import LetterScreen

        try:
            templates = self.services.letters().templates
        except Exception as exc:  # broken templates: a notice, the app carries on
            self.show_failure("read the letter templates", exc)
            return
        if template_id not in templates:
            self.notify("There is no such letter.", severity="error")
            return
        if not self.offered("letter", template_id):
            return
        prefill = dict(filled or {})
        locked, review_of = (), None  # a session started from an account audit: the fields it fills, the audit
        if session_id:
            from guidance.accounts.letters import NothingToAsk
            from guidance.letters.compose import LetterError

            try:
                prefill, locked, review_of = self.services.session_letter_values(template_id, session_id)
            except NothingToAsk as exc:  # a surplus letter the audit does not support: not opened
                self.notify(f"No letter made: {getattr(exc, 'in_app', exc)}", severity="error", timeout=15)
                return
            except LetterError as exc:  # a session that cannot fill the letter still lets you write it
                self.notify(f"Some details could not be filled in: {exc}", severity="warning")
            except Exception as exc:  # records unavailable: the letter can still be written by hand
                self.show_failure("fill the letter from the guided help", exc)
        if call is None and self.call is not None:
            call, notes = self.call.call, self.call.notes
        source = source_reference(prefill)
        from_source = dict(prefill)  # what the audit (or the review started from it) gives, before any call or draft
        given = {k: v for k, v in prefill.items() if v not in (None, "", [])} if source is not None else {}
        notice = None
        if call is not None and source is not None and not _same_reference({"reference": source}, {"reference": call.caller_ref}):
            notice = other_call_notice(source, call.caller_ref, "an account review" if session_id else "an account audit")
            call = None  # a letter about someone else: nothing of this call goes into it, nor it into the call
        own = None  # a letter outside a call left unsaved: carried on with, as it was typed
        if call is not None:
            prefill.update(fit_to_template(call_letter_values(call, self.services.base, notes), templates[template_id]))
            draft = next((d for d in call.drafts if d.template_id == template_id), None)
            if draft is not None and (source is None or _same_reference(draft.data, {"reference": source})):
                prefill.update(draft.data)  # the letter was being written in this call: as it was typed
        else:
            own = self.letter_drafts.get((template_id, session_id))
            if own is not None and not _same_reference(own.data, prefill):
                own = None  # a draft for someone else stays in the list of letters never saved
            if own is not None:
                prefill.update(own.data)
        if source is not None:
            prefill["reference"] = source  # the source's own, whatever a call or a draft gave
            replaced = sorted(k for k, v in given.items() if k != "reference" and prefill.get(k) != v)
            prefill.update(given)  # the audit's figures, not an earlier draft's (another audit's, or changed by hand)
            if replaced:
                self.notify("The letter left unsaved is back, with this audit's figures in place of the ones it "
                            f"held ({', '.join(replaced)}).", severity="warning", timeout=15)
        audit = ({"audit_id": audit_id, "reference": source, "filled": dict(filled)}
                 if filled and source is not None and not session_id else None)
        if audit is not None:
            locked = self.services.audit_letter_locks(template_id)
        elif source is None:
            locked = ()  # no reference from the source: nothing to lock the letter to
        for name in locked:  # exactly as the source gives it, even empty: a draft never gives these
            if from_source.get(name) is None:
                prefill.pop(name, None)
            else:
                prefill[name] = from_source[name]
        self.push_screen(LetterScreen(template_id, prefill, session_id, call_id=call.id if call is not None else None,
                                      draft_id=own.id if own is not None else None, restored=own is not None,
                                      notice=notice, reference_fixed=source is not None, outside_call=notice is not None,
                                      source=audit, locked=locked,
                                      audit_id=audit_id if audit is not None else review_of))

    def take_back_own_letter(self, draft) -> None:
        """A letter written outside any call, never saved: open it as typed (one made from an
        account audit locked to that audit again, as it was)."""
        self.letter_drafts[(draft.template_id, draft.session_id)] = draft
        source = draft.source or {}
        self.open_letter(draft.template_id, session_id=draft.session_id, filled=source.get("filled") or None,
                         audit_id=source.get("audit_id"))
        self.notify(f"The letter you were writing is back as you left it: {self.services.letter_title(draft.template_id)}. "
                    "Save it (Ctrl+S) to finish.", timeout=15)

    def take_back_letter(self, call) -> None:
        """A letter written after its call ended, never saved: open it as typed, linked to that
        call, which stays ended."""
        draft = call.drafts[0]
        source = draft.source or {}  # a letter from an account audit: locked to it again
        self.open_letter(draft.template_id, session_id=draft.session_id, call=call, notes=call.notes,
                         filled=source.get("filled") or None, audit_id=source.get("audit_id"))
        self.notify(f"The letter you were writing after call {call.caller_ref} is back as you left it: "
                    f"{self.services.letter_title(draft.template_id)}. Save it (Ctrl+S) to finish.")

    def offer_drafts(self, call) -> None:
        """A call taken back with a letter half written: open the newest draft, say so."""
        if not call.drafts:
            return
        draft = call.drafts[0]
        more = f" ({len(call.drafts) - 1} more: open those letters to carry on)" if len(call.drafts) > 1 else ""
        source = draft.source or {}  # a letter from an account audit: locked to it again
        self.open_letter(draft.template_id, session_id=draft.session_id, filled=source.get("filled") or None,
                         audit_id=source.get("audit_id"))
        self.notify(f"The letter you were writing is back as you left it: {self.services.letter_title(draft.template_id)}. "
                    f"Ctrl+S saves it; Esc leaves it kept with the call{more}.", timeout=15)

    def open_page(self, page_id: str) -> None:
        """Open a page by id (from search, links, the palette or a flow)."""
        from guidance.tui.screens.page import PageScreen

        base = self.services.base
        if base is None or page_id not in base.pages:
            self.notify("That page is not in this content.", severity="error")
            return
        if not self.offered("page", page_id):
            return
        page = base.pages[page_id]
        self.record_use("page", page_id, page.meta.title, page.meta.version)
        self.push_screen(PageScreen(page_id))


def _without(message: OpenWorkFound, kind: str, item) -> OpenWorkFound | None:
    """The work offered back less the one taken up (``kind``, ``item`` as ``ResumeWork`` gives
    them), or None when nothing else is left: the rest stays offered in this run."""
    key = item if isinstance(item, str) else item.id
    calls = [call for call in message.calls if kind != "call" or call.id != key]
    sessions = [line for line in message.sessions if kind != "session" or line.id != key]
    letters = [(draft, title) for draft, title in message.letters if kind != "letter" or draft.id != key]
    return OpenWorkFound(calls, sessions, letters, message.mode) if calls or sessions or letters else None


def _same_reference(draft: dict, filled: dict) -> bool:
    """Whether a kept draft belongs with a letter being filled in: either has no reference yet,
    or both have the same one (spaces and case aside)."""
    mine, theirs = (str(values.get("reference") or "").replace(" ", "").upper() for values in (draft, filled))
    return not mine or not theirs or mine == theirs


def source_reference(values: dict) -> str | None:
    """The reference a letter's source gives (an account audit's figures, a session started
    from an audit carries it), or None: the one place that decides a letter's reference when
    it has a source of its own, over any open call's."""
    reference = values.get("reference")
    return reference.strip() if isinstance(reference, str) and reference.strip() else None


def other_call_notice(reference: str, call_reference: str, made_from: str) -> str:
    """What the letter screen says when the letter's own reference is not the open call's."""
    return (f"This letter is made from {made_from} for {reference}, not for {call_reference}, the reference of "
            f"the call that is open. It is written, saved and recorded under {reference}, and is not added to "
            f"call {call_reference}.")


def other_call_review_notice(reference: str, call_reference: str) -> str:
    """What the guided help says when it was started from an account audit whose reference is
    not the open call's (the review is kept out of the call, as ``other_call_notice`` says of a
    letter)."""
    return (f"This review is made from an account audit for {reference}, not for {call_reference}, the reference of "
            f"the call that is open. It is recorded under {reference}, with its key dates, and is not added to "
            f"call {call_reference}.")


def fit_to_template(values: dict, template) -> dict:
    """Values filled in from a call, each made to fit its field's limit (cut at a word, saying
    so: ``letters.fields.cut_to_fit``); values for fields the letter does not have as they are."""
    from guidance.letters.fields import cut_to_fit

    fields = template.meta.fields
    return {name: cut_to_fit(fields[name], value) if name in fields else value for name, value in values.items()}


def _log_failure(what: str, error: BaseException) -> None:
    """The technical side of a failure for the log (the notice stays one plain line): what could
    not be done and the kind of error, never its text (it may hold a reference or a password)."""
    import logging

    cause = error.__cause__ or error.__context__
    logging.getLogger("guidance.app").warning("could not %s: %s%s", what, type(error).__name__,
                                              f" ({type(cause).__name__})" if cause else "")


def call_letter_values(call, base, notes: str | None = None) -> dict:
    """What a call can fill in on a letter: the reference, the date, the caller's question (the
    first line of the notes), the advice points (``advice_points``: the other note lines, then each
    outcome and figure in words, never raw answers) and
    the guides used (pages opened, and the pages a flow's outcome pointed to). The officer edits
    them on the letter screen."""
    from guidance.records.casenote import local_datetime
    from guidance.tui.call_summary import advice_points, for_the_person, guide_ids

    pages = [item.item_id for item in call.items if item.kind == "page" and item.item_id in base.pages]
    started = local_datetime(call.started_at)
    values = {"reference": call.caller_ref, "call_date": (started.date() if started else dt.date.fromisoformat(call.started_at[:10])).isoformat()}
    notes = notes if notes is not None else call.notes
    lines = [line.strip().lstrip("-•*").strip() for line in notes.splitlines()]
    lines = [line for line in lines if line]
    if lines:
        values["question"] = lines[0]
    for item in for_the_person(call.items):
        if item.kind in ("calculator", "flow"):  # the guides a flow's outcome pointed to
            pages += guide_ids([d.strip() for d in item.title.split("\n")[1:]], base.pages)
    advice = advice_points(call.items, notes)
    if advice:
        values["advice"] = advice
    if pages:
        values["pages"] = list(dict.fromkeys(pages))
    return values


def run_app(args) -> int:
    """Entry point used by ``guidance`` with no command. A missing or wrong root is a plain error."""
    from guidance.commands.common import CommandError, today
    from guidance.content.roots import RootError, resolve_root

    try:
        root = resolve_root(getattr(args, "root", None))
    except RootError as exc:
        raise CommandError(str(exc)) from None
    GuidanceApp(root, today()).run()
    return 0
