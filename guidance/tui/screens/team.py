"""The team-leader view: content problems, pages due for review, changes since the last release,
and the shape of each guided flow.

"Check again" reads the files on disk afresh (a team leader edits them in another window), and
runs in a worker because the check reads every page. A problem row opens the file at its line
in the team leader's editor ($VISUAL or $EDITOR), or shows the path to copy. Dates are in words,
as everywhere in the app ("2 December 2026").
"""

from __future__ import annotations

import datetime as dt
import os
import shlex
import subprocess

from textual import on, work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option
from rich.text import Text

from guidance.words import counted
from guidance.content.formatting import long_date
from guidance.content.review import REVIEW_WINDOW_DAYS
from guidance.tui.messages import ReportsFailures
from guidance.tui.widgets.lists import RowTable

#: How many pages "coming up" lists when nothing is due within the window.
COMING_UP = 5
#: Width of the review table's date and status columns ("30 September 2026", "coming up").
REVIEW_DATE_WIDTH, REVIEW_STATUS_WIDTH = 17, 9
#: Columns the review table leaves for its frame, cell padding and scroll bar.
REVIEW_FRAME = 10


class TeamScreen(ReportsFailures, Screen):
    OFFICER_TOOL = "team_view"  # see GuidanceApp.action_toggle_mode

    BINDINGS = [
        Binding("escape", "back", "Back", id="team.back"),
        Binding("r", "recheck", "Check again", id="team.recheck"),
    ]

    DEFAULT_CSS = """
    #team-problems { layout: vertical; }
    #problems-table { height: 1fr; min-height: 3; }
    #problem-detail { height: auto; max-height: 8; padding: 0 1; border-top: solid $primary; }
    #review-status { padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="team-tabs"):
            with TabPane("Problems", id="team-problems"):
                yield Label("Checking the content…", id="check-status")
                yield RowTable(id="problems-table", cursor_type="row", zebra_stripes=True)
                yield Static("", id="problem-detail", markup=False)
            with TabPane("Due for review", id="team-review"):
                yield Label("", id="review-status")
                yield RowTable(id="review-table", cursor_type="row", zebra_stripes=True)
            with TabPane("Changed since release", id="team-changes"):
                yield Label("", id="release-label")
                yield RowTable(id="changes-table", cursor_type="row", zebra_stripes=True)
            with TabPane("Flow graphs", id="team-flows"):
                yield OptionList(id="flow-graph-list")
                yield Static(id="flow-graph", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "Team leader"
        self.problems: list = []
        self.query_one("#problems-table", DataTable).add_columns("Level", "File", "Line", "Problem")
        self.query_one("#changes-table", DataTable).add_columns("What", "Now", "Released")
        base = self.app.services.base
        self._fill_review(base, self.app.today)
        self._fill_changes(base)
        self._fill_flows()
        self.run_check()

    # -- the check ------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="team-check", exit_on_error=False, name="check the content")
    def run_check(self) -> None:
        """Load the content from disk (not what the app loaded at start) and check it."""
        from guidance.content.base import ContentBase
        from guidance.content.check import check_content

        base = ContentBase.load(self.app.services.root)
        problems = check_content(base, self.app.today)
        self.app.call_from_thread(self._checked, base, problems)

    def on_worker_state_changed(self, event) -> None:
        """A check that could not run says so where its result would be, and on a notice."""
        from textual.worker import WorkerState

        if event.state == WorkerState.ERROR and event.worker.group == "team-check":
            self.query_one("#check-status", Label).update(f"The check could not run: {event.worker.error}. Press r to try again.")
        super().on_worker_state_changed(event)

    def _checked(self, base, problems) -> None:
        self._show_problems(problems)
        self._fill_review(base, self.app.today)
        self._fill_changes(base)

    def _show_problems(self, problems) -> None:
        table = self.query_one("#problems-table", DataTable)
        table.clear()
        self.problems = list(problems)
        for index, problem in enumerate(self.problems):
            table.add_row(problem.level, problem.path, str(problem.line or ""), problem.message, key=str(index))
        self.query_one("#check-status", Label).update(
            f"{counted(len(problems.errors), 'error')}, {counted(len(problems.warnings), 'warning')}"
            + ("" if problems else ": all clear")
            + (". Enter opens the file at the problem's line." if problems else "")
        )
        self._detail(0)

    @on(DataTable.RowHighlighted, "#problems-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail(event.cursor_row)

    def _detail(self, row: int) -> None:
        """The whole message of the highlighted problem (the table cuts long ones)."""
        detail = self.query_one("#problem-detail", Static)
        if 0 <= row < len(self.problems):
            detail.update(str(self.problems[row]))
        else:
            detail.update("")

    @on(DataTable.RowSelected, "#problems-table")
    def open_problem(self, event: DataTable.RowSelected) -> None:
        index = int(event.row_key.value)
        if 0 <= index < len(self.problems):
            self.open_in_editor(self.problems[index])

    def open_in_editor(self, problem) -> None:
        """Open the file at the problem's line in $VISUAL/$EDITOR; without one, show the path."""
        where = f"{problem.path}:{problem.line}" if problem.line else problem.path
        full = self.app.services.root / problem.path
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not editor or self.app.is_web or not full.exists():
            self._show_path(problem, full, where)
            return
        command = [*shlex.split(editor), *([f"+{problem.line}"] if problem.line else []), str(full)]
        try:
            with self.app.suspend():
                subprocess.run(command, check=False)  # noqa: S603 - the team leader's own editor
        except SuspendNotSupported:
            self._show_path(problem, full, where)
            return
        except (OSError, ValueError) as exc:
            self.notify(f"Could not start the editor '{editor}': {exc}. The file is {full}", severity="error", timeout=10)
            return
        self.action_recheck()

    def _show_path(self, problem, full, where: str) -> None:
        self.query_one("#problem-detail", Static).update(f"{problem}\n\nFile: {full}" + (f" line {problem.line}" if problem.line else ""))
        self.notify(f"Open {where} in your editor (set $EDITOR to open it from here)", timeout=10)

    # -- review and release ---------------------------------------------------------------------
    def _fill_review(self, base, today: dt.date) -> None:
        from guidance.content.review import due_for_review, review_limit

        table = self.query_one("#review-table", DataTable)
        self._review_base, self._review_width = (base, today), self.app.size.width
        owners = [page.meta.owner for page in base.pages.values()]
        self._review_columns(table, max(map(len, owners), default=5))
        limit = review_limit(today, REVIEW_WINDOW_DAYS)
        due = due_for_review(base, today, REVIEW_WINDOW_DAYS)
        status = self.query_one("#review-status", Label)
        if due:
            status.update(f"{counted(len(due), 'page')} to review by {long_date(limit)} (the next {REVIEW_WINDOW_DAYS} days, as 'guidance content review-due')")
        else:
            coming = sorted((p for p in base.pages.values() if p.meta.review_by > limit), key=lambda p: (p.meta.review_by, p.id))[:COMING_UP]
            status.update(f"Nothing is due for review by {long_date(limit)}." + (" Coming up next:" if coming else ""))
            for page in coming:
                table.add_row(long_date(page.meta.review_by), Text(page.meta.title), page.meta.owner, "coming up", key=page.id, height=None)
            return
        for item in due:
            table.add_row(long_date(item.review_by), Text(item.title), item.owner, "overdue" if item.overdue else "due soon",
                          key=item.page_id, height=None)

    def _review_columns(self, table: DataTable, owner_width: int) -> None:
        """The review table's columns fitted to the screen's width: the date, owner and status
        whole, the page title in the width left, wrapped onto more lines when it is long (at
        80 columns nothing is cut or scrolled out of sight)."""
        table.clear(columns=True)
        owner_width = min(owner_width, 24)
        page_width = max(16, self.app.size.width - REVIEW_FRAME - REVIEW_DATE_WIDTH - REVIEW_STATUS_WIDTH - owner_width)
        table.add_column("Review by", width=REVIEW_DATE_WIDTH)
        table.add_column("Page", width=page_width)
        table.add_column("Owner", width=owner_width)
        table.add_column("", width=REVIEW_STATUS_WIDTH)

    def on_resize(self) -> None:
        """Fit the review table to the new width."""
        kept = getattr(self, "_review_base", None)
        if kept is not None and self.app.size.width != self._review_width:
            self._fill_review(*kept)

    def _fill_changes(self, base) -> None:
        from guidance.content.release import changed_pages, changed_rates

        self.query_one("#release-label", Label).update(
            f"Release {base.manifest.release} of {long_date(base.manifest.date)}. New or changed since then:"
        )
        table = self.query_one("#changes-table", DataTable)
        table.clear()
        for page_id in changed_pages(base):
            locked = base.lock.get(page_id, {})
            table.add_row(f"page {page_id}", f"version {base.pages[page_id].meta.version}", str(locked.get("version", "new")), key=page_id)
        for change in changed_rates(base):
            table.add_row(f"rate {change.key}", change.now, change.released, key=f"rate:{change.key}")

    # -- flows ----------------------------------------------------------------------------------
    def _fill_flows(self) -> None:
        listing = self.query_one("#flow-graph-list", OptionList)
        for flow in self.app.services.flows_for(None):
            listing.add_option(Option(flow.title, id=flow.id))

    @on(OptionList.OptionSelected, "#flow-graph-list")
    def show_graph(self, event: OptionList.OptionSelected) -> None:
        from guidance.flows.picture import draw

        self.query_one("#flow-graph", Static).update(draw(self.app.services.flows()[event.option.id].flow))

    @on(DataTable.RowSelected, "#review-table")
    @on(DataTable.RowSelected, "#changes-table")
    def open_page(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        if key and not key.startswith("rate:"):
            self.app.open_page(key)

    def action_recheck(self) -> None:
        self.query_one("#check-status", Label).update("Checking the content…")
        self.run_check()

    def action_back(self) -> None:
        self.app.pop_screen()
