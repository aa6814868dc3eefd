"""Down from the search box lands on the first result, as Enter does."""

from textual.widgets import OptionList

from tui_helpers import wait_for, wait_ready


async def _searched(app, pilot, query: str) -> OptionList:
    """Type ``query`` in the search box and wait for its results; returns the results list."""
    await wait_ready(app, pilot)
    await pilot.press(*query)
    await wait_for(pilot, lambda: app.screen.shown_query == query)
    return app.screen.query_one("#results", OptionList)


async def test_down_from_search_highlights_the_first_result(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        results = await _searched(app, pilot, "can I pay my daughter")
        await pilot.press("down")
        await pilot.pause()
        assert app.focused is results
        assert results.highlighted == 0


async def test_down_then_enter_on_a_corrected_word_searches_as_typed(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        results = await _searched(app, pilot, "hoilday pay")
        assert results.get_option_at_index(0).id == "search:exact"
        await pilot.press("down")
        await pilot.pause()
        assert results.highlighted == 0
