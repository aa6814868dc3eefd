"""Enter in a form field that moves on to the next field does so as the key is handed out: what
a fast typist types straight after Enter goes into the next field, never into the one before."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from guidance.tui.screens.account import AccountScreen

from tui_helpers import open_calculator, type_burst, wait_for, wait_ready

DATA = Path(__file__).resolve().parents[1] / "data" / "accounts"


def _burst(app, *parts: str) -> None:
    """``parts`` typed in one burst with Enter between them."""
    from textual import events

    for number, part in enumerate(parts):
        if number:
            app.post_message(events.Key("enter", "\r"))
        type_burst(app, part)


async def test_calculator_fields_in_one_burst(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calculator(app, pilot, "sick-pay")
        await pilot.pause()
        _burst(app, "23/11/2026", "still off")
        await pilot.pause()
        await pilot.pause()
        assert screen.query_one("#in-sick_start", Input).value == "23/11/2026"
        assert screen.query_one("#in-sick_end", Input).value == "still off"


async def test_account_files_in_one_burst(make_app, monkeypatch):
    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.push_screen(AccountScreen())
        await wait_for(pilot, lambda: isinstance(app.screen, AccountScreen) and app.screen.query("#account-plan"))
        screen = app.screen
        await pilot.pause()
        _burst(app, "plan.yaml", "statement.csv")
        await pilot.pause()
        await pilot.pause()
        assert screen.query_one("#account-plan", Input).value == "plan.yaml"
        assert screen.query_one("#account-statements", Input).value == "statement.csv"
