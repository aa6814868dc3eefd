"""The officer's account screen: open a plan and statements, see the reconciliation and a
sparkline of the balance, decide each flag in turn, and make the report or a letter.

Keyboard first, at 80×24: type the plan file and statement files (one file as typed, spaces and
all; several separated by ";", or by spaces with quotes), Enter (or Ctrl+R) audits; then in the
flags table (its keys in the footer) e/q/r/s choose explained / query / recover / safeguarding for
the flag under the cursor, Enter records the choice (in a worker, through the services) and shows
it at once, the cursor staying on that flag (moving on is the officer's own keypress). As in a
spreadsheet, a choice is never lost: moving to another flag, leaving the flags, starting a new
audit, making the report or a letter, opening another screen or quitting records it too; only Esc
drops it. w saves the report (Word); l opens the surplus letter (or the statements request when
statements are missing); v opens the account review (the guided help whose ``prefill`` takes an
account audit) with the audit's figures filled in. Hints show the keys as pressed (lowercase);
with Shift or Caps Lock they do the same. The letter keys work only in the flags list, where the
hint line shows them: a letter typed anywhere else on the screen is text or nothing, never a jump
to another screen, and the audit's result takes the focus to the flags only when the officer has
not moved or typed since asking for it. However many flags there are, the
list scrolls and the selected flag's details and the key hints stay on screen. The audit runs in a
worker; a new audit clears the last one's results at once, and the result of an audit started
earlier never replaces a newer one. Once the plan or statements field is changed, the audit on
screen is marked out of date (a choice made on it recorded first) and nothing can be decided or
made from it until the files are audited again. No amount is ever shown cut: a flag's label
gives way (ending in "…") and the figures panel is as wide as its widest amount.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from rich.text import Text
from textual.widgets import DataTable, Footer, Header, Input, Label, Sparkline

from guidance.accounts.decisions import decision_warnings
from guidance.accounts.decisions import DECISION_KEYS  # declared once, for the app and the command line
from guidance.accounts.flags import source_words
from guidance.kinds import Date
from guidance.tui.commands import AccountCommands  # noqa: F401  (the palette entry for this screen)
from guidance.tui.messages import Failed, ReportsFailures
from guidance.tui.screens.first_field import FirstFieldScreen
from guidance.tui.widgets.lists import RowTable

DATE = Date()
OTHER_KEYS = "w report · l letter · v review · Ctrl+R audit"  # keys as pressed (W with Shift works too)
STATEMENTS_HINT = "files separated by ; (names may have spaces); Enter audits"


def statement_files(text: str) -> list[str]:
    """The statement files typed in the field: a file that exists as typed is taken whole
    (spaces and all); several are separated by ";"; without one, by spaces, with quotes around a
    name that has spaces (as in a shell). Raises ValueError for an unclosed quote."""
    text = text.strip()
    if not text:
        return []
    if Path(text).expanduser().is_file():
        return [text]
    if ";" in text:
        return [part.strip() for part in text.split(";") if part.strip()]
    return shlex.split(text)


def balance_line(rec) -> str:
    """The audit period and its opening and closing balances, each with its own day when that is
    not the period's (statements that start late or stop early): "DP-004512 6 April 2026 to
    28 June 2026: £4,955.00 on 10 April 2026 to £5,120.00 on 19 June 2026"."""
    from guidance.accounts.money import money_text

    def on(day) -> str:
        return f" on {DATE.show(day)}"

    opening_day = rec.opening_date if rec.opening_date and rec.opening_date != rec.start else None
    closing_day = rec.closing_date if rec.closing_date and rec.closing_date != rec.end else None
    return (f"{rec.reference} {DATE.show(rec.start)} to {DATE.show(rec.end)}: {money_text(rec.opening_balance)}"
            f"{on(opening_day) if opening_day else ''} to {money_text(rec.closing_balance)}"
            f"{on(closing_day) if closing_day else ''}")


