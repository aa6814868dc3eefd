"""Enter in the command palette acts on the list for the words typed before it, however fast
they were typed, and the keys typed straight after Enter reach the screen that opens."""

from __future__ import annotations

import pytest
from textual import events
from textual.command import CommandList

from guidance.tui.screens.calculator import CalculatorScreen
from guidance.tui.screens.page import PageScreen

from tui_helpers import type_burst, wait_for, wait_ready


async def _palette(app, pilot):
    await wait_ready(app, pilot)
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: app.screen.query(CommandList))
    await pilot.pause()


@pytest.mark.parametrize("words", ["Calculator: Statutory redundancy pay", "calculator redundancy"])
async def test_words_enter_and_more_keys_in_one_burst_open_the_calculator_with_the_keys(make_app, words):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _palette(app, pilot)
        type_burst(app, words)
        app.post_message(events.Key("enter", "\r"))
        type_burst(app, "42")
        await wait_for(pilot, lambda: isinstance(app.screen, (CalculatorScreen, PageScreen)), tries=400)
        await pilot.pause()
        assert isinstance(app.screen, CalculatorScreen) and app.screen.calculator.name == "redundancy"
        await wait_for(pilot, lambda: getattr(app.focused, "value", None) == "42", tries=200)
        assert app.focused.id == "in-age"


async def test_enter_after_moving_down_the_list_opens_the_command_moved_to(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _palette(app, pilot)
        await pilot.press(*"minimum wage")
        commands = app.screen.query_one(CommandList)

        def shown(i: int) -> str:
            return str(commands.get_option_at_index(i).prompt).split("\n")[0] if commands.option_count > i else ""

        # the whole list for the words is shown: the calculator, then a page
        await wait_for(pilot, lambda: shown(0).startswith("Calculator: ") and shown(1).startswith("Page: ")
                       and not [w for w in app.screen.workers if not w.is_finished])
        await pilot.pause(0.5)
        second = shown(1)
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, (PageScreen, CalculatorScreen)))
        await pilot.pause()
        assert isinstance(app.screen, PageScreen) and app.screen.title == second.removeprefix("Page: ")


async def test_enter_with_nothing_found_keeps_the_palette_and_the_keys_after_it(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _palette(app, pilot)
        type_burst(app, "zzqxv")
        app.post_message(events.Key("enter", "\r"))
        type_burst(app, "w")
        await pilot.pause(1.0)
        assert app.screen.query(CommandList)
        await wait_for(pilot, lambda: getattr(app.focused, "value", None) == "zzqxvw", tries=200)
