"""Keys typed in one burst after Tab land in the field Tab moves to, whatever kind of field Tab
leaves (a drop-down, a text field), and the keys typed as the palette opens a form and after
it land where a slow typist's would."""

from __future__ import annotations

import asyncio

from textual import events
from textual.command import CommandList

from guidance.tui.screens.calculator import CalculatorScreen

from tui_helpers import open_calculator, wait_for, wait_ready


async def _burst(app, *keys: str) -> None:
    """``keys`` typed in one burst: "tab", "enter" and "ctrl+r" as those keys, anything else as
    its characters. Each key arrives as from a terminal read: the app's loop may take a turn
    between two keys (not long enough for a key's binding to have run)."""
    named = {"tab": "\t", "enter": "\r", "ctrl+r": "\x12", "ctrl+p": None}
    for key in keys:
        for one in ([key] if key in named else list(key)):
            event = events.Key(one if one in named else "space" if one == " " else one, named.get(one, one))
            asyncio.get_running_loop().create_task(app._post_message(event))  # as a terminal driver sends it
    await asyncio.sleep(0)


async def _settle(pilot) -> None:
    for _ in range(8):
        await pilot.pause()


async def test_figure_typed_after_tab_from_a_drop_down_is_kept(make_app):
    """Holiday calculator: Tab from "How the PA works" (a drop-down), 3.5, Ctrl+R typed fast:
    3.5 is the days worked a week."""
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calculator(app, pilot, "holiday")
        await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "in-basis")
        await pilot.pause()
        await _burst(app, "tab", "3.5", "ctrl+r")
        await _settle(pilot)
        assert screen.query_one("#in-days_per_week").value == "3.5"


async def test_figure_typed_after_tab_from_a_drop_down_opened_from_the_palette_is_kept(make_app):
    """The same, the calculator opened from the palette as an officer does."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen.query(CommandList))
        await pilot.press(*"holiday calculator")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CalculatorScreen) and app.focused is not None
                       and app.focused.id == "in-basis", tries=400)
        await pilot.pause(0.5)
        await _burst(app, "tab", "3.5", "ctrl+r")
        await _settle(pilot)
        assert app.screen.query_one("#in-days_per_week").value == "3.5"


async def test_fields_typed_with_tabs_in_one_burst_land_in_their_own_fields(make_app):
    """Employer cost: rate, Tab, hours, Tab, age, Tab, date typed fast: each in its own field."""
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calculator(app, pilot, "employer-cost")
        await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "in-hourly_rate")
        await _burst(app, "12.5", "tab", "20", "tab", "76", "tab", "1/12/2026")
        await _settle(pilot)
        got = {key: screen.query_one(f"#in-{key}").value for key in ("hourly_rate", "hours_per_week", "age", "on")}
        assert got == {"hourly_rate": "12.5", "hours_per_week": "20", "age": "76", "on": "1/12/2026"}


async def test_form_opened_from_the_palette_takes_the_keys_typed_fast_in_order(make_app):
    """A freshly started app: Ctrl+P, "employer cost", Enter, 12.5 in one burst, then the other
    fields with Tabs in one burst: each figure in its own field."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        app.post_message(events.Key("ctrl+p", None))
        await _burst(app, "employer cost", "enter", "12.5")
        await wait_for(pilot, lambda: isinstance(app.screen, CalculatorScreen), tries=400)
        await _burst(app, "tab", "20", "tab", "76", "tab", "1/12/2026")
        await _settle(pilot)
        await wait_for(pilot, lambda: app.screen.query_one("#in-on").value, tries=200)
        screen = app.screen
        got = {key: screen.query_one(f"#in-{key}").value for key in ("hourly_rate", "hours_per_week", "age", "on")}
        assert got == {"hourly_rate": "12.5", "hours_per_week": "20", "age": "76", "on": "1/12/2026"}