FLAG_COLUMNS = ("Decision", "Flag", Text("Amount", justify="right"))  # the date: in the line below; amounts right-aligned
WARNING_TITLE = "Check this decision"
WARNING_SECONDS = 8  # a warning about a decision: long enough to read, gone before it is in the way
MIN_LABEL = 8  # a flag's label is never cut shorter than this, however narrow the screen


def shortened(label: str, room: int) -> str:
    """``label`` whole if it fits in ``room`` columns, else cut with "…" at its end (never read
    as another word: the selected flag's line below gives it whole)."""
    return label if len(label) <= room else label[:max(room - 1, 1)] + "…"


#: The keys for what to do with the audit (shown under the flags, ``OTHER_KEYS``): action -> key.
AUDIT_KEYS = {"report": "w", "letter": "l", "review": "v"}


class FlagTable(RowTable):
    """The flags, one a row. Its keys (shown in the footer and the hint line while it has focus):
    a letter chooses a decision for the flag under the cursor, Enter records it; w, l and v make
    the report, the letter and the review. They are the list's own keys, so they work only where
    the hint line says them."""

    BINDINGS = [
        *(Binding(key, f"choose('{decision}')", decision.capitalize() if key != "s" else "Safeguard",
                  id=f"account.decide.{decision}") for key, decision in DECISION_KEYS.items()),
        # The same with Shift (or Caps Lock): the footer shows the lowercase key only.
        *(Binding(key.upper(), f"choose('{decision}')", show=False) for key, decision in DECISION_KEYS.items()),
        Binding("enter", "confirm", "Confirm", key_display="⏎", id="account.confirm"),
        # Shown under the flags (OTHER_KEYS), so the footer has room for the decision keys at 80×24.
        *(Binding(key, f"screen.{action}", action.capitalize(), id=f"account.{action}", show=False)
          for action, key in AUDIT_KEYS.items()),
        *(Binding(key.upper(), f"screen.{action}", show=False) for action, key in AUDIT_KEYS.items()),
    ]

    def action_choose(self, decision: str) -> None:
        self.screen.choose(decision)

    def action_confirm(self) -> None:
        self.screen.confirm()

    def on_resize(self) -> None:
        """Narrower or wider: the flags' labels take the room there is now (amounts whole)."""
        if self.screen.audit is not None:
            self.screen._fill_flags()

    def on_blur(self, event) -> None:
        """Leaving the flags (Tab, a click on a field) records a choice not yet recorded."""
        self.screen.keep_pending()


def figure_rows(rec) -> list[tuple[str, object]]:
    """The reconciliation's figures as (label, amount in pounds), in words short enough for the
    panel beside the flags at 80 columns. When the surplus is not final (statements that stop
    before the audit period ends, or a last balance that does not follow from the rows) the
    closing balance and the surplus say so, so an officer never reads it out as money to pay
    back. Money moved on days no statement shows (balance breaks) has a row of its own, so
    opening + in − out + that = closing; payments due on days no statement shows have rows of
    their own, so due − unseen − paid = the shortfall; contributions paid above what was due
    have a row when there are any ("Contrib. above due", as the command line's "Contribution paid
    above due")."""
    provisional = bool(rec.surplus_provisional)
    # Money the balance shows moving on days no statement shows: without it the figures do not add up.
    unseen = [("Not on statements", rec.unaccounted)] if rec.unaccounted else []
    council_unseen = [("Council unseen", rec.council_expected_uncovered)] if rec.council_expected_uncovered else []
    contribution_unseen = ([("Contrib. unseen", rec.contribution_expected_uncovered)]
                           if rec.contribution_expected_uncovered else [])
    # Contributions paid in above what was due: already in the balance, so shown, not added again.
    overpaid = [("Contrib. above due", rec.contribution_overpaid)] if rec.contribution_overpaid else []
    # Money paid in for days after the period: kept back from the surplus (the command line's
    # "Paid for after the period"), so the surplus is closing - contingency - owed - this.
    paid_ahead = [("Paid ahead", rec.paid_for_after_period)] if rec.paid_for_after_period else []
    return [("Opening balance", rec.opening_balance), ("Money in", rec.total_in), ("Money out", rec.total_out), *unseen,
            ("Closing, not final" if provisional else "Closing balance", rec.closing_balance),
            ("Council due", rec.council_expected), *council_unseen,
            ("Council paid", rec.council_received), ("Contribution due", rec.contribution_expected), *contribution_unseen,
            ("Contribution paid", rec.contribution_paid), *overpaid, ("Shortfall", rec.contribution_shortfall),
            ("Contingency", rec.contingency), ("Owed", rec.owed), *paid_ahead,
            ("Surplus, not final" if provisional else "Surplus", rec.surplus)]


