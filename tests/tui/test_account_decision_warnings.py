"""The account screen warns as the command line does when a decision may be a mistake: "recover"
on a surplus that is not final (ask for the missing statements first). The decision is recorded
all the same; other decisions bring no warning."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable


from test_account_layout import provisional_files
from tui_helpers import open_audited, wait_for


def _warnings(app) -> list[str]:
    return [str(n.message) for n in app._notifications if n.severity == "warning"]


async def _decide_the_surplus(app, pilot, key: str):
    """Audit the provisional files, press ``key`` then Enter on the surplus flag; (the screen, the
    flag's number)."""
    screen = await open_audited(app, pilot)
    await pilot.pause()
    number = next(n for n, flag in enumerate(screen.audit.flags, 1) if flag.kind == "surplus")
    table = screen.query_one("#account-flag-table", DataTable)
    table.focus()
    table.move_cursor(row=number - 1)
    await pilot.pause()
    await pilot.press(key, "enter")
    return screen, number


@pytest.mark.parametrize("key, decision, warned", [("r", "recover", True), ("q", "query", False)])
async def test_deciding_on_a_surplus_that_is_not_final(make_app, monkeypatch, tmp_path, key, decision, warned):
    provisional_files(tmp_path)
    monkeypatch.chdir(tmp_path)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, number = await _decide_the_surplus(app, pilot, key)
        await wait_for(pilot, lambda: screen.decisions.get(number) == decision)
        await pilot.pause()
        said = [w for w in _warnings(app) if w.startswith(f"Flag {number}:")]
        assert bool(said) == warned
        if warned:
            assert "PROVISIONAL" in said[0] and "Recorded all the same" in said[0]


async def test_the_warning_goes_when_the_letter_opens(make_app, monkeypatch, tmp_path):
    """The warning is short-lived, and goes as soon as another screen (the letter, with l) opens
    over the account: it never covers the letter's form."""
    provisional_files(tmp_path)
    monkeypatch.chdir(tmp_path)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _ = await _decide_the_surplus(app, pilot, "r")
        await wait_for(pilot, lambda: _warnings(app))
        assert all(n.timeout <= 10 for n in app._notifications if n.severity == "warning")
        app.notify("Could not save the report", severity="error")  # another notice: it stays
        await pilot.pause()
        await pilot.press("l")
        await wait_for(pilot, lambda: app.screen is not screen)
        await pilot.pause()
        assert not _warnings(app)
        assert [str(n.message) for n in app._notifications if n.severity == "error"] == ["Could not save the report"]
