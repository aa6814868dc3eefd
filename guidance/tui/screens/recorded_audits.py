"""Recorded account audits to start the account review from (newest first; the signed-in
officer's own in a served app). The list is read in a worker; Enter opens the review with the
chosen audit's figures filled in, Esc goes back."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from guidance.tui.messages import ReportsFailures
from guidance.tui.services import local_time


def audit_line(summary: dict) -> Text:
    """One audit as a line to choose: reference, period, surplus, flags decided, when."""
    from guidance.accounts.money import recorded_surplus

    surplus = recorded_surplus(summary)
    return Text.assemble((summary["reference"], "bold"), f" · {summary['period']}\n",
                         (f"surplus {surplus} · flags {summary['decided']}/{summary['flags']} decided · "
                          f"audited {local_time(summary['audited_at'])}", "dim"))


class RecordedAudits(ReportsFailures, ModalScreen):
    """Returns the chosen audit's id, or None."""
    OFFICER_TOOL = "account_audit"  # see GuidanceApp.action_toggle_mode

    BINDINGS = [Binding("escape", "close", "Back", id="audits.back")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide"):
            yield Static("Recorded account audits, newest first: choose one to review", classes="info-heading")
            yield Static("Reading the records…", id="audits-status")
            yield OptionList(id="audits-list")

    def on_mount(self) -> None:
        self.load_audits()

    @work(thread=True, exclusive=True, exit_on_error=False, name="list the recorded account audits")
    def load_audits(self) -> None:
        rows = [record.summary() for record in self.app.services.account_store().list()]
        self.app.call_from_thread(self._show, rows)

    def _show(self, rows: list[dict]) -> None:
        listing = self.query_one("#audits-list", OptionList)
        listing.add_options([Option(audit_line(row), id=row["id"]) for row in rows])
        self.query_one("#audits-status", Static).update(
            "" if rows else "No account audits are recorded yet: run one on the account screen first.")
        if rows:
            listing.focus()
            listing.highlighted = 0

    @on(OptionList.OptionSelected, "#audits-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)
