"""Every screen typed into at once takes the keys typed while it was opening: the first keys of
a burst typed straight after the key that opens it go into its first field, in order, never
dropped (Textual hands a key to the screen itself until a widget has the focus)."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input, TextArea

from tui_helpers import open_calculator, type_burst, wait_for, wait_ready


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


@pytest.mark.parametrize("lost", ["field", "turn"])
async def test_a_lost_wait_never_stops_the_screen_taking_keys(make_app, lost):
    """A wait for a new field (after Enter) or for a held key's turn whose ending call was lost
    (its field taken away, its screen switched away from) ends once it has lasted LOST_WAIT
    seconds: the next keys go to the field again instead of being held for good."""
    from guidance.tui.screens import first_field

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calculator(app, pilot, "employer-cost")
        await pilot.pause()
        if lost == "field":
            screen.await_field()  # as Enter does; the new field never comes
        else:
            screen._handing_on, screen._waiting_since = True, first_field._time.get_time()
        await pilot.press("1")
        await pilot.pause()
        field = screen.query_one("#in-hourly_rate", Input)
        assert field.value == ""  # held while the wait may still end
        screen._waiting_since -= first_field.LOST_WAIT + 1
        await pilot.press("2")
        for _ in range(3):
            await pilot.pause()
        assert screen.focused is field and field.value == "12"
