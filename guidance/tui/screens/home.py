"""Home: a search box with results as you type, browsing by area, guided help and recent work.

Typing searches at once (the last word as a prefix, typos forgiven); Enter or Down moves into the
results; Enter on a result opens the page, guided help, calculator or letter (each marked as such).
A corrected word is said above the results, with an option to search for the words as typed. The other tabs work without search, so the app is
useful even while the index is still being built.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, OptionList, TabbedContent, TabPane, Tabs, Tree
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from guidance.tui.messages import ContentReady, ModeChanged, OpenWorkFound, ReportsFailures, SearchReady
from guidance.tui.screens.first_field import FirstFieldScreen, act_in_turn
from guidance.tui.widgets.call_panel import CallPanelHost
from guidance.tui.widgets.lists import ListTree
from guidance.tui.widgets.result_rows import EXACT, Fit, Rows, build_rows
from guidance.tui.widgets.results_list import ResultsList
from guidance.tui.widgets.search_box import SearchBox

#: Keys typed in a list that edit the search box's words (``HomeScreen.take_typing``).
EDITS_SEARCH = ("ctrl+u", "ctrl+w", "backspace")
#: The style rules that decide how a result wraps, with Textual's defaults.
WRAP_RULES = (("line_pad", 0), ("text_overflow", "fold"), ("text_wrap", "wrap"))


class HomeTabs(Vertical):
    """Results, browse by subject, guided help and recent work."""

    def compose(self) -> ComposeResult:
        with TabbedContent(id="home-tabs", initial="tab-results"):
            with TabPane("Results", id="tab-results"):
                yield ResultsList(id="results")
            with TabPane("Browse", id="tab-browse"):
                yield ListTree("Subjects", id="browse")
            with TabPane("Guided help", id="tab-flows"):
                yield OptionList(id="flows")
            with TabPane("Recent", id="tab-recent"):
                yield OptionList(id="recent")


PROMPTS = {
    "officer": "Type what the caller is asking, e.g. 'PA off sick'",
    "recipient": "Type your question, e.g. 'my PA is off sick'",
}


class HomeScreen(FirstFieldScreen, ReportsFailures, CallPanelHost, Screen):
    """The first screen. The search box has the focus from the start: the words typed as the app
    starts (before this screen is shown) go into it, in order (``FirstFieldScreen``)."""

    CALL_PANEL_PARENT = "#home-layout"
    FIRST_FIELD = "#search"
    shown_query: str = ""  # the query whose results are on screen
    _suggestion_shown: str = ""  # the text of the line above the results
    _rows_shown: Rows | None = None  # the search results on screen
    tabs_ready: bool = False  # the tabs are mounted just after the first paint
    BINDINGS = [
        Binding("ctrl+f", "focus_search", "Search", id="home.focus_search"),
        Binding("f5", "show_tab('tab-browse')", "Browse", id="home.browse"),
        Binding("f6", "show_tab('tab-flows')", "Guided", id="home.flows"),
        Binding("f7", "show_tab('tab-recent')", "Recent", id="home.recent"),
        # Work left unfinished is offered by a line, never a window that takes the keys typed
        Binding("ctrl+o", "open_work", "Carry on", id="home.open_work"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="home-layout"):
            with Vertical(id="home"):
                yield SearchBox(placeholder=PROMPTS.get(self.app.mode, PROMPTS["officer"]), id="search")
                yield Label("", id="suggestion")
                yield Label("Loading the guidance…", id="loading")
                yield Label("", id="open-work")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.shown_mode = self.app.mode  # the mode the prompt, lists and results are for
        self.title = "guidance"  # the search box takes the focus in FirstFieldScreen.on_mount
        self.call_after_refresh(self._build_tabs)  # the search box first; the rest a moment later

    async def _build_tabs(self) -> None:
        await self.query_one("#home", Vertical).mount(HomeTabs())
        self.tabs_ready = True
        self._sync_loading()
        self.sync_call_panel()
        if self.app.services.base is not None:
            self.on_content_ready(ContentReady())
        if self.app.services.searcher is not None:
            self.on_search_ready(SearchReady())

    # -- loading ---------------------------------------------------------------------------

    def on_content_ready(self, _: ContentReady) -> None:
        if not self.tabs_ready:
            return  # _build_tabs fills them
        self._sync_loading()
        self._fill_browse()
        self._fill_recent()
        self._fill_flows()
        results = self.query_one("#results", OptionList)
        results.clear_options()
        self._rows_shown = None
        results.add_option(Option("Type to search. Or browse by subject (F5) or start guided help (F6).", disabled=True))

    def _sync_loading(self) -> None:
        """The loading line from how things stand now (called on every loading message and when
        the screen comes back): loading, opening the search, why not, or hidden when all is open."""
        app, services = self.app, self.app.services
        problem = getattr(app, "load_problem", None)
        if services.base is None:
            text = f"The guidance could not be loaded. {problem}" if problem else "Loading the guidance…"
        elif services.searcher is not None or not app.build_index:
            text = ""
        elif problem:
            text = f"{problem.rstrip('.')}. Browse (F5) and guided help (F6) still work."
        else:
            text = "Opening the search… (browse and guided help work now)"
        loading = self.query_one("#loading", Label)
        loading.update(text)
        loading.display = bool(text)

    def on_search_ready(self, _: SearchReady) -> None:
        """The search is open, or could not be opened (then ``app.load_problem`` says why)."""
        self._sync_loading()
        if not self.tabs_ready:
            return
        query = self.query_one("#search", Input).value
        if query.strip():
            self.run_search(query)

    def show_open_work(self, message: OpenWorkFound | None) -> None:
        """Work left unfinished before (None: none any more): said in one line, with its key."""
        kinds = [(len(message.calls), "call", "calls"), (len(message.letters), "letter", "letters"),
                 (len(message.sessions), "guided help", "guided help")] if message is not None else []
        found = ", ".join(f"{count} {one if count == 1 else many}" for count, one, many in kinds if count)
        line = self.query_one("#open-work", Label)
        when = " once this call has ended (F8)" if self.app.call is not None else ""  # Ctrl+O waits for the call's end
        line.update(f"Left unfinished: {found}. Ctrl+O to carry on{when}." if found else "")
        line.display = bool(found)
        self.refresh_bindings()

    def sync_call_panel(self) -> None:
        """A call started or ended: the panel, and the line about work left unfinished (offered
        with Ctrl+O once no call is on)."""
        super().sync_call_panel()
        if self.is_mounted and self.query("#open-work"):
            self.show_open_work(self.app.open_work)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "open_work":  # shown only while there is work to carry on with
            return self.app.open_work is not None and self.app.call is None
        return True

    def action_open_work(self) -> None:
        self.app.offer_open_work_now()

    def on_mode_changed(self, _: ModeChanged) -> None:
        """The mode switched (F2): the prompt, the lists and the results shown now are those of
        the new mode (a result written for officers only goes from a recipient's list at once)."""
        self.shown_mode = self.app.mode
        self.query_one("#search", Input).placeholder = PROMPTS.get(self.app.mode, PROMPTS["officer"])
        if not self.tabs_ready:
            return
        self._fill_flows()
        self._fill_browse()
        self._fill_recent()
        query = self.query_one("#search", Input).value
        if query.strip() and self.app.services.searcher is not None:
            self.shown_query = ""  # the rows shown are the old mode's, even for the same words
            self.run_search(query)

    def on_screen_resume(self) -> None:
        if getattr(self, "shown_mode", self.app.mode) != self.app.mode:  # F2 pressed on a screen over this one
            self.on_mode_changed(ModeChanged())
        if self.tabs_ready and self.app.services.base is not None:
            self._fill_recent()
            self._sync_loading()
        self.sync_call_panel()

    # -- search ----------------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def typed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @on(Input.Submitted, "#search")
    def submitted(self, _: Input.Submitted) -> None:
        if not self.tabs_ready:
            return
        self._catch_up()
        results = self.query_one("#results", OptionList)
        self.query_one("#home-tabs", TabbedContent).active = "tab-results"
        first = next((i for i in range(results.option_count) if not results.get_option_at_index(i).disabled
                      and results.get_option_at_index(i).id != EXACT), None)
        if first is not None:  # the best result; the words as typed (after a correction) are one Up away
            results.focus()
            results.highlighted = first

    def take_typing(self, event: events.Key) -> bool | None:
        """A letter typed in a list (the results, the subjects, guided help, recent work) is
        added to the search box's words, as if typed in the box: the box takes the focus as the
        key is handed out (the app calls this first), so it gets that key and every key typed
        after it, in order, however fast (a burst of keys was queued for the list, and some
        were lost). Ctrl+U, Ctrl+W or Backspace typed in a list edits the search box's words
        (True: done here): it ran after the words typed after it had reached the box, and
        emptied it."""
        if self._starts_search(event):
            self._to_search_box()
        elif event.key in EDITS_SEARCH and isinstance(self.focused, (OptionList, Tree, Tabs)):
            return act_in_turn(self._to_search_box(), event.key)
        return None

    def _to_search_box(self) -> Input:
        """Give the search box the focus now, its cursor after its words, so that the keys typed
        from here on add to them (taking the focus chooses all the words: a letter typed after
        Tab to the results replaced the query, while after coming back from a page it was
        added). The box."""
        box = self.query_one("#search", Input)
        self.set_focus(box)  # now: the keys handed out after this go to the box, in order
        box.call_later(box.action_end)  # after the box's Focus, before the keys
        return box

    def _starts_search(self, event: events.Key) -> bool:
        """A letter or digit typed while a list (or the tabs) has the focus."""
        return event.is_printable and event.character not in (None, " ") and isinstance(self.focused, (OptionList, Tree, Tabs))

    def on_key(self, event: events.Key) -> None:
        """A letter that still reached a list (the focus moved to it after the key was handed
        out, e.g. while the home screen was coming back after Esc) is added to the search box's
        words, as one typed in the box."""
        if not self._starts_search(event):
            return
        event.stop()
        event.prevent_default()
        self._to_search_box().post_message(events.Key(event.key, event.character))

    def key_down(self, event: events.Key) -> None:
        """Down from the search box goes to the first result, as Enter does (the key is used up
        here, so the list does not also move on to the second result)."""
        if self.focused is self.query_one("#search", Input):
            event.stop()
            event.prevent_default()
            self.submitted(None)

    def _catch_up(self) -> None:
        """Before the results take the keys: if they are still those of an earlier query (keys
        typed faster than the search), search for what is typed now, here, so Down, Up and Enter
        act on the results of the words in the box, never on a list about to be replaced."""
        query = self.query_one("#search", Input).value
        services = self.app.services
        if query == self.shown_query or not query.strip() or services.searcher is None:
            return
        self.workers.cancel_group(self, "search")
        try:
            outcome = services.search_in_mode(query, self.app.mode, limit=20, as_you_type=True)
        except Exception:  # the worker's own search reports failures; the list stays as it is
            return
        self._show_results(query, build_rows(outcome, services.base.settings.area_name, self._results_fit(), self._rows_shown, self._cut()))

    def run_search(self, query: str, exact: bool = False) -> None:
        """Search for ``query`` in the worker; ``exact``: the words as typed, no spelling
        correction (offered when one was made)."""
        self._search(query, exact, self._results_fit(), self._cut())

    def _cut(self) -> tuple[str, ...]:
        """What the search box left out of a long paste, said plainly (nothing when whole)."""
        from guidance.query_limits import cut_note

        return (cut_note(),) if self.query_one("#search", SearchBox).cut else ()

    def _results_fit(self) -> Fit | None:
        """The results list's text width and wrapping rules, for the worker to lay rows out."""
        if not self.tabs_ready:
            return None
        results = self.query_one("#results", OptionList)
        padding = results.get_component_styles("option-list--option").padding
        rules = {name: results.styles.get(name, default) for name, default in WRAP_RULES}
        width = results.scrollable_content_region.width - padding.width
        return Fit(width, rules) if width > 0 else None  # hidden (another tab): laid out when shown

    @work(exclusive=True, group="search", thread=True, exit_on_error=False, name="search")
    def _search(self, query: str, exact: bool, fit: Fit | None, cut: tuple[str, ...] = ()) -> None:
        """Search and make the rows off the UI thread; a newer keystroke's search replaces an
        older one (exclusive: the older one stops at its next check and makes no rows), and rows
        for an old query are dropped when they arrive."""
        services = self.app.services
        if services.searcher is None or not query.strip():
            return
        outcome = services.search_in_mode(query, self.app.mode, limit=20, as_you_type=not exact, exact=exact)
        if get_current_worker().is_cancelled:
            return  # a newer keystroke's search has started: its rows are the ones to make
        rows = build_rows(outcome, services.base.settings.area_name, fit, self._rows_shown, cut)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_results, query, rows)

    def _show_results(self, query: str, rows: Rows) -> None:
        """Put ``rows`` on screen if ``query`` is still the one typed; untouched if the same."""
        if not self.tabs_ready or query != self.query_one("#search", Input).value:
            return  # a newer query is on its way
        results = self.query_one("#results", OptionList)
        if query == self.shown_query and rows.same_as(self._rows_shown):
            return  # already on screen (caught up before the keys): keep the highlight where it is
        if rows.same_as(self._rows_shown):
            results.highlighted = None  # as set_options leaves it, without redrawing the rows
            results.scroll_y = 0
        else:
            self._set_suggestion(rows.suggestion)
            results.set_options(rows.options)  # redraws only the lines that now show something else
            self._rows_shown = rows
        if rows.hits:
            self.query_one("#home-tabs", TabbedContent).active = "tab-results"
        self.shown_query = query

    def _set_suggestion(self, text: str) -> None:
        """The line above the results; untouched when the same (an update lays out the screen)."""
        if text != self._suggestion_shown:
            self._suggestion_shown = text
            self.query_one("#suggestion", Label).update(text)

    @on(OptionList.OptionSelected, "#results")
    @on(OptionList.OptionSelected, "#recent")
    def open_result(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        kind, _, target = option_id.partition(":")
        if option_id == EXACT:
            self.run_search(self.query_one("#search", Input).value, exact=True)
        elif kind == "session":
            self.app.resume_session(target)
        elif kind == "flow":
            self.app.start_flow(target)
        elif kind == "calculator":
            self.app.open_calculator(target)
        elif kind == "letter":
            self.app.open_letter(target)
        elif option_id:
            self.app.open_page(option_id)

    # -- browse, flows, recent ---------------------------------------------------------------

    def _fill_browse(self) -> None:
        base = self.app.services.base
        tree = self.query_one("#browse", Tree)
        tree.clear()
        tree.root.expand()
        offered = self.app.services.pages_for(self.app.mode)
        for area, subjects in base.taxonomy.areas.items():
            area_node = None
            for key, description in subjects.items():
                pages = [p for p in offered if key in p.meta.covers]
                if not pages:
                    continue
                if area_node is None:
                    area_node = tree.root.add(base.settings.area_name(area), expand=False)
                subject = area_node.add(description.split(":")[0].rstrip("."), expand=False)
                for page in pages:
                    subject.add_leaf(page.meta.title, data=page.id)

    @on(Tree.NodeSelected, "#browse")
    def open_from_tree(self, event: Tree.NodeSelected) -> None:
        if event.node.data:
            self.app.open_page(event.node.data)

    def _fill_flows(self) -> None:
        flows = self.query_one("#flows", OptionList)
        flows.clear_options()
        available = self.app.services.flows_for(self.app.mode)
        if not available:
            flows.add_option(Option("No guided help is available yet.", disabled=True))
        for flow in available:
            about = flow.describe(self.app.mode).split(". ")[0].rstrip(".")
            flows.add_option(Option(Text.assemble((flow.title, "bold"), "\n", (about + ".", "dim")), id=flow.id))

    @on(OptionList.OptionSelected, "#flows")
    def start_flow(self, event: OptionList.OptionSelected) -> None:
        self.app.start_flow(event.option.id)

    def _fill_recent(self) -> None:
        """Recent pages at once (a small file); unfinished guided help from the records in a
        worker, so an unreachable database never holds up (or closes) the home screen."""
        self._show_recent([])
        self.load_sessions()

    @work(exclusive=True, group="recent", thread=True, exit_on_error=False, name="list unfinished guided help")
    def load_sessions(self) -> None:
        sessions = self.app.services.open_sessions(self.app.mode)
        self.app.call_from_thread(self._show_recent, sessions)

    def _show_recent(self, sessions: list) -> None:
        recent = self.query_one("#recent", OptionList)
        recent.clear_options()
        for session in sessions:
            recent.add_option(Option(Text.assemble(("Resume: ", "bold"), session.label), id=f"session:{session.id}"))
        offered = {page.id: page for page in self.app.services.pages_for(self.app.mode)}
        for page_id in self.app.services.recent_pages():
            if page_id in offered:
                recent.add_option(Option(offered[page_id].meta.title, id=page_id))
        if not recent.option_count:
            recent.add_option(Option("Pages you open and guided help you start appear here.", disabled=True))

    # -- actions ---------------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_show_tab(self, tab: str) -> None:
        self.query_one("#home-tabs", TabbedContent).active = tab
        widget = self.query_one({"tab-browse": "#browse", "tab-flows": "#flows", "tab-recent": "#recent"}[tab])
        widget.focus()
        if isinstance(widget, OptionList) and widget.highlighted is None and widget.option_count:
            widget.highlighted = 0  # Enter works at once
