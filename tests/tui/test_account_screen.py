"""The officer's account screen: audit from files, decide flags one by one, report and letter,
keyboard first at 80×24 (Pilot tests and a snapshot)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Sparkline

from guidance.records.accounts import AccountAuditStore
from guidance.records.database import open_database
from guidance.tui.screens.account import AccountScreen

from tui_helpers import wait_for, wait_ready

DATA = Path(__file__).resolve().parents[1] / "data" / "accounts"


async def _audit(app, pilot, plan: str, statement: str):
    await wait_ready(app, pilot, search=False)
    app.push_screen(AccountScreen())
    await wait_for(pilot, lambda: isinstance(app.screen, AccountScreen))
    await pilot.pause()
    screen = app.screen
    for text in plan:
        await pilot.press(text if text not in "/._-" else {"/": "slash", ".": "full_stop", "_": "underscore", "-": "minus"}[text])
    await pilot.press("enter")
    screen.query_one("#account-statements", Input).value = statement
    await pilot.press("enter")
    await wait_for(pilot, lambda: screen.audit is not None)
    await pilot.pause()
    return screen


async def test_audit_decide_each_flag_and_record(make_app, monkeypatch, tmp_path):
    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _audit(app, pilot, "plan.yaml", "statement.csv")
        assert screen.query_one("#account-plan", Input).value == "plan.yaml"
        flags = screen.query_one("#account-flag-table", DataTable)
        kinds = [flags.get_row_at(i)[1] for i in range(flags.row_count)]
        assert kinds == ["Household member!", "Unexplained", "Cash", "Surplus"]
        assert flags.has_focus
        from guidance.accounts.chart import balance_points

        points = balance_points(screen.audit.reconciliation)
        assert screen.query_one("#account-balance", Sparkline).data == [float(v) for _, v in points]
        figures = screen.query_one("#account-figures", DataTable)
        shown = {figures.get_row_at(i)[0]: figures.get_row_at(i)[1] for i in range(figures.row_count)}
        assert shown["Surplus"] == f"£{screen.audit.reconciliation.surplus:,.2f}"
        assert figures.get_row_at(figures.row_count - 1)[0] == "Surplus"  # the last line, under what is kept
        for key in ("s", "e", "q", "r"):
            await pilot.press(key, "enter", "down")  # moving on is the officer's own keypress
            await pilot.pause()
        assert [flags.get_row_at(i)[0] for i in range(4)] == ["safeguarding", "explained", "query", "recover"]
        assert screen.audit_id is not None
        await app.workers.wait_for_complete()
        db = open_database()
        try:
            record = AccountAuditStore(db).get(screen.audit_id)
        finally:
            db.close()
        assert [(f.kind, f.decision) for f in record.flags] == [
            ("household_payment", "safeguarding"), ("unexplained", "explained"), ("cash", "query"), ("surplus", "recover")]
        app.services.downloads = tmp_path
        await pilot.press("w")
        await wait_for(pilot, lambda: (tmp_path / "DP-900001-account-audit.docx").exists())
        await pilot.press("l")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "LetterScreen")
        assert app.screen.template_id == "dp-surplus-repayment"
        assert app.screen.prefill["balance"] == str(screen.audit.reconciliation.closing_balance)


async def test_a_decision_that_cannot_be_kept_is_undone_and_reported(make_app, monkeypatch):
    """The decision is shown at once; if the records cannot keep it, the flag goes back to how
    it was and the one error handler says so (no crash, no decision shown that was not kept)."""
    from guidance.records.store import StoreError

    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _audit(app, pilot, "plan.yaml", "statement.csv")
        failures = []
        monkeypatch.setattr(app, "show_failure", lambda what, error: failures.append((what, str(error))))

        class Broken:
            def decide(self, *args, **kwargs):
                raise StoreError("the records database cannot be reached")

        monkeypatch.setattr(app.services, "account_store", lambda: Broken())
        await pilot.press("e", "enter")
        await app.workers.wait_for_complete()
        await wait_for(pilot, lambda: failures)
        flags = screen.query_one("#account-flag-table", DataTable)
        assert flags.get_row_at(0)[0] == "-" and 1 not in screen.decisions
        assert failures == [("record the decision on the flag", "the records database cannot be reached")]


async def test_a_key_chooses_the_decision_and_enter_records_it(make_app, monkeypatch):
    """E/Q/R/S only choose (shown on the row and in the line below, nothing recorded yet); Enter
    records, the cursor staying on the flag; Esc drops a choice, moving to another flag records it;
    the keys are in the footer, whole, at 80×24."""
    from textual.widgets._footer import FooterKey

    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _audit(app, pilot, "plan.yaml", "statement.csv")
        flags = screen.query_one("#account-flag-table", DataTable)
        shown = {key.key: key for key in screen.query(FooterKey)}
        for key, words in (("e", "Explained"), ("q", "Query"), ("r", "Recover"), ("s", "Safeguard"), ("enter", "Confirm")):
            assert shown[key].description == words
            region = shown[key].region
            assert region.width >= len(words) and region.right <= 80 and region.y == 23, key
        await pilot.press("q")
        await pilot.pause()
        assert str(flags.get_row_at(0)[0]) == "query" and screen.decisions == {} and screen.pending == (1, "query")
        assert "Enter or moving on records 'query'" in str(screen.query_one("#account-flag-text").render())
        await pilot.press("escape")  # drops the choice; the screen stays
        await pilot.pause()
        assert isinstance(app.screen, AccountScreen) and screen.pending is None and flags.get_row_at(0)[0] == "-"
        await pilot.press("down")  # nothing chosen: moving on records nothing
        await pilot.pause()
        assert screen.decisions == {} and flags.cursor_row == 1
        await pilot.press("enter")  # nothing chosen: nothing recorded
        await pilot.pause()
        assert screen.decisions == {}
        await pilot.press("e", "s", "enter")  # the last key chosen counts
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.decisions == {2: "safeguarding"} and flags.cursor_row == 1
        record = app.services.account_store().get(screen.audit_id)
        assert [f.decision for f in record.flags] == [None, "safeguarding", None, None]


async def test_a_new_audit_clears_the_last_and_an_older_result_never_replaces_it(make_app, monkeypatch):
    """Ctrl+R again: the old figures, flags and balance go at once; an audit started earlier
    that finishes later is dropped (not shown, not recorded)."""
    import dataclasses
    import threading

    import guidance.accounts.audit as audit_module

    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _audit(app, pilot, "plan.yaml", "statement.csv")
        first_id = screen.audit_id
        real = audit_module.audit_files
        release = threading.Event()
        calls = []

        def audit_files(*args, **kwargs):
            calls.append(len(calls))
            if len(calls) == 1:  # the earlier audit: slow, and different, to tell them apart
                release.wait(30)
                return dataclasses.replace(real(*args, **kwargs), flags=[])
            return real(*args, **kwargs)

        monkeypatch.setattr(audit_module, "audit_files", audit_files)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert screen.audit is None and screen.audit_id is None
        assert screen.query_one("#account-figures", DataTable).row_count == 0
        assert screen.query_one("#account-flag-table", DataTable).row_count == 0
        assert screen.query_one("#account-balance", Sparkline).data == []
        assert "Auditing" in str(screen.query_one("#account-status").render())
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: screen.audit is not None)
        newer = (screen.audit, screen.audit_id)
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert (screen.audit, screen.audit_id) == newer and len(screen.audit.flags) == 4
        assert screen.query_one("#account-flag-table", DataTable).row_count == 4
        assert {record.id for record in app.services.account_store().list()} == {first_id, newer[1]}


async def test_unreadable_statement_says_where(make_app, tmp_path, monkeypatch):
    bad = tmp_path / "bad.csv"
    bad.write_text("Date,Description,Amount\n01/04/2026,X,ten\n02/04/2026,Y,-1.00\n03/04/2026,Z,eleven\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.yaml").write_text((DATA / "plan.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.push_screen(AccountScreen("plan.yaml", "bad.csv"))
        await wait_for(pilot, lambda: isinstance(app.screen, AccountScreen))
        await pilot.pause()
        await pilot.press("ctrl+r")
        status = app.screen.query_one("#account-status")
        await wait_for(pilot, lambda: "Not audited" in str(status.render()))
        assert "bad.csv:2" in str(status.render()) and app.screen.audit is None
        assert "bad.csv:4" in str(app.screen.query_one("#account-flag-text").render())  # every bad row, not only the first


async def test_palette_opens_the_account_screen(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await pilot.press("ctrl+p")
        await pilot.pause()
        from textual.command import CommandList

        for key in "account audit: reconcile":
            await pilot.press({" ": "space", ":": "colon"}.get(key, key))
        options = app.screen.query_one(CommandList)
        await wait_for(pilot, lambda: options.option_count and "reconcile bank statements" in str(options.get_option_at_index(0).prompt))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, AccountScreen))


def _audited_at_80x24(snap_compare, downs: int = 0) -> bool:
    """Snapshot of the account screen at 80×24 after auditing plan.yaml and statement.csv in the
    current folder, the cursor moved ``downs`` flags down."""
    import datetime as dt

    from guidance.tui.app import GuidanceApp

    root = Path(__file__).resolve().parents[1] / "data" / "app_root"

    async def run(pilot):
        app = pilot.app
        for _ in range(9000):
            await pilot.pause(0.02)
            if app.services.base is not None:
                break
        app.push_screen(AccountScreen("plan.yaml", "statement.csv"))
        await pilot.pause()
        for widget in app.screen.query(Input):
            widget.cursor_blink = False
        await pilot.press("ctrl+r")
        for _ in range(9000):
            await pilot.pause(0.02)
            if app.screen.audit is not None:
                break
        if downs:
            await pilot.press(*["down"] * downs)
        await pilot.pause()

    return snap_compare(GuidanceApp(root, dt.date(2026, 11, 25), build_index=False), terminal_size=(80, 24), run_before=run)


def test_account_screen_snapshot(snap_compare, monkeypatch):
    monkeypatch.chdir(DATA)
    assert _audited_at_80x24(snap_compare)


async def test_nothing_is_cut_at_80x24(make_app, monkeypatch):
    """Every label and amount in the figures and the flags shows in full at 80×24: the tables
    need no sideways scrolling, no cell is shortened, and each flag reads in words."""
    from guidance.accounts.flags import LABEL_WIDTH, LABELS

    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _audit(app, pilot, "plan.yaml", "statement.csv")
        for table_id in ("#account-figures", "#account-flag-table"):
            table = screen.query_one(table_id, DataTable)
            assert table.virtual_size.width <= table.scrollable_content_region.width, table_id
            for row in range(table.row_count):
                for cell in table.get_row_at(row):
                    assert "…" not in str(cell)
        flags = screen.query_one("#account-flag-table", DataTable)
        labels = [str(flags.get_row_at(i)[1]).rstrip("!") for i in range(flags.row_count)]
        assert labels == [flag.label for flag in screen.audit.flags]
        assert all(len(label) <= LABEL_WIDTH for label in LABELS.values())
        assert LABELS["contribution_shortfall"] == "Contribution short"
        figures = screen.query_one("#account-figures", DataTable)
        assert "Contribution paid" in [figures.get_row_at(i)[0] for i in range(figures.row_count)]


async def test_the_longest_labels_and_amounts_fit_at_80x24(make_app, monkeypatch):
    """A flag of every kind, with five-figure amounts: still nothing cut."""
    import dataclasses
    import datetime as dt
    from decimal import Decimal

    from guidance.accounts.flags import LABELS, Flag

    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _audit(app, pilot, "plan.yaml", "statement.csv")
        rec = dataclasses.replace(screen.audit.reconciliation, contribution_paid=Decimal("-99999.99"),
                                  council_expected=Decimal("99999.99"))
        flags = [Flag(kind, dt.date(2026, 4, 30), Decimal("-99999.99"), "a test") for kind in LABELS]
        screen._show(dataclasses.replace(screen.audit, reconciliation=rec, flags=flags), None)
        for _ in flags:
            await pilot.press("s", "enter", "down")  # "safeguarding", the longest decision, on every flag
        await pilot.pause()
        for table_id in ("#account-figures", "#account-flag-table"):
            table = screen.query_one(table_id, DataTable)
            assert table.virtual_size.width <= table.scrollable_content_region.width, table_id


async def test_files_with_spaces_one_record_and_the_report_keeps_decisions(make_app, monkeypatch, tmp_path):
    """A statement named with spaces is taken whole as typed (or among others split by ";");
    Enter again on the same files reuses the recorded audit (no duplicate in the records) and
    keeps its decisions; W's report carries the decisions recorded so far and pages by title."""
    import shutil
    import zipfile

    from guidance.tui.screens.account import STATEMENTS_HINT, statement_files

    monkeypatch.chdir(tmp_path)
    shutil.copy(DATA / "plan.yaml", "plan.yaml")
    shutil.copy(DATA / "statement.csv", "Statement Apr-Jun 2026.csv")
    assert "; (names may have spaces)" in STATEMENTS_HINT
    assert statement_files("Statement Apr-Jun 2026.csv ; b c.csv") == ["Statement Apr-Jun 2026.csv", "b c.csv"]
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _audit(app, pilot, "plan.yaml", "Statement Apr-Jun 2026.csv")
        first = screen.audit_id
        assert first is not None and "Not audited" not in str(screen.query_one("#account-status").render())
        assert str(screen.query_one("#account-status").render()).endswith(", recorded")
        await pilot.press("q", "enter")
        await app.workers.wait_for_complete()
        screen.query_one("#account-statements", Input).focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.audit is not None)
        await pilot.pause()
        assert screen.audit_id == first and screen.decisions == {1: "query"}
        # said as the command line says it: the same audit is not recorded a second time
        status = screen.query_one("#account-status")
        assert str(status.render()).endswith("same as recorded, not again"), str(status.render())
        assert status.size.width * status.size.height >= len(str(status.render()))  # wrapped, not cut
        db = open_database()
        try:
            assert [r.id for r in AccountAuditStore(db).list()] == [first]
        finally:
            db.close()
        app.services.downloads = tmp_path
        await pilot.press("w")
        report = tmp_path / "DP-900001-account-audit.docx"
        await wait_for(pilot, lambda: report.exists())
        await app.workers.wait_for_complete()
        with zipfile.ZipFile(report) as z:
            body = z.read("word/document.xml").decode("utf-8")
        assert "Decision: query." in body and "page:" not in body


