"""Every screen typed into at once takes the keys typed while it was opening: the first keys of
a burst typed straight after the key that opens it go into its first field, in order, never
dropped (Textual hands a key to the screen itself until a widget has the focus)."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, TextArea

from tui_helpers import type_burst, wait_for, wait_ready


async def _opened_with_burst(app, pilot, screen, text: str, field: str):
    """Push ``screen`` and, in the same moment, type ``text``; the value of ``field`` on it once
    all is handled."""
    app.push_screen(screen)
    type_burst(app, text)
    await wait_for(pilot, lambda: app.screen is screen and screen.query(field))
    for _ in range(4):
        await pilot.pause()
    widget = screen.query_one(field)
    return widget.text if isinstance(widget, TextArea) else widget.value


async def test_calculator_takes_the_keys_typed_as_it_opens(make_app):
    from guidance.tui.screens.calculator import CalculatorScreen

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        assert await _opened_with_burst(app, pilot, CalculatorScreen("sick-pay"), "23/11/2026", "#in-sick_start") == "23/11/2026"


async def test_account_audit_takes_the_keys_typed_as_it_opens(make_app):
    from guidance.tui.screens.account import AccountScreen

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        assert await _opened_with_burst(app, pilot, AccountScreen(), "plan.yaml", "#account-plan") == "plan.yaml"


async def test_date_prompt_takes_the_keys_typed_as_it_opens(make_app):
    from guidance.tui.screens.date_prompt import DatePrompt

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        typed = await _opened_with_burst(app, pilot, DatePrompt("Figures as at", dt.date(2026, 4, 6)), "X", "#date-input")
        assert typed.endswith("X")


async def test_call_notes_take_the_keys_typed_as_they_open(make_app):
    from guidance.tui.screens.call_notes import CallNotesDialog

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press(*"ASC-104233", "enter")
        await wait_for(pilot, lambda: app.call is not None)
        await pilot.pause()
        assert await _opened_with_burst(app, pilot, CallNotesDialog(), "asks about sick pay", "#call-notes") == "asks about sick pay"