class AccountScreen(FirstFieldScreen, ReportsFailures, Screen):
    OFFICER_TOOL = "account_audit"  # see GuidanceApp.action_toggle_mode
    FIRST_FIELD = "#account-plan"  # focused as it opens, with the keys typed meanwhile

    BINDINGS = [
        Binding("escape", "back", "Back", id="account.back"),
        # Shown under the flags (OTHER_KEYS), so the footer has room for the decision keys at 80×24.
        Binding("ctrl+r", "audit", "Audit", id="account.audit", show=False),
    ]
    DEFAULT_CSS = """
    AccountScreen #account-files Label { width: 11; padding: 0 1 0 0; }
    AccountScreen #account-files Input { width: 1fr; }
    AccountScreen #account-files Horizontal { height: 1; }
    AccountScreen #account-files { height: 2; }
    AccountScreen #account-status { height: auto; max-height: 2; width: 100%; color: $text-muted; }
    AccountScreen #account-balance { height: 2; margin: 0 1; }
    AccountScreen #account-body { height: 1fr; width: 100%; }
    /* as wide as the widest figure, never cut: an 18-letter label ("Surplus, not final") and a
       seven-figure negative amount (-£1,234,567.89), each with a column either side, and a
       scrollbar take 37 columns; the flags have the rest */
    AccountScreen #account-figures { width: auto; max-width: 45; scrollbar-size-vertical: 1; }
    AccountScreen #account-flags { width: 1fr; }
    AccountScreen #account-flag-table { height: 1fr; scrollbar-size-vertical: 1; }
    AccountScreen #account-flag-text { height: auto; max-height: 6; width: 100%; color: $text; padding: 0 0 0 1; }
    AccountScreen .-out-of-date { opacity: 50%; }  /* an audit of files the fields no longer name */
    /* the hint starts one column in, under the flags' text: never against the figures beside it */
    """

    def __init__(self, plan: str = "", statements: str = ""):
        super().__init__()
        self.initial = (plan, statements)
        self.audit = None
        self.audit_id: str | None = None
        self.decisions: dict[int, str] = {}
        self.pending: tuple[int, str] | None = None  # (flag number, decision) chosen, not yet recorded
        self.runs = 0  # audits started; only the latest one's result is shown
        #: Where the focus was and what the fields held when the audit was asked for: the result
        #: takes the focus to the flags only if the officer has not moved or typed since.
        self.asked_from: tuple | None = None
        #: The plan and statements fields as they were when the shown audit was asked for: once
        #: either is changed, the audit on screen is out of date and cannot be decided on.
        self.audited: tuple[str, str] | None = None
        self.shown_status = ""
        self.warned = False  # a warning about a decision is on screen (cleared when another screen opens)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="account-files"):
            with Horizontal():
                yield Label("Plan")
                yield Input(self.initial[0], placeholder="plan.yaml", id="account-plan", compact=True)
            with Horizontal():
                yield Label("Statements")
                yield Input(self.initial[1], placeholder=STATEMENTS_HINT, id="account-statements", compact=True)
        yield Label("Give the plan file and the statements, then press Enter.", id="account-status")
        yield Sparkline([], id="account-balance")
        with Horizontal(id="account-body"):
            yield DataTable(id="account-figures", cursor_type="none", show_header=False, zebra_stripes=True)
            with Vertical(id="account-flags"):
                yield FlagTable(id="account-flag-table", cursor_type="row", zebra_stripes=True)
                yield Label("", id="account-flag-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "Account audit"
        figures = self.query_one("#account-figures", DataTable)
        figures.add_columns("Figure", "Amount")
        figures.can_focus = False  # no stop in Tab's round (keys typed there went nowhere): plan, statements, flags
        self.query_one("#account-flag-table", DataTable).add_columns(*FLAG_COLUMNS)

    # -- running the audit -----------------------------------------------------------------

    def take_typing(self, event) -> bool | None:
        """Enter in the plan field moves on to the statements as the key is handed out (the app
        calls this first): the statements typed straight after it go there, not into the plan.
        Enter in the statements field audits the files typed before it; the keys typed straight
        after it wait until the audit is asked for (``act_when_typed``)."""
        if event.key == "enter" and self.focused is self.query_one("#account-plan", Input):
            self.set_focus(self.query_one("#account-statements", Input))  # now, not after this refresh
            return True
        if event.key == "enter" and self.focused is self.query_one("#account-statements", Input):
            field = self.focused  # given the focus back, with the keys typed after Enter, once asked
            self.act_when_typed(lambda: self.action_audit(asked_in=field))  # on the files typed before Enter
            return True
        return None

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "account-plan":
            self.query_one("#account-statements", Input).focus()
        else:
            self.action_audit()

    def action_audit(self, asked_in=None) -> None:
        """Audit the plan and statements the fields name (Ctrl+R, or Enter in the statements
        field: ``asked_in``, the field that has the focus again once the audit is asked for)."""
        plan = self.query_one("#account-plan", Input).value.strip()
        try:
            statements = statement_files(self.query_one("#account-statements", Input).value)
        except ValueError as exc:
            self._status(f"Statements: {exc}")
            self.query_one("#account-statements", Input).focus()
            return
        if not plan or not statements:
            missing = "Plan" if not plan else "Statements"
            self._status(f"{missing}: give the plan file and at least one statement file.")
            self.query_one("#account-plan" if not plan else "#account-statements", Input).focus()
            return
        self.keep_pending()  # a choice on the last audit's flags is recorded before they go
        self.runs += 1
        self.audited = self._fields()
        self.asked_from = self._where_typing(asked_in)
        self._clear()
        self._status("Auditing…")
        self.run_audit(plan, statements, self.runs)

    def _fields(self) -> tuple[str, str]:
        """What the plan and statements fields say now (ends trimmed)."""
        return (self.query_one("#account-plan", Input).value.strip(),
                self.query_one("#account-statements", Input).value.strip())

    @property
    def out_of_date(self) -> bool:
        """The audit on screen is of files other than the fields now name."""
        return self.audit is not None and self.audited is not None and self.audited != self._fields()

    @on(Input.Changed, "#account-files Input")
    def _files_changed(self, event: Input.Changed) -> None:
        """A changed plan or statements field puts the audit on screen out of date: a choice
        made on it is recorded first (it was made on what was shown), and until the files are
        audited again no decision, report, letter or review can be made on it."""
        if self.audit is None:
            return
        if self.out_of_date:
            self.keep_pending()
        self._show_status()

    def _show_status(self) -> None:
        """The audit's line, or that it is out of date and how to bring it up to date."""
        stale = self.out_of_date
        for widget in self.query("#account-figures, #account-flag-table, #account-balance"):
            widget.set_class(stale, "-out-of-date")
        reference = self.audit.reconciliation.reference if self.audit is not None else ""
        self._status(f"Out of date: the plan or statements changed since this audit of {reference}. "
                     "Ctrl+R audits them." if stale else self.shown_status)

    def _refuse_if_out_of_date(self) -> bool:
        """True (and the officer told why) when the audit on screen is out of date."""
        if self.out_of_date:
            self.notify("The plan or statements changed since this audit: Ctrl+R audits them first.",
                        severity="warning")
            return True
        return False

    def _where_typing(self, focused=None) -> tuple:
        """The widget with the focus (``focused``, if given) and the text of the file fields, now."""
        return (focused or self.focused, *(field.value for field in self.query("#account-files Input")))

    def _clear(self) -> None:
        """Nothing of the last audit stays on screen (nor can be decided) while a new one runs."""
        self.audit, self.audit_id, self.decisions, self.pending = None, None, {}, None
        for widget in self.query(".-out-of-date"):
            widget.remove_class("-out-of-date")
        self.query_one("#account-balance", Sparkline).data = []
        self.query_one("#account-figures", DataTable).clear()
        self.query_one("#account-flag-table", DataTable).clear()
        self.query_one("#account-flag-text", Label).update("")

    @work(thread=True, exclusive=True, group="account-audit", exit_on_error=False, name="audit the account")
    def run_audit(self, plan: str, statements: list[str], run: int) -> None:
        """Audit (and record) in a worker; ``run``: which audit this is, so a result that
        arrives after a newer audit was started is dropped, not shown or recorded."""
        from guidance.accounts.audit import AuditError, account_rules, audit_files

        try:
            rules = account_rules(Path(self.app.services.base.content_dir)) if self.app.services.base else None
            audit = audit_files(plan, statements, rules=rules, references=self.app.services.reference_pattern())
        except AuditError as exc:
            lines = str(exc).splitlines() or [""]
            self.app.call_from_thread(self._not_audited, f"Not audited: {lines[0]}", "\n".join(lines[1:]), run)
            return
        if run != self.runs:
            return  # a newer audit was started meanwhile
        audit_id, decisions, new = self._record(audit, statements)
        self.app.call_from_thread(self._show, audit, audit_id, run, decisions, new)

    def _not_audited(self, text: str, more: str, run: int) -> None:
        """The first problem in the status line, the others (every bad row, not only the first)
        under it where the flags would be."""
        if run == self.runs:
            self._status(text)
            self.query_one("#account-flag-text", Label).update(Text(more))  # file names are not markup

    def _record(self, audit, statements) -> tuple[str | None, dict[int, str], bool]:
        """Keep the audit (in the worker): (its id, the decisions recorded on it, whether it was
        recorded now). The same audit just recorded (same plan, statements and figures) is reused
        with its decisions, not kept twice. A failure is reported and the audit still shows."""
        from guidance.records.accounts import statement_digests

        try:
            release = str(self.app.services.base.manifest.release) if self.app.services.base else None
            store = self.app.services.account_store()
            audit_id, new = store.record(audit, statement_digests(statements), release)
            return audit_id, ({} if new else store.decisions(audit_id)), new
        except Exception as exc:  # the audit still shows; the officer is told it was not kept
            self.app.post_message(Failed("record the audit", exc))
            return None, {}, False

    def _status(self, text: str) -> None:
        self.query_one("#account-status", Label).update(text)

    def _show(self, audit, audit_id: str | None, run: int | None = None, decisions: dict[int, str] | None = None,
              new: bool = True) -> None:
        """Show ``audit``; one from an audit older than the latest (``run``) is dropped. ``new``:
        recorded now (else the same audit was recorded before, and is not recorded again)."""
        from guidance.accounts.chart import balance_points
        from guidance.accounts.money import money_text

        if run is not None and run != self.runs:
            return
        self.audit, self.audit_id, self.decisions, self.pending = audit, audit_id, dict(decisions or {}), None
        rec = audit.reconciliation
        points = balance_points(rec)
        self.query_one("#account-balance", Sparkline).data = [float(v) for _, v in points]
        low = min(v for _, v in points)
        status = f"{balance_line(rec)}, low {money_text(low)}, " + (("recorded" if new else "same as recorded, not again") if audit_id else "not recorded")
        figures = self.query_one("#account-figures", DataTable)
        figures.clear()
        for label, value in figure_rows(rec):
            figures.add_row(label, money_text(value))
        self._fill_flags()
        table = self.query_one("#account-flag-table", DataTable)
        settling = self.focused is None and self._awaiting and self.asked_from is not None  # Enter's keys held
        if self.asked_from is None or self.asked_from == self._where_typing(self.asked_from[0] if settling else None):
            table.focus()  # the officer is waiting for it: on to the flags
        elif not table.has_focus:  # typing or moved on since: the keys stay where they are going
            status += " · Tab to the flags"
        self.shown_status = status
        self._show_status()
        self._describe(0)

    def _fill_flags(self) -> None:
        from guidance.accounts.money import money_text

        table = self.query_one("#account-flag-table", DataTable)
        row = table.cursor_row
        table.clear(columns=True)  # the columns as wide as what they hold now, not before
        table.add_columns(*FLAG_COLUMNS)
        amounts = [money_text(flag.amount) for flag in self.audit.flags]
        room = self._label_room(table, max(map(len, amounts), default=0))
        for number, (flag, amount) in enumerate(zip(self.audit.flags, amounts), start=1):
            mark = "!" if flag.safeguarding else ""
            table.add_row(self._decision_cell(number), shortened(flag.label, room - len(mark)) + mark,
                          Text(amount, justify="right"), key=str(number))
        if self.audit.flags:
            table.move_cursor(row=min(max(row, 0), len(self.audit.flags) - 1))

    @staticmethod
    def _label_room(table: DataTable, amount_width: int) -> int:
        """Columns left for a flag's label once the decision ("safeguarding" at most) and the
        widest amount have theirs, each with a column either side, and the scrollbar: the
        amount always shows whole; a label too long ends in "…" (the line below gives it whole)."""
        used = len("safeguarding") + max(amount_width, len("Amount")) + 3 * 2 * table.cell_padding + 1
        return max(table.size.width - used, MIN_LABEL)

    def _decision_cell(self, number: int) -> str | Text:
        """The flag's decision: as recorded ("-": none yet), or the one chosen and not yet
        recorded, underlined."""
        if self.pending is not None and self.pending[0] == number:
            return Text(self.pending[1], style="bold underline")
        return self.decisions.get(number, "-")

    @on(DataTable.RowHighlighted, "#account-flag-table")
    def _highlighted(self, _: DataTable.RowHighlighted) -> None:
        """The cursor has moved: a choice made on another flag is recorded, and the line below
        describes the flag the cursor is on now. The row the message names may be old: keys
        typed fast (Down, then a decision key) are acted on before it arrives, and the choice
        made on the flag reached was recorded too early, leaving Enter nothing to record."""
        row = self.query_one("#account-flag-table", DataTable).cursor_row
        if self.pending is not None and self.pending[0] != row + 1:
            self.keep_pending()  # moving on from a flag records the choice made on it
        self._describe(row)

    def _describe(self, index: int) -> None:
        if self.audit is not None and not self.audit.flags:
            self.query_one("#account-flag-text", Label).update(f"{OTHER_KEYS}\nNo flags: nothing to decide.")
            return
        if self.audit is None or not 0 <= index < len(self.audit.flags):
            return
        flag = self.audit.flags[index]
        if flag.file:
            where = f" ({Path(flag.file).name}:{flag.line})"
        else:  # what it is worked out from (the date is shown already; a missing statement says its days)
            where = "" if flag.kind == "missing_statement" else f" ({source_words(flag.kind)})"
        extra = ""
        if flag.safeguarding:
            from guidance.accounts.report import page_names

            pages = page_names(flag.pages[:1], self.app.services.page_titles())  # the first: room is short at 80×24
            extra = f" Safeguarding: follow the procedure (see {pages})." if pages else " Safeguarding: follow the procedure."
        decided = f" ({self.decisions[index + 1]})" if index + 1 in self.decisions else ""
        if self.pending is not None and self.pending[0] == index + 1:
            keys = f"Enter or moving on records '{self.pending[1]}' · Esc drops it"
        else:
            keys = OTHER_KEYS
        self.query_one("#account-flag-text", Label).update(
            f"{keys}\n{index + 1}. {flag.label}{decided}, {DATE.show(flag.date)}{where}: {flag.message}.{extra}")

    # -- decisions, report, letter ---------------------------------------------------------

    def _set_pending(self, pending: tuple[int, str] | None) -> None:
        """Choose (or drop) a decision not yet recorded; the flag's row and the line below say so."""
        table = self.query_one("#account-flag-table", DataTable)
        before, self.pending = self.pending, pending
        for changed in (before, pending):
            if changed is not None and 0 < changed[0] <= table.row_count:
                table.update_cell(str(changed[0]), table.ordered_columns[0].key, self._decision_cell(changed[0]), update_width=True)
        self._describe(table.cursor_row)

    def choose(self, decision: str) -> None:
        """E/Q/R/S on the flags: ``decision`` for the flag under the cursor, recorded on Enter."""
        table = self.query_one("#account-flag-table", DataTable)
        if self.audit is None or not self.audit.flags or not table.has_focus or self._refuse_if_out_of_date():
            return
        if self.pending is not None and self.pending[0] != table.cursor_row + 1:
            self.keep_pending()  # moved on (Down typed fast) before the move was seen: recorded, as moving on does
        self._set_pending((table.cursor_row + 1, decision))

    def confirm(self) -> None:
        """Enter on the flags: record the chosen decision; the cursor stays on its flag."""
        if self.audit is None or not self.audit.flags or self._refuse_if_out_of_date():
            return
        table = self.query_one("#account-flag-table", DataTable)
        if self.pending is None or self.pending[0] != table.cursor_row + 1:
            self.notify("Choose a decision first: e explained, q query, r recover, s safeguarding; then Enter.")
            return
        number, decision = self.pending
        self.pending = None
        self.decide(number, decision)

    def keep_pending(self) -> None:
        """Record the choice not yet recorded, if any: a choice is lost only by Esc."""
        if self.pending is None or self.audit is None:
            return
        number, decision = self.pending
        self._set_pending(None)
        self.decide(number, decision)

    def on_screen_suspend(self) -> None:
        """Another screen over this one (a letter, the palette, a call): a warning about a
        decision goes (it would cover the new screen's fields), and the choice is recorded."""
        if self.warned:
            self._drop_warnings()
        self.keep_pending()

    def _drop_warnings(self) -> None:
        """Take the warnings about decisions off the screen; other notices (a failure) stay."""
        self.warned = False
        shown = getattr(self.app, "_notifications", None)
        if shown is None:  # no way to pick them out: all go rather than cover the next screen
            self.app.clear_notifications()
            return
        for notice in [notice for notice in shown if notice.title == WARNING_TITLE]:
            self.app._unnotify(notice)

    def keep_before_quit(self) -> None:
        """The app is closing: record the choice not yet recorded now, not in a worker the
        closing app would not wait for."""
        if self.pending is None or self.audit is None:
            return
        number, decision = self.pending
        self.pending = None
        if self.audit_id is not None:
            try:
                self.app.services.account_store().decide(self.audit_id, number, decision)
            except Exception as exc:  # said, and the app still closes
                self.app.show_failure("record the decision on the flag", exc)

    def decide(self, number: int, decision: str) -> None:
        """Record ``decision`` on flag ``number`` (1-based): shown at once, kept in a worker."""
        table = self.query_one("#account-flag-table", DataTable)
        if self.audit_id is not None:
            self.record_decision(self.audit_id, number, decision, self.decisions.get(number))
        self.decisions[number] = decision
        self._fill_flags()  # the cursor stays on the flag just decided
        self._describe(table.cursor_row)
        left = len(self.audit.flags) - len(self.decisions)
        kept = "" if self.audit_id is not None else " (shown only: this audit is not recorded)"
        self.notify(f"Flag {number}: {decision}{kept}" + (f". {left} to decide." if left else ". All flags decided."))
        for warning in self.warnings_on_deciding(number, decision):
            self.notify(f"Flag {number}: {warning}. Recorded all the same: choose again to change it.",
                        title=WARNING_TITLE, severity="warning", timeout=WARNING_SECONDS)
            self.warned = True

    def warnings_on_deciding(self, number: int, decision: str) -> list[str]:
        """What the officer is warned of on deciding flag ``number`` (as on the command line):
        recovering a surplus that is not final, or the same money twice."""
        flags = self.audit.flags
        others = [(n, flag.kind, self.decisions.get(n)) for n, flag in enumerate(flags, 1) if n != number]
        provisional = bool(self.audit.reconciliation.surplus_provisional)
        return decision_warnings(flags[number - 1].kind, decision, provisional, others)

    @work(thread=True, group="account-decide", exit_on_error=False, name="record the decision on the flag")
    def record_decision(self, audit_id: str, number: int, decision: str, before: str | None) -> None:
        """Keep one decision (in a worker); if it cannot be kept, the flag shows its decision as
        it was and the failure is reported."""
        try:
            self.app.services.account_store().decide(audit_id, number, decision)
        except Exception:
            self.app.call_from_thread(self._undo, audit_id, number, decision, before)
            raise

    def _undo(self, audit_id: str, number: int, decision: str, before: str | None) -> None:
        if self.audit_id == audit_id and self.decisions.get(number) == decision:  # still that audit
            if before is None:
                self.decisions.pop(number, None)
            else:
                self.decisions[number] = before
            self._fill_flags()

    def action_report(self) -> None:
        self.keep_pending()
        if self.audit is not None and not self._refuse_if_out_of_date():  # with the decisions so far, as on screen
            self.save_report(self.audit, dict(self.decisions))

    @work(thread=True, group="account-report", exit_on_error=False, name="save the report")
    def save_report(self, audit, decisions: dict[int, str]) -> None:
        from guidance.accounts.report import write_report

        name = f"{audit.reconciliation.reference}-account-audit.docx"
        report = write_report(audit, "docx", self.app.services.page_titles(), decisions)
        where = self.app.services.deliver(self.app, report, name)
        self.app.call_from_thread(self.notify, f"Report saved: {where}")

    def action_letter(self) -> None:
        from guidance.accounts.letters import LETTERS, NothingToAsk, statements_values, surplus_values

        self.keep_pending()
        if self.audit is None or self._refuse_if_out_of_date():
            return
        for kind, values in (("statements", statements_values), ("surplus", surplus_values)):
            try:
                prefill = values(self.audit)
            except NothingToAsk:
                continue
            # a draft left unsaved comes back; the letter (and its draft) keeps this audit as its source
            self.app.open_letter(LETTERS[kind], filled=prefill, audit_id=self.audit_id)
            return
        self.notify("No letter is needed: no surplus and no statements missing.")

    def action_review(self) -> None:
        """V: the account review flow, its answers filled from this (recorded) audit."""
        self.keep_pending()
        if self.audit is None:
            self.notify("Audit the account first: give the plan and statements, then press Enter.")
            return
        if self._refuse_if_out_of_date():
            return
        if self.audit_id is None:
            self.notify("This audit was not recorded, so the review cannot start from it.", severity="warning")
            return
        open_review(self.app, self.audit_id)

    def action_back(self) -> None:
        """Esc: drop a decision chosen but not recorded; else back."""
        if self.pending is not None:
            self._set_pending(None)
            return
        self.app.pop_screen()


def open_review(app, audit_id: str) -> None:
    """Open the account review (the officer flow whose ``prefill`` takes an account audit; the
    first by title if there are several) with recorded audit ``audit_id``'s figures filled in."""
    from guidance.tui.screens.flow import FlowScreen

    flows = sorted((loaded.flow for loaded in app.services.flows().values()
                    if "account_audit" in loaded.flow.prefill and "officer" in loaded.flow.audience),
                   key=lambda flow: flow.title)
    if not flows:
        app.notify("No guided help starts from an account audit.", severity="warning")
        return
    app.push_screen(FlowScreen(flow_id=flows[0].id, from_audit=audit_id))