def _many_flags(folder: Path, count: int = 24) -> None:
    """A plan and a statement (synthetic) in ``folder`` whose audit has ``count`` flags."""
    from accounts_support import Account, plant_many_unexplained, write

    account = Account.base(reference="DP-900024")
    plant_many_unexplained(account, count)
    account.write_plan(folder / "plan.yaml", opening_balance=str(account.opening))
    write(account, "paid", folder)


async def test_with_many_flags_the_selected_flag_and_the_hints_stay_on_screen(make_app, monkeypatch, tmp_path):
    """24 flags at 80×24: the list scrolls, and the selected flag's date, file:line and message
    and the key hints stay below it, on screen, wherever the cursor is."""
    from guidance.tui.screens.account import OTHER_KEYS

    monkeypatch.chdir(tmp_path)
    _many_flags(tmp_path)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _audit(app, pilot, "plan.yaml", "statement.csv")
        assert len(screen.audit.flags) == 24
        flags = screen.query_one("#account-flag-table", DataTable)
        text = screen.query_one("#account-flag-text")
        for row in (0, 11, 20, 23):
            await pilot.press(*["down"] * (row - flags.cursor_row))
            await pilot.pause()
            flag = screen.audit.flags[row]
            shown = str(text.render())
            assert f"statement.csv:{flag.line})" in shown and OTHER_KEYS in shown, row
            assert text.region.height >= 3 and text.region.bottom <= 23, (row, text.region)  # above the footer
            assert flags.region.y <= flags.region.y + flags.cursor_row - flags.scroll_offset.y < flags.region.bottom


