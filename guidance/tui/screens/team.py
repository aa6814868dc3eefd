"""The team-leader view: content problems, pages due for review, changes since the last release,
and the shape of each guided flow.

The content check reads every page for readability, which takes a few seconds on a large base,
so it runs in a worker and fills its table when done.
"""

from __future__ import annotations

import datetime as dt

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

REVIEW_WINDOW_DAYS = 60


class TeamScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="team.back"),
        Binding("r", "recheck", "Check again", id="team.recheck"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="team-tabs"):
            with TabPane("Problems", id="team-problems"):
                yield Label("Checking the content…", id="check-status")
                yield DataTable(id="problems-table", cursor_type="row", zebra_stripes=True)
            with TabPane("Due for review", id="team-review"):
                yield DataTable(id="review-table", cursor_type="row", zebra_stripes=True)
            with TabPane("Changed since release", id="team-changes"):
                yield Label("", id="release-label")
                yield DataTable(id="changes-table", cursor_type="row", zebra_stripes=True)
            with TabPane("Flow graphs", id="team-flows"):
                yield OptionList(id="flow-graph-list")
                yield Static(id="flow-graph", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "Team leader"
        base = self.app.services.base
        problems = self.query_one("#problems-table", DataTable)
        problems.add_columns("Level", "File", "Line", "Problem")
        self._fill_review(base, self.app.today)
        self._fill_changes(base)
        self._fill_flows()
        self.run_check()

    @work(thread=True, exclusive=True, group="team-check")
    def run_check(self) -> None:
        from guidance.content.check import check_content

        base = self.app.services.base
        problems = check_content(base, self.app.today)
        self.app.call_from_thread(self._show_problems, problems)

    def _show_problems(self, problems) -> None:
        table = self.query_one("#problems-table", DataTable)
        table.clear()
        for problem in problems:
            table.add_row(problem.level, problem.path, str(problem.line or ""), problem.message)
        self.query_one("#check-status", Label).update(
            f"{len(problems.errors)} errors, {len(problems.warnings)} warnings"
            + ("" if problems else ": all clear")
        )

    def _fill_review(self, base, today: dt.date) -> None:
        table = self.query_one("#review-table", DataTable)
        table.add_columns("Review by", "Page", "Owner", "")
        limit = today + dt.timedelta(days=REVIEW_WINDOW_DAYS)
        due = sorted((p for p in base.pages.values() if p.meta.review_by <= limit), key=lambda p: (p.meta.review_by, p.id))
        for page in due:
            flag = "overdue" if page.meta.review_by < today else ""
            table.add_row(page.meta.review_by.isoformat(), page.meta.title, page.meta.owner, flag, key=page.id)

    def _fill_changes(self, base) -> None:
        from guidance.content.release import changed_pages

        self.query_one("#release-label", Label).update(
            f"Release {base.manifest.release} of {base.manifest.date.isoformat()}. Pages new or changed since then:"
        )
        table = self.query_one("#changes-table", DataTable)
        table.add_columns("Page", "Version now", "Released version")
        for page_id in changed_pages(base):
            locked = base.lock.get(page_id, {})
            table.add_row(page_id, str(base.pages[page_id].meta.version), str(locked.get("version", "new")), key=page_id)

    def _fill_flows(self) -> None:
        listing = self.query_one("#flow-graph-list", OptionList)
        for flow in self.app.services.flows_for(None):
            listing.add_option(Option(flow.title, id=flow.id))

    @on(OptionList.OptionSelected, "#flow-graph-list")
    def show_graph(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#flow-graph", Static).update(self.app.services.flow_outline(event.option.id))

    @on(DataTable.RowSelected, "#review-table")
    @on(DataTable.RowSelected, "#changes-table")
    def open_page(self, event: DataTable.RowSelected) -> None:
        self.app.open_page(event.row_key.value)

    def action_recheck(self) -> None:
        self.query_one("#check-status", Label).update("Checking the content…")
        self.run_check()

    def action_back(self) -> None:
        self.app.pop_screen()
