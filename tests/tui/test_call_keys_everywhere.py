"""The call's keys work on every screen they are shown on, also from inside a text field:
Ctrl+N goes to the call notes (over a screen without the call panel, Esc goes back to the field),
F4 too where there is no panel to hide, and F8 ends the call."""

import pytest
from textual.widgets import Input

from guidance.tui.screens.account import AccountScreen
from guidance.tui.screens.calculator import CalculatorScreen
from guidance.tui.screens.case_note import CaseNoteScreen
from guidance.tui.screens.flow import FlowScreen
from guidance.tui.screens.glossary import GlossaryScreen
from guidance.tui.screens.letter import LetterScreen
from guidance.tui.screens.my_calls import MyCalls
from guidance.tui.screens.page import PageScreen

from tui_helpers import wait_for, wait_ready

REFERENCE = "ASC-104233"


async def _home(app, pilot):
    return app.screen_stack[0]


async def _page(app, pilot):
    app.open_page("statutory-sick-pay")
    await wait_for(pilot, lambda: isinstance(app.screen, PageScreen))
    return app.screen


async def _glossary(app, pilot):
    await _page(app, pilot)
    await pilot.press("g")
    await wait_for(pilot, lambda: isinstance(app.screen, GlossaryScreen))
    return app.screen


async def _calculator(app, pilot):
    app.open_calculator("sick-pay")
    await wait_for(pilot, lambda: isinstance(app.screen, CalculatorScreen) and app.screen.query("#in-sick_start"))
    return app.screen


async def _flow(app, pilot):
    app.start_flow("pa_off_sick")
    await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
    return app.screen


async def _letter(app, pilot):
    app.open_letter("advice-follow-up")
    await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-recipient_name"))
    return app.screen


async def _my_calls(app, pilot):
    await pilot.press("f10")
    await wait_for(pilot, lambda: isinstance(app.screen, MyCalls))
    return app.screen


async def _account(app, pilot):
    app.push_screen(AccountScreen())
    await wait_for(pilot, lambda: isinstance(app.screen, AccountScreen))
    return app.screen


SCREENS = [_home, _page, _glossary, _calculator, _flow, _letter, _my_calls, _account]


async def _in_a_call(app, pilot):
    await wait_ready(app, pilot, search=False)
    await pilot.press("f4", *REFERENCE, "enter")
    await wait_for(pilot, lambda: app.call is not None)
    await pilot.pause()


@pytest.mark.parametrize("open_screen", SCREENS, ids=[f.__name__[1:] for f in SCREENS])
async def test_ctrl_n_goes_to_the_call_notes_and_esc_comes_back(make_app, open_screen):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _in_a_call(app, pilot)
        screen = await open_screen(app, pilot)
        await pilot.pause()
        inputs = [w for w in screen.query(Input) if w.focusable]
        if inputs:  # the keys work from inside a text field too
            inputs[0].focus()
            await pilot.pause()
        was = app.focused
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "call-notes", tries=300)
        await pilot.press(*"Asked about sick pay")
        await wait_for(pilot, lambda: app.call.notes == "Asked about sick pay")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and app.call is not None
        assert app.focused is was  # back in the field the officer was in


@pytest.mark.parametrize("open_screen", [_calculator, _letter, _my_calls], ids=["calculator", "letter", "my_calls"])
async def test_f4_and_f8_work_on_screens_without_the_call_panel(make_app, open_screen):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _in_a_call(app, pilot)
        screen = await open_screen(app, pilot)
        await pilot.pause()
        await pilot.press("f4")  # no panel to hide here: the notes
        await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "call-notes", tries=300)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.press("f8")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseNoteScreen))