async def test_keys_work_as_the_hints_show_them_and_with_shift(make_app, monkeypatch, tmp_path):
    """The hint line shows each letter key as it is pressed (lowercase), and that key is bound;
    with Shift (or Caps Lock) the same key does the same."""
    import re

    from guidance.tui.screens.account import OTHER_KEYS

    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _audit(app, pilot, "plan.yaml", "statement.csv")
        letters = re.findall(r"(?:^|· )(\w) ", OTHER_KEYS)
        assert letters == ["w", "l", "v"]
        from guidance.tui.screens.account import FlagTable

        bound = {binding.key for binding in FlagTable.BINDINGS}  # the keys of the list the hints are under
        assert set(letters) <= bound and {key.upper() for key in letters} <= bound
        app.services.downloads = tmp_path
        await pilot.press("W")
        await wait_for(pilot, lambda: (tmp_path / "DP-900001-account-audit.docx").exists())
        await pilot.press("Q")
        await pilot.pause()
        assert screen.pending == (1, "query")


async def test_a_decision_keeps_the_cursor_on_its_flag(make_app, monkeypatch):
    """Enter records the decision and shows it at once on that flag, and the cursor stays there:
    "Down, q, Enter" decides the flag the officer moved to, never the one after it."""
    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _audit(app, pilot, "plan.yaml", "statement.csv")
        flags = screen.query_one("#account-flag-table", DataTable)
        await pilot.press("e", "enter")
        await pilot.pause()
        assert flags.cursor_row == 0 and flags.get_row_at(0)[0] == "explained"
        assert "(explained)" in str(screen.query_one("#account-flag-text").render())
        await pilot.press("down", "q", "enter")
        await pilot.pause()
        assert flags.cursor_row == 1
        assert [str(flags.get_row_at(i)[0]) for i in range(4)] == ["explained", "query", "-", "-"]
        await app.workers.wait_for_complete()
        assert screen.decisions == {1: "explained", 2: "query"}


