"""The account screen after the plan or statements field is changed: the audit on screen is
marked out of date, no decision (nor report, letter or review) can be made on it until the files
are audited again, and a choice made on it before the change is recorded, not lost."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input

from tui_helpers import open_audited, wait_for

DATA = Path(__file__).resolve().parents[1] / "data" / "accounts"


def status(screen) -> str:
    return " ".join(str(screen.query_one("#account-status").render()).split())


async def test_changed_files_put_the_audit_out_of_date(make_app, monkeypatch):
    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_audited(app, pilot)
        flags = screen.query_one("#account-flag-table", DataTable)
        await wait_for(pilot, lambda: flags.has_focus)
        await pilot.press("q")  # chosen, not yet recorded
        assert screen.pending == (1, "query")
        box = screen.query_one("#account-statements", Input)
        box.focus()
        await pilot.press("end", "2")  # another file named
        await pilot.pause()
        assert screen.decisions.get(1) == "query" and screen.pending is None  # recorded, not lost
        assert status(screen).startswith("Out of date"), status(screen)
        assert flags.has_class("-out-of-date")
        flags.focus()
        await pilot.press("down", "e", "enter")  # no decision on an audit of other files
        await pilot.pause()
        assert screen.pending is None and screen.decisions == {1: "query"}
        await pilot.press("l")  # nor a letter
        await pilot.pause()
        assert app.screen is screen
        box.focus()
        await pilot.press("end", "backspace")  # the files audited again named: up to date again
        await pilot.pause()
        assert not status(screen).startswith("Out of date") and not flags.has_class("-out-of-date")
        await pilot.press("end", "2", "enter")  # audits the files named now
        await wait_for(pilot, lambda: screen.audit is None or "Not audited" in status(screen))
        await wait_for(pilot, lambda: "Not audited" in status(screen))
        assert not flags.has_class("-out-of-date") and flags.row_count == 0
