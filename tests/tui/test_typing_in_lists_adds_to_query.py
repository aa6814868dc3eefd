"""A letter typed on a list of the home screen (the results after Tab or after coming back from
a page, the subjects, guided help) is added to the search words, as if typed in the box: the
same whichever way the list got the focus."""

import pytest
from textual.widgets import Input

from guidance.tui.screens.page import PageScreen

from tui_helpers import type_burst, wait_for, wait_ready


async def _searched(app, pilot, words: str):
    await wait_ready(app, pilot)
    home = app.screen
    await pilot.press(*words)
    await wait_for(pilot, lambda: home.shown_query == words)
    return home


@pytest.mark.parametrize("fast", [False, True])
async def test_a_letter_typed_after_tab_to_the_results_is_added_to_the_words(make_app, fast):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        home = await _searched(app, pilot, "tribunal claim")
        box = home.query_one("#search", Input)
        await pilot.press("tab")
        await wait_for(pilot, lambda: app.focused is not box)
        if fast:
            type_burst(app, "s time")
        else:
            await pilot.press(*"s time")
        await wait_for(pilot, lambda: box.value == "tribunal claims time", tries=200)
        await wait_for(pilot, lambda: home.shown_query == "tribunal claims time")


async def test_a_letter_typed_on_the_results_after_a_page_is_added_to_the_words(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        home = await _searched(app, pilot, "tribunal claim")
        await pilot.press("enter", "enter")  # to the best result, and open it
        await wait_for(pilot, lambda: isinstance(app.screen, PageScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is home)
        await pilot.pause()
        await pilot.press(*"s time")
        box = home.query_one("#search", Input)
        await wait_for(pilot, lambda: box.value == "tribunal claims time", tries=200)