def test_account_screen_with_many_flags_snapshot(snap_compare, monkeypatch, tmp_path):
    """24 flags at 80×24, the cursor far down the list: the details and hints still show."""
    monkeypatch.chdir(tmp_path)
    _many_flags(tmp_path)
    assert _audited_at_80x24(snap_compare, downs=20)


def test_account_screen_provisional_surplus_snapshot(snap_compare, monkeypatch, tmp_path):
    """At 80×24 with statements that stop early: the longer 'not final' labels widen the figures,
    and a blank column still parts them from the flags and the hint line."""
    from test_account_layout import provisional_files

    provisional_files(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert _audited_at_80x24(snap_compare)


async def test_a_flag_no_statement_row_gives_says_where_it_comes_from(make_app, monkeypatch, tmp_path):
    """A flag that names no statement row (the surplus, money not seen) says in the line below
    the flags what it is worked out from, as the report does, where a row's flag gives file:line."""
    from guidance.accounts.flags import SOURCES

    monkeypatch.chdir(tmp_path)
    plan = (DATA / "plan.yaml").read_text(encoding="utf-8").replace("amount: '35.00'", "amount: '45.00'")
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")  # more due than is paid in
    (tmp_path / "statement.csv").write_bytes((DATA / "statement.csv").read_bytes())
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _audit(app, pilot, "plan.yaml", "statement.csv")
        row = next(i for i, flag in enumerate(screen.audit.flags) if flag.kind == "contribution_shortfall")
        assert screen.audit.flags[row].file is None
        flags = screen.query_one("#account-flag-table", DataTable)
        await pilot.press(*["down"] * (row - flags.cursor_row))
        await pilot.pause()
        shown = str(screen.query_one("#account-flag-text").content)
        assert f"6 April 2026 (no payment seen; {SOURCES['contribution_shortfall']}):" in shown


async def test_tab_goes_round_the_plan_the_statements_and_the_flags(make_app, monkeypatch):
    """After an audit, Tab and Shift+Tab go round the plan, the statements and the flags only:
    no stop on the figures, where keys typed went nowhere."""
    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _audit(app, pilot, "plan.yaml", "statement.csv")
        seen = []
        for key in ("shift+tab", "shift+tab", "shift+tab", "tab", "tab", "tab"):
            await pilot.press(key)
            await pilot.pause()
            seen.append(screen.focused.id)
        assert seen == ["account-statements", "account-plan", "account-flag-table",
                        "account-plan", "account-statements", "account-flag-table"]
