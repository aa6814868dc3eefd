"""Keys typed straight after Esc from a page, before the home screen has come back, land in the
search box (added to the words searched for, as typed there), never in the results list where
they would be lost."""

import pytest
from textual.widgets import Input, OptionList

from guidance.tui.screens.page import PageScreen

from tui_helpers import wait_for, wait_ready


@pytest.mark.parametrize("how", ["results", "browse"])
async def test_typing_at_once_after_esc_from_a_page_searches_again(make_app, how):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        home = app.screen
        if how == "results":
            await pilot.press(*"tribunal claim")
            await wait_for(pilot, lambda: home.shown_query == "tribunal claim")
            await pilot.press("enter", "enter")  # to the best result, and open it
        else:
            await pilot.press("f5")  # browse by subject: the tree has the keys
            await pilot.pause()
            tree = home.query_one("#browse")
            tree.select_node(next(node for node in _leaves(tree.root)))
        await wait_for(pilot, lambda: isinstance(app.screen, PageScreen))
        await pilot.pause()
        typed = "s time" if how == "results" else "holiday pay"  # added to the words searched for
        await pilot.press("escape", *typed)  # no pause: typed while home comes back
        await pilot.pause()
        box = home.query_one("#search", Input)
        assert app.screen is home and app.focused is box
        want = "tribunal claims time" if how == "results" else "holiday pay"
        assert box.value == want
        await wait_for(pilot, lambda: home.shown_query == want)
        assert home.query_one("#results", OptionList).option_count


def _leaves(node):
    for child in node.children:
        if child.data:
            yield child
        yield from _leaves(child)
